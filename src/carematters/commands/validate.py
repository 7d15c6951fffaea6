"""`carematters validate`: check a return against the DfE rules and say what to fix.

The Ofsted provider register (`--children-homes`, `--social-care-providers`,
`--provider-register`) is optional: without it the rules comparing URNs with it report nothing.
So are the returns from before last year (`--history`, any number, put together): with them the
rules judging the child's whole care history (1000, 1001, 1002, 199) see care that ended earlier.

Exit status: 0 no findings, 1 findings, 2 input that could not be read.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import polars as pl
import typer
from rich.table import Table

from carematters.commands._common import console, err_console, progress_bar
from carematters.data.caredata import CareData


class Unreadable(Exception):
    """The input could not be read at all."""


def load(paths: list[Path], *, year: int | None, la: str | None) -> tuple[CareData, list]:
    """One return from `paths` (a folder of DfE CSV files, an XML file, or CSV files), with the
    readers' problems. Several paths are read one by one and their tables put together."""
    try:
        from carematters.returns import ReadError, read_return
    except ImportError as error:  # the reader ships in carematters.returns
        raise Unreadable(f"the SSDA903 reader is not available: {error}") from error
    results = []
    for path in paths:
        try:
            results.append(read_return(path, year=year, la=la))
        except ReadError as error:
            raise Unreadable(str(error)) from error
    if len(results) == 1:
        return results[0].data, list(results[0].problems)
    frames: dict[str, list[pl.DataFrame]] = {}
    for result in results:
        for name, frame in result.data.tables.items():
            frames.setdefault(name, []).append(frame)
    tables = {name: pl.concat(parts, how="diagonal_relaxed") for name, parts in frames.items()}
    years = tuple(y for r in results for y in r.data.years)
    data = CareData(tables, la=la or results[0].data.la, years=years, source=", ".join(map(str, paths)))
    return data, [p for r in results for p in r.problems]


def _summary_table(findings) -> Table:
    from carematters.reports.validation import summary

    table = Table(title=f"Validation findings ({len(findings)})", show_lines=False)
    table.add_column("Rule", style="bold")
    table.add_column("Count", justify="right")
    table.add_column("Message")
    for rule, message, count in summary(findings).iter_rows():
        table.add_row(rule, str(count), message)
    return table


def list_rules(year: int | None) -> None:
    from carematters.validation import rules_for

    for one in rules_for(year):
        typer.echo(f"{one.code}\t{one.message}")  # plain text: Rich would expand the tab


def load_providers(children_homes: Path | None, social_care_providers: Path | None,
                   register: list[Path] | None) -> pl.DataFrame | None:
    """The Ofsted provider register from the options given, or None when none was."""
    if children_homes is None and social_care_providers is None and not register:
        return None
    from carematters.data.providers import RegisterError, read_register

    try:
        return read_register(children_homes=children_homes,
                             social_care_providers=social_care_providers, csv=register)
    except (RegisterError, OSError) as error:
        raise Unreadable(str(error)) from error


def run(paths: list[Path], *, year: int | None, previous: list[Path] | None, la: str | None,
        out: Path | None, rules: list[str] | None, children_homes: Path | None = None,
        social_care_providers: Path | None = None, register: list[Path] | None = None,
        history: list[Path] | None = None) -> int:
    from carematters.reports.validation import write_all
    from carematters.validation import validate

    try:
        providers = load_providers(children_homes, social_care_providers, register)
    except Unreadable as error:
        err_console.print(f"[red]Cannot read the Ofsted provider register:[/red] {error}")
        return 2
    try:
        current, problems = load(paths, year=year, la=la)
        last = load(previous, year=year - 1 if year else None, la=la)[0] if previous else None
        # Each earlier return is read for its own year (the folder's name or the XML's).
        earlier = load(history, year=None, la=la)[0] if history else None
    except Unreadable as error:
        err_console.print(f"[red]Cannot read the return:[/red] {error}")
        return 2
    if year is None and len(current.years) != 1:
        err_console.print("[red]Say which collection year this is with --year.[/red]")
        return 2
    with progress_bar() as bar:
        task = bar.add_task("Checking rules", total=None)

        def advance(done: int, total: int, code: str) -> None:
            bar.update(task, completed=done, total=total, description=f"Rule {code}")

        findings = validate(current, last, year=year, la=la, rules=rules, progress=advance,
                            problems=problems, providers=providers, history=earlier)
    if len(findings) == 0:
        console.print("[green]No findings: every rule passed.[/green]")
    else:
        console.print(_summary_table(findings))
        children = findings.frame["child"].n_unique()
        console.print(f"{len(findings)} findings for {children} children.")
    if out is not None:
        written = write_all(findings, current, out)
        console.print("Wrote " + ", ".join(str(p) for p in written))
    return 1 if len(findings) else 0


def register(app: typer.Typer) -> None:
    @app.command("validate")
    def validate_command(
        paths: Annotated[list[Path] | None, typer.Argument(
            help="The return: a folder of DfE CSV files, an XML file, or CSV files.")] = None,
        year: Annotated[int | None, typer.Option(
            "--year", help="Collection year, the year ending 31 March (2026 = 2025-26).")] = None,
        previous: Annotated[list[Path] | None, typer.Option(
            "--previous", help="Last year's return, for the rules comparing years.")] = None,
        history: Annotated[list[Path] | None, typer.Option(
            "--history", help="A return from before last year (repeat for more): with them "
            "the rules on the whole care history (1000, 1001, 1002, 199) see care that ended "
            "earlier.")] = None,
        la: Annotated[str | None, typer.Option("--la", help="Local authority code.")] = None,
        out: Annotated[Path | None, typer.Option(
            "--out", help="Write findings.csv, findings.xlsx and findings.html here.")] = None,
        rule: Annotated[list[str] | None, typer.Option(
            "--rule", help="Run only this rule (repeat for more).")] = None,
        children_homes: Annotated[Path | None, typer.Option(
            "--children-homes", help="Ofsted's Children's Homes list (xlsx), for the rules "
            "checking URNs against the register (219, 221, 224, 227-229, 241, 1008).")] = None,
        social_care_providers: Annotated[Path | None, typer.Option(
            "--social-care-providers", help="Ofsted's Social Care Providers list (xlsx: current, "
            "then closed providers), for the same rules.")] = None,
        provider_register: Annotated[list[Path] | None, typer.Option(
            "--provider-register", help="The provider register as CSV (URN, PLACE_CODES, "
            "PROVIDER_CODES, REG_END, POSTCODE), instead of or beside the Ofsted lists.")] = None,
        list_rules_: Annotated[bool, typer.Option(
            "--list-rules", help="List the rules in force (code, tab, message) and stop.")] = False,
    ) -> None:
        """Check an SSDA903 return against the DfE validation rules."""
        if list_rules_:
            list_rules(year)
            raise typer.Exit(0)
        if not paths:
            err_console.print("[red]Give the return to check (a folder or files).[/red]")
            raise typer.Exit(2)
        raise typer.Exit(run(paths, year=year, previous=previous, la=la, out=out, rules=rule,
                             children_homes=children_homes,
                             social_care_providers=social_care_providers,
                             register=provider_register, history=history))

