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
from carematters.returns.supplied import UASC_FLAG, keep_supplied, supplied
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


def _without_namespaces(root: etree._Element) -> etree._Element:
    """Some exports put the return in an XML namespace; the layout's names are what matter."""
    if isinstance(root.tag, str) and root.tag.startswith("{"):
        for element in root.iter():
            if isinstance(element.tag, str):
                element.tag = etree.QName(element).localname
    return root


@dataclass
class _Collected:
    rows: dict[str, list[Row]] = field(default_factory=lambda: defaultdict(list))
    #: (table, line) of rows whose DOB was copied from the child, so a bad DOB is reported once.
    copied_dob: set[tuple[str, int]] = field(default_factory=set)
    #: (parent, tag, unknown or repeated) -> (count, first line) of elements not read.
    ignored: dict[tuple[str, str, str], tuple[int, int]] = field(default_factory=dict)
    #: Some child's <UASC> flag says more than its UASC row (returns/supplied.py): keep the flags.
    flag_says_more: bool = False

    def note(self, parent: str, element: etree._Element, why: str) -> None:
        key = (parent, element.tag, why)
        count, line = self.ignored.get(key, (0, element.sourceline or 0))
        self.ignored[key] = (count + 1, line)


@dataclass(frozen=True)
class _Record:
    """How one repeating element (<EPISODE>, <AREVIEW>, ...) maps to its table's columns."""

    table: str
    columns: tuple[tuple[str, str], ...]  # (column, element), CHILD excluded
    known: frozenset[str]
    has_dob: bool


_RECORDS: dict[str, _Record] = {
    tag: _Record(
        name,
        tuple((c, lay.element_name(name, c)) for c in table(name).column_names if c != "CHILD")
        + tuple((c, c) for c in supplied(name)),
        frozenset(lay.element_name(name, c) for c in table(name).column_names) | set(supplied(name)),
        "DOB" in table(name).column_names,
    )
    for name, tag in [*lay.GROUP_TABLES.items(), ("Episodes", lay.EPISODE)]
}
_GROUP_TAGS = frozenset(lay.GROUP_TABLES.values())
_IN_CHILD = frozenset({lay.HEADER, lay.EPISODE}) | _GROUP_TAGS
_IN_HEADER = (
    frozenset(lay.header_leaves()) | _GROUP_TAGS | {lay.UASC_FLAG, "DUC"}
    | {c for name in ("OC3", "AD1") for c in lay.own_columns(name)}
)
_REPEATING = _GROUP_TAGS | {lay.EPISODE}
_HEADER_COLUMNS = tuple(c for c in table("Header").column_names if c not in lay.CHILD_COLUMNS)
_LEAF_TABLE_COLUMNS = {name: tuple(lay.own_columns(name)) for name in ("OC3", "AD1")}


def _leaves(
    element: etree._Element, known: frozenset[str], found: _Collected, repeating: frozenset[str] = frozenset()
) -> dict[str, str | None]:
    """Text of each known child element by tag; unknown ones and leaves given twice are noted
    (the first one is read)."""
    leaves: dict[str, str | None] = {}
    for leaf in element:
        tag = leaf.tag
        if tag not in known:
            if isinstance(tag, str):
                found.note(element.tag, leaf, "unknown")
        elif tag not in leaves:
            leaves[tag] = leaf.text
        elif tag not in repeating:
            found.note(element.tag, leaf, "repeated")
    return leaves


def _leaf_rows(child_id: str | None, leaves: dict[str, str | None], line: int, found: _Collected) -> None:
    """The Header row and the one-per-child tables held as <HEADER> leaves."""
    base = {"CHILD": child_id, "DOB": leaves.get("DOB"), "SEX": leaves.get("SEX"), SOURCE_ROW: line}
    flag, duc = (leaves.get(lay.UASC_FLAG) or "").strip(), (leaves.get("DUC") or "").strip()
    if any(tag in leaves for tag in lay.HEADER_ONLY):
        found.rows["Header"].append(
            base | {c: leaves.get(c) for c in _HEADER_COLUMNS} | {UASC_FLAG: leaves.get(lay.UASC_FLAG)})
        # A flag of 1 is the UASC row; 0 is no row; anything else (a 0 beside a DUC, a missing
        # or other value) is kept for validation (rules 105, 303).
        if not (flag == "1" or (flag == "0" and not duc)):
            found.flag_says_more = True
    if flag == "1" or duc:
        found.rows["UASC"].append(base | {"DUC": leaves.get("DUC")})
    for name, columns in _LEAF_TABLE_COLUMNS.items():
        own = {c: leaves.get(c) for c in columns}
        if any((v or "").strip() for v in own.values()):
            found.rows[name].append(base | own)


