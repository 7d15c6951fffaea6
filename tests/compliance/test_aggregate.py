"""Rates per item and worker, caseloads, and the registry."""

from carematters.compliance import evaluate, timescales
from carematters.compliance.aggregate import caseloads, rates, with_workers
from carematters.compliance.items import ITEM_NAMES
from tests.compliance.helpers import care, d, episode, header


def review(child, day):
    return {"CHILD": child, "REVIEW": day, "REVIEW_CODE": "PN1"}


def sw(child, sw_id, start, end=None):
    return {"CHILD": child, "SW_ID": sw_id, "SW_DECOM": start, "SW_DEC": end, "SW_REASON": "CHIND"}


DATA = care(
    Header=[header(c, "01/01/2015") for c in ("A", "B", "C")],
    Episodes=[episode(c, "01/12/2023") for c in ("A", "B", "C")],  # first review due 03/01/2024
    Reviews=[review("A", "02/01/2024"),   # A: on time, then T4 due 02/04/2024 not yet due
             review("B", "10/01/2024")],  # B: late, then T4 due 10/04/2024 not yet due
    # C: no review: overdue
    SWEpisodes=[sw("A", "SW1", "01/12/2023"), sw("B", "SW1", "01/12/2023"),
                sw("C", "SW9", "01/12/2023", "05/01/2024"), sw("C", "SW2", "05/01/2024")],
)


def test_rates_per_item_count_only_what_fell_due():
    items = evaluate(DATA, d("01/02/2024"), items=["T3", "T4"])
    by_item = {row["ITEM"]: row for row in rates(items).to_dicts()}
    assert by_item["T3"]["DONE_ON_TIME"] == 1
    assert by_item["T3"]["DONE_LATE"] == 1
    assert by_item["T3"]["OVERDUE"] == 1
    assert by_item["T3"]["RATE"] == 100 / 3
    assert by_item["T4"]["NOT_YET_DUE"] == 2
    assert by_item["T4"]["RATE"] is None  # nothing has fallen due


def test_rates_per_worker_and_team_use_the_allocation_on_the_day():
    items = with_workers(
        evaluate(DATA, d("01/02/2024"), items=["T3"]), DATA, d("01/02/2024"),
        teams={"SW1": "North", "SW2": "South"},
    )
    workers = {r["SW_ID"]: (r["DUE_OR_DONE"], r["RATE"]) for r in rates(items, ["SW_ID"]).to_dicts()}
    assert workers == {"SW1": (2, 50.0), "SW2": (1, 0.0)}  # C moved from SW9 to SW2 on 05/01
    teams = {r["TEAM"]: r["OVERDUE_NOW"] for r in rates(items, ["TEAM"]).to_dicts()}
    assert teams == {"North": 0, "South": 1}


def test_caseloads():
    loads = caseloads(DATA, d("01/02/2024"), teams={"SW1": "North"})
    assert loads.rows() == [("SW1", "North", 2), ("SW2", "unallocated", 1)]


def test_a_clock_without_its_event_table_is_not_judged():
    no_visits = evaluate(DATA, d("01/02/2024"))
    assert "T8" not in set(no_visits["ITEM"])  # no Visits table at all: cannot tell
    judged = evaluate(DATA, d("01/02/2024"), judge_missing_tables=True)
    assert set(judged.filter(judged["ITEM"] == "T8")["STATUS"]) == {"overdue"}


def test_every_timescale_is_registered_once_with_a_rule():
    found = [item for ts in timescales() for item in ts.items]
    assert len(found) == len(set(found))
    assert set(found) == {
        "T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8", "T9", "T10", "T11", "T12", "T13", "T14",
        "T15", "T16", "T17", "T18", "T19", "T20", "T21", "T22", "T23", "T24", "T25", "T26", "T27",
        "T28", "T29", "T30", "T31", "T32",
    }
    assert all(ts.rule for ts in timescales())


def test_every_item_has_a_short_name():
    assert {item for ts in timescales() for item in ts.items} == set(ITEM_NAMES)
