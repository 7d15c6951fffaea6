"""docs/voice.md names every voice page, and every area, domain and band the survey uses."""

from __future__ import annotations

import re
from pathlib import Path

from django.urls import get_resolver

from carematters.voice import AREAS, BANDS, DOMAINS

ROOT = Path(__file__).resolve().parents[2]


def test_every_voice_page_is_documented():
    documented = (ROOT / "docs/voice.md").read_text()
    voice = next(p for p in get_resolver().url_patterns if str(p.pattern) == "voice/")
    missing = []
    for pattern in voice.url_patterns:
        route = "/voice/" + re.sub(r"<[^>]+>", "", str(pattern.pattern))
        # Documented with "<id>" or "…" in place of the parameter.
        shown = route.replace("//", "/<id>/")
        if route.startswith("/voice/survey/"):
            shown = "/voice/survey/"
        if shown.rstrip("/") not in documented and route.rstrip("/").rsplit("/", 1)[-1] not in (
                documented):
            missing.append(route)
    assert missing == []


def test_areas_domains_and_bands_are_documented():
    documented = (ROOT / "docs/voice.md").read_text().lower()
    for label in [*AREAS.values(), *DOMAINS.values()]:
        assert label.lower() in documented, label
    for band in BANDS:
        assert f"`{band}`" in documented, band
