"""T12 visits to a child placed with a connected person approved only temporarily as a foster
parent (CPPCR 2010 reg 24): weekly until the first review, then at most 4 weeks apart
(reg 28(4)), until the person is approved."""

from carematters.compliance import evaluate
from tests.compliance.helpers import care, d, episode, header, items_of

VISIT_ITEMS = ["T8", "T9", "T10", "T11", "T12", "T13"]


def visit(child, day):
    return {"CHILD": child, "VISIT_DATE": day, "SW_ID": "SW1", "SEEN": 1}


def data_for(**extra):
    return care(
        Header=[header(c, "01/01/2015") for c in ("A", "B", "C")],
        # All three placed with a relative (U3) on a care order from Monday 03/06/2024; each
        # period's first review was on 24/06/2024.
        Episodes=[episode(c, "03/06/2024", ls="C2", place="U3") for c in ("A", "B", "C")],
        Reviews=[{"CHILD": c, "REVIEW": "24/06/2024", "REVIEW_CODE": "PN1"}
                 for c in ("A", "B", "C")],
        **extra,
    )


def test_weekly_until_the_first_review_then_four_weeks_until_approval():
    data = data_for(
        TemporaryApprovals=[
            {"CHILD": "A", "PLACED": "03/06/2024"},  # not approved as a foster parent yet
            {"CHILD": "B", "PLACED": "03/06/2024", "APPROVED": "12/06/2024"},
            {"CHILD": "C", "PLACED": "03/06/2024", "APPROVED": "31/05/2024"},  # approved before
        ],
        Visits=[visit("A", "07/06/2024"), visit("A", "14/06/2024"), visit("A", "24/06/2024"),
                visit("A", "20/07/2024"),
                visit("B", "07/06/2024"), visit("B", "13/06/2024"), visit("B", "20/07/2024"),
                visit("C", "07/06/2024")],
    )
    assert items_of(evaluate(data, d("15/08/2024"), items=VISIT_ITEMS)) == [
        ("A", "T12", "10/06/2024", "07/06/2024", "done_on_time"),  # within a week of placing
        ("A", "T12", "14/06/2024", "14/06/2024", "done_on_time"),  # weekly
        ("A", "T12", "21/06/2024", "24/06/2024", "done_late"),     # weekly, still before review
        ("A", "T12", "22/07/2024", "20/07/2024", "done_on_time"),  # from the review day: 4 weeks
        ("A", "T12", "17/08/2024", None, "due_soon"),              # 20/07 + 28 days
        ("B", "T12", "10/06/2024", "07/06/2024", "done_on_time"),
        ("B", "T12", "14/06/2024", "13/06/2024", "done_on_time"),  # 07/06 was before approval
        ("B", "T12", "25/07/2024", "20/07/2024", "done_on_time"),  # 13/06 after it: 6 weeks
        ("B", "T12", "31/08/2024", None, "not_yet_due"),
        # approved before the placement: reg 24 never applied, the usual placement clock runs
        ("C", "T8", "10/06/2024", "07/06/2024", "done_on_time"),
        ("C", "T9", "19/07/2024", None, "overdue"),
    ]


def test_without_the_table_a_connected_person_placement_is_on_the_usual_clock():
    data = data_for(Visits=[visit("A", "07/06/2024")])
    result = evaluate(data, d("15/06/2024"), items=VISIT_ITEMS)
    assert set(result["ITEM"]) == {"T8", "T9"}
