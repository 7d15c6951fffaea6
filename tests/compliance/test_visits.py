"""T8-T13 social worker visits: restart per carer spell, 6 weeks, 3 months after a year."""

from carematters.compliance import evaluate
from tests.compliance.helpers import care, d, episode, header, items_of

VISIT_ITEMS = ["T8", "T9", "T10", "T12", "T13"]


def visit(child, day, seen=1):
    return {"CHILD": child, "VISIT_DATE": day, "SW_ID": "SW1", "SEEN": seen}


def visits_of(data, as_at, child):
    return [row for row in items_of(evaluate(data, d(as_at), items=VISIT_ITEMS)) if row[0] == child]


def test_visit_clock_restarts_with_each_placement():
    data = care(
        Header=[header("V", "01/01/2015")],
        Episodes=[
            episode("V", "01/01/2024", dec="01/03/2024", rec="X1"),
            episode("V", "01/03/2024", rne="P", place="U4"),  # new carer: new clock
        ],
        Visits=[
            visit("V", "05/01/2024"),  # T8 due 08/01: on time
            visit("V", "20/02/2024"),  # T9 due 05/01 + 42 days = 16/02: late
            visit("V", "25/02/2024", seen=0),  # child not seen: not a visit
            visit("V", "08/03/2024"),  # new placement: T8 due 08/03, on the day
        ],
    )
    assert visits_of(data, "10/04/2024", "V") == [
        ("V", "T8", "08/01/2024", "05/01/2024", "done_on_time"),
        ("V", "T9", "16/02/2024", "20/02/2024", "done_late"),
        # (the first placement's next visit, due 02/04, fell after it ended: not owed)
        ("V", "T8", "08/03/2024", "08/03/2024", "done_on_time"),
        ("V", "T9", "19/04/2024", None, "due_soon"),  # 9 days ahead
    ]


def long_placement(child, place):
    return care(
        Header=[header(child, "01/01/2012")],
        Episodes=[episode(child, "01/01/2023", place=place)],
        Visits=[
            visit(child, "06/01/2023"),  # T8 due 08/01/2023
            visit(child, "15/02/2023"),  # T9 due 17/02/2023
            visit(child, "10/01/2024"),  # T9 due 29/03/2023: late
            visit(child, "09/04/2024"),  # after the first year: see below
        ],
    )


def test_long_term_placement_visits_every_three_months_after_the_first_year():
    assert visits_of(long_placement("L", "U4"), "01/07/2024", "L") == [
        ("L", "T8", "08/01/2023", "06/01/2023", "done_on_time"),
        ("L", "T9", "17/02/2023", "15/02/2023", "done_on_time"),
        ("L", "T9", "29/03/2023", "10/01/2024", "done_late"),
        ("L", "T10", "10/04/2024", "09/04/2024", "done_on_time"),  # 10/01 + 3 months
        ("L", "T10", "09/07/2024", None, "due_soon"),
    ]


def test_other_placements_stay_at_six_weeks_after_the_first_year():
    rows = visits_of(long_placement("S", "U6"), "01/07/2024", "S")
    assert rows[3:] == [
        ("S", "T10", "21/02/2024", "09/04/2024", "done_late"),  # 10/01 + 42 days
        ("S", "T10", "21/05/2024", None, "overdue"),
    ]


def test_interim_care_order_at_home_weekly_until_first_review_then_four_weeks():
    data = care(
        Header=[header("H", "01/01/2015")],
        Episodes=[episode("H", "01/06/2024", ls="C1", place="P1")],
        Reviews=[{"CHILD": "H", "REVIEW": "20/06/2024", "REVIEW_CODE": "PN1"}],
        Visits=[visit("H", "07/06/2024"), visit("H", "14/06/2024"), visit("H", "21/06/2024"),
                visit("H", "19/07/2024")],
    )
    assert visits_of(data, "05/08/2024", "H") == [
        ("H", "T12", "08/06/2024", "07/06/2024", "done_on_time"),
        ("H", "T12", "14/06/2024", "14/06/2024", "done_on_time"),
        ("H", "T12", "21/06/2024", "21/06/2024", "done_on_time"),  # before the review: weekly
        ("H", "T12", "19/07/2024", "19/07/2024", "done_on_time"),  # after it: 4 weeks
        ("H", "T12", "16/08/2024", None, "due_soon"),
    ]


def test_care_order_at_home_visit_within_a_week_of_the_order():
    data = care(
        Header=[header("O", "01/01/2015")],
        Episodes=[
            episode("O", "01/05/2024", ls="C1", place="U6", dec="01/06/2024", rec="X1"),
            episode("O", "01/06/2024", rne="B", ls="C2", place="P1"),
        ],
        Visits=[visit("O", "03/05/2024"), visit("O", "10/06/2024")],
    )
    assert visits_of(data, "15/06/2024", "O") == [
        ("O", "T8", "08/05/2024", "03/05/2024", "done_on_time"),
        ("O", "T13", "08/06/2024", "10/06/2024", "done_late"),
        ("O", "T13", "22/07/2024", None, "not_yet_due"),  # then 6 weeks
    ]
