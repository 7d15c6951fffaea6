"""Rendering for the grip reports: one self-contained HTML page (inline CSS, inline SVG charts,
every value escaped by Jinja2's autoescape), and PDF through WeasyPrint."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup


@dataclass(frozen=True)
class TableBlock:
    caption: str
    headers: Sequence[str]
    rows: Sequence[Sequence[object]]
    numeric: Sequence[bool] = ()  # right-align these columns


@dataclass(frozen=True)
class Section:
    title: str
    lines: Sequence[str] = ()
    tables: Sequence[TableBlock] = ()
    charts: Sequence[Markup] = ()


@dataclass(frozen=True)
class Report:
    title: str
    subtitle: str
    sections: Sequence[Section]
    notes: Sequence[str] = field(default_factory=tuple)  # what is left out, and why


@cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("carematters.reports", "templates"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_html(report: Report) -> str:
    return _environment().get_template("grip.html").render(report=report)


def render_pdf(report: Report) -> bytes:
    """PDF through WeasyPrint (needs the Debian packages libpango-1.0-0 and libpangoft2-1.0-0)."""
    from weasyprint import HTML

    return HTML(string=render_html(report)).write_pdf()


def bar_chart(
    labels: Sequence[str],
    values: Sequence[float | None],
    *,
    title: str,
    unit: str = "",
    horizontal: bool = False,
) -> Markup:
    """A small SVG bar chart. Text is drawn as paths, so no label can inject markup."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    heights = [v if v is not None else 0.0 for v in values]
    size = (6.4, 0.3 * len(labels) + 1.0) if horizontal else (6.4, 1.9)
    fig, ax = plt.subplots(figsize=size)
    try:
        draw = ax.barh if horizontal else ax.bar
        bars = draw(list(labels), heights, color="#1d70b8")
        for bar, value in zip(bars, values, strict=True):
            text = "c" if value is None else f"{value:.0f}{unit}"
            if horizontal:
                ax.annotate(text, (bar.get_width(), bar.get_y() + bar.get_height() / 2),
                            xytext=(3, 0), textcoords="offset points", va="center", fontsize=8)
            else:
                ax.annotate(text, (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                            xytext=(0, 2), textcoords="offset points", ha="center", fontsize=8)
        if horizontal:
            ax.invert_yaxis()
        ax.set_title(title, fontsize=10, loc="left")
        ax.spines[["top", "right"]].set_visible(False)
        ax.tick_params(labelsize=8)
        fig.tight_layout()
        out = io.StringIO()
        fig.savefig(out, format="svg")
    finally:
        plt.close(fig)
    svg = out.getvalue()
    return Markup(svg[svg.index("<svg"):])
