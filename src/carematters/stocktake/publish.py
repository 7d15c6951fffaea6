"""A pooled table made safe to publish: small counts hidden, and whatever would reveal them.

The cells are each authority's (and the pooled row's) numerator and denominator. What a reader
can combine (`disclosure.Relations`):

- each indicator's numerators, and its denominators, add up to the pooled row;
- a family of percentages splits one cohort (why children ceased, where children lived at
  31 March, the SDQ bands), so its numerators add up to the shared denominator;
- the care leavers aged 19-21 are those aged 19, 20 and 21;
- some counts are the same children under several indicators (children looked after at 31
  March are LAC_31MAR, LAC_RATE's numerator and the denominator of every placement measure);
  the registry's wording of numerators and denominators says which (`COHORT_ALIASES` adds the
  few worded differently). Such cells are hidden together.

A value is hidden when a count it is worked out from is hidden (a rate whose denominator is
suppressed is suppressed too), and ranks and quartiles are then among the shown values only,
as in the DfE's own local authority tables.
"""

from __future__ import annotations

from collections import defaultdict

import polars as pl

from carematters.indicators.headline import CEASED_GROUPS, PLACEMENT_GROUPS
from carematters.indicators.health import SDQ_BANDS
from carematters.indicators.registry import all_indicators
from carematters.stocktake.disclosure import Key, Relations, protect
from carematters.stocktake.pool import POOLED, is_average, quartile_expr, rank_expr
from carematters.stocktake.suppression import DEFAULT_THRESHOLD

#: Indicators whose numerators split the denominator they share.
FAMILIES: tuple[tuple[str, ...], ...] = (
    tuple(f"CEASED_{g}" for g in CEASED_GROUPS),
    tuple(f"PLACE_{g}" for g in PLACEMENT_GROUPS),
    tuple(f"NI58_{b}" for b in SDQ_BANDS),
)

#: Indicators that are the sum of others, numerator by numerator and denominator by denominator.
AGE_SUMS: tuple[tuple[str, tuple[str, ...]], ...] = tuple(
    (f"CL19_21_{m}", tuple(f"CL{age}_{m}" for age in (19, 20, 21)))
    for m in ("IN_TOUCH", "EET", "NEET", "ACCOM")
)


#: Counts that are the same children under different wording.
_ADOPTED = "children adopted in the year"
COHORT_ALIASES = {
    ("CEASED", "numerator"): "Children who ceased to be looked after in the year",
    ("ADOPTED", "numerator"): _ADOPTED,
    ("CEASED_ADOPTION", "numerator"): _ADOPTED,
    ("NI61", "denominator"): _ADOPTED,
}


def _cohorts() -> dict[tuple[str, str], str]:
    """(indicator, numerator|denominator) -> the cohort it counts, from the registry's wording:
    indicators worded with the same denominator count the same children, and a count's
    numerator worded like another's denominator too (LAC_31MAR and NI62's denominator)."""
    found: dict[tuple[str, str], str] = {}
    for ind in all_indicators().values():
        if ind.unit != "rate" and ind.denominator != "(a count)":
            found[(ind.id, "denominator")] = ind.denominator.strip().rstrip(".")
        if ind.unit in ("count", "rate"):
            found[(ind.id, "numerator")] = ind.numerator.strip().rstrip(".")
    return found | COHORT_ALIASES


def _row_key(row: dict) -> tuple[str, str, int]:
    return (row["la"], row["indicator"], row["year"])


def _cells(pooled: pl.DataFrame) -> tuple[dict[Key, float | None], set[Key], list[tuple]]:
    """Numerator and denominator cells by (la, indicator, year, field), and which count
    children. A rate's denominator is the child population, public and never hidden."""
    cells: dict[Key, float | None] = {}
    counts: set[Key] = set()
    averages = []
    for row in pooled.iter_rows(named=True):
        key = _row_key(row)
        cells[(*key, "numerator")] = row["numerator"]
        if row["unit"] not in ("count", "rate"):
            cells[(*key, "denominator")] = row["denominator"]
            counts.add((*key, "denominator"))
        if is_average(row["unit"]):
            averages.append(((*key, "numerator"), (*key, "denominator")))
        else:
            counts.add((*key, "numerator"))
    return cells, counts, averages


