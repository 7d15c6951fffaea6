"""Run indicators over CareData and turn each drill-down into numerator, denominator and value."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import polars as pl

from carematters.data.caredata import CareData
from carematters.indicators.context import Context, Derived
from carematters.indicators.params import Parameters
from carematters.indicators.registry import (
    AVERAGE_UNITS,
    DRILLDOWN_SCHEMA,
    Indicator,
    NotAvailable,
    all_indicators,
)


@dataclass(frozen=True)
class IndicatorResult:
    indicator: Indicator
    year: int
    numerator: float | None
    denominator: float | None
    value: float | None
    children: pl.DataFrame  # the drill-down: CHILD, in_denominator, in_numerator, value
    note: str = ""
    la: str | None = None
    available: bool = True  # False when the data or a parameter it needs is missing (see note)

    def denominator_children(self) -> pl.DataFrame:
        return self.children.filter("in_denominator")

    def numerator_children(self) -> pl.DataFrame:
        return self.children.filter("in_denominator" if self.indicator.unit in AVERAGE_UNITS
                                    else "in_numerator")


def _drilldown(frame: pl.DataFrame) -> pl.DataFrame:
    """Normalise an indicator's frame to DRILLDOWN_SCHEMA, one row per child."""
    columns = []
    for name, dtype in DRILLDOWN_SCHEMA.items():
        if name in frame.columns:
            col = pl.col(name).cast(dtype)
            columns.append(col.fill_null(False) if dtype == pl.Boolean() else col)
        else:
            columns.append(pl.lit(None, dtype).alias(name))
    out = frame.select(columns)
    # Nobody is in a numerator without being in the denominator.
    return out.with_columns(pl.col("in_numerator") & pl.col("in_denominator")).sort("CHILD")


def _summarise(ind: Indicator, children: pl.DataFrame, ctx: Context) -> tuple:
    den_rows = children.filter("in_denominator")
    if ind.unit in AVERAGE_UNITS:
        scored = den_rows.filter(pl.col("value").is_not_null())
        total = scored["value"].sum() if scored.height else 0.0
        count = scored.height
        return float(total), float(count), (total / count if count else None)
    numerator = float(den_rows["in_numerator"].sum())
    if ind.unit == "count":
        return numerator, None, numerator
    if ind.unit == "rate":
        population = ctx.params.population
        if not population:
            raise NotAvailable("needs the number of children under 18 living in the authority "
                               "(ONS mid-year estimate), which was not given")
        return numerator, float(population), numerator / population * 10_000
    denominator = float(den_rows.height)
    return numerator, denominator, (numerator / denominator * 100 if denominator else None)


def compute_indicator(ind: Indicator, ctx: Context) -> IndicatorResult:
    try:
        ctx.require(*ind.requires)
        computed = ind.compute(ctx)
        # An indicator may return (frame, note) to say how it was computed from this data.
        frame, own_note = computed if isinstance(computed, tuple) else (computed, "")
        children = _drilldown(frame)
        numerator, denominator, value = _summarise(ind, children, ctx)
        note = "; ".join(n for n in (own_note, _history_note(ind, ctx)) if n)
    except NotAvailable as why:
        empty = pl.DataFrame(schema=DRILLDOWN_SCHEMA)
        return IndicatorResult(ind, ctx.year, None, None, None, empty, str(why), ctx.data.la,
                               available=False)
    return IndicatorResult(ind, ctx.year, numerator, denominator, value, children, note,
                           ctx.data.la)


def _history_note(ind: Indicator, ctx: Context) -> str:
    years = set(ctx.data.years)
    wanted = set(range(ctx.year - ind.history_years + 1, ctx.year + 1))
    if ind.history_years > 1 and years and not wanted <= years:
        return (f"needs returns for {min(wanted)}-{ctx.year}; computed from "
                f"{', '.join(map(str, sorted(years)))} only")
    return ""


def compute(
    data: CareData,
    year: int,
    *,
    ids: Iterable[str] | None = None,
    params: Parameters | None = None,
    derived: Derived | None = None,
) -> list[IndicatorResult]:
    """Every registered indicator (or those in `ids`) for one authority and one year.

    Pass the same `derived` for several years of the same data to build carer spells and
    periods of care once.
    """
    registry = all_indicators()
    chosen = list(ids) if ids is not None else list(registry)
    unknown = [i for i in chosen if i not in registry]
    if unknown:
        raise KeyError(f"unknown indicators: {', '.join(unknown)}")
    ctx = Context(data, year, params, derived)
    return [compute_indicator(registry[i], ctx) for i in chosen]


def compute_one(indicator_id: str, data: CareData, year: int,
                params: Parameters | None = None) -> IndicatorResult:
    return compute(data, year, ids=[indicator_id], params=params)[0]


RESULT_SCHEMA = {
    "la": pl.String(), "indicator": pl.String(), "year": pl.Int32(),
    "numerator": pl.Float64(), "denominator": pl.Float64(), "value": pl.Float64(),
    "title": pl.String(), "theme": pl.String(), "unit": pl.String(),
    "direction": pl.String(), "note": pl.String(),
}


def results_frame(results: Iterable[IndicatorResult]) -> pl.DataFrame:
    """One row per result: la, indicator, year, numerator, denominator, value and metadata."""
    rows = [
        {"la": r.la, "indicator": r.indicator.id, "year": r.year, "numerator": r.numerator,
         "denominator": r.denominator, "value": r.value, "title": r.indicator.title,
         "theme": r.indicator.theme, "unit": r.indicator.unit,
         "direction": r.indicator.direction, "note": r.note}
        for r in results
    ]
    return pl.DataFrame(rows, schema=RESULT_SCHEMA)
