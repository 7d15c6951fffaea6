"""T21-T25: eligibility boundaries (13 weeks since 14, some after 16), pathway plans, adviser."""

from carematters.compliance import evaluate
from carematters.compliance.eligibility import care_leavers
from tests.compliance.helpers import care, d, episode, header, items_of


def test_eligible_on_the_day_13_weeks_are_completed_while_still_in_care():
    data = care(
        Header=[header("IN", "01/01/2007"), header("OUT", "01/01/2008"),
                header("STAY", "01/01/2008"), header("YOUNG", "01/01/2010")],
        Episodes=[
            # In care from the 16th birthday: 91 days later is 02/04/2023.
            episode("IN", "01/01/2023"),
            # 91 days from 03/10/2023 is 02/01/2024, the day OUT went home: never eligible.
            episode("OUT", "03/10/2023", dec="02/01/2024", rec="E4A"),
            # One more day in care and STAY is eligible from 02/01/2024, then relevant.
            episode("STAY", "03/10/2023", dec="03/01/2024", rec="E4A"),
            # Under 16: not yet eligible, however long in care.
            episode("YOUNG", "01/01/2020"),
        ],
    )
    leavers = care_leavers(data["Episodes"], data["Header"], d("01/06/2024"))
    rows = leavers.sort("CHILD").select("CHILD", "ELIGIBLE_FROM", "LEFT_CARE", "CATEGORY").rows()
    assert rows == [
        ("IN", d("02/04/2023"), None, "eligible"),
        ("STAY", d("02/01/2024"), d("03/01/2024"), "relevant"),
    ]


def pathway_row(child, day, kind, pa="PA1"):
    return {"CHILD": child, "PLAN_DATE": day, "KIND": kind, "PA_ID": pa}


def test_needs_assessment_pathway_plan_reviews_and_adviser():
    data = care(
        Header=[header("CL", "01/01/2007")],
        Episodes=[episode("CL", "01/01/2023", place="U6", dec="01/01/2025", rec="E17")],
        PathwayPlans=[
            pathway_row("CL", "01/06/2023", "NA"),    # T21 due 02/07/2023: on time
            pathway_row("CL", "20/06/2023", "PLAN"),  # T22 due 15/06/2023 (10 wd): late
            pathway_row("CL", "19/12/2023", "REV"),   # T23 due 20/12/2023: on time
        ],
        PAContacts=[{"CHILD": "CL", "CONTACT_DATE": "20/02/2025", "PA_ID": "PA1"}],
    )
    rows = items_of(evaluate(data, d("01/05/2025"), items=["T21", "T22", "T23", "T24", "T25"]))
    assert rows == [
        ("CL", "T22", "15/06/2023", "20/06/2023", "done_late"),
        ("CL", "T21", "02/07/2023", "01/06/2023", "done_on_time"),
        ("CL", "T24", "02/07/2023", "01/06/2023", "done_on_time"),  # adviser named on the NA
        ("CL", "T23", "20/12/2023", "19/12/2023", "done_on_time"),
        ("CL", "T23", "19/06/2024", None, "overdue"),
        # left care on the 18th birthday: adviser contact within 8 weeks (26/02/2025)
        ("CL", "T25", "26/02/2025", "20/02/2025", "done_on_time"),
        ("CL", "T25", "17/04/2025", None, "overdue"),
    ]
