"""`carematters convert`: an SSDA903 return from CSV files to XML, or back."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from carematters.commands._common import console, err_console
from carematters.commands._reading import locate, read_all
from carematters.data.schema import table
from carematters.returns import ReadResult, ReturnLocation, write_csv, write_xml


class Format(StrEnum):
    xml = "xml"
    csv = "csv"


def _destination(location: ReturnLocation, root: Path, out: Path) -> Path:
    """The output folder, mirroring the input's authority and year folders."""
    if location.path == root or root.is_file():
        return out
    return out / location.path.relative_to(root)


def _write(result: ReadResult, to: Format, folder: Path) -> list[Path]:
    data = result.data
    if to is Format.csv:
        return write_csv(data, folder)
    extensions = [name for name in data.tables if table(name).extension and data[name].height]
    if extensions:
        err_console.print(
            f"[yellow]warning:[/yellow] extension tables are not part of the DfE XML; not written: {', '.join(extensions)}"
        )
    year = f"_{data.years[-1]}" if data.years else ""
    return [write_xml(data, folder / f"SSDA903{year}.xml")]


def convert(
    path: Annotated[Path, typer.Argument(help="A folder of CSV files, an XML file, or a folder of year folders (optionally one folder per authority above them).")],
    to: Annotated[Format, typer.Option("--to", case_sensitive=False, help="Output format: 'xml' (one DfE XML file per return) or 'csv' (one file per table).")],
    out: Annotated[Path, typer.Option("--out", help="Folder to write into; authority and year folders of the input are recreated under it.")],
    year: Annotated[int | None, typer.Option("--year", help="Collection year, when it cannot be read from folder names or dates; picks one year from a multi-year folder.")] = None,
) -> None:
    """Convert SSDA903 returns between the DfE CSV files and the DfE XML layout.

    Values that cannot be read are reported and left blank in the output, so check the problems (or run [bold]carematters inspect[/bold]) before submitting a converted return.
    """
    for location, result in read_all(locate(path, year), year):
        written = _write(result, to, _destination(location, path, out))
        console.print(f"{location.path} → {', '.join(str(p) for p in written)}", highlight=False)
        if result.problems:
            console.print(
                f"  [yellow]{len(result.problems):,} problems reading it[/yellow]; values that could "
                "not be read are blank in the output. First ones:"
            )
            for problem in result.problems[:5]:
                console.print(f"    • {problem}", highlight=False, markup=False)


def register(app: typer.Typer) -> None:
    app.command("convert")(convert)
