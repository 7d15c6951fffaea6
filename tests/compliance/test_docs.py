"""Every timescale, setting and entitlement is documented (docs/compliance.md, entitlements.md)."""

from dataclasses import fields
from pathlib import Path

from carematters.compliance import ComplianceSettings, timescales
from carematters.entitlements import DEFAULT_PARAMETERS

DOCS = Path(__file__).resolve().parents[2] / "docs"


def test_every_item_and_setting_is_in_the_compliance_docs():
    text = (DOCS / "compliance.md").read_text()
    for ts in timescales():
        for item in ts.items:
            assert f"| {item} |" in text, item
    for setting in fields(ComplianceSettings):
        assert f"`{setting.name}`" in text, setting.name


def test_every_parameter_is_in_the_entitlement_docs():
    text = (DOCS / "entitlements.md").read_text()
    for parameter in DEFAULT_PARAMETERS:
        assert f"`{parameter.name}`" in text, parameter.name
