"""One synthetic authority's lifetime data: every child's history across the whole window.

Returns are cut from this (see `cut.py`). Here "children" means the number of distinct children
looked after at some time in the window (short-break children included); care leavers who left
before the window and appear only in OC3 come on top of that number.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import polars as pl

from carematters.data.years import year_end, year_start
from carematters.synth import adoption, around, case_events, health, leavers, ofsted
from carematters.synth import params as p
from carematters.synth._draw import YEAR, birthday, day
from carematters.synth.episodes import build
from carematters.synth.people import children as make_children
from carematters.synth.places import Places, make_places
from carematters.synth.population import Profile, Window, first_entries, simulate
from carematters.synth.short_breaks import short_break_children, short_break_episodes


@dataclass(frozen=True)
class Lifetime:
    """Everything that happened to one authority's children (dates as day numbers)."""

    la: str
    seed: int
    window: Window
    children: pl.DataFrame
    periods: pl.DataFrame
    episodes: pl.DataFrame
    adoption: pl.DataFrame
    places: Places
    tables: dict[str, pl.DataFrame]  # lifetime Reviews, Missing, Visits, OC3... (day numbers)
    #: The Ofsted register of its settings (`carematters.data.providers.SCHEMA`).
    register: pl.DataFrame | None = None


def make_window(first_year: int, last_year: int, end: date | None = None) -> Window:
    """Collection years `first_year` to `last_year`, ending on 31 March of the last or, for a
    world simulated only up to a day inside that year, on `end`."""
    return Window(first_year, last_year, day(year_start(first_year)),
                  day(year_end(last_year) if end is None else end))


def _in_window(periods: pl.DataFrame, window: Window) -> pl.Expr:
    return (pl.col("start") <= window.end) & (pl.col("end").is_null() | (pl.col("end") >= window.start))


def _select(rng: np.random.Generator, entries: pl.DataFrame, periods: pl.DataFrame,
            window: Window, target: int) -> np.ndarray | None:
    """Child rows to keep: exactly `target` looked after in the window, plus care leavers thinned
    at the same rate. None when the simulation produced too few children."""
    inside = np.unique(periods.filter(_in_window(periods, window))["child"].to_numpy())
    if inside.size < target:
        return None
    keep_inside = rng.choice(inside, target, replace=False)
    last = periods.group_by("child").agg(pl.col("end").max(), pl.col("end").is_null().any().alias("open"))
    dob = entries["dob"].to_numpy()
    leavers = last.filter(~pl.col("open")).with_columns(
        pl.col("child").map_batches(lambda c: pl.Series(birthday(dob[c.to_numpy()], 16))).alias("b16"),
        pl.col("child").map_batches(lambda c: pl.Series(birthday(dob[c.to_numpy()], 17))).alias("b17"),
    ).filter((pl.col("end") >= pl.col("b16")) & (pl.col("b17") <= window.end))
    others = np.setdiff1d(leavers["child"].to_numpy(), inside)
    keep_others = others[rng.random(others.size) < target / inside.size]
    return np.sort(np.concatenate([keep_inside, keep_others]))


def _uasc_ends_with_care(people: pl.DataFrame, periods: pl.DataFrame) -> pl.DataFrame:
    """A UASC who leaves care before 18 (found to be an adult, gone abroad...) stops being an
    unaccompanied child then, so DUC is no later than the final exit."""
    final = periods.group_by("child").agg(
        pl.when(pl.col("end").is_null().any()).then(None).otherwise(pl.col("end").max()).alias("__left"))
    return people.join(final, on="child", how="left", maintain_order="left").with_columns(
        pl.min_horizontal("duc", "__left").alias("duc").cast(pl.Int64)
    ).with_columns(pl.when(pl.col("uasc")).then(pl.col("duc")).alias("duc")).drop("__left")


