"""Adoption family: AD1 and PlacedAdoption against episodes."""

from tests.validation.util import flagged, rows

AD1_FULL = {"DATE_INT": "01/05/2025", "DATE_MATCH": "01/06/2025", "FOSTER_CARE": 0,
            "NB_ADOPTR": 2, "SEX_ADOPTR": "MF", "LS_ADOPTR": "L11"}


def test_151_all_or_nothing():
    ad1 = [{"CHILD": "A", **AD1_FULL},                 # pass
           {"CHILD": "B", "DATE_INT": "01/05/2025"},    # fail: partly completed
           {"CHILD": "C"}]                              # pass: all blank
    assert rows("151", AD1=ad1) == [2]


def test_333_order_of_decision_and_match():
    ad1 = [{"CHILD": "A", "DATE_INT": "01/06/2025", "DATE_MATCH": "01/06/2025"},  # pass: same day
           {"CHILD": "B", "DATE_INT": "02/06/2025", "DATE_MATCH": "01/06/2025"},  # fail
           {"CHILD": "C", "DATE_MATCH": "01/06/2025"}]                            # fail: no decision
    assert rows("333", AD1=ad1) == [2, 3]


def test_adopters_codes_agree():
    ad1 = [
        {"CHILD": "A", "NB_ADOPTR": 2, "SEX_ADOPTR": "F1", "LS_ADOPTR": "L0"},  # fail 511, 514
        {"CHILD": "B", "NB_ADOPTR": 2, "SEX_ADOPTR": "MM", "LS_ADOPTR": "L3"},  # fail 517
        {"CHILD": "C", "NB_ADOPTR": 2, "SEX_ADOPTR": "MF", "LS_ADOPTR": "L4"},  # fail 518
        {"CHILD": "D", "NB_ADOPTR": 1, "SEX_ADOPTR": "M1", "LS_ADOPTR": "L2"},  # fail 519
        {"CHILD": "E", "NB_ADOPTR": 2, "SEX_ADOPTR": "FF", "LS_ADOPTR": "L11"},  # fail 520
        {"CHILD": "F", "NB_ADOPTR": 2, "SEX_ADOPTR": "MF", "LS_ADOPTR": "L12"},  # fail 524
        {"CHILD": "G", "NB_ADOPTR": 1, "SEX_ADOPTR": "F1", "LS_ADOPTR": "L0"},  # pass all
    ]
    assert rows("511", AD1=ad1) == [1]
    assert rows("514", AD1=ad1) == []  # L0 with F1 is fine; 511 catches the count
    assert rows("517", AD1=ad1) == [2]
    assert rows("518", AD1=ad1) == [3]
    assert rows("519", AD1=ad1) == [4]
    assert rows("520", AD1=ad1) == [5]
    assert rows("524", AD1=ad1) == [6]


def test_390_and_335_adoption_episode():
    eps = [
        {"CHILD": "A", "DECOM": "01/05/2025", "DEC": "01/09/2025", "REC": "E11", "PLACE": "A3"},
        {"CHILD": "B", "DECOM": "01/05/2025", "DEC": "01/09/2025", "REC": "E12", "PLACE": "U4"},
    ]  # row 1 pass 390; row 2 fail 390: adopted from foster care
    ad1 = [{"CHILD": "A", "FOSTER_CARE": 0}]  # fail 335: A3 is with current carers
    assert rows("390", Episodes=eps) == [2]
    assert flagged("335", Episodes=eps, AD1=ad1) == [("AD1", 1), ("Episodes", 1)]


