"""Where each SSDA903 table sits in the DfE XML (spec §1.2; described in docs/returns.md).

One `<CHILD>` per child. Its `<HEADER>` holds the child's leaves (the Header table), the single-row
tables as further leaves (UASC, OC3, AD1) and the repeating groups (Reviews, Missing, ...).
Episodes are `<EPISODE>` elements directly under `<CHILD>`.
"""

from __future__ import annotations

from carematters.data.schema import SSDA903_TABLES, table

ROOT = "EXPSSDA903"
META = "Header"  # root-level block holding <Year> and <LA>
CHILD = "CHILD"
HEADER = "HEADER"
EPISODE = "EPISODE"
UASC_FLAG = "UASC"

#: Columns whose element name differs from the column name.
ELEMENT_NAMES: dict[str, dict[str, str]] = {
    "Header": {"CHILD": "CHILDID"},
    "Episodes": {"PLACE": "PL"},
}

#: Tables held as leaves of <HEADER>, one row per child (their CHILD, DOB, SEX are the child's).
LEAF_TABLES = ("UASC", "OC3", "AD1")

#: Repeating groups inside <HEADER>, in the order they are written: table name -> element name.
GROUP_TABLES: dict[str, str] = {
    t.name: t.xml_tag for t in SSDA903_TABLES if t.xml_tag is not None
}

#: Leaves that only a Header row has: a <HEADER> with none of them belongs to a child present in
#: other tables but not in the Header table.
HEADER_ONLY = ("ETHNIC", "UPN", "MOTHER", "MC_DOB")

#: Columns filled from the child rather than written per row.
CHILD_COLUMNS = ("CHILD", "DOB", "SEX")


def element_name(table_name: str, column: str) -> str:
    return ELEMENT_NAMES.get(table_name, {}).get(column, column)


def own_columns(table_name: str) -> list[str]:
    """Columns a leaf table or group carries itself (the child's CHILD, DOB, SEX excluded)."""
    return [c for c in table(table_name).column_names if c not in CHILD_COLUMNS]


def header_leaves() -> list[str]:
    return [element_name("Header", c) for c in table("Header").column_names]
