"""The record → CareData: the SSDA903 tables and the extension tables for one collection year.

The record holds every year at once; a return holds what the DfE asks about one year. Each table's
year window is declared below, next to the DfE definition it follows (spec §1.1, §1.3).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta

import polars as pl
from django.utils import timezone

from carematters.data import CareData, table
from carematters.data.codes import ADOPTED_REC
from carematters.data.schema import tables_in_year
from carematters.data.years import collection_year_of, year_end, year_start
from carematters.web.children import models as m

#: Record models by the table they feed (MissingEpisode also feeds ReturnInterviews, Review
#: also ReviewRecords: see SECOND_TABLES).
MODEL_FOR_TABLE: dict[str, type[m.Record]] = {
    model.TABLE: model for model in m.RECORD_MODELS if model.TABLE
}
#: Tables fed by a second set of columns of another table's model: table -> (model, columns).
SECOND_TABLES: dict[str, tuple[type[m.Record], dict[str, str]]] = {
    "ReturnInterviews": (m.MissingEpisode, m.MissingEpisode.RHI_COLUMNS),
    "ReviewRecords": (m.Review, m.Review.RECORD_COLUMNS),
    "CareEndings": (m.Episode, m.Episode.ENDING_COLUMNS),
}
PER_YEAR_TABLES = ("OC2", "OC3")  # stored with the collection year they were reported in
CHILD_TABLES = ("Header", "UASC", "PrevPerm")  # built from the Child row itself


def _overlaps(start: str, end: str | None, year: int) -> pl.Expr:
    """A dated spell touching the collection year: began by 31 March, not ended before 1 April."""
    began = pl.col(start) <= year_end(year)
    if end is None:
        return began & (pl.col(start) >= year_start(year))
    return began & (pl.col(end).is_null() | (pl.col(end) >= year_start(year)))


def _first_moment(year: int) -> datetime:
    return datetime.combine(year_start(year), time())


def _after(year: int) -> datetime:
    """Midnight at the end of 31 March: the first moment a return for `year` knows nothing of."""
    return datetime.combine(year_end(year) + timedelta(days=1), time())


def _within(column: str, year: int) -> pl.Expr:
    return pl.col(column).is_between(year_start(year), year_end(year))


def year_windows(year: int) -> dict[str, pl.Expr]:
    return {
        # Episodes open at any time in the year (spec §1.1 "looked after during the year").
        "Episodes": _overlaps("DECOM", "DEC", year),
        "Reviews": _within("REVIEW", year),
        # With the circulation dates of the review, even those after 31 March (synth/cut.py).
        "ReviewRecords": _within("REVIEW", year),
        "CareEndings": _within("DEC", year),
        "Missing": _overlaps("MIS_START", "MIS_END", year) & pl.col("MISSING").is_not_null(),
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
        "ReturnInterviews": _within("RHI_OFFERED", year),
        "IROAllocations": _overlaps("IRO_START", "IRO_END", year),
        "SchoolEnrolment": _overlaps("START", "END", year),
        "ReviewTriggers": _within("TRIGGER_DATE", year),
        "VisitRequests": _within("REQUEST_DATE", year),
        # Re-stated each year until the parent's assessment is complete (as synth/cut.py does).
        "ParentPlacements": _overlaps("PLACED", "ASSESSED", year),
        "TemporaryApprovals": _overlaps("PLACED", "APPROVED", year),
        "SecureStays": (pl.col("SECURE_START") < _after(year)) & (
            pl.col("SECURE_END").is_null() | (pl.col("SECURE_END") >= _first_moment(year))),
        "Attainment": pl.col("ACADEMIC_YEAR") == year,
    }


#: What a return cannot know yet: an end after 31 March is blank, with what goes with it
#: (DfE rules 502/503: an episode open at 31 March is re-stated, still open, the next year).
LATER_UNKNOWN: dict[str, tuple[str, ...]] = {
    "Episodes": ("DEC", "REC", "REASON_PLACE_CHANGE"),
    "Missing": ("MIS_END",),
    "SWEpisodes": ("SW_DEC",),
    "IROAllocations": ("IRO_END",),
    "PlacedAdoption": ("DATE_PLACED_CEASED", "REASON_PLACED_CEASED"),
    "UASC": ("DUC",),
    "ReturnInterviews": ("RHI_DATE",),
    "DoLo": ("DOLO_END",),
    "SchoolEnrolment": ("END",),
    "ParentPlacements": ("ASSESSED",),
    "TemporaryApprovals": ("APPROVED",),
}
#: Times after 31 March, each unknown on its own (the stay's end, the court's authority).
LATER_UNKNOWN_TIMES: dict[str, tuple[str, ...]] = {
    "SecureStays": ("SECURE_END", "COURT_AUTHORISED"),
}


def as_known_at_year_end(name: str, frame: pl.DataFrame, year: int) -> pl.DataFrame:
    if name in LATER_UNKNOWN_TIMES:
        return frame.with_columns(
            pl.when(pl.col(c) < _after(year)).then(pl.col(c)).alias(c)
            for c in LATER_UNKNOWN_TIMES[name]
        )
    if name not in LATER_UNKNOWN:
        return frame
    first, *others = LATER_UNKNOWN[name]
    later = pl.col(first) > year_end(year)
    return frame.with_columns(
        pl.when(later).then(None).otherwise(pl.col(col)).alias(col) for col in (first, *others)
    )


def _sex_for_year(year: int) -> pl.Expr:
    """SEX is 1/2 to 2024 and M/F/U from 2025 (spec §1.3)."""
    if year <= 2024:
        return pl.col("SEX").replace({"M": "1", "F": "2"})
    return pl.col("SEX").replace({"1": "M", "2": "F"})


def _frame(name: str, rows: list[dict], keep: tuple[str, ...] = ()) -> pl.DataFrame:
    """The table's columns in its schema's types; `keep` names extra integer columns to keep."""
    schema = {**table(name).polars_schema(), **dict.fromkeys(keep, pl.Int32())}
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
    if isinstance(value, datetime) and timezone.is_aware(value):
        # Returns hold the local clock time (secure accommodation stays).
        return timezone.localtime(value).replace(tzinfo=None)
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
    if name in SECOND_TABLES:
        model, columns = SECOND_TABLES[name]
    else:
        model, columns = MODEL_FOR_TABLE[name], MODEL_FOR_TABLE[name].COLUMNS
    fields = ["child__child_id", *columns.values()]
    extra = ["year"] if name in PER_YEAR_TABLES else []
    rows = []
    query = model.objects.filter(child__authority_id=authority_id)
    if name == "ReturnInterviews":
        query = query.exclude(rhi_offered=None, rhi_date=None, rhi_accepted=None)
    if name == "ReviewRecords":
        query = query.exclude(decisions_sent=None, record_sent=None, iro_consulted=None)
    if name == "CareEndings":
        query = query.exclude(cease_approved=None).exclude(dec=None)
    # Child by child, each child's rows in date order, as the DfE files are laid out (and the
    # same file every time: row numbers in validation findings must not move between runs).
    dated = [model.DATE_FIELD] if getattr(model, "DATE_FIELD", None) else []
    query = query.order_by("child__child_id", *dated, "pk")
    for values in query.values_list(*fields, *extra):
        child = values[0]
        row = {"CHILD": child, "DOB": dobs[child]}
        row.update({col: _value(v) for col, v in zip(columns, values[1:], strict=False)})
        if extra:
            row["_YEAR"] = values[-1]
        rows.append(row)
    return rows


def export_caredata(authority, year: int, tables: Iterable[str] | None = None) -> CareData:
    """The return for `year` as the record now stands, with the extension tables by default.

    Like the return the authority submitted that year, it knows nothing after 31 March.
    """
    return export_years(authority, [year], tables)[year]


def _wanted(year: int, tables: Iterable[str] | None) -> list[str]:
    if tables is not None:
        return list(tables)
    return [t.name for t in tables_in_year(year, extensions=True)]


def export_years(authority, years: Iterable[int],
                 tables: Iterable[str] | None = None) -> dict[int, CareData]:
    """Each year's return as `export_caredata` gives it, reading the record once: the pages
    that look back over many years (performance, planning, grip) need one query per table, not
    one per table and year."""
    years = list(years)
    chosen = None if tables is None else list(tables)
    wanted = {year: _wanted(year, chosen) for year in years}
    children = list(m.Child.objects.filter(authority=authority).order_by("child_id").values())
    dobs = {c["child_id"]: c["dob"] for c in children}
    names = {*(n for names in wanted.values() for n in names), "Episodes", "OC3"}
    # Per-year tables (OC2, OC3) keep the year they were reported in as _YEAR.
    stored = {name: _frame(name, _record_rows(authority.pk, name, dobs),
                           keep=("_YEAR",) if name in PER_YEAR_TABLES else ())
              for name in names - set(CHILD_TABLES)}
    own = {name: _frame(name, rows) for name, rows in _child_rows(children).items()}
    return {year: _year_return(authority, year, wanted[year], stored, own) for year in years}


def _year_return(authority, year: int, wanted: list[str], stored: dict[str, pl.DataFrame],
                 own: dict[str, pl.DataFrame]) -> CareData:
    windows = year_windows(year)
    frames: dict[str, pl.DataFrame] = {}
    for name in {*wanted, "Episodes", "OC3"} - set(CHILD_TABLES):
        built = stored[name]
        if "_YEAR" in built.columns:
            built = built.filter(pl.col("_YEAR") == year).drop("_YEAR")
        built = built.filter(windows[name]) if name in windows else built
        frames[name] = as_known_at_year_end(name, built, year)
    frames.update(own)
    frames = _scope(frames, year)
    frames["Header"] = frames["Header"].with_columns(_sex_for_year(year))
    frames["UASC"] = as_known_at_year_end("UASC", frames["UASC"].with_columns(_sex_for_year(year)), year)
    return CareData(
        {name: frames[name] for name in wanted}, la=authority.code, years=(year,),
        source=f"record of {authority.name}",
    )


def _scope(frames: dict[str, pl.DataFrame], year: int) -> dict[str, pl.DataFrame]:
    """Who each table is about, as the DfE defines it for one year's return.

    The return covers children looked after in the year and care leavers due an OC3 row; UASC
    and SWEpisodes leave out short-break-only children (V3), UASC also children whose status
    ended before the year (DfE 205A/D), AD1 keeps children adopted in the year (REC E11/E12),
    PrevPerm children who started to be looked after in the year, short breaks included (630).
    """
    episodes = frames["Episodes"]
    counted = episodes.filter(pl.col("LS") != "V3")
    about = [episodes["CHILD"], frames["OC3"]["CHILD"]]
    if year_end(year) > date.today():
        # A year still in progress: a care leaver whose OC3 birthday is yet to come has no OC3
        # row, but their pathway plan and adviser's contacts this year are still due work.
        about += [frames[name]["CHILD"] for name in ("PathwayPlans", "PAContacts") if name in frames]
    header = pl.concat(about).unique().implode()
    scoped = {name: frame.filter(pl.col("CHILD").is_in(header)) for name, frame in frames.items()}
    in_care = counted["CHILD"].unique().implode()
    open_at_end = counted.filter(
        pl.col("DEC").is_null() | (pl.col("DEC") > year_end(year))
    )["CHILD"].unique().implode()
    adopted = episodes.filter(
        pl.col("REC").is_in(ADOPTED_REC) & _within("DEC", year)
    )["CHILD"].unique().implode()
    starters = episodes.filter(
        (pl.col("RNE") == "S") & _within("DECOM", year)
    )["CHILD"].unique().implode()
    for name, who in (("UASC", in_care), ("SWEpisodes", open_at_end), ("AD1", adopted),
                      ("PrevPerm", starters), ("PlacedAdoption", in_care)):
        if name in scoped:
            scoped[name] = scoped[name].filter(pl.col("CHILD").is_in(who))
    if "UASC" in scoped:
        scoped["UASC"] = scoped["UASC"].filter(
            pl.col("DUC").is_null() | (pl.col("DUC") >= year_start(year)))
    return scoped


def export_earlier_episodes(authority, year: int) -> CareData:
    """The episodes of care that ended before last year (collection year `year` - 1) began: what
    the returns for `year` and the year before do not hold, and the DfE rules judging a whole
    care history (1000-1002, 199) need (`validate(..., history=...)`). Its `years` run from the
    year of the earliest of them to the year before last."""
    children = m.Child.objects.filter(authority=authority).values_list("child_id", "dob")
    rows = _record_rows(authority.pk, "Episodes", dict(children))
    episodes = _frame("Episodes", rows).filter(pl.col("DEC") < year_start(year - 1))
    first = episodes["DECOM"].min()
    years = range(collection_year_of(first), year - 1) if first is not None else ()
    return CareData({"Episodes": episodes}, la=authority.code, years=tuple(years),
                    source=f"record of {authority.name}")
