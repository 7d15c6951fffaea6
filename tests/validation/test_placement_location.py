"""Rules on the DfE-derived placement fields (PL_LA, PL_LOCATION, PL_DISTANCE).

Real postcodes: OX1 1AA, OX1 2AA and OX4 1AA are in Oxfordshire (DfE 931); SW1A 1AA is in
Westminster; CF10 1AA is in Wales; TR18 4AA (Penzance) is 373.7 miles from NE1 1AA (Newcastle);
XX1 1XX is not a postcode.
"""

from __future__ import annotations

from tests.validation.util import flagged, rows

OX = "OX1 1AA"


def ep(child: str, home: str | None, place: str | None, ls: str = "C2", **more) -> dict:
    return {"CHILD": child, "DECOM": "01/05/2025", "RNE": "S", "LS": ls, "PLACE": "U1",
            "HOME_POST": home, "PL_POST": place, **more}


UASC = [{"CHILD": "9", "DOB": "01/01/2009", "SEX": "M"}]


def test_164_distance_not_valid() -> None:
    assert rows("164", Episodes=[
        ep("1", OX, "OX4 1AA"),              # 1 pass: located
        ep("2", OX, "XX1 1XX"),              # 2 fail: placement postcode not found (999.9)
        ep("3", "XX1 1XX", OX, ls="V3"),     # 3 pass: short break
        ep("9", "XX1 1XX", OX),              # 4 pass: UASC
        ep("5", None, OX),                   # 5 pass: blank postcode is 392a/392b's finding
    ], UASC=UASC) == [2]


def test_169_and_179_placement_authority_and_location() -> None:
    eps = [
        ep("1", OX, "OX4 1AA"),              # 1 pass
        ep("2", OX, "XX1 1XX"),              # 2 fail: placement not located
        ep("3", OX, None),                   # 3 fail: no placement postcode
        ep("4", OX, "XX1 1XX", ls="V4"),     # 4 pass: short break
    ]
    assert rows("169", Episodes=eps, la="931") == [2, 3]
    assert rows("179", Episodes=eps, la="931") == [2, 3]
    assert rows("179", Episodes=eps) == []   # authority unknown: IN/OUT cannot be derived


def test_392a_no_distance() -> None:
    assert rows("392a", Episodes=[
        ep("1", OX, "OX4 1AA"),              # 1 pass
        ep("2", None, "OX4 1AA"),            # 2 fail: no home postcode
        ep("3", OX, "XX1 1XX"),              # 3 pass: distance 999.9 (164's finding)
        ep("9", None, OX),                   # 4 pass: UASC
        ep("5", None, None, ls="V3"),        # 5 pass: short break
    ], UASC=UASC) == [2]


def test_398_and_420_short_breaks() -> None:
    eps = [
        ep("1", OX, "OX4 1AA", ls="V3"),     # 1 fail: distance and authority derived
        ep("2", None, "OX4 1AA", ls="V4"),   # 2 420 fails (authority), 398 passes (no distance)
        ep("3", None, None, ls="V3"),        # 3 pass
        ep("4", OX, "OX4 1AA"),              # 4 pass: not a short break
    ]
    assert rows("398", Episodes=eps) == [1]
    assert rows("420", Episodes=eps) == [1, 2]


def test_406_uasc_distance() -> None:
    assert rows("406", Episodes=[
        ep("9", OX, "OX4 1AA"),              # 1 fail: UASC with a distance
        ep("9", None, "OX4 1AA"),            # 2 pass: no home postcode, no distance
        ep("1", OX, "OX4 1AA"),              # 3 pass: not UASC
    ], UASC=UASC) == [1]
    # UASC last year only still counts (formerly UASC)
    assert rows("406", Episodes=[ep("9", OX, "OX4 1AA")],  # 1 fail
                previous={"UASC": UASC}) == [1]


def test_454_over_350_miles() -> None:
    assert rows("454", Episodes=[
        ep("1", "TR18 4AA", "NE1 1AA"),      # 1 fail: 373.7 miles
        ep("2", OX, "SW1A 1AA"),             # 2 pass: 51.4 miles
        ep("3", OX, "XX1 1XX"),              # 3 pass: 999.9 means unknown
    ]) == [1]
    assert rows("454", year=2025, Episodes=[ep("1", "TR18 4AA", "NE1 1AA")]) == []  # from 2026


