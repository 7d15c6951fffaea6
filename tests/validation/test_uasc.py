"""UASC flag against the date UASC status ceased: 105, 303, 205B, 205C; and 411 on a sent PL_LA.

Header rows with a `UASC` value stand for an XML return whose flags the reader kept as sent; rows
without it for a CSV return (flag derived from the UASC rows)."""

from tests.validation.util import flagged, rows


def hdr(child, uasc="absent", dob="01/01/2009"):
    row = {"CHILD": child, "DOB": dob, "SEX": "M"}
    if uasc != "absent":
        row["UASC"] = uasc
    return row


def uasc(child, duc=None, dob="01/01/2009"):
    return {"CHILD": child, "DOB": dob, "SEX": "M", "DUC": duc}


def test_105_flag_not_0_or_1_or_missing():
    header = [
        hdr("A", "0"),    # pass
        hdr("B", "1"),    # pass
        hdr("C", "2"),    # fail: not a code
        hdr("D", None),   # fail: not completed
        hdr("E", " 1 "),  # pass: surrounding space
        hdr("F", "Y"),    # fail
    ]
    assert rows("105", Header=header, UASC=[uasc("B")]) == [3, 4, 6]
    # CSV: no flag sent, nothing to check
    assert rows("105", Header=[hdr("A"), hdr("B")], UASC=[uasc("B")]) == []


def test_303_duc_given_but_flag_not_1():
    header = [hdr("A", "1"), hdr("B", "0"), hdr("C", None), hdr("D", "0")]
    table = [
        uasc("A", "01/06/2025"),  # pass: flagged 1
        uasc("B", "01/06/2025"),  # fail: flag 0 beside a DUC
        uasc("C", "01/06/2025"),  # fail: flag missing
        # D: flag 0, no UASC row: pass
    ]
    assert flagged("303", Header=header, UASC=table) == [
        ("Header", 2), ("Header", 3), ("UASC", 2), ("UASC", 3)]
    # CSV: a DUC is what makes the child UASC, so the derived flag is 1
    assert flagged("303", Header=[hdr("A"), hdr("B")], UASC=table[:2]) == []


def test_205c_never_uasc_but_a_duc_given():
    last_year = {"Header": [hdr("A", "0"), hdr("B", "1"), hdr("C", "0")],
                 "UASC": [uasc("B")]}
    this_year = {
        "Header": [hdr("A", "0"), hdr("B", "0"), hdr("C", "0"), hdr("D", "0")],
        "UASC": [
            uasc("A", "01/06/2025"),  # fail: 0 both years, DUC given
            uasc("B", "01/06/2025"),  # pass: UASC last year (and 303 says the flag is wrong)
            # C: 0 both years, no DUC: pass
            uasc("D", "01/07/2025"),  # fail: new this year, 0, DUC given
        ],
    }
    assert flagged("205C", previous=last_year, **this_year) == [
        ("Header", 1), ("Header", 4), ("UASC", 1), ("UASC", 3)]
    assert flagged("205C", **this_year) == []  # no previous return: last year unknown


def test_205b_uasc_both_years_but_the_ducs_disagree():
    last_year = {
        "Header": [hdr(c) for c in "ABCDEF"],
        "UASC": [
            uasc("A"),                # still UASC, no DUC yet
            uasc("B", "01/01/2025"),  # ceased last year
            uasc("C", "01/01/2025"),
            uasc("D"),
            uasc("E"),
            uasc("F", "01/01/2027"),  # 18th birthday ahead, given early
        ],
    }
    this_year = {
        "Header": [hdr(c) for c in "ABCDEFG"],
        "UASC": [
            uasc("A", "01/01/2026"),  # pass: ceased this year
            uasc("B", "01/01/2025"),  # pass: the same DUC again
            uasc("C", "02/01/2025"),  # fail: a different DUC
            uasc("D", "31/03/2025"),  # fail: ceased before this year, none shown last year
            uasc("E", "01/04/2025"),  # pass: first day of the year
            uasc("F"),                # fail: last year's DUC dropped
            uasc("G", "01/05/2025"),  # pass: not UASC last year (205D's business)
        ],
    }
    assert rows("205B", previous=last_year, **this_year) == [3, 4, 6]
    assert rows("205B", **this_year) == []


def ep(pl_la, location, child="A"):
    return {"CHILD": child, "DECOM": "01/05/2025", "RNE": "S", "LS": "C2", "CIN": "N1",
            "PLACE": "U1", "PL_LA": pl_la, "PL_LOCATION": location}


def test_411_location_in_but_placed_in_another_authority():
    episodes = [
        ep("394", "IN"),        # pass: Sunderland's DfE code
        ep("E08000024", "IN"),  # pass: Sunderland's ONS code
        ep("391", "IN"),        # fail: Newcastle
        ep("391", "OUT"),       # pass
        ep(None, "IN"),         # pass: left to 169
        ep("WAL", " in "),      # fail: Wales, IN written loosely
    ]
    assert rows("411", la="394", Episodes=episodes) == [3, 6]
    assert rows("411", la="E08000024", Episodes=episodes) == [3, 6]
    assert rows("411", Episodes=episodes) == []  # returning authority unknown


def test_411_needs_the_sent_fields():
    plain = [{"CHILD": "A", "DECOM": "01/05/2025", "PL_POST": "NE1 4LP"}]  # derived: IN/OUT agree
    assert rows("411", la="394", Episodes=plain) == []


def test_205a_reads_the_flag_as_sent():
    # XML flags kept by the reader stand in for the derived flag (ctx.uasc_flag).
    last_year = {"Header": [hdr("A", "1"), hdr("B", "1")],
                 "UASC": [uasc("A"), uasc("B", "01/06/2024")]}
    this_year = {
        "Header": [
            hdr("A", "0"),  # fail: UASC last year, 0 now, no DUC last year
            hdr("B", "0"),  # pass: last year's DUC fell in last year
        ],
        # A's row is still here (a DUC beside a 0 flag, 303's finding); derived, A would be 1
        "UASC": [uasc("A", "01/06/2025")],
    }
    assert rows("205A", previous=last_year, **this_year) == [1]
