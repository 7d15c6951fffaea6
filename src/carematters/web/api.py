"""JSON API for children, episodes and exports, with the same access rules as the pages.

Session authentication (the signed-in user, second factor included, via the middleware) and CSRF
on writes; the OpenAPI document is at /api/openapi.json. Every child-level call goes through
`get_child_for` or `visible_to`, so an outsider gets 404 here exactly as on the pages.
"""

from __future__ import annotations

from datetime import date
from uuid import UUID

from django.http import Http404
from ninja import NinjaAPI, Schema
from ninja.security import django_auth

from carematters.data.years import collection_year_of
from carematters.web.accounts import audit
from carematters.web.accounts.models import Role
from carematters.web.children import models as m
from carematters.web.children.access import get_child_for
from carematters.web.children.exporter import export_caredata

api = NinjaAPI(
    title="carematters", version="1", auth=django_auth, docs_url=None,
    urls_namespace="api",
)


class ChildOut(Schema):
    id: UUID
    child_id: str
    name: str
    dob: date
    status: str


class EpisodeOut(Schema):
    decom: date
    dec: date | None
    rne: str
    ls: str
    cin: str
    place: str
    place_provider: str
    rec: str
    reason_place_change: str


def _child_out(child: m.Child) -> ChildOut:
    return ChildOut(id=child.pk, child_id=child.child_id, name=child.name, dob=child.dob,
                    status=child.status)


@api.get("/children", response=list[ChildOut])
def list_children(request):
    return [_child_out(c) for c in m.Child.objects.visible_to(request.user)[:1000]]


@api.get("/children/{child_id}", response=ChildOut)
def get_child(request, child_id: UUID):
    return _child_out(get_child_for(request, child_id, "identity"))


@api.get("/children/{child_id}/episodes", response=list[EpisodeOut])
def list_episodes(request, child_id: UUID):
    child = get_child_for(request, child_id, "placements")
    return list(child.episodes.values(*EpisodeOut.model_fields))


@api.get("/exports/{year}/{table_name}", response=list[dict])
def export_table(request, year: int, table_name: str):
    """One table of the return for `year`, built from the record (analysts only)."""
    if request.user.role != Role.ANALYST:
        raise Http404
    if not 2004 <= year <= collection_year_of(date.today()) + 1:
        raise Http404
    data = export_caredata(request.user.authority, year)
    if table_name not in data.tables:
        raise Http404
    audit.record("export", changes={"return": year, "table": table_name})
    frame = data[table_name]
    return [{k: (v.isoformat() if isinstance(v, date) else v) for k, v in row.items()}
            for row in frame.iter_rows(named=True)]


def api_urls():
    """The API's routes, each marked with its policy for the middleware and the route test."""
    patterns, app_name, namespace = api.urls
    for pattern in patterns:
        pattern.callback.access_policy = "api:session"
    return patterns, app_name, namespace
