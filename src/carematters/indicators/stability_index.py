"""The Children's Commissioner's Stability Index and the DfE stability measures (spec §2.10).

Three domains for children looked after at 31 March: placement changes (carer spells), changes of
social worker (SWEpisodes, collected from 2024) and mid-year school moves (the SchoolEnrolment
extension table), then any and multiple instability across the domains the data has.
"""

from __future__ import annotations

from datetime import date

import polars as pl

from carematters.data.episodes import looked_after_during
from carematters.data.years import year_end, year_start
from carematters.indicators._common import everyone_in
from carematters.indicators.context import Context
from carematters.indicators.registry import indicator


def placement_changes(ctx: Context, start: date, end: date) -> pl.DataFrame:
    """CHILD, CHANGES: new carer spells starting strictly after `start` and by `end`.

    A child's first entry to care is not a change: the published code skips the child's first
    S/P/B episode when it is an S. Re-entries count.
    """
    spells = ctx.spells
    # Spells are numbered from 1 for each child: spell 1 is the child's first in the data.
    first_entry = (pl.col("SPELL") == 1) & (pl.col("START_RNE") == "S")
    return (
        spells.filter(
            (pl.col("SPELL_START") > start) & (pl.col("SPELL_START") <= end) & ~first_entry
        )
        .group_by("CHILD")
        .agg(pl.len().cast(pl.Int32).alias("CHANGES"))
    )


def _with_changes(ctx: Context) -> pl.DataFrame:
    return ctx.memo(("placement_changes",), lambda: ctx.looked_after_at_end.select("CHILD").join(
        placement_changes(ctx, ctx.start, ctx.end), on="CHILD", how="left"
    ).with_columns(pl.col("CHANGES").fill_null(0)))


def social_worker_changes(ctx: Context) -> pl.DataFrame:
    return ctx.memo(("social_worker_changes",), lambda: _social_worker_changes(ctx))


def _social_worker_changes(ctx: Context) -> pl.DataFrame:
    """CHILD, SW_CHANGES for children with a clean social worker history and a worker at 31 March.

    Cleaning as the Stability Index: duplicates, rows without a start or a meaningful id
    (blank, or only X placeholders) and rows overlapping an earlier one (the earliest start is
    kept) are dropped; children with no worker open at 31 March are left out. A change is a new
    worker starting in the year after an earlier one [C]; consecutive rows for the same worker
    are one allocation, and the first allocation (FCONTA) is not a change.
    """
    sw = (
        ctx.data["SWEpisodes"]
        .select("CHILD", "SW_ID", "SW_DECOM", "SW_DEC")
        .with_columns(pl.col("SW_ID").str.strip_chars().str.to_uppercase())
        .filter(pl.col("SW_DECOM").is_not_null() & pl.col("SW_ID").str.contains("[^X]"))
        .unique()
        .sort("CHILD", "SW_DECOM", "SW_DEC", nulls_last=True)
    )
    far_future = pl.lit(date(9999, 12, 31))
    earlier_end = (
        pl.col("SW_DEC").fill_null(far_future).cum_max().shift(1).over("CHILD")
    )
    sw = sw.filter(earlier_end.is_null() | (pl.col("SW_DECOM") >= earlier_end))
    open_at_end = sw.filter(
        (pl.col("SW_DECOM") <= ctx.end) & (pl.col("SW_DEC").is_null() | (pl.col("SW_DEC") > ctx.end))
    ).select("CHILD").unique()
    allocations = sw.filter(pl.col("SW_ID") != pl.col("SW_ID").shift(1).over("CHILD").fill_null(""))
    is_change = (pl.int_range(pl.len()).over("CHILD") > 0) & pl.col("SW_DECOM").is_between(
        ctx.start, ctx.end
    )
    changes = allocations.group_by("CHILD").agg(is_change.sum().cast(pl.Int32).alias("SW_CHANGES"))
    return open_at_end.join(changes, on="CHILD", how="left").with_columns(
        pl.col("SW_CHANGES").fill_null(0)
    )


def school_moves(ctx: Context) -> pl.DataFrame:
    return ctx.memo(("school_moves",), lambda: _school_moves(ctx))


