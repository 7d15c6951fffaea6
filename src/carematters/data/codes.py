"""SSDA903 code lists (spec §1.5), declared once.

Each code carries the collection years it is valid in, so readers, validators, forms and the
synthetic generator all agree on what a year allows. Descriptions are short paraphrases.
"""

from __future__ import annotations

from dataclasses import dataclass

FIRST_YEAR = 2004
LAST_YEAR = 2100  # "still valid": no end year announced


@dataclass(frozen=True)
class Code:
    code: str
    label: str
    first_year: int = FIRST_YEAR
    last_year: int = LAST_YEAR

    def valid_in(self, year: int | None) -> bool:
        return year is None or self.first_year <= year <= self.last_year


@dataclass(frozen=True)
class CodeList:
    name: str
    codes: tuple[Code, ...]

    def values(self, year: int | None = None) -> list[str]:
        """Codes valid in collection `year` (all codes when year is None)."""
        return [c.code for c in self.codes if c.valid_in(year)]

    def label(self, code: str) -> str:
        for c in self.codes:
            if c.code == code:
                return c.label
        raise KeyError(code)

    def choices(self, year: int | None = None) -> list[tuple[str, str]]:
        """(code, "code: label") pairs, for forms."""
        return [(c.code, f"{c.code}: {c.label}") for c in self.codes if c.valid_in(year)]


def code_list(name: str, *rows: tuple) -> CodeList:
    return CodeList(name, tuple(Code(*row) for row in rows))


SEX = code_list(
    "sex",
    ("1", "male", FIRST_YEAR, 2024),
    ("2", "female", FIRST_YEAR, 2024),
    ("M", "male", 2025),
    ("F", "female", 2025),
    ("U", "unknown", 2025),
)

ETHNIC = code_list(
    "ethnicity",
    ("WBRI", "White British"), ("WIRI", "White Irish"), ("WOTH", "any other White background"),
    ("WIRT", "Traveller of Irish heritage"), ("WROM", "Gypsy/Roma"),
    ("MWBC", "Mixed White and Black Caribbean"), ("MWBA", "Mixed White and Black African"),
    ("MWAS", "Mixed White and Asian"), ("MOTH", "any other Mixed background"),
    ("AIND", "Indian"), ("APKN", "Pakistani"), ("ABAN", "Bangladeshi"),
    ("AOTH", "any other Asian background"), ("BCRB", "Black Caribbean"),
    ("BAFR", "Black African"), ("BOTH", "any other Black background"), ("CHNE", "Chinese"),
    ("OOTH", "any other ethnic group"), ("REFU", "refused"), ("NOBT", "not yet obtained"),
)

LS = code_list(
    "legal_status",
    ("C1", "interim care order"), ("C2", "full care order"),
    ("D1", "freeing order granted"), ("E1", "placement order granted"),
    ("J1", "remanded to LA or youth detention accommodation"),
    ("J2", "in LA accommodation under PACE"),
    ("J3", "youth rehabilitation order with residence or intensive fostering requirement"),
    ("L1", "police protection, in LA accommodation"), ("L2", "emergency protection order"),
    ("L3", "child assessment order, in LA accommodation"),
    ("V2", "single period of s20 accommodation"),
    ("V3", "agreed series of short breaks, individual breaks recorded"),
    ("V4", "agreed series of short breaks, agreement recorded"),
)

RNE = code_list(
    "reason_new_episode",
    ("S", "started to be looked after"), ("L", "change of legal status only"),
    ("P", "change of placement and carer"), ("T", "change of placement, same carer"),
    ("B", "change of legal status and placement with new carer"),
    ("U", "change of legal status and placement, same carer"),
)

CIN = code_list(
    "category_of_need",
    ("N1", "abuse or neglect"), ("N2", "child's disability or illness"),
    ("N3", "parental illness or disability"), ("N4", "family in acute stress"),
    ("N5", "family dysfunction"), ("N6", "socially unacceptable behaviour"),
    ("N7", "low income"), ("N8", "absent parenting"),
)

