"""The README documents every command, option, setting and error code (sqlite-utils' test_docs)."""

from __future__ import annotations

import re
from dataclasses import fields
from pathlib import Path

import pytest
import typer.core
import typer.main

from onrecord import errors
from onrecord.cli.app import _register, app
from onrecord.config import Settings

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def _documented_codes() -> set[str]:
    codes = set(re.findall(r"\bE\d{3}\b", README))
    for lo, hi in re.findall(r"\bE(\d{3})[–-]E(\d{3})\b", README):
        codes |= {f"E{n:03d}" for n in range(int(lo), int(hi) + 1)}
    return codes


@pytest.mark.parametrize("code", sorted(n for n in dir(errors) if re.fullmatch(r"E\d{3}", n)))
def test_docs_error_code_is_in_readme(code: str) -> None:
    assert code in _documented_codes()


def _commands() -> dict[str, typer.core.TyperCommand]:
    _register()
    group = typer.main.get_command(app)
    return dict(group.commands)  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", sorted(_commands()))
def test_docs_command_is_in_readme(name: str) -> None:
    assert f"onrecord {name}" in README


@pytest.mark.parametrize(
    ("command", "option"),
    [
        (name, opt)
        for name, cmd in sorted(_commands().items())
        for param in cmd.params
        for opt in param.opts
        if opt.startswith("--") and opt != "--help"
    ],
)
def test_docs_option_is_in_readme(command: str, option: str) -> None:
    assert f"`{option}" in README or f" {option}" in README, f"onrecord {command} {option}"


@pytest.mark.parametrize("name", [f.name for f in fields(Settings)])
def test_docs_setting_is_in_readme(name: str) -> None:
    assert f"ONRECORD_{name.upper()}" in README
