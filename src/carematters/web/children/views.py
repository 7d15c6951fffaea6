"""Pages of the child's record. Every view takes its child from `get_child_for`, which returns
404 to anyone without a relationship to the child and audits the read."""

from __future__ import annotations

from datetime import date
from itertools import chain

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from carematters.web.accounts import audit
from carematters.web.accounts.models import AuditEvent, Role
from carematters.web.accounts.policy import child_scoped, roles
from carematters.web.children import models as m
from carematters.web.children.access import get_child_for, sections_for
from carematters.web.children.forms import ChildDetailsForm, record_form
from carematters.web.children.glance import at_a_glance
from carematters.web.children.returncheck import child_checks, failing_counts
from carematters.web.children.sections import (
    SECTION_PAGES,
    kind_in,
    kind_slug,
    section_from_url,
    section_url_slug,
)


def _age(dob: date, on: date) -> int:
    return on.year - dob.year - ((on.month, on.day) < (dob.month, dob.day))


@roles(Role.SOCIAL_WORKER, Role.TEAM_MANAGER, Role.IRO, Role.EDUCATION, Role.HEALTH)
def child_list(request):
    """The user's own children only, with the minimum on show: name, age, status, worker."""
    children = m.Child.objects.visible_to(request.user).select_related("social_worker")
    query = request.GET.get("q", "").strip()[:100]
    if query:
        # Name searches are audited, search terms included (DSPT: audit searches).
        audit.record("view", changes={"search": query})
        children = children.filter(
            Q(given_name__icontains=query) | Q(family_name__icontains=query)
            | Q(child_id__iexact=query)
        )
    page = Paginator(children, 50).get_page(request.GET.get("page"))
    today = date.today()
    failing = failing_counts(request.user, page)
    rows = [(child, _age(child.dob, today), failing.get(child.child_id, 0)) for child in page]
    return render(request, "children/list.html", {"page": page, "rows": rows, "query": query,
                                                  "show_checks": bool(failing)})


@child_scoped("identity")
def child_summary(request, child):
    child = get_child_for(request, child, "identity")
    allowed = sections_for(request.user, child)
    return render(request, "children/summary.html", {
        "child": child, "allowed": allowed, "glance": at_a_glance(child, allowed),
        "age": _age(child.dob, date.today()), "sections": _section_links(child, allowed),
        "can_edit_details": request.user.has_perm("children.change_identity", child),
        "today": date.today(), "return_checks": child_checks(request.user, child, allowed),
    })


def _section_links(child, allowed: dict[str, bool]) -> list[tuple[str, str]]:
    return [
        (section.title, reverse("child-section", args=[child.pk, section_url_slug(slug)]))
        for slug, section in SECTION_PAGES.items() if allowed.get(slug)
    ]


@child_scoped("identity")
def child_details(request, child):
    child = get_child_for(request, child, "identity", edit=request.method == "POST")
    can_edit = request.user.has_perm("children.change_identity", child)
    if not can_edit:
        raise Http404
    form = ChildDetailsForm(request.POST or None, instance=child, child=child)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Details saved")
        return redirect("child-summary", child.pk)
    return render(request, "children/form.html", {
        "child": child, "form": form, "title": "Change details", "back": reverse("child-summary", args=[child.pk]),
    })


@child_scoped("<section from the URL>")
def child_section(request, child, section):
    page = section_from_url(section)
    if page is None:
        raise Http404
    child = get_child_for(request, child, page.slug)
    can_edit = request.user.has_perm(f"children.change_{page.slug}", child)
    groups = [
        (kind._meta.verbose_name_plural.capitalize(), kind._meta.verbose_name, kind_slug(kind),
         _entries(child, kind))
        for kind in page.kinds
    ]
    return render(request, "children/section.html", {
        "child": child, "section": page, "groups": groups, "can_edit": can_edit,
        "section_slug": section,
    })


def _entries(child: m.Child, kind: type[m.Record]) -> list[dict]:
    fields = [f for f in kind._meta.concrete_fields if f.name not in ("id", "child", "created_at", "updated_at")]
    entries = []
    for record in kind.objects.filter(child=child):
        values = [(f.verbose_name.capitalize(), _display(record, f)) for f in fields]
        entries.append({"record": record, "values": values})
    return entries


def _display(record, field) -> str:
    if field.choices:
        return getattr(record, f"get_{field.name}_display")()
    value = getattr(record, field.name)
    if value is None or value == "":
        return "Not recorded"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, date):
        return value.strftime("%-d %B %Y")
    return str(value)


@child_scoped("<section from the URL>")
def record_edit(request, child, section, kind, pk=None):
    page = section_from_url(section)
    model = kind_in(page, kind) if page else None
    if model is None:
        raise Http404
    child = get_child_for(request, child, page.slug, edit=True)
    instance = None
    if pk is not None:
        instance = model.objects.filter(child=child, pk=pk).first()
        if instance is None:
            raise Http404
    form_class = record_form(model)
    form = form_class(request.POST or None, instance=instance, child=child,
                      initial=_prefill(request.user, model, child))
    if request.method == "POST" and form.is_valid():
        record = form.save(commit=False)
        record.child = child
        record.save()
        if isinstance(record, m.Episode):
            child.refresh_status()
        messages.success(request, f"{model._meta.verbose_name.capitalize()} saved")
        return redirect("child-section", child.pk, section)
    verb = "Change" if instance else "Add"
    return render(request, "children/form.html", {
        "child": child, "form": form, "title": f"{verb} {model._meta.verbose_name}",
        "back": reverse("child-section", args=[child.pk, section]),
    })


def _prefill(user, model: type[m.Record], child: m.Child) -> dict:
    """Single data entry: who is recording, and the child's IRO, are known already."""
    names = {f.name for f in model._meta.fields}
    initial = {}
    if "worker" in names and user.role == Role.SOCIAL_WORKER:
        initial.update(worker=user.pk, sw_id=user.sw_id)
    if "iro" in names:
        initial["iro"] = user.pk if user.role == Role.IRO else child.iro_id
    if model is m.Visit:
        initial["kind"] = "STAT"
    return initial


@child_scoped("history")
def child_history(request, child):
    """The chronology, built from what has been recorded, newest first; filter by section."""
    child = get_child_for(request, child, "history")
    allowed = sections_for(request.user, child)
    wanted = request.GET.get("section", "")
    kinds = [k for k in m.RECORD_MODELS if allowed.get(k.SECTION) and (not wanted or wanted == k.SECTION)]
    records = chain.from_iterable(k.objects.filter(child=child) for k in kinds)
    entries = sorted(
        ((_when(r), r.headline(), SECTION_PAGES[r.SECTION].title) for r in records),
        key=lambda e: e[0], reverse=True,
    )
    changes = AuditEvent.objects.filter(
        child_id=child.pk, action__in=["create", "update", "delete", "import"],
    )[:200]
    return render(request, "children/history.html", {
        "child": child, "entries": entries, "changes": changes, "wanted": wanted,
        "filters": [(slug, s.title) for slug, s in SECTION_PAGES.items() if allowed.get(slug)],
    })


def _when(record) -> date:
    value = record.when
    return value.date() if hasattr(value, "date") else value


@child_scoped("audit")
def child_access_log(request, child):
    """Who has seen or changed this record: for the team manager (and the IG lead)."""
    child = get_child_for(request, child, "audit")
    events = AuditEvent.objects.filter(child_id=child.pk)[:500]
    return render(request, "children/access_log.html", {"child": child, "events": events})
