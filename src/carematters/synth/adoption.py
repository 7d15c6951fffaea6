"""Who adopted: number, sex and legal status of the adopters, consistent as spec §1.5.15 asks
(two adopters are a couple; L0 only for a single adopter; L3/L11 only for a male-female couple;
L4/L12 only for a same-sex couple)."""

from __future__ import annotations

import numpy as np
import polars as pl

from carematters.synth import params as p
from carematters.synth._draw import pick


def adopters(rng: np.random.Generator, periods: pl.DataFrame) -> pl.DataFrame:
    """One row per period of care: NB_ADOPTR, SEX_ADOPTR, LS_ADOPTR (used for adopted children)."""
    n = periods.height
    single = rng.random(n) < p.ADOPTER_COUNT[1] / 100
    sex = np.where(single, pick(rng, p.SINGLE_ADOPTER, n), pick(rng, p.COUPLE_ADOPTERS, n))
    status = np.full(n, "L0", dtype=object)
    for couple, mix in p.ADOPTER_LS.items():
        idx = np.flatnonzero(~single & (sex == couple))
        status[idx] = pick(rng, mix, idx.size)
    return pl.DataFrame({
        "period": periods["period"].to_numpy(),
        "NB_ADOPTR": np.where(single, 1, 2),
        "SEX_ADOPTR": pl.Series(sex.tolist(), dtype=pl.String),
        "LS_ADOPTR": pl.Series(status.tolist(), dtype=pl.String),
    })
