"""Parameters for the [U] and [C] choices in spec §2, with documented defaults.

Where the public definitions are uncertain the spec asks for a parameter and a test that pins the
assumption; each field's `doc` is shown in docs/indicators.md next to the indicators using it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from typing import Any, Literal

import polars as pl


def _p(default: Any, doc: str) -> Any:
    return field(default=default, metadata={"doc": doc})


@dataclass(frozen=True, eq=False)
class Parameters:
    sdq_min_age: int = _p(4, "NI 58: lowest age at 31 March in the SDQ cohort (DfE item guidance "
                              "and the validator use 4; LG Inform's help text says 5)")
    sdq_max_age: int = _p(16, "NI 58: highest age at 31 March in the SDQ cohort")
    ni61_rule: Literal["months", "days"] = _p(
        "months", "NI 61: 'months' counts placed < decision + 12 calendar months; "
                  "'days' counts placed - decision <= 365 days")
    ni61_months: int = _p(12, "NI 61: the timescale in months (or 365 days with rule 'days')")
    a3_rule: Literal["months", "days"] = _p(
        "months", "A3: 'months' counts moving in < entry + 14 months; 'days' counts fewer than "
                  "`a3_days` days")
    a3_months: int = _p(14, "A3: the timescale in months")
    a3_days: int = _p(426, "A3: the timescale in days when a3_rule is 'days' (14 months read as 426)")
    first_review_working_days: int = _p(
        20, "NI 66: first review due this many working days after entering care (CPPCR 2010 "
            "reg 33, from 1 April 2011; 28 calendar days before)")
    population: int | None = _p(
        None, "Children under 18 in the authority (ONS mid-year estimate) for the rate per 10,000")
    la_postcode_districts: frozenset[str] | None = _p(
        None, "Postcode districts (outward codes such as 'CV1') inside the authority; when given, "
              "placements elsewhere count as out of area (instead of the postcode directory)")
    postcode_locations: pl.DataFrame | None = _p(
        None, "Postcode to grid reference (POSTCODE, EASTING, NORTHING in metres) for distances "
              "from home, used instead of the ONS postcode directory when given")
    oc2_reference: Literal["31 March", "30 September"] = _p(
        "31 March", "OC2 cohort (NI 58, OC2 outcomes, NI 99-101): looked after for 12 months at "
                    "31 March of the year, or at the 30 September before it (the basis before "
                    "about 2014)")
    school_age: int = _p(5, "Stability index: lowest age at 31 March for the school-move cohort")
    attainment_achieved: tuple[str, ...] = _p(
        ("1", "Y", "YES"), "Attainment: RESULT values that count as achieved")
    attainment_year_offset: int = _p(
        0, "Attainment: academic year (named by the year it ends) = collection year + offset")

    @classmethod
    def docs(cls) -> dict[str, tuple[Any, str]]:
        """name -> (default, description), for the documentation table."""
        return {f.name: (f.default, f.metadata["doc"]) for f in fields(cls)}

    def replace(self, **changes: Any) -> Parameters:
        return replace(self, **changes)
