"""Cutting a lifetime into yearly returns, exactly as the authority would submit them.

The return for year Y knows nothing after 31 March Y: an episode still open then has DEC, REC
and REASON_PLACE_CHANGE blank, and reappears unchanged as next year's first episode (DfE rules
502/503). Codes are written as valid in Y: semi-independent living is H5 to 2024 and K3 from
2025, other placements Z1 to 2025 and Z11-Z14 from 2026, SEX 1/2 to 2024 and M/F from 2025,
special guardianship E43/E44 before 2019, CUSTOD only from 2019, URN only from 2016.

When the world was simulated only up to a day inside the last year (`generate(as_at=...)`), that
year's return is a year-to-date cut: everything known on that day, cut exactly as a year end
would be, and no OC2, whose cohort (looked after for the 12 months to 31 March) does not exist
until the year is over.
"""

from __future__ import annotations

import polars as pl

from carematters.data.caredata import CareData
from carematters.data.schema import tables_in_year
from carematters.data.years import year_end, year_start
from carematters.synth._draw import day
from carematters.synth.authority import Lifetime
from carematters.synth.oc2 import oc2_rows

# Extension tables cut by "the event happened in the year": table -> date column.
EVENT_TABLES = {
    "Visits": "VISIT_DATE", "HealthAssessments": "ASSESSMENT_DATE", "DentalChecks": "CHECK_DATE",
    "SDQScores": "SDQ_DATE", "PEPs": "PEP_DATE", "Plans": "PLAN_DATE",
    "PathwayPlans": "PLAN_DATE", "PAContacts": "CONTACT_DATE", "ReturnInterviews": "RHI_OFFERED",
    "ReviewTriggers": "TRIGGER_DATE", "VisitRequests": "REQUEST_DATE",
}
# Tables of spells cut by overlap, their end blanked when it is after 31 March: (start, end).
SPELL_TABLES = {
    "Missing": ("MIS_START", "MIS_END"), "SWEpisodes": ("SW_DECOM", "SW_DEC"),
    "IROAllocations": ("IRO_START", "IRO_END"),
    # A placement with a parent is re-stated each year until the parent's assessment is done.
    "ParentPlacements": ("PLACED", "ASSESSED"),
    # ... and a temporary approval until the carer is approved as a foster parent.
    "TemporaryApprovals": ("PLACED", "APPROVED"),
}
_US_PER_DAY = 86_400_000_000


def _unknown_after(col: str, end: int) -> pl.Expr:
    return pl.when(pl.col(col) > end).then(None).otherwise(pl.col(col)).alias(col)


def known_until(life: Lifetime, year: int) -> int:
    """The last day the return for `year` knows of: 31 March, or the as-at day of a year-to-date
    return (the end of the simulated world)."""
    return min(day(year_end(year)), life.window.end)


def episodes_in_year(episodes: pl.DataFrame, year: int, end: int | None = None) -> pl.DataFrame:
    start = day(year_start(year))
    end = day(year_end(year)) if end is None else end
    later = pl.col("DEC") > end
    place = pl.col("PLACE")
    return episodes.filter(
        (pl.col("DECOM") <= end) & (pl.col("DEC").is_null() | (pl.col("DEC") >= start))
    ).with_columns(
        pl.when(later).then(None).otherwise(pl.col("DEC")).alias("DEC"),
        pl.when(later).then(None).otherwise(pl.col("REC")).alias("REC"),
        pl.when(later).then(None).otherwise(pl.col("REASON_PLACE_CHANGE")).alias("REASON_PLACE_CHANGE"),
    ).with_columns(
        pl.when(place == "SEMI").then(pl.lit("H5" if year <= 2024 else "K3"))
        .when((place == "Z1") & (year >= 2026)).then(pl.lit("Z1") + pl.col("z_alt").cast(pl.String))
        .otherwise(place).alias("PLACE"),
        (pl.col("REC").replace({"E45": "E43", "E46": "E43", "E47": "E44", "E48": "E44"})
         if year <= 2018 else pl.col("REC")),
        (pl.col("REASON_PLACE_CHANGE").replace({"CUSTOD": "OTHER"}) if year < 2019
         else pl.col("REASON_PLACE_CHANGE")),
        pl.col("URN") if year >= 2016 else pl.lit(None, pl.String).alias("URN"),
    )


def _sex(year: int) -> pl.Expr:
    return (pl.col("sex").replace({"M": "1", "F": "2"}) if year <= 2024 else pl.col("sex")).alias("SEX")


