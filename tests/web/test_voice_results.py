"""The results page: aggregates only, small numbers suppressed for every reader, nothing for
another authority, and nobody sees one child's answers."""

from __future__ import annotations

import re
import secrets
from datetime import date

import pytest
from django.urls import reverse

from carematters.data.years import collection_year_of
from carematters.web.accounts.models import AuditEvent
from carematters.web.voice.models import SurveyAnswer, SurveyResponse
from tests.web.pages import check_page

ON = date(2025, 6, 1)  # collection year 2026


def answered(world, band: str, answers: dict, authority: str = "A", on: date = ON, **about):
    response = SurveyResponse.objects.create(
        authority=world.authorities[authority], band=band, instrument="carematters-voice",
        instrument_version=1, answered_month=on.replace(day=1),
        collection_year=collection_year_of(on), submission=secrets.token_hex(32), **about)
    for question, answer in answers.items():
        SurveyAnswer.objects.create(response=response, question=question, answer=answer)
    return response


@pytest.fixture
def surveys(world):
    # Authority A, 2025-26: 12 children aged 11-17 feel safe at home (+) and 8 do not (-):
    # 60% of 20. Three children aged 8-11 answered too: hidden (and the 11-17 row with them,
    # since the all-ages total would give them away).
    for i in range(20):
        answered(world, "11-17", {"safe_home": "yes" if i < 12 else "no", "hobby": None},
                 gender="girl" if i % 2 else "unsaid", placement="foster")
    for _ in range(3):
        answered(world, "8-11", {"safe_home": "yes"})
    # Authority B: one child, who must never appear in A's figures.
    answered(world, "11-17", {"safe_home": "no"}, authority="B")


@pytest.mark.parametrize("persona", ["manager", "director", "analyst", "member"])
def test_readers_see_suppressed_aggregates(world, login, surveys, persona):
    response = login(world.users[persona]).get(reverse("voice-results"))
    assert response.status_code == 200
    check_page(response)
    found = response.context["found"]
    safe = next(r for r in found["areas"] if r["label"] == "Keeping safe")
    by_band = dict(zip(found["columns"], safe["cells"], strict=True))
    assert by_band["Ages 8 to 11"]["children"] == "[c]"
    assert by_band["Ages 11 to 17"]["children"] == "[c]"  # secondary: 23 - 20 would give 3
    assert by_band["All ages"] == {"percent": "65%", "children": "23"}  # 15 of 23, A only
    assert dict((r["label"], r["value"]) for r in found["responses"])["All ages"] == "23"
    assert found["chart"].startswith("data:image/svg+xml;base64,")
    # Who answered: 10 girls, 10 "prefer not to say", 3 left out (the 8-11s): the 3 is hidden,
    # and the next smallest (the first of the two 10s) with it, so it cannot be worked out from
    # the 23.
    gender = {r["label"]: r["value"] for r in found["about"][0]["rows"]}
    assert gender == {"A girl or young woman": "[c]", "A boy or young man": "0",
                      "I describe myself another way": "0", "I'd prefer not to say": "10",
                      "Left out": "[c]"}
    # The chart is base64 text, in which any three letters may turn up: look past it.
    html = re.sub(r'(src="data:|nonce=")[^"]*"', "", response.content.decode())
    assert "Own Test" not in html and "OWN" not in html


def test_results_are_audited_as_a_view(world, login, surveys):
    login(world.users["member"]).get(reverse("voice-results"))
    assert AuditEvent.objects.filter(action="view", actor="member",
                                     changes__page="survey results").exists()


def test_another_authority_sees_none_of_these_answers(world, login, surveys):
    # B has one answer: everything about it is suppressed, and A's 23 are nowhere.
    outsider = world.users["outsider"]
    outsider.role = "director"
    outsider.save()
    found = login(outsider).get(reverse("voice-results")).context["found"]
    assert dict((r["label"], r["value"]) for r in found["responses"])["All ages"] == "[c]"
    safe = next(r for r in found["areas"] if r["label"] == "Keeping safe")
    assert all(cell is None or "23" not in cell["children"] for cell in safe["cells"])


@pytest.mark.parametrize("persona", ["sw", "iro", "education", "health", "admin", "outsider"])
def test_case_workers_and_administrators_do_not_open_results(world, login, surveys, persona):
    assert login(world.users[persona]).get(reverse("voice-results")).status_code == 404


