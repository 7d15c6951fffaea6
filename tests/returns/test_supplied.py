"""Columns beyond the CSV layout (returns/supplied.py): the XML UASC flag as sent, and the
DfE-derived placement fields when a return carries them."""

from __future__ import annotations

from carematters.returns import read_csv_files, read_xml, write_csv, write_xml


def _child(child: str, flag: str | None, duc: str | None = None) -> str:
    leaves = [f"<CHILDID>{child}</CHILDID>", "<SEX>M</SEX>", "<DOB>01/01/2010</DOB>",
              "<ETHNIC>WBRI</ETHNIC>", "<UPN>UN1</UPN>"]
    if flag is not None:
        leaves.append(f"<UASC>{flag}</UASC>")
    if duc is not None:
        leaves.append(f"<DUC>{duc}</DUC>")
    return f"<CHILD><HEADER>{''.join(leaves)}</HEADER></CHILD>"


def _document(*children: str) -> str:
    return f"<EXPSSDA903><Header><Year>2026</Year></Header>{''.join(children)}</EXPSSDA903>"


def test_flags_that_agree_with_the_uasc_rows_are_not_kept(write):
    data = read_xml(write("r.xml", _document(
        _child("A", "1"),                 # UASC row
        _child("B", "0"),                 # no row
        _child("C", "1", "01/01/2028"),   # UASC row with its DUC
    ))).data
    assert "UASC" not in data["Header"].columns
    assert data["UASC"]["CHILD"].to_list() == ["A", "C"]


def test_flags_that_say_more_are_kept_as_sent(write):
    data = read_xml(write("r.xml", _document(
        _child("A", "1"),
        _child("B", "2"),                 # not 0 or 1: kept for rule 105
        _child("C", None),                # missing: kept (null) for rule 105
        _child("D", "0", "01/06/2025"),   # 0 beside a DUC: kept for rule 303; the DUC is a row
        _child("E", " 0 "),               # stripped
    ))).data
    assert data["Header"].select("CHILD", "UASC").rows() == [
        ("A", "1"), ("B", "2"), ("C", None), ("D", "0"), ("E", "0")]
    assert data["UASC"]["CHILD"].to_list() == ["A", "D"]


def test_missing_flags_are_kept_even_when_none_is_given(write):
    data = read_xml(write("r.xml", _document(_child("A", None), _child("B", None)))).data
    assert data["Header"]["UASC"].to_list() == [None, None]


def test_kept_flags_round_trip_through_xml_and_csv(write, tmp_path):
    first = read_xml(write("r.xml", _document(
        _child("A", "1"), _child("B", "2"), _child("C", None), _child("D", "0", "01/06/2025"))))
    again = read_xml(write_xml(first.data, tmp_path / "again.xml")).data
    assert again.equals(first.data)
    via_csv = read_csv_files(write_csv(first.data, tmp_path / "csv"), year=2026)
    assert via_csv.data.equals(first.data)
    assert not [p for p in via_csv.problems if p.column == "UASC"]


def test_written_xml_flags_every_child_with_a_header_row(tmp_path, write):
    data = read_xml(write("r.xml", _document(_child("A", "1"), _child("B", "0")))).data
    text = write_xml(data, tmp_path / "out.xml").read_text()
    assert text.count("<UASC>1</UASC>") == 1 and text.count("<UASC>0</UASC>") == 1


EPISODES = """CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN,PL_LA,PL_LOCATION,PL_DISTANCE
A,01/05/2025,S,C2,N1,U1,PR1,,,,SR5 2YN,SR6 0NG,SC123456,394,IN,2.1
B,01/05/2025,S,C2,N1,U1,PR1,,,,SR5 2YN,SR6 0NG,SC123456, , ,
"""


def test_placement_fields_sent_in_csv_are_kept_and_written_back(write, tmp_path):
    result = read_csv_files([write("Episodes.csv", EPISODES)], year=2026)
    assert not [p for p in result.problems if p.column in ("PL_LA", "PL_LOCATION", "PL_DISTANCE")]
    episodes = result.data["Episodes"]
    assert episodes.select("PL_LA", "PL_LOCATION", "PL_DISTANCE").rows() == [
        ("394", "IN", "2.1"), (None, None, None)]
    as_xml = write_xml(result.data, tmp_path / "r.xml")
    assert "<PL_LA>394</PL_LA>" in as_xml.read_text()
    back = read_xml(as_xml).data["Episodes"].drop("_row")
    assert back.equals(episodes.drop("_row"))


def test_blank_placement_columns_are_not_kept(write):
    blank = "CHILD,DECOM,RNE,LS,CIN,PLACE,PL_LA\nA,01/05/2025,S,C2,N1,U1,\n"
    result = read_csv_files([write("Episodes.csv", blank)], year=2026)
    assert "PL_LA" not in result.data["Episodes"].columns
