"""T6 extra reviews on the IRO's request, a care plan change or another reg 33(3) event."""

from carematters.compliance import ComplianceSettings, evaluate
from tests.compliance.helpers import care, d, episode, header, items_of

CHILDREN = ("A", "B", "C", "D", "E")


def trigger(child, day, code, by=None):
    return {"CHILD": child, "TRIGGER_DATE": day, "TRIGGER": code, "REVIEW_BY": by}


def review(child, day):
    return {"CHILD": child, "REVIEW": day, "REVIEW_CODE": "PN1"}


def data():
    return care(
        Header=[header(c, "01/01/2012") for c in CHILDREN],
        Episodes=[episode(c, "01/01/2024") for c in ("A", "B", "D", "E")]
        + [episode("C", "01/01/2024", ls="V2", dec="10/03/2025", rec="E13")],
        ReviewTriggers=[
            # Monday 03/03/2025 + 20 working days = Monday 31/03/2025; reviewed that day
            trigger("A", "03/03/2025", "IRO"),
            # the change takes effect 14/03: reviewed three days after it
            trigger("B", "03/03/2025", "PLAN", by="14/03/2025"),
            # s20 care ended 10/03 with no review first: missed
            trigger("C", "03/03/2025", "CEASE", by="10/03/2025"),
            # Thursday 10/04/2025: Good Friday, Easter Monday and 5 May skipped -> 13/05/2025
            trigger("D", "10/04/2025", "IRO"),
            # the review before the trigger does not answer it
            trigger("E", "03/03/2025", "VISIT"),
        ],
        Reviews=[review("A", "31/03/2025"), review("B", "17/03/2025"),
                 review("C", "28/02/2025"), review("E", "28/02/2025")],
    )


def test_extra_review_due_by_the_date_given_or_20_working_days_after_the_trigger():
    result = evaluate(data(), d("01/05/2025"), items=["T6"])
    assert items_of(result) == [
        ("A", "T6", "31/03/2025", "31/03/2025", "done_on_time"),
        ("B", "T6", "14/03/2025", "17/03/2025", "done_late"),
        ("C", "T6", "10/03/2025", None, "overdue"),
        ("D", "T6", "13/05/2025", None, "due_soon"),
        ("E", "T6", "31/03/2025", None, "overdue"),
    ]
    active = dict(result.select("CHILD", "ACTIVE").iter_rows())
    assert active == {"A": False, "B": False, "C": False, "D": True, "E": True}


def test_interval_is_a_setting_and_as_at_hides_later_reviews():
    result = evaluate(data(), d("20/03/2025"), ComplianceSettings(extra_review_working_days=5),
                      items=["T6"])
    # A: 03/03 + 5 working days = 10/03; the review of 31/03 has not happened yet
    assert ("A", "T6", "10/03/2025", None, "overdue") in items_of(result)
    assert "D" not in set(result["CHILD"])  # its trigger is still to come
