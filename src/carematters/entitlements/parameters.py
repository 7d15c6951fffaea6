"""Amounts and dates of the entitlements, as a dated parameter table (spec §4).

Each row holds one amount for one entitlement over the dates it applied. The defaults are the
spec's figures with its confidence tags; an authority can pass its own table (for instance to
add the 2025-26 Pupil Premium Plus rate, a [GAP] in the spec). A date no row covers has no
amount: the engine reports the entitlement with an empty amount rather than guess.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import polars as pl


@dataclass(frozen=True)
class Parameter:
    name: str
    amount: float | None
    valid_from: date
    valid_to: date | None  # inclusive; None = still in force
    source: str
    confidence: str  # the spec's tag: V, U, C or GAP


def _fy(start_year: int, last_start_year: int | None = None) -> tuple[date, date | None]:
    """Financial years from April `start_year` to March after `last_start_year` (None = open)."""
    end = date(last_start_year + 1, 3, 31) if last_start_year is not None else None
    return date(start_year, 4, 1), end


_PP = "Pupil Premium Plus for looked-after children (DfE conditions of grant)"

DEFAULT_PARAMETERS: tuple[Parameter, ...] = (
    Parameter("ctf_la_topup", 100.0, *_fy(2007, 2010),
              "DCSF guidance 28 May 2008: £100 a year for each year in care", "U"),
    Parameter("jisa_contribution", 200.0, date(2011, 1, 3), None,
              "Junior ISA £200 for children looked after 12 months without a CTF", "V"),
    Parameter("pea", 500.0, *_fy(2008, 2010),
              "Care Matters: personal education allowance £500 a year", "V"),
    Parameter("pupil_premium_plus", 488.0, *_fy(2011, 2011), _PP, "U"),
    Parameter("pupil_premium_plus", 1900.0, *_fy(2014, 2017), _PP, "U"),
    Parameter("pupil_premium_plus", 2300.0, *_fy(2018, 2020), _PP, "U"),
    Parameter("pupil_premium_plus", 2345.0, *_fy(2021, 2021), _PP, "V"),
    Parameter("pupil_premium_plus", 2410.0, *_fy(2022, 2022), _PP, "V"),
    Parameter("pupil_premium_plus", 2530.0, *_fy(2023, 2023), _PP, "V"),
    Parameter("pupil_premium_plus", 2570.0, *_fy(2024, 2024), _PP, "V"),
    Parameter("he_bursary", 2000.0, date(2008, 9, 1), None,
              "Children Act 1989 (Higher Education Bursary) (England) Regulations 2009", "V"),
)


def parameter_table(parameters: Iterable[Parameter] = DEFAULT_PARAMETERS) -> pl.DataFrame:
    """NAME, AMOUNT, VALID_FROM, VALID_TO, SOURCE, CONFIDENCE: for docs and reports."""
    rows = [
        (p.name, p.amount, p.valid_from, p.valid_to, p.source, p.confidence) for p in parameters
    ]
    return pl.DataFrame(
        rows,
        schema={"NAME": pl.String, "AMOUNT": pl.Float64, "VALID_FROM": pl.Date,
                "VALID_TO": pl.Date, "SOURCE": pl.String, "CONFIDENCE": pl.String},
        orient="row",
    )


def amount_on(
    frame: pl.DataFrame, name: str, on: str, parameters: Iterable[Parameter] = DEFAULT_PARAMETERS
) -> pl.DataFrame:
    """`frame` with AMOUNT: the amount of `name` in force on its date column `on` (null if none)."""
    rates = parameter_table(parameters).filter(pl.col("NAME") == name)
    keyed = frame.with_row_index("_i")
    matched = (
        keyed.join_where(
            rates.select("AMOUNT", "VALID_FROM", "VALID_TO"),
            pl.col(on) >= pl.col("VALID_FROM"),
        )
        .filter(pl.col("VALID_TO").is_null() | (pl.col(on) <= pl.col("VALID_TO")))
        .group_by("_i")
        .agg(pl.col("AMOUNT").first())
    )
    return keyed.join(matched, on="_i", how="left").drop("_i")
