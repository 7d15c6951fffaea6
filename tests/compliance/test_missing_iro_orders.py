"""T26 return interviews, T27 IRO appointed, T31 short-term legal statuses."""

from carematters.compliance import evaluate
from tests.compliance.helpers import care, d, episode, header, items_of


def test_return_interview_offered_within_72_hours():
    data = care(
        Header=[header("M", "01/01/2010")],
        Episodes=[episode("M", "01/01/2024")],
        Missing=[
            {"CHILD": "M", "MISSING": "M", "MIS_START": "08/05/2024", "MIS_END": "10/05/2024"},
            {"CHILD": "M", "MISSING": "A", "MIS_START": "30/05/2024", "MIS_END": "01/06/2024"},
            {"CHILD": "M", "MISSING": "M", "MIS_START": "09/06/2024"},  # still missing: no item
        ],
        ReturnInterviews=[
            # offered on day 3, held later: the offer meets the duty
            {"CHILD": "M", "MIS_START": "08/05/2024", "RHI_OFFERED": "13/05/2024",
             "RHI_DATE": "20/05/2024", "RHI_ACCEPTED": 1},
        ],
    )
    assert items_of(evaluate(data, d("10/06/2024"), items=["T26"])) == [
        ("M", "T26", "13/05/2024", "13/05/2024", "done_on_time"),
        ("M", "T26", "04/06/2024", None, "overdue"),
    ]


def test_iro_appointed_by_the_first_review_due_date():
    data = care(
        Header=[header("LATE", "01/01/2015"), header("KEPT", "01/01/2015")],
        Episodes=[episode("LATE", "01/12/2023"), episode("KEPT", "01/12/2023")],
        IROAllocations=[
            {"CHILD": "LATE", "IRO_ID": "I1", "IRO_START": "15/01/2024"},
            # allocated from an earlier period and still open: covers the new one from day 1
            {"CHILD": "KEPT", "IRO_ID": "I2", "IRO_START": "01/01/2020"},
        ],
    )
    assert items_of(evaluate(data, d("01/02/2024"), items=["T27"])) == [
        ("KEPT", "T27", "03/01/2024", "01/12/2023", "done_on_time"),
        ("LATE", "T27", "03/01/2024", "15/01/2024", "done_late"),
    ]


def test_short_term_orders_must_end_in_time():
    data = care(
        Header=[header("PP", "01/01/2015"), header("EPO", "01/01/2015")],
        Episodes=[
            episode("PP", "01/06/2024", ls="L1", dec="03/06/2024", rec="X1"),  # 72h: due 04/06
            episode("PP", "03/06/2024", rne="L", ls="C1"),
            episode("EPO", "01/06/2024", ls="L2"),  # still on an EPO after 8 days
        ],
    )
    assert items_of(evaluate(data, d("12/06/2024"), items=["T31"])) == [
        ("EPO", "T31", "09/06/2024", None, "overdue"),
        ("PP", "T31", "04/06/2024", "03/06/2024", "done_on_time"),
    ]