def simulate_authority(seed: int, la: str, area: str, target: int, window: Window,
                       profile: Profile) -> Lifetime:
    rng = np.random.default_rng((seed, int(la)))
    sb_count = int(round(target * p.SHORT_BREAK_SHARE))
    regular = target - sb_count
    window_years = (window.end - window.start + 1) / YEAR
    per_year = regular / (2.6 + window_years) * 1.15
    while True:
        entries = first_entries(rng, per_year, window, profile)
        periods, legal, plans = simulate(rng, entries, window, profile)
        keep = _select(rng, entries, periods, window, regular)
        if keep is not None:
            break
        per_year *= 1.25
    # Renumber kept children 0..n-1 in entry order.
    remap = np.full(entries.height, -1)
    remap[keep] = np.arange(keep.size)
    entries = entries[keep]
    periods = periods.with_columns(pl.col("child").map_batches(
        lambda c: pl.Series(remap[c.to_numpy()]))).filter(pl.col("child") >= 0)
    kept = periods["period"]
    legal = legal.filter(pl.col("period").is_in(kept.implode()))
    plans = plans.filter(pl.col("period").is_in(kept.implode()))
    sb_entries = short_break_children(rng, sb_count, window)
    people = _uasc_ends_with_care(
        make_children(rng, la, pl.concat([entries, sb_entries], how="vertical_relaxed")), periods)
    places = make_places(rng, area, target, p.OUT_OF_AREA_SHARE, la)
    episodes = build(rng, periods, legal, plans, people, places, window.end,
                     profile.move_factor, profile.residential_factor)
    # The Ofsted register has a stream of its own (see `ofsted`), so the draws above and below
    # are as they were before it existed.
    register_rng = np.random.default_rng((seed, int(la), ofsted.STREAM))
    services = ofsted.services(register_rng, places)
    episodes = ofsted.settle(episodes, places, services)
    sb = short_break_episodes(rng, sb_entries, places, window, int(periods["period"].max()) + 1)
    sb = sb.with_columns((pl.col("child_row") + entries.height).alias("child")).drop("child_row")
    sb_periods = sb.select("period", "child", pl.lit(1).alias("number"), pl.col("DECOM").alias("start"),
                           pl.col("DEC").alias("end"), pl.lit("short_break").alias("path"),
                           pl.col("REC").alias("rec"), pl.col("CIN").alias("cin"),
                           pl.col("LS").alias("ls0"))
    episodes = pl.concat([episodes, sb.select(episodes.columns)], how="vertical_relaxed")
    periods = pl.concat([periods, sb_periods], how="vertical_relaxed")
    episodes = episodes.sort("child", "DECOM")
    tables = _around(rng, la, people, periods, episodes, window, target)
    # A stream of its own, so that adding review records left every other table's draws as
    # they were (the same seed still gives the same Episodes, Reviews, ... bytes).
    tables["ReviewRecords"] = around.review_records(
        np.random.default_rng((seed, int(la), 29)), tables["Reviews"])
    tables["CareEndings"] = around.care_endings(np.random.default_rng((seed, int(la), 32)), episodes)
    tables.update(_case_events(seed, la, people, periods, episodes, window, tables))
    return Lifetime(
        la=la, seed=seed, window=window, children=people, periods=periods, episodes=episodes,
        adoption=plans.join(periods.select("period", "child", "end", "rec"), on="period"),
        places=places, tables=tables,
        register=ofsted.register(register_rng, episodes, places, services, window.end),
    )


