"""`carematters report monthly|annual PATH`: the management-grip reports as HTML or PDF."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from carematters.commands._common import console, err_console
from carematters.commands._grip_data import (
    LoadError,
    combined_up_to,
    default_as_at,
    load_years,
    parse_date,
    read_teams,
)


class Kind(StrEnum):
    monthly = "monthly"
    annual = "annual"


class Format(StrEnum):
    html = "html"
    pdf = "pdf"


def report(
    kind: Annotated[Kind, typer.Argument(help="monthly (senior officers) or annual (members)")],
    path: Annotated[Path, typer.Argument(help="folder of <year>/<Table>.csv returns", exists=True,
                                         file_okay=False)],
    year: Annotated[int | None, typer.Option(help="collection year (ending 31 March); "
                                             "default the latest in PATH")] = None,
    fmt: Annotated[Format, typer.Option("--format", help="html or pdf")] = Format.html,
    out: Annotated[Path, typer.Option(help="folder to write the report to")] = Path("."),
    as_at: Annotated[str | None, typer.Option(help="monthly: evaluate as at this date "
                                              "(dd/mm/yyyy); default today or 31 March")] = None,
    teams: Annotated[Path | None, typer.Option(help="CSV of SW_ID,TEAM for team rates")] = None,
    home_area: Annotated[list[str] | None, typer.Option(help="postcode area of the authority "
                                                       "(repeatable), for out-of-area counts")] = None,
    survey_answers: Annotated[Path | None, typer.Option(
        help="annual: CSV of the children's survey answers (RESPONSE, ANSWERED_ON as "
             "yyyy-mm-dd, BAND, QUESTION, ANSWER), as the web app's voice results export",
        exists=True, dir_okay=False)] = None,
    suppress_small: Annotated[bool, typer.Option(
        "--suppress-small", help="monthly: hide indicator counts of 1-5 (readers outside the case)",
    )] = False,
) -> None:
    """Write the monthly management report or the annual corporate-parenting report."""
    from carematters.reports.grip import annual_report, monthly_report
    from carematters.reports.grip_render import render_html, render_pdf

    try:
        by_year = load_years(path)
        chosen = year or max(by_year)
        if kind is Kind.monthly:
            when = parse_date(as_at) if as_at else default_as_at(chosen, date.today())
            built = monthly_report(combined_up_to(by_year, chosen), when, teams=read_teams(teams),
                                   home_areas=home_area, suppress_small=suppress_small)
            name = f"grip-monthly-{when.isoformat()}"
        else:
            built = annual_report(by_year, chosen,
                                  survey_answers=_survey_answers(survey_answers))
            name = f"grip-annual-{chosen}"
    except LoadError as problem:
        err_console.print(f"[red]{escape(str(problem))}[/red]")  # paths may hold [ ]
        raise typer.Exit(2) from None
    out.mkdir(parents=True, exist_ok=True)
    target = out / f"{name}.{fmt.value}"
    if fmt is Format.pdf:
        target.write_bytes(render_pdf(built))
    else:
        target.write_text(render_html(built), encoding="utf-8")
    console.print(f"Wrote {target}")


def _survey_answers(path: Path | None):
    if path is None:
        return None
    import polars as pl

    from carematters.voice import ANSWER_SCHEMA

    try:
        # The web export adds columns after these (what children said about themselves).
        return pl.read_csv(path, columns=list(ANSWER_SCHEMA), schema_overrides=ANSWER_SCHEMA)
    except (pl.exceptions.PolarsError, OSError) as problem:
        raise LoadError(f"{path}: not a survey answers file ({problem})") from None


def register(app: typer.Typer) -> None:
    app.command("report")(report)