def test_1015_own_provision_outside() -> None:
    eps = [
        ep("1", OX, "SW1A 1AA", PLACE="K2", PLACE_PROVIDER="PR1"),  # 1 fail: own home, London
        ep("2", OX, "OX4 1AA", PLACE="K2", PLACE_PROVIDER="PR1"),   # 2 pass: inside
        ep("3", OX, "SW1A 1AA", PLACE="U1", PLACE_PROVIDER="PR1"),  # 3 pass: fostering
        ep("4", OX, "SW1A 1AA", PLACE="K2", PLACE_PROVIDER="PR4"),  # 4 pass: private
        ep("5", OX, "XX1 1XX", PLACE="K2", PLACE_PROVIDER="PR1"),   # 5 pass: not located (169)
        ep("6", OX, "SW1A 1AA", ls="V3", PLACE="K2", PLACE_PROVIDER="PR1"),  # 6 pass: break
        ep("7", OX, "SW1A 1AA", PLACE="u6", PLACE_PROVIDER="PR1"),  # 7 pass: fostering (u6)
    ]
    assert rows("1015", Episodes=eps, la="931") == [1]
    assert rows("1015", Episodes=eps, la="E10000025") == [1]
    assert rows("1015", Episodes=eps) == []  # authority unknown


def test_243_urn_outside_england() -> None:
    assert rows("243", Episodes=[
        ep("1", OX, "CF10 1AA", URN="SC123456"),   # 1 fail: Wales with a URN
        ep("2", OX, "CF10 1AA"),                   # 2 pass: no URN
        ep("3", OX, "OX4 1AA", URN="SC123456"),    # 3 pass: England
    ]) == [1]


def _last_year(home: str | None, place: str | None, dec: str | None = None) -> dict:
    return {"Episodes": [{"CHILD": "1", "DECOM": "01/05/2024", "RNE": "S", "LS": "C2",
                          "PLACE": "U1", "HOME_POST": home, "PL_POST": place, "DEC": dec}]}


def _first(place: str, rne: str = "S") -> list[dict]:
    return [{"CHILD": "1", "DECOM": "01/05/2024", "RNE": rne, "LS": "C2", "PLACE": "U1",
             "HOME_POST": OX, "PL_POST": place}]


def test_452_503h_placement_authority_carried_over() -> None:
    before = _last_year(OX, "OX4 1AA")
    assert rows("452", Episodes=_first("OX4 1AA"), previous=before, la="931") == []  # same
    assert rows("452", Episodes=_first("SW1A 1AA"), previous=before, la="931") == [1]  # moved
    assert rows("452", Episodes=_first("SW1A 1AA", "P"), previous=before) == []  # RNE differs
    assert rows("503H", Episodes=_first("SW1A 1AA", "P"), previous=before) == [1]
    closed = _last_year(OX, "OX4 1AA", "01/03/2025")
    assert rows("503H", Episodes=_first("SW1A 1AA"), previous=closed) == []  # not open


def test_453_503g_distance_carried_over() -> None:
    before = _last_year(OX, "OX4 1AA")  # 1.0 mile
    assert rows("503G", Episodes=_first("OX4 1AA"), previous=before) == []      # pass: same
    assert rows("503G", Episodes=_first("OX1 2AA"), previous=before) == [1]     # fail: 0.3
    assert rows("453", Episodes=_first("OX1 2AA"), previous=before) == [1]      # fail
    assert rows("453", Episodes=_first("OX1 2AA", "P"), previous=before) == []  # RNE differs
    no_home = _last_year(None, "OX4 1AA")  # no distance last year, one now
    assert rows("503G", Episodes=_first("OX4 1AA"), previous=no_home) == [1]


def test_503j_location_carried_over() -> None:
    before = _last_year(OX, "OX4 1AA")  # IN
    assert rows("503J", Episodes=_first("OX1 2AA"), previous=before, la="931") == []  # IN
    assert rows("503J", Episodes=_first("SW1A 1AA"), previous=before, la="931") == [1]  # OUT
    assert flagged("503J", Episodes=_first("SW1A 1AA"), previous=before) == []  # la unknown
