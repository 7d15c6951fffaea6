"""The children themselves: identifiers, sex, ethnicity, UPN, and traits that persist."""

from __future__ import annotations

import numpy as np
import polars as pl

from carematters.synth import params as p
from carematters.synth._draw import YEAR, birthday, civil, pick, uniform_days

_UPN_LETTERS = np.array(list("ABCDEFGHJKLMNPQRTUVWXYZ"))


def upns(rng: np.random.Generator, la: str, n: int) -> np.ndarray:
    """13-character unique pupil numbers with a valid check letter (DfE algorithm).

    Positions 2-13 are the LA code, a school number, a year and a serial; the check letter is
    the weighted sum (weights 2..13) modulo 23 looked up in the DfE's 23-letter alphabet.
    """
    rest = rng.integers(0, 10, (n, 9))
    weighted = sum(int(c) * w for c, w in zip(la, range(2, 5), strict=True)) + rest @ np.arange(5, 14)
    number = rest @ (10 ** np.arange(8, -1, -1))
    return pl.DataFrame({"check": _UPN_LETTERS[weighted % 23], "number": number}).select(
        pl.concat_str(pl.col("check"), pl.lit(la), pl.col("number").cast(pl.String).str.zfill(9))
    ).to_series().to_numpy()


def _ids(la: str, n: int) -> pl.Series:
    """Child identifiers: the LA code then a 7-digit serial (alphanumeric, 10 characters)."""
    serial = pl.int_range(1, n + 1, eager=True).cast(pl.String).str.zfill(7)
    return (la + serial).alias("CHILD")


def _permanence(rng: np.random.Generator, entry: np.ndarray, dob: np.ndarray, la: str
                ) -> dict[str, pl.Series]:
    """Previous permanence (adoption, SGO, CAO) before this care, with a date between the
    child's first birthday and half a year before entry; too young for that means none."""
    n = entry.size
    when = entry - uniform_days(rng, 200, 3000, n)
    prev = np.where(when >= dob + 365, pick(rng, p.PREV_PERM, n), "Z1")
    year, month, day_ = civil(when)
    style = rng.random(n)
    known = pl.Series(np.isin(prev, ["P1", "P2", "P3"]))
    two = pl.col("m").cast(pl.String).str.zfill(2)
    # Partial dates (spec §1.2): unknown day -> zz/MM/YYYY, unknown day and month -> zz/zz/YYYY.
    date_perm = pl.DataFrame({"y": year, "m": month, "d": day_, "style": style}).select(
        pl.when(~known).then(None)
        .when(pl.col("style") < 0.5).then(pl.concat_str(
            pl.col("d").cast(pl.String).str.zfill(2), pl.lit("/"), two, pl.lit("/"),
            pl.col("y").cast(pl.String)))
        .when(pl.col("style") < 0.8).then(pl.concat_str(pl.lit("zz/"), two, pl.lit("/"),
                                                        pl.col("y").cast(pl.String)))
        .otherwise(pl.concat_str(pl.lit("zz/zz/"), pl.col("y").cast(pl.String)))
    ).to_series()
    # The authority that arranged it (DfE 630 asks for it with P1-P3): often this one.
    others = np.array([code for code, _ in p.AUTHORITIES], dtype=object)
    arranged = np.where(rng.random(n) < 0.6, la, others[rng.integers(0, others.size, n)])
    la_perm = pl.Series(np.where(np.isin(prev, ["P1", "P2", "P3"]), arranged, None).tolist(),
                        dtype=pl.String)
    return {"prev_perm": pl.Series(prev.tolist(), dtype=pl.String), "date_perm": date_perm,
            "la_perm": la_perm}


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
        "CHILD": _ids(la, n),
        "dob": dob,
        "sex": np.where(male, "M", "F"),
        "ETHNIC": ethnic.astype(str),
        "UPN": upn.astype(str),
        "uasc": uasc,
        "duc": np.where(uasc, duc, -1),
        "mc_dob": mc_dob,
        "instability": rng.gamma(0.6, 1 / 0.6, n),
        "sdq_level": np.clip(rng.normal(14, 6, n), 0, 40),
        "fortune": rng.standard_normal(n),
        **_permanence(rng, entry, dob, la),
    }).with_columns(pl.col("duc", "mc_dob").replace(-1, None))
