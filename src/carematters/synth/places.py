"""Where children live: postcodes and the authority's settings (homes, agencies, providers).

Postcodes are real ones drawn from the ONS postcode directory (`carematters.data.reference`): a
postcode covers about 15 addresses, so it identifies nobody. In-authority postcodes come from the
authority's own area; a share of placements is out of area, as in England where roughly two in
five are: mostly in neighbouring authorities (within `NEAR_KM` of the authority's centre), some
further away. Only the directory file of the authority's postcode area is read. Should the
directory lack the authority, postcodes are made up in the old way (area letters, random
district and inward code).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np
import polars as pl

from carematters.data.authorities import ons_codes
from carematters.data.reference import postcode_areas
from carematters.synth import params as p

#: Out-of-area placements within this distance of the authority's centre count as neighbouring.
NEAR_KM = 40
#: Share of out-of-area postcodes drawn from neighbouring authorities (the rest further away).
NEAR_SHARE = 0.75

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
class PostcodePool:
    """Real postcodes ("OX1 1AA") inside the authority, near it, and further away."""

    own: np.ndarray
    near: np.ndarray
    far: np.ndarray

    def draw(self, rng: np.random.Generator, n: int, out_share: float) -> np.ndarray:
        """`n` postcodes, each outside the authority with probability `out_share`."""
        out = rng.random(n) < out_share
        near = rng.random(n) < NEAR_SHARE
        picks = [self.own, self.near if self.near.size else self.far,
                 self.far if self.far.size else self.near]
        which = np.where(~out, 0, np.where(near, 1, 2))
        which[(which > 0) & (picks[1].size == 0)] = 0  # nowhere else in the area's file
        result = np.empty(n, dtype=object)
        for k, pool in enumerate(picks):
            idx = np.flatnonzero(which == k)
            if idx.size:
                result[idx] = pool[rng.integers(0, pool.size, idx.size)]
        return result


def _spaced(postcode: pl.Expr) -> pl.Expr:
    """"OX11AA" as "OX1 1AA": the inward code is always the last three characters."""
    return pl.concat_str(postcode.str.head(-3), pl.lit(" "), postcode.str.tail(3))


@cache
def postcode_pool(la: str, area: str) -> PostcodePool | None:
    """Postcodes for authority `la` (DfE code) whose postcode area is `area`; None when the
    directory has none for it. The same for every call, so generation stays seed-determined."""
    own_codes = sorted(ons_codes(la))
    directory = postcode_areas([area[:1]]).filter(pl.col("EASTING").is_not_null())
    mine = directory.filter(pl.col("LA").is_in(own_codes))
    if not own_codes or mine.height == 0:
        return None
    centre_e, centre_n = mine["EASTING"].mean(), mine["NORTHING"].mean()
    others = directory.filter(~pl.col("LA").is_in(own_codes) & pl.col("LA").str.starts_with("E"))
    km = ((pl.col("EASTING") - centre_e) ** 2 + (pl.col("NORTHING") - centre_n) ** 2).sqrt() / 1000
    others = others.with_columns((km <= NEAR_KM).alias("_NEAR"))

    def arr(frame: pl.DataFrame) -> np.ndarray:
        return frame.select(_spaced(pl.col("POSTCODE"))).to_series().to_numpy()

    return PostcodePool(arr(mine), arr(others.filter(pl.col("_NEAR"))),
                        arr(others.filter(~pl.col("_NEAR"))))


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
    pool: PostcodePool | None  # real postcodes; None: made-up ones in `area`
    fostering_urn: str  # the authority's own fostering service
    homes: Setting  # children's homes (K2)
    secure: Setting  # secure children's homes (K1)
    supported: Setting  # semi-independent / supported accommodation (H5, K3)
    agencies: Setting  # independent fostering agencies
    adoption: Setting  # adoption agencies

    def local(self, rng: np.random.Generator, n: int, out_share: float | None = None) -> np.ndarray:
        share = self.out_share if out_share is None else out_share
        return _draw_postcodes(rng, self.pool, self.area, n, share)


def _draw_postcodes(rng: np.random.Generator, pool: PostcodePool | None, area: str, n: int,
                    share: float) -> np.ndarray:
    if pool is None:
        return postcodes(rng, areas(rng, area, n, share))
    return pool.draw(rng, n, share)


def make_places(rng: np.random.Generator, area: str, children: int, out_share: float,
                la: str | None = None) -> Places:
    """The authority's settings; postcodes real ones of authority `la` (DfE code) when given."""
    real = postcode_pool(la, area) if la else None

    def pool(count: int, share: float) -> Setting:
        return Setting(urns(rng, count), _draw_postcodes(rng, real, area, count, share))

    size = max(children, 200)
    return Places(
        area=area,
        out_share=out_share,
        pool=real,
        fostering_urn=str(urns(rng, 1)[0]),
        homes=pool(max(10, size // 60), 0.55),
        secure=pool(8, 0.8),
        supported=pool(max(6, size // 200), 0.4),
        agencies=pool(25, 0.5),
        adoption=pool(8, 0.5),
    )
