"""T29 review decisions and record circulated (IRO Handbook: 5 and 20 working days)."""

from carematters.compliance import ComplianceSettings, evaluate
from tests.compliance.helpers import care, d, episode, header, items_of

# Friday 20/12/2024; 25-26/12 and 1/1 are bank holidays in England.
# Decisions: 23, 24, 27, 30, 31 Dec -> due Tuesday 31/12/2024.
# Record: 2 Jan is working day 6, ... 22 Jan is day 20 -> due Wednesday 22/01/2025.
CHILDREN = ("INTIME", "LATE", "NONE")


def _data(records):
    return care(
        Header=[header(c, "01/01/2012") for c in CHILDREN],
        Episodes=[episode(c, "01/06/2024") for c in CHILDREN],
        Reviews=[{"CHILD": c, "REVIEW": "20/12/2024", "REVIEW_CODE": "PN1"} for c in CHILDREN]
        + [{"CHILD": "INTIME", "REVIEW": "10/02/2025", "REVIEW_CODE": "PN1"}],  # after as-at
        ReviewRecords=records,
    )


def test_decisions_in_5_and_record_in_20_working_days_over_christmas():
    data = _data([
        # both on the last day allowed
        {"CHILD": "INTIME", "REVIEW": "20/12/2024", "DECISIONS_SENT": "31/12/2024",
         "RECORD_SENT": "22/01/2025"},
        # one working day late each
        {"CHILD": "LATE", "REVIEW": "20/12/2024", "DECISIONS_SENT": "02/01/2025",
         "RECORD_SENT": "23/01/2025"},
        # NONE has no row: nothing circulated
    ])
    assert items_of(evaluate(data, d("01/02/2025"), items=["T29"])) == [
        ("INTIME", "T29", "31/12/2024", "31/12/2024", "done_on_time"),
        ("INTIME", "T29", "22/01/2025", "22/01/2025", "done_on_time"),
        ("LATE", "T29", "31/12/2024", "02/01/2025", "done_late"),
        ("LATE", "T29", "22/01/2025", "23/01/2025", "done_late"),
        ("NONE", "T29", "31/12/2024", None, "overdue"),
        ("NONE", "T29", "22/01/2025", None, "overdue"),
    ]


def test_sent_after_the_as_at_day_is_not_yet_done_and_intervals_are_settings():
    data = _data([{"CHILD": "INTIME", "REVIEW": "20/12/2024", "DECISIONS_SENT": "24/12/2024",
                   "RECORD_SENT": "22/01/2025"}])
    # a stricter local standard: decisions within 2 working days (23, 24 Dec), record within 10
    strict = ComplianceSettings(review_decisions_working_days=2, review_record_working_days=10)
    result = evaluate(data, d("10/01/2025"), items=["T29"], settings=strict)
    assert items_of(result.filter(result["CHILD"] == "INTIME")) == [
        ("INTIME", "T29", "24/12/2024", "24/12/2024", "done_on_time"),
        # 27, 30, 31 Dec, 2, 3, 6, 7, 8 Jan are days 3-10: due 08/01; sent 22/01 is after as-at
        ("INTIME", "T29", "08/01/2025", None, "overdue"),
    ]


def test_iro_spoke_to_the_child_before_each_review():
    data = care(
        Header=[header("OLD", "01/01/2012"), header("BABY", "01/01/2024")],
        Episodes=[episode("OLD", "01/06/2024"), episode("BABY", "01/06/2024")],
        Reviews=[
            {"CHILD": "OLD", "REVIEW": "01/07/2024", "REVIEW_CODE": "PN1"},  # consulted: done
            {"CHILD": "OLD", "REVIEW": "01/10/2024", "REVIEW_CODE": "PN1"},  # not consulted
            {"CHILD": "OLD", "REVIEW": "01/12/2024", "REVIEW_CODE": "PN1"},  # nothing recorded
            {"CHILD": "OLD", "REVIEW": "01/03/2025", "REVIEW_CODE": "PN1"},  # after as-at
            {"CHILD": "BABY", "REVIEW": "01/07/2024", "REVIEW_CODE": "PN0"},  # under 4: no item
        ],
        ReviewRecords=[
            {"CHILD": "OLD", "REVIEW": "01/07/2024", "IRO_CONSULTED": 1},
            {"CHILD": "OLD", "REVIEW": "01/10/2024", "IRO_CONSULTED": 0,
             "DECISIONS_SENT": "03/10/2024"},
        ],
    )
    result = evaluate(data, d("01/02/2025"), items=["T28"])
    assert items_of(result) == [
        ("OLD", "T28", "01/07/2024", "01/07/2024", "done_on_time"),
        ("OLD", "T28", "01/10/2024", None, "overdue"),
        ("OLD", "T28", "01/12/2024", None, "overdue"),
    ]
    # Recorded as not consulted: missed, nothing left to do. Nothing recorded (62 days ago): still
    # on the to-do list, the IRO may only have left it out of the record.
    active = dict(result.select("DUE", "ACTIVE").iter_rows())
    assert active == {d("01/07/2024"): False, d("01/10/2024"): False, d("01/12/2024"): True}


def test_an_unrecorded_consultation_drops_off_the_to_do_list_after_the_catch_up_days():
    data = care(
        Header=[header("OLD", "01/01/2012")],
        Episodes=[episode("OLD", "01/06/2024")],
        Reviews=[{"CHILD": "OLD", "REVIEW": "01/12/2024", "REVIEW_CODE": "PN1"}],
        ReviewRecords=[],
    )
    # 01/12/2024 + 90 days = 01/03/2025: active that day, missed the day after
    on_the_day = evaluate(data, d("01/03/2025"), items=["T28"])
    assert on_the_day["ACTIVE"].to_list() == [True]
    after = evaluate(data, d("02/03/2025"), items=["T28"])
    assert after["ACTIVE"].to_list() == [False]
    assert after["STATUS"].to_list() == ["overdue"]
