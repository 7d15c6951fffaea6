"""`carematters validate`: listing rules, exit codes, output files."""

from datetime import date

import polars as pl
from typer.testing import CliRunner

from carematters.cli import app
from carematters.commands import validate as command
from carematters.data.caredata import CareData

runner = CliRunner()


def test_list_rules_prints_code_tab_message():
    result = runner.invoke(app, ["validate", "--list-rules", "--year", "2026"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert any(line.startswith("141\t") for line in lines)
    assert not any(line.startswith("700\t") for line in lines)  # DoLo rules start in 2027
    assert all("\t" in line for line in lines)


def _fake_load(frame):
    def load(paths, *, year, la):
        return CareData({"Episodes": frame}, years=(2026,)), [
            {"file": "episodes.csv", "row": 2, "column": "DECOM", "value": "32/01/2025"}
        ]
    return load


def test_findings_exit_1_and_files(tmp_path, monkeypatch):
    eps = pl.DataFrame({"CHILD": ["A", "B"], "DECOM": [date(2025, 5, 1), None],
                        "DEC": [date(2025, 5, 1), None], "_row": [1, 2]})
    monkeypatch.setattr(command, "load", _fake_load(eps))
    result = runner.invoke(app, ["validate", "x", "--year", "2026", "--out", str(tmp_path)])
    assert result.exit_code == 1, result.output
    csv = (tmp_path / "findings.csv").read_text()
    assert "141,Episodes,2,B" in csv  # the reader's unreadable DECOM, under rule 141
    assert (tmp_path / "findings.html").exists() and (tmp_path / "findings.xlsx").exists()


def test_clean_exit_0(monkeypatch):
    eps = pl.DataFrame({"CHILD": ["A"], "DECOM": [date(2025, 5, 1)], "RNE": ["S"]})
    monkeypatch.setattr(command, "load", lambda paths, **kw: (CareData({"Episodes": eps}), []))
    result = runner.invoke(app, ["validate", "x", "--year", "2026", "--rule", "142"])
    assert result.exit_code == 0, result.output


def test_unreadable_exit_2(monkeypatch):
    def load(paths, **kw):
        raise command.Unreadable("nothing there")

    monkeypatch.setattr(command, "load", load)
    assert runner.invoke(app, ["validate", "x", "--year", "2026"]).exit_code == 2
    assert runner.invoke(app, ["validate", "--year", "2026"]).exit_code == 2


def _urn_episodes(monkeypatch):
    eps = pl.DataFrame({"CHILD": ["A", "B"], "DECOM": [date(2025, 5, 1)] * 2,
                        "PLACE": ["K2", "K2"], "URN": ["SC123456", "SC999999"]})
    monkeypatch.setattr(command, "load", lambda paths, **kw: (
        CareData({"Episodes": eps}, years=(2026,)), []))


def test_provider_register_csv_checks_urns(tmp_path, monkeypatch):
    _urn_episodes(monkeypatch)
    register = tmp_path / "register.csv"
    register.write_text("URN,PLACE_CODES,PROVIDER_CODES,REG_END,POSTCODE\n"
                        "SC123456,K2,PR4,,LS1 1AA\n")
    args = ["validate", "x", "--year", "2026", "--rule", "1008", "--out", str(tmp_path)]
    # Without the register both URNs are well formed: nothing to report.
    assert runner.invoke(app, args).exit_code == 0
    result = runner.invoke(app, [*args, "--provider-register", str(register)])
    assert result.exit_code == 1, result.output
    assert "1008,Episodes,2,B" in (tmp_path / "findings.csv").read_text()  # unknown to Ofsted


def test_unreadable_ofsted_list_exit_2(tmp_path, monkeypatch):
    _urn_episodes(monkeypatch)
    bad = tmp_path / "homes.xlsx"
    bad.write_text("not a workbook")
    result = runner.invoke(app, ["validate", "x", "--year", "2026", "--children-homes", str(bad)])
    assert result.exit_code == 2
    assert "Ofsted provider register" in result.output


def test_help_names_the_register_options():
    result = runner.invoke(app, ["validate", "--help"], env={"COLUMNS": "200"})
    for option in ("--children-homes", "--social-care-providers", "--provider-register"):
        assert option in result.output


def test_history_returns_are_read_and_passed(tmp_path, monkeypatch):
    # X left care in 2022: in the 2023 return only. Without it, 1002 says X was never in care.
    oc3 = pl.DataFrame({"CHILD": ["X"], "IN_TOUCH": ["YES"], "ACTIV": ["F1"], "ACCOM": ["B1"]})
    returns = {
        "2026": CareData({"OC3": oc3, "Header": pl.DataFrame({"CHILD": ["X"]})}, years=(2026,)),
        "2025": CareData({"Episodes": pl.DataFrame({"CHILD": ["Q"], "DECOM": [date(2025, 1, 1)]})},
                         years=(2025,)),
        "2023": CareData({"Episodes": pl.DataFrame({
            "CHILD": ["X"], "DECOM": [date(2021, 6, 1)], "DEC": [date(2022, 9, 1)],
            "REC": ["E8"]})}, years=(2023,)),
    }
    read = []

    def load(paths, *, year, la):
        read.append(([p.name for p in paths], year))
        return returns[paths[0].name], []

    monkeypatch.setattr(command, "load", load)
    args = ["validate", "2026", "--year", "2026", "--previous", "2025", "--rule", "1002"]
    assert runner.invoke(app, args).exit_code == 1                      # 1002 fires on X
    result = runner.invoke(app, [*args, "--history", "2023"])
    assert result.exit_code == 0, result.output                          # X's care is seen
    assert read[-1] == (["2023"], None)   # each earlier return read for its own year
