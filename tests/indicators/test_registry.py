"""The registry: discovery, duplicate ids, declarations complete, and docs in step with code."""

from pathlib import Path

import polars as pl
import pytest

from carematters.indicators import Parameters, all_indicators, compute, get, indicator
from carematters.indicators.docs import generated_section, reference_markdown
from carematters.indicators.registry import THEMES

from .builders import care_data
from .examples import NI62_EPISODES

DOCS = Path(__file__).parents[2] / "docs" / "indicators.md"
REQUIRED = ["NI58", "NI61", "NI62", "NI62_2Y", "NI63", "NI66", "NI99", "NI100", "NI101",
            "NI147", "NI148", "A1", "A2", "A3", "A10", "CL19_21_EET", "CL22_25_IN_TOUCH",
            "SI_PLACEMENT_2PLUS", "SI_SW_2PLUS", "SI_SCHOOL_MOVE", "SI_ANY", "SI_MULTIPLE",
            "LAC_31MAR", "LAC_RATE", "UASC", "OUT_OF_AREA", "DISTANCE"]


def test_the_indicators_the_issue_asks_for_are_declared():
    assert set(REQUIRED) <= set(all_indicators())


def test_a_duplicate_id_is_rejected():
    with pytest.raises(ValueError, match="NI62 declared twice"):
        @indicator("NI62", title="again", theme="stability", definition="d", numerator="n",
                   denominator="d", direction="lower", unit="%", tables=("Episodes",))
        def again(ctx):
            return ctx


@pytest.mark.parametrize("ind", list(all_indicators().values()), ids=lambda i: i.id)
def test_every_declaration_is_complete(ind):
    assert ind.theme in THEMES
    assert ind.definition and ind.numerator and ind.denominator and ind.tables
    assert set(ind.params) <= set(Parameters.docs())
    assert get(ind.id) is ind


def test_every_indicator_runs_on_sparse_data():
    """No table beyond Episodes: each indicator either computes or says what it needs."""
    for result in compute(care_data((2023, 2024), Episodes=NI62_EPISODES), 2024):
        assert result.available or result.note, result.indicator.id
        assert result.children.columns == ["CHILD", "in_denominator", "in_numerator", "value"]
        assert result.children.schema["in_numerator"] == pl.Boolean()


def test_docs_reference_is_generated_from_the_registry():
    # On failure regenerate: see carematters/indicators/docs.py
    assert generated_section(DOCS.read_text(encoding="utf-8")) == reference_markdown()
    for ind_id in all_indicators():
        assert f"`{ind_id}`" in reference_markdown()
