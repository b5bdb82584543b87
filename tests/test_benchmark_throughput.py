"""benchmarks/throughput.py picks its modes, and its accurate mode runs the accurate profile
on the model ONRECORD_TAGGER names, while no other mode sees ONRECORD_* variables."""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest

from accurate_folder import write_accurate_folder

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "throughput.py"
TEXTS = [
    "“The ferry will run on Sunday,” said Marta Lindqvist, the harbour master.",
    "Tomas Okafor said the council would meet again in March.",
]


@pytest.fixture(scope="module")
def throughput() -> ModuleType:
    spec = importlib.util.spec_from_file_location("throughput_benchmark", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def _texts(path: Path) -> Path:
    with path.open("w", encoding="utf-8") as f:
        for i, text in enumerate(TEXTS):
            f.write(json.dumps({"id": f"t{i}", "text": text}) + "\n")
    return path


def test_the_default_set_leaves_the_accurate_mode_out_without_a_model(
    throughput: ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    modes = throughput.selected_modes(None, None)
    assert modes == tuple(m for m in throughput.MODES if m != "onrecord --accurate")
    assert "onrecord --accurate" in capsys.readouterr().err
    with_model = throughput.selected_modes(None, (Path("/models/accurate"), True))
    assert with_model == throughput.MODES
    assert "onrecord --accurate" in with_model
    with pytest.raises(SystemExit, match="no accurate model"):
        throughput.selected_modes(["onrecord --accurate"], None)


def test_modes_asked_for_run_in_the_table_order_beside_the_baseline(
    throughput: ModuleType,
) -> None:
    asked = ["onrecord --accurate", "onrecord"]
    model = (Path("/models/accurate"), True)
    assert throughput.selected_modes(asked, model) == ("spacy", "onrecord", "onrecord --accurate")


def test_the_accurate_mode_alone_reads_onrecord_tagger(
    throughput: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("onnxruntime", reason="the accurate profile needs onrecord[accurate]")
    folder = write_accurate_folder(tmp_path / "accurate")
    monkeypatch.setenv("ONRECORD_TAGGER", str(folder))
    monkeypatch.setenv("ONRECORD_PROFILE", "fast")
    found = throughput.accurate_model()
    assert found == (folder.resolve(), True)
    accurate = throughput.environment("onrecord --accurate", found)
    assert accurate["ONRECORD_TAGGER"] == str(folder.resolve())
    assert "ONRECORD_PROFILE" not in accurate
    for mode in ("onrecord", "cli -j 1"):
        assert not any(k.startswith("ONRECORD_") for k in throughput.environment(mode, found))

    monkeypatch.setenv("ONRECORD_TAGGER", str(tmp_path))  # a folder without encoder.onnx
    shipped = throughput.accurate_model()
    assert shipped is None or shipped[1] is False


def test_the_accurate_mode_extracts_with_the_named_model(
    throughput: ModuleType, tmp_path: Path
) -> None:
    pytest.importorskip("onnxruntime", reason="the accurate profile needs onrecord[accurate]")
    data = _texts(tmp_path / "texts.jsonl")
    folder = write_accurate_folder(tmp_path / "accurate")
    model = (folder, True)
    done = throughput.run(
        "onrecord --accurate", data, throughput.environment("onrecord --accurate", model)
    )
    assert done.work is not None and done.work > 0
    assert done.rss_mib > 0

    (folder / "tagger.npz").unlink()  # the child must load this very folder: E010
    with pytest.raises(SystemExit, match=f"{re.escape(str(folder))}: no trained tagger here"):
        throughput.run(
            "onrecord --accurate", data, throughput.environment("onrecord --accurate", model)
        )


def test_the_accurate_mode_has_its_own_targets_and_the_table_needs_no_cli_mode(
    throughput: ModuleType,
) -> None:
    def runs(work: float, rss: float) -> object:
        return throughput.Runs([throughput.Run(work + 2, work, work, rss, rss, 0.0)])

    results = {
        "spacy": runs(10.0, 900),
        "onrecord": runs(16.0, 600),
        "onrecord --accurate": runs(25.0, 650),
    }
    table = throughput._throughput_table(results, 20_000, {})
    lines = {line.split("  ")[0].strip(): line for line in table.splitlines()}
    assert "ratio >= 0.5: ok; RSS <= 500: MISSED" in lines["onrecord"]
    assert "ratio >= 0.35: ok; RSS <= 700: ok" in lines["onrecord --accurate"]
    assert "speed-up" not in table  # no CLI mode ran
