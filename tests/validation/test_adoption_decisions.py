"""Decisions to place for adoption over time: 117-119, 557, 559-561, 563, 579, 582-584."""

from tests.validation.util import flagged, rows


def pa(child, placed=None, ceased=None, reason=None):
    return {"CHILD": child, "DATE_PLACED": placed, "DATE_PLACED_CEASED": ceased,
            "REASON_PLACED_CEASED": reason}


def test_117_118_decision_dates_against_care():
    eps = [{"CHILD": "A", "DECOM": "01/05/2025", "DEC": "01/09/2025", "REC": "E4A", "LS": "C2"},
           {"CHILD": "B", "DECOM": "01/05/2025", "LS": "C2"}]
    decisions = [pa("A", "02/09/2025"),                      # fail 117: after care ended
                 pa("B", "01/06/2025", "30/04/2025", "RD1")]  # fail 118: ceased before care began
    assert flagged("117", Episodes=eps, PlacedAdoption=decisions) == [
        ("Episodes", 1), ("PlacedAdoption", 1)]
    assert flagged("118", Episodes=eps, PlacedAdoption=decisions) == [
        ("Episodes", 2), ("PlacedAdoption", 2)]


def test_119_563_579_583_within_the_table():
    decisions = [
        pa("A", "01/05/2025", "01/06/2025", None),      # fail 119: date without reason
        pa("B", None, "01/06/2025", "RD1"),             # fail 563: no decision date
        pa("C", "01/05/2025"),                          # fail 583: earlier, still open
        pa("C", "01/07/2025"),                          # fail 579: previous still open
        pa("D", "01/05/2025", "01/07/2025", "RD3"),     # pass
        pa("D", "01/06/2025"),                          # fail 579: before previous ceased
    ]
    assert rows("119", PlacedAdoption=decisions) == [1]
    assert rows("563", PlacedAdoption=decisions) == [2]
    assert rows("583", PlacedAdoption=decisions) == [3]
    assert rows("579", PlacedAdoption=decisions) == [4, 6]


def test_557_582_with_episodes():
    eps = [{"CHILD": "A", "DECOM": "01/05/2025", "DEC": "01/09/2025", "REC": "E4A", "PLACE": "A4"},
           {"CHILD": "B", "DECOM": "01/05/2025", "DEC": "01/09/2025", "REC": "E11", "PLACE": "A4"}]
    # A left care from an adoption placement without the reversal recorded: fail 557
    assert rows("557", Episodes=eps, PlacedAdoption=[pa("A", "01/04/2025")]) == [1]
    assert rows("557", Episodes=eps,
                PlacedAdoption=[pa("A", "01/04/2025", "01/09/2025", "RD1")]) == []
    # B adopted the day of matching: fail 582
    assert rows("582", Episodes=eps, AD1=[{"CHILD": "B", "DATE_MATCH": "01/09/2025"}]) == [2]


def test_against_last_year():
    last = {"PlacedAdoption": [pa("A", "01/01/2025"),                         # open
                               pa("B", "01/01/2025", "01/03/2025", "RD1")]}  # reversed
    now = [pa("A", "02/01/2025"),   # fail 560: open decision re-dated
           pa("B", "01/01/2025"),   # fail 561 and 584: reversed decision repeated
           pa("C", "01/01/2025")]   # fail 559: before the year, not in last year's return
    assert rows("560", PlacedAdoption=now, previous=last) == [1]
    assert rows("561", PlacedAdoption=now, previous=last) == [2]
    assert rows("584", PlacedAdoption=now, previous=last) == [2]
    assert rows("559", PlacedAdoption=now, previous=last) == [3]
    assert rows("559", PlacedAdoption=now) == []  # pass: no previous return given
