"""Scenario and unit-cost writes go into the audit trail like every other write (docs/access.md):
created, changed (with the fields that changed) and deleted. Free text is recorded as "changed"
without its content, as for the record."""

from __future__ import annotations

from django.db import models
from django.db.models.signals import post_delete, post_init, post_save
from django.dispatch import receiver

from carematters.web.accounts import audit
from carematters.web.planning.models import Scenario, UnitCost

_IGNORED = {"updated_at", "created_at"}


def _values(instance) -> dict:
    return {f.attname: f.value_from_object(instance) for f in instance._meta.concrete_fields
            if f.attname not in _IGNORED}


def _loaded(sender, instance, **kwargs) -> None:
    instance._planning_loaded = _values(instance)


def _changes(instance, created: bool) -> dict:
    before = {} if created else getattr(instance, "_planning_loaded", {})
    text = {f.attname for f in instance._meta.concrete_fields if isinstance(f, models.TextField)}
    out = {}
    for name, value in _values(instance).items():
        old = before.get(name)
        if created or old != value:
            out[name] = "changed" if name in text else [_plain(old), _plain(value)]
    return out


def _plain(value):
    return value if isinstance(value, int | float | str | list | dict | type(None)) else str(value)


def _saved(sender, instance, created: bool, **kwargs) -> None:
    audit.record("create" if created else "update", obj=instance,
                 changes=_changes(instance, created), authority_id=instance.authority_id)
    instance._planning_loaded = _values(instance)


def _deleted(sender, instance, **kwargs) -> None:
    audit.record("delete", obj=instance, authority_id=instance.authority_id,
                 changes={"name": str(instance)})


for _model in (Scenario, UnitCost):
    receiver(post_init, sender=_model, dispatch_uid=f"planning-init-{_model.__name__}")(_loaded)
    receiver(post_save, sender=_model, dispatch_uid=f"planning-save-{_model.__name__}")(_saved)
    receiver(post_delete, sender=_model, dispatch_uid=f"planning-del-{_model.__name__}")(_deleted)
