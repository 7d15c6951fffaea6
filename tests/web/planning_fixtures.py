"""Shared set-up for the planning tests: the personas' world plus tests/web/planning_world.py,
as at 31 March 2025, with a quick forecast (10 draws for the bands) and an empty cache."""

from __future__ import annotations

import html as html_lib
import re
from dataclasses import replace

import pytest
from django.core.cache import cache

from carematters.web.planning import compute
from tests.web.planning_world import AS_AT, build

QUICK = replace(compute.SETTINGS, draws=10)


@pytest.fixture(name="plan")
def plan_fixture(world, monkeypatch):
    monkeypatch.setattr(compute, "today", lambda: AS_AT)
    monkeypatch.setattr(compute, "SETTINGS", QUICK)
    cache.clear()
    build(world)
    yield world
    cache.clear()


def rows(response, table_id: str) -> list[list[str]]:
    """The body rows of one table: each row's header and data cells as text."""
    page = response.content.decode()
    table = page[page.index(f'id="{table_id}"'):]
    body = table[table.index("<tbody"):table.index("</tbody>")]
    return [
        [html_lib.unescape(" ".join(re.sub(r"<[^>]+>", " ", cell).split()))
         for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, flags=re.S)]
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, flags=re.S)
    ]
