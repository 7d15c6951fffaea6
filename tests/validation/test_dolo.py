"""Deprivation of liberty orders (2026-27 on): 702-710."""

from tests.validation.util import flagged, rows


def dolo(child, start, end=None):
    return {"CHILD": child, "DOLO_START": start, "DOLO_END": end}


def test_dates():
    d = [
        dolo("A", "01/05/2026", "30/04/2026"),   # fail 702: ends before it starts
        dolo("B", "01/05/2026", "01/05/2026"),   # pass 702: same day
        dolo("C", "01/04/2027"),                 # fail 703: after 31/03/2027
        dolo("D", "01/01/2026", "31/03/2026"),   # fail 704: ended before 01/04/2026
        dolo("E", "01/05/2026", None),           # pass
        dolo("E", "01/06/2026", "02/06/2026"),   # fail 705: previous still open
    ]
    assert rows("702", DoLo=d, year=2027) == [1]
    assert rows("703", DoLo=d, year=2027) == [3]
    assert rows("704", DoLo=d, year=2027) == [4]
    assert rows("705", DoLo=d, year=2027) == [6]


def test_carried_over_and_ended_with_care():
    header = [{"CHILD": "A", "DOB": "01/01/2012"}, {"CHILD": "B", "DOB": "01/01/2012"}]
    last = {"DoLo": [dolo("A", "01/01/2026"), dolo("B", "01/01/2026")]}
    d = [dolo("A", "01/01/2026", "01/05/2026"),   # A carried over: pass 706
         dolo("C", "01/01/2010")]                 # fail 708: before C's birth
    # B's open order is missing this year: B's Header row is flagged.
    assert flagged("706", Header=header, DoLo=d, previous=last, year=2027) == [("Header", 2)]
    eps = [{"CHILD": "A", "DECOM": "01/12/2025", "DEC": "01/05/2026", "REC": "E4A", "RNE": "S"}]
    open_order = [dolo("A", "01/01/2026")]        # fail 707: care ended, order open
    assert rows("707", Episodes=eps, DoLo=open_order, year=2027) == [1]
    header_c = [{"CHILD": "C", "DOB": "02/01/2010"}]
    assert rows("708", Header=header_c, DoLo=d, year=2027) == [2]


def test_placement_types_under_an_order():
    eps = [{"CHILD": "A", "DECOM": "01/04/2026", "DEC": "01/06/2026", "REC": "X1", "PLACE": "K2"},
           {"CHILD": "A", "DECOM": "01/06/2026", "DEC": "01/08/2026", "REC": "X1", "PLACE": "K1"},
           {"CHILD": "A", "DECOM": "01/08/2026", "PLACE": "U4"},
           {"CHILD": "B", "DECOM": "01/04/2026", "PLACE": "K1"}]   # B has no order: pass
    d = [dolo("A", "01/05/2026")]   # open order overlapping all three of A's episodes
    assert flagged("710", Episodes=eps, DoLo=d, year=2027) == [("DoLo", 1), ("Episodes", 2)]
    assert flagged("709", Episodes=eps, DoLo=d, year=2027) == [("DoLo", 1), ("Episodes", 3)]
