"""OC2 family: cohort, SDQ, age-dependent items and substance misuse follow-ups."""

import polars as pl

from carematters.data.caredata import CareData
from carematters.validation import validate
from tests.validation.util import rows

# A and B looked after continuously for 12 months at 31/03/2026; N started in the year.
EPISODES = [
    {"CHILD": "A", "DECOM": "01/01/2024", "RNE": "S", "LS": "C2"},
    {"CHILD": "B", "DECOM": "01/01/2024", "RNE": "S", "LS": "C2"},
    {"CHILD": "N", "DECOM": "01/06/2025", "RNE": "S", "LS": "C2"},
]
FULL = {"IMMUNISATIONS": 1, "TEETH_CHECK": 1, "HEALTH_ASSESSMENT": 1, "SUBSTANCE_MISUSE": 0}


def oc2(child, dob, **items):
    return {"CHILD": child, "DOB": dob, **items}


def test_185_190_198_only_for_the_cohort():
    rows_ = [
        oc2("A", "01/01/2015", SDQ_SCORE=10, **FULL),     # pass: in cohort
        oc2("N", "01/01/2015", SDQ_SCORE=10),             # fail 185: not in cohort
        oc2("N", "01/01/2015", SDQ_REASON="SDQ2"),        # fail 198
        oc2("N", "01/01/2015", IMMUNISATIONS=1),          # fail 190
    ]
    assert rows("185", OC2=rows_, Episodes=EPISODES) == [2]
    assert rows("198", OC2=rows_, Episodes=EPISODES) == [3]
    assert rows("190", OC2=rows_, Episodes=EPISODES) == [4]


def test_186_sdq_needed_between_4_and_16():
    rows_ = [
        oc2("A", "01/04/2021", **FULL),                    # fail: 4 on 01/04/2025 (boundary)
        oc2("B", "02/04/2021", **FULL),                    # pass: turns 4 a day later
        oc2("A", "01/04/2009", **FULL),                    # pass: 17 on 01/04/2026? no: 16 at end
    ]
    # Third row: born 01/04/2009, 16 at 31/03/2026, so an SDQ is needed too.
    assert rows("186", OC2=rows_, Episodes=EPISODES) == [1, 3]


def test_186_a_score_given_but_not_a_number_is_180s_finding():
    # Text frames, converted by the Context, which keeps the values it could not read.
    eps = pl.DataFrame({"CHILD": ["A", "B"], "DECOM": ["01/01/2024"] * 2, "RNE": ["S"] * 2,
                        "LS": ["C2"] * 2})
    oc2_ = pl.DataFrame({
        "CHILD": ["A", "B"], "DOB": ["01/01/2015"] * 2,
        "SDQ_SCORE": ["twelve",   # given but not a number: 180 only
                      ""],        # blank, no reason: 186
    })
    found = validate(CareData({"Episodes": eps, "OC2": oc2_}), year=2026, rules=["180", "186"])
    assert sorted(found.frame.select("rule", "row").iter_rows()) == [("180", 1), ("186", 2)]


def test_188_189_sdq_not_for_under_4_or_17_plus():
    rows_ = [
        oc2("A", "01/04/2022", SDQ_REASON="SDQ1"),   # fail 188: 3 at 31/03/2026
        oc2("A", "31/03/2022", SDQ_REASON="SDQ1"),   # pass 188: 4 on 31/03/2026
        oc2("B", "01/04/2008", SDQ_SCORE=5),         # fail 189: 17 on 01/04/2025
        oc2("B", "02/04/2008", SDQ_SCORE=5),         # pass 189: 16 on 01/04/2025
    ]
    assert rows("188", OC2=rows_, Episodes=EPISODES) == [1]
    assert rows("189", OC2=rows_, Episodes=EPISODES) == [3]


