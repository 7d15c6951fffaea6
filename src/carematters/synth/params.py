"""The numbers behind the synthetic authorities: mixes, rates and durations.

Chosen to land near England's published figures (spec §2.11 and the indicator benchmarks in §2):
about 70% of children looked after at 31 March in foster care, 10-15% in children's homes, 6-8%
in semi-independent or supported accommodation, ~6% placed with parents, ~10% with three or more
placements in a year, about 4% of starters adopted eventually, care leavers ~55-60% EET at 19.
They are plausible, not official: tests check them only within loose bands.
"""

from __future__ import annotations

# Real English local-authority codes, each with a postcode area that reads as local.
AUTHORITIES: tuple[tuple[str, str], ...] = (
    ("202", "NW"), ("204", "E"), ("208", "SE"), ("210", "SE"), ("212", "SW"), ("303", "DA"),
    ("306", "CR"), ("308", "E"), ("312", "UB"), ("315", "SM"), ("330", "B"), ("331", "CV"),
    ("333", "B"), ("336", "WV"), ("341", "L"), ("344", "CH"), ("350", "BL"), ("352", "M"),
    ("354", "OL"), ("356", "SK"), ("359", "WN"), ("371", "DN"), ("373", "S"), ("380", "BD"),
    ("382", "HD"), ("383", "LS"), ("384", "WF"), ("391", "NE"), ("394", "SR"), ("801", "BS"),
    ("806", "TS"), ("810", "HU"), ("816", "YO"), ("821", "LU"), ("826", "MK"), ("831", "DE"),
    ("856", "LE"), ("874", "PE"), ("878", "EX"), ("879", "PL"), ("881", "CM"), ("886", "ME"),
    ("888", "PR"), ("891", "NG"), ("893", "SY"), ("908", "TR"), ("916", "GL"), ("919", "AL"),
    ("925", "LN"), ("926", "NR"), ("931", "OX"), ("935", "IP"), ("936", "GU"), ("938", "BN"),
)
OTHER_AREAS = (
    "B", "BS", "LS", "M", "L", "NE", "S", "NG", "LE", "CV", "DE", "ST", "WV", "WS", "DY", "BD",
    "HD", "HX", "WF", "YO", "HU", "DN", "LN", "PE", "CB", "NR", "IP", "CO", "CM", "SS", "RM",
    "TN", "ME", "CT", "RH", "GU", "PO", "SO", "BH", "SP", "SN", "RG", "OX", "HP", "LU", "MK",
    "NN", "BN", "TQ", "PL", "EX", "TA", "BA", "GL", "HR", "WR", "TF", "SY", "CH", "CW", "WA",
    "BL", "OL", "SK", "PR", "BB", "FY", "LA", "CA", "DL", "DH", "SR", "TS", "HG", "LL", "CF",
)

# --- Who comes into care -----------------------------------------------------------------

#: Age at entry (years) of children who are not UASC: many babies, a peak at 10-15.
ENTRY_AGE = {0: 22, 1: 5, 2: 4.5, 3: 4, 4: 3.5, 5: 3.5, 6: 3.5, 7: 3.4, 8: 3.3, 9: 3.3,
             10: 4.5, 11: 5, 12: 6, 13: 7, 14: 7.5, 15: 6, 16: 5, 17: 2.5}
UASC_AGE = {14: 10, 15: 25, 16: 40, 17: 25}
UASC_SHARE = 0.13  # of entrants
SHORT_BREAK_SHARE = 0.02  # of children: reg-48 short-break children (V3)
MALE_SHARE = 0.54
UASC_MALE_SHARE = 0.95
ETHNIC = {
    "WBRI": 68, "WIRI": 0.5, "WOTH": 4, "WIRT": 0.3, "WROM": 0.7, "MWBC": 3, "MWBA": 1.2,
    "MWAS": 1.5, "MOTH": 4, "AIND": 0.6, "APKN": 1.5, "ABAN": 0.6, "AOTH": 1.2, "BCRB": 1.5,
    "BAFR": 3, "BOTH": 1.3, "CHNE": 0.2, "OOTH": 2, "REFU": 0.2, "NOBT": 0.3,
}
UASC_ETHNIC = {"BAFR": 30, "OOTH": 35, "AOTH": 25, "WOTH": 5, "BOTH": 5}
CIN = {"N1": 63, "N2": 3, "N3": 3, "N4": 8, "N5": 13, "N6": 1.5, "N7": 0.2, "N8": 8}
UASC_CIN = {"N8": 92, "N4": 5, "N1": 3}

