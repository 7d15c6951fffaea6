"""T32 the decision to cease s20 care approved by a nominated officer (CPPCR reg 39)."""

from carematters.compliance import evaluate
from carematters.data.caredata import CareData
from tests.compliance.helpers import care, d, episode, header, items_of

# V2 from Monday 02/12/2024: Dec 3-6, 9-13, 16-20, 23, 24, 27, 30, 31 are working days 1-19
# (25, 26 Dec and 1 Jan are bank holidays), Thursday 02/01/2025 is day 20.


def test_approval_due_when_s20_care_of_20_working_days_ceases():
    data = care(
        Header=[header(c, "01/01/2012") for c in ("EXACT", "SHORT", "AFTER", "DIED", "NONE")]
        + [header("ADULT", "10/01/2007")],
        Episodes=[
            # 20 working days exactly, approved beforehand: on time
            episode("EXACT", "02/12/2024", ls="V2", dec="02/01/2025", rec="E4A"),
            # 19 working days: reg 39 does not apply, no item
            episode("SHORT", "02/12/2024", ls="V2", dec="31/12/2024", rec="E4A"),
            # care order first, then s20 from 02/12: only the V2 run counts; approved late
            episode("AFTER", "01/06/2024", ls="C2", dec="02/12/2024", rec="X1"),
            episode("AFTER", "02/12/2024", rne="L", ls="V2", dec="10/01/2025", rec="E4A"),
            # died: not a decision, no item
            episode("DIED", "01/06/2024", ls="V2", dec="10/01/2025", rec="E2"),
            # no approval recorded: overdue, still to put right
            episode("NONE", "01/06/2024", ls="V2", dec="10/01/2025", rec="E13"),
            # care ended on the 18th birthday: no longer a child, no item
            episode("ADULT", "01/06/2024", ls="V2", dec="10/01/2025", rec="E8"),
        ],
        CareEndings=[
            {"CHILD": "EXACT", "DEC": "02/01/2025", "CEASE_APPROVED": "20/12/2024"},
            {"CHILD": "SHORT", "DEC": "31/12/2024", "CEASE_APPROVED": "20/12/2024"},
            {"CHILD": "AFTER", "DEC": "10/01/2025", "CEASE_APPROVED": "13/01/2025"},
        ],
    )
    result = evaluate(data, d("01/02/2025"), items=["T32"])
    assert items_of(result) == [
        ("AFTER", "T32", "10/01/2025", "13/01/2025", "done_late"),
        ("EXACT", "T32", "02/01/2025", "20/12/2024", "done_on_time"),
        ("NONE", "T32", "10/01/2025", None, "overdue"),
    ]
    # Only the missing approval is still to do: it can be given late (AFTER's was) and the
    # ending was 22 days ago, within the 90 catch-up days.
    assert result.filter(result["ACTIVE"])["CHILD"].to_list() == ["NONE"]
    later = evaluate(data, d("11/04/2025"), items=["T32"])  # 10/01 + 91 days: missed
    assert not later["ACTIVE"].any()


def test_an_ending_in_the_data_is_judged_though_its_s20_run_began_before_it():
    data = care(
        Header=[header("OLD", "01/01/2012")],
        Episodes=[episode("OLD", "01/06/2022", ls="V2", dec="10/01/2025", rec="E4A")],
        CareEndings=[],
    )
    one_year = CareData(dict(data.tables), years=(2025,))  # the data begins 01/04/2024
    assert items_of(evaluate(one_year, d("01/02/2025"), items=["T32"])) == [
        ("OLD", "T32", "10/01/2025", None, "overdue"),
    ]
