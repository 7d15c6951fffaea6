"""Check the return: analysts run the DfE rules over the return built from the record; case
holders see their own children's findings on the child's summary; nobody sees another
authority's children; runs and downloads are audited."""

from __future__ import annotations

import csv
import io
import tempfile
from datetime import date

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from carematters.web.accounts.models import AuditEvent
from carematters.web.children import returncheck
from carematters.web.children.models import Episode, Review

YEAR = 2026            # the collection year ending 31 March 2026
TODAY = date(2026, 5, 11)  # after it ended, before it is submitted
INVALID_RNE = "143"    # the DfE rule: reason for new episode must be a valid code
UNDER_FOUR = "440"     # the DfE rule: "child under 4" participation for a child 4 or over


@pytest.fixture
def faulty(world, monkeypatch):
    """The world's children, with an invalid reason for new episode for `own` (authority A)
    and for `foreign` (authority B); `other` (A, another team) has neither fault. `own` also has
    a review recorded as "child under 4" at 13."""
    cache.clear()
    monkeypatch.setattr(returncheck, "today", lambda: TODAY)
    Episode.objects.filter(child__in=[world.children["own"], world.children["foreign"]]).update(
        rne="Z")  # fail 143: not a reason for a new episode
    Review.objects.create(child=world.children["own"], review_date=date(2025, 9, 1),
                          review_code="PN0")  # fail 440: born 2012, not under 4
    yield world
    cache.clear()


def _page(client, year=YEAR):
    return client.get(reverse("return-check", args=[year]))


def test_analysts_see_the_summary_and_fix_list_of_their_own_authority(faulty, login):
    response = _page(login(faulty.users["analyst"]))
    assert response.status_code == 200
    summary = [(r["rule"], r["count"]) for r in response.context["summary"]]
    assert (INVALID_RNE, 1) in summary
    fixes = {(r["child"], r["rule"]) for r in response.context["rows"]}
    assert ("OWN", INVALID_RNE) in fixes
    assert not any(child == "FOREIGN" for child, _ in fixes)  # authority B's child: never
    body = response.content.decode()
    assert "FOREIGN" not in body
    # Analysts have no relationship with any child: identifiers only, no names, no links.
    assert "Own Test" not in body
    assert all(r["url"] is None for r in response.context["rows"])
    assert str(faulty.children["own"].pk) not in body


def test_the_check_is_kept_for_the_day_and_audited(faulty, login):
    client = login(faulty.users["analyst"])
    first = _page(client).context["check"]
    assert _page(client).context["check"].computed_at == first.computed_at  # from the cache
    runs = AuditEvent.objects.filter(actor="analyst", action="view",
                                     changes__return_check=YEAR).order_by("id")
    assert [e.changes["ran"] for e in runs] == [True, False]


def test_check_again_runs_anew_by_post_with_csrf(faulty, login):
    client = login(faulty.users["analyst"])
    first = _page(client).context["check"]
    guarded = Client(enforce_csrf_checks=True)
    guarded.force_login(faulty.users["analyst"])
    assert guarded.post(reverse("return-check-again", args=[YEAR])).status_code == 403
    assert client.get(reverse("return-check-again", args=[YEAR])).status_code == 405
    response = client.post(reverse("return-check-again", args=[YEAR]))
    assert response.status_code == 302
    again = _page(client).context["check"]
    assert again.computed_at > first.computed_at


def test_the_page_says_when_the_record_changed_since_the_check(faulty, login):
    client = login(faulty.users["analyst"])
    assert _page(client).context["changed"] is False
    # A worker corrects the episode (an audited write to the record).
    episode = Episode.objects.get(child=faulty.children["own"])
    episode.rne = "S"
    episode.save()
    assert _page(client).context["changed"] is True


@pytest.mark.parametrize("persona", ["sw", "manager", "iro", "director", "member", "admin",
                                     "outsider"])
def test_other_roles_get_404(faulty, login, persona):
    client = login(faulty.users[persona])
    for name in ("return-check", "return-check-xlsx", "return-check-csv"):
        assert client.get(reverse(name, args=[YEAR])).status_code == 404, name
    assert client.post(reverse("return-check-again", args=[YEAR])).status_code == 404
    assert not returncheck.cached(faulty.authorities["A"], YEAR)


def test_years_outside_the_return_are_404(faulty, login):
    client = login(faulty.users["analyst"])
    assert _page(client, 2003).status_code == 404
    assert _page(client, 2030).status_code == 404