def test_years_can_be_chosen_and_compared(world, login, surveys):
    answered(world, "11-17", {"safe_home": "yes"}, on=date(2024, 6, 1))  # 2024-25
    client = login(world.users["director"])
    found = client.get(reverse("voice-results")).context["found"]
    assert found["years"] == [2025, 2026] and found["year"] == 2026
    earlier = client.get(reverse("voice-results"), {"year": "2025"}).context["found"]
    assert earlier["year"] == 2025
    safe = next(r for r in earlier["area_trend"] if r["label"] == "Keeping safe")
    assert safe["cells"] == ["[c]", "65%"]  # one child in 2024-25: hidden


def test_no_answers_yet(world, login):
    response = login(world.users["director"]).get(reverse("voice-results"))
    assert response.context["found"] is None
    check_page(response)


def test_no_page_shows_one_childs_answers(world, login, surveys):
    """The answers stay in the database: no staff page under /voice/ prints an answer value next
    to a child, for any persona."""
    child = world.children["own"]
    for user in world.users.values():
        client = login(user)
        for name in ("voice-home", "voice-batches", "voice-results", "voice-council"):
            response = client.get(reverse(name))
            if response.status_code != 200:
                continue
            html = response.content.decode()
            assert not (child.given_name in html and "I&#x27;m not sure" in html)
            assert "safe_home" not in html


def test_analysts_download_answers_without_child_identifiers(world, login, surveys):
    import io

    import polars as pl

    from carematters.voice import ANSWER_SCHEMA, by_area

    response = login(world.users["analyst"]).get(reverse("voice-answers-csv"))
    assert response.status_code == 200 and response["Content-Type"] == "text/csv"
    text = response.content.decode()
    child = world.children["own"]
    assert child.child_id not in text and str(child.pk) not in text
    frame = pl.read_csv(io.StringIO(text), columns=list(ANSWER_SCHEMA),
                        schema_overrides=ANSWER_SCHEMA)
    # A's 23 surveys only; months, not days; the engine reads the file as it is.
    assert frame["RESPONSE"].n_unique() == 23 and set(frame["ANSWERED_ON"]) == {date(2025, 6, 1)}
    # What children said about themselves follows, with "" where they left it out.
    about = pl.read_csv(io.StringIO(text), infer_schema=False).select(
        "RESPONSE", "GENDER", "PLACEMENT").unique()
    assert sorted(about.group_by("GENDER").len().rows(), key=str) == [
        ("girl", 10), ("unsaid", 10), (None, 3)]
    assert by_area(frame).filter(pl.col("BAND") == "all")["RESPONDENTS"].to_list() == [23]
    assert AuditEvent.objects.filter(action="export", changes__extract="survey answers").exists()
    for persona in ("member", "director", "sw", "admin"):
        assert login(world.users[persona]).get(reverse("voice-answers-csv")).status_code == 404


@pytest.mark.parametrize("persona", ["sw", "manager", "admin", "member"])
def test_results_go_back_to_children_by_band_in_words(world, login, surveys, persona):
    # Having a say, ages 4-7: 8 of 14 children said grown-ups listen (57%; 6 did not) and
    # nobody else answered about it, so the share shows in tenths. Keeping safe, ages 8-11: three children,
    # so not shared.
    for i in range(14):
        answered(world, "4-7", {"young_listened": "yes" if i < 8 else "no"})
    response = login(world.users[persona]).get(reverse("voice-results-children"))
    assert response.status_code == 200
    check_page(response)
    bands = {b["label"]: {line["area"]: line["share"] for line in b["lines"]}
             for b in response.context["found"]["bands"]}
    assert bands["Ages 4 to 7"] == {"Having a say": "about 6 in 10"}
    assert bands["Ages 8 to 11"]["Keeping safe"] is None  # three children: not shared
    html = response.content.decode()
    assert "too few children answered" in html and "Own Test" not in html
    assert AuditEvent.objects.filter(changes__page="survey results for children").exists()


@pytest.mark.parametrize("persona", ["iro", "education", "health", "outsider"])
def test_results_for_children_are_for_staff_who_share_them(world, login, persona):
    status = login(world.users[persona]).get(reverse("voice-results-children")).status_code
    # The outsider is a social worker of authority B: the page opens with B's figures only.
    assert status == (200 if persona == "outsider" else 404)


def test_shares_in_tenths():
    from carematters.web.voice.results import _in_ten

    assert [_in_ten(v) for v in (0, 4, 65, 96, 100)] == [
        "none", "fewer than 1 in 10", "about 7 in 10", "almost all", "all"]
