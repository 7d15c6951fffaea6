"""The annual report's voice section: from survey answers when there are some, suppressed like
the rest of the report, and named in the notes when there are none."""

from datetime import date

import polars as pl

from carematters.reports.grip import annual_report
from carematters.reports.grip_render import render_html
from carematters.reports.grip_voice import voice_section
from carematters.voice import ANSWER_SCHEMA
from tests.reports.fixtures import authority


def survey(*groups) -> pl.DataFrame:
    """(count, band, question, answer, answered_on) groups, one response per child."""
    rows, n = [], 0
    for count, band, question, answer, on in groups:
        for _ in range(count):
            n += 1
            rows.append((f"r{n}", on, band, question, answer))
    return pl.DataFrame(rows, schema=ANSWER_SCHEMA, orient="row")


ANSWERS = survey(
    # 2023-24: 14 children aged 11-17 safe at home, 6 not (70% of 20)
    (14, "11-17", "safe_home", "yes", date(2023, 10, 1)),
    (6, "11-17", "safe_home", "no", date(2023, 10, 1)),
    # 2023-24: 2 care leavers, both safe: too few, hidden with the 11-17 row
    (2, "leaver", "safe_home", "yes", date(2023, 11, 1)),
    # 2022-23: 10 children, 5 safe: 5 is small, so the year's figure is hidden
    (5, "8-11", "safe_home", "yes", date(2022, 10, 1)),
    (5, "8-11", "safe_home", "no", date(2022, 10, 1)),
)


def test_section_shows_areas_by_year_and_band_with_small_numbers_hidden():
    section = voice_section(ANSWERS, 2024)
    assert section is not None and section.title == "What do children tell us?"
    assert section.lines[0].startswith("Children and young people in care answered 22 surveys "
                                       "in 2023-24.")
    trend = {row[0]: row[1:] for row in section.tables[0].rows}
    assert trend == {"Keeping safe": ["[c]", "73% of 22"]}  # 16 of 22 in 2023-24
    bands = {row[0]: row[1:] for row in section.tables[1].rows}
    # 4-7, 8-11, 11-17, leaver, all: 2023-24 had no 8-11 answers (the 2022-23 ones are earlier)
    assert bands["Keeping safe"] == ["", "", "[c]", "[c]", "73%"]
    assert "<svg" in section.charts[0]


def test_no_answers_in_the_year_means_no_section():
    assert voice_section(ANSWERS, 2025) is None
    assert voice_section(survey(), 2024) is None


def test_annual_report_includes_the_section_or_says_why_not():
    data = authority()
    with_voice = render_html(annual_report({2024: data}, 2024, survey_answers=ANSWERS))
    assert "What do children tell us?" in with_voice
    assert "left out; no survey answers" not in with_voice
    without = render_html(annual_report({2024: data}, 2024))
    assert "What do children tell us?" not in without
    assert "The children&#39;s own views (surveys): left out; no survey answers were supplied " \
           "for 2023-24." in without


def test_report_command_reads_survey_answers(tmp_path):
    from typer.testing import CliRunner

    from carematters.cli import app
    from tests.reports.fixtures import write_csvs

    write_csvs(authority(), tmp_path / "returns")
    answers = tmp_path / "survey-answers.csv"
    ANSWERS.write_csv(answers)
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["report", "annual", str(tmp_path / "returns"), "--out",
                                      str(out), "--survey-answers", str(answers)])
    assert result.exit_code == 0, result.output
    assert "What do children tell us?" in (out / "grip-annual-2024.html").read_text()
    bad = tmp_path / "bad.csv"
    bad.write_text("RESPONSE,ANSWERED_ON\nr1,not a date\n")
    failed = CliRunner().invoke(app, ["report", "annual", str(tmp_path / "returns"), "--out",
                                      str(out), "--survey-answers", str(bad)])
    assert failed.exit_code == 2 and "not a survey answers file" in " ".join(failed.output.split())
