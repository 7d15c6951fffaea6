"""Where children live: postcodes and the authority's settings (homes, agencies, providers).

Postcodes look like real UK ones (area letters, district number, inward code) but are drawn at
random, so they identify nobody. Each authority has a home postcode area; a share of placements
is in other areas (out of area), as in England where roughly two in five are.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

from carematters.synth import params as p

_INWARD_LETTERS = np.array(list("ABDEFGHJLNPQRSTUWXYZ"))


def postcodes(rng: np.random.Generator, areas: np.ndarray) -> np.ndarray:
    """One random postcode per element of `areas` (e.g. "LS14 7QD")."""
    n = areas.size
    letters = pl.Series(_INWARD_LETTERS)
    text = pl.DataFrame({"area": pl.Series(areas, dtype=pl.String)}).select(pl.concat_str(
        pl.col("area"), pl.lit(pl.Series(rng.integers(1, 30, n))).cast(pl.String), pl.lit(" "),
        pl.lit(pl.Series(rng.integers(0, 10, n))).cast(pl.String),
        pl.lit(letters.gather(rng.integers(0, letters.len(), n))),
        pl.lit(letters.gather(rng.integers(0, letters.len(), n))),
    ))
    return text.to_series().to_numpy()


def areas(rng: np.random.Generator, home: str, n: int, out_share: float) -> np.ndarray:
    """Postcode areas: the authority's own, or (with probability `out_share`) another."""
    other = np.array(p.OTHER_AREAS, dtype=object)[rng.integers(0, len(p.OTHER_AREAS), n)]
    other[rng.random(n) >= out_share] = home
    return other


def urns(rng: np.random.Generator, n: int) -> np.ndarray:
    """Ofsted unique reference numbers: SC followed by six digits, all distinct."""
    return np.array([f"SC{v:06d}" for v in rng.choice(900_000, n, replace=False) + 100_000],
                    dtype=object)


@dataclass(frozen=True)
class Setting:
    """A pool of registered settings of one kind: URN and postcode of each."""

    urn: np.ndarray
    postcode: np.ndarray

    def draw(self, rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
        i = rng.integers(0, self.urn.size, n)
        return self.urn[i], self.postcode[i]


@dataclass(frozen=True)
class Places:
    area: str
    out_share: float
    fostering_urn: str  # the authority's own fostering service
    homes: Setting  # children's homes (K2)
    secure: Setting  # secure children's homes (K1)
    supported: Setting  # semi-independent / supported accommodation (H5, K3)
    agencies: Setting  # independent fostering agencies
    adoption: Setting  # adoption agencies

    def local(self, rng: np.random.Generator, n: int, out_share: float | None = None) -> np.ndarray:
        share = self.out_share if out_share is None else out_share
        return postcodes(rng, areas(rng, self.area, n, share))


def make_places(rng: np.random.Generator, area: str, children: int, out_share: float) -> Places:
    def pool(count: int, share: float) -> Setting:
        return Setting(urns(rng, count), postcodes(rng, areas(rng, area, count, share)))

    size = max(children, 200)
    return Places(
        area=area,
        out_share=out_share,
        fostering_urn=str(urns(rng, 1)[0]),
        homes=pool(max(10, size // 60), 0.55),
        secure=pool(8, 0.8),
        supported=pool(max(6, size // 200), 0.4),
        agencies=pool(25, 0.5),
        adoption=pool(8, 0.5),
    )
