"""`carematters due PATH`: what is overdue or due soon, child by child, overdue first."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import polars as pl
import typer
from rich.table import Table

from carematters.commands._common import console, err_console
from carematters.commands._grip_data import LoadError, combined_up_to, load_years, parse_date
from carematters.compliance import evaluate
from carematters.compliance.aggregate import with_workers

STYLE = {"overdue": "bold red", "due_soon": "yellow"}


def due(
    path: Annotated[Path, typer.Argument(help="folder of <year>/<Table>.csv returns", exists=True,
                                         file_okay=False)],
    as_at: Annotated[str | None, typer.Option(help="as at this date (dd/mm/yyyy); default "
                                              "today")] = None,
    child: Annotated[str | None, typer.Option(help="only this child")] = None,
    worker: Annotated[str | None, typer.Option(help="only this social worker (SW_ID)")] = None,
    limit: Annotated[int, typer.Option(help="show at most this many rows")] = 100,
) -> None:
    """List statutory items overdue or due soon (overdue items whose duty has lapsed are left out)."""
    try:
        when = parse_date(as_at) if as_at else date.today()
        by_year = load_years(path)
        data = combined_up_to(by_year, max(by_year))
    except LoadError as problem:
        err_console.print(f"[red]{problem}[/red]")
        raise typer.Exit(2) from None
    items = with_workers(evaluate(data, when), data, when).filter(
        pl.col("STATUS").is_in(["overdue", "due_soon"]) & pl.col("ACTIVE")
    )
    if child:
        items = items.filter(pl.col("CHILD") == child)
    if worker:
        items = items.filter(pl.col("SW_ID") == worker)
    console.print(_table(items.head(limit), when))
    overdue = items.filter(pl.col("STATUS") == "overdue").height
    shown = f" (showing {limit})" if items.height > limit else ""
    console.print(f"{overdue} overdue, {items.height - overdue} due soon, as at "
                  f"{when:%d/%m/%Y}{shown}.")


def _table(items: pl.DataFrame, when: date) -> Table:
    table = Table(title=f"Due and overdue as at {when:%d/%m/%Y}")
    for name in ("Child", "Worker", "Item", "What", "Due", "Status", "Days"):
        table.add_column(name, justify="right" if name == "Days" else "left")
    for row in items.to_dicts():
        days = (when - row["DUE"]).days
        table.add_row(row["CHILD"], row["SW_ID"], row["ITEM"], row["TITLE"],
                      f"{row['DUE']:%d/%m/%Y}", row["STATUS"].replace("_", " "),
                      str(days) if days > 0 else f"in {-days}", style=STYLE.get(row["STATUS"]))
    return table


def register(app: typer.Typer) -> None:
    app.command("due")(due)
