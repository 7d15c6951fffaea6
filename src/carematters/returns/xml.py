"""SSDA903 XML returns (layout in xml_layout.py and docs/returns.md).

The XML holds the same tables as the CSV files, nested per child; the reader flattens it into
the same frames (spec §1.2: "our reader should accept both and produce identical frames").
Child-level values (CHILD, DOB, SEX) are copied into each table that has the column. A value an
element lacks stays null: it is never borrowed from the child's other elements.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path

import polars as pl
from lxml import etree

from carematters.data.schema import SOURCE_ROW, SSDA903_TABLES, Table, table
from carematters.returns import xml_layout as lay
from carematters.returns.assemble import TablePiece, assemble
from carematters.returns.parse import parse_values
from carematters.returns.problems import Problem, ReadError, ReadResult
from carematters.returns.xml_write import write_xml

__all__ = ["read_xml", "write_xml"]

Row = dict[str, str | int | None]


def _parser(recover: bool) -> etree.XMLParser:
    # Returns come from outside: no entities, no DTDs, no network (XXE and billion-laughs).
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, recover=recover,
        remove_comments=True, remove_pis=True,
    )


def _parse(data: bytes, file: str) -> tuple[etree._Element | None, list[Problem]]:
    if not data.strip():
        return None, [Problem(file, None, None, None, "an XML document", "file is empty")]
    try:
        return etree.fromstring(data, _parser(recover=False)), []
    except etree.XMLSyntaxError as error:
        problem = Problem(
            file, error.lineno or None, None, None, "well-formed XML",
            f"not well-formed XML ({error.msg}); read what could be recovered",
        )
    except ValueError as error:  # e.g. a text declaration lxml refuses for bytes input
        problem = Problem(file, None, None, None, "well-formed XML", f"not readable XML ({error})")
    try:
        root = etree.fromstring(data, _parser(recover=True))
    except (etree.XMLSyntaxError, ValueError):
        root = None
    return root, [problem]


def _leaves(element: etree._Element) -> dict[str, str | None]:
    """Text of each child element by tag (first occurrence wins)."""
    found: dict[str, str | None] = {}
    for leaf in element:
        if isinstance(leaf.tag, str) and leaf.tag not in found:
            found[leaf.tag] = leaf.text
    return found


@dataclass
class _Collected:
    rows: dict[str, list[Row]] = field(default_factory=lambda: defaultdict(list))
    #: (table, line) of rows whose DOB was copied from the child, so a bad DOB is reported once.
    copied_dob: set[tuple[str, int]] = field(default_factory=set)
    #: (parent, tag) -> (count, first line) of elements the layout does not know.
    unknown: dict[tuple[str, str], tuple[int, int]] = field(default_factory=dict)

    def note_unknown(self, parent: str, element: etree._Element) -> None:
        count, line = self.unknown.get((parent, element.tag), (0, element.sourceline or 0))
        self.unknown[(parent, element.tag)] = (count + 1, line)


def _check_children(parent: etree._Element, name: str, known: set[str], found: _Collected) -> None:
    for element in parent:
        if isinstance(element.tag, str) and element.tag not in known:
            found.note_unknown(name, element)


def _leaf_rows(child_id: str | None, leaves: dict[str, str | None], line: int, found: _Collected) -> None:
    """The Header row and the one-per-child tables held as <HEADER> leaves."""
    base = {"CHILD": child_id, "DOB": leaves.get("DOB"), "SEX": leaves.get("SEX"), SOURCE_ROW: line}
    if any(tag in leaves for tag in lay.HEADER_ONLY):
        found.rows["Header"].append(
            base | {c: leaves.get(c) for c in table("Header").column_names if c not in base}
        )
    if (leaves.get(lay.UASC_FLAG) or "").strip() == "1" or (leaves.get("DUC") or "").strip():
        found.rows["UASC"].append(base | {"DUC": leaves.get("DUC")})
    for name in ("OC3", "AD1"):
        own = {c: leaves.get(c) for c in lay.own_columns(name)}
        if any((v or "").strip() for v in own.values()):
            found.rows[name].append(base | own)


def _group_rows(child_element: etree._Element, child_id: str | None, dob: str | None, found: _Collected) -> None:
    for name, tag in [*lay.GROUP_TABLES.items(), ("Episodes", lay.EPISODE)]:
        columns = table(name).column_names
        known = {lay.element_name(name, c) for c in columns}
        for element in child_element.iter(tag):
            leaves = _leaves(element)
            _check_children(element, tag, known, found)
            line = element.sourceline or 0
            row: Row = {c: leaves.get(lay.element_name(name, c)) for c in columns if c != "CHILD"}
            row |= {"CHILD": child_id, SOURCE_ROW: line}
            if "DOB" in columns and "DOB" not in leaves:
                row["DOB"] = dob
                found.copied_dob.add((name, line))
            found.rows[name].append(row)


def _collect(root: etree._Element) -> _Collected:
    found = _Collected()
    groups = set(lay.GROUP_TABLES.values())
    header_known = set(lay.header_leaves()) | groups | {lay.UASC_FLAG, "DUC"}
    header_known |= {c for name in ("OC3", "AD1") for c in lay.own_columns(name)}
    for child_element in root.iter(lay.CHILD):
        _check_children(child_element, lay.CHILD, {lay.HEADER, lay.EPISODE} | groups, found)
        header = child_element.find(lay.HEADER)
        leaves = _leaves(header) if header is not None else {}
        if header is not None:
            _check_children(header, lay.HEADER, header_known, found)
        child_id = leaves.get("CHILDID")
        line = (header if header is not None else child_element).sourceline or 0
        _leaf_rows(child_id, leaves, line, found)
        _group_rows(child_element, child_id, leaves.get("DOB"), found)
    return found


def _meta(root: etree._Element) -> tuple[int | None, str | None]:
    meta = root.find(lay.META)
    if meta is None:
        return None, None
    year_text = (meta.findtext("Year") or "").strip()
    la = (meta.findtext("LA") or "").strip() or None
    return (int(year_text) if year_text.isdigit() else None), la


def _pieces(found: _Collected, file: str) -> tuple[list[TablePiece], list[Problem]]:
    pieces, problems = [], []
    for chosen in SSDA903_TABLES:
        schema = {c: pl.String() for c in chosen.column_names} | {SOURCE_ROW: pl.Int64()}
        raw = pl.DataFrame(found.rows.get(chosen.name, []), schema=schema, orient="row")
        typed, value_problems = parse_values(raw, chosen, file)
        problems += [
            p for p in value_problems
            if not (p.column == "DOB" and (chosen.name, p.row) in found.copied_dob)
        ]
        pieces.append(TablePiece(chosen, file, typed))
    return pieces, problems


def _unknown_problems(found: _Collected, file: str) -> list[Problem]:
    return [
        Problem(
            file, line or None, None, tag, f"an element of <{parent}> in the SSDA903 layout",
            f"element <{tag}> in <{parent}> is not in the SSDA903 layout; ignored"
            + (f" ({count} times)" if count > 1 else ""),
        )
        for (parent, tag), (count, line) in found.unknown.items()
    ]


def _keep_table(chosen: Table, frame: pl.DataFrame, year: int | None) -> bool:
    """An XML return holds every table of its year; others only when they have rows."""
    return not frame.is_empty() or chosen.in_year(year)


def read_xml(path: Path, *, year: int | None = None, la: str | None = None) -> ReadResult:
    """One return from a DfE-style XML file."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ReadError(f"{path} does not exist") from None
    except OSError as error:
        raise ReadError(f"cannot read {path}: {error.strerror or error}") from None
    root, problems = _parse(data, path.name)
    found = _collect(root) if root is not None else _Collected()
    if root is not None and root.tag != lay.ROOT:
        has_children = any(found.rows.values())
        problems.append(Problem(
            path.name, None, None, str(root.tag), f"<{lay.ROOT}>",
            f"root element is <{root.tag}>, not <{lay.ROOT}>; "
            + ("read its <CHILD> elements" if has_children else "no <CHILD> elements: not a return"),
        ))
    stated_year, stated_la = _meta(root) if root is not None else (None, None)
    pieces, value_problems = _pieces(found, path.name)
    result = assemble(
        pieces, problems + _unknown_problems(found, path.name) + value_problems,
        source=path, year=year, la=la or stated_la, stated_year=stated_year,
    )
    years = result.data.years
    kept = {
        name: frame for name, frame in result.data.tables.items()
        if _keep_table(table(name), frame, years[0] if years else None)
    }
    return ReadResult(replace(result.data, tables=kept), result.problems)
