"""Children on an agreed series of short breaks (CPPCR reg 48), each break its own V3 episode.

They are in the return but excluded from every published count (spec §1.1), which is exactly
what later engines must cope with. The generated breaks respect the DfE limits: no break over
17 days, at most 75 days in any 12 months, never a temporary or long-term foster placement.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from carematters.synth._draw import YEAR, birthday, uniform_days
from carematters.synth.chains import chain
from carematters.synth.places import Places
from carematters.synth.population import Window


def short_break_children(rng: np.random.Generator, n: int, window: Window) -> pl.DataFrame:
    """Entries (entry, dob, uasc) for `n` short-break children."""
    first = uniform_days(rng, window.start - int(YEAR), window.end - 60, n)
    age = uniform_days(rng, int(5 * YEAR), int(16 * YEAR), n)
    return pl.DataFrame({"entry": first, "dob": first - age, "uasc": np.zeros(n, dtype=bool)})


def short_break_episodes(rng: np.random.Generator, kids: pl.DataFrame, places: Places,
                         window: Window, first_period: int) -> pl.DataFrame:
    """One V3 episode (and period of care) per break, 16-35 days apart, 1-3 nights each."""
    n = kids.height
    start = kids["entry"].to_numpy()
    stop = np.minimum(start + uniform_days(rng, 365, 4 * 365, n), birthday(kids["dob"].to_numpy(), 18))
    stop = np.minimum(stop, window.end)
    breaks = chain(np.arange(n), start, stop - 3, lambda idx, k, d: rng.integers(16, 36, idx.size))
    m = breaks.height
    home = rng.random(n) < 0.65
    place = np.where(home, "K2", "U6")
    provider = np.where(home, np.where(rng.random(n) < 0.5, "PR1", "PR4"), "PR1")
    owner = breaks["owner"].to_numpy()
    return breaks.select(
        pl.col("owner").alias("child_row"),
        pl.Series("period", np.arange(first_period, first_period + m)),
        pl.col("day").alias("DECOM"),
    ).with_columns(
        pl.lit("S").alias("RNE"), pl.lit("V3").alias("LS"), pl.lit("N2").alias("CIN"),
        pl.Series("PLACE", place[owner], dtype=pl.String),
        pl.Series("PLACE_PROVIDER", provider[owner], dtype=pl.String),
        (pl.col("DECOM") + pl.Series(rng.integers(1, 4, m))).alias("DEC"),
        pl.lit("E4A").alias("REC"), pl.lit(None, pl.String).alias("REASON_PLACE_CHANGE"),
        pl.Series("HOME_POST", places.local(rng, n, 0.05)[owner], dtype=pl.String),
        # No placement postcode or URN for short breaks (DfE 214).
        pl.lit(None, pl.String).alias("PL_POST"), pl.lit(None, pl.String).alias("URN"),
        pl.lit(1, pl.Int8).alias("z_alt"), pl.lit(0, pl.Int8).alias("kind"),
    )
