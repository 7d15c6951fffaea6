"""502 and 503A-F: last year's open episode must reappear unchanged."""

from tests.validation.util import rows

LAST_YEAR = {"Episodes": [
    {"CHILD": "A", "DECOM": "01/01/2025", "RNE": "S", "LS": "C2", "CIN": "N1", "PLACE": "U4",
     "PLACE_PROVIDER": "PR1"},                                       # open at 31/03/2025
    {"CHILD": "B", "DECOM": "01/01/2025", "DEC": "01/02/2025", "REC": "E4A", "RNE": "S",
     "PLACE": "U4"},                                                 # closed: not compared
    {"CHILD": "C", "DECOM": "01/01/2024", "RNE": "S", "PLACE": "H5"},  # open H5
    {"CHILD": "D", "DECOM": "01/01/2024", "RNE": "S", "PLACE": "Z1"},  # open Z1
]}


def test_502_start_date_must_match():
    this_year = [
        {"CHILD": "A", "DECOM": "02/01/2025", "RNE": "S"},  # fail: start date moved
        {"CHILD": "A", "DECOM": "01/05/2025", "RNE": "P"},  # pass: not the first episode
        {"CHILD": "B", "DECOM": "01/06/2025", "RNE": "S"},  # pass: last year's was closed
        {"CHILD": "E", "DECOM": "01/06/2025", "RNE": "S"},  # pass: not in last year
    ]
    assert rows("502", Episodes=this_year, previous=LAST_YEAR) == [1]
    assert rows("502", Episodes=this_year) == []  # pass: no previous return given


def test_503_fields_must_match():
    this_year = [
        {"CHILD": "A", "DECOM": "01/01/2025", "RNE": "S", "LS": "C1", "CIN": "N1",
         "PLACE": "U4", "PLACE_PROVIDER": "PR4"},  # fail 503B (LS) and 503E (provider)
    ]
    assert rows("503A", Episodes=this_year, previous=LAST_YEAR) == []
    assert rows("503B", Episodes=this_year, previous=LAST_YEAR) == [1]
    assert rows("503C", Episodes=this_year, previous=LAST_YEAR) == []
    assert rows("503E", Episodes=this_year, previous=LAST_YEAR) == [1]
    assert rows("503F", Episodes=this_year, previous=LAST_YEAR) == []  # both URNs blank


def test_503d_allows_recoding_forced_by_code_list_changes():
    this_year = [
        {"CHILD": "A", "DECOM": "01/01/2025", "PLACE": "U6"},  # fail: U4 became U6
        {"CHILD": "C", "DECOM": "01/01/2024", "PLACE": "K3"},  # pass: H5 withdrawn, now K3
        {"CHILD": "D", "DECOM": "01/01/2024", "PLACE": "Z12"},  # pass in 2026: Z1 split
    ]
    assert rows("503D", Episodes=this_year, previous=LAST_YEAR) == [1]
    # fail in 2025 for D: Z11-Z14 did not exist yet
    assert rows("503D", Episodes=this_year, previous=LAST_YEAR, year=2025) == [1, 3]
