"""Progress against a straight-line path from baseline to target, RAG and overdue actions."""

from datetime import date

import polars as pl
import pytest

from carematters.improvement import Action, Plan, Priority, priority_summary, progress
from carematters.improvement.progress import path_value

PRIORITY = Priority("P1", "Fewer moves", "placements")


def action(id_, indicator="NI62", baseline=14.0, target=8.0, baseline_year=2022,
           target_year=2025, due=date(2025, 3, 31), status="in progress"):
    """NI62 (lower is better) from 14% in 2022 to 8% in 2025: the path is 12% in 2023,
    10% in 2024, 8% in 2025."""
    return Action(id_, "P1", f"action {id_}", "Head of service", due, status, indicator,
                  baseline, baseline_year, target, target_year)


def values(*rows):
    """rows: (indicator, year, value)"""
    return pl.DataFrame([{"indicator": i, "year": y, "value": v} for i, y, v in rows],
                        schema={"indicator": pl.String(), "year": pl.Int32(),
                                "value": pl.Float64()})


def judge(actions, results, year=2024, as_at=date(2024, 6, 1)):
    plan = Plan("E1", "Plan", (PRIORITY,), tuple(actions))
    return {r["action"]: r for r in progress(plan, results, year, as_at).iter_rows(named=True)}


def test_the_path_is_a_straight_line_held_at_the_target():
    frame = pl.DataFrame({"year": [2021, 2022, 2023, 2024, 2025, 2027]})
    path = frame.select(path_value(pl.lit(14.0), pl.lit(2022), pl.lit(8.0), pl.lit(2025),
                                   pl.col("year")))
    # before the baseline year: the baseline; after the target year: the target
    assert path.to_series().to_list() == pytest.approx([14, 14, 12, 10, 8, 8])


def test_exactly_on_the_path_is_on_track():
    # 2024: the path is 10%, the value 10% -> on track (green)
    found = judge([action("A1")], values(("NI62", 2023, 12.5), ("NI62", 2024, 10.0)))
    assert found["A1"]["expected"] == pytest.approx(10.0)
    assert (found["A1"]["latest_year"], found["A1"]["progress"]) == (2024, "on track")
    assert found["A1"]["rag"] == "green"


def test_exactly_on_a_path_that_floats_cannot_hit_is_on_track():
    # 0.1 -> 0.4 over three years: 0.3 in the second year is 0.30000000000000004 in floats
    a = action("A1", indicator="NI63", baseline=0.1, target=0.4, baseline_year=2023,
               target_year=2026)
    found = judge([a], values(("NI63", 2025, 0.3)), year=2025)
    assert found["A1"]["expected"] > 0.3
    assert found["A1"]["progress"] == "on track"


def test_behind_the_path_but_better_than_the_baseline_is_amber():
    # 2024: path 10%, value 11% (lower is better) -> off track; better than 14% -> amber
    found = judge([action("A1")], values(("NI62", 2024, 11.0)))
    assert (found["A1"]["progress"], found["A1"]["rag"]) == ("off track", "amber")


def test_no_better_than_the_baseline_is_red():
    found = judge([action("A1")], values(("NI62", 2024, 14.0)))
    assert (found["A1"]["progress"], found["A1"]["rag"]) == ("off track", "red")


def test_target_reached_early_is_achieved():
    # the target is 8% by 2025; 7.5% in 2023 already -> achieved
    found = judge([action("A1")], values(("NI62", 2023, 7.5)), year=2023)
    assert (found["A1"]["progress"], found["A1"]["rag"]) == ("achieved", "green")


def test_higher_is_better_when_the_target_is_above_the_baseline():
    # NI63 from 60 (2022) to 72 (2025): path 68 in 2024; 67 off track, 68 on track, 72 achieved
    a = [action(n, indicator="NI63", baseline=60, target=72) for n in ("A1", "A2", "A3")]
    found = judge(a[:1], values(("NI63", 2024, 67.0)))
    assert found["A1"]["progress"] == "off track"
    found = judge(a[1:2], values(("NI63", 2024, 68.0)))
    assert found["A2"]["progress"] == "on track"
    found = judge(a[2:], values(("NI63", 2024, 72.0)))
    assert found["A3"]["progress"] == "achieved"


def test_no_data_since_the_baseline_year():
    # only the baseline year itself (2022) and a year after the report year (2025)
    found = judge([action("A1")], values(("NI62", 2022, 14.0), ("NI62", 2025, 5.0)))
    assert (found["A1"]["progress"], found["A1"]["rag"], found["A1"]["latest"]) == (
        "no data", "grey", None)


def test_the_latest_year_with_a_value_is_used():
    # 2024 has no value (not available): 2023 is judged against its own point on the path
    found = judge([action("A1")], values(("NI62", 2023, 12.0), ("NI62", 2024, None)))
    assert (found["A1"]["latest_year"], found["A1"]["expected"]) == (2023, pytest.approx(12))
    assert found["A1"]["progress"] == "on track"


def test_holding_a_level_uses_the_indicator_direction():
    # target = baseline = 70 for NI63 (higher is better): 69 off track, 70 achieved
    a = action("A1", indicator="NI63", baseline=70, target=70)
    assert judge([a], values(("NI63", 2024, 69.0)))["A1"]["progress"] == "off track"
    assert judge([a], values(("NI63", 2024, 70.0)))["A1"]["progress"] == "achieved"


def test_overdue_actions():
    actions = [
        action("A1", due=date(2024, 5, 31)),                       # open, 1 day late: overdue
        action("A2", due=date(2024, 5, 31), status="done"),         # done: never overdue
        action("A3", due=date(2024, 6, 1)),                         # due today: not yet
        Action("A4", "P1", "no indicator", "Director", date(2024, 1, 1), "not started"),
    ]
    found = judge(actions, values(), as_at=date(2024, 6, 1))
    assert [found[a]["overdue"] for a in ("A1", "A2", "A3", "A4")] == [True, False, False, True]
    assert (found["A1"]["days_overdue"], found["A4"]["days_overdue"]) == (1, 152)
    assert found["A4"]["progress"] == "not measured"


def test_priority_summary_takes_the_worst_rag():
    plan = Plan("E1", "Plan", (PRIORITY, Priority("P2", "Care leavers", "leaving_care")), (
        action("A1"),                                    # on track (green)
        action("A2", baseline=14, target=2),             # path 6% in 2024; 10% -> amber
        Action("A3", "P2", "offer", "Director", date(2023, 1, 1), "done"),
    ))
    results = values(("NI62", 2024, 10.0))
    summary = priority_summary(progress(plan, results, 2024, date(2024, 6, 1)))
    rows = {r["priority"]: r for r in summary.iter_rows(named=True)}
    assert (rows["P1"]["rag"], rows["P1"]["on_track"], rows["P1"]["off_track"]) == ("amber", 1, 1)
    # P2 has no measured action: grey; its one action is done
    assert (rows["P2"]["rag"], rows["P2"]["done"], rows["P2"]["overdue"]) == ("grey", 1, 0)
