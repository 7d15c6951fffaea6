"""A director opens the forecast from the navigation (its chart must load under the page's
Content-Security-Policy), saves a scenario with the GOV.UK form and compares it."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.test_journeys import sign_in

pytestmark = pytest.mark.e2e


def test_director_compares_a_scenario_with_the_forecast(page: Page, server, console_errors):
    sign_in(page, server, "director")
    page.get_by_role("link", name="Forecast", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Forecast")
    chart = page.locator("img.app-chart")
    expect(chart).to_be_visible()
    assert chart.evaluate("img => img.complete && img.naturalWidth > 0")
    expect(page.locator("#projection")).to_contain_text("All children in care")
    page.get_by_role("link", name="Try a scenario").click()
    page.get_by_role("link", name="Create a scenario").click()
    page.get_by_label("Name").fill("Fewer kinship entries")
    page.get_by_label("Add an adjustment").select_option("entries")
    page.get_by_label("Placement type (or from)").select_option("kinship")
    page.get_by_label("Change, %").fill("-10")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Fewer kinship entries: compared with the forecast")
    expect(page.locator("#comparison")).to_contain_text("Kinship")
    expect(page.locator("#cost-comparison")).to_contain_text("Total")
