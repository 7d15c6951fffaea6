"""Social worker episodes, collected from 2024 (spec §1.6 "SW rules").

Episodes of one child's social workers run end to end over the whole collection year (even
while the child is not looked after), none overlapping, the latest still open at 31 March, each
with a valid reason. Rules SW02STG1, SW06-SW10b, SW11b, SW12, SW13STG1, SW17-SW19.
"""

from __future__ import annotations

from datetime import date

import polars as pl

from carematters.data.codes import SHORT_BREAK_LS, SW_REASON
from carematters.data.years import year_start
from carematters.validation.context import ROW, Context
from carematters.validation.helpers import blank, not_in, offending
from carematters.validation.registry import rule

FIELDS = ("SW_ID", "SW_DECOM", "SW_DEC", "SW_REASON")
FIRST = 2024
#: Reasons became mandatory for episodes starting from the first collection's year.
REASON_REQUIRED_FROM = date(2023, 4, 1)


def sorted_sw(ctx: Context) -> pl.DataFrame:
    """SW episodes per child in start order, with PREV_SW_DEC and IS_LAST (built once per run
    by the context)."""
    return ctx.sw_episodes


@rule("SW02STG1", "Social worker ID must begin with SW or XX",
      tables=["SWEpisodes"], fields=["SW_ID"], first_year=FIRST)
def sw02(ctx: Context) -> pl.DataFrame:
    sw_id = pl.col("SW_ID").cast(pl.String)
    ok = sw_id.str.starts_with("SW") | sw_id.str.starts_with("XX")
    return offending(ctx.table("SWEpisodes"), ~(ok & (sw_id.str.len_chars() >= 4)).fill_null(False))


@rule("SW06STG2", "Social worker episode must start on or before the end of the collection year",
      tables=["SWEpisodes"], fields=["SW_DECOM"], first_year=FIRST)
def sw06(ctx: Context) -> pl.DataFrame:
    return offending(ctx.table("SWEpisodes"), pl.col("SW_DECOM") > ctx.end)


@rule("SW07STG2", "Social worker episode end date must fall in the social worker reporting "
      "period", tables=["SWEpisodes"], fields=["SW_DEC"], first_year=FIRST)
def sw07(ctx: Context) -> pl.DataFrame:
    # The reporting period is taken to begin a year before the collection year, as the DfE
    # asks for the full previous year of social workers for children in care at 31 March.
    earliest = year_start(ctx.year - 1)
    return offending(ctx.table("SWEpisodes"), ~pl.col("SW_DEC").is_between(earliest, ctx.end))


@rule("SW08STG2", "A new social worker episode has started but the previous one has not ended",
      tables=["SWEpisodes"], fields=["SW_DECOM", "SW_DEC"], first_year=FIRST)
def sw08(ctx: Context) -> pl.DataFrame:
    return offending(sorted_sw(ctx), ~pl.col("IS_LAST") & pl.col("SW_DEC").is_null())


@rule("SW09STG2", "Social worker episode appears to have lasted less than 24 hours",
      tables=["SWEpisodes"], fields=["SW_DECOM", "SW_DEC"], first_year=FIRST)
def sw09(ctx: Context) -> pl.DataFrame:
    return offending(ctx.table("SWEpisodes"), pl.col("SW_DEC") == pl.col("SW_DECOM"))


@rule("SW10STG2", "A new social worker episode started before the previous one ended",
      tables=["SWEpisodes"], fields=["SW_DECOM", "SW_DEC"], first_year=FIRST)
def sw10(ctx: Context) -> pl.DataFrame:
    return offending(sorted_sw(ctx), pl.col("SW_DECOM") < pl.col("PREV_SW_DEC"))


@rule("SW10aSTG2", "A new social worker episode (not a first contact) started more than 7 days "
      "from the end of the previous one", tables=["SWEpisodes"],
      fields=["SW_DECOM", "SW_DEC", "SW_REASON"], first_year=2026)
def sw10a(ctx: Context) -> pl.DataFrame:
    gap = (pl.col("SW_DECOM") - pl.col("PREV_SW_DEC")).dt.total_days().abs()
    not_first_contact = pl.col("SW_REASON").ne_missing("FCONTA")
    return offending(sorted_sw(ctx), not_first_contact & (gap > 7))