def relations(pooled: pl.DataFrame) -> tuple[dict[Key, float | None], set[Key], Relations]:
    """The cells of a pooled table and what a reader of it knows about them."""
    cells, counts, averages = _cells(pooled)
    found = Relations(together=averages)
    # Each authority adds to the pooled row of all, and to its region's row if it has one.
    region_of = dict(pooled.filter(~pl.col("pooled")).select("la", "region").unique().iter_rows())
    lines: dict[tuple, list[Key]] = defaultdict(list)
    for la, indicator, year, part in cells:
        if la in region_of:
            lines[(POOLED, indicator, year, part)].append((la, indicator, year, part))
            if region_of[la] is not None:
                lines[(region_of[la], indicator, year, part)].append((la, indicator, year, part))
    for (total, indicator, year, part), parts in lines.items():
        found.sums.append((tuple(parts), (total, indicator, year, part)))
    places = {(la, year) for la, _, year, _ in cells}
    for la, year in sorted(places):
        for family in FAMILIES:
            parts = tuple((la, ind, year, "numerator") for ind in family)
            found.sums.append((parts, (la, family[0], year, "denominator")))
        for total, ages in AGE_SUMS:
            for part in ("numerator", "denominator"):
                found.sums.append((tuple((la, a, year, part) for a in ages),
                                   (la, total, year, part)))
    same: dict[tuple, list[Key]] = defaultdict(list)
    cohorts = _cohorts()
    for key in counts:
        cohort = cohorts.get((key[1], key[3]))
        if cohort is not None and cells[key] is not None:
            same[(key[0], key[2], cohort, cells[key])].append(key)
    found.equal = [tuple(sorted(group, key=str)) for group in same.values() if len(group) > 1]
    return cells, counts, found


def suppress_pooled(pooled: pl.DataFrame, threshold: int = DEFAULT_THRESHOLD) -> pl.DataFrame:
    """`pooled` (from `pool`) with hidden cells set to null and flagged.

    Adds `numerator_hidden`, `denominator_hidden`, `value_hidden` and `pooled_value_hidden`;
    `difference` goes with either value; `rank` and `quartile` are recomputed among the values
    still shown.
    """
    cells, counts, found = relations(pooled)
    hidden = protect(cells, counts, found, threshold)
    keys = list(zip(pooled["la"], pooled["indicator"], pooled["year"], strict=True))
    flags = pl.DataFrame({
        "numerator_hidden": [(*k, "numerator") in hidden for k in keys],
        "denominator_hidden": [(*k, "denominator") in hidden for k in keys],
    })
    marked = pl.concat([pooled, flags], how="horizontal")
    value_hidden = (
        pl.when(pl.col("unit").is_in(["count", "rate"])).then(pl.col("numerator_hidden"))
        .when(pl.col("unit") == "%")
        .then(pl.col("numerator_hidden") | pl.col("denominator_hidden"))
        .otherwise(pl.col("denominator_hidden"))
    )
    marked = marked.with_columns(value_hidden.alias("value_hidden"))
    hide = {
        "numerator": "numerator_hidden", "denominator": "denominator_hidden",
        "value": "value_hidden", "difference": "value_hidden",
    }
    marked = marked.with_columns(
        pl.when(pl.col(flag)).then(None).otherwise(pl.col(name)).alias(name)
        for name, flag in hide.items()
    )
    # The pooled figure is repeated on every authority's row: it goes wherever it is hidden.
    pooled_hidden = marked.filter(pl.col("la") == POOLED).select(
        "indicator", "year", pl.col("value_hidden").alias("pooled_value_hidden"))
    marked = marked.join(pooled_hidden, on=["indicator", "year"], how="left").with_columns(
        pl.col("pooled_value_hidden").fill_null(False))
    marked = marked.with_columns(
        pl.when(pl.col("pooled_value_hidden")).then(None).otherwise(pl.col(name)).alias(name)
        for name in ("pooled_value", "difference"))
    authorities = marked.filter(~pl.col("pooled")).with_columns(rank_expr().alias("rank"))
    authorities = authorities.with_columns(quartile_expr().alias("quartile"))
    rows = pl.concat([authorities, marked.filter(pl.col("pooled"))])
    order = pooled.select("la", "indicator", "year").with_row_index("_order")
    return (order.join(rows, on=["la", "indicator", "year"], how="left")
            .sort("_order").drop("_order").select(marked.columns))
