"""The `carematters` command.

Each sub-command lives in its own module under `carematters.commands` and exposes
`register(app)`; they are found by name, so adding a command touches no other file.
"""

from __future__ import annotations

import importlib
import pkgutil

import typer

import carematters.commands

app = typer.Typer(
    name="carematters",
    help="Know every child in care, keep them stable, and prove it.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)


@app.callback()
def _root() -> None:
    """Know every child in care, keep them stable, and prove it."""


def _register_commands() -> None:
    for module in sorted(pkgutil.iter_modules(carematters.commands.__path__), key=lambda m: m.name):
        if module.name.startswith("_"):
            continue
        importlib.import_module(f"carematters.commands.{module.name}").register(app)


_register_commands()


def main() -> None:
    app()


if __name__ == "__main__":
    main()
