"""Header family: motherhood, UPN, sex."""

from tests.validation.util import flagged, rows


def child(name, sex="F", dob="01/01/2008", **more):
    return {"CHILD": name, "SEX": sex, "DOB": dob, **more}


IN_CARE = [{"CHILD": c, "DECOM": "01/01/2024", "RNE": "S", "LS": "C2"} for c in "ABCDEFGH"]


def test_motherhood_items():
    header = [
        child("A", MOTHER=1, MC_DOB="01/05/2025"),   # pass
        child("B", MOTHER=2),                        # fail 165: not 0/1
        child("C", "M", MOTHER=0, MC_DOB="01/05/2025"),  # fail 165 (male) and 174
        child("D"),                                  # fail 393: girl in care, blank
        child("E", MOTHER=1),                        # fail 611: no child's DOB
        child("F", MOTHER=0, MC_DOB="01/05/2025"),   # fail 612
        child("G", dob="02/04/2014", MOTHER=1, MC_DOB="01/05/2025"),  # fail 620: 10 on 01/04/2025
        child("H", MOTHER=1, MC_DOB="01/01/2008"),   # fail 621: same day as mother
        child("I", MOTHER=1, MC_DOB="01/04/2026"),   # fail 625: after the year
    ]
    kw = {"Header": header, "Episodes": IN_CARE}
    assert rows("165", **kw) == [2, 3]
    assert rows("174", **kw) == [3]
    assert rows("393", **kw) == [4]
    assert rows("611", **kw) == [5]
    assert rows("612", **kw) == [6]
    assert rows("620", **kw) == [7]
    assert rows("621", **kw) == [8]
    assert rows("625", **kw) == [9]


def test_607_628_399_who_is_asked():
    header = [child("A"),                       # fail 607: left care this year, blank
              child("B", MOTHER=0),             # fail 628: care leaver only, not in care
              child("C", MOTHER=0)]             # fail 399: short breaks only
    eps = [{"CHILD": "A", "DECOM": "01/01/2024", "DEC": "01/06/2025", "REC": "E4A", "LS": "C2"},
           {"CHILD": "C", "DECOM": "01/06/2025", "DEC": "03/06/2025", "REC": "E4A", "LS": "V3"}]
    oc3 = [{"CHILD": "B", "IN_TOUCH": "YES", "ACTIV": "F1", "ACCOM": "B1"}]
    reviews = [{"CHILD": "C", "REVIEW": "02/06/2025"}]
    assert rows("607", Header=header, Episodes=eps) == [1]
    assert rows("628", Header=header, Episodes=eps, OC3=oc3) == [2]
    assert flagged("399", Header=header, Episodes=eps, Reviews=reviews) == [
        ("Header", 3), ("Reviews", 1)]


def test_upn_rules():
    header = [
        child("A", UPN="A12345678901B"),   # pass: 11 digits and a letter
        child("B", UPN="I123456789012"),   # fail 168: I is not used
        child("C", UPN="UN6"),             # fail 168
        child("D", dob="31/08/2020", UPN="UN1"),  # fail 209: 4 on 31/08/2024
        child("E", dob="01/09/2020", UPN="UN1"),  # pass 209
        child("F", UPN=None),              # fail 442 (in care)
        child("G", UPN="A123456789012"),   # fail 444 with H
        child("H", UPN="A123456789012"),   # fail 444
    ]
    kw = {"Header": header, "Episodes": IN_CARE}
    assert rows("168", **kw) == [2, 3]
    assert rows("209", **kw) == [4]
    assert rows("442", **kw) == [6]
    assert rows("444", **kw) == [7, 8]


def test_210_un4_only_for_the_newly_looked_after():
    header = [child("A", UPN="UN4"), child("B", UPN="UN4"), child("C", UPN="UN4")]
    eps = [{"CHILD": "A", "DECOM": "23/03/2026", "RNE": "S"},   # fail: 8 days at 31 March
           {"CHILD": "B", "DECOM": "24/03/2026", "RNE": "S"},   # pass: exactly a week
           {"CHILD": "C", "DECOM": "01/01/2026", "DEC": "01/02/2026", "REC": "E4A",
            "RNE": "S"}]                                         # pass: not in care at 31 March
    assert rows("210", Header=header, Episodes=eps) == [1]


def test_232_sex_unknown():
    assert rows("232", Header=[child("A", "U"), child("B", "F")]) == [1]