def _school_moves(ctx: Context) -> pl.DataFrame:
    """CHILD, SCHOOL_MOVES for children with any school enrolment (matched), in the year.

    A mid-year move is a new school (different from the previous enrolment's) whose start falls
    in the collection year but not in 1-21 September, the first three weeks of the academic year
    when phase transfers and ordinary starts happen.
    """
    enrolments = ctx.data["SchoolEnrolment"].sort("CHILD", "START")
    start = pl.col("START")
    new_school = pl.col("SCHOOL_URN") != pl.col("SCHOOL_URN").shift(1).over("CHILD")
    first_weeks = (start.dt.month() == 9) & (start.dt.day() <= 21)
    mid_year = new_school.fill_null(False) & start.is_between(ctx.start, ctx.end) & ~first_weeks
    return enrolments.group_by("CHILD").agg(mid_year.sum().cast(pl.Int32).alias("SCHOOL_MOVES"))


_SI = dict(theme="stability", spec="§2.10")
_LAC = "Children looked after at 31 March."


def _placement(threshold: int) -> None:
    @indicator(
        f"SI_PLACEMENT_{threshold}PLUS",
        title=f"Children with {threshold} or more placement changes in the year",
        definition=f"Percentage of children looked after at 31 March with {threshold} or more "
                   "changes of carer in the 12 months to 31 March (Stability Index).",
        numerator=f"Children with {threshold}+ new carer spells starting after 1 April; the first "
                  "entry to care is not a change, a re-entry is.",
        denominator=_LAC, exclusions="Short breaks removed; temporary moves absorbed.",
        direction="lower", unit="%", tables=("Episodes",), **_SI,
    )
    def changes_at_least(ctx: Context) -> pl.DataFrame:
        return everyone_in(_with_changes(ctx), pl.col("CHANGES") >= threshold, pl.col("CHANGES"))


def _social_worker(threshold: int) -> None:
    @indicator(
        f"SI_SW_{threshold}PLUS",
        title=f"Children with {threshold} or more changes of social worker in the year",
        definition=f"Percentage of children looked after at 31 March with {threshold} or more "
                   "changes of their allocated social worker in the year (from SWEpisodes).",
        numerator=f"Children with {threshold}+ new workers starting in the year after an earlier "
                  "allocation.",
        denominator="Children looked after at 31 March with a clean social worker history and a "
                    "worker allocated at 31 March.",
        exclusions="Duplicate, undated, overlapping and placeholder-only (XX...) worker records.",
        direction="lower", unit="%", tables=("Episodes", "SWEpisodes"), requires=("SWEpisodes",),
        **_SI,
    )
    def sw_changes_at_least(ctx: Context) -> pl.DataFrame:
        cohort = ctx.looked_after_at_end.select("CHILD").join(social_worker_changes(ctx), on="CHILD")
        return everyone_in(cohort, pl.col("SW_CHANGES") >= threshold, pl.col("SW_CHANGES"))


for _n in (1, 2):
    _placement(_n)
    _social_worker(_n)


@indicator(
    "SI_PLACEMENT_2PLUS_2Y",
    title="Children with 2 or more placement changes in each of two consecutive years",
    definition="Percentage of children looked after at 31 March, and at some time in the year "
               "before, with 2 or more changes of carer in each of the two years.",
    numerator="Children with 2+ placement changes in this year and 2+ in the previous year.",
    denominator="Children looked after at 31 March who were also looked after during the "
                "previous collection year.",
    direction="lower", unit="%", tables=("Episodes",), history_years=2, **_SI,
)
def placement_two_years(ctx: Context) -> pl.DataFrame:
    before = placement_changes(ctx, year_start(ctx.year - 1), year_end(ctx.year - 1)).rename(
        {"CHANGES": "BEFORE"}
    )
    cohort = (
        _with_changes(ctx)
        .join(looked_after_during(ctx.episodes, ctx.year - 1), on="CHILD", how="semi")
        .join(before, on="CHILD", how="left")
        .with_columns(pl.col("BEFORE").fill_null(0))
    )
    return everyone_in(cohort, (pl.col("CHANGES") >= 2) & (pl.col("BEFORE") >= 2))


