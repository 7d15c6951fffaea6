"""Building blocks over the Episodes table (spec §1.1 and §2.0), implemented once.

Every indicator and most validation rules start from these. They take an Episodes frame and give
frames back; none of them reads files or knows about Django.
"""

from __future__ import annotations

from datetime import date, timedelta

import polars as pl

from carematters.data.codes import (
    FOSTER_CARER_ADOPTION,
    NEW_CARER_RNE,
    SHORT_BREAK_LS,
    TEMPORARY_PLACEMENTS,
)
from carematters.data.years import add_years, year_end, year_start


def drop_short_breaks(episodes: pl.DataFrame) -> pl.DataFrame:
    """Remove V3/V4 episodes: every published count is computed without them (spec §1.1)."""
    return episodes.filter(~pl.col("LS").is_in(SHORT_BREAK_LS) | pl.col("LS").is_null())


def _sorted(episodes: pl.DataFrame) -> pl.DataFrame:
    return episodes.sort(["CHILD", "DECOM"], nulls_last=True, maintain_order=True)


def _same_child_as_previous() -> pl.Expr:
    """True where the row above (in a frame sorted by child) belongs to the same child.

    Whole-frame shifts compared with the child id are much faster than `shift().over("CHILD")`
    and give the same answer on a sorted frame.
    """
    return pl.col("CHILD").shift(1).eq_missing(pl.col("CHILD"))


def _count_within_child(flag: str) -> pl.Expr:
    """Number the rows where boolean column `flag` is set, restarting at 1 for each child.

    The frame is sorted by child and every child's first row has the flag set, so the running
    count over the whole frame less its value just before the child's first row gives the same
    numbers as a per-child running count, without a window over each child.
    """
    running = pl.col(flag).cast(pl.Int32).cum_sum()
    before_child = pl.when(~_same_child_as_previous()).then(running - 1).forward_fill()
    return (running - before_child).cast(pl.Int32).alias(flag)


def with_periods(episodes: pl.DataFrame) -> pl.DataFrame:
    """Episodes sorted by child and start, with PERIOD numbering each child's periods of care.

    Spec §1.1 [C]: a new period starts at any row with RNE = S, or whose DECOM differs from the
    previous row's DEC (a gap means the child left care and came back).
    """
    eps = _sorted(episodes)
    starts_period = (
        ~_same_child_as_previous()
        | (pl.col("RNE") == "S").fill_null(False)
        | ~pl.col("DECOM").eq_missing(pl.col("DEC").shift(1))
    )
    return eps.with_columns(starts_period.alias("PERIOD")).with_columns(
        _count_within_child("PERIOD")
    )


def periods_of_care(episodes: pl.DataFrame) -> pl.DataFrame:
    """One row per period of care: CHILD, PERIOD, PERIOD_START, PERIOD_END, END_REASON.

    PERIOD_END and END_REASON are null while the period is still open. Episodes already
    numbered by `with_periods` (or `with_spells`) are not numbered again.
    """
    numbered = episodes if "PERIOD" in episodes.columns else with_periods(episodes)
    return (
        numbered
        .group_by(["CHILD", "PERIOD"], maintain_order=True)
        .agg(
            pl.col("DECOM").first().alias("PERIOD_START"),
            pl.col("DEC").last().alias("PERIOD_END"),
            pl.col("REC").last().alias("END_REASON"),
            pl.len().alias("EPISODES"),
        )
    )


def with_spells(episodes: pl.DataFrame) -> pl.DataFrame:
    """Episodes with PERIOD and SPELL: SPELL numbers each child's carer spells (spec §2.0 step 2).

    A carer spell is a run of episodes with the same carer: RNE S, P or B opens a new one, L, T and
    U continue it. Temporary moves [C]: an episode with PLACE T0-T4 followed at once by an RNE = P
    return to the PLACE and PL_POST of the episode before the move is absorbed, together with that
    return, into the surrounding spell, so a week in hospital is not a change of placement.
    """
    eps = with_periods(episodes)
    place, post, rne = pl.col("PLACE"), pl.col("PL_POST"), pl.col("RNE")
    # Neighbours within the same period of care, by whole-frame shifts on the sorted frame.
    same_period_before = _same_child_as_previous() & (pl.col("PERIOD").shift(1) == pl.col("PERIOD"))
    same_period_after = (
        pl.col("CHILD").shift(-1).eq_missing(pl.col("CHILD"))
        & (pl.col("PERIOD").shift(-1) == pl.col("PERIOD"))
    )
    eps = eps.with_columns(
        same_period_before.fill_null(False).alias("_has_before"),
        same_period_after.fill_null(False).alias("_has_after"),
    )
    absorbed_move = (
        place.is_in(TEMPORARY_PLACEMENTS).fill_null(False)
        & pl.col("_has_before")
        & place.shift(1).is_not_null()
        & pl.col("_has_after")
        & (rne.shift(-1) == "P").fill_null(False)
        & place.shift(-1).eq_missing(place.shift(1))
        & post.shift(-1).eq_missing(post.shift(1))
    )
    eps = eps.with_columns(absorbed_move.alias("_absorbed_move"))
    absorbed_return = pl.col("_has_before") & pl.col("_absorbed_move").shift(1).fill_null(False)
    # Spec §2.3: being placed for adoption with the current foster carers (A3/A5) is not a new
    # placement, even when miscoded with RNE P or B.
    with_same_carers = place.is_in(FOSTER_CARER_ADOPTION).fill_null(False)
    opens_spell = ~pl.col("_has_before") | (
        rne.is_in(NEW_CARER_RNE).fill_null(False)
        & ~pl.col("_absorbed_move")
        & ~absorbed_return
        & ~with_same_carers
    )
    return (
        eps.with_columns(opens_spell.alias("SPELL"))
        .with_columns(_count_within_child("SPELL"))
        .drop("_has_before", "_has_after", "_absorbed_move")
    )


