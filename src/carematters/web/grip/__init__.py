"""Management grip in the web app (implementation plan 2.7): each worker's due and overdue items,
team and service dashboards, the IRO's upcoming reviews and entitlements, from the compliance and
entitlements engines run over the record."""
