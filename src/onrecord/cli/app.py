"""The ``onrecord`` command: one Typer app, one thin module per command."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="onrecord",
    help="Who said what in the news: extract, score and store attributions.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _register() -> None:
    # imported here so each command module stays independent of the others
    from onrecord.cli import eval as eval_cmd
    from onrecord.cli import extract as extract_cmd
    from onrecord.cli import ingest as ingest_cmd
    from onrecord.cli import query as query_cmd
    from onrecord.cli import serve as serve_cmd
    from onrecord.cli import spark as spark_cmd
    from onrecord.cli import train as train_cmd

    extract_cmd.register(app)
    eval_cmd.register(app)
    train_cmd.register(app)
    ingest_cmd.register(app)
    query_cmd.register(app)
    serve_cmd.register(app)
    spark_cmd.register(app)


def main() -> None:
    _register()
    app()
