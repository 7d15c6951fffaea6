"""The monthly report's indicator section and the annual report's NI 62 come from the indicators
engine (one definition), with small numbers hidden when the report leaves the case."""

from __future__ import annotations

from carematters.data.caredata import CareData
from carematters.indicators import compute_one
from carematters.reports.grip import (
    annual_report,
    indicators_section,
    last_complete_year,
    monthly_report,
)
from carematters.reports.grip_figures import indicator_figure
from carematters.reports.grip_render import render_html
from tests.compliance.helpers import care, d, episode, header


def movers(moved: int, stayed: int) -> CareData:
    """Year 2024. The first `moved` children had three placements in the year (S on 01/04/2023,
    new carers on 01/06/2023 and 01/09/2023); the next `stayed` children one placement since
    2022. "GONE" also had three placements but left care on 01/01/2024: not in the cohort."""
    children = [f"M{i}" for i in range(moved)] + [f"S{i}" for i in range(stayed)]
    episodes = []
    for child in children[:moved] + ["GONE"]:
        episodes += [
            episode(child, "01/04/2023", dec="01/06/2023", rec="X1"),
            episode(child, "01/06/2023", rne="P", dec="01/09/2023", rec="X1"),
            episode(child, "01/09/2023", rne="P",
                    dec="01/01/2024" if child == "GONE" else None,
                    rec="E4A" if child == "GONE" else None),
        ]
    episodes += [episode(child, "01/05/2022") for child in children[moved:]]
    data = care(Header=[header(c, "01/01/2012") for c in [*children, "GONE"]], Episodes=episodes)
    return CareData(data.tables, la="999", years=(2024,))


def _row(section, indicator: str) -> tuple:
    return next(r for r in section.tables[0].rows if r[0] == indicator)


def test_the_monthly_section_shows_ni62_from_the_engine():
    section = indicators_section(movers(6, 6), d("15/11/2024"))  # last complete year: 2024
    # 6 of the 12 children looked after at 31/03/2024 had three placements; GONE left care.
    assert _row(section, "NI62")[2:5] == ("50%", "6", "12")
    assert [r[0] for r in section.tables[0].rows][:3] == ["NI62", "NI63", "NI66"]


def test_small_numbers_are_hidden_only_for_readers_outside_the_case():
    data = movers(3, 6)
    assert _row(indicators_section(data, d("31/03/2024")), "NI62")[2:5] == ("33%", "3", "9")
    hidden = indicators_section(data, d("31/03/2024"), suppress_small=True)
    assert _row(hidden, "NI62")[2:5] == ("[c]", "[c]", "[c]")
    # 7 of 9 is not small, but the 2 left over could be worked out: hidden too.
    complement = indicators_section(movers(7, 2), d("31/03/2024"), suppress_small=True)
    assert _row(complement, "NI62")[2] == "[c]"
    shown = indicators_section(movers(6, 6), d("31/03/2024"), suppress_small=True)
    assert _row(shown, "NI62")[2:5] == ("50%", "6", "12")


def test_the_monthly_report_carries_the_section():
    html = render_html(monthly_report(movers(6, 6), d("31/03/2024")))
    assert "Performance indicators" in html and "<td>NI62</td>" in html
    assert "not in this build" not in html


def test_the_last_complete_year_ends_on_the_31_march_before():
    assert last_complete_year(d("31/03/2024")) == 2024
    assert last_complete_year(d("30/03/2024")) == 2023
    assert last_complete_year(d("01/04/2024")) == 2024


def test_the_annual_report_uses_the_engines_ni62():
    data = movers(6, 6)
    figure = indicator_figure("NI62")(data, 2024)
    result = compute_one("NI62", data, 2024)
    assert (figure.numerator, figure.denominator) == (result.numerator, result.denominator)
    html = render_html(annual_report({2024: data}, 2024))
    assert "Children with three or more placements in the year (NI 62): 50% (6 of 12) in " \
        "2023-24." in html
    assert "indicators engine is not in this build" not in html


def test_the_report_command_can_suppress_small_numbers(tmp_path):
    from typer.testing import CliRunner

    from carematters.cli import app
    from tests.reports.fixtures import write_csvs

    write_csvs(movers(3, 6), tmp_path / "returns")
    for flags, expected in (([], ">33%</td>"), (["--suppress-small"], ">[c]</td>")):
        out = tmp_path / ("hidden" if flags else "shown")
        result = CliRunner().invoke(app, ["report", "monthly", str(tmp_path / "returns"),
                                          "--as-at", "31/03/2024", "--out", str(out), *flags])
        assert result.exit_code == 0, result.output
        html = (out / "grip-monthly-2024-03-31.html").read_text()
        ni62 = html[html.index("<td>NI62</td>"):]
        assert expected in ni62[:ni62.index("</tr>")]
