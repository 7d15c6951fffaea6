"""A social worker sends a survey link; the child opens it on a phone with JavaScript off,
skips a question, sends the answers, and the link stops working."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.test_journeys import sign_in

pytestmark = pytest.mark.e2e


def test_a_child_answers_the_survey_on_a_phone(page: Page, browser: Browser, server,
                                                console_errors):
    sign_in(page, server, "sw")
    page.get_by_role("link", name="Children's voice").click()
    page.get_by_role("link", name="Survey links").click()
    page.get_by_role("link", name="Send a survey link").click()
    page.get_by_label("Child or young person").select_option(label="Own Test (OWN)")
    page.get_by_role("button", name="Make the link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Survey link made")
    link = page.locator(".govuk-inset-text .govuk-\\!-font-weight-bold").inner_text().strip()

    phone = browser.new_context(viewport={"width": 375, "height": 740}, java_script_enabled=False)
    child = phone.new_page()
    child.goto(link)
    expect(child.get_by_role("heading", level=1)).to_have_text("Tell us what your life is like")
    assert "Own" not in child.content()
    child.get_by_role("button", name="Start").click()
    expect(child.get_by_role("heading", level=1)).to_have_text("Your answers")
    safe = child.get_by_role("group", name="1. Do you feel safe in the place you live now?")
    safe.get_by_label("Yes").check()
    child.get_by_role("group", name="3. In the last few months, has anyone picked on you or "
                      "bullied you?").get_by_label("Hardly ever or never").check()
    child.get_by_role("button", name="Send my answers").click()
    expect(child.get_by_role("heading", level=1)).to_have_text("Thank you")
    child.goto(link)
    expect(child.get_by_role("heading", level=1)).to_have_text("This link does not work")
    phone.close()

    page.get_by_role("link", name="Children's voice").click()
    page.get_by_role("link", name="Survey links").click()
    expect(page.locator("table")).to_contain_text("Answered")
