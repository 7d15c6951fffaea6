"""Postcodes (392b-d), URN placeholder (242), and episodes against last year (562, NoE, EPI)."""

from tests.validation.util import rows


def test_postcodes():
    eps = [
        {"CHILD": "A", "HOME_POST": "OX1 1AA", "PL_POST": "OX4 1AA", "PLACE": "U4"},  # pass
        {"CHILD": "B", "HOME_POST": "OX1 1AA", "PL_POST": None, "PLACE": "U4"},        # fail 392b
        {"CHILD": "C", "HOME_POST": "OX1", "PL_POST": "OX41AA", "PLACE": "U4"},       # fail 392c
        {"CHILD": "D", "HOME_POST": "OX1 1AA", "PL_POST": "ox11aa", "PLACE": "U4"},    # fail 392d
        {"CHILD": "E", "HOME_POST": "OX1 1AA", "PL_POST": "OX1 1AA", "PLACE": "P1"},   # pass 392d
        {"CHILD": "F", "HOME_POST": None, "PL_POST": None, "PLACE": "U4", "LS": "V3"},  # pass: break
        {"CHILD": "G", "HOME_POST": "XX1 1XX", "PL_POST": "OX4 1AA", "PLACE": "U4"},  # fail 392c:
        # well formed but not in the ONS postcode directory
    ]
    assert rows("392b", Episodes=eps) == [2]
    assert rows("392c", Episodes=eps) == [3, 7]
    assert rows("392d", Episodes=eps) == [4]
    # A UASC child without a home postcode is not flagged by 392b.
    assert rows("392b", Episodes=eps[1:2], UASC=[{"CHILD": "B", "SEX": "M"}]) == []


def test_242_placeholder_urn():
    eps = [{"CHILD": "A", "PLACE": "A4", "URN": "XXXXXXX"},   # pass: adoption agency
           {"CHILD": "B", "PLACE": "K2", "URN": "XXXXXXX"}]   # fail
    assert rows("242", Episodes=eps) == [2]


def test_562_noe_epi():
    last = {"Episodes": [{"CHILD": "A", "DECOM": "01/01/2025"},
                         {"CHILD": "B", "DECOM": "01/01/2024", "DEC": "01/01/2025", "REC": "X1"},
                         {"CHILD": "B", "DECOM": "01/01/2025"}]}
    eps = [{"CHILD": "A", "DECOM": "01/01/2025"},   # pass: last year's final episode
           {"CHILD": "B", "DECOM": "02/01/2025"},   # fail 562: not last year's final one
           {"CHILD": "C", "DECOM": "01/03/2025"}]   # fail NoE: C not in last year's return
    assert rows("562", Episodes=eps, previous=last) == [2, 3]
    assert rows("NoE", Episodes=eps, previous=last) == [3]
    header = [{"CHILD": "A"}, {"CHILD": "Z"}]       # fail EPI: Z has no episodes or OC3 record
    assert rows("EPI", Header=header, Episodes=eps) == [2]
