"""Each page a social worker uses renders valid, accessible GOV.UK markup under the CSP."""

from __future__ import annotations

from django.urls import reverse

from carematters.web.children.sections import SECTION_PAGES, kind_slug, section_url_slug
from tests.web.pages import check_page


def test_the_social_workers_pages_pass_the_page_checks(world, login):
    child = world.children["own"]
    client = login(world.users["sw"])
    urls = [reverse("child-list"), reverse("child-summary", args=[child.pk]),
            reverse("child-history", args=[child.pk]), reverse("child-details", args=[child.pk])]
    for slug, section in SECTION_PAGES.items():
        urls.append(reverse("child-section", args=[child.pk, section_url_slug(slug)]))
        urls += [reverse("record-new", args=[child.pk, section_url_slug(slug), kind_slug(k)])
                 for k in section.kinds]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        check_page(response)


def test_other_roles_pages_pass_the_page_checks(world, login):
    for persona, name in (("member", "aggregates"), ("analyst", "analysis"),
                          ("admin", "administration"), ("admin", "audit-report")):
        response = login(world.users[persona]).get(reverse(name))
        assert response.status_code == 200
        check_page(response)
    response = login(world.users["manager"]).get(
        reverse("child-access-log", args=[world.children["own"].pk]))
    check_page(response)


def test_security_headers(world, login):
    response = login(world.users["sw"]).get(reverse("child-list"))
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_the_summary_shows_the_child_at_a_glance(world, login):
    child = world.children["own"]
    page = login(world.users["sw"]).get(reverse("child-summary", args=[child.pk])).content.decode()
    for heading in ("Placement", "Plan", "Reviews", "Visits", "Health", "Education", "Missing"):
        assert f">{heading}</h2>" in page
    assert "seen alone" in page
    assert "Full care order" in page or "full care order" in page


def test_health_staff_see_only_their_section_on_the_summary(world, login):
    child = world.children["own"]
    page = login(world.users["health"]).get(reverse("child-summary", args=[child.pk])).content.decode()
    assert ">Health</h2>" in page
    assert ">Visits</h2>" not in page and ">Placement</h2>" not in page
    assert "Ethnicity" not in page


def test_recording_a_visit_seen_alone(world, login):
    child = world.children["own"]
    client = login(world.users["sw"])
    response = client.post(
        reverse("record-new", args=[child.pk, "visits", "visit"]),
        {"visit_date": "2025-02-14", "kind": "STAT", "seen": "true", "seen_alone": "true",
         "child_views": "I like my new school"},
    )
    assert response.status_code == 302
    visit = child.visits.get(visit_date="2025-02-14")
    assert visit.seen_alone is True and visit.child_views == "I like my new school"


def test_a_form_with_errors_says_what_is_wrong(world, login):
    child = world.children["own"]
    response = login(world.users["sw"]).post(
        reverse("record-new", args=[child.pk, "health", "sdq-score"]), {"sdq_date": "", "score": "99"})
    assert response.status_code == 200
    assert b"govuk-error-message" in response.content
    check_page(response)


def test_forms_offer_only_this_years_codes(world, login):
    page = login(world.users["sw"]).get(
        reverse("record-new", args=[world.children["own"].pk, "placements", "episode"])).content.decode()
    assert 'value="K3"' in page and 'value="H5"' not in page  # H5 ended in 2024


def test_user_text_is_escaped(world, login):
    child = world.children["own"]
    child.visits.update(child_views="<script>alert(1)</script>")
    page = login(world.users["sw"]).get(reverse("child-section", args=[child.pk, "visits"]))
    assert b"<script>alert(1)" not in page.content
    assert b"&lt;script&gt;" in page.content


def test_recording_a_secure_stay_to_the_minute(world, login):
    child = world.children["own"]
    client = login(world.users["sw"])
    form = client.get(reverse("record-new", args=[child.pk, "placements", "secure-stay"]))
    assert b'type="datetime-local"' in form.content
    response = client.post(
        reverse("record-new", args=[child.pk, "placements", "secure-stay"]),
        {"secure_start": "2025-02-14T21:30", "secure_end": "2025-02-16T08:00",
         "grounds": "WELFARE", "court_authorised": ""},
    )
    assert response.status_code == 302
    stay = child.securestays.get()
    # Stored in UTC; in February London time is UTC.
    assert stay.secure_start.isoformat() == "2025-02-14T21:30:00+00:00"
    assert stay.court_authorised is None
    history = client.get(reverse("child-history", args=[child.pk]))
    assert b"Secure accommodation" in history.content
