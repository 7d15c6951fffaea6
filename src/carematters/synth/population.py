"""Who comes into care, when, on which pathway, and how each period of care ends.

Each child's whole history is simulated (entries, re-entries, exits) before any return is cut,
so every year's return is a consistent view of the same lives. Entries are a steady stream; the
stream is started 25 years before the window so that the window opens on a realistic stock of
children already in care, and on care leavers who left before it and still reach 17-25 in it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

from carematters.synth import params as p
from carematters.synth._draw import YEAR, age_at, birthday, civil, day_number, pick, uniform_days

LEAD_YEARS = 25  # a care leaver of 25 in the window entered at most 25 years before it

# Exit reasons that can be followed by a return to care (a new period for the same child).
RETURNS_HOME = ("E4A", "E4B", "E13", "E8", "E14", "E41")


@dataclass(frozen=True)
class Window:
    first_year: int
    last_year: int
    start: int  # day number of 1 April of the first year
    end: int  # day number of 31 March of the last year, or of the as-at day inside it


@dataclass(frozen=True)
class Profile:
    """How one authority differs from the national mix."""

    uasc_share: float
    move_factor: float
    residential_factor: float


def _entry_ages(rng: np.random.Generator, uasc: np.ndarray) -> np.ndarray:
    years = np.where(
        uasc,
        pick(rng, {str(k): v for k, v in p.UASC_AGE.items()}, uasc.size).astype(np.int64),
        pick(rng, {str(k): v for k, v in p.ENTRY_AGE.items()}, uasc.size).astype(np.int64),
    )
    # Babies: a large share come in within days of birth.
    fraction = np.where((years == 0) & (rng.random(uasc.size) < 0.45), rng.random(uasc.size) * 0.05,
                        rng.random(uasc.size))
    return np.floor((years + fraction) * YEAR).astype(np.int64)


def first_entries(
    rng: np.random.Generator, per_year: float, window: Window, profile: Profile
) -> pl.DataFrame:
    """First entries to care: a steady stream from LEAD_YEARS before the window to its end."""
    window_years = (window.end - window.start + 1) / YEAR
    n = rng.poisson(per_year * (LEAD_YEARS + window_years))
    entry = uniform_days(rng, window.start - int(LEAD_YEARS * YEAR), window.end, n)
    uasc = rng.random(n) < profile.uasc_share
    age = _entry_ages(rng, uasc)
    dob = entry - age
    keep = age_at(dob, np.full(n, window.start)) < 26
    frame = pl.DataFrame({"entry": entry, "dob": dob, "uasc": uasc})
    return frame.filter(pl.Series(keep)).sort("entry")


def _age_band(age_years: np.ndarray) -> np.ndarray:
    return np.select(
        [age_years < 1, age_years < 5, age_years < 10, age_years < 16],
        ["baby", "under5", "child", "teen"],
        "older",
    ).astype(object)


def _pathways(rng: np.random.Generator, age_years: np.ndarray, uasc: np.ndarray,
              re_entry: bool) -> np.ndarray:
    bands = _age_band(age_years)
    path = np.empty(age_years.size, dtype=object)
    for band, mix in p.PATHWAYS.items():
        if re_entry:
            mix = {k: v for k, v in mix.items() if k != "adoption"}
        idx = np.flatnonzero(bands == band)
        path[idx] = pick(rng, mix, idx.size)
    path[uasc] = "uasc"
    return path


def _lognormal_days(rng, median: float, sigma: float, n: int) -> np.ndarray:
    return np.maximum(1, np.round(median * np.exp(sigma * rng.standard_normal(n)))).astype(np.int64)


@dataclass
class _Periods:
    """Columns of the periods being built in one round (numpy arrays, one element per period)."""

    child: np.ndarray
    start: np.ndarray
    dob: np.ndarray
    path: np.ndarray
    end: np.ndarray
    rec: np.ndarray


def _durations(rng: np.random.Generator, per: _Periods) -> None:
    n = per.start.size
    per.end = np.full(n, -1, dtype=np.int64)
    per.rec = np.empty(n, dtype=object)
    for path, median, sigma, recs in (
        ("short", p.SHORT_MEDIAN_DAYS, p.SHORT_SIGMA, p.SHORT_REC),
        ("teen", p.TEEN_MEDIAN_DAYS, p.TEEN_SIGMA, p.TEEN_REC),
    ):
        idx = np.flatnonzero(per.path == path)
        per.end[idx] = per.start[idx] + _lognormal_days(rng, median, sigma, idx.size)
        per.rec[idx] = pick(rng, recs, idx.size)
    idx = np.flatnonzero(per.path == "longterm")
    per.end[idx] = per.start[idx] + np.ceil(
        rng.exponential(p.LONGTERM_MEAN_YEARS * YEAR, idx.size)).astype(np.int64)
    per.rec[idx] = pick(rng, p.LONGTERM_REC, idx.size)
    idx = np.flatnonzero(per.path == "sgo")
    per.end[idx] = per.start[idx] + uniform_days(rng, 300, 1100, idx.size)
    per.rec[idx] = "SGO"
    idx = np.flatnonzero(per.path == "remand")
    per.end[idx] = per.start[idx] + uniform_days(rng, 7, 150, idx.size)
    per.rec[idx] = pick(rng, p.REMAND_REC, idx.size)
    idx = np.flatnonzero(per.path == "uasc")
    early = rng.random(idx.size) < 0.1
    per.end[idx] = np.where(early, per.start[idx] + uniform_days(rng, 30, 500, idx.size),
                            per.dob[idx] + int(30 * YEAR))
    per.rec[idx] = np.where(early, pick(rng, p.UASC_EARLY_REC, idx.size), "AT18")


def _legal_plan(rng: np.random.Generator, per: _Periods, ids: np.ndarray) -> tuple[
        np.ndarray, pl.DataFrame]:
    """Initial legal status of each period and its later legal changes (day, LS)."""
    n = per.start.size
    ls0 = np.full(n, "C1", dtype=object)
    changes: list[pl.DataFrame] = []

    def change(idx: np.ndarray, days: np.ndarray, ls) -> None:
        values = np.broadcast_to(np.asarray(ls, dtype=object), idx.shape)
        changes.append(pl.DataFrame({"period": ids[idx], "day": days,
                                     "ls": pl.Series(values.tolist(), dtype=pl.String)}))

    voluntary = np.isin(per.path, ["short", "teen", "uasc"])
    ls0[voluntary] = np.where(rng.random(voluntary.sum()) < 0.75, "V2", "C1")
    ls0[per.path == "uasc"] = "V2"
    ls0[per.path == "remand"] = "J1"
    # Some long-term children start accommodated under s20 and go to court later.
    lt = np.flatnonzero(per.path == "longterm")
    vol = lt[rng.random(lt.size) < 0.2]
    ls0[vol] = "V2"
    # Care-order paths: interim order, then the full order at the final hearing.
    care = np.flatnonzero(np.isin(per.path, ["longterm", "sgo", "teen", "short"]) & (ls0 == "C1"))
    change(care, per.start[care] + uniform_days(rng, 90, 330, care.size), "C2")
    c1 = per.start[vol] + uniform_days(rng, 30, 200, vol.size)
    change(vol, c1, "C1")
    change(vol, c1 + uniform_days(rng, 90, 330, vol.size), "C2")
    # Police protection (at most 72 hours) or an emergency protection order first.
    eligible = np.flatnonzero(np.isin(per.path, ["longterm", "sgo", "adoption", "short"]))
    police = eligible[rng.random(eligible.size) < 0.14]
    emergency = rng.random(police.size) < 0.3
    length = np.where(emergency, uniform_days(rng, 3, 8, police.size),
                      uniform_days(rng, 1, 3, police.size))
    change(police, per.start[police] + length, ls0[police].copy())  # back to the planned status
    ls0[police] = np.where(emergency, "L2", "L1")
    # A short police-protection stay often ends there: the child goes home.
    home = police[(per.path[police] == "short") & (rng.random(police.size) < 0.35)]
    per.end[home] = per.start[home] + np.where(ls0[home] == "L2", uniform_days(rng, 3, 8, home.size),
                                               uniform_days(rng, 1, 3, home.size))
    return ls0, pl.concat(changes, how="vertical_relaxed")


def _adoption(rng: np.random.Generator, per: _Periods, ids: np.ndarray, ls0: np.ndarray
              ) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Adoption timeline: decision, placement order, match, placement, order (or a reversal)."""
    idx = np.flatnonzero(per.path == "adoption")
    n = idx.size
    start = per.start[idx]
    consent = rng.random(n) < 0.12
    ls0[idx[consent]] = np.where(ls0[idx[consent]] == "C1", "V2", ls0[idx[consent]])
    decision = start + uniform_days(rng, 90, 300, n)
    order = np.where(consent, -1, decision + uniform_days(rng, 20, 150, n))
    match = np.maximum(decision, order) + uniform_days(rng, 30, 240, n)
    placed = match + uniform_days(rng, 7, 42, n)
    adopted = placed + uniform_days(rng, 150, 360, n)
    reversed_ = rng.random(n) < p.ADOPTION_REVERSAL_P
    ceased = np.where(reversed_, decision + uniform_days(rng, 60, 400, n), -1)
    ceased = np.where(reversed_, np.minimum(ceased, match - 1), -1)
    before_order = reversed_ & ((order < 0) | (ceased < order))
    order = np.where(before_order, -1, order)
    reason = np.where(
        before_order & ~consent, pick(rng, {"RD2": 60, "RD1": 25, "RD4": 15}, n),
        pick(rng, {"RD1": 40, "RD3": 35, "RD4": 25}, n))
    with_carers = rng.random(n) < p.ADOPTED_BY_FOSTER_CARERS_P
    # A reversal turns the plan to special guardianship or long-term care.
    sgo = rng.random(n) < 0.6
    per.end[idx] = np.where(
        reversed_,
        np.where(sgo, ceased + uniform_days(rng, 120, 700, n),
                 ceased + np.ceil(rng.exponential(p.LONGTERM_MEAN_YEARS * YEAR, n)).astype(np.int64)),
        adopted)
    per.rec[idx] = np.where(
        reversed_, np.where(sgo, "SGO", pick(rng, p.LONGTERM_REC, n)),
        np.where(consent, pick(rng, {"E11": 85, "E12": 15}, n), pick(rng, {"E12": 70, "E11": 30}, n)))
    plan = pl.DataFrame({
        "period": ids[idx], "decision": decision, "order": order, "match": match,
        "placed": np.where(reversed_, -1, placed), "ceased": ceased,
        "reason": pl.Series(np.where(reversed_, reason, None).tolist(), dtype=pl.String),
        "consent": consent,
        "with_carers": with_carers,
    }).with_columns(pl.col("order", "placed", "ceased").replace(-1, None))
    orders = plan.filter(pl.col("order").is_not_null()).select(
        "period", pl.col("order").alias("day"), pl.lit("E1").alias("ls"))
    # After a reversal the court revokes the placement order and a care order takes its place.
    # Revoked by the 31 March after the reversal, so no return shows a placement order without
    # its decision (DfE 553).
    year, month, _ = civil(ceased)
    by_31_march = day_number(year + (month >= 4), 3, 31)
    revoke = np.maximum(order + 1, np.minimum(ceased + uniform_days(rng, 14, 60, n), by_31_march))
    revoked = plan.filter(pl.col("order").is_not_null() & pl.col("ceased").is_not_null()).select(
        "period", pl.Series("day", revoke[reversed_ & (order >= 0)]), pl.lit("C2").alias("ls"))
    return plan, pl.concat([orders, revoked])


