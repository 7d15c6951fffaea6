"""Writing CareData as a DfE-style SSDA903 XML document (layout in xml_layout.py).

Only DfE tables are written: the XML is the statutory return, and extension tables (Visits,
HealthAssessments, ...) have no place in it; keep those as CSV.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import polars as pl
from lxml import etree

from carematters.data.caredata import CareData
from carematters.data.schema import SSDA903_TABLES, table
from carematters.returns import xml_layout as lay

Row = dict[str, str | None]
ChildRows = dict[str, list[Row]]


def _as_text(frame: pl.DataFrame, name: str) -> pl.DataFrame:
    """Schema columns as text the way the CSV writer spells them (dates dd/mm/yyyy)."""
    present = set(frame.columns)
    columns = []
    for column in table(name).columns:
        if column.name not in present:
            columns.append(pl.lit(None, pl.String).alias(column.name))
        elif frame.schema[column.name] == pl.Date:
            columns.append(pl.col(column.name).dt.strftime("%d/%m/%Y"))
        else:
            columns.append(pl.col(column.name).cast(pl.String))
    return frame.select(columns)


def _by_child(data: CareData) -> dict[str | None, ChildRows]:
    """Every DfE table's rows grouped by child, children in Header order, then first seen."""
    children: dict[str | None, ChildRows] = {}
    for chosen in SSDA903_TABLES:
        if chosen.name not in data:
            continue
        for row in _as_text(data[chosen.name], chosen.name).iter_rows(named=True):
            children.setdefault(row["CHILD"], defaultdict(list))[chosen.name].append(row)
    return children


def _leaf(parent: etree._Element, tag: str, text: str | None) -> None:
    etree.SubElement(parent, tag).text = text


def _nth(rows: ChildRows, name: str, k: int) -> Row | None:
    found = rows.get(name, [])
    return found[k] if k < len(found) else None


def _header(child_id: str | None, rows: ChildRows, k: int) -> tuple[etree._Element, str | None]:
    """The k-th <HEADER> of a child and the DOB its groups are compared with."""
    header = etree.Element(lay.HEADER)
    _leaf(header, "CHILDID", child_id)
    header_row = _nth(rows, "Header", k)
    leaf_rows = [r for r in (_nth(rows, n, k) for n in lay.LEAF_TABLES) if r is not None]
    if header_row is not None:
        for column in table("Header").column_names[1:]:
            _leaf(header, column, header_row[column])
        dob = header_row["DOB"]
    else:
        # A child missing from the Header table: its DOB and SEX from the tables that hold them.
        dob = next((r["DOB"] for r in leaf_rows if r.get("DOB")), None)
        sex = next((r["SEX"] for r in leaf_rows if r.get("SEX")), None)
        for tag, text in (("SEX", sex), ("DOB", dob)):
            if text is not None:
                _leaf(header, tag, text)
    if (uasc := _nth(rows, "UASC", k)) is not None:
        _leaf(header, lay.UASC_FLAG, "1")
        _leaf(header, "DUC", uasc["DUC"])
    for name in ("OC3", "AD1"):
        if (row := _nth(rows, name, k)) is not None:
            for column in lay.own_columns(name):
                _leaf(header, column, row[column])
    return header, dob


def _group(name: str, tag: str, row: Row, dob: str | None) -> etree._Element:
    element = etree.Element(tag)
    # A row's DOB is written only when it differs from the child's, so nothing is lost.
    if "DOB" in row and row["DOB"] != dob:
        _leaf(element, "DOB", row["DOB"])
    for column in table(name).column_names:
        if column not in lay.CHILD_COLUMNS:
            _leaf(element, lay.element_name(name, column), row[column])
    return element


def _child_elements(child_id: str | None, rows: ChildRows) -> list[etree._Element]:
    """One <CHILD>, plus one more for each extra row of a one-per-child table (duplicates)."""
    count = max([1] + [len(rows.get(n, [])) for n in ("Header", *lay.LEAF_TABLES)])
    elements = []
    for k in range(count):
        child = etree.Element(lay.CHILD)
        header, dob = _header(child_id, rows, k)
        child.append(header)
        if k == 0:
            for name, tag in lay.GROUP_TABLES.items():
                for row in rows.get(name, []):
                    header.append(_group(name, tag, row, dob))
            for row in rows.get("Episodes", []):
                child.append(_group("Episodes", lay.EPISODE, row, dob))
        elements.append(child)
    return elements


def write_xml(data: CareData, path: Path) -> Path:
    """The DfE tables of `data` as one XML document (UTF-8, dates dd/mm/yyyy)."""
    path = Path(path)
    root = etree.Element(lay.ROOT)
    if data.years or data.la:
        meta = etree.SubElement(root, lay.META)
        if len(data.years) == 1:
            _leaf(meta, "Year", str(data.years[0]))
        if data.la:
            _leaf(meta, "LA", data.la)
    for child_id, rows in _by_child(data).items():
        root.extend(_child_elements(child_id, rows))
    path.parent.mkdir(parents=True, exist_ok=True)
    etree.ElementTree(root).write(str(path), pretty_print=True, xml_declaration=True, encoding="UTF-8")
    return path
