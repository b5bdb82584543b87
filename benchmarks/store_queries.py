"""Query latency of the store: p50 and p95 of each query command on a large store.

    python benchmarks/make_store.py /tmp/bench.duckdb            # once: 1,000,000 attributions
    python benchmarks/store_queries.py /tmp/bench.duckdb --runs 40

Each query runs ``--runs`` times with different arguments (speakers, words, outlets and
quotes drawn from the store itself) through ``onrecord.Store``, as the CLI and the web UI
call it; the first run of each is a warm-up and not counted. Target: p95 < 300 ms for
filtered quotes, speakers and trace.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable

from onrecord.store import QuoteFilter, Store

TARGET_MS = 300.0


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("db", help="a store, e.g. from benchmarks/make_store.py")
    parser.add_argument("--runs", type=int, default=40)
    args = parser.parse_args()
    rng = random.Random(11)
    store = Store(args.db)
    _, rows = store.sql("SELECT count(*) FROM attributions")
    print(f"{args.db}: {rows[0][0]:,} attributions")
    _, sample = store.sql(
        "SELECT s.name, a.outlet, a.content_text FROM attributions a "
        "JOIN speakers s ON s.id = a.speaker_id USING SAMPLE 400 ROWS"
    )
    pick = lambda: rng.choice(sample)  # noqa: E731  (a row of the store)

    def words(text: str, n: int) -> str:
        tokens = text.split()
        start = rng.randrange(max(1, len(tokens) - n))
        return " ".join(tokens[start : start + n])

    def quotes(**filters: object) -> Callable[[], object]:
        """A quotes query whose filter is drawn afresh each run (``filters``' callables)."""
        return lambda: store.quotes(
            QuoteFilter(**{k: v() if callable(v) else v for k, v in filters.items()})
        )

    queries: dict[str, Callable[[], object]] = {
        "quotes (no filter)": quotes(),
        "quotes --speaker": quotes(speaker=lambda: pick()[0]),
        "quotes --outlet --since": quotes(outlet=lambda: pick()[1], since="2024-06-01"),
        "quotes --contains": quotes(contains=lambda: words(pick()[2], 2)),
        "quotes --speaker --contains": quotes(
            speaker=lambda: pick()[0], contains=lambda: words(pick()[2], 1)
        ),
        "speakers --top 20": lambda: store.speakers(top=20),
        "speakers --outlet": lambda: store.speakers(outlet=pick()[1], top=20),
        "trace (a whole quote)": lambda: store.trace(pick()[2]),
        "trace (six words)": lambda: store.trace(words(pick()[2], 6)),
        # issue 16: the filters, sorts, pages and facets the web's search page asks for
        "quotes --min-confidence --type": quotes(min_confidence=0.9, type="thought"),
        "quotes --since --until": quotes(since="2024-06-01", until="2024-06-30"),
        "quotes --sort confidence": quotes(sort="confidence", order="asc"),
        "quotes --sort speaker": quotes(sort="speaker"),
        "quotes --outlet --sort --page 20": quotes(
            outlet=lambda: pick()[1], sort="confidence", page=20
        ),
        "quote page (count to 10,000)": lambda: store.quote_page(
            QuoteFilter(kind="direct", page=2), at_most=10_000
        ),
        "facets (no filter)": lambda: store.facets(QuoteFilter()),
        "facets --outlet": lambda: store.facets(QuoteFilter(outlet=pick()[1])),
        "facets --speaker": lambda: store.facets(QuoteFilter(speaker=pick()[0])),
        "facets --contains": lambda: store.facets(QuoteFilter(contains=words(pick()[2], 2))),
    }
    print(f"{'query':30} {'p50 ms':>8} {'p95 ms':>8}  target p95 < {TARGET_MS:.0f} ms")
    failed = 0
    for name, query in queries.items():
        query()  # warm-up: DuckDB loads the columns it needs
        times = []
        for _ in range(args.runs):
            started = time.perf_counter()
            query()
            times.append((time.perf_counter() - started) * 1000)
        p50, p95 = statistics.median(times), percentile(times, 0.95)
        ok = p95 < TARGET_MS
        failed += not ok
        print(f"{name:30} {p50:8.1f} {p95:8.1f}  {'ok' if ok else 'SLOW'}")
    store.close()
    print("all under target" if not failed else f"{failed} over target")


if __name__ == "__main__":
    main()
