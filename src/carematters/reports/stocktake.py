"""A pooled stocktake as CSV, a spreadsheet and a self-contained HTML page.

Everything here renders the frame `carematters.stocktake.suppress_pooled` returns: cells it has
hidden are null with a `*_hidden` flag and are shown as `[c]`; nothing is recomputed.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable
from pathlib import Path

import polars as pl
import xlsxwriter

from carematters.indicators.registry import THEMES, all_indicators
from carematters.reports import charts
from carematters.reports.indicators import THEME_TITLES, definitions_table, format_value
from carematters.reports.style import BASE_HEAD_CSS
from carematters.stocktake.pool import POOLED
from carematters.stocktake.suppression import DEFAULT_THRESHOLD, SUPPRESSED

CSV_COLUMNS = ["indicator", "year", "la", "region", "numerator", "denominator", "value", "pooled_value",
               "difference", "rank", "quartile", "authorities"]


def _cell(value: object, hidden: bool, text: Callable[[object], str]) -> str | None:
    """`[c]` when hidden, nothing when there is no figure (left empty in the CSV)."""
    if hidden:
        return SUPPRESSED
    return None if value is None else text(value)


def _plain(value: object) -> str:
    """Unrounded, without thousands separators, whole numbers without '.0' (for CSV)."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def published_table(table: pl.DataFrame, *, formatted: bool = False) -> pl.DataFrame:
    """Text columns ready to publish: `[c]` in every hidden cell. `formatted` rounds as the DfE
    publishes (whole percentages, thousands separators) for reading rather than reuse."""
    rows = []
    for row in table.iter_rows(named=True):
        unit = row["unit"]

        def number(v: object, unit: str = unit) -> str:
            return format_value(v, unit) if formatted else _plain(v)

        def difference(v: object, unit: str = unit) -> str:
            if not formatted:
                return _plain(v)
            shown = format_value(abs(v), unit).rstrip("%")
            sign = "-" if round(v, 1 if unit == "mean" else 0) < 0 else "+"
            return f"{sign}{shown}" + (" points" if unit == "%" else "")

        def count(v: object) -> str:
            return f"{round(v):,}" if formatted else _plain(v)

        rows.append({
            "indicator": row["indicator"], "title": row["title"], "year": row["year"],
            "la": row["la"], "region": row["region"],
            "numerator": _cell(row["numerator"], row["numerator_hidden"],
                               number if unit in ("mean", "days", "miles") else count),
            "denominator": _cell(row["denominator"], row["denominator_hidden"], count),
            "value": _cell(row["value"], row["value_hidden"], number),
            "pooled_value": _cell(row["pooled_value"], row["pooled_value_hidden"], number),
            "difference": _cell(row["difference"],
                                row["value_hidden"] or row["pooled_value_hidden"], difference),
            "rank": _cell(row["rank"], False, str),
            "quartile": _cell(row["quartile"], False, str),
            "authorities": _cell(row["authorities"], False, str),
        })
    schema = {name: pl.String() for name in ("indicator", "title", *CSV_COLUMNS[2:])}
    schema["year"] = pl.Int32()
    return pl.DataFrame(rows, schema=schema)


def csv_frame(table: pl.DataFrame) -> pl.DataFrame:
    """The published table with the columns `CSV_COLUMNS`, unrounded."""
    return published_table(table).select(CSV_COLUMNS)


def values_by_authority(table: pl.DataFrame) -> pl.DataFrame:
    """One row per indicator, one column per authority (and the pooled figure), values shown."""
    shown = published_table(table, formatted=True)
    return shown.pivot(on="la", index=["indicator", "title", "year"], values="value",
                       maintain_order=True)


def write_workbook(path: Path, table: pl.DataFrame) -> Path:
    """An .xlsx: the long table, the values by authority, and the definitions."""
    book = xlsxwriter.Workbook(str(path))
    for name, frame in (("Stocktake", published_table(table)),
                        ("Values by authority", values_by_authority(table)),
                        ("Definitions", definitions_table())):
        frame.write_excel(book, worksheet=name, autofit=True, freeze_panes="A2")
    book.close()
    return path


_CSS = BASE_HEAD_CSS + """
h3{margin-top:1.5em}table{border-collapse:collapse;margin:1em 0}
th,td{border-bottom:1px solid #b1b4b6;padding:.3em .6em;text-align:left}
td.num{text-align:right;font-variant-numeric:tabular-nums}tr.pooled td{font-weight:bold}
figure{margin:.5em 0}svg{max-width:100%;height:auto}.note{color:#505a5f}
"""


def _e(text: object) -> str:
    return html.escape("" if text is None else str(text))


