"""Every page fetched in a test doubles as a check (the notifications-admin habit): one h1 that
the title starts with, no duplicate ids, a CSP nonce on every script, forms with an action."""

from __future__ import annotations

import re
from html.parser import HTMLParser


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: list[str] = []
        self.h1: list[str] = []
        self.title = ""
        self.scripts: list[dict] = []
        self.forms: list[dict] = []
        self._in: str | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "id" in attributes:
            self.ids.append(attributes["id"])
        if tag in ("h1", "title"):
            self._in = tag
            if tag == "h1":
                self.h1.append("")
        elif tag == "script":
            self.scripts.append(attributes)
        elif tag == "form":
            self.forms.append(attributes)

    def handle_endtag(self, tag):
        if tag == self._in:
            self._in = None

    def handle_data(self, data):
        if self._in == "h1":
            self.h1[-1] += data
        elif self._in == "title":
            self.title += data


def check_page(response) -> None:
    html = response.content.decode()
    page = _Page()
    page.feed(html)
    nonce = re.search(r"'nonce-([^']+)'", response.headers.get("Content-Security-Policy", ""))
    assert nonce, "no CSP nonce in the Content-Security-Policy header"
    assert len(page.h1) == 1, f"expected one h1, found {page.h1}"
    h1 = " ".join(page.h1[0].split())
    assert " ".join(page.title.split()).startswith(h1), (page.title, h1)
    duplicates = {i for i in page.ids if page.ids.count(i) > 1}
    assert not duplicates, f"duplicate ids {duplicates}"
    for script in page.scripts:
        assert script.get("nonce") == nonce.group(1), f"script without the nonce: {script}"
    for form in page.forms:
        assert "action" in form or form.get("method") == "post", form
    assert response.headers["Cache-Control"] == "no-store" or "login" in response.request["PATH_INFO"]
