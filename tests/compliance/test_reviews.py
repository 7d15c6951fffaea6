"""T3-T5 reviews: working days over bank holidays, month-end clipping, restart per period."""

from carematters.compliance import evaluate
from tests.compliance.helpers import care, d, episode, header, items_of


def review(child, day):
    return {"CHILD": child, "REVIEW": day, "REVIEW_CODE": "PN1"}


def reviews_of(data, as_at, child):
    result = evaluate(data, d(as_at), items=["T3", "T4", "T5"])
    return [row for row in items_of(result) if row[0] == child]


def test_first_review_counts_20_working_days_over_christmas():
    data = care(
        Header=[header("XMAS", "01/01/2015"), header("SAT", "01/01/2015")],
        Episodes=[
            episode("XMAS", "01/12/2023"),  # Fri; 25, 26 Dec and 1 Jan are holidays -> 03/01/2024
            episode("SAT", "02/12/2023"),   # Sat counts as day 0 like the Friday -> 03/01/2024
        ],
        Reviews=[review("XMAS", "03/01/2024")],  # held on the due date: on time
    )
    assert reviews_of(data, "10/01/2024", "XMAS")[0] == (
        "XMAS", "T3", "03/01/2024", "03/01/2024", "done_on_time")
    assert reviews_of(data, "10/01/2024", "SAT") == [
        ("SAT", "T3", "03/01/2024", None, "overdue")]


def test_first_review_over_easter():
    # Wed 20/03/2024; Good Friday 29/03 and Easter Monday 01/04 skipped -> 19/04/2024.
    data = care(Header=[header("E", "01/01/2015")], Episodes=[episode("E", "20/03/2024")],
                Reviews=[])
    assert reviews_of(data, "18/04/2024", "E") == [("E", "T3", "19/04/2024", None, "due_soon")]


def test_second_and_later_reviews_clip_to_month_end():
    data = care(
        Header=[header("M", "01/01/2015")],
        Episodes=[episode("M", "13/05/2024")],  # first review due 11/06/2024 (27/05 holiday)
        Reviews=[
            review("M", "31/05/2024"),  # T3 on time
            review("M", "31/08/2024"),  # T4 due 31/05 + 3 months = 31/08/2024: on time
        ],
    )
    expected = [
        ("M", "T3", "11/06/2024", "31/05/2024", "done_on_time"),
        ("M", "T4", "31/08/2024", "31/08/2024", "done_on_time"),
        # T5 due 31/08/2024 + 6 months, clipped to 28/02/2025
        ("M", "T5", "28/02/2025", None, "overdue"),
    ]
    assert reviews_of(data, "01/03/2025", "M") == expected
    assert reviews_of(data, "20/02/2025", "M")[-1][-1] == "due_soon"  # 8 days ahead
    assert reviews_of(data, "01/02/2025", "M")[-1][-1] == "not_yet_due"


def test_review_clock_restarts_with_a_new_period_of_care():
    data = care(
        Header=[header("R", "01/01/2015")],
        Episodes=[
            # Period 1 from Easter Monday 01/04/2024: first review due 29/04/2024.
            episode("R", "01/04/2024", dec="10/05/2024", rec="E4A"),
            # Period 2 from 03/06/2024: first review due 01/07/2024.
            episode("R", "03/06/2024"),
        ],
        Reviews=[review("R", "25/04/2024")],
    )
    # Period 1's second review (due 25/07) falls after it ended, so it is not owed.
    assert reviews_of(data, "15/07/2024", "R") == [
        ("R", "T3", "29/04/2024", "25/04/2024", "done_on_time"),
        ("R", "T3", "01/07/2024", None, "overdue"),
    ]


def test_as_at_ignores_later_events_and_later_endings():
    data = care(
        Header=[header("A", "01/01/2015")],
        Episodes=[episode("A", "01/12/2023", dec="01/06/2024", rec="E4A")],
        Reviews=[review("A", "10/01/2024")],
    )
    # On 05/01/2024 the review on 10/01 has not happened: T3 (due 03/01) is overdue and active.
    result = evaluate(data, d("05/01/2024"), items=["T3"])
    assert items_of(result) == [("A", "T3", "03/01/2024", None, "overdue")]
    assert result["ACTIVE"].to_list() == [True]
    # Later it was done late, and the next review fell due 10/04/2024, before care ended: missed.
    later = evaluate(data, d("01/07/2024"), items=["T3", "T4"])
    assert items_of(later) == [
        ("A", "T3", "03/01/2024", "10/01/2024", "done_late"),
        ("A", "T4", "10/04/2024", None, "overdue"),
    ]
    assert later.filter(later["ITEM"] == "T4")["ACTIVE"].to_list() == [False]


def test_items_due_before_the_returns_held_are_judged_from_the_first_day_held():
    data = care(
        Header=[header("H", "01/01/2015"), header("NONE", "01/01/2015")],
        Episodes=[episode("H", "01/01/2020"), episode("NONE", "01/01/2020")],
        Reviews=[review("H", "01/06/2023")],
        Plans=[],
    )
    data = data.__class__(data.tables, years=(2024,))  # returns from 1 April 2023 only
    # Reviews before 01/04/2023 are unknown: we assume one on that day, so the first review we
    # can judge is due 6 months on (01/10/2023), and the chain runs on from the one held.
    assert reviews_of(data, "01/08/2023", "H") == [
        ("H", "T5", "01/10/2023", "01/06/2023", "done_on_time"),
        ("H", "T5", "01/12/2023", None, "not_yet_due"),
    ]
    # No review in the data at all: overdue from 01/10/2023, not from 2020.
    assert reviews_of(data, "01/11/2023", "NONE") == [
        ("NONE", "T5", "01/10/2023", None, "overdue")]
    # The care plan (due January 2020) may have been made before the data began: not judged.
    assert evaluate(data, d("01/11/2023"), items=["T1"]).is_empty()


def test_short_break_child_has_t7_reviews_only():
    data = care(
        Header=[header("SB", "01/01/2012")],
        Episodes=[
            episode("SB", "05/01/2024", ls="V3", place="K2", dec="07/01/2024", rec="E8"),
            episode("SB", "02/02/2024", ls="V3", place="K2", dec="04/02/2024", rec="E8"),
        ],
        Reviews=[review("SB", "01/04/2024")],  # due 05/04/2024 (3 months after first break)
    )
    result = evaluate(data, d("01/05/2024"))
    assert set(result["ITEM"]) == {"T7"}
    assert items_of(result) == [
        ("SB", "T7", "05/04/2024", "01/04/2024", "done_on_time"),
        ("SB", "T7", "01/10/2024", None, "not_yet_due"),
    ]