def _table_html(shown: pl.DataFrame) -> str:
    head = ("<tr><th>Authority</th><th>Region</th><th>Numerator</th><th>Denominator</th><th>Value</th>"
            "<th>Difference from pooled</th><th>Rank</th><th>Quartile</th></tr>")
    rows = []
    for row in shown.iter_rows(named=True):
        pooled = row["la"] == POOLED or row["la"] == row["region"]
        cells = "".join(f'<td class="num">{_e(row[c])}</td>' for c in
                        ("numerator", "denominator", "value", "difference", "rank", "quartile"))
        rows.append(f'<tr{" class=pooled" if pooled else ""}><td>{_e(row["la"])}</td>'
                    f'<td>{_e(row["region"])}</td>{cells}</tr>')
    return f"<table><thead>{head}</thead><tbody>{''.join(rows)}</tbody></table>"


def indicator_chart(part: pl.DataFrame, title: str, unit: str) -> str | None:
    """Shown values as bars, authorities in rank order, and the pooled figure as a line."""
    values = part.filter(~pl.col("pooled") & ~pl.col("value_hidden")).drop_nulls("value")
    if values.height < 2:
        return None
    pooled = part.filter(pl.col("la") == POOLED)["value"]
    reference = pooled[0] if unit != "count" and pooled.len() else None
    return charts.benchmark_chart(values.select("la", "value"), None, title, unit,
                                  reference, mean_label="pooled")


def _section(part: pl.DataFrame, ind) -> str:
    shown = published_table(part, formatted=True)
    # Authorities by rank, then the regions, then the pool of all.
    ranked = part.with_row_index("_i").sort(
        "pooled", pl.col("la") == POOLED, "rank", "la", nulls_last=True)["_i"]
    svg = indicator_chart(part, f"{ind.id}: {ind.title}"[:80], ind.unit)
    line = ", the pooled figure dashed" if ind.unit != "count" else ""
    figure = (f"<figure>{svg}<figcaption>{_e(ind.title)}: authorities by value{line}"
              "</figcaption></figure>") if svg else ""
    return (f'<h3 id="{_e(ind.id)}">{_e(ind.id)} {_e(ind.title)}</h3>'
            f'<p class="note">{_e(ind.definition)}</p>'
            f"{_table_html(shown[ranked.to_list()])}{figure}")


def _contents(themes: list[str], ids: list[str]) -> str:
    """Links to each theme and its indicators."""
    registry = all_indicators()
    items = []
    for theme in themes:
        links = ", ".join(f'<a href="#{_e(i)}">{_e(i)}</a>' for i in ids
                          if registry[i].theme == theme)
        items.append(f'<li><a href="#theme-{_e(theme)}">{_e(THEME_TITLES.get(theme, theme))}'
                     f"</a>: {links}</li>")
    return f"<nav><h2>Contents</h2><ul>{''.join(items)}</ul></nav>"


def html_report(table: pl.DataFrame, *, year: int, title: str | None = None,
                threshold: int = DEFAULT_THRESHOLD,
                progress: Callable[[Iterable], Iterable] | None = None) -> str:
    """A self-contained page: per theme, per indicator, the ranked table and its chart.

    `progress` wraps the loop over indicators (the CLI passes a progress bar)."""
    registry = all_indicators()
    chosen = table.filter(pl.col("year") == year)
    authorities = sorted(set(chosen.filter(~pl.col("pooled"))["la"]))
    regions = sorted(set(chosen.filter(~pl.col("pooled"))["region"].drop_nulls()))
    ids = [i for i in registry if i in set(chosen["indicator"])]
    loop = progress(ids) if progress else ids
    sections: dict[str, list[str]] = {}
    for indicator_id in loop:
        ind = registry[indicator_id]
        part = chosen.filter(pl.col("indicator") == indicator_id)
        sections.setdefault(ind.theme, []).append(_section(part, ind))
    heading = title or f"Pooled stocktake, year ending 31 March {year}"
    body = [f"<h1>{_e(heading)}</h1>",
            f"<p>{len(authorities)} authorities: {_e(', '.join(authorities))}"
            + (f"; {len(regions)} regions: {_e(', '.join(regions))}" if regions else "")
            + ". A pooled figure adds up the authorities' numerators and denominators. Rank 1 "
            "is the best by the indicator's direction; quartile 1 the best quarter.</p>",
            f"<p>Counts from 1 to {threshold}, and any figure that would let them be worked "
            f"out (from totals or related tables), are shown as {SUPPRESSED}. Ranks and "
            "quartiles are among the figures shown.</p>"]
    themes = sorted(sections, key=lambda t: THEMES.index(t) if t in THEMES else 99)
    body.append(_contents(themes, ids))
    for theme in themes:
        body.append(f'<h2 id="theme-{_e(theme)}">{_e(THEME_TITLES.get(theme, theme))}</h2>')
        body.extend(sections[theme])
    return ('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
            f"<title>{_e(heading)}</title><style>{_CSS}</style></head><body>"
            + "\n".join(body) + "</body></html>")
