"""Leaving care: eligibility, pathway plans, personal adviser contact and the OC3 follow-up.

Eligible child (spec §1.5.20): looked after for 13 weeks since 14 and still looked after at 16.
A former relevant young person is one who was eligible and has since left care; OC3 follows
them at each birthday from 17 to 21 (and to 25 for those who asked for support, from 2023).
"""

from __future__ import annotations

import numpy as np
import polars as pl

from carematters.synth._draw import add_months, birthday, civil, pick
from carematters.synth.chains import chain

NOT_LEAVERS = ("E2", "E3", "E11", "E12", "E15")  # died, transferred, adopted, found to be adult
OC3_AGES = range(17, 26)


def collection_year(days: np.ndarray) -> np.ndarray:
    year, month, _ = civil(days)
    return year + (month >= 4)


def eligibility(periods: pl.DataFrame, dob: np.ndarray) -> pl.DataFrame:
    """One row per child who became eligible: eligible_from, leave day (null if still in care),
    whether they are a care leaver (former relevant), and when support ends (21, or 25)."""
    child = periods["child"].to_numpy()
    b14, b16 = birthday(dob[child], 14), birthday(dob[child], 16)
    since = np.maximum(periods["start"].to_numpy(), b14) + 91
    eligible_from = np.maximum(b16, since)
    frame = periods.with_columns(pl.Series("eligible_from", eligible_from)).filter(
        pl.col("eligible_from") < pl.col("stop"))
    last = periods.group_by("child").agg(pl.col("period").max().alias("last"))
    return (
        frame.sort("period").group_by("child").agg(pl.all().last())
        .join(last, on="child")
        .with_columns(
            (pl.col("end").is_not_null() & (pl.col("period") == pl.col("last"))
             & ~pl.col("rec").is_in(NOT_LEAVERS)).alias("leaver"))
        .select("child", "eligible_from", "stop", "end", "leaver", "rec")
        .sort("child")
    )


def _support_end(rng: np.random.Generator, eligible: pl.DataFrame, dob: np.ndarray) -> np.ndarray:
    child = eligible["child"].to_numpy()
    requested = rng.random(child.size) < 0.2
    return np.where(requested, birthday(dob[child], 25), birthday(dob[child], 21))


def pathway(rng: np.random.Generator, eligible: pl.DataFrame, dob: np.ndarray, advisers: int,
            from_day: int) -> tuple[pl.DataFrame, pl.DataFrame, np.ndarray]:
    """(PathwayPlans, PAContacts, support end day per eligible child).

    Reviews and contacts are simulated from shortly before `from_day` only (earlier ones are
    never reported), each chain entering at a random point of its usual interval.
    """
    child = eligible["child"].to_numpy()
    n = child.size
    support_end = _support_end(rng, eligible, dob)
    stop = np.where(eligible["leaver"].to_numpy(), support_end, eligible["stop"].to_numpy())
    start = eligible["eligible_from"].to_numpy()
    assessed = start + np.where(rng.random(n) < 0.85, rng.integers(10, 86, n), rng.integers(92, 151, n))
    planned = assessed + rng.integers(3, 21, n)
    first_review = np.maximum(add_months(planned, 6) - rng.integers(0, 40, n),
                              from_day - rng.integers(0, 186, n))
    reviews = chain(np.arange(n), first_review, stop,
                    lambda idx, k, d: rng.integers(120, 186, idx.size))
    pa = np.array([f"PA{i:03d}" for i in range(1, advisers + 1)])[rng.integers(0, advisers, n)]
    own = reviews["owner"].to_numpy()
    plans_ = pl.concat([
        pl.DataFrame({"child": child, "PLAN_DATE": assessed, "KIND": "NA", "PA_ID": pa}),
        pl.DataFrame({"child": child, "PLAN_DATE": planned, "KIND": "PLAN", "PA_ID": pa}),
        pl.DataFrame({"child": child[own], "PLAN_DATE": reviews["day"].to_numpy(), "KIND": "REV",
                      "PA_ID": pa[own]}),
    ], how="vertical_relaxed").filter(
        pl.col("PLAN_DATE") < pl.Series(np.concatenate([stop, stop, stop[own]])))
    leaving = eligible["end"].fill_null(0).to_numpy()
    leaver = np.flatnonzero(eligible["leaver"].to_numpy())
    first_contact = np.maximum(leaving[leaver] + rng.integers(7, 41, leaver.size),
                               from_day - rng.integers(0, 76, leaver.size))
    contacts = chain(leaver, first_contact, support_end[leaver],
                     lambda idx, k, d: rng.integers(28, 76, idx.size))
    cown = contacts["owner"].to_numpy()
    contact_frame = pl.DataFrame({"child": child[cown], "CONTACT_DATE": contacts["day"].to_numpy(),
                                  "PA_ID": pa[cown]})
    return plans_, contact_frame, support_end


