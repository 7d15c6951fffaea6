"""Run one rule over tiny hand-built tables and say which rows it flagged."""

from __future__ import annotations

from datetime import date

import polars as pl

from carematters.data.caredata import CareData
from carematters.data.schema import table
from carematters.validation import validate


def d(text: str) -> date:
    """'01/04/2025' as a date."""
    day, month, year = (int(part) for part in text.split("/"))
    return date(year, month, day)


def frame(name: str, rows: list[dict]) -> pl.DataFrame:
    """A typed frame of table `name` from dicts; dates may be given as dd/mm/yyyy text. Columns
    outside the schema (those a reader keeps as sent, e.g. the XML UASC flag) are text."""
    schema = table(name).polars_schema()
    used = {col: schema.get(col, pl.String()) for row in rows for col in row}
    fixed = [
        {col: d(v) if used.get(col) == pl.Date() and isinstance(v, str) else v
         for col, v in row.items()}
        for row in rows
    ]
    return pl.DataFrame(fixed, schema=used)


def flagged(code: str, *, year: int = 2026, previous: dict | None = None, la: str | None = None,
            providers: pl.DataFrame | None = None, history: dict | None = None,
            **tables) -> list:
    """Rows (table, row) that rule `code` flags; fails if the rule raised. `la`: the returning
    authority (DfE or ONS code), for rules on the placement's location; `providers`: the Ofsted
    provider register (`carematters.data.providers`); `history`: the returns from before last
    year (tables put together), as from the two years before last."""
    current = CareData({name: frame(name, rows) for name, rows in tables.items()}, la=la,
                       years=(year,))
    prev = None
    if previous is not None:
        prev = CareData({name: frame(name, rows) for name, rows in previous.items()},
                        years=(year - 1,))
    earlier = None
    if history is not None:
        earlier = CareData({name: frame(name, rows) for name, rows in history.items()},
                           years=(year - 3, year - 2))
    findings = validate(current, prev, year=year, rules=[code], providers=providers,
                        history=earlier)
    assert findings.rule_errors.height == 0, findings.rule_errors["message"].to_list()
    return sorted(findings.frame.select("table", "row").iter_rows())


def rows(code: str, **kwargs) -> list[int]:
    """Just the row numbers flagged (for single-table rules)."""
    return [row for _, row in flagged(code, **kwargs)]
