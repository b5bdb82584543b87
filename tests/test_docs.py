"""Each command, option, setting and error code is documented where it belongs (sqlite-utils'
test_docs): the reference in docs/cli.md, each command also in the README's tour; and every
relative link in README.md and docs/*.md reaches a file and heading that exist."""

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

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
README = (ROOT / "README.md").read_text(encoding="utf-8")
CLI = (DOCS / "cli.md").read_text(encoding="utf-8")
PAGES = [ROOT / "README.md", *sorted(DOCS.glob("*.md"))]


def _sections(text: str, level: int = 2) -> dict[str, str]:
    """Heading title -> its text up to the next heading of the same or a higher level."""
    out: dict[str, str] = {}
    title = ""
    for line in _without_code(text).splitlines():
        head = re.match(r"(#+) (.*)", line)
        if head and len(head.group(1)) <= level:
            title = head.group(2).strip()
            out[title] = ""
        elif title:
            out[title] += line + "\n"
    return out


def _without_code(text: str) -> str:
    """The text with fenced code blocks blanked (a `# comment` there is no heading)."""
    return re.sub(r"^```.*?^```", "", text, flags=re.M | re.S)


def _codes(text: str) -> set[str]:
    codes = set(re.findall(r"\bE\d{3}\b", text))
    for lo, hi in re.findall(r"\bE(\d{3})[–-]E(\d{3})\b", text):
        codes |= {f"E{n:03d}" for n in range(int(lo), int(hi) + 1)}
    return codes


@pytest.mark.parametrize("code", sorted(n for n in dir(errors) if re.fullmatch(r"E\d{3}", n)))
def test_docs_error_code_is_in_cli_md(code: str) -> None:
    assert code in _codes(_sections(CLI)["Error codes"]), f"{code}: add it to docs/cli.md"


def _commands() -> dict[str, typer.core.TyperCommand]:
    _register()
    group = typer.main.get_command(app)
    return dict(group.commands)  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", sorted(_commands()))
def test_docs_command_has_its_section_in_cli_md(name: str) -> None:
    assert f"onrecord {name}" in _sections(CLI), f"docs/cli.md needs '## onrecord {name}'"


@pytest.mark.parametrize("name", sorted(_commands()))
def test_docs_command_is_in_readme_tour(name: str) -> None:
    assert f"`onrecord {name}`" in _sections(README)["Commands"], f"onrecord {name}"


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
def test_docs_option_is_in_its_command_section(command: str, option: str) -> None:
    section = _sections(CLI)[f"onrecord {command}"]
    assert re.search(rf"[`\s]{re.escape(option)}\b(?!-)", section), (
        f"onrecord {command} {option}: add it to '## onrecord {command}' in docs/cli.md"
    )


@pytest.mark.parametrize("name", [f.name for f in fields(Settings)])
def test_docs_setting_is_in_cli_md(name: str) -> None:
    section = _sections(CLI)["Settings and environment variables"]
    assert f"`ONRECORD_{name.upper()}`" in section


def _variables_read() -> list[str]:
    """ONRECORD_* names the package itself mentions (the settings are built by name)."""
    names = set()
    for path in (ROOT / "src" / "onrecord").rglob("*.py"):
        names |= set(re.findall(r"\bONRECORD_[A-Z][A-Z_]*", path.read_text(encoding="utf-8")))
    return sorted(names)


@pytest.mark.parametrize("name", _variables_read())
def test_docs_environment_variable_is_in_cli_md(name: str) -> None:
    assert f"`{name}`" in _sections(CLI)["Settings and environment variables"]


def _slug(title: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    title = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", title)  # a link's text only
    return re.sub(r"[^\w\- ]", "", title.lower()).replace(" ", "-")


def _anchors(path: Path) -> set[str]:
    seen: dict[str, int] = {}
    anchors = set()
    for line in _without_code(path.read_text(encoding="utf-8")).splitlines():
        head = re.match(r"#+ (.*)", line)
        if head:
            slug = _slug(head.group(1).strip())
            n = seen.get(slug, 0)
            seen[slug] = n + 1
            anchors.add(slug if n == 0 else f"{slug}-{n}")
    return anchors


def _links() -> list[tuple[str, str]]:
    out = []
    for page in PAGES:
        text = re.sub(r"`[^`\n]*`", "", _without_code(page.read_text(encoding="utf-8")))
        for target in re.findall(r"\]\(([^)\s]+)\)", text):
            if not re.match(r"[a-z]+:", target):
                out.append((str(page.relative_to(ROOT)), target))
    return sorted(set(out))


@pytest.mark.parametrize(("page", "target"), _links())
def test_docs_relative_link_resolves(page: str, target: str) -> None:
    path, _, anchor = target.partition("#")
    where = (ROOT / page).parent / path if path else ROOT / page
    assert where.exists(), f"{page}: {target} points to no file"
    if anchor:
        assert where.suffix == ".md", f"{page}: {target}: an anchor into a non-Markdown file"
        assert anchor in _anchors(where), f"{page}: {target}: no such heading in {where.name}"


@pytest.mark.parametrize("doc", sorted(p.name for p in DOCS.glob("*.md")))
def test_docs_page_is_linked_from_readme(doc: str) -> None:
    assert f"(docs/{doc}" in README, f"README.md should link docs/{doc}"


def test_docs_link_check_sees_links() -> None:
    # the link test must not pass by finding nothing: README links every page of docs/
    assert len(_links()) > 20


def _units() -> list[str]:
    src = ROOT / "src" / "onrecord"
    return sorted(
        p.name + ("/" if p.is_dir() else "")
        for p in src.iterdir()
        if p.suffix == ".py" or (p.is_dir() and not p.name.startswith("__"))
    )


@pytest.mark.parametrize("unit", _units())
def test_docs_architecture_maps_every_module(unit: str) -> None:
    modules = _sections((DOCS / "architecture.md").read_text(encoding="utf-8"))["Modules"]
    assert f"| `{unit}` |" in modules, f"docs/architecture.md: add {unit} to the module map"


def _web_pages() -> list[tuple[str, str]]:
    """(page path, query parameter) of every HTML page and download the web UI serves."""
    try:
        from fastapi.routing import APIRoute
    except ImportError:  # without the web extra: no pages (the other checks still run)
        return []

    from onrecord.web import create_app
    from onrecord.web.pages import known_parameters

    app = create_app(str(ROOT / "no-such-store.duckdb"))  # the store opens on first request
    out = []
    for route in app.routes:
        if isinstance(route, APIRoute) and not route.path.startswith("/api/"):
            out.append((route.path, ""))
            if not route.path.endswith((".csv", ".json")):  # a download takes its page's
                out += [(route.path, name) for name in known_parameters(route.dependant)]
    return sorted(set(out))


@pytest.mark.parametrize(("path", "parameter"), _web_pages())
def test_docs_web_page_and_parameter_is_in_web_md(path: str, parameter: str) -> None:
    web = (DOCS / "web.md").read_text(encoding="utf-8")
    page, dot, suffix = path.rpartition(".") if path.endswith((".csv", ".json")) else (path, "", "")
    if dot:
        downloads = web.split("**Export.**")[1].split("\n\n")[0]
        assert f"`{page}`" in downloads and f"`.{suffix}`" in downloads, f"docs/web.md: {path}"
        return
    shown = path.split("{")[0]  # /articles/{article_id:key} is written /articles/{id}
    assert f"`{shown}" in web, f"docs/web.md: add the page {path}"
    if parameter:
        assert f"{parameter}=" in web, f"docs/web.md: add {path}'s parameter {parameter}"
