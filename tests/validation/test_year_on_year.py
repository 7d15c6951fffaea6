"""Header against last year (202-208, 624, 626) and UASC (205D, 231, 304)."""

from tests.validation.util import flagged, rows


def child(name, **items):
    return {"CHILD": name, "SEX": "F", "DOB": "01/01/2010", "ETHNIC": "WBRI",
            "UPN": "A123456789012", **items}


def test_identity_items_do_not_change():
    last = {"Header": [child("A", SEX="2"), child("B"), child("C"), child("D", UPN="UN1"),
                       child("E", UPN="A123456789012"), child("F", MOTHER=1, MC_DOB="01/01/2025"),
                       child("G", MOTHER=0)]}
    now = [
        child("A", SEX="F"),                            # pass 202: 2 recoded as F in 2025
        child("B", SEX="M", DOB="02/01/2010"),          # fail 202 and 203
        child("C", ETHNIC="WIRI"),                      # fail 204
        child("D", UPN="A123456789012"),                # pass 208: became known
        child("E", UPN="B123456789012"),                # fail 208: a different UPN
        child("F", MOTHER=0, MC_DOB="02/01/2025"),      # fail 207 and 624
        child("G", MOTHER=1, MC_DOB="01/01/2025"),      # fail 626: child born before the year
    ]
    eps = [{"CHILD": "F", "DECOM": "01/01/2024"}]
    kw = {"Header": now, "Episodes": eps, "previous": last}
    assert rows("202", **kw) == [2]
    assert rows("203", **kw) == [2]
    assert rows("204", **kw) == [3]
    assert rows("208", **kw) == [5]
    assert rows("207", **kw) == [6]
    assert rows("624", **kw) == [6]
    assert rows("626", **kw) == [7]


def test_uasc():
    header = [child("A", DOB="01/01/2008"), child("B", DOB="01/06/2016"), child("C")]
    last = {"Header": [child("A"), child("B"), child("C")],
            "UASC": [{"CHILD": "A", "SEX": "F", "DUC": "01/01/2027"}]}
    uasc = [{"CHILD": "B", "SEX": "F", "DOB": "01/06/2016"},        # fail 205D, 231 (aged 9)
            {"CHILD": "C", "SEX": "F", "DOB": "01/01/2010", "DUC": "02/01/2028"},  # fail 304, 205D
            {"CHILD": "A", "SEX": "F", "DUC": "01/01/2025"}]  # pass 205D: ceased before the year
    assert rows("205D", Header=header, UASC=uasc, previous=last) == [1, 2]
    assert flagged("231", Header=header, UASC=uasc) == [("Header", 2)]
    assert rows("304", Header=header, UASC=uasc) == [2]


def test_205a_uasc_last_year_only_needs_a_duc_last_year():
    header = [{"CHILD": c, "DOB": "01/01/2008", "SEX": "M"} for c in "ABCD"]
    last_year = {
        "Header": header,
        "UASC": [
            {"CHILD": "A", "SEX": "M", "DUC": "01/01/2025"},  # ceased in 2024-25
            {"CHILD": "B", "SEX": "M"},                       # no DUC last year
            {"CHILD": "C", "SEX": "M", "DUC": "01/01/2024"},  # ceased before last year
            {"CHILD": "D", "SEX": "M"},                       # still UASC this year
        ],
    }
    this_year = {"Header": header, "UASC": [{"CHILD": "D", "SEX": "M"}]}
    # A passes; B and C fail (rows 2, 3); D is UASC in both years
    assert rows("205A", previous=last_year, **this_year) == [2, 3]
    assert rows("205A", **this_year) == []  # no previous return: nothing to compare