#: Care pathway of a period of care, by age band at entry ("uasc" is separate).
PATHWAYS = {
    "baby": {"adoption": 33, "sgo": 15, "longterm": 24, "short": 28},
    "under5": {"adoption": 14, "sgo": 20, "longterm": 27, "short": 39},
    "child": {"sgo": 10, "longterm": 45, "short": 45},
    "teen": {"longterm": 38, "short": 34, "teen": 22, "remand": 6},
    "older": {"teen": 55, "short": 25, "remand": 10, "longterm": 10},
}

# --- How long, and how it ends --------------------------------------------------------------

SHORT_MEDIAN_DAYS, SHORT_SIGMA = 110, 1.1
TEEN_MEDIAN_DAYS, TEEN_SIGMA = 330, 0.9
LONGTERM_MEAN_YEARS = 5.5  # exponential time to leaving before 18
RE_ENTRY_P = 0.16
RE_ENTRY_GAP_MEAN_DAYS = 420

SHORT_REC = {"E4A": 62, "E4B": 14, "E13": 10, "E41": 5, "E8": 5, "E3": 2.5, "E16": 1, "E2": 0.1}
LONGTERM_REC = {"E4A": 45, "E41": 15, "E13": 15, "E8": 15, "E3": 6, "E4B": 4}
TEEN_REC = {"E4A": 48, "E4B": 18, "E13": 14, "E8": 14, "E3": 3, "E16": 3}
AT_18_FOSTERED_REC = {"E17": 40, "E5": 27, "E6": 5, "E8": 26, "E7": 2}
AT_18_OTHER_REC = {"E5": 48, "E6": 15, "E8": 32, "E7": 5}
UASC_EARLY_REC = {"E15": 45, "E16": 25, "E8": 30}
REMAND_REC = {"E14": 75, "E9": 25}

# --- Placements -------------------------------------------------------------------------

#: Carer changes per year in care, before the child's own instability factor.
MOVE_RATE = {"adoption": 0.28, "sgo": 0.28, "longterm": 0.38, "short": 0.8, "teen": 0.9,
             "remand": 0.6, "uasc": 0.5}
#: Move rate multipliers by time in care (years from, to).
MOVE_RATE_BY_YEAR_IN_CARE = ((0, 1, 1.6), (1, 3, 1.2), (3, None, 0.45))
EARLY_MOVE_P = 0.28  # an emergency placement followed by a planned one within ~2 months
TEMP_RATE = 0.05  # temporary moves (T0-T4) per year
SAME_CARER_RATE = 0.04  # house moves / provider changes with the same carer, per year
LEGAL_WITH_MOVE_P = 0.12  # legal change on the day of a move: RNE B

PLACEMENTS = {
    "infant": {"U6": 52, "U5": 14, "U3": 16, "U2": 4, "U4": 8, "P1": 3, "R3": 2, "K2": 1},
    "child": {"U6": 40, "U4": 22, "U3": 12, "U1": 9, "P1": 8, "K2": 5, "S1": 0.6, "R2": 0.4,
              "Z1": 1, "R1": 0.3, "U5": 1.5},
    "teen": {"U6": 33, "U4": 17, "U3": 7, "U1": 5, "K2": 23, "P1": 7, "S1": 2.5, "K1": 1,
             "R2": 1, "Z1": 2, "R1": 0.5, "P3": 0.2},
    "older": {"SEMI": 36, "U6": 18, "U4": 12, "U3": 5, "U1": 3, "K2": 15, "P1": 5, "P2": 3,
              "Z1": 2, "S1": 1},
    "uasc_young": {"U6": 68, "U4": 6, "U3": 4, "K2": 22},
    "uasc_older": {"SEMI": 62, "U6": 27, "K2": 6, "P2": 5},
    "remand": {"U6": 30, "K2": 25, "K1": 20, "R5": 25},
    "temporary": {"T4": 40, "T3": 25, "T1": 15, "T2": 10, "T0": 10},
}
PROVIDERS = {
    "kinship": {"PR1": 95, "PR2": 5},
    "foster": {"PR1": 52, "PR4": 43, "PR5": 5},
    "home": {"PR1": 18, "PR4": 77, "PR5": 5},
    "secure": {"PR1": 30, "PR2": 60, "PR5": 10},
    "semi": {"PR4": 70, "PR1": 15, "PR5": 15},
    "adoption": {"PR1": 55, "PR2": 20, "PR5": 25},
    "school": {"PR4": 70, "PR5": 30},
    "health": {"PR3": 100},
    "parents": {"PR0": 100},
    "own": {"PR1": 100},
    "private": {"PR4": 70, "PR5": 30},
}
PROVIDER_GROUP = {
    "U1": "kinship", "U2": "kinship", "U3": "kinship", "U4": "foster", "U5": "foster",
    "U6": "foster", "K2": "home", "K1": "secure", "SEMI": "semi", "P2": "own", "P1": "parents",
    "R2": "health", "R5": "health", "S1": "school", "R1": "private", "R3": "private",
    "P3": "private", "A3": "adoption", "A4": "adoption", "A5": "adoption", "A6": "adoption",
}
#: Reason recorded on an episode that ends because the child moves to a new carer.
MOVE_REASON = {"CARPL": 36, "CREQB": 12, "CREQO": 8, "CHILD": 8, "LAREQ": 10, "CLOSE": 5,
               "ALLEG": 3, "STAND": 2, "APPRR": 1, "OTHER": 9, "PLACE": 2, "CUSTOD": 0}
