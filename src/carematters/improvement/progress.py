"""Progress of an improvement plan: each action's indicator against a straight-line path from
its baseline to its target, and actions past their due date.

An action is judged on the latest year after its baseline year for which the indicator has a
value (up to the report year):

- **achieved**: the value has reached the target (early counts);
- **on track**: not yet, but at or better than the straight line from the baseline (in the
  baseline year) to the target (in the target year) for that year; exactly on the line is on
  track;
- **off track**: worse than the line (after the target year, the line is the target);
- **no data**: no value since the baseline year; **not measured**: no indicator.

"Better" follows the plan itself: a target above the baseline means higher is better; a target
equal to the baseline (holding a level) uses the indicator's own direction (higher when it has
none). RAG: achieved and on track green; off track amber while still better than the baseline,
red otherwise; grey without data.
"""

from __future__ import annotations

from datetime import date

import polars as pl

from carematters.improvement.plan import CLOSED, THEMES, Plan
from carematters.indicators.registry import all_indicators

# Values are unrounded floats: a value exactly on the path can differ from it by rounding error.
TOLERANCE = 1e-9
RAG_ORDER = ("red", "amber", "green", "grey")

ACTION_SCHEMA = {
    "priority": pl.String(), "action": pl.String(), "title": pl.String(), "owner": pl.String(),
    "due": pl.Date(), "status": pl.String(), "indicator": pl.String(),
    "baseline": pl.Float64(), "baseline_year": pl.Int32(), "target": pl.Float64(),
    "target_year": pl.Int32(),
}


def actions_frame(plan: Plan) -> pl.DataFrame:
    """One row per action with its priority's title and theme."""
    rows = [{"priority": a.priority, "action": a.id, "title": a.title, "owner": a.owner,
             "due": a.due, "status": a.status, "indicator": a.indicator,
             "baseline": a.baseline, "baseline_year": a.baseline_year, "target": a.target,
             "target_year": a.target_year} for a in plan.actions]
    frame = pl.DataFrame(rows, schema=ACTION_SCHEMA)
    priorities = pl.DataFrame(
        {"priority": [p.id for p in plan.priorities],
         "priority_title": [p.title for p in plan.priorities],
         "theme": [THEMES[p.theme] for p in plan.priorities]},
        schema={"priority": pl.String(), "priority_title": pl.String(), "theme": pl.String()})
    return frame.join(priorities, on="priority", how="left", maintain_order="left")


def path_value(baseline: pl.Expr, baseline_year: pl.Expr, target: pl.Expr,
               target_year: pl.Expr, year: pl.Expr) -> pl.Expr:
    """The straight line from (baseline_year, baseline) to (target_year, target), held at the
    target after the target year."""
    share = ((year - baseline_year) / (target_year - baseline_year)).clip(0.0, 1.0)
    return baseline + (target - baseline) * share


def _direction() -> pl.Expr:
    registry = pl.col("_registry_direction")
    return (
        pl.when(pl.col("indicator").is_null()).then(None)
        .when(pl.col("target") > pl.col("baseline")).then(pl.lit("higher"))
        .when(pl.col("target") < pl.col("baseline")).then(pl.lit("lower"))
        .when(registry == "lower").then(pl.lit("lower"))
        .otherwise(pl.lit("higher"))
    )


def _at_least_as_good(value: pl.Expr, than: pl.Expr) -> pl.Expr:
    higher = value >= than - TOLERANCE
    lower = value <= than + TOLERANCE
    return pl.when(pl.col("direction") == "higher").then(higher).otherwise(lower)


def _latest(actions: pl.DataFrame, results: pl.DataFrame, year: int) -> pl.DataFrame:
    """Each measured action's latest value after its baseline year, up to `year`."""
    values = results.select("indicator", pl.col("year").cast(pl.Int32), "value").drop_nulls()
    return (
        actions.select("action", "indicator", "baseline_year").drop_nulls()
        .join(values, on="indicator", how="inner")
        .filter((pl.col("year") > pl.col("baseline_year")) & (pl.col("year") <= year))
        .sort("year")
        .group_by("action")
        .agg(pl.col("year").last().alias("latest_year"), pl.col("value").last().alias("latest"))
    )


