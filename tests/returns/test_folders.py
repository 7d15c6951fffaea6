"""Finding returns: a CSV folder, an XML file, year folders, authority folders."""

from __future__ import annotations

from pathlib import Path

import pytest

from carematters.returns import (
    ReadError,
    find_returns,
    read_return,
    read_returns,
    write_csv,
    write_xml,
)
from carematters.returns.detect import year_from_name
from tests.returns.sample import sample_data


def test_read_return_accepts_a_folder_an_xml_file_or_a_folder_holding_one(tmp_path):
    data = sample_data()
    write_csv(data, tmp_path / "csv")
    xml = write_xml(data, tmp_path / "xml" / "return.xml")
    assert read_return(tmp_path / "csv").data.equals(data)
    assert read_return(xml).data.equals(data)
    assert read_return(tmp_path / "xml").data.equals(data)


def test_the_folder_name_gives_the_year(tmp_path):
    write_csv(sample_data(), tmp_path / "2026")
    assert read_return(tmp_path / "2026").data.years == (2026,)
    assert read_return(tmp_path / "2026", year=2024).data.years == (2024,)  # the caller's wins


def test_not_a_return(tmp_path):
    with pytest.raises(ReadError, match="does not exist"):
        read_return(tmp_path / "nowhere")
    (tmp_path / "empty").mkdir()
    with pytest.raises(ReadError, match="no CSV or XML"):
        read_return(tmp_path / "empty")
    (tmp_path / "notes.txt").write_text("hello")
    with pytest.raises(ReadError, match="not a CSV or XML"):
        read_return(tmp_path / "notes.txt")


def test_year_folders(tmp_path):
    for year in (2025, 2024):
        write_csv(sample_data(), tmp_path / str(year))
    (tmp_path / "notes").mkdir()  # not a year: ignored
    results = read_returns(tmp_path)
    assert [r.data.years for r in results] == [(2024,), (2025,)]


def test_authority_then_year_folders(tmp_path):
    write_csv(sample_data(), tmp_path / "E2" / "2025")
    write_xml(sample_data(), tmp_path / "E1" / "2025" / "return.xml")
    write_csv(sample_data(), tmp_path / "E1" / "2024")
    results = read_returns(tmp_path)
    assert [(r.data.la, r.data.years) for r in results] == [
        ("E1", (2024,)), ("E1", (2025,)), ("E2", (2025,)),
    ]
    assert [loc.path.name for loc in find_returns(tmp_path)] == ["2024", "2025", "2025"]


def test_a_plain_folder_is_one_return(tmp_path):
    write_csv(sample_data(), tmp_path)
    [result] = read_returns(tmp_path)
    assert result.data.years == (2025,)  # from the episode dates


def test_year_names():
    assert year_from_name(Path("returns/2025")) == 2025
    assert year_from_name(Path("2024.xml")) == 2024
    assert year_from_name(Path("returns/2025-old")) is None
