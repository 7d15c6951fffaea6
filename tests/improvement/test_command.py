"""`carematters improvement PLAN PATH` from a results file and from returns."""

import polars as pl
from typer.testing import CliRunner

from carematters.cli import app
from carematters.returns import write_csv

from ..indicators.builders import care_data
from ..indicators.test_stability import NI62_EPISODES

runner = CliRunner()

PLAN = '''
authority = "999"
title = "Our plan"

[[priority]]
id = "P1"
title = "Fewer moves"
theme = "placements"

[[action]]
id = "A1"
priority = "P1"
title = "More foster carers"
owner = "Head of fostering"
due = 2024-03-31
status = "in progress"
indicator = "NI62"
baseline = 50
baseline_year = 2022
target = 20
target_year = 2025

[[action]]
id = "A2"
priority = "P1"
title = "Stability meetings"
owner = "Team manager"
due = 2023-06-30
status = "done"
'''


def _write(tmp_path):
    (tmp_path / "plan.toml").write_text(PLAN)
    # NI62: 45% in 2023 (path 40%: off track, better than 50%: amber), 30% in 2024 (on track)
    pl.DataFrame({"indicator": ["NI62", "NI62", "NI62"], "year": [2022, 2023, 2024],
                  "numerator": [5.0, 9.0, 6.0], "denominator": [10.0, 20.0, 20.0],
                  "value": [50.0, 45.0, 30.0]}).write_csv(tmp_path / "indicators.csv")
    return [str(tmp_path / "plan.toml"), str(tmp_path / "indicators.csv")]


def test_html_report_with_rag_and_charts(tmp_path):
    args = _write(tmp_path)
    result = runner.invoke(app, ["improvement", *args, "--year", "2024", "--as-at",
                                 "2024-06-01", "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    page = (tmp_path / "out" / "improvement.html").read_text()
    assert "on track" in page and "overdue by 62 days" in page
    assert page.count("<svg") == 1  # the one measured action
    # a year earlier, 2023's 45% is behind the 40% path
    earlier = runner.invoke(app, ["improvement", *args, "--year", "2023", "--as-at",
                                  "2024-06-01", "--format", "xlsx", "--out", str(tmp_path)])
    assert earlier.exit_code == 0, earlier.output
    actions = pl.read_excel(tmp_path / "improvement.xlsx", sheet_name="Actions")
    assert actions["progress"].to_list() == ["off track", "not measured"]
    assert actions["rag"].to_list() == ["amber", "grey"]
    assert actions["overdue"].to_list() == [True, False]


def test_progress_computed_from_returns(tmp_path):
    (tmp_path / "plan.toml").write_text(PLAN.replace("baseline_year = 2022",
                                                     "baseline_year = 2023"))
    for year in (2023, 2024):
        write_csv(care_data((year,), Episodes=NI62_EPISODES), tmp_path / "in" / str(year))
    result = runner.invoke(app, ["improvement", str(tmp_path / "plan.toml"),
                                 str(tmp_path / "in"), "--year", "2024", "--format", "xlsx",
                                 "--as-at", "2024-01-01", "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    actions = pl.read_excel(tmp_path / "out" / "improvement.xlsx", sheet_name="Actions")
    # NI62 2024 is 40% (2 of 5), the path from 50% (2023) to 20% (2025) is at 35%: off track
    assert actions.row(0, named=True)["latest"] == 40
    assert actions["progress"].to_list()[0] == "off track"


def test_a_bad_plan_is_reported(tmp_path):
    args = _write(tmp_path)
    (tmp_path / "plan.toml").write_text(PLAN.replace('theme = "placements"', 'theme = "x"'))
    result = runner.invoke(app, ["improvement", *args, "--year", "2024"])
    assert result.exit_code == 1 and "theme 'x'" in result.output
