"""`carematters synth`: write synthetic authorities' returns to a folder."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from carematters.commands._common import console, err_console, progress_bar


def synth(
    out: Annotated[Path, typer.Option("--out", help="Folder to write the returns into.")],
    children: Annotated[int, typer.Option(
        "--children", min=1,
        help="Distinct children looked after in the window (first authority).")] = 1000,
    years: Annotated[int, typer.Option("--years", min=1, max=20, help="Collection years.")] = 3,
    seed: Annotated[int, typer.Option("--seed", help="Same seed, same files.")] = 0,
    authorities: Annotated[int, typer.Option("--authorities", min=1, max=50)] = 1,
    fmt: Annotated[str, typer.Option("--format", help="csv or xml.")] = "csv",
    errors: Annotated[bool, typer.Option(
        "--errors", help="Inject errors in about 1% of rows; see manifest.csv.")] = False,
    last_year: Annotated[int | None, typer.Option(
        "--last-year", help="Latest collection year (default 2025, or the year of --as-at).")] = None,
    as_at: Annotated[str | None, typer.Option(
        "--as-at", metavar="DATE",
        help="Simulate up to this day (YYYY-MM-DD): the last return is the year to date.")] = None,
) -> None:
    """Generate synthetic authorities (deterministic from --seed) and write their returns."""
    from carematters.synth import generate, write

    if fmt not in ("csv", "xml"):
        err_console.print(f"[red]--format must be csv or xml, not {fmt!r}[/red]")
        raise typer.Exit(2)
    day = parse_as_at(as_at)
    with progress_bar() as progress:
        task = progress.add_task("Simulating", total=authorities * (years + 1))

        def step(done: int, total: int, label: str) -> None:
            progress.update(task, completed=done, total=total, description=label)

        try:
            synthetic = generate(children, years, seed=seed, last_year=last_year, as_at=day,
                                 authorities=authorities, errors=errors, progress=step)
        except ValueError as error:
            err_console.print(f"[red]{error}[/red]")
            raise typer.Exit(2) from error
        writing = progress.add_task("Writing", total=len(synthetic.returns))
        write(synthetic, out, fmt, progress=lambda done, total, label: progress.advance(writing))
    console.print(_summary(synthetic.summary()))
    if synthetic.as_at:
        console.print(f"The last year is the year to date: known up to {synthetic.as_at:%d/%m/%Y} "
                      "(looked after on that day; no OC2).")
    console.print(f"Wrote {len(synthetic.returns)} returns to {out}"
                  + (f"; {synthetic.manifest.height} errors listed in manifest.csv" if errors else ""))


def parse_as_at(text: str | None) -> date | None:
    """--as-at as a date (YYYY-MM-DD), or exit with a usage error."""
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        err_console.print(f"[red]--as-at must be a date like 2026-11-23, not {text!r}[/red]")
        raise typer.Exit(2) from error


def _summary(frame) -> Table:
    table = Table(title="Synthetic returns")
    for column, label in (("la", "LA"), ("year", "Year"), ("children", "Children"),
                          ("episodes", "Episodes"), ("looked_after_31_march", "Looked after 31 March"),
                          ("errors", "Errors injected")):
        table.add_column(label, justify="left" if column == "la" else "right")
    for row in frame.iter_rows():
        table.add_row(*(f"{v:,}" if isinstance(v, int) and i > 1 else str(v) for i, v in enumerate(row)))
    return table


def register(app: typer.Typer) -> None:
    app.command("synth")(synth)
