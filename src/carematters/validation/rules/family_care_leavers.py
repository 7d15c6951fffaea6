"""Who may have care leaver (OC3) information, judged from episodes this year and last year:
1000, 1001, 1002, 1010, 1011, 1012, 1014, 348.

Without a history "previously looked after" means in this or last year's episodes; a care
leaver whose care ended earlier is not flagged by rules needing last year's data when it was not
given. With a history (`validate(..., history=...)`: the returns from before last year) the
episodes of those years count too, so a care leaver whose care ended years ago is seen as one.
"""

from __future__ import annotations

import polars as pl

from carematters.data.codes import SHORT_BREAK_LS
from carematters.validation.context import ROW, Context
from carematters.validation.helpers import any_present, episode_end, in_cohort, offending
from carematters.validation.registry import rule

OC3_ITEMS = ("IN_TOUCH", "ACTIV", "ACCOM")
#: Eligible child (Children Act 1989 Sch 2 para 19B): 13 weeks looked after from age 14, some
#: of it after 16.
THIRTEEN_WEEKS = 91


def _leavers(ctx: Context) -> pl.DataFrame:
    return ctx.table("OC3").filter(any_present(OC3_ITEMS))


def _both_years(ctx: Context) -> pl.DataFrame:
    """Episodes from this and last year's returns, each (CHILD, DECOM) once (this year wins);
    built once per run for the rules here."""
    return ctx.shared("care_leavers.both_years", lambda: _episodes_of_both_years(ctx))


def _episodes_of_both_years(ctx: Context) -> pl.DataFrame:
    """This year's, last year's and (when given) earlier years' episodes: an episode open across
    31 March is in two returns, and the later return's copy (which may carry its end) wins."""
    columns = ["CHILD", "DECOM", "DEC", "REC", "LS", "RNE"]
    parts = [ctx.table("Episodes").lazy().select(columns), ctx.prev("Episodes").lazy().select(columns)]
    if ctx.has_history:
        # The earlier returns may hold an episode twice (open at one 31 March, ended by the
        # next): the copy with its end comes first, so it is the one kept.
        parts.append(ctx.earlier("Episodes").lazy().select(columns).sort(
            "DEC", descending=True, nulls_last=True, maintain_order=True))
    return pl.concat(parts).filter(pl.col("DECOM").is_not_null()).unique(
        ["CHILD", "DECOM"], keep="first", maintain_order=True
    ).collect()


@rule("1000", "The young person died in care, so care leaver information is not needed",
      tables=["OC3"], fields=OC3_ITEMS)
def rule_1000(ctx: Context) -> pl.DataFrame:
    died = _both_years(ctx).filter(pl.col("REC") == "E2").select("CHILD")
    return offending(in_cohort(ctx.table("OC3"), died), pl.col("IN_COHORT"))


@rule("1001", "The episodes do not show a relevant or former relevant child, so care leaver "
      "information is not needed", tables=["OC3"], fields=OC3_ITEMS)
def rule_1001(ctx: Context) -> pl.DataFrame:
    earlier = ctx.prev("Episodes").height + (ctx.earlier("Episodes").height if ctx.has_history else 0)
    if not (ctx.has_previous or ctx.has_history) or earlier == 0:
        return pl.DataFrame(schema={ROW: pl.Int64(), "CHILD": pl.String()})
    candidates = _leavers(ctx)
    first_seen = ctx.first_year_seen
    if first_seen is not None:
        # Care ends by 18, so a young person under 20 at 31 March was in care no earlier than
        # last year; each earlier year seen reaches one year older. Older ones' care falls
        # before the returns given: they are left out.
        oldest = 20 + (ctx.year - 1 - first_seen)
        young = ctx.dob.filter(pl.col("DOB").dt.offset_by(f"{oldest}y") > ctx.end).select("CHILD")
        candidates = candidates.join(young, on="CHILD", how="semi")
    # Every figure below is per child and only joined to these care leavers: their episodes
    # are all that need summing (a tenth of both years' episodes).
    eps = _both_years(ctx).join(candidates.select("CHILD").unique(), on="CHILD", how="semi")
    eps = eps.join(ctx.dob, on="CHILD", how="inner").filter(
        ~pl.col("LS").is_in(SHORT_BREAK_LS).fill_null(False)
    )
    ended = episode_end(ctx.end)

    def days_after(age: int) -> pl.Expr:
        start = pl.max_horizontal(pl.col("DECOM"), pl.col("DOB").dt.offset_by(f"{age}y"))
        return (ended - start).dt.total_days().clip(lower_bound=0)

    totals = eps.group_by("CHILD").agg(
        days_after(14).sum().alias("_AFTER_14"), days_after(16).sum().alias("_AFTER_16")
    )
    # A child whose earliest visible episode is not a start of care was looked after before the
    # returns given: their eligibility cannot be judged, so they are left out.
    ordered = eps.sort(["CHILD", "DECOM"])
    unknown_start = ordered.unique("CHILD", keep="first", maintain_order=True).filter(
        pl.col("RNE").ne_missing("S")).select("CHILD")
    last = ordered.unique("CHILD", keep="last", maintain_order=True)
    adopted = last.filter(pl.col("REC").is_in(["E11", "E12"])).select("CHILD")
    # Young people with no visible episodes at all are rule 1002's concern, not this one's.
    leavers = (candidates.join(unknown_start, on="CHILD", how="anti")
               .join(totals, on="CHILD", how="inner"))
    leavers = in_cohort(leavers, adopted, "ADOPTED")
    eligible = (pl.col("_AFTER_14") >= THIRTEEN_WEEKS) & (pl.col("_AFTER_16") >= 1)
    return offending(leavers, pl.col("ADOPTED") | ~eligible.fill_null(False))