def _around(rng: np.random.Generator, la: str, people: pl.DataFrame, periods: pl.DataFrame,
            episodes: pl.DataFrame, window: Window, target: int) -> dict[str, pl.DataFrame]:
    dob = people["dob"].to_numpy()
    care = around.care_periods(periods, window.end)
    # Case records of periods that ended long before the window are never reported.
    recent = care.filter(pl.col("stop") >= window.start - 400)
    missing = around.missing(rng, recent, dob)
    workers = around.social_workers(rng, recent, max(5, target // 15), la)
    spells = health.carer_spells(episodes, recent)
    assessments = health.health_assessments(rng, recent, dob)
    eligible = leavers.eligibility(care, dob)
    pathway, contacts, support_end = leavers.pathway(rng, eligible, dob, max(3, target // 60),
                                                     window.start)
    visits = health.visits(rng, spells, dob, window.start)
    return {
        "Reviews": around.reviews(rng, recent, dob),
        "Missing": missing,
        "ReturnInterviews": around.return_interviews(rng, missing),
        "SWEpisodes": workers,
        "IROAllocations": around.iros(rng, recent, max(2, target // 80)),
        "Visits": health.with_social_worker(visits, workers),
        "HealthAssessments": assessments,
        "DentalChecks": health.dental_checks(rng, recent),
        "SDQScores": health.sdq_scores(rng, recent, people),
        "PEPs": health.peps(rng, recent, dob),
        "Plans": health.plans(rng, recent, spells, assessments),
        "PathwayPlans": pathway,
        "PAContacts": contacts,
        "Adopters": adoption.adopters(rng, periods),
        "OC3": leavers.oc3(rng, eligible, support_end, people, window.start, window.end),
    }


def _case_events(seed: int, la: str, people: pl.DataFrame, periods: pl.DataFrame,
                 episodes: pl.DataFrame, window: Window, tables: dict[str, pl.DataFrame]
                 ) -> dict[str, pl.DataFrame]:
    """ReviewTriggers, ParentPlacements, TemporaryApprovals, VisitRequests, SecureStays (T6, T11,
    T12, T14, T30) and the
    visits that go with them, each from a stream of its own so no other table's draws change."""
    stream = lambda item: np.random.default_rng((seed, int(la), item))  # noqa: E731
    dob = people["dob"].to_numpy()
    care = around.care_periods(periods, window.end)
    recent = care.filter(pl.col("stop") >= window.start - 400)
    spells = health.carer_spells(episodes, recent)
    placements = case_events.parent_placements(stream(11), spells)
    weekly = case_events.weekly_visits(stream(28), placements, tables["Reviews"], recent)
    approvals = case_events.temporary_approvals(stream(24), spells)
    weekly = pl.concat([weekly, case_events.weekly_visits(
        stream(124), approvals, tables["Reviews"], recent, ends="APPROVED", flag="reg24",
        four_weekly_after_review=True)])
    requests, answers = case_events.visit_requests(stream(14), recent, window.start)
    extra = pl.concat([weekly.with_columns(pl.lit("STAT").alias("VISIT_KIND")),
                       answers.with_columns(pl.lit("REQ").alias("VISIT_KIND"))])
    age = (extra["VISIT_DATE"].to_numpy() - dob[extra["child"].to_numpy()]) / 365.25
    extra = extra.with_columns(
        pl.lit(1, pl.Int8).alias("SEEN"), pl.Series("SEEN_ALONE", (age >= 8).astype(np.int8)),
    ).join(tables["Visits"].select("child", "VISIT_DATE"), on=["child", "VISIT_DATE"], how="anti")
    extra = extra.unique(["child", "VISIT_DATE"], keep="first", maintain_order=True)
    visits = pl.concat([tables["Visits"],
                        health.with_social_worker(extra, tables["SWEpisodes"])],
                       how="vertical_relaxed").sort("child", "VISIT_DATE", maintain_order=True)
    return {
        "ReviewTriggers": case_events.review_triggers(stream(6), tables["Reviews"], recent),
        "ParentPlacements": placements.select("child", "PLACED", "ASSESSED"),
        "TemporaryApprovals": approvals.select("child", "PLACED", "APPROVED"),
        "VisitRequests": requests,
        "Visits": visits.select(tables["Visits"].columns),
        "SecureStays": case_events.secure_stays(stream(30), episodes.filter(
            pl.col("LS") != "V3"), dob),
    }
