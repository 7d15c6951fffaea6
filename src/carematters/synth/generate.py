"""The public entry point: several synthetic authorities, each cut into yearly returns."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import polars as pl

from carematters.data.caredata import CareData, combine_years
from carematters.data.years import collection_year_of, year_end
from carematters.synth import params as p
from carematters.synth.authority import make_window, simulate_authority
from carematters.synth.cut import cut
from carematters.synth.errors import MANIFEST_SCHEMA, CellText, inject
from carematters.synth.population import Profile

Progress = Callable[[int, int, str], None]  # (done, total, what is being done)
DEFAULT_LAST_YEAR = 2025


@dataclass(frozen=True)
class Synthetic:
    """Generated returns keyed by (authority, collection year), and the errors injected.

    `returns` hold typed values. Errors that a typed column cannot hold (an impossible date, a
    lower-case code, text in a number) live only in `cell_text` and reach the written files;
    every injected error, typed or textual, has a row in `manifest`.

    `as_at` is set when the last year's returns are year-to-date cuts (the world was simulated
    up to that day, before its 31 March): those returns know nothing after it and hold no OC2.
    """

    returns: dict[tuple[str, int], CareData]
    manifest: pl.DataFrame
    cell_text: dict[tuple[str, int], list[CellText]] = field(default_factory=dict)
    as_at: date | None = None
    #: Per authority, the Ofsted register of the settings its returns name (URNs), as
    #: `carematters.data.providers.read_register` gives it; `write` adds the two workbooks.
    registers: dict[str, pl.DataFrame] = field(default_factory=dict)

    def year_to_date(self, year: int) -> bool:
        """Whether `year`'s returns are year-to-date cuts rather than full years."""
        return self.as_at is not None and year == collection_year_of(self.as_at)

    @property
    def authorities(self) -> list[str]:
        return sorted({la for la, _ in self.returns})

    @property
    def years(self) -> list[int]:
        return sorted({year for _, year in self.returns})

    def authority(self, la: str) -> CareData:
        """All years of one authority as one CareData (later returns win, as DfE does)."""
        return combine_years(d for (code, _), d in self.returns.items() if code == la)

    def summary(self) -> pl.DataFrame:
        """Per authority and year: children, episodes, looked after at 31 March, errors."""
        errors = self.manifest.group_by("la", "year").len("errors")
        rows = [
            {
                "la": la, "year": year, "children": data["Header"].height,
                "episodes": data["Episodes"].height,
                "looked_after_31_march": data["Episodes"].filter(
                    pl.col("DEC").is_null() & ~pl.col("LS").is_in(["V3", "V4"])
                )["CHILD"].n_unique(),
            }
            for (la, year), data in sorted(self.returns.items())
        ]
        frame = pl.DataFrame(rows, schema={"la": pl.String, "year": pl.Int64, "children": pl.Int64,
                                           "episodes": pl.Int64, "looked_after_31_march": pl.Int64})
        return frame.join(errors.with_columns(pl.col("errors").cast(pl.Int64)), on=["la", "year"],
                          how="left", maintain_order="left").with_columns(pl.col("errors").fill_null(0))


def _authorities(rng: np.random.Generator, count: int, children: int) -> list[tuple[str, str, int,
                                                                                   Profile]]:
    if not 1 <= count <= len(p.AUTHORITIES):
        raise ValueError(f"authorities must be between 1 and {len(p.AUTHORITIES)}")
    chosen = sorted(rng.choice(len(p.AUTHORITIES), count, replace=False))
    out = []
    for i, index in enumerate(chosen):
        la, area = p.AUTHORITIES[index]
        if i == 0:
            out.append((la, area, children, Profile(p.UASC_SHARE, 1.0, 1.0)))
            continue
        size = max(1, int(round(children * rng.uniform(0.6, 1.4))))
        profile = Profile(p.UASC_SHARE * rng.uniform(0.4, 1.7), rng.uniform(0.8, 1.25),
                          rng.uniform(0.7, 1.4))
        out.append((la, area, size, profile))
    return out


def _last_year(last_year: int | None, as_at: date | None) -> int:
    if as_at is None:
        return DEFAULT_LAST_YEAR if last_year is None else last_year
    if last_year is not None and last_year != collection_year_of(as_at):
        raise ValueError(f"as_at {as_at} is in collection year {collection_year_of(as_at)}, "
                         f"not last_year {last_year}")
    return collection_year_of(as_at)


def generate(children: int, years: int, *, seed: int = 0, last_year: int | None = None,
             as_at: date | None = None, authorities: int = 1, errors: bool = False,
             progress: Progress | None = None) -> Synthetic:
    """Synthetic returns for `authorities` authorities over `years` collection years.

    `children` is the number of distinct children looked after at some time in the window in
    the first authority, exactly (short-break children included); further authorities have
    between 0.6 and 1.4 times as many. Care leavers who left before the window and appear only
    in OC3 come on top. The same arguments always give the same data.

    The window ends on 31 March of `last_year` (2025 by default). With `as_at` it ends on that
    day instead (`last_year` then defaults to, and must be, the collection year containing it),
    and the last return is a year-to-date cut: what the authority knew on `as_at`, with no OC2.
    `as_at` on 31 March is simply a full last year, identical to leaving `as_at` out.
    """
    if children < 1 or years < 1:
        raise ValueError("children and years must be at least 1")
    last_year = _last_year(last_year, as_at)
    if as_at is not None and as_at == year_end(last_year):
        as_at = None  # the year is complete: nothing differs from a full-year run
    first_year = last_year - years + 1
    window = make_window(first_year, last_year, as_at)
    plan = _authorities(np.random.default_rng((seed, 1)), authorities, children)
    total = len(plan) * (years + 1)
    done = 0
    returns: dict[tuple[str, int], CareData] = {}
    manifests: list[pl.DataFrame] = []
    cell_text: dict[tuple[str, int], list[CellText]] = {}
    registers: dict[str, pl.DataFrame] = {}
    for la, area, size, profile in plan:
        life = simulate_authority(seed, la, area, size, window, profile)
        if life.register is not None:
            registers[la] = life.register
        done += 1
        if progress:
            progress(done, total, f"authority {la}")
        for year in range(first_year, last_year + 1):
            data = cut(life, year)
            if errors:
                data, manifest, texts = inject(data, seed)
                manifests.append(manifest)
                cell_text[(la, year)] = texts
            returns[(la, year)] = data
            done += 1
            if progress:
                progress(done, total, f"{la} {year}")
    manifest = pl.concat(manifests) if manifests else pl.DataFrame(schema=MANIFEST_SCHEMA)
    return Synthetic(returns, manifest, cell_text, as_at, registers)
