"""The plan as a small TOML file (read with the standard library's tomllib; written here, since
the format used is small and fixed). docs/improvement-plan.md describes every key.

```toml
authority = "E09000001"
title = "Improvement plan 2024-2027"

[[priority]]
id = "P1"
title = "Fewer moves for children in care"
theme = "placements"

[[action]]
id = "A1"
priority = "P1"
title = "Recruit 20 more foster carers"
owner = "Head of fostering"
due = 2025-03-31
status = "in progress"
indicator = "NI62"
baseline = 14.0
baseline_year = 2023
target = 10.0
target_year = 2026
```
"""

from __future__ import annotations

import json
import tomllib
from datetime import date

from carematters.improvement.plan import Action, Plan, PlanError, Priority, check

_ACTION_KEYS = ("id", "priority", "title", "owner", "due", "status", "indicator", "baseline",
                "baseline_year", "target", "target_year")
_PRIORITY_KEYS = ("id", "title", "theme", "description")


def loads(text: str, known_indicators: set[str] | None = None) -> Plan:
    """A checked Plan from the text of a plan file; PlanError says what is wrong."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise PlanError(f"not a valid plan file: {error}") from None
    for key in ("authority", "title"):
        if not isinstance(raw.get(key), str):
            raise PlanError(f"the plan needs {key} = \"...\"")
    priorities = tuple(_priority(p) for p in raw.get("priority", []))
    actions = tuple(_action(a) for a in raw.get("action", []))
    return check(Plan(raw["authority"], raw["title"], priorities, actions), known_indicators)


def _fields(kind: str, raw: dict, allowed: tuple[str, ...], required: tuple[str, ...]) -> dict:
    unknown = set(raw) - set(allowed)
    name = raw.get("id", "?")
    if unknown:
        raise PlanError(f"{kind} {name}: unknown keys {', '.join(sorted(unknown))}")
    missing = [k for k in required if k not in raw]
    if missing:
        raise PlanError(f"{kind} {name}: missing {', '.join(missing)}")
    return raw


def _priority(raw: dict) -> Priority:
    return Priority(**_fields("priority", raw, _PRIORITY_KEYS, ("id", "title", "theme")))


def _action(raw: dict) -> Action:
    fields = dict(_fields("action", raw, _ACTION_KEYS, ("id", "priority", "title", "owner",
                                                        "due")))
    if not isinstance(fields["due"], date):
        raise PlanError(f"action {fields['id']}: due must be a date like 2025-03-31")
    for key in ("baseline", "target"):
        if isinstance(fields.get(key), int):
            fields[key] = float(fields[key])
    return Action(**fields)


def _value(value: object) -> str:
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a TOML basic string
    if isinstance(value, date):
        return value.isoformat()
    return repr(value)


def _table(name: str, item: object, keys: tuple[str, ...]) -> str:
    lines = [f"[[{name}]]"]
    for key in keys:
        value = getattr(item, key)
        if value is not None and value != "":
            lines.append(f"{key} = {_value(value)}")
    return "\n".join(lines)


def dumps(plan: Plan) -> str:
    """The plan as TOML text that `loads` reads back to the same Plan."""
    parts = [f"authority = {_value(plan.authority)}\ntitle = {_value(plan.title)}"]
    parts += [_table("priority", p, _PRIORITY_KEYS) for p in plan.priorities]
    parts += [_table("action", a, _ACTION_KEYS) for a in plan.actions]
    return "\n\n".join(parts) + "\n"
