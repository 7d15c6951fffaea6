"""A social worker opens "My children's work" from the navigation and finds an overdue item."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.test_journeys import sign_in

pytestmark = pytest.mark.e2e


def test_social_worker_sees_an_overdue_item(page: Page, server):
    # The seeded child came into care on 1 June 2024 with no review recorded: by now (the server
    # runs as at today) the first review is overdue and its duty still applies.
    sign_in(page, server, "sw")
    page.get_by_role("link", name="My children’s work").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My children’s work")
    row = page.locator("#items tbody tr").filter(has_text="first review")
    expect(row).to_contain_text("Own Test")
    expect(row).to_contain_text("Overdue")
    expect(page.locator("#items")).not_to_contain_text("Other Test")
