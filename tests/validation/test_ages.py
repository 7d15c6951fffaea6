"""Age limits: 301, 302, 351, 352, 358, 359, 371-374, 386, 387, 389, 407, 460."""

from tests.validation.util import rows

HEADER = [{"CHILD": "A", "DOB": "15/06/2010"},   # 15 on 15/06/2025
          {"CHILD": "B", "DOB": "15/06/2007"},   # 18 on 15/06/2025
          {"CHILD": "C", "DOB": "29/02/2012"}]   # leap-day birthday


def ep(child, decom, dec=None, **more):
    return {"CHILD": child, "DECOM": decom, "DEC": dec, "REC": more.pop("REC", None), **more}


def test_placement_minimum_ages_include_open_episodes():
    eps = [
        ep("A", "14/06/2026", PLACE="K3"),       # fail 371: 15 (and open)
        ep("A", "15/06/2016", PLACE="S1"),       # pass 373: 6
        ep("A", "14/06/2014", PLACE="S1"),       # fail 373: 3, day before 4th birthday
        ep("A", "15/06/2024", PLACE="P3"),       # pass 374: 14 on the day
        ep("A", "14/06/2020", PLACE="R5"),       # fail 372: 9
    ]
    assert rows("371", Header=HEADER, Episodes=eps) == [1]
    assert rows("372", Header=HEADER, Episodes=eps) == [5]
    assert rows("373", Header=HEADER, Episodes=eps) == [3]
    assert rows("374", Header=HEADER, Episodes=eps) == []


def test_ages_when_ceasing():
    eps = [
        ep("B", "01/01/2025", "15/06/2025", REC="E11"),   # fail 386: adopted on 18th birthday
        ep("A", "01/01/2025", "14/06/2024", REC="E5"),    # fail 387: 13
        ep("A", "01/01/2025", "15/06/2024", REC="E6"),    # pass 387: 14 on the day
        ep("A", "01/01/2025", "01/07/2025", REC="E7"),    # fail 389: 15
        ep("B", "01/01/2025", "16/06/2025", REC="E45"),   # fail 407: 18
        ep("B", "01/01/2025", "14/06/2025", REC="E17"),   # fail 460: a day short of 18
        ep("B", "01/01/2025", "15/06/2025", REC="E17"),   # pass 460
    ]
    assert rows("386", Header=HEADER, Episodes=eps) == [1]
    assert rows("387", Header=HEADER, Episodes=eps) == [2]
    assert rows("389", Header=HEADER, Episodes=eps) == [4]
    assert rows("407", Header=HEADER, Episodes=eps) == [5]
    assert rows("460", Header=HEADER, Episodes=eps) == [6]


def test_leap_day_birthday_reached_on_28_february():
    eps = [ep("C", "28/02/2022", RNE="S", LS="J1"),      # pass 358: 10 on 28/02/2022
           ep("C", "27/02/2022", RNE="S", LS="J1")]      # fail 358: 9
    assert rows("358", Header=HEADER, Episodes=eps) == [2]


def test_start_and_header_dates():
    header = HEADER + [{"CHILD": "D", "DOB": "01/04/2026"},   # fail 301: born after 31/03/2026
                       {"CHILD": "E", "DOB": "31/03/2000"},   # fail 351: 25th birthday 31/03/2025
                       {"CHILD": "F", "DOB": "01/04/2000"}]   # pass 351: 25 on 01/04/2025
    assert rows("301", Header=header) == [4]
    assert rows("351", Header=header) == [5]
    eps = [ep("B", "15/06/2025", RNE="S"),      # fail 352: started on the 18th birthday
           ep("A", "14/06/2010", RNE="S")]      # fail 302: before birth
    assert rows("352", Header=HEADER, Episodes=eps) == [1]
    assert rows("302", Header=HEADER, Episodes=eps) == [2]


def test_359_after_18_only_s20_5_in_a_community_home():
    eps = [
        ep("B", "01/01/2025", "15/06/2025", REC="E8", LS="C2", PLACE="U4"),  # pass: ends on birthday
        ep("B", "01/01/2025", "16/06/2025", REC="E8", LS="C2", PLACE="U4"),  # fail: a day past
        ep("B", "15/06/2025", None, LS="V2", PLACE="K2"),                    # pass: s20(5)
        ep("B", "15/06/2025", None, LS="V2", PLACE="U4"),                    # fail: open, 18+
    ]
    assert rows("359", Header=HEADER, Episodes=eps) == [2, 4]