PLACE = code_list(
    "placement",
    ("A3", "placed for adoption with current foster carers (consent)"),
    ("A4", "placed for adoption, not with current foster carers (consent)"),
    ("A5", "placed for adoption with current foster carers (placement order)"),
    ("A6", "placed for adoption, not with current foster carers (placement order)"),
    ("H5", "semi-independent living", FIRST_YEAR, 2024),
    ("K1", "secure children's home"), ("K2", "children's home"),
    ("K3", "registered supported accommodation (16+)", 2025),
    ("P1", "with parent(s) or person with parental responsibility"),
    ("P2", "independent living", FIRST_YEAR, 2024),
    ("P3", "residential employment"), ("R1", "residential care home"),
    ("R2", "NHS or health establishment"), ("R3", "family centre or mother-and-baby unit"),
    ("R5", "young offender institution"), ("S1", "residential school"),
    ("T0", "temporary move, any type"), ("T1", "temporary period in hospital"),
    ("T2", "temporary absence on holiday"), ("T3", "temporary while foster carer on holiday"),
    ("T4", "temporary accommodation up to 7 days"),
    ("U1", "foster care with relative or friend, long-term"),
    ("U2", "foster care with relative or friend who is an approved adopter"),
    ("U3", "foster care with relative or friend, other"),
    ("U4", "foster care with other carers, long-term"),
    ("U5", "foster care with other carers who are approved adopters"),
    ("U6", "foster care with other carers, other"),
    ("Z1", "other placement", FIRST_YEAR, 2025),
    # Meanings of Z11-Z14 are a [GAP] in the spec: read them from the DfE 2025-26 guide.
    ("Z11", "other placement (Z1 split, part 1)", 2026),
    ("Z12", "other placement (Z1 split, part 2)", 2026),
    ("Z13", "other placement (Z1 split, part 3)", 2026),
    ("Z14", "other placement (Z1 split, part 4)", 2026),
)

PLACE_PROVIDER = code_list(
    "placement_provider",
    ("PR0", "parent(s) or person with parental responsibility"),
    ("PR1", "own LA provision"), ("PR2", "other LA provision"),
    ("PR3", "other public provision"), ("PR4", "private provision"),
    ("PR5", "voluntary or third sector"),
)

REC = code_list(
    "reason_episode_ceased",
    ("X1", "episode ended, new episode same day"),
    ("E11", "adopted, unopposed application"), ("E12", "adopted, consent dispensed with"),
    ("E2", "died"), ("E3", "care taken over by another UK LA"),
    ("E4A", "returned home as part of care plan"),
    ("E4B", "returned home, not part of care plan"),
    ("E13", "left to live with parents/relatives/others without PR"),
    ("E41", "residence order / child arrangements order"),
    ("E43", "special guardianship order to former foster carers", FIRST_YEAR, 2018),
    ("E44", "special guardianship order to other carers", FIRST_YEAR, 2018),
    ("E45", "SGO to former foster carers who are relatives or friends", 2019),
    ("E46", "SGO to former foster carers, not relatives or friends", 2019),
    ("E47", "SGO to other carers who are relatives or friends", 2019),
    ("E48", "SGO to other carers, not relatives or friends", 2019),
    ("E5", "independent living with formal support"),
    ("E6", "independent living without formal support"),
    ("E7", "transferred to adult social care residential care"),
    ("E9", "sentenced to custody"), ("E14", "accommodation on remand ended"),
    ("E15", "age assessment found child 18 or over"), ("E16", "moved abroad"),
    ("E17", "aged 18+ and stayed with current carers"), ("E8", "any other reason"),
)

REASON_PLACE_CHANGE = code_list(
    "reason_place_change",
    ("CARPL", "change to or implementation of the care plan"),
    ("CLOSE", "carer resigned or setting closed"), ("ALLEG", "allegation under investigation"),
    ("STAND", "standards-of-care concern"), ("APPRR", "approval or registration removed"),
    ("CREQB", "carer asked for end: child's behaviour"),
    ("CREQO", "carer asked for end: other reasons"), ("CHILD", "child asked for end"),
    ("LAREQ", "authority ended it"), ("PLACE", "status of placement changed only"),
    ("CUSTOD", "child admitted to custody", 2019), ("OTHER", "any other reason"),
)

REVIEW_CODE = code_list(
    "review_participation",
    ("PN0", "child under 4"), ("PN1", "attended and spoke for themselves"),
    ("PN2", "attended; advocate or IRO spoke for them"),
    ("PN3", "attended; views conveyed non-verbally"), ("PN4", "attended; did not contribute"),
    ("PN5", "did not attend; briefed an advocate or IRO"),
    ("PN6", "did not attend; views conveyed by other means"),
    ("PN7", "did not attend and views not conveyed"),
)

SDQ_REASON = code_list(
    "sdq_reason",
    ("SDQ1", "no form: child under 4 or over 16"), ("SDQ2", "carer refused"),
    ("SDQ3", "not possible because of severity of disability"), ("SDQ4", "other"),
    ("SDQ5", "young person refused"),
)

IN_TOUCH = code_list(
    "in_touch",
    ("YES", "in touch"), ("NO", "not in touch"), ("DIED", "died since leaving care"),
    ("REFU", "refuses contact"), ("NREQ", "no longer requires services"),
    ("RHOM", "returned home for 6 months or more"),
)

