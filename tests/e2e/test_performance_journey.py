"""A director opens the performance page from the navigation (its charts must load under the
page's Content-Security-Policy) and downloads the annual report for councillors."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from carematters.indicators import all_indicators
from tests.e2e.test_journeys import sign_in

pytestmark = pytest.mark.e2e


def test_director_reads_the_indicators_and_downloads_the_annual_report(page: Page, server,
                                                                       console_errors):
    sign_in(page, server, "director")
    page.get_by_role("link", name="Performance", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Performance")
    looked_after = page.locator("#indicator-LAC_31MAR")
    expect(looked_after).to_contain_text(all_indicators()["LAC_31MAR"].title)
    # The definition is one click away.
    looked_after.get_by_text(all_indicators()["LAC_31MAR"].title).click()
    expect(looked_after.get_by_text(all_indicators()["LAC_31MAR"].definition)).to_be_visible()
    charts = page.locator("img.app-chart")
    expect(charts.first).to_be_visible()
    assert charts.first.evaluate("img => img.complete && img.naturalWidth > 0")
    with page.expect_download() as pdf:
        page.get_by_role("link", name="Annual report").first.click()
    assert pdf.value.suggested_filename.startswith("annual-report-")
    assert pdf.value.suggested_filename.endswith(".pdf")
    with open(pdf.value.path(), "rb") as saved:
        assert saved.read(5) == b"%PDF-"
