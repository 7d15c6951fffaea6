"""The rule list of docs/validation-coverage.md, made from the registry.

`python -m carematters.validation.coverage` rewrites the generated parts of that file (between
the markers); tests check it is current and that every peer code has a rule.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

from carematters.validation.registry import Rule, all_rules

END = "<!-- end generated -->"
DOC = Path(__file__).resolve().parents[3] / "docs" / "validation-coverage.md"


def years_in_force(rule: Rule) -> str:
    first, last = rule.first_year, rule.last_year
    if first is None and last is None:
        return "all years"
    if first is None:
        return f"to {last}"
    if last is None:
        return f"from {first}"
    return str(first) if first == last else f"{first}-{last}"


def counts_table(peer: dict[int, Iterable[str]]) -> str:
    """Rules in force here and the peer's codes covered, per collection year."""
    rules = all_rules()
    lines = ["| collection year | rules here | peer rules | peer rules done here |", "|---|---|---|---|"]
    for year, codes in sorted(peer.items()):
        codes = set(codes)
        here = {code for code, rule in rules.items() if rule.in_force(year)}
        lines.append(f"| {year} | {len(here)} | {len(codes)} | {len(codes & here)} |")
    return "\n".join(lines)


def _order(code: str) -> tuple:
    digits = "".join(c for c in code[:4] if c.isdigit())
    return (0, int(digits), code) if digits and code[0].isdigit() else (1, 0, code)


def rule_list() -> str:
    rules = all_rules()
    return "\n".join(f"- `{code}` {rules[code].message} ({years_in_force(rules[code])})"
                     for code in sorted(rules, key=_order))


def _replace(text: str, name: str, body: str) -> str:
    begin = f"<!-- generated: {name} -->"
    head, rest = text.split(begin, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{begin}\n{body}\n{END}{tail}"


def rewrite(text: str, peer: dict[int, Iterable[str]]) -> str:
    """`text` with its generated blocks (counts, rules) made anew."""
    return _replace(_replace(text, "counts", counts_table(peer)), "rules", rule_list())


def peer_codes(folder: Path) -> dict[int, list[str]]:
    """The peer's codes per year, from `peer_codes_<year>.txt` files (one code a line)."""
    return {int(path.stem.rsplit("_", 1)[1]): path.read_text().split()
            for path in sorted(folder.glob("peer_codes_*.txt"))}


if __name__ == "__main__":  # pragma: no cover - a maintenance command
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else DOC.parents[1] / "tests" / "validation" / "data"
    DOC.write_text(rewrite(DOC.read_text(), peer_codes(folder)))
