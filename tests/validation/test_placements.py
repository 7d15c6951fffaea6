"""Placement details: providers, URNs and reasons for placement change."""

from tests.validation.util import rows


def ep(child, place, provider=None, urn=None, **more):
    return {"CHILD": child, "DECOM": more.pop("DECOM", "01/05/2025"), "PLACE": place,
            "PLACE_PROVIDER": provider, "URN": urn, **more}


def test_provider_with_placement():
    eps = [
        ep("A", "P1", "PR0"),    # pass all
        ep("B", "R2", "PR1"),    # fail 527
        ep("C", "R5", "PR2"),    # fail 528
        ep("D", "U4", "PR3"),    # fail 529
        ep("E", "P1", "PR4"),    # fail 530
        ep("F", "P1", "PR5"),    # fail 531
        ep("G", "U4", "PR0"),    # fail 550
        ep("H", "U4", None),     # fail 526: needs a provider
        ep("I", "T1", "PR1"),    # fail 213: temporary placements have none
        ep("J", "Z11", None),    # pass 526/213
        ep("K", "U4", "PR9"),    # fail 178
    ]
    for code, expected in {"527": [2], "528": [3], "529": [4], "530": [5], "531": [6],
                           "550": [7], "526": [8], "213": [9], "178": [11]}.items():
        assert rows(code, Episodes=eps) == expected, code


def test_urn_rules():
    eps = [
        ep("A", "U4", "PR1", "SC123456"),                 # pass
        ep("B", "U4", "PR1", None),                       # fail 218
        ep("C", "U4", "PR1", None, DECOM="01/01/2024", DEC="31/03/2025", REC="E4A"),
        # pass 218: ended before the year
        ep("D", "U4", "PR1", None, LS="V3"),              # pass 218: short break
        ep("E", "U4", "PR1", "SC123456", LS="V4"),        # fail 214: URN on a short break
        ep("F", "P1", "PR0", "SC123456"),                 # fail 222: URN with parents
        ep("G", "P1", "PR0", "XXXXXXX"),                  # pass 222
        ep("H", "U4", "PR1", "SC12345"),                  # fail 1008: too short
        ep("I", "U4", "PR1", "1234567"),                  # pass 1008
    ]
    assert rows("218", Episodes=eps) == [2]
    assert rows("214", Episodes=eps) == [5]
    assert rows("222", Episodes=eps) == [6]
    assert rows("1008", Episodes=eps) == [8]


def test_reason_for_placement_change():
    header = [{"CHILD": "A", "DOB": "01/06/2016"}]
    eps = [
        ep("A", "U4", DECOM="01/05/2025", DEC="01/06/2025", REC="X1", RNE="S"),
        # fail 225: moved on 01/06 without a reason
        ep("A", "U6", DECOM="01/06/2025", DEC="01/07/2025", REC="X1", RNE="P",
           REASON_PLACE_CHANGE="OTHER"),   # reason given for a move into T1
        ep("A", "T1", DECOM="01/07/2025", DEC="05/07/2025", REC="X1", RNE="P"),  # fail 226
        ep("A", "U6", DECOM="05/07/2025", DEC="31/05/2026", REC="X1", RNE="P",
           REASON_PLACE_CHANGE="CUSTOD"),  # fail 234: ends the day before the 10th birthday
        ep("A", "R5", DECOM="31/05/2026", RNE="P", REASON_PLACE_CHANGE="CARPL"),  # fail 233
    ]
    assert rows("225", Episodes=eps, Header=header) == [1]
    assert rows("226", Episodes=eps, Header=header) == [3]
    assert rows("233", Episodes=eps, Header=header) == [5]
    assert rows("234", Episodes=eps, Header=header) == [4]