def progress(plan: Plan, results: pl.DataFrame, year: int, as_at: date) -> pl.DataFrame:
    """One row per action: the plan's fields, latest_year, latest, expected, direction,
    progress, rag, overdue and days_overdue (on `as_at`).

    `results` is a results frame of the authority over several years (indicator, year, value).
    """
    registry = all_indicators()
    directions = pl.DataFrame(
        {"indicator": list(registry), "_registry_direction": [i.direction for i in
                                                              registry.values()],
         "unit": [i.unit for i in registry.values()]})
    actions = actions_frame(plan)
    frame = (
        actions.join(_latest(actions, results, year), on="action", how="left")
        .join(directions, on="indicator", how="left", maintain_order="left")
        .with_columns(_direction().alias("direction"))
        .with_columns(path_value(pl.col("baseline"), pl.col("baseline_year"), pl.col("target"),
                                 pl.col("target_year"), pl.col("latest_year")).alias("expected"))
    )
    latest = pl.col("latest")
    judged = (
        pl.when(pl.col("indicator").is_null()).then(pl.lit("not measured"))
        .when(latest.is_null()).then(pl.lit("no data"))
        .when(_at_least_as_good(latest, pl.col("target"))).then(pl.lit("achieved"))
        .when(_at_least_as_good(latest, pl.col("expected"))).then(pl.lit("on track"))
        .otherwise(pl.lit("off track"))
    )
    improved = _at_least_as_good(latest, pl.col("baseline")) & (
        (latest - pl.col("baseline")).abs() > TOLERANCE)
    rag = (
        pl.when(pl.col("progress").is_in(["achieved", "on track"])).then(pl.lit("green"))
        .when(pl.col("progress") == "off track")
        .then(pl.when(improved).then(pl.lit("amber")).otherwise(pl.lit("red")))
        .otherwise(pl.lit("grey"))
    )
    late = (pl.lit(as_at) - pl.col("due")).dt.total_days()
    overdue = ~pl.col("status").is_in(list(CLOSED)) & (late > 0)
    return (
        frame.with_columns(judged.alias("progress"))
        .with_columns(rag.alias("rag"), overdue.alias("overdue"))
        .with_columns(pl.when(pl.col("overdue")).then(late).otherwise(None)
                      .cast(pl.Int32).alias("days_overdue"))
        .drop("_registry_direction")
    )


def priority_summary(actions: pl.DataFrame) -> pl.DataFrame:
    """Per priority: counts of actions by progress and status, and the worst RAG among its
    measured actions (grey when none has data)."""
    rank = pl.col("rag").replace_strict({r: i for i, r in enumerate(RAG_ORDER)},
                                        return_dtype=pl.Int8)
    return (
        actions.group_by("priority", "priority_title", "theme", maintain_order=True)
        .agg(
            pl.len().alias("actions"),
            (pl.col("status") == "done").sum().alias("done"),
            pl.col("overdue").sum().alias("overdue"),
            *[(pl.col("progress") == p).sum().alias(p.replace(" ", "_"))
              for p in ("achieved", "on track", "off track", "no data")],
            rank.min().alias("_worst"),
        )
        .with_columns(pl.col("_worst").replace_strict(dict(enumerate(RAG_ORDER)),
                                                      return_dtype=pl.String).alias("rag"))
        .drop("_worst")
    )


def trend(results: pl.DataFrame, action: dict) -> tuple[pl.DataFrame, pl.DataFrame]:
    """An action's indicator by year (year, value) and its path from baseline to target."""
    series = (results.filter(pl.col("indicator") == action["indicator"])
              .select(pl.col("year").cast(pl.Int32), "value").drop_nulls().sort("year"))
    path = pl.DataFrame({"year": [action["baseline_year"], action["target_year"]],
                         "value": [action["baseline"], action["target"]]},
                        schema={"year": pl.Int32(), "value": pl.Float64()})
    return series, path
