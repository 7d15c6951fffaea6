"""Case-work records the return does not carry: visits, health, dental, SDQ, PEPs and plans.

Timings follow the statutory clocks in spec §3 (visits T8-T10, health T15-T16, dental T17, SDQ
T19, PEP T20, plans T1-T2), most met and some missed, so compliance engines have both to find.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from carematters.synth._draw import YEAR, add_months, add_working_days, birthday, pick_series
from carematters.synth.chains import chain, late_or_early
from carematters.synth.episodes import TEMP_END, TEMP_START

FOSTER = ("U1", "U2", "U3", "U4", "U5", "U6")


def carer_spells(episodes: pl.DataFrame, periods: pl.DataFrame) -> pl.DataFrame:
    """Placements (a new carer: RNE S, P or B), temporary moves absorbed into the one around them."""
    starts = episodes.filter(
        pl.col("RNE").is_in(["S", "P", "B"]) & ~pl.col("kind").is_in([TEMP_START, TEMP_END])
        & (pl.col("LS") != "V3"))
    return (
        starts.join(periods.select("period", "stop"), on="period")
        .sort("period", "DECOM")
        .select("child", "period", pl.col("DECOM").alias("start"), "PLACE",
                pl.coalesce(pl.when(pl.col("period").shift(-1) == pl.col("period"))
                            .then(pl.col("DECOM").shift(-1)), "stop").alias("stop"))
    )


def visits(rng: np.random.Generator, spells: pl.DataFrame, dob: np.ndarray, from_day: int
           ) -> pl.DataFrame:
    """Statutory visits: within a week of a placement, then at most 6-weekly (3-monthly after a
    year in a long-term foster placement), with some late; simulated from shortly before
    `from_day` only, since earlier visits are never reported."""
    n = spells.height
    start = spells["start"].to_numpy()
    long_term = spells["PLACE"].is_in(["U1", "U4"]).to_numpy()
    first = start + np.where(rng.random(n) < 0.9, rng.integers(1, 8, n), rng.integers(8, 21, n))
    old = first < from_day - 60
    first = np.where(old, from_day - 60 + rng.integers(0, 42, n), first)

    def gap(idx: np.ndarray, step: int, current: np.ndarray) -> np.ndarray:
        settled = long_term[idx] & (current - start[idx] > 365)
        late = rng.random(idx.size) < 0.1
        usual = np.where(late, rng.integers(43, 61, idx.size), rng.integers(25, 43, idx.size))
        return np.where(settled, np.where(late, rng.integers(92, 111, idx.size),
                                          rng.integers(60, 92, idx.size)), usual)

    held = chain(np.arange(n), first, spells["stop"].to_numpy(), gap)
    own = held["owner"].to_numpy()
    child = spells["child"].to_numpy()[own]
    day = held["day"].to_numpy()
    age = (day - dob[child]) / YEAR
    alone_p = np.where(age >= 8, 0.85, np.where(age >= 4, 0.4, 0.0))
    seen = rng.random(own.size) < 0.97
    return pl.DataFrame({
        "child": child, "VISIT_DATE": day,
        "VISIT_KIND": pick_series(rng, {"STAT": 95, "REQ": 5}, own.size),
        "SEEN": seen.astype(np.int8),
        "SEEN_ALONE": (seen & (rng.random(own.size) < alone_p)).astype(np.int8),
    })


def with_social_worker(visits_: pl.DataFrame, workers: pl.DataFrame) -> pl.DataFrame:
    """The social worker allocated on the visit date (the latest allocation starting by then)."""
    visits_ = visits_.sort("child", "VISIT_DATE")
    workers = workers.sort("child", "SW_DECOM")
    scale = np.int64(1 << 32)  # child and day packed in one sortable key
    worker_key = workers["child"].to_numpy() * scale + workers["SW_DECOM"].to_numpy()
    visit_child = visits_["child"].to_numpy()
    at = np.searchsorted(worker_key, visit_child * scale + visits_["VISIT_DATE"].to_numpy(),
                         side="right") - 1
    found = (at >= 0) & (workers["child"].to_numpy()[np.maximum(at, 0)] == visit_child)
    ids = workers["SW_ID"].gather(np.maximum(at, 0))
    return visits_.with_columns(pl.when(pl.Series(found)).then(ids).alias("SW_ID"))


def health_assessments(rng: np.random.Generator, periods: pl.DataFrame, dob: np.ndarray
                       ) -> pl.DataFrame:
    """Initial assessment by the first review (20 working days), then 6-monthly under 5 and
    yearly from 5; a share late."""
    child = periods["child"].to_numpy()
    start = periods["start"].to_numpy()
    first = np.maximum(start + 1, late_or_early(rng, add_working_days(start, 20), 0.2, (0, 10),
                                                (1, 40)))

    def gap(idx: np.ndarray, step: int, current: np.ndarray) -> np.ndarray:
        young = current < birthday(dob[child[idx]], 5)
        due = add_months(current, np.where(young, 6, 12))
        return late_or_early(rng, due, 0.12, (0, 30), (1, 60)) - current

    held = chain(np.arange(child.size), first, periods["stop"].to_numpy(), gap)
    # Some review assessments never happen (about 90% of children have one each year).
    held = held.filter((pl.col("step") == 0) | pl.Series(rng.random(held.height) >= 0.09))
    own = held["owner"].to_numpy()
    return pl.DataFrame({
        "child": child[own], "ASSESSMENT_DATE": held["day"].to_numpy(),
        "KIND": np.where(held["step"].to_numpy() == 0, "IHA", "RHA"),
        "IMMUNISATIONS_UP_TO_DATE": (rng.random(own.size) < 0.85).astype(np.int8),
    })


def dental_checks(rng: np.random.Generator, periods: pl.DataFrame) -> pl.DataFrame:
    take = rng.random(periods.height) < 0.88
    chosen = periods.filter(pl.Series(take))
    first = chosen["start"].to_numpy() + rng.integers(40, 300, chosen.height)
    held = chain(np.arange(chosen.height), first, chosen["stop"].to_numpy(),
                 lambda idx, k, d: rng.integers(150, 420, idx.size))
    return pl.DataFrame({"child": chosen["child"].to_numpy()[held["owner"].to_numpy()],
                         "CHECK_DATE": held["day"].to_numpy()})


def sdq_scores(rng: np.random.Generator, periods: pl.DataFrame, children: pl.DataFrame
               ) -> pl.DataFrame:
    """Yearly carer SDQs for children aged 4-16, scattered around each child's own level."""
    dob = children["dob"].to_numpy()
    level = children["sdq_level"].to_numpy()
    chosen = periods.filter(pl.Series(rng.random(periods.height) < 0.85))
    child = chosen["child"].to_numpy()
    first = np.maximum(chosen["start"].to_numpy() + rng.integers(200, 400, child.size),
                       birthday(dob[child], 4) + rng.integers(0, 60, child.size))
    stop = np.minimum(chosen["stop"].to_numpy(), birthday(dob[child], 17))
    held = chain(np.arange(child.size), first, stop, lambda idx, k, d: rng.integers(330, 391, idx.size))
    who = child[held["owner"].to_numpy()]
    score = np.clip(np.round(level[who] + rng.normal(0, 3, who.size)), 0, 40).astype(np.int64)
    return pl.DataFrame({"child": who, "SDQ_DATE": held["day"].to_numpy(), "SDQ_SCORE": score})


