"""SVG charts with matplotlib, returned as text ready to inline in HTML.

Figures are built with `matplotlib.figure.Figure` rather than pyplot, so nothing global is
touched and charts can be drawn from several threads (the web app) safely.
"""

from __future__ import annotations

import io
import re

import matplotlib
import polars as pl
from matplotlib.figure import Figure

from carematters.data.years import year_label

HIGHLIGHT = "#1d70b8"  # GOV.UK blue
MUTED = "#b1b4b6"  # GOV.UK mid grey
TARGET = "#d4351c"  # GOV.UK red
ENGLAND = "#0b0c0c"


def _year_axis(ax, years: list[int]) -> None:
    """Collection years on the x axis as people write them (2025 is "2024-25")."""
    ticks = years or [0]
    ax.set_xticks(ticks, [year_label(y) for y in years] or [""])


def _svg(fig: Figure) -> str:
    buffer = io.StringIO()
    # Text as <text> elements, not glyph paths: a tenth of the size, and readable by screen readers.
    with matplotlib.rc_context({"svg.fonttype": "none"}):
        fig.savefig(buffer, format="svg", bbox_inches="tight")
    text = buffer.getvalue()
    # Drop the XML prolog and DOCTYPE so the SVG can sit inside an HTML page.
    return re.sub(r"^.*?(<svg)", r"\1", text, count=1, flags=re.S)


def _figure(title: str, width: float = 6.0, height: float = 3.0) -> tuple[Figure, object]:
    fig = Figure(figsize=(width, height))
    ax = fig.add_subplot()
    ax.set_title(title, fontsize=10, loc="left")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return fig, ax


def trend_chart(series: pl.DataFrame, title: str, unit: str = "",
                targets: pl.DataFrame | None = None, england: pl.DataFrame | None = None) -> str:
    """A line of value by year; optional target and England points (frames of year, value)."""
    fig, ax = _figure(title)
    data = series.drop_nulls("value").sort("year")
    ax.plot(data["year"].to_list(), data["value"].to_list(), marker="o", color=HIGHLIGHT,
            label="this authority")
    if targets is not None and targets.height:
        ax.plot(targets["year"].to_list(), targets["value"].to_list(), linestyle="none",
                marker="_", markersize=16, color=TARGET, label="target")
    if england is not None and england.height:
        ax.plot(england["year"].to_list(), england["value"].to_list(), linestyle="--",
                marker=".", color=ENGLAND, label="England")
    _year_axis(ax, data["year"].to_list())
    ax.set_ylabel(unit)
    ax.legend(fontsize=8, frameon=False)
    return _svg(fig)


def benchmark_chart(values: pl.DataFrame, highlight: str | None, title: str,
                    unit: str = "", mean: float | None = None, mean_label: str = "average") -> str:
    """Bars for each authority (frame of la, value), sorted, `highlight` in blue."""
    data = values.drop_nulls("value").sort("value")
    fig, ax = _figure(title, width=6.0, height=max(2.0, 0.25 * data.height + 1))
    labels = [str(la) for la in data["la"].to_list()]
    colours = [HIGHLIGHT if la == highlight else MUTED for la in data["la"].to_list()]
    ax.barh(labels, data["value"].to_list(), color=colours)
    if mean is not None:
        ax.axvline(mean, color=ENGLAND, linestyle="--", linewidth=1, label=mean_label)
        ax.legend(fontsize=8, frameon=False)
    ax.set_xlabel(unit)
    return _svg(fig)


def path_chart(series: pl.DataFrame, path: pl.DataFrame, title: str, unit: str = "") -> str:
    """An indicator by year (frame of year, value) against the straight line from its baseline
    to its target (the first and last rows of `path`)."""
    fig, ax = _figure(title)
    data = series.drop_nulls("value").sort("year")
    ax.plot(data["year"].to_list(), data["value"].to_list(), marker="o", color=HIGHLIGHT,
            label="actual")
    ax.plot(path["year"].to_list(), path["value"].to_list(), linestyle="--", color=ENGLAND,
            linewidth=1, label="path to target")
    ax.plot(path["year"].to_list()[-1:], path["value"].to_list()[-1:], linestyle="none",
            marker="*", markersize=10, color=TARGET, label="target")
    _year_axis(ax, sorted({*data["year"].to_list(), *path["year"].to_list()}))
    ax.set_ylabel(unit)
    ax.legend(fontsize=8, frameon=False)
    return _svg(fig)
