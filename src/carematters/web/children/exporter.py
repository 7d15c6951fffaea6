"""The record → CareData: the SSDA903 tables and the extension tables for one collection year.

The record holds every year at once; a return holds what the DfE asks about one year. Each table's
year window is declared below, next to the DfE definition it follows (spec §1.1, §1.3).
"""

from __future__ import annotations

from collections.abc import Iterable

import polars as pl

from carematters.data import CareData, table
from carematters.data.schema import tables_in_year
from carematters.data.codes import ADOPTED_REC
from carematters.data.years import year_end, year_start
from carematters.web.children import models as m

#: Record models by the table they feed (MissingEpisode also feeds ReturnInterviews).
MODEL_FOR_TABLE: dict[str, type[m.Record]] = {
    model.TABLE: model for model in m.RECORD_MODELS if model.TABLE
}
PER_YEAR_TABLES = ("OC2", "OC3")  # stored with the collection year they were reported in
CHILD_TABLES = ("Header", "UASC", "PrevPerm")  # built from the Child row itself


def _overlaps(start: str, end: str | None, year: int) -> pl.Expr:
    """A dated spell touching the collection year: began by 31 March, not ended before 1 April."""
    began = pl.col(start) <= year_end(year)
    if end is None:
        return began & (pl.col(start) >= year_start(year))
    return began & (pl.col(end).is_null() | (pl.col(end) >= year_start(year)))


def _within(column: str, year: int) -> pl.Expr:
    return pl.col(column).is_between(year_start(year), year_end(year))


def year_windows(year: int) -> dict[str, pl.Expr]:
    return {
        # Episodes open at any time in the year (spec §1.1 "looked after during the year").
        "Episodes": _overlaps("DECOM", "DEC", year),
        "Reviews": _within("REVIEW", year),
        "Missing": _overlaps("MIS_START", "MIS_END", year),
        "PlacedAdoption": _overlaps("DATE_PLACED", "DATE_PLACED_CEASED", year),
        "SWEpisodes": _overlaps("SW_DECOM", "SW_DEC", year),
        "DoLo": _overlaps("DOLO_START", "DOLO_END", year),
        "Visits": _within("VISIT_DATE", year),
        "HealthAssessments": _within("ASSESSMENT_DATE", year),
        "DentalChecks": _within("CHECK_DATE", year),
        "SDQScores": _within("SDQ_DATE", year),
        "PEPs": _within("PEP_DATE", year),
        "Plans": _within("PLAN_DATE", year),
        "PathwayPlans": _within("PLAN_DATE", year),
        "PAContacts": _within("CONTACT_DATE", year),
        "ReturnInterviews": _overlaps("MIS_START", None, year),
        "IROAllocations": _overlaps("IRO_START", "IRO_END", year),
        "SchoolEnrolment": _overlaps("START", "END", year),
        "Attainment": pl.col("ACADEMIC_YEAR") == year,
    }


def _frame(name: str, rows: list[dict]) -> pl.DataFrame:
    schema = table(name).polars_schema()
    if not rows:
        return pl.DataFrame(schema=schema)
    frame = pl.DataFrame(rows, infer_schema_length=None)
    return frame.select(
        pl.col(col).cast(dtype) if col in frame.columns else pl.lit(None, dtype).alias(col)
        for col, dtype in schema.items()
    )


def _value(value):
    """Model value → return value: blank text is absent, booleans are 0/1 flags."""
    if value == "":
        return None
    if isinstance(value, bool):
        return int(value)
    return value


def _child_rows(children: Iterable[dict]) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {"Header": [], "UASC": [], "PrevPerm": []}
    for c in children:
        out["Header"].append({
            "CHILD": c["child_id"], "SEX": c["sex"], "DOB": c["dob"], "ETHNIC": c["ethnicity"],
            "UPN": _value(c["upn"]), "MOTHER": _value(c["mother"]), "MC_DOB": c["mc_dob"],
        })
        if c["uasc"]:
            out["UASC"].append({"CHILD": c["child_id"], "SEX": c["sex"], "DOB": c["dob"],
                                "DUC": c["uasc_ceased"]})
        if c["prev_perm"]:
            out["PrevPerm"].append({"CHILD": c["child_id"], "DOB": c["dob"],
                                    "PREV_PERM": c["prev_perm"], "LA_PERM": _value(c["la_perm"]),
                                    "DATE_PERM": _value(c["date_perm"])})
    return out


def _record_rows(authority_id: int, name: str, dobs: dict[str, object]) -> list[dict]:
    if name == "ReturnInterviews":
        model, columns = m.MissingEpisode, m.MissingEpisode.RHI_COLUMNS
    else:
        model, columns = MODEL_FOR_TABLE[name], MODEL_FOR_TABLE[name].COLUMNS
    fields = ["child__child_id", *columns.values()]
    extra = ["year"] if name in PER_YEAR_TABLES else []
    rows = []
    query = model.objects.filter(child__authority_id=authority_id)
    if name == "ReturnInterviews":
        query = query.exclude(rhi_offered=None, rhi_date=None, rhi_accepted=None)
    for values in query.values_list(*fields, *extra):
        child = values[0]
        row = {"CHILD": child, "DOB": dobs[child]}
        row.update({col: _value(v) for col, v in zip(columns, values[1:], strict=False)})
        if extra:
            row["_YEAR"] = values[-1]
        rows.append(row)
    return rows


def export_caredata(authority, year: int, tables: Iterable[str] | None = None) -> CareData:
    """The return for `year` as the record now stands, with the extension tables by default."""
    wanted = list(tables) if tables is not None else [t.name for t in tables_in_year(year, extensions=True)]
    children = list(m.Child.objects.filter(authority=authority).values())
    dobs = {c["child_id"]: c["dob"] for c in children}
    windows = year_windows(year)
    frames: dict[str, pl.DataFrame] = {}
    for name in wanted:
        if name in CHILD_TABLES:
            continue
        rows = [r for r in _record_rows(authority.pk, name, dobs) if r.get("_YEAR", year) == year]
        built = _frame(name, rows)
        frames[name] = built.filter(windows[name]) if name in windows else built
    in_return = _children_in_return(frames, year)
    for name, rows in _child_rows(children).items():
        if name in wanted:
            frames[name] = _frame(name, rows).filter(pl.col("CHILD").is_in(in_return))
    return CareData(
        {name: frames[name] for name in wanted}, la=authority.code, years=(year,),
        source=f"record of {authority.name}",
    )


def _children_in_return(frames: dict[str, pl.DataFrame], year: int) -> list[str]:
    """Children the return is about: looked after in the year, or care leavers in OC3.

    AD1 is kept only for children whose adoption (REC E11/E12) ended an episode in the year.
    """
    if "AD1" in frames:
        adopted = frames.get("Episodes", table("Episodes").empty()).filter(
            pl.col("REC").is_in(ADOPTED_REC) & _within("DEC", year)
        )["CHILD"]
        frames["AD1"] = frames["AD1"].filter(pl.col("CHILD").is_in(adopted.implode()))
    ids: set[str] = set()
    for name in ("Episodes", "OC3", "OC2", "Reviews", "Missing", "PlacedAdoption", "AD1"):
        if name in frames:
            ids.update(frames[name]["CHILD"].to_list())
    return sorted(ids)
