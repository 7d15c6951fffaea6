"""NI 58 and the OC2 outcomes (spec §2.1, §2.8) on a hand-built year 2024."""

import pytest

from carematters.indicators import Parameters, compute_one

from .builders import care_data, episodes, frame, header

EPISODES = episodes(
    ("H1", "01/01/2020", "S", "C2", "U4", None, None),
    ("H2", "01/01/2019", "S", "C2", "K2", None, None),
    ("H3", "01/01/2021", "S", "C2", "U6", None, None),
    ("H4", "01/01/2022", "S", "V2", "U6", None, None),
    ("H5", "01/06/2023", "S", "V2", "U6", None, None),  # started in the year: not in cohort
    ("H6", "01/01/2018", "S", "C2", "U4", None, None),
    ("H7", "01/01/2022", "S", "C2", "U6", None, None),
)
HEADER = header(
    ("H1", "01/05/2012"),  # 11 at 31/03/2024
    ("H2", "01/06/2008"),  # 15
    ("H3", "01/01/2020"),  # 4: in the SDQ cohort, under 5 for development checks
    ("H4", "01/01/2007"),  # 17: outside the SDQ cohort
    ("H5", "01/01/2010"),
    ("H6", "01/01/2014"),  # 10: no OC2 row at all
    ("H7", "01/05/2021"),  # 2
)
OC2_COLUMNS = ("CHILD", "SDQ_SCORE", "SDQ_REASON", "CONVICTED", "HEALTH_CHECK", "IMMUNISATIONS",
               "TEETH_CHECK", "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE",
               "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED")
OC2 = frame(
    "OC2", OC2_COLUMNS,
    ("H1", 10, None, 0, None, 1, 1, 1, 0, None, None),
    ("H2", 15, None, 1, None, 0, 0, 1, 1, 0, 1),
    ("H3", None, "SDQ4", None, 1, None, None, 0, 0, None, None),
    ("H4", 20, None, 0, None, None, None, 1, 1, 1, None),
    ("H5", 30, None, 0, None, 1, 1, 1, 0, None, None),
    ("H7", None, "SDQ1", None, 0, 1, None, 1, 0, None, None),
)
DATA = care_data((2024,), Episodes=EPISODES, Header=HEADER, OC2=OC2)


@pytest.mark.parametrize(("ind", "numerator", "denominator", "children"), [
    # SDQ cohort H1, H2, H3, H6; scores 10 and 15 -> mean 12.5
    ("NI58", 25, 2, ["H1", "H2"]),
    ("NI58_COMPLETION", 2, 4, ["H1", "H2"]),
    ("NI58_NORMAL", 1, 2, ["H1"]),
    ("NI58_BORDERLINE", 1, 2, ["H2"]),
    ("NI58_CONCERN", 0, 2, []),
    # 12-month cohort H1, H2, H3, H4, H6, H7
    ("OC2_HEALTH_ASSESSMENT", 4, 6, ["H1", "H2", "H4", "H7"]),
    ("OC2_IMMUNISATIONS", 2, 6, ["H1", "H7"]),
    ("OC2_DENTAL", 1, 6, ["H1"]),
    ("OC2_DEVELOPMENT", 1, 2, ["H3"]),  # under 5: H3, H7
    ("OC2_SUBSTANCE_MISUSE", 2, 6, ["H2", "H4"]),
    ("OC2_INTERVENTION_RECEIVED", 1, 2, ["H4"]),
    ("OC2_INTERVENTION_REFUSED", 1, 1, ["H2"]),
    ("OC2_CONVICTED", 1, 4, ["H2"]),  # 10+: H1, H2, H4, H6
])
def test_oc2_measures(ind, numerator, denominator, children):
    result = compute_one(ind, DATA, 2024)
    assert (result.numerator, result.denominator) == (numerator, denominator)
    if result.indicator.unit == "%":
        assert result.numerator_children()["CHILD"].to_list() == children


def test_ni58_mean_and_lower_age_parameter():
    assert compute_one("NI58", DATA, 2024).value == 12.5
    # LG Inform's reading (5 to 16) drops H3, aged 4, from the completion denominator.
    older = compute_one("NI58_COMPLETION", DATA, 2024, Parameters(sdq_min_age=5))
    assert (older.numerator, older.denominator) == (2, 3)


def test_ni_era_cohort_at_30_september():
    data = care_data((2023, 2024), Header=HEADER, OC2=OC2, Episodes=episodes(
        # H1: looked after since 2020 -> in both cohorts
        ("H1", "01/01/2020", "S", "C2", "U4", None, None),
        # H2: entered 01/01/2023: 12 months by 31/03/2024, not by 30/09/2023
        ("H2", "01/01/2023", "S", "C2", "K2", None, None),
        # H6: left care 01/01/2024: in care for the 12 months to 30/09/2023 only
        ("H6", "01/01/2018", "S", "C2", "U4", "01/01/2024", "E4A"),
    ))
    march = compute_one("OC2_HEALTH_ASSESSMENT", data, 2024)
    september = compute_one("OC2_HEALTH_ASSESSMENT", data, 2024,
                            Parameters(oc2_reference="30 September"))
    assert march.children["CHILD"].to_list() == ["H1", "H2"]
    assert september.children["CHILD"].to_list() == ["H1", "H6"]
