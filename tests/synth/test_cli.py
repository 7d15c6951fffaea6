from __future__ import annotations

import typer
from typer.testing import CliRunner

from carematters.commands import synth


def _app() -> typer.Typer:
    app = typer.Typer()

    @app.callback()
    def main() -> None:
        """Keeps `synth` a sub-command even when it is the only one registered."""

    synth.register(app)
    return app


def test_synth_writes_returns_and_prints_a_summary(tmp_path):
    result = CliRunner().invoke(_app(), [
        "synth", "--children", "80", "--years", "2", "--seed", "3", "--out", str(tmp_path),
        "--errors", "--authorities", "2"])
    assert result.exit_code == 0, result.output
    assert "Looked after 31 March" in result.output
    assert (tmp_path / "manifest.csv").exists()
    assert len(list(tmp_path.glob("*/2025/Episodes.csv"))) == 2


def test_synth_rejects_unknown_format(tmp_path):
    result = CliRunner().invoke(_app(), ["synth", "--out", str(tmp_path), "--format", "json"])
    assert result.exit_code == 2


def test_synth_as_at_writes_a_year_to_date_return(tmp_path):
    result = CliRunner().invoke(_app(), [
        "synth", "--children", "60", "--years", "2", "--seed", "3", "--out", str(tmp_path),
        "--as-at", "2026-11-23"])
    assert result.exit_code == 0, result.output
    assert "year to date" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2026", "2027", "ofsted"]
    # The year-to-date OC2 is written with its header line only.
    assert (tmp_path / "2027" / "OC2.csv").read_text().count("\n") == 1
    assert (tmp_path / "2026" / "OC2.csv").read_text().count("\n") > 1


def test_synth_as_at_must_be_a_date_in_the_last_year(tmp_path):
    runner = CliRunner()
    bad = runner.invoke(_app(), ["synth", "--out", str(tmp_path), "--as-at", "23/11/2026"])
    assert bad.exit_code == 2
    other_year = runner.invoke(_app(), ["synth", "--out", str(tmp_path), "--children", "20",
                                        "--as-at", "2026-11-23", "--last-year", "2025"])
    assert other_year.exit_code == 2 and "collection year 2027" in other_year.output
