"""Settings read from the environment through small typed helpers that fail loudly.

A misspelt boolean or an unreadable secret file stops the app at start-up rather than running with
a default nobody chose (the healthchecks habit).
"""

from __future__ import annotations

import os
from pathlib import Path


class SettingError(ValueError):
    pass


def envstr(name: str, default: str) -> str:
    return os.environ.get(name, default)


def envbool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    if raw in ("True", "true", "1"):
        return True
    if raw in ("False", "false", "0"):
        return False
    raise SettingError(f"{name} must be True or False, got {raw!r}")


def envint(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise SettingError(f"{name} must be a whole number, got {raw!r}") from None


def envlist(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def envsecret(name: str, default: str | None = None) -> str:
    """The secret in NAME, or the contents of the file named by NAME_FILE."""
    path = os.environ.get(f"{name}_FILE")
    if path:
        try:
            return Path(path).read_text().strip()
        except OSError as exc:
            raise SettingError(f"{name}_FILE={path!r} cannot be read: {exc}") from None
    value = os.environ.get(name, default)
    if value is None:
        raise SettingError(f"{name} (or {name}_FILE) must be set")
    return value


def database_from_url(url: str, base_dir: Path) -> dict:
    """A DATABASES entry from sqlite:///path or postgres://user:pass@host:port/name."""
    from urllib.parse import unquote, urlparse

    parsed = urlparse(url)
    if parsed.scheme == "sqlite":
        # sqlite:///relative/path or sqlite:////absolute/path, as dj-database-url reads them.
        name = parsed.path[1:]
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": name or str(base_dir / "db.sqlite3")}
    if parsed.scheme in ("postgres", "postgresql"):
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": parsed.path.lstrip("/"),
            "USER": unquote(parsed.username or ""),
            "PASSWORD": unquote(parsed.password or ""),
            "HOST": parsed.hostname or "",
            "PORT": str(parsed.port or ""),
        }
    raise SettingError(f"DATABASE_URL scheme {parsed.scheme!r} is not sqlite or postgres")