def _header(life: Lifetime, episodes: pl.DataFrame, oc3: pl.DataFrame, year: int,
            supported: pl.DataFrame) -> pl.DataFrame:
    """Children with an episode in the year or an OC3 row (or in `supported`: see `cut`).
    Motherhood is asked of every girl looked after other than on short breaks (DfE 393/399), not
    of care leavers (628); a child born after her mother left care does not count in that
    return (625)."""
    start, end = day(year_start(year)), known_until(life, year)
    last = episodes.sort("child", "DECOM").group_by("child", maintain_order=True).agg(
        (pl.col("LS") != "V3").any().alias("lac"),
        pl.when((pl.col("REC").last() != "X1") & pl.col("REC").last().is_not_null())
        .then(pl.col("DEC").last()).otherwise(pl.lit(end)).alias("known_until"))
    leavers = pl.concat([oc3.select("child"), supported.select("child")]).with_columns(
        pl.lit(False).alias("lac"))
    who = pl.concat([last, leavers], how="diagonal_relaxed").group_by("child").agg(
        pl.col("lac").any(), pl.col("known_until").max())
    people = life.children.join(who, on="child")
    mother_known = pl.col("lac") & (pl.col("sex") == "F")
    mother = pl.col("mc_dob").is_not_null() & (pl.col("mc_dob") <= pl.col("known_until"))
    return people.with_columns(
        _sex(year),
        pl.when(pl.col("dob") > start - 4 * 365.25).then(pl.lit("UN1")).otherwise(pl.col("UPN"))
        .alias("UPN"),
        pl.when(mother_known).then(mother.cast(pl.Int8)).alias("MOTHER"),
        pl.when(mother_known & mother).then(pl.col("mc_dob")).alias("MC_DOB"),
    )


def _adoption_tables(life: Lifetime, looked_after: pl.DataFrame, year: int
                     ) -> dict[str, pl.DataFrame]:
    start, end = day(year_start(year)), known_until(life, year)
    plans = life.adoption
    adopted = plans.filter(pl.col("rec").is_in(["E11", "E12"]) & pl.col("end").is_between(start, end))
    ad1 = adopted.with_columns(
        pl.col("decision").alias("DATE_INT"), pl.col("match").alias("DATE_MATCH"),
        pl.col("with_carers").cast(pl.Int8).alias("FOSTER_CARE"),
    ).join(life.tables["Adopters"], on="period")
    in_year = looked_after.select("child").unique()
    # Decisions in force during the year, or reversed in it (a reversal from an earlier year is
    # not repeated: DfE 118, 561).
    placed = plans.join(in_year, on="child").filter(
        (pl.col("decision") <= end) & (pl.col("ceased").is_null() | (pl.col("ceased") >= start))
        & (pl.col("end").is_null() | (pl.col("end") >= start))
    ).with_columns(
        pl.col("decision").alias("DATE_PLACED"),
        _unknown_after("ceased", end).alias("DATE_PLACED_CEASED"),
        pl.when(pl.col("ceased") <= end).then(pl.col("reason")).alias("REASON_PLACED_CEASED"),
    )
    return {"AD1": ad1, "PlacedAdoption": placed}


def _looked_after_at_end(episodes: pl.DataFrame) -> pl.DataFrame:
    return episodes.filter(pl.col("DEC").is_null() & (pl.col("LS") != "V3")).select("child").unique()