ACTIV = code_list(
    "activity",
    ("F1", "higher education, full time"), ("P1", "higher education, part time"),
    ("F2", "other education, full time"), ("P2", "other education, part time"),
    ("F3", "training or employment, full time", FIRST_YEAR, 2021),
    ("P3", "training or employment, part time", FIRST_YEAR, 2021),
    ("F4", "apprenticeship, full time", 2022), ("P4", "apprenticeship, part time", 2022),
    ("F5", "training or employment, full time", 2022),
    ("P5", "training or employment, part time", 2022),
    ("G4", "NEET: illness or disability"), ("G5", "NEET: other"),
    ("G6", "NEET: pregnancy or parenting"), ("0", "not known or not applicable"),
)

_ACCOM_TYPES = {
    "B": "with parents or relatives", "C": "community home or residential care",
    "D": "semi-independent transitional accommodation", "E": "supported lodgings",
    "G": "gone abroad", "H": "deported", "K": "ordinary lodgings without support",
    "R": "residence not known", "S": "no fixed abode or homeless", "T": "foyer",
    "U": "independent living", "V": "emergency accommodation", "W": "bed and breakfast",
    "X": "in custody", "Y": "other accommodation", "Z": "with former foster carers",
}
_UNSUITABLE_ONLY = {"S", "X"}

ACCOM = CodeList(
    "accommodation",
    tuple(
        Code(f"{letter}{digit}", f"{label}, {'suitable' if digit == '1' else 'unsuitable'}")
        for letter, label in _ACCOM_TYPES.items()
        for digit in ("1", "2")
        if not (digit == "1" and letter in _UNSUITABLE_ONLY)
    )
    + (Code("0", "not known or not applicable"),),
)

SEX_ADOPTR = code_list(
    "adopter_sex",
    ("M1", "single male"), ("F1", "single female"), ("MM", "male couple"),
    ("FF", "female couple"), ("MF", "male and female couple"),
)

LS_ADOPTR = code_list(
    "adopter_legal_status",
    ("L0", "single"), ("L11", "married different-sex couple"),
    ("L12", "married same-sex couple"), ("L2", "civil partners"),
    ("L3", "unmarried different-sex couple"), ("L4", "unmarried same-sex couple"),
)

REASON_PLACED_CEASED = code_list(
    "reason_placed_ceased",
    ("RD1", "child's needs changed"), ("RD2", "court did not make a placement order"),
    ("RD3", "no suitable adopters found"), ("RD4", "other"),
)

PREV_PERM = code_list(
    "previous_permanence",
    ("P1", "adoption"), ("P2", "special guardianship order"),
    ("P3", "residence order / child arrangements order"), ("P4", "not known"),
    ("Z1", "no previous permanence option"),
)

MISSING = code_list(
    "missing_type",
    ("M", "missing (whereabouts unknown)"), ("A", "away without authorisation"),
)

SW_REASON = code_list(
    "social_worker_change_reason",
    ("MANAGE", "caseload management"), ("FCONTA", "first contact or re-referral"),
    ("LEFTRL", "previous worker left the role"), ("ORGRST", "organisational restructure"),
    ("TSPROC", "standard transfer process"), ("ABSENC", "absence cover or return"),
    ("CHCHAN", "child asked for a change"), ("PCCHAN", "parent or carer asked for a change"),
    ("SWDIED", "previous worker died"), ("OTHERS", "other"),
)

UPN_UNKNOWN = code_list(
    "upn_unknown",
    ("UN1", "not yet of school age"), ("UN2", "never attended a maintained school in England"),
    ("UN3", "educated outside England"), ("UN4", "newly looked after, UPN not yet known"),
    ("UN5", "sources conflict"),
)

BOOL01 = code_list("yes_no", ("0", "no"), ("1", "yes"))

CODE_LISTS: dict[str, CodeList] = {
    cl.name: cl
    for cl in (
        SEX, ETHNIC, LS, RNE, CIN, PLACE, PLACE_PROVIDER, REC, REASON_PLACE_CHANGE,
        REVIEW_CODE, SDQ_REASON, IN_TOUCH, ACTIV, ACCOM, SEX_ADOPTR, LS_ADOPTR,
        REASON_PLACED_CEASED, PREV_PERM, MISSING, SW_REASON, UPN_UNKNOWN, BOOL01,
    )
}

# Groupings used across indicators, costs and the generator (spec §1.5.3, §1.5.6, §1.5.8).
SHORT_BREAK_LS = ("V3", "V4")
TEMPORARY_PLACEMENTS = ("T0", "T1", "T2", "T3", "T4")
ADOPTION_PLACEMENTS = ("A3", "A4", "A5", "A6")
FOSTER_CARER_ADOPTION = ("A3", "A5")  # placed for adoption with the current foster carers
ADOPTED_REC = ("E11", "E12")
NEW_CARER_RNE = ("S", "P", "B")
SAME_CARER_RNE = ("L", "T", "U")
EET_ACTIV = ("F1", "P1", "F2", "P2", "F3", "P3", "F4", "P4", "F5", "P5")
NEET_ACTIV = ("G4", "G5", "G6")
