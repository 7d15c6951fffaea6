"""Access declared once and proven everywhere: every route has a policy, and the object check
(rules) agrees with the list filter (visible_to) for every persona and child."""

from __future__ import annotations

import re
from datetime import date

from django.urls import URLPattern, URLResolver, get_resolver

from carematters.web.accounts.models import Role
from carematters.web.children.models import Child

PUBLIC_VIEWS = {"healthz", "login",
                # the child's survey pages: the single-use code is the key (docs/voice.md)
                "voice-survey-enter", "voice-survey-start", "voice-survey-questions", "voice-survey-thanks",
                "voice-survey-about"}


def _walk(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern


def test_every_route_declares_an_access_policy():
    missing, public = [], set()
    for route, pattern in _walk(get_resolver().url_patterns):
        policy = getattr(pattern.callback, "access_policy", None)
        if policy is None:
            missing.append(route)
        elif policy == "public":
            public.add(pattern.name)
    assert missing == []
    assert public == PUBLIC_VIEWS


def test_url_paths_are_kebab_case():
    for route, _pattern in _walk(get_resolver().url_patterns):
        literal = re.sub(r"<[^>]+>", "", route)
        assert literal == literal.lower() and "_" not in literal, route


def test_child_scoped_views_are_the_child_urls():
    """Every route with a child in its URL is declared child-scoped (or is an API route)."""
    for route, pattern in _walk(get_resolver().url_patterns):
        policy = pattern.callback.access_policy
        if "<uuid:child>" in route:
            assert policy.startswith("child:"), route
        if "{child_id}" in route or "<child_id>" in route:
            assert policy == "api:session", route


def test_object_check_agrees_with_list_filter(world):
    # A care leaver and an unallocated child, so that status and empty allocations are covered.
    extra = Child.objects.create(
        authority=world.authorities["A"], child_id="LEAVER", dob=date(2006, 1, 1), sex="M",
        ethnicity="WBRI", team=world.teams["A1"], status=Child.Status.CARE_LEAVER,
        social_worker=world.users["sw"],
    )
    Child.objects.create(authority=world.authorities["A"], child_id="NOBODY",
                         dob=date(2015, 1, 1), sex="M", ethnicity="WBRI")
    children = list(Child.objects.all())
    assert extra in children
    for user in world.users.values():
        listed = set(Child.objects.visible_to(user))
        for child in children:
            assert user.has_perm("children.view_child", child) == (child in listed), (user, child)


def test_roles_without_relationships_see_no_children(world):
    for user in world.users.values():
        if user.role in (Role.ANALYST, Role.DIRECTOR, Role.MEMBER, Role.ADMINISTRATOR):
            assert not Child.objects.visible_to(user).exists()
