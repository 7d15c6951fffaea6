"""The children themselves: identifiers, sex, ethnicity, UPN, and traits that persist."""

from __future__ import annotations

import numpy as np
import polars as pl

from carematters.synth import params as p
from carematters.synth._draw import YEAR, birthday, pick, uniform_days

_UPN_LETTERS = np.array(list("ABCDEFGHJKLMNPQRTUVWXYZ"))


def upns(rng: np.random.Generator, la: str, n: int) -> np.ndarray:
    """13-character unique pupil numbers with a valid check letter (DfE algorithm).

    Positions 2-13 are the LA code, a school number, a year and a serial; the check letter is
    the weighted sum (weights 2..13) modulo 23 looked up in the DfE's 23-letter alphabet.
    """
    digits = np.column_stack([
        np.tile(np.array([int(c) for c in la]), (n, 1)),
        rng.integers(0, 10, (n, 9)),
    ])
    check = _UPN_LETTERS[(digits * np.arange(2, 14)).sum(axis=1) % 23]
    body = np.array(["".join(map(str, row)) for row in digits], dtype=object)
    return np.char.add(check.astype(str), body.astype(str)).astype(object)


def _permanence(rng: np.random.Generator, entry: np.ndarray, n: int) -> dict[str, np.ndarray]:
    prev = pick(rng, p.PREV_PERM, n)
    when = entry - uniform_days(rng, 200, 3000, n)
    dates = (when.astype("datetime64[D]")).astype(str)  # yyyy-mm-dd
    yyyy, mm, dd = (np.char.ljust(np.char.partition(dates.astype(str), "-")[:, 0], 4),
                    np.array([d[5:7] for d in dates]), np.array([d[8:10] for d in dates]))
    style = rng.random(n)
    date_perm = np.where(
        style < 0.5, np.char.add(np.char.add(np.char.add(dd, "/"), np.char.add(mm, "/")), yyyy),
        np.where(style < 0.8, np.char.add(np.char.add("zz/", mm), np.char.add("/", yyyy)),
                 np.char.add("zz/zz/", yyyy)))
    known = np.isin(prev, ["P1", "P2", "P3"])
    return {"prev_perm": pl.Series(prev.tolist(), dtype=pl.String),
            "date_perm": pl.Series(np.where(known, date_perm, None).tolist(), dtype=pl.String)}


def children(rng: np.random.Generator, la: str, entries: pl.DataFrame) -> pl.DataFrame:
    """One row per child, in entry order (`child` is the row index)."""
    n = entries.height
    entry = entries["entry"].to_numpy()
    dob = entries["dob"].to_numpy()
    uasc = entries["uasc"].to_numpy()
    male = np.where(uasc, rng.random(n) < p.UASC_MALE_SHARE, rng.random(n) < p.MALE_SHARE)
    ethnic = np.where(uasc, pick(rng, p.UASC_ETHNIC, n), pick(rng, p.ETHNIC, n))
    upn = upns(rng, la, n)
    upn = np.where(uasc & (rng.random(n) < 0.6), "UN2", upn)
    upn = np.where(rng.random(n) < 0.01, "UN5", upn)
    # Some older girls in care are mothers: first child born between 15 and 18.
    entry_age = (entry - dob) / YEAR
    mother = ~male & (entry_age >= 12) & (rng.random(n) < 0.06)
    mc_dob = np.where(mother, birthday(dob, 15) + uniform_days(rng, 0, int(3 * YEAR) - 1, n), -1)
    duc = np.where(rng.random(n) < 0.85, birthday(dob, 18),
                   np.minimum(birthday(dob, 18), entry + uniform_days(rng, 120, 900, n)))
    return pl.DataFrame({
        "child": np.arange(n),
        "CHILD": [f"{la}{i:07d}" for i in range(1, n + 1)],
        "dob": dob,
        "sex": np.where(male, "M", "F"),
        "ETHNIC": ethnic.astype(str),
        "UPN": upn.astype(str),
        "uasc": uasc,
        "duc": np.where(uasc, duc, -1),
        "mc_dob": mc_dob,
        "instability": rng.gamma(1.3, 1 / 1.3, n),
        "sdq_level": np.clip(rng.normal(14, 6, n), 0, 40),
        "fortune": rng.standard_normal(n),
        **_permanence(rng, entry, n),
    }).with_columns(pl.col("duc", "mc_dob").replace(-1, None))