def test_findings_download_as_xlsx_and_csv_and_are_audited(faulty, login):
    client = login(faulty.users["analyst"])
    response = client.get(reverse("return-check-xlsx", args=[YEAR]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response.content[:2] == b"PK"  # a zip: the XLSX container
    response = client.get(reverse("return-check-csv", args=[YEAR]))
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    invalid = next(r for r in rows if r["rule"] == INVALID_RNE)
    assert invalid["child"] == "OWN" and invalid["table"] == "Episodes"
    # Rows go child by child in CHILD order: OTHER's episode is row 1, OWN's row 2.
    assert (invalid["row"], invalid["fields"]) == ("2", "RNE")
    assert "FOREIGN" not in response.content.decode()
    formats = set(AuditEvent.objects.filter(actor="analyst", action="export")
                  .values_list("changes__format", flat=True))
    assert formats == {"xlsx", "csv"}


def test_a_formula_in_the_record_stays_text_in_the_xlsx(faulty, login):
    import zipfile

    Episode.objects.filter(child=faulty.children["own"]).update(pl_post="=1+2")  # fail 169
    response = login(faulty.users["analyst"]).get(reverse("return-check-xlsx", args=[YEAR]))
    with zipfile.ZipFile(io.BytesIO(response.content)) as book:
        sheets = [book.read(n).decode() for n in book.namelist() if n.startswith("xl/worksheets/")]
        strings = book.read("xl/sharedStrings.xml").decode()
    assert "=1+2" in strings
    assert not any("<f>" in sheet for sheet in sheets)


def test_an_authority_with_nothing_recorded_has_no_findings(faulty, login):
    from carematters.web.accounts.models import Authority, Role, User

    empty = Authority.objects.create(code="997", name="Westshire Council")
    analyst = User.objects.create_user(username="west", password="correct horse battery",
                                       role=Role.ANALYST, authority=empty)
    response = _page(login(analyst))
    assert response.status_code == 200
    assert len(response.context["check"].findings) == 0
    assert "No findings" in response.content.decode()


def test_a_bad_register_upload_is_refused(faulty, login):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = login(faulty.users["analyst"])
    upload = SimpleUploadedFile("register.txt", b"URN\nSC123456\n", content_type="text/plain")
    response = client.post(reverse("return-check-again", args=[YEAR]), {"register_csv": upload})
    assert response.status_code == 400
    assert "is not a CSV file" in response.content.decode()


def test_an_uploaded_register_is_used_and_kept_for_the_day(faulty, login):
    from django.core.files.uploadedfile import SimpleUploadedFile

    Episode.objects.filter(child=faulty.children["own"]).update(urn="SC654321")
    client = login(faulty.users["analyst"])
    before = {r["rule"] for r in _page(client).context["summary"]}
    assert "1008" not in before  # without a register only the URN's shape is checked
    register = SimpleUploadedFile(
        "providers.csv", b"URN,PLACE_CODES,PROVIDER_CODES,REG_END,POSTCODE\n"
                         b"SC123456,K2,PR1,,SW1A 1AA\n", content_type="text/csv")
    response = client.post(reverse("return-check-again", args=[YEAR]), {"register_csv": register})
    assert response.status_code == 302
    found = _page(client).context["check"]
    assert "providers.csv (1 providers)" in found.register
    assert ("OWN", "1008") in {(r["child"], r["rule"]) for r in found.fix_list().iter_rows(
        named=True)}  # fail: SC654321 is not in the register
    client.post(reverse("return-check-again", args=[YEAR]))  # again, without uploading it
    assert _page(client).context["check"].register == found.register


def test_unreadable_registers_are_refused_by_their_own_names(faulty, login):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = login(faulty.users["analyst"])
    url = reverse("return-check-again", args=[YEAR])
    garbage = SimpleUploadedFile("homes.xlsx", b"not a workbook")
    response = client.post(url, {"children_homes": garbage})
    assert response.status_code == 400
    assert "homes.xlsx is not an Excel workbook" in response.content.decode()
    no_urn = SimpleUploadedFile("mine.csv", b"NAME,POSTCODE\nA home,SW1A 1AA\n")
    response = client.post(url, {"register_csv": no_urn})
    body = response.content.decode()
    assert response.status_code == 400
    assert "The register could not be read: mine.csv" in body
    assert "register_csv.csv" not in body and tempfile.gettempdir() not in body  # no server paths
    assert returncheck.register_for(faulty.authorities["A"]) == (None, "")


def _summary_checks(client, child):
    response = client.get(reverse("child-summary", args=[child.pk]))
    assert response.status_code == 200
    return response.context["return_checks"], response.content.decode()


def test_case_holders_see_their_childs_findings_with_the_field_to_fix(faulty, login):
    _page(login(faulty.users["analyst"]))  # the day's check
    own = faulty.children["own"]
    for persona in ("sw", "manager"):
        checks, body = _summary_checks(login(faulty.users[persona]), own)
        found = [c for c in checks if c.rule == INVALID_RNE]
        assert len(found) == 1, persona
        assert found[0].fields == ("reason for new episode",)
        assert found[0].record_date == date(2024, 6, 1)
        assert found[0].url == reverse("child-section", args=[own.pk, "placements"])
        assert "Your records fail these DfE checks" in body


def test_the_review_finding_points_at_the_reviews_section(faulty, login):
    _page(login(faulty.users["analyst"]))
    own = faulty.children["own"]
    checks, body = _summary_checks(login(faulty.users["sw"]), own)
    review = next(c for c in checks if c.rule == UNDER_FOUR)
    assert (review.record, review.record_date) == ("Review", date(2025, 9, 1))
    assert review.fields == ("date of review", "how the child took part")
    assert review.url == reverse("child-section", args=[own.pk, "reviews"])
    assert "Review of 1 September 2025" in body


def test_your_children_counts_failing_checks_for_case_holders(faulty, login):
    response = login(faulty.users["sw"]).get(reverse("child-list"))
    assert response.context["show_checks"] is False  # nothing checked today yet
    analyst_page = _page(login(faulty.users["analyst"]))
    own_findings = sum(1 for r in analyst_page.context["check"].fix_list().iter_rows(named=True)
                       if r["child"] == "OWN")
    response = login(faulty.users["sw"]).get(reverse("child-list"))
    assert [(c.child_id, n) for c, _age, n in response.context["rows"]] == [("OWN", own_findings)]
    assert "DfE checks failing" in response.content.decode()
    # An IRO's list of the same child shows no counts.
    response = login(faulty.users["iro"]).get(reverse("child-list"))
    assert response.context["show_checks"] is False


def test_only_case_holders_and_only_for_their_children(faulty, login):
    _page(login(faulty.users["analyst"]))
    # The other team's worker sees their own (clean) child's list, not `own`'s findings.
    checks, _body = _summary_checks(login(faulty.users["sw_other"]), faulty.children["other"])
    assert [c for c in checks if c.rule == INVALID_RNE] == []
    # The IRO and education staff open `own`'s summary but are not shown the fix list.
    for persona in ("iro", "education"):
        checks, _body = _summary_checks(login(faulty.users[persona]), faulty.children["own"])
        assert checks == [], persona
    # Authority B has not been checked: its worker's child shows nothing from A's check.
    checks, _body = _summary_checks(login(faulty.users["outsider"]), faulty.children["foreign"])
    assert checks == []


def test_the_summary_never_runs_a_check(faulty, login):
    checks, body = _summary_checks(login(faulty.users["sw"]), faulty.children["own"])
    assert checks == [] and "DfE checks" not in body
    assert returncheck.cached(faulty.authorities["A"], YEAR) is None


def test_record_fields_are_found_from_the_models():
    places = returncheck.places()
    assert places["Episodes", "RNE"] == returncheck.Place("placements", "reason for new episode")
    assert places["Header", "UPN"] == returncheck.Place("identity", "unique pupil number")
    assert places["Reviews", "REVIEW"] == returncheck.Place("reviews", "date of review")


def test_a_care_leaver_whose_care_ended_years_ago_is_not_never_looked_after(faulty, login):
    # LEAVER was looked after from 2020 (age 15) to June 2023: in neither this year's return
    # nor last year's, but the record holds it. The check passes it as the history, so 1002
    # ("no episodes of care for this young person") does not fire on this year's OC3 row.
    from carematters.validation import validate
    from carematters.web.children.exporter import export_caredata
    from carematters.web.children.models import CareLeaverOutcome, Child

    own = faulty.children["own"]
    leaver = Child.objects.create(
        authority=own.authority, child_id="LEAVER", given_name="Lee", family_name="Test",
        dob=date(2005, 6, 1), sex="F", ethnicity="WBRI", team=own.team,
        social_worker=own.social_worker)
    Episode.objects.create(child=leaver, decom=date(2020, 6, 1), rne="S", ls="C2", cin="N1",
                           place="U3", place_provider="PR1", dec=date(2023, 6, 1), rec="E8")
    CareLeaverOutcome.objects.create(child=leaver, year=YEAR, in_touch="YES", activ="F1",
                                     accom="B1")
    # The two returns alone would report LEAVER under 1002 (the false positive this prevents).
    two_years = validate(export_caredata(own.authority, YEAR), export_caredata(own.authority,
                         YEAR - 1), year=YEAR, rules=["1002"], la=own.authority.code)
    assert two_years.frame["child"].to_list() == ["LEAVER"]
    response = _page(login(faulty.users["analyst"]))
    fixes = {(r["child"], r["rule"]) for r in response.context["rows"]}
    assert ("LEAVER", "1002") not in fixes
    assert ("OWN", INVALID_RNE) in fixes   # the check still reports what is wrong


def test_a_year_still_running_says_so(faulty, login, monkeypatch):
    client = login(faulty.users["analyst"])
    assert "still running" not in _page(client).content.decode()  # 2026 ended on 31 March
    monkeypatch.setattr(returncheck, "today", lambda: date(2026, 3, 20))
    body = _page(client).content.decode()
    assert "This year is still running: it ends on 31 March 2026" in body


def test_workers_are_not_told_of_year_end_items_before_the_year_ends(monkeypatch):
    import polars as pl

    findings = pl.DataFrame({"rule": ["191", "143"], "child": ["A", "B"]})
    # 191 (OC2 items blank for a child in care 12 months) reads OC2, filled in after 31 March.
    monkeypatch.setattr(returncheck, "today", lambda: date(2026, 3, 20))
    assert returncheck.due_now(findings, 2026)["rule"].to_list() == ["143"]
    monkeypatch.setattr(returncheck, "today", lambda: date(2026, 4, 1))
    assert returncheck.due_now(findings, 2026)["rule"].to_list() == ["191", "143"]
