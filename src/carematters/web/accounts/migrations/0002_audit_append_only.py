"""Make the audit trail append-only in the database itself (ASVS 16.4.2).

Triggers refuse UPDATE and DELETE (and TRUNCATE on PostgreSQL) whoever asks, so neither a role in
the app nor a bug in it can rewrite history; only someone with schema rights who drops the
trigger could, and that leaves its own trace in the database logs.
"""

from django.db import migrations

SQLITE = [
    """CREATE TRIGGER accounts_auditevent_no_update BEFORE UPDATE ON accounts_auditevent
       BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END""",
    """CREATE TRIGGER accounts_auditevent_no_delete BEFORE DELETE ON accounts_auditevent
       BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS accounts_auditevent_no_update",
    "DROP TRIGGER IF EXISTS accounts_auditevent_no_delete",
]
POSTGRES = [
    """CREATE OR REPLACE FUNCTION accounts_auditevent_refuse() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION 'the audit trail is append-only'; END; $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER accounts_auditevent_no_change BEFORE UPDATE OR DELETE ON accounts_auditevent
       FOR EACH ROW EXECUTE FUNCTION accounts_auditevent_refuse()""",
    """CREATE TRIGGER accounts_auditevent_no_truncate BEFORE TRUNCATE ON accounts_auditevent
       FOR EACH STATEMENT EXECUTE FUNCTION accounts_auditevent_refuse()""",
]
POSTGRES_REVERSE = [
    "DROP TRIGGER IF EXISTS accounts_auditevent_no_change ON accounts_auditevent",
    "DROP TRIGGER IF EXISTS accounts_auditevent_no_truncate ON accounts_auditevent",
    "DROP FUNCTION IF EXISTS accounts_auditevent_refuse()",
]


def _run(statements_by_vendor):
    def apply(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRES}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRES_REVERSE}),
        ),
    ]
