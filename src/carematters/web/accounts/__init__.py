"""Authorities, teams, users and their roles, and the append-only audit trail."""
