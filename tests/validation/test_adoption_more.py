"""199, 334, 336, 408, 516, 601, 602 and previous permanence 630, 632-635."""

from tests.validation.util import flagged, rows

AD1_FULL = {"DATE_INT": "01/03/2025", "DATE_MATCH": "01/04/2025", "FOSTER_CARE": 0,
            "NB_ADOPTR": 1, "SEX_ADOPTR": "F1", "LS_ADOPTR": "L0"}


def test_adoption_against_episodes():
    eps = [
        {"CHILD": "A", "DECOM": "01/05/2025", "DEC": "01/09/2025", "REC": "E11", "PLACE": "A4",
         "LS": "E1", "RNE": "S"},                                 # fail 601: AD1 incomplete
        {"CHILD": "A", "DECOM": "01/10/2025", "RNE": "S", "PLACE": "U4"},   # fail 199
        {"CHILD": "B", "DECOM": "01/05/2025", "DEC": "01/06/2025", "REC": "X1", "PLACE": "R1",
         "RNE": "S"},
        {"CHILD": "B", "DECOM": "01/06/2025", "PLACE": "A4", "RNE": "P"},   # fail 336: from R1
        {"CHILD": "C", "DECOM": "01/06/2025", "PLACE": "A6", "LS": "C2", "RNE": "S"},  # fail 408
        {"CHILD": "D", "DECOM": "01/06/2025", "DEC": "01/09/2025", "REC": "E45", "PLACE": "K2",
         "RNE": "S"},                                             # fail 516
    ]
    ad1 = [{"CHILD": "A", "DATE_INT": "01/03/2025"},     # fail 601 (incomplete), 334 (before care)
           {"CHILD": "Z", **AD1_FULL}]                   # fail 602: Z was not adopted
    assert rows("199", Episodes=eps) == [2]
    assert rows("336", Episodes=eps) == [4]
    assert rows("408", Episodes=eps) == [5]
    assert rows("516", Episodes=eps) == [6]
    assert flagged("601", Episodes=eps, AD1=ad1) == [("AD1", 1), ("Episodes", 1)]
    assert flagged("601", Episodes=eps, AD1=[]) == [("Episodes", 1)]  # no AD1 row at all
    assert rows("602", Episodes=eps, AD1=ad1) == [2]
    assert flagged("334", Episodes=eps, AD1=ad1) == [("AD1", 1), ("Episodes", 2)]


def test_previous_permanence():
    eps = [{"CHILD": c, "DECOM": "01/06/2025", "RNE": "S"} for c in "ABCDE"]
    perm = [
        {"CHILD": "A", "PREV_PERM": "P1", "LA_PERM": "800", "DATE_PERM": "zz/05/2025"},
        # fail 632: read as 31/05/2025, fine; pass 630, 633
        {"CHILD": "B", "PREV_PERM": "P2", "LA_PERM": "123", "DATE_PERM": "zz/06/2025"},
        # fail 633 (no such authority), fail 632 (30/06/2025 is after care began)
        {"CHILD": "C", "PREV_PERM": "P3"},                                # fail 630: where/when
        {"CHILD": "D", "PREV_PERM": "Z1", "LA_PERM": "800"},              # fail 635
    ]   # E has no PrevPerm row: fail 630
    assert rows("630", Episodes=eps, PrevPerm=perm) == [3, 5]
    assert flagged("632", Episodes=eps, PrevPerm=perm) == [("Episodes", 2), ("PrevPerm", 2)]
    assert rows("633", PrevPerm=perm) == [2]
    assert rows("635", PrevPerm=perm) == [4]
    old = [{"CHILD": "A", "DECOM": "01/01/2016", "RNE": "S"}]   # fail 634: began before 04/2016
    assert rows("634", Episodes=old, PrevPerm=perm) == [1]


def test_199_the_adoptions_own_episode_is_not_after_it():
    eps = [
        {"CHILD": "A", "DECOM": "17/06/2025", "DEC": "20/05/2025", "REC": "E12", "RNE": "S"},
        # pass 199: DEC before DECOM (the date rules' finding), but it is the adoption itself
        {"CHILD": "B", "DECOM": "01/05/2025", "DEC": "01/06/2025", "REC": "E11", "RNE": "S"},
        {"CHILD": "B", "DECOM": "01/06/2025", "RNE": "S"},   # fail 199: starts on the adoption day
        {"CHILD": "C", "DECOM": "01/05/2025", "DEC": "01/06/2025", "REC": "E11", "RNE": "S"},
        {"CHILD": "C", "DECOM": "01/05/2025", "DEC": "01/06/2025", "REC": "E11", "RNE": "S"},
        # pass 199 (both copies): a duplicated adoption episode began before the adoption
    ]
    assert rows("199", Episodes=eps) == [3]