@indicator(
    "SI_SCHOOL_MOVE",
    title="Children with a mid-year school move",
    definition="Percentage of school-age children looked after at 31 March, matched to school "
               "records, who started at a new school during the year other than in the first "
               "three weeks of September.",
    numerator="Children with at least one mid-year move.",
    denominator="Children looked after at 31 March, aged 5 or over then, with school enrolment "
                "records.",
    exclusions="Moves in 1-21 September (including phase transfers) are not mid-year moves.",
    direction="lower", unit="%", tables=("Episodes", "Header", "SchoolEnrolment"),
    requires=("SchoolEnrolment",), params=("school_age",), **_SI,
)
def school_move(ctx: Context) -> pl.DataFrame:
    cohort = (
        ctx.with_age(ctx.looked_after_at_end.select("CHILD"))
        .filter(pl.col("AGE") >= ctx.params.school_age)
        .join(school_moves(ctx), on="CHILD")
    )
    return everyone_in(cohort, pl.col("SCHOOL_MOVES") >= 1, pl.col("SCHOOL_MOVES"))


def _domains(ctx: Context) -> pl.DataFrame:
    """Each child looked after at 31 March with their counts in the domains the data holds."""
    return ctx.memo(("instability_domains",), lambda: _build_domains(ctx))


def _build_domains(ctx: Context) -> pl.DataFrame:
    frame = _with_changes(ctx)
    if "SWEpisodes" in ctx.data:
        frame = frame.join(social_worker_changes(ctx), on="CHILD", how="left")
    if "SchoolEnrolment" in ctx.data:
        frame = frame.join(school_moves(ctx), on="CHILD", how="left")
    for name in ("SW_CHANGES", "SCHOOL_MOVES"):
        if name not in frame.columns:
            frame = frame.with_columns(pl.lit(0, pl.Int32).alias(name))
    return frame.with_columns(pl.col("SW_CHANGES", "SCHOOL_MOVES").fill_null(0))


_COMBINED = dict(
    denominator=_LAC,
    exclusions="Domains without data (SWEpisodes before 2024, no SchoolEnrolment table) count "
               "as stable; children unmatched in a domain count as stable in it.",
    direction="lower", unit="%", tables=("Episodes", "SWEpisodes", "SchoolEnrolment"), **_SI,
)


@indicator(
    "SI_ANY",
    title="Children with any instability",
    definition="Percentage of children looked after at 31 March with at least one of: a "
               "placement change, a mid-year school move, a change of social worker.",
    numerator="Children with 1+ placement change, a mid-year school move or 1+ social worker "
              "change.",
    **_COMBINED,
)
def any_instability(ctx: Context) -> tuple[pl.DataFrame, str]:
    return _unstable(ctx, placement=1, social_worker=1)


def _unstable(ctx: Context, placement: int, social_worker: int) -> tuple[pl.DataFrame, str]:
    """The combined measures differ only in how many placement and social worker changes make a
    domain unstable; one mid-year school move always does."""
    unstable = (
        (pl.col("CHANGES") >= placement) | (pl.col("SCHOOL_MOVES") >= 1)
        | (pl.col("SW_CHANGES") >= social_worker)
    )
    return everyone_in(_domains(ctx), unstable), _domains_note(ctx)


def _domains_note(ctx: Context) -> str:
    missing = [name for name, table in (("social worker", "SWEpisodes"),
                                        ("school", "SchoolEnrolment")) if table not in ctx.data]
    return f"no {' or '.join(missing)} data: those domains count as stable" if missing else ""


@indicator(
    "SI_MULTIPLE",
    title="Children with multiple instability",
    definition="Percentage of children looked after at 31 March with at least one of: 2+ "
               "placement changes, a mid-year school move, 2+ changes of social worker (the "
               "spec's reading of 'multiple instability').",
    numerator="Children with 2+ placement changes, a mid-year school move or 2+ social worker "
              "changes.",
    **_COMBINED,
)
def multiple_instability(ctx: Context) -> tuple[pl.DataFrame, str]:
    return _unstable(ctx, placement=2, social_worker=2)
