"""Shared small synthetic data sets (module-scoped: generating takes well under a second)."""

from __future__ import annotations

import pytest

from carematters.synth import Synthetic, generate


@pytest.fixture(scope="session")
def clean() -> Synthetic:
    """Two authorities over nine years, 2018-2026: every code-list change is crossed."""
    return generate(400, 9, seed=11, last_year=2026, authorities=2)


@pytest.fixture(scope="session")
def with_errors() -> Synthetic:
    return generate(1500, 2, seed=3, errors=True)