def test_521_522_523_decision_dates():
    eps = [{"CHILD": "A", "DECOM": "01/07/2025", "PLACE": "A4"},   # placed 01/07
           {"CHILD": "B", "DECOM": "01/07/2025", "PLACE": "A4"}]
    ad1 = [{"CHILD": "A", "DATE_INT": "01/07/2025"},    # pass 521: same day
           {"CHILD": "B", "DATE_INT": "02/07/2025"}]    # fail 521: decided after placement
    assert flagged("521", Episodes=eps, AD1=ad1) == [("AD1", 2), ("Episodes", 2)]
    pa = [{"CHILD": "A", "DATE_PLACED": "01/07/2025", "DATE_PLACED_CEASED": "30/06/2025"},  # fail 522
          {"CHILD": "B", "DATE_PLACED": "02/07/2025"}]  # pass 523: same as AD1
    assert rows("522", PlacedAdoption=pa) == [1]
    ad1_523 = [{"CHILD": "A", "DATE_INT": "02/07/2025"},  # fail: differs from 01/07
               {"CHILD": "B", "DATE_INT": "02/07/2025"}]  # pass
    assert flagged("523", PlacedAdoption=pa, AD1=ad1_523) == [("AD1", 1), ("PlacedAdoption", 1)]


def test_551_552_553_554_need_a_decision_first():
    eps = [
        {"CHILD": "A", "DECOM": "01/07/2025", "PLACE": "A6", "LS": "E1"},  # fail 551, 553
        {"CHILD": "B", "DECOM": "01/07/2025", "PLACE": "A6", "LS": "E1"},  # fail 552, 554
        {"CHILD": "C", "DECOM": "01/07/2025", "PLACE": "A6", "LS": "E1"},  # pass
    ]
    pa = [{"CHILD": "B", "DATE_PLACED": "02/07/2025"},    # decided after placement and order
          {"CHILD": "C", "DATE_PLACED": "01/07/2025"}]    # decided the same day: fine
    assert rows("551", Episodes=eps, PlacedAdoption=pa) == [1]
    assert flagged("552", Episodes=eps, PlacedAdoption=pa) == [
        ("Episodes", 2), ("PlacedAdoption", 1)]
    assert flagged("553", Episodes=eps, PlacedAdoption=pa) == [("Episodes", 1)]
    assert flagged("554", Episodes=eps, PlacedAdoption=pa) == [
        ("Episodes", 2), ("PlacedAdoption", 1)]


def test_525_558_1003_184():
    header = [{"CHILD": "A", "DOB": "01/01/2020"}, {"CHILD": "B", "DOB": "01/01/2020"}]
    eps = [{"CHILD": "A", "DECOM": "01/03/2025", "RNE": "S", "DEC": "01/09/2025",
            "REC": "E11"}]
    pa = [{"CHILD": "A", "DATE_PLACED": "01/02/2025", "DATE_PLACED_CEASED": "01/03/2025"},
          {"CHILD": "B", "DATE_PLACED": "31/12/2019"}]  # fail 184: before birth
    ad1 = [{"CHILD": "A", **AD1_FULL}]
    assert flagged("525", PlacedAdoption=pa, AD1=ad1) == [("AD1", 1), ("PlacedAdoption", 1)]
    assert rows("558", Episodes=eps, PlacedAdoption=pa) == [1]
    assert flagged("1003", Episodes=eps, PlacedAdoption=pa) == [
        ("Episodes", 1), ("PlacedAdoption", 1)]  # decided 01/02, care began 01/03
    assert rows("184", Header=header, PlacedAdoption=pa) == [2]


def test_331_matched_before_placed_for_adoption():
    eps = [{"CHILD": "A", "DECOM": "01/07/2025", "DEC": "01/12/2025", "REC": "E11", "PLACE": "A4"},
           {"CHILD": "B", "DECOM": "01/07/2025", "DEC": "01/12/2025", "REC": "E12", "PLACE": "A4"}]
    ad1 = [{"CHILD": "A", "DATE_MATCH": "01/07/2025"},   # pass: matched the day of placement
           {"CHILD": "B", "DATE_MATCH": "02/07/2025"}]   # fail: matched after placement
    assert flagged("331", Episodes=eps, AD1=ad1) == [("AD1", 2), ("Episodes", 2)]
