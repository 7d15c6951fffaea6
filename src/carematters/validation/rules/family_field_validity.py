"""Field validity: a coded field holds a code of the year's list, a date field a real date.

One table drives many DfE rules of the same shape. Code lists come from `data.schema`, so a code
added or withdrawn in a year (SEX M/F/U from 2025, PLACE Z11-Z14 from 2026...) is judged by the
collection year being validated.

Dates: frames from the readers are typed, so an impossible date (31/02/2025) reaches a rule only
as a reader problem, which the engine maps to these codes (`validation.problems`). Frames typed
as text (hand-built, or from other tools) are converted by the Context, which keeps the rows it
could not read; the rules below report those. A blank is an error only where the DfE wording or
the field makes it one (`blank_is_error`).
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from carematters.data.schema import table
from carematters.validation.context import ROW, Context
from carematters.validation.helpers import blank, not_in
from carematters.validation.registry import Rule


@dataclass(frozen=True)
class Field:
    code: str
    message: str
    table: str
    column: str
    blank_is_error: bool = False
    first_year: int | None = None
    last_year: int | None = None


FIELDS: tuple[Field, ...] = (
    Field("101", "Sex is not a valid code", "Header", "SEX", True),
    Field("102", "Date of birth is not a valid date", "Header", "DOB", True),
    Field("103", "Ethnic origin code is not valid or is missing", "Header", "ETHNIC", True),
    Field("104", "Date UASC status ceased is not a valid date", "UASC", "DUC"),
    Field("112", "Date should be placed for adoption is not a valid date", "AD1", "DATE_INT"),
    Field("113", "Date matched with adopter(s) is not a valid date", "AD1", "DATE_MATCH"),
    Field("114", "Former foster carer status of adopters is not valid", "AD1", "FOSTER_CARE"),
    Field("115", "Date of decision that the child should be placed for adoption is not a valid "
          "date", "PlacedAdoption", "DATE_PLACED"),
    Field("116", "Date of decision that the child should no longer be placed for adoption is "
          "not a valid date", "PlacedAdoption", "DATE_PLACED_CEASED"),
    Field("120", "Reason the child should no longer be placed for adoption is not a valid code",
          "PlacedAdoption", "REASON_PLACED_CEASED"),
    Field("131", "In-touch code after leaving care is not valid", "OC3", "IN_TOUCH", True),
    Field("132", "Activity code after leaving care is not valid", "OC3", "ACTIV", True),
    Field("133", "Accommodation code after leaving care is not valid", "OC3", "ACCOM", True),
    Field("141", "Date episode began is not a valid date", "Episodes", "DECOM", True),
    Field("143", "Reason for new episode is not a valid code", "Episodes", "RNE", True),
    Field("144", "Legal status is not a valid code", "Episodes", "LS", True),
    Field("145", "Category of need is not a valid code", "Episodes", "CIN", True),
    Field("146", "Placement type is not a valid code", "Episodes", "PLACE", True),
    Field("147", "Date episode ceased is not a valid date", "Episodes", "DEC"),
    Field("149", "Reason episode ceased is not a valid code", "Episodes", "REC"),
    Field("166", "Date of review is not a valid date or is blank", "Reviews", "REVIEW", True),
    Field("171", "Date of birth of the mother's child is not a valid date", "Header", "MC_DOB"),
    Field("175", "Number of adopters is not a valid code", "AD1", "NB_ADOPTR"),
    Field("176", "Sex of adopter(s) is not a valid code", "AD1", "SEX_ADOPTR"),
    Field("177", "Legal status of adopter(s) is not a valid code", "AD1", "LS_ADOPTR"),
    Field("196", "Reason for no SDQ score is not a valid code", "OC2", "SDQ_REASON"),
    Field("631", "Previous permanence option is not a valid code", "PrevPerm", "PREV_PERM"),
    Field("700", "DoLO start date is not a valid date", "DoLo", "DOLO_START", True,
          first_year=2027),
    Field("701", "DoLO end date is not a valid date", "DoLo", "DOLO_END", first_year=2027),
    Field("1004", "Date started missing or away is not a valid date or is blank", "Missing",
          "MIS_START", True),
    Field("1005", "Date missing or away ended is not a valid date", "Missing", "MIS_END"),
    Field("1006", "Missing type is not valid", "Missing", "MISSING"),
    Field("1009", "Reason for placement change is not a valid code", "Episodes",
          "REASON_PLACE_CHANGE"),
    Field("SW04STG1", "Date social worker episode began is not a valid date", "SWEpisodes",
          "SW_DECOM", first_year=2024),
    Field("SW05STG1", "Date social worker episode ended is not a valid date", "SWEpisodes",
          "SW_DEC", first_year=2024),
)


def _check(field: Field):
    def check(ctx: Context) -> pl.DataFrame:
        frame = ctx.table(field.table)
        allowed = table(field.table).column(field.column).allowed(ctx.year)
        if allowed is None and frame.schema[field.column] in (pl.Int64(), pl.Int8()):
            allowed = _numeric_allowed(field)
        # A column-length False, not pl.lit(False): Polars 2.1 mis-sizes a filled literal
        # predicate on frames of 20,000 rows or more.
        wrong = (
            not_in(field.column, allowed) if allowed is not None else pl.repeat(False, pl.len())
        )
        if field.blank_is_error:
            wrong = wrong | blank(field.column)
        found = frame.filter(wrong.fill_null(False)).select(ROW, pl.col("CHILD").cast(pl.String))
        lost = ctx.unreadable(field.table, field.column).select(ROW, "CHILD")
        return pl.concat([found, lost]).unique(ROW, maintain_order=True)

    return check


def _numeric_allowed(field: Field) -> list[str] | None:
    col = table(field.table).column(field.column)
    if col.minimum is None or col.maximum is None:
        return None
    return [str(v) for v in range(col.minimum, col.maximum + 1)]


RULES = [
    Rule(f.code, f.message, (f.table,), (f.column,), _check(f), f.first_year, f.last_year)
    for f in FIELDS
]
