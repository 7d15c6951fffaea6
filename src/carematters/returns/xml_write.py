"""Writing CareData as a DfE-style SSDA903 XML document (layout in xml_layout.py).

Only DfE tables are written: the XML is the statutory return, and extension tables (Visits,
HealthAssessments, ...) have no place in it; keep those as CSV.

The document is built as text by Polars, one fragment per row, then joined per child, so a
national-size return is written without a Python loop over its rows. The output is what lxml
pretty-printing would give (two-space indents, `<X/>` for a null).
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from carematters.data.caredata import CareData
from carematters.data.schema import SSDA903_TABLES, table
from carematters.returns import xml_layout as lay
from carematters.returns.supplied import UASC_FLAG, present_in

_KEY = ["CHILD", "_k"]
# Characters XML 1.0 cannot carry at all, even escaped.
_NOT_XML = r"[\x00-\x08\x0B\x0C\x0E-\x1F\x{FFFE}\x{FFFF}]"


def _as_text(data: CareData, name: str) -> pl.DataFrame:
    """Schema columns, then the supplied ones the frame carries (returns/supplied.py), as text the
    way the CSV writer spells them (dates dd/mm/yyyy)."""
    frame = data[name]
    columns = []
    for column in [c.name for c in table(name).columns] + present_in(frame, name):
        if column not in frame.columns:
            columns.append(pl.lit(None, pl.String).alias(column))
        elif frame.schema[column] == pl.Date:
            columns.append(pl.col(column).dt.strftime("%d/%m/%Y"))
        else:
            columns.append(pl.col(column).cast(pl.String))
    text = frame.select(columns)
    bad = [c for c in text.columns if text[c].str.contains(_NOT_XML).any()]
    if bad:
        raise ValueError(f"{name} column {bad[0]} holds control characters XML cannot carry")
    return text


def _escaped(value: pl.Expr) -> pl.Expr:
    # As lxml escapes text; a carriage return is kept as &#13; since parsers turn it into \n.
    for raw, escaped in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("\r", "&#13;")):
        value = value.str.replace_all(raw, escaped, literal=True)
    return value


def _leaf(tag: str, value: pl.Expr, indent: int) -> pl.Expr:
    pad = " " * indent
    return (
        pl.when(value.is_null())
        .then(pl.lit(f"{pad}<{tag}/>\n"))
        .otherwise(pl.concat_str(pl.lit(f"{pad}<{tag}>"), _escaped(value), pl.lit(f"</{tag}>\n")))
    )


def _leaves(name: str, columns: list[str], indent: int) -> pl.Expr:
    return pl.concat_str([_leaf(lay.element_name(name, c), pl.col(c), indent) for c in columns])


def _child_order(data: CareData) -> pl.DataFrame:
    """Children in Header order, then those only in other tables in the order first seen."""
    ids = [data[t.name].select(pl.col("CHILD").cast(pl.String)) for t in SSDA903_TABLES if t.name in data]
    if not ids:
        return pl.DataFrame(schema={"CHILD": pl.String, "_order": pl.Int64})
    return (
        pl.concat(ids).unique(maintain_order=True)
        .with_columns(pl.int_range(pl.len(), dtype=pl.Int64).alias("_order"))
    )


def _numbered(frame: pl.DataFrame) -> pl.DataFrame:
    """Each child's k-th row of a one-per-child table goes in the child's k-th <CHILD>."""
    return frame.with_columns(pl.int_range(pl.len(), dtype=pl.Int64).over("CHILD").alias("_k"))


def _slots(data: CareData, order: pl.DataFrame) -> pl.DataFrame:
    """One row per <CHILD> element (child, k): its <HEADER> leaves and the DOB groups compare with."""
    header_text = _as_text(data, "Header")
    sent = UASC_FLAG in header_text.columns
    header = _numbered(header_text).select(
        *_KEY, pl.col("DOB").alias("_header_dob"), pl.lit(True).alias("_has_header"),
        _leaves("Header", table("Header").column_names[1:], 6).alias("_header"),
        (pl.col(UASC_FLAG) if sent else pl.lit(None, pl.String)).alias("_flag_sent"),
    )
    parts = [header]
    for name in lay.LEAF_TABLES:
        own = lay.own_columns(name)
        leaves = _leaves(name, own, 6)
        sex = pl.col("SEX") if "SEX" in table(name).column_names else pl.lit(None, pl.String)
        parts.append(_numbered(_as_text(data, name)).select(
            *_KEY, pl.col("DOB").alias(f"_dob_{name}"), sex.alias(f"_sex_{name}"), leaves.alias(f"_{name}"),
        ))
    slots = pl.concat(
        [order.select("CHILD", pl.lit(0, pl.Int64).alias("_k"))] + [p.select(_KEY) for p in parts]
    ).unique(maintain_order=True)
    for part in parts:
        slots = slots.join(part, on=_KEY, how="left", nulls_equal=True, maintain_order="left")
    return slots.with_columns(_child_dob(), _header_leaves(sent).alias("_leaves"))


def _first_given(columns: list[str]) -> pl.Expr:
    return pl.coalesce([pl.when(pl.col(c) != "").then(pl.col(c)) for c in columns])


def _child_dob() -> pl.Expr:
    # A child missing from the Header table: its DOB from the tables that hold one.
    fallback = _first_given([f"_dob_{n}" for n in lay.LEAF_TABLES])
    return pl.when(pl.col("_has_header")).then(pl.col("_header_dob")).otherwise(fallback).alias("_dob")


def _uasc_flag(sent: bool) -> pl.Expr:
    """The <UASC> leaf: the flag as sent when the Header keeps it (returns/supplied.py), else 1
    for a child with a UASC row and 0 for one without (the DfE's XML flags every child)."""
    has_row = pl.col("_UASC").is_not_null()
    one, zero = (pl.lit(f"      <{lay.UASC_FLAG}>{v}</{lay.UASC_FLAG}>\n") for v in (1, 0))
    from_row = pl.when(has_row).then(one).otherwise(zero)
    in_header = _leaf(lay.UASC_FLAG, pl.col("_flag_sent"), 6) if sent else from_row
    return pl.when(pl.col("_has_header")).then(in_header).when(has_row).then(one).otherwise(pl.lit(""))


def _header_leaves(sent: bool) -> pl.Expr:
    sex = _first_given([f"_sex_{n}" for n in lay.LEAF_TABLES])
    dob = _first_given([f"_dob_{n}" for n in lay.LEAF_TABLES])
    fallback = pl.concat_str(
        pl.when(sex.is_not_null()).then(_leaf("SEX", sex, 6)).otherwise(pl.lit("")),
        pl.when(dob.is_not_null()).then(_leaf("DOB", dob, 6)).otherwise(pl.lit("")),
    )
    return pl.concat_str(
        _leaf("CHILDID", pl.col("CHILD"), 6),
        pl.when(pl.col("_has_header")).then(pl.col("_header")).otherwise(fallback),
        _uasc_flag(sent),
        *(pl.col(f"_{n}").fill_null("") for n in lay.LEAF_TABLES),
    )


def _records(data: CareData, child_dob: pl.DataFrame) -> pl.DataFrame:
    """Per child: its repeating groups (inside <HEADER>) and its episodes (after it), as text."""
    groups, episodes = [], pl.DataFrame(schema={"CHILD": pl.String, "_text": pl.String})
    for name, tag in [*lay.GROUP_TABLES.items(), ("Episodes", lay.EPISODE)]:
        if name not in data:
            continue
        indent = 8 if name in lay.GROUP_TABLES else 6
        own = [c for c in table(name).column_names if c not in lay.CHILD_COLUMNS]
        text = _as_text(data, name)
        own += present_in(text, name)
        parts = [pl.lit(f"{' ' * (indent - 2)}<{tag}>\n")]
        if "DOB" in text.columns:
            # A row's DOB is written only when it differs from the child's, so nothing is lost.
            text = text.join(child_dob, on="CHILD", how="left", nulls_equal=True, maintain_order="left")
            differs = pl.col("DOB").ne_missing(pl.col("_dob"))
            parts.append(pl.when(differs).then(_leaf("DOB", pl.col("DOB"), indent)).otherwise(pl.lit("")))
        parts += [_leaves(name, own, indent), pl.lit(f"{' ' * (indent - 2)}</{tag}>\n")]
        fragments = text.select("CHILD", pl.concat_str(parts).alias("_text"))
        if name in lay.GROUP_TABLES:
            groups.append(fragments)
        else:
            episodes = fragments
    joined = [
        frame.group_by("CHILD", maintain_order=True).agg(pl.col("_text").str.join("").alias(alias))
        for frame, alias in ((pl.concat(groups) if groups else episodes.clear(), "_groups"), (episodes, "_episodes"))
    ]
    return joined[0].join(joined[1], on="CHILD", how="full", nulls_equal=True, coalesce=True)


def _children(data: CareData) -> pl.Series:
    order = _child_order(data)
    slots = _slots(data, order)
    records = _records(data, slots.filter(pl.col("_k") == 0).select("CHILD", "_dob"))
    first = pl.col("_k") == 0
    return (
        slots.join(order, on="CHILD", how="left", nulls_equal=True)
        .join(records, on="CHILD", how="left", nulls_equal=True)
        .sort("_order", "_k")
        .select(pl.concat_str(
            pl.lit(f"  <{lay.CHILD}>\n    <{lay.HEADER}>\n"),
            pl.col("_leaves"),
            pl.when(first).then(pl.col("_groups")).fill_null(""),
            pl.lit(f"    </{lay.HEADER}>\n"),
            pl.when(first).then(pl.col("_episodes")).fill_null(""),
            pl.lit(f"  </{lay.CHILD}>\n"),
        ))
        .to_series()
    )


def _meta(data: CareData) -> str:
    leaves = []
    if len(data.years) == 1:
        leaves.append(f"    <Year>{data.years[0]}</Year>\n")
    if data.la:
        escaped = data.la.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        leaves.append(f"    <LA>{escaped}</LA>\n")
    if not (data.years or data.la):
        return ""
    if not leaves:
        return f"  <{lay.META}/>\n"
    return f"  <{lay.META}>\n{''.join(leaves)}  </{lay.META}>\n"


def write_xml(data: CareData, path: Path) -> Path:
    """The DfE tables of `data` as one XML document (UTF-8, dates dd/mm/yyyy)."""
    path = Path(path)
    body = _meta(data) + "".join(_children(data).to_list())
    root = f"<{lay.ROOT}>\n{body}</{lay.ROOT}>\n" if body else f"<{lay.ROOT}/>\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("<?xml version='1.0' encoding='UTF-8'?>\n" + root, encoding="utf-8", newline="\n")
    return path