def cut(life: Lifetime, year: int) -> CareData:
    """The return for collection year `year` (with the extension tables of that year), or the
    year to date when the simulated world ends inside that year."""
    start, end = day(year_start(year)), known_until(life, year)
    episodes = episodes_in_year(life.episodes, year, end)
    counted = episodes.filter(pl.col("LS") != "V3")
    oc3 = life.tables["OC3"].filter(pl.col("year") == year)
    year_to_date = end < day(year_end(year))
    # A full year's OC3 names every care leaver of 17-21 (a birthday falls in it); so far into
    # a year, those whose birthday is still to come are in the return for the pathway plans
    # and adviser contacts they have had, without an OC3 row yet.
    supported = pl.concat([
        life.tables[name].filter(pl.col(col).is_between(start, end)).select("child")
        for name, col in (("PathwayPlans", "PLAN_DATE"), ("PAContacts", "CONTACT_DATE"))
    ]) if year_to_date else pl.DataFrame(schema={"child": pl.Int64})
    frames: dict[str, pl.DataFrame] = {
        "Header": _header(life, episodes, oc3, year, supported), "Episodes": episodes, "OC3": oc3,
        **_adoption_tables(life, counted, year),
    }
    frames["Reviews"] = life.tables["Reviews"].filter(pl.col("REVIEW").is_between(start, end))
    # UASC: children looked after in the year whose UASC status lasted into it (DfE 205A-D);
    # never care leavers seen only in OC3 (1014).
    frames["UASC"] = life.children.filter(
        pl.col("uasc") & (pl.col("duc").is_null() | (pl.col("duc") >= start))
    ).join(counted.select("child").unique(), on="child").with_columns(
        _sex(year), _unknown_after("duc", end).alias("DUC"))
    # Previous permanence for every child starting care in the year, short breaks too (630).
    starters = episodes.filter((pl.col("RNE") == "S") & pl.col("DECOM").is_between(start, end))
    frames["PrevPerm"] = life.children.join(starters.select("child").unique(), on="child").select(
        "child", pl.col("prev_perm").alias("PREV_PERM"), pl.col("date_perm").alias("DATE_PERM"),
        pl.col("la_perm").alias("LA_PERM"))
    for name, (first, last) in SPELL_TABLES.items():
        frames[name] = life.tables[name].filter(
            (pl.col(first) <= end) & (pl.col(last).is_null() | (pl.col(last) >= start))
        ).with_columns(_unknown_after(last, end))
    frames["SWEpisodes"] = frames["SWEpisodes"].join(_looked_after_at_end(counted), on="child")
    frames["ReturnInterviews"] = life.tables["ReturnInterviews"].with_columns(
        _unknown_after("RHI_DATE", end))
    # What followed each review held in the year. The circulation dates belong to the review,
    # so a March review's record sent in April is in that year's file (the next year's has no
    # row for the review to hang on); only what is after the world's end is unknown, and a
    # review with nothing known yet has no row (as the record exports it).
    world_end = life.window.end
    frames["ReviewRecords"] = life.tables["ReviewRecords"].filter(
        pl.col("REVIEW").is_between(start, end)
    ).with_columns(
        _unknown_after("DECISIONS_SENT", world_end), _unknown_after("RECORD_SENT", world_end)
    ).filter(pl.any_horizontal(
        pl.col(c).is_not_null() for c in ("DECISIONS_SENT", "RECORD_SENT", "IRO_CONSULTED")))
    # Approvals of s20 endings in the year (T32), as much as is known by the world's end.
    frames["CareEndings"] = life.tables["CareEndings"].filter(
        pl.col("DEC").is_between(start, end)
    ).with_columns(_unknown_after("CEASE_APPROVED", world_end)).drop_nulls("CEASE_APPROVED")
    frames["SecureStays"] = _secure_stays(life, start, end)
    for name, col in EVENT_TABLES.items():
        source = frames.get(name, life.tables[name])
        frames[name] = source.filter(pl.col(col).is_between(start, end))
    # OC2 describes the 12 months to 31 March: a year-to-date return has none yet.
    frames["OC2"] = (pl.DataFrame(schema={"child": pl.Int64}) if year_to_date
                     else oc2_rows(life, counted, year))
    return _finish(life, frames, year)


def _secure_stays(life: Lifetime, start: int, end: int) -> pl.DataFrame:
    """Stays touching the year (times in microseconds); an end or a court's authority after
    the last day known is not known yet."""
    after = (end + 1) * _US_PER_DAY
    stays = life.tables["SecureStays"]
    return stays.filter(
        (pl.col("SECURE_START") < after)
        & (pl.col("SECURE_END").is_null() | (pl.col("SECURE_END") >= start * _US_PER_DAY))
    ).with_columns(
        pl.when(pl.col(c) < after).then(pl.col(c)).alias(c)
        for c in ("SECURE_END", "COURT_AUTHORISED")
    )


def _finish(life: Lifetime, frames: dict[str, pl.DataFrame], year: int) -> CareData:
    """Schema columns and types, ids and dates of birth joined, only Header children, sorted."""
    ids = frames["Header"].select("child", "CHILD", pl.col("dob").alias("DOB"))
    out: dict[str, pl.DataFrame] = {}
    for tbl in tables_in_year(year, extensions=True):
        if tbl.name not in frames:
            continue
        frame = frames[tbl.name].with_columns(pl.col("child").cast(pl.Int64)).drop(
            "CHILD", "DOB", "dob", strict=False).join(ids, on="child")
        # CHILD ids are the LA code and a zero-padded serial, so the integer sorts the same way.
        frame = frame.sort(["child" if k == "CHILD" else k for k in tbl.keys], nulls_last=True,
                           maintain_order=True)
        schema = tbl.polars_schema()
        columns = [
            (pl.col(name).cast(pl.Int32).cast(pl.Date) if dtype == pl.Date() else pl.col(name).cast(dtype))
            if name in frame.columns else pl.lit(None, dtype).alias(name)
            for name, dtype in schema.items()
        ]
        out[tbl.name] = frame.select(columns)
    return CareData(out, la=life.la, years=(year,), source=f"synthetic {life.la}")


