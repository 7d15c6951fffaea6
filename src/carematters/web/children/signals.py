"""Every change to a child's record goes into the audit trail, whoever or whatever made it.

Free text (the child's own words, decisions) is recorded as "changed" without its content: the
trail says who changed what and when without copying sensitive prose into a second place.
Bulk operations bypass signals, so only the importer uses them, and it audits the import itself.
"""

from __future__ import annotations

from django.db import models
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from carematters.web.accounts import audit
from carematters.web.children.models import RECORD_MODELS, Child

AUDITED = (Child, *RECORD_MODELS)


def _masked(instance, changes: dict) -> dict:
    fields = {f.attname: f for f in instance._meta.concrete_fields}
    return {
        name: "changed" if isinstance(fields[name], models.TextField) else values
        for name, values in changes.items()
    }


def _saved(sender, instance, created: bool, **kwargs) -> None:
    changes = _masked(instance, instance.changed_fields())
    if changes or created:
        audit.record("create" if created else "update", child=instance.child, obj=instance,
                     changes=changes)
    instance._loaded = {f.attname: f.value_from_object(instance)
                        for f in instance._meta.concrete_fields}


def _deleted(sender, instance, **kwargs) -> None:
    audit.record("delete", child=instance.child if not isinstance(instance, Child) else None,
                 obj=instance, authority_id=instance.child.authority_id)


for _model in AUDITED:
    receiver(post_save, sender=_model, dispatch_uid=f"audit-save-{_model.__name__}")(_saved)
    receiver(post_delete, sender=_model, dispatch_uid=f"audit-del-{_model.__name__}")(_deleted)