def simulate(rng: np.random.Generator, entries: pl.DataFrame, window: Window, profile: Profile
             ) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """Periods of care for every child: (periods, legal changes, adoption plans).

    periods: period, child, number, start, end (day, or null if beyond the window), path, rec
    (E-code, or "AT18"/"SGO" to be settled once the last placement is known), cin, ls0.
    """
    child = np.arange(entries.height)
    start = entries["entry"].to_numpy()
    dob = entries["dob"].to_numpy()
    uasc = entries["uasc"].to_numpy()
    cin_child = np.where(uasc, pick(rng, p.UASC_CIN, child.size), pick(rng, p.CIN, child.size))
    frames, legals, plans = [], [], []
    next_id = 0
    for number in range(1, 5):
        if child.size == 0:
            break
        age = age_at(dob, start)
        per = _Periods(child, start, dob, _pathways(rng, age, uasc[child], number > 1), None, None)
        _durations(rng, per)
        ids = np.arange(next_id, next_id + child.size)
        next_id += child.size
        ls0, legal = _legal_plan(rng, per, ids)
        plan, orders = _adoption(rng, per, ids, ls0)
        eighteen = birthday(dob, 18)
        at18 = per.end >= eighteen
        per.end = np.where(at18, eighteen, np.maximum(per.end, per.start + 1))
        per.rec = np.where(at18, "AT18", per.rec)
        cin = cin_child[child] if number == 1 else pick(rng, p.CIN, child.size)
        frames.append(pl.DataFrame({
            "period": ids, "child": child, "number": number, "start": start, "end": per.end,
            "path": per.path.astype(str), "rec": per.rec.astype(str), "cin": cin.astype(str),
            "ls0": ls0.astype(str),
        }))
        legals.append(pl.concat([legal, orders], how="vertical_relaxed"))
        plans.append(plan)
        again = np.isin(per.rec, RETURNS_HOME) & (age_at(dob, per.end) < 17) & (
            rng.random(child.size) < np.where(per.rec == "E4B", 0.3, p.RE_ENTRY_P))
        gap = 1 + np.floor(rng.exponential(p.RE_ENTRY_GAP_MEAN_DAYS, child.size)).astype(np.int64)
        new_start = per.end + gap
        again &= (new_start <= window.end) & (new_start < eighteen - 30)
        child, start, dob = child[again], new_start[again], dob[again]
    periods = pl.concat(frames, how="vertical_relaxed").with_columns(
        pl.when(pl.col("end") > window.end).then(None).otherwise(pl.col("end")).alias("end"),
        pl.when(pl.col("end") > window.end).then(None).otherwise(pl.col("rec")).alias("rec"),
    )
    legal = pl.concat(legals, how="vertical_relaxed").join(
        periods.select("period", "start", "end"), on="period", maintain_order="left")
    legal = legal.filter(
        (pl.col("day") > pl.col("start")) & (pl.col("day") < pl.col("end").fill_null(window.end + 1))
    ).drop("start", "end")
    return periods, legal, pl.concat(plans, how="vertical_relaxed")
