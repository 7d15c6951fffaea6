"""Journeys through a real browser: a social worker records a visit; a councillor sees figures
only."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e


def sign_in(page: Page, server: dict, username: str) -> None:
    page.goto(f"{server['url']}/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("correct horse battery")
    page.get_by_role("button", name="Sign in").click()


def test_social_worker_records_a_visit_seen_alone(page: Page, server, console_errors):
    sign_in(page, server, "sw")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your children")
    page.get_by_role("link", name="Own Test").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Own Test")
    assert "js-enabled" in page.evaluate("document.body.className")
    page.get_by_role("link", name="Visits", exact=True).click()
    page.get_by_role("link", name="Add visit", exact=True).click()
    page.get_by_label("Date of visit").fill("2025-03-03")
    page.get_by_label("Kind of visit").select_option("STAT")
    page.get_by_label("Child seen", exact=True).select_option("true")
    page.get_by_label("Child seen alone").select_option("true")
    page.get_by_label("The child's views, in their words").fill("I want to stay here")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Visit saved")).to_be_visible()
    page.goto(f"{server['url']}/children/{server['children']['own']}/history/")
    row = page.get_by_role("row").filter(has_text="3 Mar 2025")
    expect(row).to_contain_text("Visit (seen alone)")


def test_councillor_gets_figures_and_no_child_level_page(page: Page, server):
    sign_in(page, server, "member")
    expect(page.get_by_role("heading", level=1)).to_have_text("Children looked after now")
    expect(page.get_by_text("c children are looked after")).to_be_visible()
    for path in ("/children/", f"/children/{server['children']['own']}/",
                 f"/children/{server['children']['own']}/visits/"):
        response = page.goto(f"{server['url']}{path}")
        assert response.status == 404, path
        expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
