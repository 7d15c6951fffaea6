"""Care leavers against their episodes: 1000-1002, 1010-1012, 1014, 348; reviews 167, 440, 441;
353, 446."""

from tests.validation.util import flagged, rows


def leaver(child, in_touch="YES"):
    return {"CHILD": child, "IN_TOUCH": in_touch, "ACTIV": "F1", "ACCOM": "B1"}


def test_1000_1002_1010_1011():
    eps = [{"CHILD": "A", "DECOM": "01/01/2024", "DEC": "01/06/2025", "REC": "E2"},   # died
           {"CHILD": "B", "DECOM": "01/01/2024", "DEC": "01/06/2025", "REC": "E3"}]   # transferred
    last = {"Episodes": [{"CHILD": "C", "DECOM": "01/01/2024"},                       # open
                         {"CHILD": "A", "DECOM": "01/01/2024"}]}
    oc3 = [leaver("A"), leaver("B"), leaver("C"), leaver("D")]
    assert rows("1000", OC3=oc3, Episodes=eps, previous=last) == [1]
    assert rows("1011", OC3=oc3, Episodes=eps, previous=last) == [2]
    assert rows("1010", OC3=oc3, Episodes=eps, previous=last) == [3]   # C open last year, none now
    assert rows("1002", OC3=oc3, Episodes=eps, previous=last) == [4]   # D never looked after
    assert rows("1002", OC3=oc3, Episodes=eps) == []                   # needs last year's data


def test_1002_1010_an_unreadable_date_last_year():
    # Last year's DECOM of E and DEC of F could not be read (the reader nulled them).
    last = {"Episodes": [{"CHILD": "E", "DECOM": None, "DEC": "01/06/2024", "REC": "E4A"},
                         {"CHILD": "F", "DECOM": "01/01/2024", "REC": "E17"},    # ended: REC
                         {"CHILD": "G", "DECOM": "01/01/2024"}]}                 # open
    oc3 = [leaver("E"), leaver("F"), leaver("G")]
    # E had an episode (ended), though its start is unknown
    assert rows("1002", OC3=oc3, Episodes=[], previous=last) == []      # pass: E had episodes
    assert rows("1010", OC3=oc3, Episodes=[], previous=last) == [3]     # pass F, fail G


def test_1001_thirteen_weeks_after_14():
    header = [{"CHILD": c, "DOB": "01/06/2007"} for c in "ABC"]
    eps = [
        # A: looked after 01/03/2023 (age 15) to 01/07/2025 (age 18): eligible, pass
        {"CHILD": "A", "DECOM": "01/03/2023", "DEC": "01/07/2025", "REC": "E8", "LS": "C2",
         "RNE": "S"},
        # B: only 30 days, all after 16: fail
        {"CHILD": "B", "DECOM": "01/05/2025", "DEC": "31/05/2025", "REC": "E8", "LS": "C2",
         "RNE": "S"},
        # C: the earliest episode seen continues earlier care (RNE P): cannot judge, pass
        {"CHILD": "C", "DECOM": "01/05/2025", "DEC": "31/05/2025", "REC": "E8", "LS": "C2",
         "RNE": "P"},
    ]
    last = {"Episodes": [eps[0]]}
    assert rows("1001", Header=header, OC3=[leaver("A"), leaver("B"), leaver("C")], Episodes=eps,
                previous=last) == [2]


def test_1012_1014_348():
    oc3 = [leaver("A"), leaver("B")]
    assert flagged("1012", OC3=oc3, Reviews=[{"CHILD": "A"}], OC2=[{"CHILD": "B"}]) == [
        ("OC2", 1), ("Reviews", 1)]
    assert flagged("1014", OC3=oc3, UASC=[{"CHILD": "A"}]) == [("OC3", 1), ("UASC", 1)]
    last = {"OC3": [leaver("A", "DIED")]}
    assert rows("348", OC3=[leaver("A", "YES"), leaver("B")], previous=last) == [1]


def test_reviews():
    reviews = [
        {"CHILD": "A", "DOB": "01/06/2021", "REVIEW": "31/05/2025", "REVIEW_CODE": "PN0"},  # pass
        {"CHILD": "A", "DOB": "01/06/2021", "REVIEW": "01/06/2025", "REVIEW_CODE": "PN0"},  # 440
        {"CHILD": "A", "DOB": "01/06/2021", "REVIEW": "31/05/2025", "REVIEW_CODE": "PN1"},  # 441
        {"CHILD": "A", "DOB": "01/06/2021", "REVIEW": "31/05/2025", "REVIEW_CODE": None},   # 167
        {"CHILD": "A", "DOB": "01/06/2021", "REVIEW": "31/05/2025", "REVIEW_CODE": "PN9"},  # 167
    ]
    assert rows("440", Reviews=reviews) == [2]
    assert rows("441", Reviews=reviews) == [3]
    assert rows("167", Reviews=reviews) == [4, 5]


def test_353_446_old_dates():
    eps = [{"CHILD": "A", "DECOM": "13/10/1991", "LS": "C2"},   # fail 353
           {"CHILD": "B", "DECOM": "14/10/1991", "LS": "C2"},   # pass 353
           {"CHILD": "C", "DECOM": "30/11/2005", "LS": "E1"},   # fail 446
           {"CHILD": "D", "DECOM": "01/12/2005", "LS": "E1"}]   # pass 446
    assert rows("353", Episodes=eps) == [1]
    assert rows("446", Episodes=eps) == [3]
