"""Loading a return from the browser: the reader's problems are shown, the import is all or
nothing."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from carematters.returns import write_csv
from carematters.web.children.models import Child, Episode
from tests.web.pages import check_page
from tests.web.test_import_export import return_2025


def _files(tmp_path, data):
    return [SimpleUploadedFile(p.name, p.read_bytes(), content_type="text/csv")
            for p in write_csv(data, tmp_path)]


def test_an_analyst_loads_a_return(world, login, tmp_path):
    client = login(world.users["analyst"])
    check_page(client.get(reverse("load-return")))
    response = client.post(reverse("load-return"), {"year": 2025, "files": _files(tmp_path, return_2025())})
    assert response.status_code == 200
    assert b"Return loaded" in response.content
    check_page(response)
    assert Child.objects.filter(authority=world.authorities["A"], child_id="A1").exists()


def test_a_return_with_bad_rows_loads_nothing_and_says_why(world, login, tmp_path):
    data = return_2025()
    (tmp_path / "bad").mkdir()
    files = _files(tmp_path / "bad", data)
    episodes = next(f for f in files if f.name == "Episodes.csv")
    # A code the reader passes through as a problem, and a row the importer cannot store.
    text = episodes.read().decode().replace(",C2,", ",ZZ,", 1)
    files[files.index(episodes)] = SimpleUploadedFile("Episodes.csv", text.encode())
    before = Episode.objects.count()
    response = login(world.users["analyst"]).post(reverse("load-return"), {"year": 2025, "files": files})
    page = response.content.decode()
    assert "Nothing was loaded" in page
    assert "What the reader found" in page
    assert Episode.objects.count() == before
    assert not Child.objects.filter(child_id="A1").exists()


def test_only_csv_and_xml_files_are_accepted(world, login):
    upload = SimpleUploadedFile("Header.xlsx", b"not a return")
    response = login(world.users["analyst"]).post(reverse("load-return"), {"year": 2025, "files": [upload]})
    assert b"is not a CSV or XML file" in response.content


def test_loading_is_for_analysts_only(world, login):
    assert login(world.users["sw"]).get(reverse("load-return")).status_code == 404
