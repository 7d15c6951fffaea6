"""Spec worked examples used by more than one test module (indicators and data building blocks)."""

from .builders import episodes

# Spec §2.3 (year 2024), episodes as DECOM, RNE, LS, PLACE -> DEC, REC.
NI62_EPISODES = episodes(
    # C1: placed on 1 April, then two new carers -> 3 placements: numerator
    ("C1", "10/05/2022", "S", "C2", "U6", "15/06/2023", "X1"),
    ("C1", "15/06/2023", "P", "C2", "U4", "02/01/2024", "X1"),
    ("C1", "02/01/2024", "P", "C2", "K2", None, None),
    # C2: S then legal change (L) and house move (T) -> 1 placement
    ("C2", "01/09/2023", "S", "V2", "U6", "20/09/2023", "X1"),
    ("C2", "20/09/2023", "L", "C1", "U6", "01/12/2023", "X1"),
    ("C2", "01/12/2023", "T", "C1", "U6", None, None),
    # C3: T3 respite and the return to the same postcode absorbed -> 1 + 1 = 2
    ("C3", "01/06/2021", "S", "C2", "U4", "10/07/2023", "X1", "CV1 1AA"),
    ("C3", "10/07/2023", "P", "C2", "T3", "17/07/2023", "X1", "CV2 2BB"),
    ("C3", "17/07/2023", "P", "C2", "U4", "05/02/2024", "X1", "CV1 1AA"),
    ("C3", "05/02/2024", "P", "C2", "U6", None, None, "CV3 3CC"),
    # C4: S, P, B -> 3: numerator
    ("C4", "15/04/2023", "S", "C1", "U6", "20/05/2023", "X1"),
    ("C4", "20/05/2023", "P", "C1", "U6", "30/06/2023", "X1"),
    ("C4", "30/06/2023", "B", "C2", "K2", None, None),
    # C5: three placements but ceased 10/03/2024 -> not in the cohort
    ("C5", "01/05/2023", "S", "C2", "U6", "01/08/2023", "X1"),
    ("C5", "01/08/2023", "P", "C2", "U4", "01/11/2023", "X1"),
    ("C5", "01/11/2023", "P", "C2", "K2", "10/03/2024", "E4A"),
    # C6: only short breaks -> removed
    ("C6", "01/05/2023", "S", "V3", "K2", "03/05/2023", "E8"),
    ("C6", "01/03/2024", "S", "V3", "K2", None, None),
    # C7: ceased 01/08/2023 then re-entered -> 1 + 1 = 2
    ("C7", "01/01/2020", "S", "C2", "U6", "01/08/2023", "E4B"),
    ("C7", "01/11/2023", "S", "V2", "U6", None, None),
)
