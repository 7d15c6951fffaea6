"""OC3 family: care leavers' records."""

from tests.validation.util import flagged, rows


def leaver(child, dob, in_touch="YES", activ="F1", accom="B1"):
    return {"CHILD": child, "DOB": dob, "IN_TOUCH": in_touch, "ACTIV": activ, "ACCOM": accom}


def test_344_345_in_touch_against_activity():
    oc3 = [
        leaver("A", "01/06/2007", "DIED", "0", "0"),    # pass
        leaver("B", "01/06/2007", "DIED", "F1", "0"),   # fail 344
        leaver("C", "01/06/2007", "RHOM", "0", "B1"),   # fail 344
        leaver("D", "01/06/2007", "YES", "0", "B1"),    # fail 345
        leaver("E", "01/06/2007", "NO", "0", "0"),      # pass both
    ]
    assert rows("344", OC3=oc3) == [2, 3]
    assert rows("345", OC3=oc3) == [4]


def test_153_all_or_nothing():
    oc3 = [leaver("A", "01/06/2007"),                               # pass
           {"CHILD": "B", "DOB": "01/06/2007", "IN_TOUCH": "YES"},  # fail: partly filled
           {"CHILD": "C", "DOB": "01/06/2007"}]                     # pass: all blank
    assert rows("153", OC3=oc3) == [2]


def test_391_age_17_or_more():
    oc3 = [leaver("A", "31/03/2009"),   # pass: 17 on 31/03/2026 (last day of year)
           leaver("B", "01/04/2009")]   # fail: 17 only on 01/04/2026
    assert rows("391", OC3=oc3) == [2]


def test_347_and_3001_accommodation_by_age():
    oc3 = [leaver("A", "01/06/2008", accom="T1"),   # fail 347: 17 this year, in a foyer
           leaver("B", "01/06/2007", accom="T2"),   # pass 347: 18 this year
           leaver("C", "01/06/2008", accom="Z1"),   # fail 3001: 17 with former foster carers
           leaver("D", "01/06/2007", accom="Z1")]   # pass 3001: Staying Put at 18
    assert rows("347", OC3=oc3) == [1]
    assert rows("3001", OC3=oc3) == [3]


def test_1007_looked_after_on_the_birthday():
    oc3 = [leaver("A", "01/06/2008"),   # fail: 17 on 01/06/2025, episode still open
           leaver("B", "01/06/2008"),   # pass: left care before the birthday
           leaver("C", "01/06/2008"),   # fail: episode ends the day after the birthday
           leaver("D", "01/06/2007")]   # fail 1016: left care on the 18th birthday itself
    eps = [{"CHILD": "A", "DECOM": "01/01/2024"},
           {"CHILD": "B", "DECOM": "01/01/2024", "DEC": "31/05/2025", "REC": "E4A"},
           {"CHILD": "C", "DECOM": "01/01/2024", "DEC": "02/06/2025", "REC": "E4A"},
           {"CHILD": "D", "DECOM": "01/01/2024", "DEC": "01/06/2025", "REC": "E8"}]
    assert rows("1007", OC3=oc3, Episodes=eps) == [1, 3]
    # 1016: ceased on or after the birthday
    assert rows("1016", OC3=oc3, Episodes=eps) == [3, 4]


def test_134_187_215_records_that_cannot_coexist():
    eps = [{"CHILD": "A", "DECOM": "01/01/2024", "RNE": "S"}]  # A: looked after 12 months
    oc3 = [leaver("A", "01/06/2007"), leaver("B", "01/06/2007")]
    ad1 = [{"CHILD": "A", "NB_ADOPTR": 1}, {"CHILD": "C", "NB_ADOPTR": 1}]
    oc2 = [{"CHILD": "B", "IMMUNISATIONS": 1}, {"CHILD": "C", "IMMUNISATIONS": 1}]
    assert flagged("134", OC3=oc3, AD1=ad1) == [("AD1", 1)]   # A has both
    assert flagged("187", OC3=oc3, AD1=ad1, Episodes=eps) == [("AD1", 1), ("OC3", 1)]
    assert flagged("215", OC3=oc3, OC2=oc2) == [("OC2", 1), ("OC3", 2)]  # B has both
