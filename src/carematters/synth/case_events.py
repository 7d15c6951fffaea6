"""Case events the compliance clocks T6, T11, T12, T14 and T30 read: review triggers, placements
with a parent before the assessment, placements with a connected person approved temporarily,
requests for a visit, and stays in secure accommodation.

Each is drawn around what the lifetime already holds, so no other table's draws change: extra
reviews are the reviews already held (a trigger shortly before some of them brought them
forward), the weekly visits of reg 28(3) and the visits answering a request are added to the
visits. Most duties are met; some late, a few missed.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from carematters.synth import params as p
from carematters.synth._draw import YEAR, pick_series, uniform_days
from carematters.synth.chains import chain

_US_PER_DAY = 86_400_000_000
_US_PER_HOUR = 3_600_000_000


def review_triggers(rng: np.random.Generator, reviews: pl.DataFrame,
                    periods: pl.DataFrame) -> pl.DataFrame:
    """child, TRIGGER_DATE, TRIGGER, REVIEW_BY (day numbers).

    A share of later reviews were brought forward: a trigger falls between the review before
    and that one, which mostly met the date it was needed by. Some periods that ended had a
    review called for before the ending (reg 33(3)(e)), often never held.
    """
    held = reviews.sort("child", "REVIEW").with_columns(
        pl.col("REVIEW").shift(1).over("child").alias("prev"))
    held = held.filter(pl.col("prev").is_not_null() & (pl.col("REVIEW") - pl.col("prev") >= 10))
    held = held.filter(pl.Series(rng.random(held.height) < p.EXTRA_REVIEW_P))
    n = held.height
    review = held["REVIEW"].to_numpy()
    # Shortly before the review it brought forward (which is why that review came early).
    trigger = np.maximum(held["prev"].to_numpy() + 1, review - rng.integers(5, 26, n))
    code = pick_series(rng, p.REVIEW_TRIGGER, n)
    late = rng.random(n) < p.EXTRA_REVIEW_LATE_P
    by = np.where(late, review - rng.integers(1, 11, n), review + rng.integers(0, 15, n))
    # An IRO's request or a visit's finding often names no date (then 20 working days apply).
    undated = code.is_in(["IRO", "VISIT"]).to_numpy() & (rng.random(n) < 0.5)
    brought = pl.DataFrame({"child": held["child"], "TRIGGER_DATE": trigger, "TRIGGER": code,
                            "REVIEW_BY": np.where(undated, -1, by)})
    ended = periods.filter(pl.col("end").is_not_null() & (pl.col("end") - pl.col("start") > 30))
    ended = ended.filter(pl.Series(rng.random(ended.height) < p.CEASE_TRIGGER_P))
    end = ended["end"].to_numpy()
    cease = pl.DataFrame({
        "child": ended["child"], "TRIGGER_DATE": end - rng.integers(3, 21, ended.height),
        "TRIGGER": pl.Series(["CEASE"] * ended.height, dtype=pl.String), "REVIEW_BY": end,
    })
    return (
        pl.concat([brought, cease], how="vertical_relaxed")
        .with_columns(pl.col("REVIEW_BY").replace(-1, None))
        .unique(["child", "TRIGGER_DATE", "TRIGGER"], keep="first", maintain_order=True)
        .sort("child", "TRIGGER_DATE")
    )


def parent_placements(rng: np.random.Generator, spells: pl.DataFrame) -> pl.DataFrame:
    """child, PLACED, ASSESSED, FIRST_DAY_AFTER (day numbers) for every placement with a parent
    (P1). Some were made before the parent's assessment was complete (reg 19), a few of those
    never completed it; the rest were assessed beforehand."""
    at_home = spells.filter(pl.col("PLACE") == "P1")
    n = at_home.height
    start = at_home["start"].to_numpy()
    early = rng.random(n) < p.PARENT_BEFORE_ASSESSMENT_P
    never = early & (rng.random(n) < p.PARENT_NEVER_ASSESSED_P)
    assessed = np.where(early, start + rng.integers(10, 101, n), start - rng.integers(5, 61, n))
    return at_home.select("child", "period", pl.col("start").alias("PLACED"), "stop").with_columns(
        pl.Series("ASSESSED", np.where(never, -1, assessed)).replace(-1, None),
        pl.Series("reg19", early),
    )


def temporary_approvals(rng: np.random.Generator, spells: pl.DataFrame) -> pl.DataFrame:
    """child, period, PLACED, stop, APPROVED (day numbers), reg24 for the placements with a
    relative or friend (U1-U3) made under a temporary approval of the carer (reg 24). The carer
    is approved as a foster parent 4 to 24 weeks later, or, for a child who moved on within 24
    weeks, sometimes never."""
    kin = spells.filter(pl.col("PLACE").is_in(["U1", "U2", "U3"]))
    kin = kin.filter(pl.Series(rng.random(kin.height) < p.TEMPORARY_APPROVAL_P))
    n = kin.height
    start = kin["start"].to_numpy()
    # A carer never approved is possible only where the child moved on within the 24 weeks.
    short = (kin["stop"] - kin["start"] <= 168).fill_null(False).to_numpy()
    never = short & (rng.random(n) < p.TEMPORARY_NEVER_APPROVED_P)
    approved = start + rng.integers(28, 169, n)
    return kin.select("child", "period", pl.col("start").alias("PLACED"), "stop").with_columns(
        pl.Series("APPROVED", np.where(never, -1, approved)).replace(-1, None),
        pl.lit(True).alias("reg24"),
    )


def weekly_visits(rng: np.random.Generator, placements: pl.DataFrame, reviews: pl.DataFrame,
                  periods: pl.DataFrame, *, ends: str = "ASSESSED", flag: str = "reg19",
                  four_weekly_after_review: bool = False) -> pl.DataFrame:
    """child, VISIT_DATE: the weekly visits while a child placed before a condition was met (the
    parent's assessment for reg 28(3), `ends` ASSESSED; the carer's approval for reg 28(4),
    `ends` APPROVED) waits for the first review and the condition; a few late. With
    `four_weekly_after_review` the visits go on about every four weeks after the review until
    the condition is met (reg 24), instead of leaving it to the usual visits."""
    first_review = (
        placements.select("child", "period").join(periods.select("period", "start"), on="period")
        .join(reviews.select("child", "REVIEW"), on="child")
        .filter(pl.col("REVIEW") >= pl.col("start"))
        .group_by("period").agg(pl.col("REVIEW").min().alias("first_review"))
    )
    due = placements.filter(pl.col(flag)).join(first_review, on="period", how="left")
    never = np.iinfo(np.int64).max
    last = ["stop", ends] if four_weekly_after_review else ["stop", "first_review", ends]
    stop = due.select(pl.min_horizontal(*last)).to_series().fill_null(never).to_numpy()
    review = due["first_review"].fill_null(never).to_numpy()
    start = due["PLACED"].to_numpy()
    n = due.height
    first = start + rng.integers(1, 8, n)

    def gap(idx: np.ndarray, step: int, current: np.ndarray) -> np.ndarray:
        late = rng.random(idx.size) < p.WEEKLY_VISIT_LATE_P
        weekly = np.where(late, rng.integers(8, 13, idx.size), rng.integers(4, 8, idx.size))
        if not four_weekly_after_review:
            return weekly
        monthly = np.where(late, rng.integers(29, 36, idx.size), rng.integers(20, 29, idx.size))
        return np.where(current >= review[idx], monthly, weekly)

    held = chain(np.arange(n), first, stop, gap)
    return pl.DataFrame({"child": due["child"].to_numpy()[held["owner"].to_numpy()],
                         "VISIT_DATE": held["day"].to_numpy()})


def visit_requests(rng: np.random.Generator, periods: pl.DataFrame, from_day: int
                   ) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(requests: child, REQUEST_DATE, REQUESTED_BY, NOT_REASONABLE; answers: child,
    VISIT_DATE). Most reasonable requests are answered within the week, some later, a few not."""
    first = np.maximum(periods["start"].to_numpy(), from_day - 60)
    last = periods["stop"].to_numpy() - 1
    years = np.clip(last - first, 0, None) / YEAR
    counts = rng.poisson(p.VISIT_REQUEST_RATE * years)
    rep = np.repeat(np.arange(periods.height), counts)
    day = uniform_days(rng, first[rep], last[rep])
    n = rep.size
    unreasonable = rng.random(n) < p.VISIT_REQUEST_UNREASONABLE_P
    requests = pl.DataFrame({
        "child": periods["child"].to_numpy()[rep], "REQUEST_DATE": day,
        "REQUESTED_BY": pick_series(rng, p.VISIT_REQUEST_BY, n),
        "NOT_REASONABLE": unreasonable.astype(np.int8), "stop": last[rep] + 1,
    }).unique(["child", "REQUEST_DATE", "REQUESTED_BY"], keep="first", maintain_order=True)
    n = requests.height
    late = rng.random(n) < p.VISIT_REQUEST_LATE_P
    answered = (rng.random(n) >= p.VISIT_REQUEST_UNANSWERED_P) & (
        requests["NOT_REASONABLE"].to_numpy() == 0)
    visit = requests["REQUEST_DATE"].to_numpy() + np.where(
        late, rng.integers(8, 26, n), rng.integers(0, 7, n))
    answers = pl.DataFrame({"child": requests["child"], "VISIT_DATE": visit}).filter(
        pl.Series(answered & (visit < requests["stop"].to_numpy())))
    return requests.drop("stop").sort("child", "REQUEST_DATE"), answers