def carer_spells(episodes: pl.DataFrame, *extra: pl.Expr) -> pl.DataFrame:
    """One row per carer spell: CHILD, PERIOD, SPELL, SPELL_START, SPELL_END, FIRST_PLACE,
    LAST_PLACE, PROVIDER (of the last episode), START_RNE, then any `extra` aggregations over
    the spell's episodes. Accepts `with_spells` output too."""
    numbered = episodes if "SPELL" in episodes.columns else with_spells(episodes)
    return (
        numbered
        .group_by(["CHILD", "PERIOD", "SPELL"], maintain_order=True)
        .agg(
            pl.col("DECOM").first().alias("SPELL_START"),
            pl.col("DEC").last().alias("SPELL_END"),
            pl.col("PLACE").first().alias("FIRST_PLACE"),
            pl.col("PLACE").last().alias("LAST_PLACE"),
            pl.col("PLACE_PROVIDER").last().alias("PROVIDER"),
            pl.col("RNE").first().alias("START_RNE"),
            *extra,
        )
    )


def open_on(day: date) -> pl.Expr:
    """True for an episode in progress at the end of `day`.

    An episode ending on `day` is not open on it (spec §1.1: ending on 31 March is not counted).
    """
    return (pl.col("DECOM") <= day) & (pl.col("DEC").is_null() | (pl.col("DEC") > day))


def overlaps(start: date, end: date) -> pl.Expr:
    """True for an episode with at least one day in [start, end]."""
    return (pl.col("DECOM") <= end) & (pl.col("DEC").is_null() | (pl.col("DEC") >= start))


def looked_after_on(episodes: pl.DataFrame, day: date) -> pl.DataFrame:
    """Children looked after at the end of `day`: one row each, with the episode open then."""
    return _sorted(episodes.filter(open_on(day))).unique("CHILD", keep="last", maintain_order=True)


def looked_after_at_year_end(episodes: pl.DataFrame, year: int) -> pl.DataFrame:
    return looked_after_on(episodes, year_end(year))


def looked_after_during(episodes: pl.DataFrame, year: int) -> pl.DataFrame:
    """Children with any episode overlapping the collection year [C]: CHILD only."""
    return (
        episodes.filter(overlaps(year_start(year), year_end(year)))
        .select("CHILD")
        .unique(maintain_order=True)
    )


def ceases_care() -> pl.Expr:
    """The episode's reason for ending says the child left care: a ceasing code (E...), not X1
    (a new episode the same day). A value that is no code at all (a lower-case `x1`, a typing
    slip) says nothing either way and counts as blank: validation reports it (149), and the
    child's continuity is judged from the dates, as for a blank reason."""
    return pl.col("REC").str.starts_with("E").fill_null(False)


def started_in_year(episodes: pl.DataFrame, year: int) -> pl.DataFrame:
    """Children who started to be looked after in the year, counted once at their first start."""
    starts = episodes.filter(
        (pl.col("RNE") == "S") & pl.col("DECOM").is_between(year_start(year), year_end(year))
    )
    return _sorted(starts).unique("CHILD", keep="first", maintain_order=True)


def ceased_in_year(episodes: pl.DataFrame, year: int) -> pl.DataFrame:
    """Children who ceased to be looked after in the year, counted once at their last ceasing."""
    ceased = episodes.filter(ceases_care() & pl.col("DEC").is_between(year_start(year), year_end(year)))
    return ceased.sort(["CHILD", "DEC"]).unique("CHILD", keep="last", maintain_order=True)


def continuously_looked_after(episodes: pl.DataFrame, year: int) -> pl.DataFrame:
    """The OC2 cohort: looked after continuously for at least 12 months at 31 March (spec §1.1).

    Pass the episodes *with* V3/V4 still in them: a short-break episode touching the year takes
    the child out of the cohort. A child is in it when looked after on 1 April and on 31 March,
    with no RNE = S start in (1 April, 31 March], and no ceasing dated in [1 April, 31 March).
    """
    return continuously_looked_after_until(episodes, year_end(year))


def continuously_looked_after_until(episodes: pl.DataFrame, end: date) -> pl.DataFrame:
    """As `continuously_looked_after`, for the 12 months ending on `end`.

    Spec §1.1 [U]: before about 2014 the outcome cohort was taken at 30 September, so NI 58 and
    NI 99-101 figures of the NI era need the window ending then.
    """
    start = add_years(end, -1) + timedelta(days=1)
    breaks_continuity = (
        ((pl.col("RNE") == "S") & (pl.col("DECOM") > start) & (pl.col("DECOM") <= end))
        | (ceases_care() & (pl.col("DEC") >= start) & (pl.col("DEC") < end))
        | (pl.col("LS").is_in(SHORT_BREAK_LS) & overlaps(start, end))
    ).fill_null(False)
    excluded = episodes.filter(breaks_continuity).select("CHILD").unique()
    at_start = looked_after_on(episodes, start).select("CHILD")
    at_end = looked_after_on(episodes, end)
    return (
        at_end.join(at_start, on="CHILD", how="semi")
        .join(excluded, on="CHILD", how="anti")
        .sort("CHILD")
    )
