"""Stability Index domains and the combined measures (spec §2.10), year 2024."""

import pytest

from carematters.indicators import compute_one

from .builders import care_data, episodes, frame, header

EPISODES = episodes(
    # S1: new carers 01/06/2022, 01/01/2023 (2 changes in 2023); 01/06/2023, 01/01/2024
    #     (2 changes in 2024)
    ("S1", "01/01/2020", "S", "C2", "U6", "01/06/2022", "X1"),
    ("S1", "01/06/2022", "P", "C2", "U6", "01/01/2023", "X1"),
    ("S1", "01/01/2023", "P", "C2", "U6", "01/06/2023", "X1"),
    ("S1", "01/06/2023", "P", "C2", "U4", "01/01/2024", "X1"),
    ("S1", "01/01/2024", "P", "C2", "K2", None, None),
    # S2: first entry 01/05/2023 is not a change; new carer 01/08/2023 is -> 1
    ("S2", "01/05/2023", "S", "V2", "U6", "01/08/2023", "X1"),
    ("S2", "01/08/2023", "P", "V2", "U6", None, None),
    # S3: a week of respite and back to the same carers -> 0
    ("S3", "01/01/2021", "S", "C2", "U4", "10/07/2023", "X1", "CV1 1AA"),
    ("S3", "10/07/2023", "P", "C2", "T3", "17/07/2023", "X1", "CV2 2BB"),
    ("S3", "17/07/2023", "P", "C2", "U4", None, None, "CV1 1AA"),
    # S4: left 01/12/2021, re-entered 01/07/2023 -> the re-entry counts: 1
    ("S4", "01/01/2019", "S", "C2", "U6", "01/12/2021", "E4A"),
    ("S4", "01/07/2023", "S", "V2", "U6", None, None),
    # S5: no changes
    ("S5", "01/01/2022", "S", "C2", "U6", None, None),
)
SW = frame(
    "SWEpisodes", ("CHILD", "SW_ID", "SW_DECOM", "SW_DEC", "SW_REASON"),
    # S1: first worker, then two changes in the year -> 2
    ("S1", "SW1", "01/01/2020", "01/05/2023", "FCONTA"),
    ("S1", "SW2", "01/05/2023", "01/02/2024", "LEFTRL"),
    ("S1", "SW3", "01/02/2024", None, "MANAGE"),
    # S2: first worker only -> 0
    ("S2", "SW4", "01/05/2023", None, "FCONTA"),
    # S3: same worker on two rows (merged); a placeholder-only id is dropped -> 0
    ("S3", "SW5", "01/01/2021", "01/06/2023", "FCONTA"),
    ("S3", "SW5", "01/06/2023", None, "TSPROC"),
    ("S3", "XXXXXXX", "01/09/2023", None, "OTHERS"),
    # S5: no worker open at 31 March -> left out of the social worker cohort
    ("S5", "SW6", "01/01/2022", "01/02/2024", "FCONTA"),
)
SCHOOLS = frame(
    "SchoolEnrolment", ("CHILD", "SCHOOL_URN", "START", "END"),
    ("S1", "100001", "01/09/2019", "09/01/2024"),
    ("S1", "100002", "10/01/2024", None),  # mid-year move
    ("S2", "100003", "01/09/2022", "20/07/2023"),
    ("S2", "100004", "05/09/2023", None),  # first three weeks of September: not mid-year
    ("S4", "100005", "01/11/2023", None),  # S4 is 3: not of school age
)
HEADER = header(("S1", "01/01/2012"), ("S2", "01/01/2012"), ("S3", "01/01/2014"),
                ("S4", "01/01/2020"), ("S5", "01/01/2010"))
DATA = care_data((2023, 2024), Episodes=EPISODES, SWEpisodes=SW, SchoolEnrolment=SCHOOLS,
                 Header=HEADER)


@pytest.mark.parametrize(("ind", "children", "denominator"), [
    ("SI_PLACEMENT_1PLUS", ["S1", "S2", "S4"], 5),
    ("SI_PLACEMENT_2PLUS", ["S1"], 5),
    ("SI_SW_1PLUS", ["S1"], 3),  # S1, S2, S3
    ("SI_SW_2PLUS", ["S1"], 3),
    ("SI_SCHOOL_MOVE", ["S1"], 2),  # S1, S2 (S4 too young, S3 and S5 unmatched)
    ("SI_ANY", ["S1", "S2", "S4"], 5),
    ("SI_MULTIPLE", ["S1"], 5),
    ("SI_PLACEMENT_2PLUS_2Y", ["S1"], 3),  # in care in 2023 too: S1, S3, S5
])
def test_stability_index(ind, children, denominator):
    result = compute_one(ind, DATA, 2024)
    assert result.numerator_children()["CHILD"].to_list() == children
    assert result.denominator == denominator


def test_change_counts_per_child():
    kids = compute_one("SI_PLACEMENT_1PLUS", DATA, 2024).children
    assert dict(zip(kids["CHILD"], kids["value"], strict=True)) == {
        "S1": 2, "S2": 1, "S3": 0, "S4": 1, "S5": 0}


def test_social_worker_measures_need_swepisodes():
    data = care_data((2024,), Episodes=EPISODES)
    result = compute_one("SI_SW_1PLUS", data, 2024)
    assert not result.available and "SWEpisodes" in result.note
    # the combined measure still runs on the domains there are
    assert compute_one("SI_ANY", data, 2024).numerator == 3


def test_combined_measures_say_which_domains_were_missing():
    data = care_data((2024,), Episodes=EPISODES, SchoolEnrolment=SCHOOLS, Header=HEADER)
    assert compute_one("SI_MULTIPLE", data, 2024).note == (
        "no social worker data: those domains count as stable")
    assert compute_one("SI_MULTIPLE", DATA, 2024).note == ""
