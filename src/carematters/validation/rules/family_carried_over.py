"""502 and 503A-F: an episode open at the end of last year must reappear unchanged as the first
episode of this year's return (spec §1.6).

Last year's open episode is the child's latest episode in last year's return when it has no DEC.
It is compared with the child's earliest episode this year. Recoding forced by a code-list change
is not a difference: an open H5 episode may come back as K3 (H5 withdrawn from 2025) and an open
Z1 as any of Z11-Z14 (Z1 split from 2026).
"""

from __future__ import annotations

import polars as pl

from carematters.validation.context import ROW, Context
from carematters.validation.registry import Rule, rule

#: (code, compared column, what the DfE calls it)
COMPARED = (
    ("502", "DECOM", "start date"),
    ("503A", "RNE", "reason for new episode"),
    ("503B", "LS", "legal status"),
    ("503C", "CIN", "category of need"),
    ("503D", "PLACE", "placement type"),
    ("503E", "PLACE_PROVIDER", "placement provider"),
    ("503F", "URN", "Ofsted URN"),
)

#: (old code, new codes, first collection year the recoding is expected)
RECODED_PLACE = (("H5", ("K3",), 2025), ("Z1", ("Z11", "Z12", "Z13", "Z14"), 2026))


def carried_over(ctx: Context) -> pl.DataFrame:
    """This year's first episode per child (_row, CHILD and the compared columns) joined with
    last year's open episode (`*_LAST`); built once per run for the seven rules here."""
    return ctx.shared("carried_over.joined", lambda: _carried_over(ctx))


def _carried_over(ctx: Context) -> pl.DataFrame:
    last_open = ctx.prev_episodes.lazy().filter(pl.col("IS_LAST") & pl.col("DEC").is_null())
    first = ctx.episodes.lazy().filter(pl.col("IS_FIRST") & pl.col("DECOM").is_not_null())
    columns = [col for _, col, _ in COMPARED]
    return first.select(ROW, "CHILD", *columns).join(
        last_open.select("CHILD", *[pl.col(c).alias(f"{c}_LAST") for c in columns]),
        on="CHILD", how="inner",
    ).collect()


def _recoded(year: int) -> pl.Expr:
    allowed = [
        (pl.col("PLACE_LAST") == old) & pl.col("PLACE").is_in(list(new))
        for old, new, first_year in RECODED_PLACE
        if year >= first_year
    ]
    return pl.any_horizontal(allowed) if allowed else pl.lit(False)


def _check(column: str):
    def check(ctx: Context) -> pl.DataFrame:
        if not ctx.has_previous:
            return pl.DataFrame(schema={ROW: pl.Int64(), "CHILD": pl.String()})
        joined = carried_over(ctx)
        differs = ~pl.col(column).eq_missing(pl.col(f"{column}_LAST"))
        if column == "PLACE":
            differs = differs & ~_recoded(ctx.year).fill_null(False)
        return joined.filter(differs).select(ROW, "CHILD", column)

    return check


RULES = [
    Rule(
        code,
        f"The {label} of the first episode does not match the episode open at the end of last year",
        ("Episodes",), (column,), _check(column),
    )
    for code, column, label in COMPARED
]


@rule("562", "Episode began before this year but is not last year's final episode",
      tables=["Episodes"], fields=["DECOM"])
def rule_562(ctx: Context) -> pl.DataFrame:
    if not ctx.has_previous:
        return pl.DataFrame(schema={ROW: pl.Int64(), "CHILD": pl.String()})
    first = ctx.episodes.lazy().filter(pl.col("IS_FIRST") & (pl.col("DECOM") < ctx.start))
    last = ctx.prev_episodes.lazy().filter(pl.col("IS_LAST")).select("CHILD", "DECOM")
    return first.join(last, on=["CHILD", "DECOM"], how="anti").select(ROW, "CHILD").collect()


@rule("NoE", "Child started to be looked after before this year but has no episodes in last "
      "year's return", tables=["Episodes"], fields=["DECOM"])
def rule_noe(ctx: Context) -> pl.DataFrame:
    if not ctx.has_previous:
        return pl.DataFrame(schema={ROW: pl.Int64(), "CHILD": pl.String()})
    seen_last = ctx.prev("Episodes").select("CHILD").unique()
    before = ctx.table("Episodes").filter(pl.col("DECOM") < ctx.start)
    return before.join(seen_last, on="CHILD", how="anti").select(ROW, "CHILD")


@rule("EPI", "Episodes need to be loaded for this child (a child in Header with no episodes "
      "and no care leaver record)", tables=["Header"], fields=["CHILD"])
def rule_epi(ctx: Context) -> pl.DataFrame:
    known = pl.concat([ctx.children_with_episodes,
                       ctx.table("OC3").select("CHILD").drop_nulls().unique()]).unique()
    return ctx.table("Header").join(known, on="CHILD", how="anti").select(ROW, "CHILD")
