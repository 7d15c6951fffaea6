"""Entitlements at their boundaries: birth windows, birthdays, the 12-month rule, ages 21-25."""

import polars as pl

from carematters.entitlements import Parameter, entitlements, parameter_table
from tests.compliance.helpers import care, d, episode, header


def rows(data, as_at, kind):
    found = entitlements(data, d(as_at)).filter(pl.col("ENTITLEMENT") == kind)
    return [
        (r["CHILD"], r["FROM"].strftime("%d/%m/%Y"),
         r["UNTIL"].strftime("%d/%m/%Y") if r["UNTIL"] else None, r["AMOUNT"])
        for r in found.sort("CHILD", "FROM").to_dicts()
    ]


def test_ctf_birth_window_and_top_ups_per_year_of_care():
    data = care(
        Header=[header("IN", "01/09/2002"), header("OUT", "31/08/2002"),
                header("LAST", "02/01/2011"), header("AFTER", "03/01/2011")],
        Episodes=[
            episode("IN", "01/04/2006"),  # anniversaries 01/04/2007-2010 are in the scheme years
            episode("OUT", "01/04/2006"),  # born the day before the window: no CTF
            episode("LAST", "01/03/2011"),  # last day of the window, in care before 03/04/2011
            episode("AFTER", "01/03/2011"),  # born after the window: no CTF
        ],
    )
    topups = rows(data, "01/06/2012", "ctf_topup")
    assert topups == [
        ("IN", "01/04/2007", "01/04/2007", 100.0),
        ("IN", "01/04/2008", "01/04/2008", 100.0),
        ("IN", "01/04/2009", "01/04/2009", 100.0),
        ("IN", "01/04/2010", "01/04/2010", 100.0),
        # 01/04/2011 falls after the scheme years
    ]
    # Junior ISA only for children without a CTF: OUT (counted from 03/01/2011) and AFTER.
    assert rows(data, "01/06/2012", "jisa") == [
        ("AFTER", "01/03/2012", "02/01/2029", 200.0),
        ("OUT", "03/01/2012", "30/08/2020", 200.0),
    ]


def test_jisa_needs_12_months_continuous_care_before_18():
    data = care(
        Header=[header("A", "01/05/2012"), header("SHORT", "01/05/2012"),
                header("TOO_OLD", "01/03/2000")],
        Episodes=[
            episode("A", "01/03/2015"),
            episode("SHORT", "01/03/2015", dec="28/02/2016", rec="E4A"),  # one day short
            episode("TOO_OLD", "01/04/2017"),  # 12 months on 01/04/2018, after turning 18
        ],
    )
    assert rows(data, "28/02/2016", "jisa") == []  # not yet 12 months
    assert rows(data, "01/03/2016", "jisa") == [("A", "01/03/2016", "30/04/2030", 200.0)]
    assert rows(data, "01/06/2018", "jisa") == [("A", "01/03/2016", "30/04/2030", 200.0)]


def test_pupil_premium_plus_by_school_age_on_31_august():
    data = care(
        Header=[header("SEPT", "01/09/2010"), header("AUG", "31/08/2010")],
        Episodes=[episode("SEPT", "01/01/2014"), episode("AUG", "01/01/2014")],
    )
    found = rows(data, "01/05/2015", "pupil_premium_plus")
    assert found == [
        ("AUG", "01/04/2014", "31/03/2015", 1900.0),  # 4 on 31/08/2014: Reception in 2014-15
        ("AUG", "01/04/2015", "31/03/2016", 1900.0),
        ("SEPT", "01/04/2015", "31/03/2016", 1900.0),  # only 4 on 31/08/2015
    ]


def test_rates_come_from_the_parameter_table():
    data = care(Header=[header("A", "01/01/2015")], Episodes=[episode("A", "01/01/2020")])
    # 2025-26 is a gap in the spec: listed without an amount until a rate is supplied
    assert rows(data, "01/05/2025", "pupil_premium_plus")[-1][-1] is None
    extra = (*(), Parameter("pupil_premium_plus", 2630.0, d("01/04/2025"), None, "local", "C"))
    found = entitlements(data, d("01/05/2025"), parameters=extra)
    assert found.filter(pl.col("FROM") == d("01/04/2025"))["AMOUNT"].to_list() == [2630.0]
    assert parameter_table().filter(pl.col("NAME") == "he_bursary")["AMOUNT"].to_list() == [2000.0]


def leaver(child, dob, start, end):
    return [header(child, dob)], [episode(child, start, place="U6", dec=end, rec="E17")]


def test_personal_adviser_to_21_or_25():
    h1, e1 = leaver("P96", "01/01/1996", "01/01/2012", "01/01/2014")  # 25th after April 2018
    h2, e2 = leaver("P92", "01/01/1992", "01/01/2008", "01/01/2010")  # 25th in 2017: to 21
    h3, e3 = leaver("P92E", "01/01/1992", "01/01/2008", "01/01/2010")  # ...unless in education
    data = care(
        Header=h1 + h2 + h3, Episodes=e1 + e2 + e3,
        OC3=[{"CHILD": "P92E", "DOB": "01/01/1992", "IN_TOUCH": "YES", "ACTIV": "F2",
              "ACCOM": "E1"}],
    )
    assert rows(data, "01/06/2019", "personal_adviser") == [
        ("P92", "01/04/2008", "31/12/2012", None),   # eligible 91 days after the 16th birthday
        ("P92E", "01/04/2008", "31/12/2016", None),
        ("P96", "01/04/2012", "31/12/2020", None),
    ]


def test_staying_put_from_13_may_2014_for_foster_care_at_18():
    data = care(
        Header=[header("BEFORE", "12/05/1996"), header("FROM", "13/05/1996"),
                header("HOME", "13/05/1996")],
        Episodes=[
            episode("BEFORE", "01/01/2012", place="U4", dec="12/05/2014", rec="E17"),
            episode("FROM", "01/01/2012", place="U4", dec="13/05/2014", rec="E17"),
            episode("HOME", "01/01/2012", place="K2", dec="13/05/2014", rec="E5"),
        ],
    )
    assert rows(data, "01/06/2014", "staying_put") == [("FROM", "13/05/2014", "12/05/2017", None)]


def test_he_bursary_for_former_relevant_child_in_higher_education():
    data = care(
        Header=[header("UNI", "01/01/2000"), header("FE", "01/01/2000")],
        Episodes=[episode("UNI", "01/01/2015", dec="01/01/2018", rec="E17"),
                  episode("FE", "01/01/2015", dec="01/01/2018", rec="E17")],
        OC3=[{"CHILD": "UNI", "DOB": "01/01/2000", "IN_TOUCH": "YES", "ACTIV": "F1", "ACCOM": "E1"},
             {"CHILD": "FE", "DOB": "01/01/2000", "IN_TOUCH": "YES", "ACTIV": "F2", "ACCOM": "E1"}],
    )
    found = entitlements(data, d("01/06/2019")).filter(pl.col("ENTITLEMENT") == "he_bursary")
    assert found.select("CHILD", "AMOUNT", "EVIDENCE").rows() == [("UNI", 2000.0, "OC3: ACTIV F1")]
