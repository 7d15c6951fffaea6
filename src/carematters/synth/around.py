"""What happens around the episodes: reviews, missing episodes, social workers, IROs.

Each function returns a lifetime table (dates as day numbers, `child` as the row index of the
children frame) with the column names of the schema table it feeds.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from carematters.synth import params as p
from carematters.synth._draw import YEAR, add_months, add_working_days, birthday, pick, pick_series
from carematters.synth.chains import chain, late_or_early


def care_periods(periods: pl.DataFrame, horizon: int) -> pl.DataFrame:
    """Periods that count (short breaks removed), with `stop` = end or just after the window."""
    return periods.filter(pl.col("path") != "short_break").with_columns(
        pl.col("end").fill_null(horizon + 1).alias("stop")).sort("period")


def reviews(rng: np.random.Generator, periods: pl.DataFrame, dob: np.ndarray) -> pl.DataFrame:
    """Reviews on the CPPCR reg 33 clock: 20 working days, then 3 months, then every 6 months.

    Most are held a little before they fall due; some are late, and a late review restarts the
    clock from the day it was actually held (as the regulations and NI 66 read it).
    """
    start = periods["start"].to_numpy()
    stop = periods["stop"].to_numpy()
    due1 = add_working_days(start, 20)
    first = np.maximum(start + 1, late_or_early(rng, due1, p.REVIEW_LATE_P, (0, 12), (1, 30)))

    def gap(idx: np.ndarray, step: int, current: np.ndarray) -> np.ndarray:
        due = add_months(current, 3 if step == 0 else 6)
        return late_or_early(rng, due, p.REVIEW_LATE_P, (0, 25), (1, 45)) - current

    held = chain(np.arange(periods.height), first, stop, gap)
    child = periods["child"].to_numpy()[held["owner"].to_numpy()]
    day = held["day"].to_numpy()
    young = pl.Series(day < birthday(dob[child], 4))
    code = pl.select(pl.when(young).then(pl.lit("PN0")).otherwise(
        pick_series(rng, p.REVIEW_CODE, held.height))).to_series()
    return pl.DataFrame({"child": child, "REVIEW": day, "REVIEW_CODE": code})


def review_records(rng: np.random.Generator, reviews: pl.DataFrame) -> pl.DataFrame:
    """What followed each review: decisions and the full record circulated, in working days.

    Most go out within the IRO Handbook's 5 and 20 working days; some are late, a few records
    are never sent and a few reviews have nothing recorded at all (no row). Most children of 4
    and over were spoken to by their IRO beforehand (T28).
    """
    n = reviews.height
    held = reviews["REVIEW"].to_numpy()
    decisions_late = rng.random(n) < p.DECISIONS_LATE_P
    decisions = np.where(decisions_late, rng.integers(6, 16, n), rng.integers(1, 6, n))
    record_late = rng.random(n) < p.RECORD_LATE_P
    record = np.maximum(decisions, np.where(record_late, rng.integers(21, 46, n),
                                            rng.integers(5, 21, n)))
    not_sent = rng.random(n) < p.RECORD_NOT_SENT_P
    kept = rng.random(n) >= p.REVIEW_RECORD_MISSING_P
    # Under-4s (PN0) are too young to be consulted: nothing recorded.
    consulted = np.where(reviews["REVIEW_CODE"].to_numpy() == "PN0", -1,
                         (rng.random(n) < p.IRO_CONSULTED_P).astype(np.int64))
    return pl.DataFrame({
        "child": reviews["child"], "REVIEW": held,
        "DECISIONS_SENT": add_working_days(held, decisions),
        "RECORD_SENT": np.where(not_sent, -1, add_working_days(held, record)),
        "IRO_CONSULTED": consulted,
    }).with_columns(
        pl.col("RECORD_SENT").replace(-1, None), pl.col("IRO_CONSULTED").replace(-1, None)
    ).filter(pl.Series(kept))


def care_endings(rng: np.random.Generator, episodes: pl.DataFrame) -> pl.DataFrame:
    """Approval of each decision to stop accommodating a child under s20 (CPPCR reg 39, T32).

    Every V2 episode that ends a period of care gets a nominated officer's approval, mostly in
    the fortnight before the child leaves; some after (late), a few none at all (no row).
    """
    ends = episodes.filter(
        (pl.col("LS") == "V2") & pl.col("DEC").is_not_null() & (pl.col("REC") != "X1"))
    n = ends.height
    dec = ends["DEC"].to_numpy()
    late = rng.random(n) < p.CEASE_APPROVAL_LATE_P
    approved = np.where(late, dec + rng.integers(1, 21, n), dec - rng.integers(0, 15, n))
    kept = rng.random(n) >= p.CEASE_APPROVAL_MISSING_P
    return pl.DataFrame({"child": ends["child"], "DEC": dec, "CEASE_APPROVED": approved}).filter(
        pl.Series(kept))


def missing(rng: np.random.Generator, periods: pl.DataFrame, dob: np.ndarray) -> pl.DataFrame:
    """Missing and away-without-authorisation episodes, concentrated on a minority of teenagers.

    Episodes never overlap and each ends at least two days before the period of care ends, so a
    child never leaves care while missing (which would need REC = E8).
    """
    child = periods["child"].to_numpy()
    b11 = birthday(dob[child], 11)
    first = np.maximum(periods["start"].to_numpy(), b11)
    last = periods["stop"].to_numpy() - 3
    share = np.where(periods["path"].to_numpy() == "uasc", 0.12, p.MISSING_P_TEEN)
    prone = (first < last) & (rng.random(child.size) < share)
    idx = np.flatnonzero(prone)
    years = (last[idx] - first[idx]) / YEAR
    counts = rng.poisson(rng.gamma(0.6, 6 / 0.6, idx.size) * years)
    rep = np.repeat(idx, counts)
    start = first[rep] + np.floor(rng.random(rep.size) * (last[rep] - first[rep])).astype(np.int64)
    length = pick(rng, {"0": 35, "1": 40, "2": 8, "3": 6, "5": 5, "9": 4, "20": 2}, rep.size)
    end = np.minimum(start + length.astype(np.int64), last[rep])
    frame = pl.DataFrame({"child": child[rep], "MIS_START": start, "MIS_END": end}).sort(
        "child", "MIS_START")
    # Keep an episode only if it starts after every earlier one (kept or not) has ended.
    latest_end = pl.col("MIS_END").cum_max().shift(1).over("child")
    frame = frame.filter(latest_end.is_null() | (pl.col("MIS_START") > latest_end))
    return frame.with_columns(pick_series(rng, {"M": 55, "A": 45}, frame.height).alias("MISSING"))


def return_interviews(rng: np.random.Generator, missing_: pl.DataFrame) -> pl.DataFrame:
    """Return home interviews: offered within 72 hours of return for most, sometimes declined."""
    n = missing_.height
    end = missing_["MIS_END"].to_numpy()
    offered = end + pick(rng, {"0": 50, "1": 30, "2": 12, "4": 5, "7": 3}, n).astype(np.int64)
    accepted = rng.random(n) < 0.78
    held = offered + pick(rng, {"0": 45, "1": 25, "2": 12, "3": 6, "6": 7, "12": 5}, n).astype(np.int64)
    return pl.DataFrame({
        "child": missing_["child"], "MIS_START": missing_["MIS_START"], "RHI_OFFERED": offered,
        "RHI_DATE": np.where(accepted, held, -1), "RHI_ACCEPTED": accepted.astype(np.int8),
    }).with_columns(pl.col("RHI_DATE").replace(-1, None))


def _allocations(rng: np.random.Generator, owner: np.ndarray, start: np.ndarray, stop: np.ndarray,
                 rate: float) -> pl.DataFrame:
    def gap(idx: np.ndarray, step: int, current: np.ndarray) -> np.ndarray:
        return np.ceil(rng.exponential(YEAR / rate, idx.size)).astype(np.int64)

    spells = chain(owner, start, stop, gap).sort("owner", "day")
    nxt = pl.when(pl.col("owner").shift(-1) == pl.col("owner")).then(pl.col("day").shift(-1))
    return spells.with_columns(nxt.alias("end"))


def social_workers(rng: np.random.Generator, periods: pl.DataFrame, workers: int,
                   la: str) -> pl.DataFrame:
    """Each child's social workers to final exit, gaps between periods included.

    Most children are known to children's services before they come into care, so the first
    worker (FCONTA) is usually allocated some months before the first entry; SWEpisodes then
    cover the whole year even for a child who came into care during it (spec §1.4).
    """
    span = periods.group_by("child").agg(pl.col("start").min(), pl.col("stop").max()).sort("child")
    child = span["child"].to_numpy()
    stop = span["stop"].to_numpy()
    first = span["start"].to_numpy() - rng.integers(0, 300, child.size)
    spells = _allocations(rng, child, first, stop, p.SW_CHANGE_RATE)
    n = spells.height
    pool = np.array([f"SW{v:06d}" for v in np.random.default_rng(int(la)).choice(
        900_000, workers, replace=False) + 100_000] + [f"XX{la}{i:03d}" for i in range(3)])
    worker = pool[rng.integers(0, pool.size, n)]
    reason = pick(rng, p.SW_REASON, n)
    stops = dict(zip(child.tolist(), stop.tolist(), strict=True))
    return spells.select(
        pl.col("owner").alias("child"), pl.col("day").alias("SW_DECOM"),
        pl.coalesce("end", pl.col("owner").replace_strict(stops)).alias("SW_DEC"),
    ).with_columns(
        pl.Series("SW_ID", worker.tolist(), dtype=pl.String),
        pl.when(spells["step"] == 0).then(pl.lit("FCONTA"))
        .otherwise(pl.Series(reason.tolist(), dtype=pl.String)).alias("SW_REASON"),
    )


def iros(rng: np.random.Generator, periods: pl.DataFrame, officers: int) -> pl.DataFrame:
    """Independent reviewing officers: appointed within about two weeks, rarely changed."""
    start = periods["start"].to_numpy() + rng.integers(0, 15, periods.height)
    stop = periods["stop"].to_numpy()
    owner = np.arange(periods.height)
    spells = _allocations(rng, owner, start, stop, 0.2)
    own = spells["owner"].to_numpy()
    ids = np.array([f"IRO{i:03d}" for i in range(1, officers + 1)])
    return pl.DataFrame({
        "child": periods["child"].to_numpy()[own],
        "IRO_ID": ids[rng.integers(0, ids.size, spells.height)],
        "IRO_START": spells["day"].to_numpy(),
        "IRO_END": spells["end"].fill_null(pl.Series(stop[own])).to_numpy(),
    })
