"""An analyst checks the return built from the record and checks it again with the real form
(CSRF token and all); the social worker then sees the findings about their child on the child's
summary, and the count on "your children"."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import Page, expect

from carematters.data.years import collection_year_of
from tests.e2e.test_journeys import sign_in

pytestmark = pytest.mark.e2e


def test_analyst_checks_the_return_and_the_worker_sees_the_findings(page: Page, server,
                                                                     console_errors):
    year = collection_year_of(date.today())
    sign_in(page, server, "analyst")
    page.goto(f"{server['url']}/analysis/")
    page.get_by_role("link", name=f"Check the return {year} with the DfE validation rules").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check the return")
    expect(page.get_by_role("table").first).to_contain_text("UPN is blank")  # the world has none
    expect(page.get_by_role("link", name="OWN", exact=True)).to_have_count(0)  # identifiers only, no links
    page.get_by_role("button", name="Check again").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check the return")
    expect(page.get_by_text("No Ofsted provider register was given")).to_be_visible()
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, server, "sw")
    expect(page.get_by_role("columnheader", name="DfE checks failing")).to_be_visible()
    page.get_by_role("link", name="Own Test").click()
    checks = page.locator("#return-checks")
    expect(checks).to_contain_text("UPN is blank")
    checks.get_by_role("link", name="Child's details").first.click()
    expect(page.get_by_label("Unique pupil number")).to_be_visible()
    assert console_errors == []
