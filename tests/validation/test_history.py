"""The rules judging a child's whole care history (1000, 1001, 1002, 199; 562 and NoE), with and
without the earlier years' returns (`validate(..., history=...)`). Collection year 2026; the
history stands for the 2023 and 2024 returns (April 2022 to March 2024)."""

from tests.validation.util import rows


def leaver(child):
    return {"CHILD": child, "IN_TOUCH": "YES", "ACTIV": "F1", "ACCOM": "B1"}


#: Last year's return holds someone's episodes (1001 and 1002 need last year's data at all).
LAST = {"Episodes": [{"CHILD": "Q", "DECOM": "01/01/2025", "RNE": "S", "LS": "C2"}]}


def test_1002_a_care_leaver_whose_care_ended_three_years_ago():
    oc3 = [leaver("X"),   # X: looked after 2021-22 only, in the history
           leaver("D")]   # D: never looked after, in any year
    history = {"Episodes": [{"CHILD": "X", "DECOM": "01/06/2021", "DEC": "01/09/2022",
                             "REC": "E8", "RNE": "S", "LS": "C2"}]}
    assert rows("1002", OC3=oc3, Episodes=[], previous=LAST) == [1, 2]   # X looks never in care
    assert rows("1002", OC3=oc3, Episodes=[], previous=LAST, history=history) == [2]   # pass X


def test_1000_died_in_care_before_last_year():
    history = {"Episodes": [{"CHILD": "A", "DECOM": "01/06/2021", "DEC": "01/09/2022",
                             "REC": "E2"}]}   # A died in care (then: an OC3 row is an error)
    assert rows("1000", OC3=[leaver("A")], Episodes=[], previous=LAST) == []
    assert rows("1000", OC3=[leaver("A")], Episodes=[], previous=LAST, history=history) == [1]


def test_1001_judged_over_the_whole_history():
    header = [{"CHILD": "Y", "DOB": "01/06/2007"},   # 18 at 31 March 2026
              {"CHILD": "Z", "DOB": "01/06/2005"},   # 20: beyond two years' reach
              {"CHILD": "W", "DOB": "01/06/2005"}]
    oc3 = [leaver("Y"), leaver("Z"), leaver("W")]
    last = {"Episodes": [
        # Y's care continued into last year (RNE P) and ended in adoption: without the history
        # its start is unseen, so Y cannot be judged; with it Y fails (adopted, not a care leaver)
        {"CHILD": "Y", "DECOM": "01/05/2024", "DEC": "01/06/2024", "REC": "E11", "RNE": "P",
         "LS": "C2"},
    ]}
    history = {"Episodes": [
        {"CHILD": "Y", "DECOM": "01/05/2023", "DEC": "01/05/2024", "REC": "X1", "RNE": "S",
         "LS": "C2"},
        # Z: the 2023 return's copy of the episode, still open, then the 2024 return's, ended:
        # looked after from 15 to 18, eligible: pass
        {"CHILD": "Z", "DECOM": "01/06/2020", "RNE": "S", "LS": "C2"},
        {"CHILD": "Z", "DECOM": "01/06/2020", "DEC": "01/06/2023", "REC": "E8", "RNE": "S",
         "LS": "C2"},
        # W: 30 days at 17, not eligible: fail, seen only with the history
        {"CHILD": "W", "DECOM": "01/07/2022", "DEC": "31/07/2022", "REC": "E8", "RNE": "S",
         "LS": "C2"},
    ]}
    assert rows("1001", Header=header, OC3=oc3, Episodes=[], previous=last) == []
    assert rows("1001", Header=header, OC3=oc3, Episodes=[], previous=last,
                history=history) == [1, 3]


def test_1001_history_without_last_year():
    header = [{"CHILD": "W", "DOB": "01/06/2005"}]
    history = {"Episodes": [{"CHILD": "W", "DECOM": "01/07/2022", "DEC": "31/07/2022",
                             "REC": "E8", "RNE": "S", "LS": "C2"}]}   # 30 days: fail
    assert rows("1001", Header=header, OC3=[leaver("W")], Episodes=[]) == []
    assert rows("1001", Header=header, OC3=[leaver("W")], Episodes=[], history=history) == [1]


def test_199_adopted_before_last_year():
    eps = [{"CHILD": "A", "DECOM": "01/06/2025", "RNE": "S"},   # fail with the history
           {"CHILD": "B", "DECOM": "01/06/2025", "RNE": "S"}]   # pass: B was not adopted
    history = {"Episodes": [
        {"CHILD": "A", "DECOM": "01/01/2021", "DEC": "01/01/2023", "REC": "E11"},  # adopted
        {"CHILD": "B", "DECOM": "01/01/2021", "DEC": "01/01/2023", "REC": "E8"},
    ]}
    assert rows("199", Episodes=eps, previous=LAST) == []
    assert rows("199", Episodes=eps, previous=LAST, history=history) == [1]


def test_562_noe_are_about_last_year_whatever_the_history():
    # An episode begun before this year is open on 1 April 2025, so it belongs in last year's
    # return: earlier years' episodes of the same child do not excuse its absence there.
    last = {"Episodes": [{"CHILD": "A", "DECOM": "01/01/2025"}]}
    eps = [{"CHILD": "A", "DECOM": "01/01/2025"},   # pass: last year's final episode
           {"CHILD": "C", "DECOM": "01/03/2025"}]   # fail 562 and NoE: not in last year's
    history = {"Episodes": [{"CHILD": "C", "DECOM": "01/03/2022", "DEC": "01/05/2022",
                             "REC": "E8"}]}
    for history_given in (None, history):
        assert rows("562", Episodes=eps, previous=last, history=history_given) == [2]
        assert rows("NoE", Episodes=eps, previous=last, history=history_given) == [2]
        # Without last year's return they cannot say anything, history or not.
        assert rows("562", Episodes=eps, history=history_given) == []
        assert rows("NoE", Episodes=eps, history=history_given) == []
