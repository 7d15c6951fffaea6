"""T11 visits while placed with a parent before the assessment is complete (CPPCR reg 28(3))."""

from carematters.compliance import evaluate
from tests.compliance.helpers import care, d, episode, header, items_of

VISIT_ITEMS = ["T8", "T9", "T10", "T11", "T12", "T13"]


def visit(child, day):
    return {"CHILD": child, "VISIT_DATE": day, "SW_ID": "SW1", "SEEN": 1}


def review(child, day):
    return {"CHILD": child, "REVIEW": day, "REVIEW_CODE": "PN1"}


def data_for(**extra):
    return care(
        Header=[header(c, "01/01/2015") for c in ("P", "Q", "R")],
        # All three on a care order at home (P1) from Monday 03/06/2024.
        Episodes=[episode(c, "03/06/2024", ls="C2", place="P1") for c in ("P", "Q", "R")],
        Reviews=[review(c, "24/06/2024") for c in ("P", "Q", "R")],
        **extra,
    )


def test_weekly_until_the_first_review_then_six_weeks():
    data = data_for(
        ParentPlacements=[
            {"CHILD": "P", "PLACED": "03/06/2024"},  # assessment still outstanding
            {"CHILD": "Q", "PLACED": "03/06/2024", "ASSESSED": "12/06/2024"},
            {"CHILD": "R", "PLACED": "03/06/2024", "ASSESSED": "31/05/2024"},  # before: reg 18
        ],
        Visits=[visit("P", "07/06/2024"), visit("P", "14/06/2024"), visit("P", "24/06/2024"),
                visit("P", "01/08/2024"),
                visit("Q", "07/06/2024"), visit("Q", "13/06/2024"), visit("Q", "20/07/2024"),
                visit("R", "07/06/2024")],
    )
    result = evaluate(data, d("15/08/2024"), items=VISIT_ITEMS)
    assert items_of(result.filter(d("15/08/2024") is not None)) == [
        ("P", "T11", "10/06/2024", "07/06/2024", "done_on_time"),  # within a week of placing
        ("P", "T11", "14/06/2024", "14/06/2024", "done_on_time"),  # weekly
        ("P", "T11", "21/06/2024", "24/06/2024", "done_late"),     # weekly, still before review
        ("P", "T11", "05/08/2024", "01/08/2024", "done_on_time"),  # visit on the review day: 6 weeks
        ("P", "T11", "12/09/2024", None, "not_yet_due"),
        ("Q", "T11", "10/06/2024", "07/06/2024", "done_on_time"),
        ("Q", "T11", "14/06/2024", "13/06/2024", "done_on_time"),  # 07/06 was before the assessment
        ("Q", "T11", "25/07/2024", "20/07/2024", "done_on_time"),  # 13/06 after it: 6 weeks
        ("Q", "T11", "31/08/2024", None, "not_yet_due"),
        # assessed before the placement: reg 19 never applied, the care order clock (T13) runs
        ("R", "T13", "10/06/2024", "07/06/2024", "done_on_time"),
        ("R", "T13", "19/07/2024", None, "overdue"),
    ]


def test_a_visit_the_day_before_the_review_keeps_the_weekly_interval():
    data = data_for(
        ParentPlacements=[{"CHILD": "P", "PLACED": "03/06/2024"}],
        Visits=[visit("P", "07/06/2024"), visit("P", "14/06/2024"), visit("P", "23/06/2024")],
    )
    rows = [r for r in items_of(evaluate(data, d("26/06/2024"), items=["T11"]))]
    assert rows[-1] == ("P", "T11", "30/06/2024", None, "due_soon")  # 23/06 + 7 days


def test_without_the_parent_placements_table_the_spell_stays_on_the_usual_clock():
    data = data_for(Visits=[visit("P", "07/06/2024")])
    result = evaluate(data, d("15/06/2024"), items=VISIT_ITEMS)
    assert set(result["ITEM"]) == {"T13"}


def test_a_placement_belongs_to_the_spell_it_starts_not_the_one_ending_that_day():
    data = care(
        Header=[header("S", "01/01/2015")],
        Episodes=[
            episode("S", "01/05/2024", ls="C2", place="U6", dec="03/06/2024", rec="X1"),
            episode("S", "03/06/2024", rne="P", ls="C2", place="P1"),
        ],
        Reviews=[review("S", "24/05/2024")],
        ParentPlacements=[{"CHILD": "S", "PLACED": "03/06/2024"}],
        Visits=[visit("S", "05/05/2024"), visit("S", "07/06/2024")],
    )
    assert items_of(evaluate(data, d("10/06/2024"), items=VISIT_ITEMS)) == [
        ("S", "T8", "08/05/2024", "05/05/2024", "done_on_time"),  # the foster placement
        ("S", "T11", "10/06/2024", "07/06/2024", "done_on_time"),
        # the first review (24/05) came before this placement: 6 weeks from the start
        ("S", "T11", "19/07/2024", None, "not_yet_due"),
    ]
