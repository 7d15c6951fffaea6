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
