"""The DfE XML layout: reading hand-written documents, and writing what CSV holds."""

from __future__ import annotations

from datetime import date

from lxml import etree

from carematters.data.caredata import CareData
from carematters.data.schema import SOURCE_ROW
from carematters.returns import read_xml, write_xml
from tests.returns.sample import frame, sample_data

DOCUMENT = """<?xml version="1.0" encoding="UTF-8"?>
<EXPSSDA903>
  <Header><Year>2025</Year><LA>E09000002</LA></Header>
  <CHILD>
    <HEADER>
      <CHILDID>K1</CHILDID>
      <SEX>F</SEX>
      <DOB>2009-03-04</DOB>
      <ETHNIC>WBRI</ETHNIC>
      <UPN>UN3</UPN>
      <MOTHER>0</MOTHER>
      <MC_DOB/>
      <UASC>1</UASC>
      <DUC>04/03/2027</DUC>
      <AREVIEW>
        <REVIEW>01/06/2024</REVIEW>
        <REVIEW_CODE>PN1</REVIEW_CODE>
      </AREVIEW>
      <AREVIEW>
        <REVIEW>31/11/2024</REVIEW>
        <REVIEW_CODE>PN1</REVIEW_CODE>
      </AREVIEW>
    </HEADER>
    <EPISODE>
      <DECOM>01/04/2024</DECOM>
      <RNE>S</RNE>
      <LS>C2</LS>
      <CIN>N1</CIN>
      <PL>U1</PL>
      <PLACE_PROVIDER>PR1</PLACE_PROVIDER>
      <DEC>01/09/2024</DEC>
      <REC>X1</REC>
    </EPISODE>
    <EPISODE>
      <DECOM>01/09/2024</DECOM>
      <RNE>P</RNE>
      <LS>C2</LS>
      <CIN>N1</CIN>
    </EPISODE>
  </CHILD>
  <CHILD>
    <HEADER>
      <CHILDID>K2</CHILDID>
      <IN_TOUCH>YES</IN_TOUCH>
      <ACTIV>F2</ACTIV>
      <ACCOM>B1</ACCOM>
      <FAVOURITE_COLOUR>blue</FAVOURITE_COLOUR>
    </HEADER>
  </CHILD>
</EXPSSDA903>
"""


def test_reading_a_dfe_document(write):
    result = read_xml(write("return.xml", DOCUMENT))
    data = result.data
    assert (data.years, data.la) == ((2025,), "E09000002")
    header = data["Header"]
    assert header.select("CHILD", "SEX", "DOB").rows() == [("K1", "F", date(2009, 3, 4))]
    # the child's SEX and DOB are copied into the tables that carry them
    assert data["UASC"].select("CHILD", "SEX", "DOB", "DUC").rows() == [
        ("K1", "F", date(2009, 3, 4), date(2027, 3, 4)),
    ]
    assert data["Reviews"]["DOB"].to_list() == [date(2009, 3, 4)] * 2
    assert data["OC3"].select("CHILD", "IN_TOUCH", "ACTIV", "ACCOM").rows() == [("K2", "YES", "F2", "B1")]
    episodes = data["Episodes"]
    assert episodes["PLACE"].to_list() == ["U1", None]
    # the second episode lacks PL and PLACE_PROVIDER: null, not borrowed from the first
    assert episodes["PLACE_PROVIDER"].to_list() == ["PR1", None]
    assert episodes[SOURCE_ROW].to_list() == [24, 34]  # the line of each <EPISODE>
    assert [str(p) for p in result.problems] == [
        "return.xml line 19, column REVIEW: '31/11/2024' is not a valid date (expected dd/mm/yyyy)",
        "return.xml line 47: element <FAVOURITE_COLOUR> in <HEADER> is not in the SSDA903 layout; ignored",
    ]


def test_a_child_not_in_the_header_table_has_no_header_row(write):
    data = read_xml(write("return.xml", DOCUMENT)).data
    assert data["Header"]["CHILD"].to_list() == ["K1"]  # K2 has only OC3 leaves


def test_every_table_of_the_year_is_present(write):
    data = read_xml(write("return.xml", DOCUMENT)).data
    assert "SWEpisodes" in data and data["SWEpisodes"].height == 0
    assert "DoLo" not in data  # first collected in 2027


def test_malformed_xml_keeps_what_it_can(write):
    broken = DOCUMENT.split("  <CHILD>\n    <HEADER>\n      <CHILDID>K2")[0] + "  <CHILD><HEA"
    result = read_xml(write("return.xml", broken))
    syntax = [p for p in result.problems if p.message.startswith("not well-formed XML")]
    assert [(p.file, p.row) for p in syntax] == [("return.xml", 41)]  # where the parser gave up
    assert result.data["Episodes"].height == 2


