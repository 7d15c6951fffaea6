"""`carematters demo`: a synthetic authority in the web app, with one login per role.

Builds a fresh SQLite database under ./demo, loads a few hundred synthetic children (several
years of returns through the importer, the last one the year to date: the synthetic world runs
up to today, or to --as-at), makes the demo users, collects the static files and
serves the app with Django's threaded development server on the loopback address. The demo
turns off the second factor and secure-only cookies (it is plain HTTP on this machine); a real
deployment keeps both (docs/web.md).
"""

from __future__ import annotations

import os
import secrets
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from carematters.commands._common import console, err_console

AUTHORITY_NAME = "Northshire County Council (synthetic)"


def _environment(folder: Path) -> None:
    """Settings for the demo, unless the caller has set them (env beats these defaults)."""
    secret = folder / "secret-key.txt"
    if not secret.exists():
        secret.write_text(secrets.token_urlsafe(50))
    defaults = {
        "DJANGO_SETTINGS_MODULE": "carematters.web.settings",
        "DATABASE_URL": f"sqlite:///{(folder / 'carematters.sqlite3').resolve()}",
        "CAREMATTERS_SECRET_KEY_FILE": str(secret.resolve()),
        "CAREMATTERS_STATIC_ROOT": str((folder / "static").resolve()),
        "CAREMATTERS_SECURE_COOKIES": "False",
        "CAREMATTERS_REQUIRE_OTP": "False",
        "CAREMATTERS_AUTHORITY_NAME": AUTHORITY_NAME,
        # The trail is in the database; JSON lines for each of thousands of imported rows
        # would bury the logins printed at the end.
        "CAREMATTERS_AUDIT_LOG_LEVEL": "WARNING",
    }
    for name, value in defaults.items():
        os.environ.setdefault(name, value)


def _check_assets() -> None:
    from django.conf import settings

    missing = [p for p in (settings.NODE_MODULES / "govuk-frontend",
                           settings.BASE_DIR / "static_build" / "app.css") if not p.exists()]
    if missing:
        err_console.print("[red]Front-end assets are missing:[/red] " + ", ".join(map(str, missing)))
        err_console.print("Run [bold]npm ci && npm run build[/bold] in the checkout (scripts/demo.sh does).")
        raise typer.Exit(1)


def demo(
    port: Annotated[int, typer.Option("--port", help="Port on 127.0.0.1.")] = 8000,
    no_serve: Annotated[bool, typer.Option("--no-serve", help="Build the database and exit.")] = False,
    children: Annotated[int, typer.Option("--children", min=40, help="Synthetic children.")] = 300,
    years: Annotated[int, typer.Option("--years", min=1, max=10)] = 3,
    seed: Annotated[int, typer.Option("--seed")] = 0,
    folder: Annotated[Path, typer.Option("--dir", help="Where the demo database lives.")] = Path("demo"),
    as_at: Annotated[str | None, typer.Option(
        "--as-at", metavar="DATE",
        help="The synthetic world's last day (YYYY-MM-DD; default today), for reproducible "
             "screenshots and tests.")] = None,
) -> None:
    """Build a demo authority in the web app and serve it."""
    from carematters.commands.synth import parse_as_at

    last_day = parse_as_at(as_at) or date.today()
    folder.mkdir(parents=True, exist_ok=True)
    _environment(folder)
    import django

    django.setup()
    from django.core.management import call_command

    from carematters.synth import generate
    from carematters.web.demo import DEMO_PASSWORD, load_demo

    _check_assets()
    database = Path(os.environ["DATABASE_URL"].removeprefix("sqlite:///"))
    if os.environ["DATABASE_URL"].startswith("sqlite:") and database.exists():
        database.unlink()
    with console.status("Creating the database"):
        call_command("migrate", verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
    with console.status(f"Generating {children} children over {years} years"):
        # The world runs up to today, the last return being the year to date, so the pages
        # (which judge every due date as at today) show a service that has kept going.
        synthetic = generate(children, years, seed=seed, as_at=last_day)
        la = synthetic.authorities[0]
        returns = [data for (code, _year), data in synthetic.returns.items() if code == la]
    with console.status("Loading the returns into the record"):
        logins = load_demo(la, AUTHORITY_NAME, returns)
    table = Table(title=f"Demo logins (password for all: {DEMO_PASSWORD})")
    for column in ("Username", "Role", ""):
        table.add_column(column)
    for login in logins:
        table.add_row(login.username, login.role, login.note)
    console.print(table)
    console.print(f"The synthetic record runs to {last_day:%d/%m/%Y}.")
    if no_serve:
        console.print(f"Demo database ready in {folder}/")
        return
    console.print(f"Serving on [bold]http://127.0.0.1:{port}/[/bold] (Django's threaded "
                  "development server; Ctrl+C to stop)")
    call_command("runserver", f"127.0.0.1:{port}", use_reloader=False, use_threading=True)


def register(app: typer.Typer) -> None:
    app.command("demo")(demo)
