"""No answer can be traced back to a code, a batch or a child (web.md §2.3): the schema has no
path between them, times are kept as days and months, and migration 0002 removes the old link."""

from __future__ import annotations

from datetime import date

import pytest
from django.apps import apps
from django.core.exceptions import FieldError
from django.db import connection, models
from django.db.migrations.executor import MigrationExecutor

from carematters.web.accounts.models import Authority, Team
from carematters.web.voice.models import SurveyAnswer, SurveyBatch, SurveyCode, SurveyResponse


def related(model) -> set:
    """Every model `model` is joined to, forwards or backwards."""
    return {f.related_model for f in model._meta.get_fields(include_hidden=True)
            if f.is_relation and f.related_model is not None}


def test_answers_point_at_nothing_but_their_authority():
    assert related(SurveyResponse) == {Authority, SurveyAnswer}
    assert related(SurveyAnswer) == {SurveyResponse}


def test_codes_point_at_their_batch_only_and_batches_at_no_child():
    assert related(SurveyCode) == {SurveyBatch}
    user = apps.get_model("accounts", "User")
    assert related(SurveyBatch) == {Authority, Team, user, SurveyCode}


def test_no_join_leads_from_an_answer_to_a_code_or_child():
    """Walk every relation in the project from the answers, except through the authority (which
    every row shares, so it separates nobody): only the answers themselves are reached."""
    reached, todo = set(), [SurveyResponse]
    while todo:
        model = todo.pop()
        if model in reached or model is Authority:
            continue
        reached.add(model)
        todo.extend(related(model))
    assert reached == {SurveyResponse, SurveyAnswer}
    child = apps.get_model("children", "Child")
    assert not any(m in related(child) for m in (SurveyResponse, SurveyBatch, SurveyCode))
    for lookup in ("code", "batch", "invitation", "child", "submission__batch"):
        with pytest.raises(FieldError):
            SurveyResponse.objects.filter(**{f"{lookup}__isnull": False}).exists()


def test_times_are_coarse():
    # Used on a day and answered in a month: the two cannot be lined up to the minute.
    assert type(SurveyCode._meta.get_field("used_on")) is models.DateField
    assert type(SurveyResponse._meta.get_field("answered_month")) is models.DateField
    stamped = [f.name for m in (SurveyCode, SurveyResponse, SurveyAnswer)
               for f in m._meta.get_fields() if isinstance(f, models.DateTimeField)]
    assert stamped == []


@pytest.mark.skipif(
    connection.vendor == "postgresql",
    reason="a transactional test ends by truncating every table, which the append-only audit "
           "trail's trigger refuses on PostgreSQL; the migration is the same Python on both, and "
           "runs in the SQLite suite",
)
@pytest.mark.django_db(transaction=True)
def test_migration_0002_drops_the_child_link_and_keeps_the_answers():
    executor = MigrationExecutor(connection)
    executor.migrate([("voice", "0001_initial")])
    old = executor.loader.project_state([("voice", "0001_initial")]).apps
    authority = old.get_model("accounts", "Authority").objects.create(code="997", name="X")
    user = old.get_model("accounts", "User").objects.create(username="maker")
    child = old.get_model("children", "Child").objects.create(
        authority_id=authority.pk, child_id="C1", given_name="A", family_name="B",
        dob=date(2012, 5, 1), sex="F", ethnicity="WBRI")
    invitation = old.get_model("voice", "SurveyInvitation").objects.create(
        authority_id=authority.pk, child_id=child.pk, band="11-17", token_hash="h" * 64,
        created_by_id=user.pk, expires_at="2025-06-30T00:00Z")
    response = old.get_model("voice", "SurveyResponse").objects.create(
        authority_id=authority.pk, invitation_id=invitation.pk, band="11-17",
        instrument="carematters-voice", instrument_version=1, answered_on=date(2025, 6, 17))
    old.get_model("voice", "SurveyAnswer").objects.create(
        response_id=response.pk, question="safe_home", answer="yes")

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    kept = SurveyResponse.objects.get(pk=response.pk)
    assert (kept.answered_month, kept.collection_year) == (date(2025, 6, 1), 2026)
    assert len(kept.submission) == 64 and kept.answers.get().answer == "yes"
    assert "voice_surveyinvitation" not in connection.introspection.table_names()
