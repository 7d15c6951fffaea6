"""Missing family: 564-567, 570, 571, 574-578, 580, 581, 586."""

from tests.validation.util import rows


def mis(child, start, end=None, kind="M", dob=None):
    return {"CHILD": child, "MISSING": kind, "MIS_START": start, "MIS_END": end, "DOB": dob}


def test_simple_field_rules():
    m = [
        mis("A", None, None, "M"),                   # fail 564: type but no start
        mis("A", "01/05/2025", None, None),          # fail 565: start but no type
        mis("A", None, "01/05/2025", None),          # fail 566: end but no type
        mis("A", "02/05/2025", "01/05/2025"),        # fail 567: ends before it starts; fail 574
        mis("B", "01/04/2026"),                      # fail 570: after 31/03/2026
        mis("C", "01/03/2025", "31/03/2025"),        # fail 571: ended before 01/04/2025
        mis("C", "30/03/2026", "01/04/2026"),        # fail 571: ended after year end
        mis("D", "31/03/2026", "31/03/2026"),        # pass: boundaries
    ]
    assert rows("564", Missing=m) == [1]
    assert rows("565", Missing=m) == [2]
    assert rows("566", Missing=m) == [3]
    assert rows("567", Missing=m) == [4]
    assert rows("570", Missing=m) == [5]
    assert rows("571", Missing=m) == [6, 7]


def test_574_no_overlap():
    m = [
        mis("A", "01/05/2025", "05/05/2025"),   # pass
        mis("A", "05/05/2025", "06/05/2025"),   # pass: starts the day the last ended
        mis("B", "01/05/2025", None),           # pass: the first
        mis("B", "10/05/2025", "11/05/2025"),   # fail: previous still open
        mis("C", "01/05/2025", "10/05/2025"),   # pass
        mis("C", "09/05/2025", "12/05/2025"),   # fail: overlaps
    ]
    assert rows("574", Missing=m) == [4, 6]


EPS = [
    {"CHILD": "A", "DECOM": "01/04/2025", "DEC": "01/06/2025", "REC": "X1", "RNE": "S"},
    {"CHILD": "A", "DECOM": "01/06/2025", "DEC": "01/09/2025", "REC": "E4A", "RNE": "P"},
    {"CHILD": "B", "DECOM": "01/05/2025", "RNE": "S"},
]


def test_575_577_578_581_missing_against_care():
    m = [
        mis("A", "10/05/2025"),                 # fail 575 (placement ended) and 577 (care ended)
        mis("A", "10/06/2025", "12/06/2025"),   # pass
        mis("A", "10/09/2025", "12/09/2025"),   # fail 578: after care ended on 01/09
        mis("B", "10/05/2025"),                 # pass: still in care, placement open
        mis("B", "10/04/2025", "11/04/2025"),   # fail 581: before care began
    ]
    assert rows("575", Missing=m, Episodes=EPS) == [1]
    assert rows("577", Missing=m, Episodes=EPS) == [1]
    assert rows("578", Missing=m, Episodes=EPS) == [3]
    assert rows("581", Missing=m, Episodes=EPS) == [5]


def test_576_open_period_carried_over():
    last = {"Missing": [mis("A", "01/03/2025"), mis("B", "01/03/2025")]}
    m = [mis("A", "01/03/2025", "05/04/2025"),  # pass: same start
         mis("B", "02/03/2025", "05/04/2025")]  # fail: start date changed
    assert rows("576", Missing=m, previous=last) == [2]


def test_580_and_586():
    header = [{"CHILD": "A", "DOB": "01/09/2007"}, {"CHILD": "B", "DOB": "01/09/2007"}]
    eps = [{"CHILD": "A", "DECOM": "01/01/2025", "DEC": "01/09/2025", "REC": "E8"},   # pass
           {"CHILD": "B", "DECOM": "01/01/2025", "DEC": "01/09/2025", "REC": "E13"}]  # fail 580
    m = [mis("A", "25/08/2025"), mis("B", "25/08/2025", "01/09/2025"),
         mis("B", "31/08/2007", "01/09/2007")]  # fail 586: before birth
    assert rows("580", Header=header, Episodes=eps, Missing=m) == [2]
    assert rows("586", Header=header, Missing=m) == [3]
