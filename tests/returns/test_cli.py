"""`carematters inspect` and `carematters convert`."""

from __future__ import annotations

from typer.testing import CliRunner

from carematters.cli import app
from carematters.commands.inspect import summarise
from carematters.returns import read_returns, read_xml, write_csv, write_xml
from tests.returns.sample import sample_data

runner = CliRunner()


def _without_source(output: str, source: str) -> str:
    return "\n".join(line for line in output.splitlines() if source not in line)


def test_inspect_shows_counts_and_problems(tmp_path):
    folder = tmp_path / "2025"
    write_csv(sample_data(), folder)
    with (folder / "Header.csv").open("a") as f:
        f.write("C4,X,31/02/2010,WBRI,UN1,,\n")  # row 4: bad SEX code and date
    result = runner.invoke(app, ["inspect", str(folder)])
    assert result.exit_code == 0, result.output
    assert "Episodes" in result.output
    # sample: C1 looked after at 31 March; C1 and C2 started; C2 ceased; C3's V3 break excluded
    counts = [line.split("│")[2].strip() for line in result.output.splitlines() if "in the year" in line or "at 31 March" in line]
    assert counts == ["1", "1", "1"]
    assert "2 problems" in result.output
    assert "Header.csv row 4, column DOB" in result.output


def test_same_data_as_csv_and_as_xml_gives_the_same_summary(tmp_path):
    data = sample_data()
    write_csv(data, tmp_path / "csv" / "E09000001" / "2025")
    write_xml(data, tmp_path / "xml" / "E09000001" / "2025" / "return.xml")
    [from_csv], [from_xml] = read_returns(tmp_path / "csv"), read_returns(tmp_path / "xml")
    assert summarise(from_csv) == summarise(from_xml)
    assert summarise(from_csv).children == (1, 1, 1)
    csv_output = runner.invoke(app, ["inspect", str(tmp_path / "csv")]).stdout
    xml_output = runner.invoke(app, ["inspect", str(tmp_path / "xml")]).stdout
    assert "E09000001 2025" in csv_output
    assert _without_source(csv_output, str(tmp_path)) == _without_source(xml_output, str(tmp_path))


def test_inspect_a_multi_year_folder(tmp_path):
    for year in (2024, 2025):
        write_csv(sample_data(), tmp_path / str(year))
    result = runner.invoke(app, ["inspect", str(tmp_path)])
    assert result.exit_code == 0
    assert result.output.index(" 2024 ") < result.output.index(" 2025 ")
    only = runner.invoke(app, ["inspect", str(tmp_path), "--year", "2025"])
    assert " 2024 " not in only.output and " 2025 " in only.output


def test_inspect_a_missing_path_fails_cleanly(tmp_path):
    result = runner.invoke(app, ["inspect", str(tmp_path / "nowhere")])
    assert result.exit_code == 1
    assert "does not exist" in " ".join(result.output.split())


def test_convert_csv_to_xml_and_back(tmp_path):
    data = sample_data()
    write_csv(data, tmp_path / "in" / "2025")
    to_xml = runner.invoke(app, ["convert", str(tmp_path / "in"), "--to", "xml", "--out", str(tmp_path / "xml")])
    assert to_xml.exit_code == 0, to_xml.output
    xml = tmp_path / "xml" / "2025" / "SSDA903_2025.xml"
    assert read_xml(xml).data.equals(data)
    back = runner.invoke(app, ["convert", str(xml), "--to", "csv", "--out", str(tmp_path / "csv")])
    assert back.exit_code == 0, back.output
    for path in (tmp_path / "in" / "2025").iterdir():
        assert path.read_bytes() == (tmp_path / "csv" / path.name).read_bytes()


def test_help_texts():
    for command in ("inspect", "convert"):
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0
        assert "SSDA903" in result.output
