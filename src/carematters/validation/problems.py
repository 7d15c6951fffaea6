"""Reader problems reported under the DfE rule for the field.

The readers null a value they cannot parse (a date like 31/02/2025, an unknown code, text in a
number) and return a problem naming the table, column and source row. The value is gone from the
frame, so the rule for that field ("DECOM is not a valid date") can only see it through the
problem. `FIELD_RULES` maps each (table, column) to the rule code the DfE uses for an invalid value
there; a problem for a field with no rule, or whose rule was not run, becomes a finding under the
pseudo-rule `READ` so it is never lost.

A problem may be any object (or dict) with `column` and `row` (1-based data row in the file) and
either `table` or `file` (the readers' `Problem` names the file: its table is the one the file
name names, else the only table holding that column); `child`, `value` and `message` are used
when present.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

import polars as pl

if TYPE_CHECKING:
    from carematters.validation.context import Context
    from carematters.validation.registry import Rule

READ_RULE = "READ"

FIELD_RULES: dict[tuple[str, str], str] = {
    ("Header", "SEX"): "101", ("Header", "DOB"): "102", ("Header", "ETHNIC"): "103",
    ("Header", "MOTHER"): "165", ("Header", "UPN"): "168", ("Header", "MC_DOB"): "171",
    ("Episodes", "DECOM"): "141", ("Episodes", "RNE"): "143", ("Episodes", "LS"): "144",
    ("Episodes", "CIN"): "145", ("Episodes", "PLACE"): "146", ("Episodes", "DEC"): "147",
    ("Episodes", "REC"): "149", ("Episodes", "PLACE_PROVIDER"): "178",
    ("Episodes", "REASON_PLACE_CHANGE"): "1009", ("Episodes", "URN"): "1008",
    ("Episodes", "HOME_POST"): "392c", ("Episodes", "PL_POST"): "392c",
    ("Reviews", "REVIEW"): "166", ("Reviews", "REVIEW_CODE"): "167",
    ("UASC", "DUC"): "104",
    ("OC2", "SDQ_SCORE"): "180", ("OC2", "SDQ_REASON"): "196",
    **{("OC2", flag): "181" for flag in (
        "CONVICTED", "HEALTH_CHECK", "IMMUNISATIONS", "TEETH_CHECK", "HEALTH_ASSESSMENT",
        "SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED",
    )},
    ("OC3", "IN_TOUCH"): "131", ("OC3", "ACTIV"): "132", ("OC3", "ACCOM"): "133",
    ("AD1", "DATE_INT"): "112", ("AD1", "DATE_MATCH"): "113", ("AD1", "FOSTER_CARE"): "114",
    ("AD1", "NB_ADOPTR"): "175", ("AD1", "SEX_ADOPTR"): "176", ("AD1", "LS_ADOPTR"): "177",
    ("PlacedAdoption", "DATE_PLACED"): "115", ("PlacedAdoption", "DATE_PLACED_CEASED"): "116",
    ("PlacedAdoption", "REASON_PLACED_CEASED"): "120",
    ("PrevPerm", "PREV_PERM"): "631", ("PrevPerm", "DATE_PERM"): "632",
    ("PrevPerm", "LA_PERM"): "633",
    ("Missing", "MISSING"): "1006", ("Missing", "MIS_START"): "1004",
    ("Missing", "MIS_END"): "1005",
    ("SWEpisodes", "SW_ID"): "SW02STG1", ("SWEpisodes", "SW_DECOM"): "SW04STG1",
    ("SWEpisodes", "SW_DEC"): "SW05STG1", ("SWEpisodes", "SW_REASON"): "SW13STG1",
    ("DoLo", "DOLO_START"): "700", ("DoLo", "DOLO_END"): "701",
}


def _get(problem: object, name: str) -> object:
    if isinstance(problem, Mapping):
        return problem.get(name)
    return getattr(problem, name, None)


#: File-name fragments (lower case, letters and digits only) naming each table, longest first.
_FILE_NAMES: tuple[tuple[str, str], ...] = (
    ("placedforadoption", "PlacedAdoption"), ("placedadoption", "PlacedAdoption"),
    ("adplaced", "PlacedAdoption"), ("previouspermanence", "PrevPerm"), ("prevperm", "PrevPerm"),
    ("socialworker", "SWEpisodes"), ("swepisode", "SWEpisodes"), ("episodes", "Episodes"),
    ("episode", "Episodes"), ("reviews", "Reviews"), ("review", "Reviews"),
    ("header", "Header"), ("missing", "Missing"), ("uasc", "UASC"), ("dolo", "DoLo"),
    ("oc2", "OC2"), ("oc3", "OC3"), ("ad1", "AD1"),
)


def table_of(problem: object) -> str | None:
    """The table a reader problem is about: its `table`, else from its file name or column."""
    from carematters.data.schema import SSDA903_TABLES

    named = _get(problem, "table")
    if named:
        return str(named)
    stem = "".join(ch for ch in str(_get(problem, "file") or "").lower() if ch.isalnum())
    stem = stem.removesuffix("csv").removesuffix("xml")
    for fragment, name in _FILE_NAMES:
        if fragment in stem:
            return name
    column = _get(problem, "column")
    holders = [t.name for t in SSDA903_TABLES if column in t.column_names]
    return holders[0] if len(holders) == 1 else None


def problem_cells(problems: Iterable[object]) -> dict[tuple[str, str], set[int]]:
    """(table, column) -> the rows the problems point at (problems naming a column and a row)."""
    cells: dict[tuple[str, str], set[int]] = {}
    for problem in problems:
        column, row = _get(problem, "column"), _get(problem, "row")
        table = table_of(problem)
        if column and table and isinstance(row, int):
            cells.setdefault((table, str(column)), set()).add(row)
    return cells


def problem_findings(
    problems: Iterable[object], ctx: Context, chosen: Mapping[str, Rule], *,
    restricted: bool = False,
) -> pl.DataFrame:
    """Findings for reader problems: under the field's DfE rule when it runs, else `READ`.

    With `restricted` (the caller asked for particular rules) problems outside them are dropped.
    """
    from carematters.validation.engine import FINDING, FINDINGS_SCHEMA, empty_findings

    rows: list[dict[str, object]] = []
    for problem in problems:
        table, column = table_of(problem), _get(problem, "column")
        code = FIELD_RULES.get((str(table), str(column)))
        if code not in chosen:
            if restricted:
                continue
            code = READ_RULE
        value, said = _get(problem, "value"), _get(problem, "message")
        base = chosen[code].message if code in chosen else f"{table}.{column} could not be read"
        detail = f" (value {value!r})" if value not in (None, "") else ""
        extra = f": {said}" if said and code == READ_RULE else ""
        rows.append({
            "rule": code, "table": table, "row": _get(problem, "row"),
            "child": _get(problem, "child"), "fields": [column] if column else [],
            "message": f"{base}{detail}{extra}", "kind": FINDING,
        })
    if not rows:
        return empty_findings()
    found = pl.DataFrame(rows, schema=FINDINGS_SCHEMA)
    return _fill_children(found, ctx)


def _fill_children(found: pl.DataFrame, ctx: Context) -> pl.DataFrame:
    """Problems without a child get it from the table row they point at."""
    # Only the rows the problems point at (a few hundred), not every row of every table.
    lookups = [
        ctx.table(name).lazy()
        .filter(pl.col("_row").is_in(found.filter(pl.col("table") == name)["row"]
                                     .drop_nulls().unique().implode()))
        .select(
            pl.lit(name).alias("table"), pl.col("_row").alias("row"),
            pl.col("CHILD").cast(pl.String).alias("_child"),
        ).collect()
        for name in found["table"].drop_nulls().unique().to_list()
        if _known_table(name)
    ]
    if not lookups:
        return found
    children = pl.concat(lookups)
    return (
        found.join(children, on=["table", "row"], how="left")
        .with_columns(pl.coalesce("child", "_child").alias("child"))
        .drop("_child")
    )


def _known_table(name: str) -> bool:
    from carematters.data.schema import TABLES

    return name in TABLES
