"""NI 66 reviews on time (spec §2.5), year 2024 (1/4/2023 - 31/3/2024)."""

from carematters.indicators import compute_one

from .builders import care_data, episodes, frame

EPISODES = episodes(
    # R1: the spec example: starts Mon 04/09/2023 -> first due 02/10/2023; held 29/09/2023 on
    #     time -> second due 29/12/2023; held 10/01/2024 late -> not in numerator
    ("R1", "04/09/2023", "S", "C2", "U6", None, None),
    # R2: same start, reviews 02/10/2023 (on the due day), 28/12/2023, 20/06/2024 -> numerator
    ("R2", "04/09/2023", "S", "C2", "U6", None, None),
    # R3: in care since 2022 (history known: data from 2023); reviews 01/06/2022 (first, due
    #     by 09/06/2022), 01/09/2022 (3 months), 01/03/2023, then none: due 01/09/2023 missed
    ("R3", "10/05/2022", "S", "C2", "U6", None, None),
    # R4: entered 20/03/2024, under 28 days at 31 March -> not in the denominator
    ("R4", "20/03/2024", "S", "V2", "U6", None, None),
    # R5: a period that ended in the year with a late review still fails: entered 01/05/2023,
    #     first review due 31/05/2023 (8 and 29 May are bank holidays) held 15/06/2023 (late); ceased
    #     01/08/2023, back 01/10/2023 with reviews on time -> not in numerator
    ("R5", "01/05/2023", "S", "V2", "U6", "01/08/2023", "E4A"),
    ("R5", "01/10/2023", "S", "V2", "U6", None, None),
    # R6: first review due 02/10/2023 never held -> missed
    ("R6", "04/09/2023", "S", "C2", "U6", None, None),
)
REVIEWS = frame(
    "Reviews", ("CHILD", "REVIEW", "REVIEW_CODE"),
    ("R1", "29/09/2023", "PN1"), ("R1", "10/01/2024", "PN1"),
    ("R2", "02/10/2023", "PN1"), ("R2", "28/12/2023", "PN1"), ("R2", "20/06/2024", "PN1"),
    ("R3", "01/06/2022", "PN1"), ("R3", "01/09/2022", "PN1"), ("R3", "01/03/2023", "PN1"),
    ("R5", "15/06/2023", "PN1"), ("R5", "20/10/2023", "PN1"), ("R5", "15/01/2024", "PN1"),
)


def test_ni66_worked_example_and_own_cases():
    data = care_data((2023, 2024), Episodes=EPISODES, Reviews=REVIEWS)
    result = compute_one("NI66", data, 2024)
    kids = result.children
    assert kids["CHILD"].to_list() == ["R1", "R2", "R3", "R5", "R6"]
    assert result.numerator_children()["CHILD"].to_list() == ["R2"]
    assert dict(zip(kids["CHILD"], kids["value"], strict=True)) == {
        "R1": 1, "R2": 0, "R3": 1, "R5": 1, "R6": 1}
    assert result.value == 20.0


# L1: in care since 2019, data only from 2024: the earlier reviews are unknown, so the first
# review seen may be held up to 30/09/2023; held 15/09/2023, next 10/03/2024 -> numerator.
# L2: same, first review seen 15/10/2023 -> late even on the lenient reading.
UNKNOWN_HISTORY = care_data(
    (2024,),
    Episodes=episodes(("L1", "01/01/2019", "S", "C2", "U4", None, None),
                      ("L2", "01/01/2019", "S", "C2", "U4", None, None)),
    Reviews=frame("Reviews", ("CHILD", "REVIEW", "REVIEW_CODE"),
                  ("L1", "15/09/2023", "PN1"), ("L1", "10/03/2024", "PN1"),
                  ("L2", "15/10/2023", "PN1")),
)


def test_ni66_is_lenient_where_history_is_missing():
    result = compute_one("NI66", UNKNOWN_HISTORY, 2024)
    assert result.numerator_children()["CHILD"].to_list() == ["L1"]
    assert "needs returns for 2023-2024" in result.note
