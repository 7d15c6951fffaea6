"""Every permission and every setting is documented (the datasette habit)."""

from __future__ import annotations

import re
from pathlib import Path

import rules

ROOT = Path(__file__).resolve().parents[2]


def test_every_permission_is_documented():
    documented = (ROOT / "docs/access.md").read_text()
    perms = [name for name in rules.permissions.permissions if name.startswith("children.")]
    assert perms
    assert [p for p in perms if f"`{p}`" not in documented] == []


def test_every_setting_is_documented():
    settings = (ROOT / "src/carematters/web/settings.py").read_text()
    names = set(re.findall(r'env\w*\("((?:CAREMATTERS_|DATABASE_)\w+)"', settings))
    documented = (ROOT / "docs/web.md").read_text()
    assert names
    assert sorted(n for n in names if f"`{n}`" not in documented) == []