_EET_YOUNG = {"F2": 55, "P2": 5, "F5": 15, "P5": 5, "F4": 15, "P4": 5}
_EET_OLDER = {"F1": 10, "P1": 2, "F2": 20, "P2": 5, "F5": 35, "P5": 13, "F4": 12, "P4": 3}
_NEET = {"G5": 65, "G4": 20, "G6": 15}
_SUITABLE_17 = {"D1": 30, "E1": 15, "B1": 20, "C1": 10, "U1": 5, "K1": 5, "Y1": 5}
_SUITABLE = {"Z1": 12, "D1": 22, "U1": 28, "B1": 12, "E1": 7, "K1": 4, "T1": 3, "Y1": 3, "C1": 1,
             "G1": 0.5}
_UNSUITABLE = {"S2": 20, "V2": 15, "W2": 10, "X2": 15, "D2": 10, "U2": 10, "B2": 10, "R2": 10}
_EET_BASE = {17: 0.78, 18: 0.68, 19: 0.64, 20: 0.62, 21: 0.62}


def _logistic(x: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-x))


def oc3(rng: np.random.Generator, eligible: pl.DataFrame, support_end: np.ndarray,
        children: pl.DataFrame, window_start: int, window_end: int) -> pl.DataFrame:
    """One OC3 row per care leaver per birthday (17-21, 22-25 with support) in the window."""
    leavers = np.flatnonzero(eligible["leaver"].to_numpy())
    child = eligible["child"].to_numpy()[leavers]
    left = eligible["end"].to_numpy()[leavers]
    dob = children["dob"].to_numpy()[child]
    fortune = children["fortune"].to_numpy()[child]
    died = np.where(rng.random(child.size) < 0.004, left + rng.integers(100, 2500, child.size), -1)
    rows = []
    for age in OC3_AGES:
        b = birthday(dob, age)
        cy = collection_year(b)
        ok = (b >= left) & (b >= window_start) & (b <= window_end)
        if age <= 18:
            # Added to OC3 for 2016; only if no longer looked after on the birthday, and leaving
            # on the birthday itself means looked after that day (DfE 1016).
            ok &= (cy >= 2016) & (b > left)
        elif age > 21:  # 22-25, only those who asked for support, from 2023
            ok &= (cy >= 2023) & (b <= support_end[leavers])
        idx = np.flatnonzero(ok)
        rows.append(pl.DataFrame({
            "child": child[idx].astype(np.int64), "age": np.full(idx.size, age, dtype=np.int32),
            "birthday": b[idx].astype(np.int64), "year": cy[idx].astype(np.int64),
            "fortune": fortune[idx].astype(float), "dead": (died[idx] >= 0) & (died[idx] < b[idx]),
        }))
    frame = pl.concat(rows, how="vertical_relaxed")
    return _oc3_values(rng, frame)


def _oc3_values(rng: np.random.Generator, frame: pl.DataFrame) -> pl.DataFrame:
    n = frame.height
    age = frame["age"].to_numpy()
    fortune = frame["fortune"].to_numpy()
    touch_p = np.where(age <= 18, 0.95, np.where(age <= 21, 0.92, 0.75))
    in_touch = np.where(rng.random(n) < touch_p, "YES",
                        np.where(age >= 18, pick(rng, {"NO": 55, "REFU": 20, "NREQ": 25}, n),
                                 pick(rng, {"NO": 75, "REFU": 25}, n)))
    in_touch = np.where(rng.random(n) < 0.01, "RHOM", in_touch)
    in_touch = np.where(frame["dead"].to_numpy(), "DIED", in_touch)
    base = np.array([_EET_BASE.get(a, 0.5) for a in age])
    eet = rng.random(n) < _logistic(np.log(base / (1 - base)) + 0.8 * fortune)
    activ = np.where(eet, np.where(age <= 18, pick(rng, _EET_YOUNG, n), pick(rng, _EET_OLDER, n)),
                     pick(rng, _NEET, n))
    old_codes = frame["year"].to_numpy() < 2022
    activ = np.where(old_codes & np.isin(activ, ["F4", "F5"]), "F3", activ)
    activ = np.where(old_codes & np.isin(activ, ["P4", "P5"]), "P3", activ)
    suitable = rng.random(n) < _logistic(np.log(0.94 / 0.06) + 0.8 * fortune)
    accom = np.where(suitable, np.where(age == 17, pick(rng, _SUITABLE_17, n), pick(rng, _SUITABLE, n)),
                     pick(rng, _UNSUITABLE, n))
    accom = np.where((age == 17) & (accom == "T1"), "D1", accom)
    accom = np.where((age >= 21) & (accom == "Z1"), "U1", accom)
    unknown = ~np.isin(in_touch, ["YES"]) & (rng.random(n) < 0.7)
    blank = np.isin(in_touch, ["DIED", "RHOM"]) | unknown
    return frame.select("child", "age", "birthday", "year").with_columns(
        pl.Series("IN_TOUCH", in_touch.tolist(), dtype=pl.String),
        pl.Series("ACTIV", np.where(blank, "0", activ).tolist(), dtype=pl.String),
        pl.Series("ACCOM", np.where(blank, "0", accom).tolist(), dtype=pl.String),
    )
