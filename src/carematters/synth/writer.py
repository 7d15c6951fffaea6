"""Writing synthetic returns to disk: a folder per collection year (per authority when several).

CSV: one `<Table>.csv` per table, extension tables included. The Ofsted register of the
authority's settings goes beside the year folders as `ofsted/children_homes.xlsx` and
`ofsted/social_care_providers.xlsx` (Ofsted's layout). XML: the DfE tables as one
`SSDA903.xml` per return (the statutory layout), extension tables beside it as CSV. File-level
errors (`CellText`) are written over the clean values after the normal writer has run, so the
writers themselves never need to know about deliberate errors.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from pathlib import Path
from typing import Literal

from lxml import etree

from carematters.data.caredata import CareData
from carematters.data.schema import table
from carematters.returns import write_csv, write_xml
from carematters.returns import xml_layout as lay
from carematters.synth.errors import CellText
from carematters.synth.generate import Progress, Synthetic
from carematters.synth.ofsted import write_workbooks

Format = Literal["csv", "xml"]


def return_folder(out: Path, la: str, year: int, several: bool) -> Path:
    return out / la / str(year) if several else out / str(year)


def register_folder(out: Path, la: str, several: bool) -> Path:
    """Where the authority's Ofsted workbooks go: `ofsted/` beside its year folders."""
    return (out / la if several else out) / "ofsted"


def write(synthetic: Synthetic, out: Path, fmt: Format = "csv",
          progress: Progress | None = None) -> list[Path]:
    """Write every return (and `manifest.csv` when errors were injected); the paths written."""
    if fmt not in ("csv", "xml"):
        raise ValueError(f"unknown format {fmt!r}: use csv or xml")
    out = Path(out)
    several = len(synthetic.authorities) > 1
    written: list[Path] = []
    for (la, year), data in sorted(synthetic.returns.items()):
        folder = return_folder(out, la, year, several)
        texts = synthetic.cell_text.get((la, year), [])
        written += write_xml_return(data, folder, texts) if fmt == "xml" else write_csv_return(
            data, folder, texts)
        if progress:
            progress(len(written), len(synthetic.returns), f"wrote {la} {year}")
    for la, register in sorted(synthetic.registers.items()):
        written += write_workbooks(register, register_folder(out, la, several))
    if synthetic.manifest.height:
        out.mkdir(parents=True, exist_ok=True)
        path = out / "manifest.csv"
        synthetic.manifest.write_csv(path, line_terminator="\n")
        written.append(path)
    return written


def write_csv_return(data: CareData, folder: Path, texts: list[CellText]) -> list[Path]:
    paths = write_csv(data, folder)
    for name, cells in _by_table(texts).items():
        _patch_csv(folder / f"{name}.csv", cells)
    return paths


def write_xml_return(data: CareData, folder: Path, texts: list[CellText]) -> list[Path]:
    dfe = CareData({n: f for n, f in data.tables.items() if not table(n).extension},
                   la=data.la, years=data.years, source=data.source)
    extensions = CareData({n: f for n, f in data.tables.items() if table(n).extension},
                          la=data.la, years=data.years, source=data.source)
    path = write_xml(dfe, folder / "SSDA903.xml")
    if texts:
        _patch_xml(path, dfe, texts)
    return [path, *write_csv(extensions, folder)]


def _by_table(texts: list[CellText]) -> dict[str, list[CellText]]:
    grouped: dict[str, list[CellText]] = defaultdict(list)
    for cell in texts:
        grouped[cell.table].append(cell)
    return grouped


def _patch_csv(path: Path, cells: list[CellText]) -> None:
    """Put raw text into given cells (row 0 is the first data row) of a written CSV file."""
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    header = next(csv.reader([lines[0]]))
    for cell in cells:
        line = cell.row + 1
        values = next(csv.reader([lines[line]]))
        values[header.index(cell.column)] = cell.text
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="").writerow(values)
        lines[line] = buffer.getvalue()
    path.write_text("\n".join(lines), encoding="utf-8")


def _patch_xml(path: Path, data: CareData, texts: list[CellText]) -> None:
    """Put raw text into the XML elements that hold the given cells.

    A row is found as the k-th element of its table inside its child's first <CHILD> (the
    writer keeps each table's row order within a child).
    """
    tree = etree.parse(str(path))
    children: dict[str, etree._Element] = {}
    for element in tree.getroot().iter(lay.CHILD):
        child_id = element.findtext(f"{lay.HEADER}/CHILDID")
        children.setdefault(child_id, element)
    for cell in texts:
        frame = data[cell.table]
        child_id = frame["CHILD"][cell.row]
        k = int(frame.head(cell.row)["CHILD"].eq(child_id).sum())
        element = _xml_row(children[child_id], cell.table, k)
        leaf = element.find(lay.element_name(cell.table, cell.column))
        leaf.text = cell.text
    tree.write(str(path), pretty_print=True, xml_declaration=True, encoding="UTF-8")


def _xml_row(child: etree._Element, name: str, k: int) -> etree._Element:
    header = child.find(lay.HEADER)
    if name == "Episodes":
        return child.findall(lay.EPISODE)[k]
    if name in lay.GROUP_TABLES:
        return header.findall(lay.GROUP_TABLES[name])[k]
    return header

