"""T15-T19: health assessments by age, dental interval, immunisations, SDQ ages 4-16."""

from carematters.compliance import ComplianceSettings, evaluate
from tests.compliance.helpers import care, d, episode, header, items_of


def assessment(child, day, kind="RHA", immunised=None):
    return {"CHILD": child, "ASSESSMENT_DATE": day, "KIND": kind,
            "IMMUNISATIONS_UP_TO_DATE": immunised}


def health_data():
    return care(
        Header=[header("Y", "01/01/2020"), header("Z", "01/01/2022")],
        Episodes=[episode("Y", "02/09/2024"), episode("Z", "02/09/2024")],
        HealthAssessments=[
            assessment("Y", "25/09/2024", "IHA", immunised=0),
            assessment("Z", "25/09/2024", "IHA", immunised=1),
        ],
        DentalChecks=[{"CHILD": "Y", "CHECK_DATE": "01/03/2025"}],
    )


def test_initial_then_review_health_assessment_by_age():
    rows = items_of(evaluate(health_data(), d("01/04/2025"), items=["T15", "T16"]))
    assert rows == [
        # 20 working days from Mon 02/09/2024 is 30/09/2024
        ("Y", "T15", "30/09/2024", "25/09/2024", "done_on_time"),
        # Y is 5 by 25/03/2025, so the next is 12 months on
        ("Y", "T16", "25/09/2025", None, "not_yet_due"),
        ("Z", "T15", "30/09/2024", "25/09/2024", "done_on_time"),
        # Z is still 3: six months
        ("Z", "T16", "25/03/2025", None, "overdue"),
    ]


def test_dental_interval_is_configurable():
    data = health_data()
    yearly = items_of(evaluate(data, d("01/04/2025"), items=["T17"]))
    assert [r for r in yearly if r[0] == "Y"] == [
        ("Y", "T17", "02/09/2025", "01/03/2025", "done_on_time"),  # first within 12 months
        ("Y", "T17", "01/03/2026", None, "not_yet_due"),
    ]
    six = evaluate(data, d("01/04/2025"), ComplianceSettings(dental_months=6), items=["T17"])
    assert [r for r in items_of(six) if r[0] == "Z"] == [
        ("Z", "T17", "02/03/2025", None, "overdue"),  # no check within 6 months
    ]


def test_immunisations_follow_the_latest_assessment():
    rows = items_of(evaluate(health_data(), d("01/10/2024"), items=["T18"]))
    assert rows == [
        ("Y", "T18", "25/09/2024", None, "overdue"),  # not up to date at the assessment
        ("Z", "T18", "25/09/2024", "25/09/2024", "done_on_time"),
    ]


def test_sdq_from_12_months_in_care_and_age_4_until_16():
    data = care(
        Header=[header("Q", "15/06/2019"), header("OLD", "10/03/2008")],
        Episodes=[episode("Q", "01/01/2022"), episode("OLD", "01/01/2020")],
        SDQScores=[
            {"CHILD": "Q", "SDQ_DATE": "01/06/2023", "SDQ_SCORE": 12},
            {"CHILD": "OLD", "SDQ_DATE": "01/04/2024", "SDQ_SCORE": 20},
        ],
    )
    rows = items_of(evaluate(data, d("01/07/2025"), items=["T19"]))
    assert [r for r in rows if r[0] == "Q"] == [
        # 12 months in care on 01/01/2023, but Q turns 4 only on 15/06/2023
        ("Q", "T19", "15/06/2023", "01/06/2023", "done_on_time"),
        ("Q", "T19", "01/06/2024", None, "overdue"),
    ]
    # OLD turns 17 on 10/03/2025, before the next SDQ would fall due (01/04/2025): none owed.
    assert [r for r in rows if r[0] == "OLD" and r[3] is None] == []