def _record_rows(child_element: etree._Element, child_id: str | None, dob: str | None, found: _Collected) -> None:
    """Rows of the repeating groups and episodes, wherever they sit inside the <CHILD>."""
    for element in child_element.iter(*_RECORDS):
        record = _RECORDS[element.tag]
        leaves = _leaves(element, record.known, found)
        line = element.sourceline or 0
        row: Row = {column: leaves.get(tag) for column, tag in record.columns}
        row["CHILD"] = child_id
        row[SOURCE_ROW] = line
        if record.has_dob and "DOB" not in leaves:
            row["DOB"] = dob
            found.copied_dob.add((record.table, line))
        found.rows[record.table].append(row)


def _collect(root: etree._Element) -> _Collected:
    found = _Collected()
    for child_element in root.iter(lay.CHILD):
        _leaves(child_element, _IN_CHILD, found, _REPEATING)  # notes strays under <CHILD>
        header = child_element.find(lay.HEADER)
        leaves = _leaves(header, _IN_HEADER, found, _REPEATING) if header is not None else {}
        child_id = leaves.get("CHILDID")
        line = (header if header is not None else child_element).sourceline or 0
        _leaf_rows(child_id, leaves, line, found)
        _record_rows(child_element, child_id, leaves.get("DOB"), found)
    return found


def _meta(root: etree._Element) -> tuple[int | None, str | None]:
    """Year and authority from the root-level <Header>, wherever inside it they sit (exports
    nest them differently; some call the authority LEA)."""
    meta = root.find(lay.META)
    if meta is None:
        return None, None
    year_text = (meta.findtext(".//Year") or "").strip()
    la = (meta.findtext(".//LA") or meta.findtext(".//LEA") or "").strip() or None
    return (int(year_text) if year_text.isdigit() else None), la


def _pieces(found: _Collected, file: str) -> tuple[list[TablePiece], list[Problem]]:
    pieces, problems = [], []
    for chosen in SSDA903_TABLES:
        extra = supplied(chosen.name)
        if chosen.name == "Header" and not found.flag_says_more:
            extra = ()
        schema = {c: pl.String() for c in (*chosen.column_names, *extra)} | {SOURCE_ROW: pl.Int64()}
        raw = pl.DataFrame(found.rows.get(chosen.name, []), schema=schema, orient="row")
        typed, value_problems = parse_values(raw, chosen, file)
        typed = keep_supplied(raw, typed, chosen.name, keep_blank=chosen.name == "Header")
        problems += [
            p for p in value_problems
            if not (p.column == "DOB" and (chosen.name, p.row) in found.copied_dob)
        ]
        pieces.append(TablePiece(chosen, file, typed))
    return pieces, problems


_IGNORED = {
    "unknown": "is not in the SSDA903 layout; ignored",
    "repeated": "is given twice; the first one is read",
}


def _ignored_problems(found: _Collected, file: str) -> list[Problem]:
    return [
        Problem(
            file, line or None, None, tag, f"an element of <{parent}> in the SSDA903 layout",
            f"element <{tag}> in <{parent}> {_IGNORED[why]}" + (f" ({count} times)" if count > 1 else ""),
        )
        for (parent, tag, why), (count, line) in found.ignored.items()
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
    root = _without_namespaces(root) if root is not None else None
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
        pieces, problems + _ignored_problems(found, path.name) + value_problems,
        source=path, year=year, la=la or stated_la, stated_year=stated_year,
    )
    years = result.data.years
    kept = {
        name: frame for name, frame in result.data.tables.items()
        if _keep_table(table(name), frame, years[0] if years else None)
    }
    files = {name: path.name for name in kept}
    return ReadResult(replace(result.data, tables=kept), result.problems, files)
