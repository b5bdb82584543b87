"""``onrecord eval``: articles in, who-said-what out (table on a terminal, JSON Lines when piped)."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    app.command("eval")(eval)


def eval() -> None:
    """TODO(#3): being written."""
    raise typer.Exit(2)
