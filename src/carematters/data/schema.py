"""Table schemas, declared once (DESIGN.md): SSDA903 tables and the extension tables.

Readers, writers, validators, the synthetic generator and the Django models all read these
declarations, so a column added here is known everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import polars as pl

from carematters.data import codes as c

Kind = Literal[
    "id", "str", "date", "datetime", "int", "code", "bool01", "partial_date", "postcode"
]

POLARS_TYPES: dict[str, pl.DataType] = {
    "id": pl.String(),
    "str": pl.String(),
    "date": pl.Date(),
    # Only where hours matter (secure accommodation: 72 hours in any 28 days); no time zone,
    # the local clock time as recorded.
    "datetime": pl.Datetime("us"),
    "int": pl.Int64(),
    "code": pl.String(),
    "bool01": pl.Int8(),
    "partial_date": pl.String(),
    "postcode": pl.String(),
}

#: Column added by the readers: the 1-based data row in the source file (header excluded).
SOURCE_ROW = "_row"


@dataclass(frozen=True)
class Column:
    name: str
    kind: Kind
    required: bool = False
    codes: c.CodeList | None = None
    max_len: int | None = None
    minimum: int | None = None
    maximum: int | None = None
    first_year: int = c.FIRST_YEAR
    description: str = ""

    @property
    def dtype(self) -> pl.DataType:
        return POLARS_TYPES[self.kind]

    def allowed(self, year: int | None) -> list[str] | None:
        """Codes allowed in `year`, or None when the column is not coded."""
        if self.codes is not None:
            return self.codes.values(year)
        if self.kind == "bool01":
            return ["0", "1"]
        return None


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    description: str
    first_year: int = c.FIRST_YEAR
    last_year: int = c.LAST_YEAR
    extension: bool = False  # not part of the DfE return
    xml_tag: str | None = None  # element name in the DfE XML, for tables nested per child
    keys: tuple[str, ...] = field(default=("CHILD",))

    @property
    def column_names(self) -> list[str]:
        return [col.name for col in self.columns]

    def column(self, name: str) -> Column:
        for col in self.columns:
            if col.name == name:
                return col
        raise KeyError(f"{self.name} has no column {name}")

    def in_year(self, year: int | None) -> bool:
        return year is None or self.first_year <= year <= self.last_year

    def polars_schema(self) -> dict[str, pl.DataType]:
        return {col.name: col.dtype for col in self.columns}

    def empty(self) -> pl.DataFrame:
        return pl.DataFrame(schema=self.polars_schema())


def _col(name: str, kind: Kind, required: bool = False, **kw) -> Column:
    return Column(name, kind, required, **kw)


CHILD = _col("CHILD", "id", True, max_len=20, description="the authority's child identifier")
DOB = _col("DOB", "date", True, description="date of birth")


def _code(name: str, codes: c.CodeList, required: bool = False, **kw) -> Column:
    return _col(name, "code", required, codes=codes, **kw)


def _flag(name: str, description: str = "") -> Column:
    return _col(name, "bool01", description=description)


SSDA903_TABLES: tuple[Table, ...] = (
    Table("Header", (
        CHILD,
        _code("SEX", c.SEX, True),
        DOB,
        _code("ETHNIC", c.ETHNIC, True),
        _col("UPN", "str", True, max_len=13, description="unique pupil number or UN1-UN5"),
        _flag("MOTHER", "is the child a mother"),
        _col("MC_DOB", "date", description="date of birth of the mother's first child"),
    ), "one row per child in the return"),
    Table("Episodes", (
        CHILD,
        _col("DECOM", "date", True, description="date episode began"),
        _code("RNE", c.RNE, True),
        _code("LS", c.LS, True),
        _code("CIN", c.CIN, True),
        _code("PLACE", c.PLACE, True),
        _code("PLACE_PROVIDER", c.PLACE_PROVIDER),
        _col("DEC", "date", description="date episode ceased"),
        _code("REC", c.REC),
        _code("REASON_PLACE_CHANGE", c.REASON_PLACE_CHANGE),
        _col("HOME_POST", "postcode"),
        _col("PL_POST", "postcode"),
        _col("URN", "str", first_year=2016, description="Ofsted unique reference number"),
    ), "one row per episode of care", keys=("CHILD", "DECOM")),
    Table("Reviews", (
        CHILD, DOB,
        _col("REVIEW", "date", True, description="date the review was held"),
        _code("REVIEW_CODE", c.REVIEW_CODE, True),
    ), "looked-after reviews held in the year", xml_tag="AREVIEW", keys=("CHILD", "REVIEW")),
    Table("UASC", (
        CHILD, _code("SEX", c.SEX, True), DOB,
        _col("DUC", "date", description="date UASC status ceased"),
    ), "unaccompanied asylum-seeking children"),
    Table("OC2", (
        CHILD, DOB,
        _col("SDQ_SCORE", "int", minimum=0, maximum=40),
        _code("SDQ_REASON", c.SDQ_REASON),
        _flag("CONVICTED"), _flag("HEALTH_CHECK"), _flag("IMMUNISATIONS"),
        _flag("TEETH_CHECK"), _flag("HEALTH_ASSESSMENT"), _flag("SUBSTANCE_MISUSE"),
        _flag("INTERVENTION_RECEIVED"), _flag("INTERVENTION_OFFERED"),
    ), "outcomes for children looked after continuously for 12 months", xml_tag="OC2"),
    Table("OC3", (
        CHILD, DOB,
        _code("IN_TOUCH", c.IN_TOUCH, True),
        _code("ACTIV", c.ACTIV, True),
        _code("ACCOM", c.ACCOM, True),
    ), "care leavers at their 17th to 21st birthdays (and 22-25 on request)"),
    Table("AD1", (
        CHILD, DOB,
        _col("DATE_INT", "date", True, description="decision that the child should be placed"),
        _col("DATE_MATCH", "date", True, description="matched with the adopters"),
        _flag("FOSTER_CARE", "adopted by former foster carers"),
        _col("NB_ADOPTR", "int", True, minimum=1, maximum=2),
        _code("SEX_ADOPTR", c.SEX_ADOPTR, True),
        _code("LS_ADOPTR", c.LS_ADOPTR, True),
    ), "children adopted in the year"),
    Table("PlacedAdoption", (
        CHILD, DOB,
        _col("DATE_PLACED", "date", True, description="decision that the child should be placed"),
        _col("DATE_PLACED_CEASED", "date"),
        _code("REASON_PLACED_CEASED", c.REASON_PLACED_CEASED),
    ), "decisions to place for adoption", xml_tag="AD_PLACED", keys=("CHILD", "DATE_PLACED")),
    Table("PrevPerm", (
        CHILD, DOB,
        _code("PREV_PERM", c.PREV_PERM, True),
        _col("LA_PERM", "str"),
        _col("DATE_PERM", "partial_date"),
    ), "permanence before this care", xml_tag="PERMANENCE"),
    Table("Missing", (
        CHILD, DOB,
        _code("MISSING", c.MISSING, True),
        _col("MIS_START", "date", True),
        _col("MIS_END", "date"),
    ), "missing or away from placement", first_year=2015, xml_tag="AMISSING",
        keys=("CHILD", "MIS_START")),
    Table("SWEpisodes", (
        CHILD, DOB,
        _col("SW_ID", "str", True),
        _col("SW_DECOM", "date", True),
        _col("SW_DEC", "date"),
        _code("SW_REASON", c.SW_REASON, True),
    ), "social worker episodes", first_year=2024, xml_tag="SWEPISODE",
        keys=("CHILD", "SW_DECOM")),
    Table("DoLo", (
        CHILD, DOB,
        _col("DOLO_START", "date", True),
        _col("DOLO_END", "date"),
    ), "deprivation of liberty orders", first_year=2027, xml_tag="DOLO",
        keys=("CHILD", "DOLO_START")),
)

VISIT_KIND = c.code_list("visit_kind", ("STAT", "statutory visit"), ("REQ", "visit requested by child or carer"))
HEALTH_KIND = c.code_list("health_assessment_kind", ("IHA", "initial health assessment"), ("RHA", "review health assessment"))
PEP_KIND = c.code_list("pep_kind", ("INIT", "initial PEP"), ("REV", "PEP review"))
PATHWAY_KIND = c.code_list(
    "pathway_kind",
    ("NA", "needs assessment"), ("PLAN", "pathway plan"), ("REV", "pathway plan review"),
)
PLAN_KIND = c.code_list(
    "plan_kind", ("CARE", "care plan"), ("PLACEMENT", "placement plan"), ("HEALTH", "health plan"),
)

REVIEW_TRIGGER = c.code_list(
    "review_trigger",
    ("IRO", "the IRO asked for an earlier review (CPPCR reg 33(3)(a))"),
    ("VISIT", "a visit found the placement not safeguarding the child's welfare (reg 30, 33(3)(b))"),
    ("PLAN", "a significant change to the care plan is proposed (reg 32(2))"),
    ("REMAND", "accommodation under s21(2)(b) or (c) is to end (reg 33(3)(c))"),
    ("CUSTODY", "detention in a secure training centre or young offender institution is to end "
                "(reg 33(3)(d))"),
    ("CEASE", "accommodation under s20 is to end without a parent providing it (reg 33(3)(e))"),
)
REQUESTED_BY = c.code_list(
    "visit_requested_by", ("CHILD", "the child"), ("CARER", "the carer"),
)
SECURE_GROUNDS = c.code_list(
    "secure_grounds",
    ("WELFARE", "welfare: CA 1989 s25 (72 hours in 28 days without a court)"),
    ("REMAND", "remanded or detained (criminal justice; other limits apply)"),
)

EXTENSION_TABLES: tuple[Table, ...] = (
    Table("Visits", (
        CHILD, _col("VISIT_DATE", "date", True), _col("SW_ID", "str"),
        _code("VISIT_KIND", VISIT_KIND), _flag("SEEN"), _flag("SEEN_ALONE"),
    ), "social worker visits (CPPCR reg 28)", extension=True, keys=("CHILD", "VISIT_DATE")),
    Table("HealthAssessments", (
        CHILD, _col("ASSESSMENT_DATE", "date", True), _code("KIND", HEALTH_KIND, True),
        _flag("IMMUNISATIONS_UP_TO_DATE"),
    ), "health assessments (CPPCR reg 7)", extension=True, keys=("CHILD", "ASSESSMENT_DATE")),
    Table("DentalChecks", (CHILD, _col("CHECK_DATE", "date", True)),
          "dental checks", extension=True, keys=("CHILD", "CHECK_DATE")),
    Table("SDQScores", (
        CHILD, _col("SDQ_DATE", "date", True),
        _col("SDQ_SCORE", "int", True, minimum=0, maximum=40),
    ), "strengths and difficulties questionnaire scores", extension=True,
        keys=("CHILD", "SDQ_DATE")),
    Table("PEPs", (
        CHILD, _col("PEP_DATE", "date", True), _code("KIND", PEP_KIND, True),
    ), "personal education plans", extension=True, keys=("CHILD", "PEP_DATE")),
    Table("Plans", (
        CHILD, _col("PLAN_DATE", "date", True), _code("PLAN_TYPE", PLAN_KIND, True),
    ), "care, placement and health plans", extension=True, keys=("CHILD", "PLAN_DATE", "PLAN_TYPE")),
    Table("PathwayPlans", (
        CHILD, _col("PLAN_DATE", "date", True), _code("KIND", PATHWAY_KIND, True),
        _col("PA_ID", "str", description="personal adviser"),
    ), "needs assessments and pathway plans", extension=True, keys=("CHILD", "PLAN_DATE", "KIND")),
    Table("PAContacts", (CHILD, _col("CONTACT_DATE", "date", True), _col("PA_ID", "str")),
          "personal adviser contacts", extension=True, keys=("CHILD", "CONTACT_DATE")),
    Table("ReturnInterviews", (
        CHILD, _col("MIS_START", "date", True), _col("RHI_OFFERED", "date"),
        _col("RHI_DATE", "date"), _flag("RHI_ACCEPTED"),
    ), "return home interviews after missing", extension=True, keys=("CHILD", "MIS_START")),
    Table("ReviewRecords", (
        CHILD, _col("REVIEW", "date", True, description="date the review was held"),
        _col("DECISIONS_SENT", "date", description="review decisions circulated (IRO Handbook)"),
        _col("RECORD_SENT", "date", description="full written record of the review circulated"),
        _flag("IRO_CONSULTED", "the IRO spoke to the child in private before the review "
                               "(or the child, of sufficient understanding, declined)"),
    ), "what followed each looked-after review", extension=True, keys=("CHILD", "REVIEW")),
    Table("CareEndings", (
        CHILD, _col("DEC", "date", True, description="date the episode (and the care) ceased"),
        _col("CEASE_APPROVED", "date",
             description="nominated officer approved the decision to cease looking after the "
                         "child (CPPCR 2010 reg 39)"),
    ), "approvals of decisions to cease accommodating a child", extension=True,
        keys=("CHILD", "DEC")),
    Table("IROAllocations", (
        CHILD, _col("IRO_ID", "str", True), _col("IRO_START", "date", True),
        _col("IRO_END", "date"),
    ), "independent reviewing officers", extension=True, keys=("CHILD", "IRO_START")),
    Table("ReviewTriggers", (
        CHILD, _col("TRIGGER_DATE", "date", True, description="date the trigger arose"),
        _code("TRIGGER", REVIEW_TRIGGER, True),
        _col("REVIEW_BY", "date",
             description="date the review must be held by: the date the proposed change or "
                         "ending takes effect, or the date the IRO asked for"),
    ), "events that require a review earlier than the usual interval (CPPCR reg 32(2), 33(3))",
        extension=True, keys=("CHILD", "TRIGGER_DATE", "TRIGGER")),
    Table("ParentPlacements", (
        CHILD, _col("PLACED", "date", True, description="date the child was placed with the parent"),
        _col("ASSESSED", "date",
             description="date the assessment of the parent (CPPCR reg 17) was completed; blank "
                         "while it is not"),
    ), "placements with a parent and the parent's assessment (CPPCR reg 17-19)", extension=True,
        keys=("CHILD", "PLACED")),
    Table("TemporaryApprovals", (
        CHILD, _col("PLACED", "date", True,
                    description="date the child was placed with a relative, friend or other "
                                "connected person approved temporarily as a foster parent"),
        _col("APPROVED", "date",
             description="date the connected person was approved as a foster parent, which ends "
                         "the temporary approval; blank while they are not"),
    ), "placements with a connected person under temporary approval (CPPCR reg 24)",
        extension=True, keys=("CHILD", "PLACED")),
    Table("VisitRequests", (
        CHILD, _col("REQUEST_DATE", "date", True),
        _code("REQUESTED_BY", REQUESTED_BY, True),
        _flag("NOT_REASONABLE", "a manager judged the request not reasonable: no visit owed"),
    ), "visits asked for by the child or the carer (CPPCR reg 28, Vol 2)", extension=True,
        keys=("CHILD", "REQUEST_DATE", "REQUESTED_BY")),
    Table("SecureStays", (
        CHILD, _col("SECURE_START", "datetime", True, description="date and time placed"),
        _col("SECURE_END", "datetime", description="date and time the child left (blank while there)"),
        _code("GROUNDS", SECURE_GROUNDS, True),
        _col("COURT_AUTHORISED", "datetime",
             description="date and time a court authorised keeping the child there (CA 1989 "
                         "s25); blank if none"),
    ), "stays in secure accommodation (Children (Secure Accommodation) Regulations 1991)",
        extension=True, keys=("CHILD", "SECURE_START")),
    Table("Attainment", (
        CHILD, _col("ACADEMIC_YEAR", "int", True), _col("KEY_STAGE", "str", True),
        _col("MEASURE", "str", True), _col("RESULT", "str"),
    ), "education attainment by key stage", extension=True,
        keys=("CHILD", "ACADEMIC_YEAR", "KEY_STAGE", "MEASURE")),
    Table("SchoolEnrolment", (
        CHILD, _col("SCHOOL_URN", "str", True), _col("START", "date", True), _col("END", "date"),
    ), "school enrolments (for school stability)", extension=True, keys=("CHILD", "START")),
)

TABLES: dict[str, Table] = {t.name: t for t in SSDA903_TABLES + EXTENSION_TABLES}


def table(name: str) -> Table:
    try:
        return TABLES[name]
    except KeyError:
        raise KeyError(f"unknown table {name!r}; known: {', '.join(TABLES)}") from None


def tables_in_year(year: int | None, *, extensions: bool = False) -> list[Table]:
    """The DfE tables collected in `year` (plus extension tables when asked)."""
    chosen = [t for t in SSDA903_TABLES if t.in_year(year)]
    return chosen + list(EXTENSION_TABLES) if extensions else chosen