@rule("1002", "No episodes of care for this young person, so care leaver information is not "
      "needed", tables=["OC3"], fields=OC3_ITEMS)
def rule_1002(ctx: Context) -> pl.DataFrame:
    if not ctx.has_previous:
        return pl.DataFrame(schema={ROW: pl.Int64(), "CHILD": pl.String()})
    # Any episode row counts, one with an unreadable DECOM too: the child has episodes, and the
    # bad date is 141's finding. Earlier years' episodes, when given, count as well: a care
    # leaver whose care ended before last year has had episodes.
    parts = [ctx.table("Episodes").select("CHILD"), ctx.prev("Episodes").select("CHILD")]
    if ctx.has_history:
        parts.append(ctx.earlier("Episodes").select("CHILD"))
    seen = pl.concat(parts).drop_nulls().unique()
    return offending(in_cohort(ctx.table("OC3"), seen), ~pl.col("IN_COHORT"))


@rule("1010", "Open episode at the end of last year but no episodes this year, and care leaver "
      "data given", tables=["OC3"], fields=OC3_ITEMS)
def rule_1010(ctx: Context) -> pl.DataFrame:
    # Open: no DEC and no REC. A DEC missing beside a REC is one last year's reader could not
    # read (the episode ended), not an open episode.
    rec_blank = pl.col("REC").is_null() | (pl.col("REC").cast(pl.String).str.strip_chars() == "")
    open_last = ctx.prev_episodes.lazy().filter(
        pl.col("IS_LAST") & pl.col("DEC").is_null() & rec_blank).select("CHILD").collect()
    leavers = ctx.table("OC3").join(open_last, on="CHILD", how="semi")
    return leavers.join(ctx.children_with_episodes, on="CHILD", how="anti").select(ROW, "CHILD")


@rule("1011", "Care was transferred to another authority at the final episode, so care leaver "
      "information is not needed", tables=["OC3"], fields=OC3_ITEMS)
def rule_1011(ctx: Context) -> pl.DataFrame:
    # The latest episodes straight from ctx.episodes: a few columns, not a copy of all of them.
    transferred = ctx.episodes.lazy().filter(pl.col("IS_LAST") & (pl.col("REC") == "E3")).select(
        "CHILD").collect()
    return _leavers(ctx).join(transferred, on="CHILD", how="semi").select(ROW, "CHILD")


@rule("1012", "No other data should be returned for a care leaver with no episodes this year",
      tables=["PlacedAdoption", "Missing", "Reviews", "AD1", "PrevPerm", "OC2"], fields=["CHILD"])
def rule_1012(ctx: Context) -> dict[str, pl.DataFrame]:
    leavers = ctx.table("OC3").select("CHILD").unique().join(
        ctx.children_with_episodes, on="CHILD", how="anti"
    )
    return {
        name: ctx.table(name).join(leavers, on="CHILD", how="semi").select(ROW, "CHILD")
        for name in ("PlacedAdoption", "Missing", "Reviews", "AD1", "PrevPerm", "OC2")
    }


@rule("1014", "UASC information is not needed for care leavers",
      tables=["UASC", "OC3"], fields=("DUC", *OC3_ITEMS))
def rule_1014(ctx: Context) -> dict[str, pl.DataFrame]:
    in_year = ctx.table("Episodes").lazy().filter(
        (pl.col("DECOM") <= ctx.end) & (pl.col("DEC").is_null() | (pl.col("DEC") >= ctx.start))
    ).select("CHILD").unique().collect()
    leavers = _leavers(ctx).join(in_year, on="CHILD", how="anti")
    uasc = ctx.table("UASC").join(leavers.select("CHILD").unique(), on="CHILD", how="semi")
    return {
        "UASC": uasc.select(ROW, "CHILD"),
        "OC3": leavers.join(uasc.select("CHILD").unique(), on="CHILD", how="semi").select(ROW, "CHILD"),
    }


@rule("348", "Care leaver was reported last year as having died", tables=["OC3"],
      fields=["IN_TOUCH"], first_year=2026)
def rule_348(ctx: Context) -> pl.DataFrame:
    died = ctx.prev("OC3").filter(pl.col("IN_TOUCH") == "DIED").select("CHILD").unique()
    this_year = ctx.table("OC3").join(died, on="CHILD", how="semi")
    return offending(this_year, pl.col("IN_TOUCH").ne_missing("DIED"))