def test_157_197a_197b():
    rows_ = [
        oc2("A", "01/01/2015", SDQ_REASON="SDQ1"),            # fail 157: aged 10
        oc2("A", "01/01/2015", SDQ_SCORE=3, SDQ_REASON="SDQ2"),  # fail 197a: both
        oc2("B", "01/06/2021"),                               # fail 197B: turns 4 in the year
        oc2("B", "01/06/2015"),                               # pass 197B: 10 all year
        oc2("B", "01/04/2008"),                               # fail 197B: 17 on 01/04/2025
        oc2("B", "31/03/2008"),                               # pass 197B: 17 the day before
        oc2("B", "01/04/2021"),                               # fail 197B: 4 on 01/04/2025
    ]
    assert rows("157", OC2=rows_, Episodes=EPISODES) == [1]
    assert rows("197a", OC2=rows_, Episodes=EPISODES) == [2]
    assert rows("197B", OC2=rows_, Episodes=EPISODES) == [3, 5, 7]


def test_180_181_values():
    rows_ = [
        oc2("A", "01/01/2015", SDQ_SCORE=40, CONVICTED=1),  # pass: boundaries
        oc2("A", "01/01/2015", SDQ_SCORE=41, CONVICTED=2),  # fail 180 and 181
    ]
    assert rows("180", OC2=rows_) == [2]
    assert rows("181", OC2=rows_) == [2]


def test_182_191_completeness():
    rows_ = [
        oc2("A", "01/01/2015", **FULL),                          # pass
        oc2("B", "01/01/2015", CONVICTED=0, IMMUNISATIONS=1),    # fail 182 and 191
    ]
    assert rows("182", OC2=rows_, Episodes=EPISODES) == [2]
    assert rows("191", OC2=rows_, Episodes=EPISODES) == [2]
    # A child in the cohort with no OC2 row is flagged on their first episode.
    found = rows("191", OC2=rows_[:1], Episodes=EPISODES)
    assert found == [2]  # Episodes row 2 (child B)


def test_542_to_547_age_dependent_items():
    rows_ = [
        oc2("A", "01/04/2016", CONVICTED=0, **FULL),   # fail 542: 9 at 31/03/2026
        oc2("A", "31/03/2016", **FULL),                # fail 543: 10 on 31/03/2026, blank
        oc2("B", "01/04/2021", **FULL),                # fail 545: 4 at 31 March, no check
        oc2("B", "31/03/2021", HEALTH_CHECK=1, **FULL),  # fail 546: 5 on 31 March
        oc2("B", "01/01/2015", CONVICTED=1, HEALTH_CHECK=1),  # fail 544 and 547: items blank
    ]
    assert rows("542", OC2=rows_, Episodes=EPISODES) == [1]
    assert rows("543", OC2=rows_, Episodes=EPISODES) == [2]
    assert rows("545", OC2=rows_, Episodes=EPISODES) == [3]
    assert rows("546", OC2=rows_, Episodes=EPISODES) == [4, 5]
    assert rows("544", OC2=rows_, Episodes=EPISODES) == [5]
    assert rows("547", OC2=rows_, Episodes=EPISODES) == [5]


def test_substance_misuse_follow_ups():
    rows_ = [
        {"CHILD": "A", "SUBSTANCE_MISUSE": 1, "INTERVENTION_RECEIVED": 1},  # pass
        {"CHILD": "A", "SUBSTANCE_MISUSE": 1, "INTERVENTION_RECEIVED": 1,
         "INTERVENTION_OFFERED": 0},                                        # fail 158
        {"CHILD": "A", "SUBSTANCE_MISUSE": 1, "INTERVENTION_RECEIVED": 0},  # fail 159
        {"CHILD": "A", "SUBSTANCE_MISUSE": 1},                              # fail 192
        {"CHILD": "A", "SUBSTANCE_MISUSE": 0, "INTERVENTION_OFFERED": 1},   # fail 193
    ]
    assert rows("158", OC2=rows_) == [2]
    assert rows("159", OC2=rows_) == [3]
    assert rows("192", OC2=rows_) == [4]
    assert rows("193", OC2=rows_) == [5]