OUT_OF_AREA_SHARE = 0.38

# --- Adoption ---------------------------------------------------------------------------

ADOPTION_REVERSAL_P = 0.1
ADOPTED_BY_FOSTER_CARERS_P = 0.15
ADOPTER_COUNT = {1: 12, 2: 88}
SINGLE_ADOPTER = {"F1": 85, "M1": 15}
COUPLE_ADOPTERS = {"MF": 85, "MM": 7, "FF": 8}
ADOPTER_LS = {"MF": {"L11": 70, "L3": 30}, "MM": {"L12": 50, "L2": 30, "L4": 20},
              "FF": {"L12": 50, "L2": 30, "L4": 20}}

# --- Around the episodes ------------------------------------------------------------------

REVIEW_LATE_P = 0.08
# After a review (IRO Handbook, T29): decisions due in 5 working days, the record in 20 [U].
REVIEW_RECORD_MISSING_P = 0.01  # nothing recorded about what followed the review
DECISIONS_LATE_P = 0.10
RECORD_LATE_P = 0.18
RECORD_NOT_SENT_P = 0.015
CEASE_APPROVAL_LATE_P = 0.08  # T32: s20 care ended before the nominated officer approved
CEASE_APPROVAL_MISSING_P = 0.03
IRO_CONSULTED_P = 0.95  # T28: the IRO spoke to the child (aged 4+) before the review  # decisions went out but the full record never did
REVIEW_CODE = {"PN1": 45, "PN2": 10, "PN3": 5, "PN4": 5, "PN5": 15, "PN6": 12, "PN7": 8}
PREV_PERM = {"Z1": 80, "P4": 8, "P2": 5, "P3": 4, "P1": 3}
MISSING_P_TEEN = 0.22  # share of periods of 11+ year-olds with any missing episodes
SW_CHANGE_RATE = 0.7  # social worker changes per year
SW_REASON = {"LEFTRL": 35, "MANAGE": 20, "TSPROC": 20, "ORGRST": 5, "ABSENC": 8, "CHCHAN": 3,
             "PCCHAN": 2, "OTHERS": 7}

# --- Case events behind T6, T11, T14 and T30 ----------------------------------------------

EXTRA_REVIEW_P = 0.08  # share of later reviews brought forward by a reg 32(2)/33(3) trigger
REVIEW_TRIGGER = {"IRO": 30, "PLAN": 45, "VISIT": 8, "REMAND": 4, "CUSTODY": 3, "CEASE": 10}
EXTRA_REVIEW_LATE_P = 0.12  # the review was held after the date it was needed by
CEASE_TRIGGER_P = 0.02  # ended periods where a review before ending was called for (often missed)
PARENT_BEFORE_ASSESSMENT_P = 0.4  # placements with a parent made before the assessment (reg 19)
PARENT_NEVER_ASSESSED_P = 0.1
# Placements with a relative or friend (U1-U3) that began under a temporary approval of the carer
# (CPPCR reg 24: up to 16 weeks, extendable by 8 under reg 25); most carers are approved as
# foster parents within that time, some later, a few never.
TEMPORARY_APPROVAL_P = 0.35
TEMPORARY_NEVER_APPROVED_P = 0.1
WEEKLY_VISIT_LATE_P = 0.1
VISIT_REQUEST_RATE = 0.25  # requests for a visit per child per year in care
VISIT_REQUEST_BY = {"CHILD": 55, "CARER": 45}
VISIT_REQUEST_UNREASONABLE_P = 0.05
VISIT_REQUEST_LATE_P = 0.1
VISIT_REQUEST_UNANSWERED_P = 0.05
SECURE_GROUNDS = {"WELFARE": 85, "REMAND": 15}
SECURE_AUTHORITY_LATE_P = 0.07  # court authority obtained after the 72 hours had run out
SECURE_NO_AUTHORITY_P = 0.05  # a long stay with no court authority at all
SHORT_SECURE_P = 0.03  # residential (K2) episodes of 12+ year-olds with a short emergency stay