def secure_stays(rng: np.random.Generator, episodes: pl.DataFrame, dob: np.ndarray
                 ) -> pl.DataFrame:
    """child, SECURE_START, SECURE_END, GROUNDS, COURT_AUTHORISED (microseconds since 1970).

    Every secure-unit (K1) episode is a stay, most on welfare grounds with a court's authority
    within the 72 hours, some obtained later, a few never; some teenagers in children's homes
    (K2) spend a short emergency spell in secure accommodation without one, a few over 72 hours.
    """
    long_ = episodes.filter(pl.col("PLACE") == "K1")
    k2 = episodes.filter(pl.col("PLACE") == "K2")
    age = (k2["DECOM"].to_numpy() - dob[k2["child"].to_numpy()]) / YEAR
    k2 = k2.filter(pl.Series((age >= 12) & (rng.random(k2.height) < p.SHORT_SECURE_P)))
    n, m = long_.height, k2.height
    hour = lambda size: rng.integers(8, 23, size) * _US_PER_HOUR  # noqa: E731
    start = long_["DECOM"].to_numpy() * _US_PER_DAY + hour(n)
    end = long_["DEC"].fill_null(-1).to_numpy()
    end = np.where(end < 0, -1, end * _US_PER_DAY + hour(n))
    grounds = pick_series(rng, p.SECURE_GROUNDS, n)
    draw = rng.random(n)
    court = start + np.where(
        draw < p.SECURE_NO_AUTHORITY_P, -1,
        np.where(draw < p.SECURE_NO_AUTHORITY_P + p.SECURE_AUTHORITY_LATE_P,
                 rng.integers(73, 111, n), rng.integers(18, 72, n)) * _US_PER_HOUR)
    court = np.where((draw < p.SECURE_NO_AUTHORITY_P) | (grounds == "REMAND").to_numpy(), -1, court)
    court = np.where((end >= 0) & (court >= end), -1, court)  # left before any hearing
    # Short emergency stays inside a children's home episode, never authorised.
    k2_first = k2["DECOM"].to_numpy()
    k2_last = k2["DEC"].fill_null(k2_first.max(initial=0) + 400).to_numpy() - 5
    short_start = uniform_days(rng, k2_first, np.maximum(k2_first, k2_last)) * _US_PER_DAY + hour(m)
    length = np.where(rng.random(m) < 0.15, rng.integers(73, 97, m), rng.integers(4, 70, m))
    frames = [
        pl.DataFrame({"child": long_["child"], "SECURE_START": start, "SECURE_END": end,
                      "GROUNDS": grounds, "COURT_AUTHORISED": court}),
        pl.DataFrame({"child": k2["child"], "SECURE_START": short_start,
                      "SECURE_END": short_start + length * _US_PER_HOUR,
                      "GROUNDS": pl.Series(["WELFARE"] * m, dtype=pl.String),
                      "COURT_AUTHORISED": np.full(m, -1, dtype=np.int64)}),
    ]
    return (
        pl.concat(frames, how="vertical_relaxed")
        .with_columns(pl.col("SECURE_END").replace(-1, None),
                      pl.col("COURT_AUTHORISED").replace(-1, None))
        .unique(["child", "SECURE_START"], keep="first", maintain_order=True)
        .sort("child", "SECURE_START")
    )