def peps(rng: np.random.Generator, periods: pl.DataFrame, dob: np.ndarray) -> pl.DataFrame:
    """Personal education plans from school age: within 20 school days, then termly."""
    child = periods["child"].to_numpy()
    start = periods["start"].to_numpy()
    initial = late_or_early(rng, add_working_days(start, 20), 0.15, (0, 8), (1, 30))
    first = np.maximum(np.maximum(start + 1, initial), birthday(dob[child], 4) + 150)
    stop = np.minimum(periods["stop"].to_numpy(), birthday(dob[child], 18))
    held = chain(np.arange(child.size), first, stop, lambda idx, k, d: rng.integers(80, 126, idx.size))
    return pl.DataFrame({
        "child": child[held["owner"].to_numpy()], "PEP_DATE": held["day"].to_numpy(),
        "KIND": np.where(held["step"].to_numpy() == 0, "INIT", "REV"),
    })


def plans(rng: np.random.Generator, periods: pl.DataFrame, spells: pl.DataFrame,
          assessments: pl.DataFrame) -> pl.DataFrame:
    """Care plans (10 working days, reviewed about 6-monthly), placement plans (5 working days
    of each placement) and health plans (after each initial health assessment)."""
    child = periods["child"].to_numpy()
    first = add_working_days(periods["start"].to_numpy(), rng.integers(0, 13, child.size))
    care = chain(np.arange(child.size), first, periods["stop"].to_numpy(),
                 lambda idx, k, d: rng.integers(150, 200, idx.size))
    placement_day = add_working_days(spells["start"].to_numpy(), rng.integers(0, 7, spells.height))
    iha = assessments.filter(pl.col("KIND") == "IHA")
    return pl.concat([
        pl.DataFrame({"child": child[care["owner"].to_numpy()], "PLAN_DATE": care["day"].to_numpy(),
                      "PLAN_TYPE": "CARE"}),
        pl.DataFrame({"child": spells["child"].to_numpy(), "PLAN_DATE": placement_day,
                      "PLAN_TYPE": "PLACEMENT"}).filter(
            pl.col("PLAN_DATE") < pl.Series(spells["stop"].to_numpy())),
        iha.select("child", (pl.col("ASSESSMENT_DATE") + pl.Series(
            rng.integers(0, 15, iha.height))).alias("PLAN_DATE"), pl.lit("HEALTH").alias("PLAN_TYPE")),
    ], how="vertical_relaxed").unique(subset=["child", "PLAN_DATE", "PLAN_TYPE"], keep="first", maintain_order=True)
