"""The JSON API keeps the pages' rules; reports suppress small numbers and pseudonymise."""

from __future__ import annotations

import csv
import io
import zipfile

from django.urls import reverse

from carematters.web.accounts.models import AuditEvent
from carematters.web.children.models import Child, Episode
from carematters.web.children.reports import pseudonym, suppress, suppress_table


def test_api_lists_only_the_users_children(world, login):
    body = login(world.users["sw"]).get("/api/children").json()
    assert [c["child_id"] for c in body] == ["OWN"]
    body = login(world.users["manager"]).get("/api/children").json()
    assert [c["child_id"] for c in body] == ["OWN"]
    assert login(world.users["member"]).get("/api/children").json() == []


def test_api_episodes_for_an_allocated_child_and_404_for_others(world, login):
    client = login(world.users["sw"])
    own = client.get(f"/api/children/{world.children['own'].pk}/episodes")
    assert own.status_code == 200 and own.json()[0]["ls"] == "C2"
    assert client.get(f"/api/children/{world.children['foreign'].pk}/episodes").status_code == 404


def test_api_export_is_for_analysts_and_audited(world, login):
    year = 2025
    assert login(world.users["sw"]).get(f"/api/exports/{year}/Episodes").status_code == 404
    rows = login(world.users["analyst"]).get(f"/api/exports/{year}/Episodes").json()
    assert {r["CHILD"] for r in rows} == {"OWN", "OTHER"}  # not the other authority's child
    assert AuditEvent.objects.filter(action="export", actor="analyst").exists()


def test_openapi_document(world, login):
    document = login(world.users["sw"]).get("/api/openapi.json").json()
    assert "/api/children/{child_id}/episodes" in document["paths"]


def test_suppression_of_small_numbers():
    assert [suppress(n, on=True) for n in (0, 1, 5, 6)] == ["0", "c", "c", "6"]
    assert suppress(3, on=False) == "3"


def test_secondary_suppression_stops_working_out_a_hidden_cell_by_subtraction():
    # one small cell: the next smallest is hidden too
    assert suppress_table([3, 40, 12, 9], on=True) == ["c", "40", "12", "c"]
    # two cells of 1 could be deduced from the total (they can only be 1 and 1)
    assert suppress_table([1, 1, 30, 7], on=True) == ["c", "c", "30", "c"]
    # already safe: two hidden cells holding more than 5 children
    assert suppress_table([4, 5, 30], on=True) == ["c", "c", "30"]
    assert suppress_table([12, 30], on=True) == ["12", "30"]
    assert suppress_table([3, 30], on=False) == ["3", "30"]


def test_members_see_counts_of_five_or_fewer_as_c(world, login):
    page = login(world.users["member"]).get(reverse("aggregates")).content.decode()
    assert "<p class=\"govuk-body-l\">c children" in page  # two children looked after
    assert ">2<" not in page
    page = login(world.users["director"]).get(reverse("aggregates")).content.decode()
    assert "2 children are looked after" in page


def test_pseudonymised_extract_has_no_identifiers(world, login):
    child = world.children["own"]
    Episode.objects.filter(child=child).update(place_provider="PR1")
    Child.objects.filter(pk=child.pk).update(given_name="=HYPERLINK(1)")
    response = login(world.users["analyst"]).get(reverse("pseudonymised-episodes"))
    text = response.content.decode()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {r["PSEUDONYM"] for r in rows} == {pseudonym("OWN"), pseudonym("OTHER")}
    assert "OWN" not in text and "Own" not in text and "HYPERLINK" not in text
    assert rows[0]["BIRTH_MONTH"] == "05/2012"


def test_return_download_is_a_zip_of_csv_tables(world, login):
    response = login(world.users["analyst"]).get(reverse("return-download", args=[2025]))
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    header = archive.read("Header.csv").decode().splitlines()
    assert header[0] == "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB"
    assert sorted(line.split(",")[0] for line in header[1:]) == ["OTHER", "OWN"]
    assert "01/05/2012" in header[1]
