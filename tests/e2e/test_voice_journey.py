"""A social worker makes a batch of survey codes and prints the slips; a child types a code on a
phone with JavaScript off, skips a question, sends the answers, and the code stops working. The
worker sees one code of the batch used, and nothing about who used it."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.test_journeys import sign_in

pytestmark = pytest.mark.e2e


def test_a_child_answers_the_survey_on_a_phone(page: Page, browser: Browser, server,
                                                console_errors):
    sign_in(page, server, "sw")
    page.get_by_role("link", name="Children's voice").click()
    page.get_by_role("link", name="Survey codes").click()
    page.get_by_role("link", name="Make survey codes").click()
    page.get_by_label("Survey version").select_option(label="Ages 11 to 17")
    page.get_by_label("Number of codes").fill("2")
    page.get_by_role("button", name="Make the codes").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Survey codes made")
    codes = [c.strip() for c in page.locator(".app-slip__code").all_inner_texts()]
    assert len(codes) == 2
    slip = page.locator(".app-slip").first.inner_text()
    enter = slip.split("Go to ", 1)[1].split()[0]  # the address printed on the slip
    link = slip.split("Or open this link:", 1)[1].split()[0]
    assert link.endswith(f"/{codes[0]}/") and "Own" not in slip

    phone = browser.new_context(viewport={"width": 375, "height": 740}, java_script_enabled=False)
    child = phone.new_page()
    child.goto(enter)
    child.get_by_label("Your code").fill(codes[0].lower())
    child.get_by_role("button", name="Continue").click()
    expect(child.get_by_role("heading", level=1)).to_have_text("Tell us what your life is like")
    assert "Own" not in child.content()
    child.get_by_role("button", name="Start").click()
    expect(child.get_by_role("heading", level=1)).to_have_text("Your answers")
    safe = child.get_by_role("group", name="1. Do you feel safe in the place you live now?")
    safe.get_by_label("Yes").check()
    child.get_by_role("group", name="3. In the last few months, has anyone picked on you or "
                      "bullied you?").get_by_label("Hardly ever or never").check()
    child.get_by_role("group", name="Where do you live now?").get_by_label(
        "With a foster family").check()
    child.get_by_role("button", name="Send my answers").click()
    expect(child.get_by_role("heading", level=1)).to_have_text("Thank you")
    child.goto(link)
    expect(child.get_by_role("heading", level=1)).to_have_text("This code does not work")
    phone.close()

    page.get_by_role("link", name="Children's voice").click()
    page.get_by_role("link", name="Survey codes").click()
    expect(page.locator("table")).to_contain_text("1 of 2")
