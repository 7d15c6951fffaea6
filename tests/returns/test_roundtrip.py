"""Writing then reading gives the same data; CSV -> XML -> CSV gives the same bytes."""

from __future__ import annotations

from pathlib import Path

from carematters.returns import read_csv_files, read_return, read_xml, write_csv, write_xml
from tests.returns.sample import YEAR, sample_data


def test_csv_round_trip(tmp_path):
    data = sample_data()
    written = write_csv(data, tmp_path / "out")
    result = read_csv_files(written)
    assert result.problems == []
    assert result.data.equals(data)
    assert result.data.years == (YEAR,)  # from the episode dates: no folder name, no argument


def test_xml_round_trip(tmp_path):
    data = sample_data()
    result = read_xml(write_xml(data, tmp_path / "return.xml"))
    assert result.problems == []
    assert result.data.equals(data)
    assert (result.data.la, result.data.years) == ("E09000001", (YEAR,))


def test_csv_files_are_written_as_the_dfe_expects(tmp_path):
    write_csv(sample_data(), tmp_path)
    episodes = (tmp_path / "Episodes.csv").read_bytes()
    assert episodes.startswith(
        b"CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n"
        b"C1,01/02/2023,S,C2,N1,U1,PR1,01/09/2024,X1,CARPL,AB1 2CD,AB3 4EF,SC123456\n"
        b"C1,01/09/2024,P,C2,N1,U4,PR1,,,,AB1 2CD,AB5 6GH,SC654321\n"
    )
    assert b"\r" not in episodes
    oc2 = (tmp_path / "OC2.csv").read_text().splitlines()
    assert oc2[1] == "C1,15/05/2012,14,,0,,1,1,1,0,,"  # integers plain, blanks for nulls


def test_source_rows_are_never_written(tmp_path):
    data = sample_data()
    read_back = read_csv_files(write_csv(data, tmp_path / "a")).data  # has _row
    write_csv(read_back, tmp_path / "b")
    for name in data:
        assert (tmp_path / "a" / f"{name}.csv").read_bytes() == (tmp_path / "b" / f"{name}.csv").read_bytes()


def test_csv_to_xml_to_csv_is_byte_identical(tmp_path):
    first = tmp_path / "first" / str(YEAR)
    write_csv(sample_data(), first)
    as_xml = write_xml(read_return(first).data, tmp_path / "return.xml")
    second = tmp_path / "second"
    write_csv(read_xml(as_xml).data, second)
    names = sorted(p.name for p in first.iterdir())
    assert names == sorted(p.name for p in second.iterdir())
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_xml_to_csv_to_xml_is_byte_identical(tmp_path):
    first = write_xml(sample_data(), tmp_path / "first.xml")
    folder: Path = tmp_path / "csv"
    write_csv(read_xml(first).data, folder)
    data = read_return(folder, la="E09000001").data
    second = write_xml(data, tmp_path / "second.xml")
    assert first.read_bytes() == second.read_bytes()