def test_garbage_and_empty_files_are_problems(write):
    for name, content in (("a.xml", bytes(range(256))), ("b.xml", b""), ("c.xml", b"<x>")):
        result = read_xml(write(name, content))
        assert result.problems and all(p.file == name for p in result.problems)
        assert all(frame.height == 0 for frame in result.data.tables.values())


def test_entities_are_not_expanded(write):
    secret = write("secret.txt", "SECRET")
    evil = (
        f'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file://{secret}">]>'
        "<EXPSSDA903><CHILD><HEADER><CHILDID>&e;</CHILDID><ETHNIC>WBRI</ETHNIC></HEADER></CHILD></EXPSSDA903>"
    )
    result = read_xml(write("evil.xml", evil))
    assert result.data["Header"]["CHILD"].to_list() == [None]


def test_a_child_only_in_other_tables_still_gets_a_child_element(tmp_path):
    data = sample_data().with_tables(
        Episodes=frame("Episodes", [
            ("C9", date(2024, 5, 1), "S", "C2", "N1", "U1", "PR1", None, None, None, None, None, None),
        ]),
        Reviews=frame("Reviews", [("C9", date(2010, 1, 1), date(2024, 6, 1), "PN1")]),
    )
    path = write_xml(data, tmp_path / "r.xml")
    child = etree.parse(str(path)).getroot().findall("CHILD")[-1]
    assert [e.tag for e in child.find("HEADER")] == ["CHILDID", "AREVIEW"]
    # the review's own DOB is written because the child has none to copy it from
    assert child.find("HEADER/AREVIEW/DOB").text == "01/01/2010"
    assert read_xml(path).data.equals(data)


def test_rows_that_do_not_fit_one_child_element_are_not_lost(tmp_path):
    base = sample_data()
    data = base.with_tables(
        # C3 twice in OC3, and a UASC row whose DOB disagrees with nothing (C3 has no UASC row)
        OC3=frame("OC3", [("C3", date(2007, 4, 2), "YES", "F2", "B1"), ("C3", date(2007, 4, 2), "NO", "G4", "0")]),
        Header=base["Header"].vstack(base["Header"].head(1)),  # C1 in Header twice
        # a review whose DOB differs from the child's
        Reviews=frame("Reviews", [("C1", date(2012, 5, 16), date(2024, 4, 20), "PN1")]),
    )
    path = write_xml(data, tmp_path / "r.xml")
    assert read_xml(path).data.equals(data)


def test_extension_tables_are_not_written(tmp_path):
    visits = frame("Visits", [("C1", date(2024, 5, 1), "SW1", "STAT", 1, 1)])
    data = sample_data().with_tables(Visits=visits)
    back = read_xml(write_xml(data, tmp_path / "r.xml")).data
    assert "Visits" not in back
    assert CareData({k: v for k, v in data.tables.items() if k != "Visits"}).equals(back)


def test_a_leaf_given_twice_is_reported_and_the_first_read(write):
    doc = (
        "<EXPSSDA903>\n<CHILD>\n<HEADER><CHILDID>A</CHILDID><ETHNIC>WBRI</ETHNIC></HEADER>\n"
        "<EPISODE><DECOM>01/05/2024</DECOM><DECOM>02/05/2024</DECOM></EPISODE>\n"  # line 4
        "</CHILD>\n</EXPSSDA903>\n"
    )
    result = read_xml(write("r.xml", doc), year=2025)
    assert [str(p) for p in result.problems] == [
        "r.xml line 4: element <DECOM> in <EPISODE> is given twice; the first one is read",
    ]
    assert result.data["Episodes"]["DECOM"].to_list() == [date(2024, 5, 1)]


def test_namespaced_documents_are_read(write):
    doc = DOCUMENT.replace("<EXPSSDA903>", '<EXPSSDA903 xmlns="urn:example:ssda903">')
    result = read_xml(write("r.xml", doc))
    assert result.data["Episodes"].height == 2
    assert result.data["Header"]["CHILD"].to_list() == ["K1"]


def test_year_and_authority_nested_in_the_header_block(write):
    doc = DOCUMENT.replace(
        "<Header><Year>2025</Year><LA>E09000002</LA></Header>",
        "<Header><CollectionDetails><Year>2024</Year></CollectionDetails><Source><LEA>123</LEA></Source></Header>",
    )
    data = read_xml(write("r.xml", doc)).data
    assert (data.years, data.la) == ((2024,), "123")