@rule("SW10bSTG2", "A social worker episode for a first contact started before the previous one "
      "ended", tables=["SWEpisodes"], fields=["SW_DECOM", "SW_DEC", "SW_REASON"], first_year=2026)
def sw10b(ctx: Context) -> pl.DataFrame:
    condition = (pl.col("SW_REASON") == "FCONTA") & (pl.col("SW_DECOM") < pl.col("PREV_SW_DEC"))
    return offending(sorted_sw(ctx), condition)


def _looked_after_at_end(ctx: Context) -> pl.DataFrame:
    eps = ctx.episodes.lazy().filter(
        ~pl.col("LS").is_in(SHORT_BREAK_LS).fill_null(False)
        & (pl.col("DECOM") <= ctx.end)
        & (pl.col("DEC").is_null() | (pl.col("DEC") > ctx.end))
    ).select(ROW, "CHILD", "DECOM", "LS", "DOB")
    return eps.unique("CHILD", keep="last", maintain_order=True).collect()


@rule("SW11bSTG2", "Social worker episode ended before 31 March and no later one is provided",
      tables=["SWEpisodes"], fields=["SW_DEC"], first_year=FIRST)
def sw11b(ctx: Context) -> pl.DataFrame:
    sw = sorted_sw(ctx).join(_looked_after_at_end(ctx).select("CHILD"), on="CHILD", how="semi")
    return offending(sw, pl.col("IS_LAST") & (pl.col("SW_DEC") < ctx.end))


@rule("SW12STG2", "Child looked after at 31 March: social worker episodes must cover the whole "
      "year", tables=["Episodes"], fields=["DECOM", "LS"], first_year=FIRST)
def sw12(ctx: Context) -> pl.DataFrame:
    # Flag the open episode of a child looked after at 31 March whose earliest social worker
    # episode starts after 1 April (or after birth, for a baby), unless it was a first contact.
    first_sw = (
        sorted_sw(ctx).unique("CHILD", keep="first", maintain_order=True)
        .select("CHILD", "SW_DECOM", "SW_REASON")
    )
    open_eps = _looked_after_at_end(ctx).join(first_sw, on="CHILD", how="left")
    due_from = pl.max_horizontal(pl.lit(ctx.start), pl.col("DOB").fill_null(ctx.start))
    late = pl.col("SW_DECOM").is_null() | (
        (pl.col("SW_DECOM") > due_from) & pl.col("SW_REASON").ne_missing("FCONTA")
    )
    return offending(open_eps, late)


@rule("SW13STG1", "Reason for social worker change is not valid",
      tables=["SWEpisodes"], fields=["SW_REASON"], first_year=FIRST)
def sw13(ctx: Context) -> pl.DataFrame:
    required = blank("SW_REASON") & (pl.col("SW_DECOM") >= REASON_REQUIRED_FROM)
    return offending(ctx.table("SWEpisodes"), not_in("SW_REASON", SW_REASON.values()) | required)


@rule("SW17STG2", "There is no social worker episode open at 31 March",
      tables=["SWEpisodes"], fields=["SW_DEC"], first_year=2026)
def sw17(ctx: Context) -> pl.DataFrame:
    return offending(sorted_sw(ctx), pl.col("IS_LAST") & pl.col("SW_DEC").is_not_null())


@rule("SW18STG2", "Social worker episode ends before it starts",
      tables=["SWEpisodes"], fields=["SW_DECOM", "SW_DEC"], first_year=2026)
def sw18(ctx: Context) -> pl.DataFrame:
    return offending(ctx.table("SWEpisodes"), pl.col("SW_DEC") < pl.col("SW_DECOM"))


@rule("SW19STG2", "Two social worker episodes for the child start on the same date",
      tables=["SWEpisodes"], fields=["SW_DECOM"], first_year=2026)
def sw19(ctx: Context) -> pl.DataFrame:
    sw = ctx.table("SWEpisodes").filter(pl.col("SW_DECOM").is_not_null())
    return offending(sw, pl.len().over(["CHILD", "SW_DECOM"]) > 1)


