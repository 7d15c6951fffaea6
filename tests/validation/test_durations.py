"""Durations: 361-364 (legal statuses), 375-379 (temporary placements)."""

from tests.validation.util import rows


def ep(child, decom, dec=None, ls="C2", place="U4", rec=None):
    return {"CHILD": child, "DECOM": decom, "DEC": dec, "LS": ls, "PLACE": place,
            "REC": rec or ("X1" if dec else None)}


def test_status_runs_are_summed_across_episodes():
    eps = [
        ep("A", "01/05/2025", "03/05/2025", "L1"),   # fail 361: run 01/05-05/05 is 4 days
        ep("A", "03/05/2025", "05/05/2025", "L1"),   # fail 361: same run
        ep("A", "05/05/2025", None, "C1"),
        ep("B", "01/05/2025", "04/05/2025", "L1", rec="E4A"),  # pass: exactly 72 hours
        ep("C", "01/05/2025", "22/05/2025", "L2"),   # pass 362: 21 days
        ep("C", "22/05/2025", "23/05/2025", "L2"),   # fail 362 with row 5: 22 days in all
        ep("D", "24/03/2026", None, "L3"),           # pass 363: open, 7 days to 31 March
        ep("E", "23/03/2026", None, "L3"),           # fail 363: 8 days
        ep("F", "01/05/2025", "23/05/2025", "J2", rec="E14"),  # fail 364: 22 days
    ]
    assert rows("361", Episodes=eps) == [1, 2]
    assert rows("362", Episodes=eps) == [5, 6]
    assert rows("363", Episodes=eps) == [8]
    assert rows("364", Episodes=eps) == [9]


def test_temporary_placement_limits():
    eps = [
        ep("A", "01/05/2025", "12/06/2025", place="T1"),   # pass 375: 42 days
        ep("A", "01/05/2025", "13/06/2025", place="T1"),   # fail 375
        ep("B", "01/05/2025", "23/05/2025", place="T3"),   # fail 376: 22 days
        ep("C", "01/05/2025", "08/05/2025", place="T4"),   # pass 379: 7 days
        ep("C", "01/05/2025", "09/05/2025", place="T4"),   # fail 379
        ep("D", "01/05/2025", "02/05/2025", place="T3"),   # fail 377: D has three T3
        ep("D", "01/06/2025", "02/06/2025", place="T3"),   # fail 377
        ep("D", "01/07/2025", "02/07/2025", place="T3"),   # fail 377
        ep("E", "01/07/2025", None, ls="V2", place="P1"),  # fail 378
    ]
    assert rows("375", Episodes=eps) == [2]
    assert rows("376", Episodes=eps) == [3]
    assert rows("379", Episodes=eps) == [5]
    assert rows("377", Episodes=eps) == [6, 7, 8]
    assert rows("378", Episodes=eps) == [9]
