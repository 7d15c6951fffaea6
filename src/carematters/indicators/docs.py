"""The indicator reference in docs/indicators.md, generated from the registry so it cannot drift.

Regenerate after changing an indicator:
`python -c "from carematters.indicators.docs import update_docs; update_docs('docs/indicators.md')"`
"""

from __future__ import annotations

from pathlib import Path

from carematters.indicators.params import Parameters
from carematters.indicators.registry import THEMES, all_indicators

BEGIN = "<!-- generated from the registry: do not edit below -->"
END = "<!-- end of generated reference -->"

_UNITS = {"%": "percentage", "mean": "average", "days": "average days", "miles": "average miles",
          "count": "count", "rate": "per 10,000 children"}
_DIRECTIONS = {"higher": "higher is better", "lower": "lower is better", "none": "descriptive"}


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def parameters_markdown() -> str:
    lines = ["| parameter | default | meaning |", "|---|---|---|"]
    for name, (default, doc) in Parameters.docs().items():
        lines.append(f"| `{name}` | `{default!r}` | {_cell(doc)} |")
    return "\n".join(lines)


def reference_markdown() -> str:
    """Every indicator by theme: definition, numerator, denominator, exclusions, parameters."""
    found = all_indicators()
    parts = ["## Parameters", "", parameters_markdown(), ""]
    for theme in THEMES:
        members = [i for i in found.values() if i.theme == theme]
        if not members:
            continue
        parts += [f"## {theme.replace('_', ' ').capitalize()}", ""]
        for ind in members:
            facts = [
                f"{_UNITS[ind.unit]}, {_DIRECTIONS[ind.direction]}",
                f"tables: {', '.join(ind.tables)}",
            ]
            if ind.params:
                facts.append("parameters: " + ", ".join(f"`{p}`" for p in ind.params))
            if ind.history_years > 1:
                facts.append(f"needs {ind.history_years} years of returns")
            if ind.spec:
                facts.append(f"spec {ind.spec}")
            parts += [
                f"### `{ind.id}` {ind.title}", "",
                ind.definition, "",
                f"- **Numerator:** {ind.numerator}",
                f"- **Denominator:** {ind.denominator}",
            ]
            if ind.exclusions:
                parts.append(f"- **Exclusions:** {ind.exclusions}")
            parts += [f"- {'; '.join(facts)}.", ""]
    return "\n".join(parts).rstrip() + "\n"


def generated_section(text: str) -> str:
    start, end = text.index(BEGIN) + len(BEGIN), text.index(END)
    return text[start:end].strip("\n") + "\n"


def update_docs(path: str | Path) -> None:
    path = Path(path)
    text = path.read_text(encoding="utf-8")
    head, tail = text[: text.index(BEGIN)], text[text.index(END):]
    path.write_text(f"{head}{BEGIN}\n\n{reference_markdown()}\n{tail}", encoding="utf-8")
