"""T14 a visit whenever the child or carer reasonably asks for one."""

import polars as pl

from carematters.compliance import evaluate
from tests.compliance.helpers import care, d, episode, header, items_of

CHILDREN = ("K", "L", "M", "N", "O")


def request(child, day, by="CHILD", unreasonable=None):
    return {"CHILD": child, "REQUEST_DATE": day, "REQUESTED_BY": by, "NOT_REASONABLE": unreasonable}


def visit(child, day, seen=1):
    return {"CHILD": child, "VISIT_DATE": day, "SW_ID": "SW1", "SEEN": seen}


def data():
    return care(
        Header=[header(c, "01/01/2012") for c in CHILDREN],
        Episodes=[episode(c, "01/01/2024") for c in CHILDREN],
        VisitRequests=[
            request("K", "03/03/2025"),                    # Mon + 5 working days = Mon 10/03
            request("L", "14/03/2025", by="CARER"),        # Fri + 5 working days = Fri 21/03
            request("M", "03/03/2025", unreasonable=1),    # judged not reasonable: no item
            request("N", "03/03/2025"),                    # only a visit before it: not answered
            request("O", "17/04/2025"),                    # Easter skipped: due Mon 28/04
        ],
        Visits=[visit("K", "10/03/2025"), visit("L", "24/03/2025"), visit("N", "01/03/2025"),
                visit("O", "22/04/2025", seen=0)],         # child not seen: does not count
    )


def test_each_reasonable_request_is_answered_by_the_next_visit_seen():
    result = evaluate(data(), d("20/04/2025"), items=["T14"])
    assert items_of(result) == [
        ("K", "T14", "10/03/2025", "10/03/2025", "done_on_time"),
        ("L", "T14", "21/03/2025", "24/03/2025", "done_late"),
        ("N", "T14", "10/03/2025", None, "overdue"),
        ("O", "T14", "28/04/2025", None, "due_soon"),
    ]
    assert result.filter(pl.col("CHILD") == "N")["TITLE"].item() == "visit asked for by the child (2025-03-03)"
    assert items_of(evaluate(data(), d("01/05/2025"), items=["T14"]))[-1] == (
        "O", "T14", "28/04/2025", None, "overdue")
