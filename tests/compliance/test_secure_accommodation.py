"""T30 at most 72 hours in any 28 days in secure accommodation without a court's authority."""

from carematters.compliance import evaluate
from tests.compliance.helpers import care, d, header, items_of

CHILDREN = ("R", "T", "U", "V", "W", "X", "Y", "Z")


def stay(child, start, end=None, grounds="WELFARE", court=None):
    return {"CHILD": child, "SECURE_START": start, "SECURE_END": end, "GROUNDS": grounds,
            "COURT_AUTHORISED": court}


def data():
    return care(
        Header=[header(c, "01/01/2010") for c in CHILDREN],
        SecureStays=[
            stay("R", "06/01/2025 09:00", "20/01/2025 09:00", grounds="REMAND"),  # no item
            stay("T", "06/01/2025 09:00", court="05/01/2025 16:00"),  # authorised before: none
            # court authority after 53 hours: the hours stop counting then
            stay("U", "06/01/2025 09:00", court="08/01/2025 14:00"),
            # 72 hours, then a stay 27 days 23 hours after the first ended: 1 hour still counts
            # until 01/02 00:00, so the second reaches 72 hours at 03/02 23:00
            stay("V", "01/01/2025 00:00", "04/01/2025 00:00"),
            stay("V", "31/01/2025 23:00"),
            # 48 hours, then from 30/01 00:00 the window's back edge is inside the first stay
            # (24 of its hours still count) until 31/01 00:00: flat for a day, then 48 more hours
            stay("W", "01/01/2025 00:00", "03/01/2025 00:00"),
            stay("W", "30/01/2025 00:00", "02/02/2025 00:00"),
            stay("X", "06/01/2025 09:00", "09/01/2025 09:00"),  # exactly 72 hours: on time
            stay("Y", "06/01/2025 09:00", "09/01/2025 09:01"),  # one minute over: late
            # 48 hours, then 30 hours 17 days later: 24 left, reached 21/01 00:00, left 06:00
            stay("Z", "01/01/2025 00:00", "03/01/2025 00:00"),
            stay("Z", "20/01/2025 00:00", "21/01/2025 06:00"),
        ],
    )


def test_72_hours_in_any_28_days_without_court_authority():
    result = evaluate(data(), d("10/02/2025"), items=["T30"])
    assert items_of(result) == [
        ("U", "T30", "09/01/2025", "08/01/2025", "done_on_time"),
        ("V", "T30", "04/01/2025", "04/01/2025", "done_on_time"),
        ("V", "T30", "03/02/2025", None, "overdue"),
        ("W", "T30", "04/01/2025", "03/01/2025", "done_on_time"),
        ("W", "T30", "02/02/2025", "02/02/2025", "done_on_time"),
        ("X", "T30", "09/01/2025", "09/01/2025", "done_on_time"),
        ("Y", "T30", "09/01/2025", "09/01/2025", "done_late"),
        ("Z", "T30", "04/01/2025", "03/01/2025", "done_on_time"),
        ("Z", "T30", "21/01/2025", "21/01/2025", "done_late"),
    ]
    assert result.filter(result["DONE"].is_null())["ACTIVE"].to_list() == [True]


def test_a_stay_after_28_clear_days_has_the_full_72_hours():
    data_ = care(
        Header=[header("V", "01/01/2010")],
        SecureStays=[stay("V", "01/01/2025 00:00", "04/01/2025 00:00"),
                     stay("V", "01/02/2025 00:00")],  # exactly 28 days after the first ended
    )
    assert items_of(evaluate(data_, d("03/02/2025"), items=["T30"]))[-1] == (
        "V", "T30", "04/02/2025", None, "due_soon")


def test_as_at_a_day_in_the_stay_its_end_is_not_known_yet():
    result = evaluate(data(), d("08/01/2025"), items=["T30"])
    assert ("X", "T30", "09/01/2025", None, "due_soon") in items_of(result)
    # U's court authority came at 14:00 on the as-at day itself: known by the end of it
    assert ("U", "T30", "09/01/2025", "08/01/2025", "done_on_time") in items_of(result)
