"""A synthetic store for the query benchmark: N attributions with the real schema.

    python benchmarks/make_store.py /tmp/bench.duckdb --attributions 1000000

Rows are made in SQL (seconds, not the hours extraction would take): 10 attributions an
article, speakers quoted with a Zipf-like skew (a few very often, most rarely), 200
outlets over three years, 20-word quotes from a 5,000-word vocabulary, and one quote in
ten a reworded copy of an earlier one (same quote group, one word changed). The quote
groups' LSH band keys are computed by the store's own code, as ingest does. Besides, 50
long articles (``long0`` …) with 150 attributions each at their own places in a 30,000-
character text: the article page's worst case.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time

import duckdb

from onrecord.store.connection import schema_sql
from onrecord.store.counts import fill
from onrecord.store.variants import band_keys, word_keys
from onrecord.store.writer import SORTED_TABLES

SYLLABLES = "ka lo mi ne ru sa ti vo ze ba de fi go hu ja ke li mo nu pa re si to ve".split()


def words(count: int, rng: random.Random, parts: tuple[int, int]) -> list[str]:
    made: set[str] = set()
    while len(made) < count:
        made.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(*parts))))
    return sorted(made)


#: long articles made besides the 10-attribution ones, and their attributions each
LONG_ARTICLES = 50
LONG_ATTRIBUTIONS = 150


def make(path: str, attributions: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    if os.path.exists(path):
        os.remove(path)
    con = duckdb.connect(path)
    con.execute(schema_sql())
    vocab = words(5000, rng, (2, 4))
    firsts = [w.capitalize() for w in words(400, rng, (2, 3))]
    lasts = [w.capitalize() for w in words(2000, rng, (3, 4))]
    speakers = 50_000
    articles = attributions // 10
    con.execute("CREATE TEMP MACRO h(x, n) AS (hash(x) % n)::BIGINT")  # a stable pseudo-random pick
    con.execute("SET VARIABLE vocab = ?", [vocab])
    con.execute("SET VARIABLE firsts = ?", [firsts])
    con.execute("SET VARIABLE lasts = ?", [lasts])
    started = time.monotonic()
    con.execute(
        """INSERT INTO speakers
        SELECT i, name, 'PERSON', lower(name) FROM (
            SELECT i, getvariable('firsts')[1 + h(i * 3, 400)] || ' '
                || getvariable('lasts')[1 + h(i * 5, 2000)] || ' ' || i::VARCHAR AS name
            FROM range(1, ? + 1) t(i))""",
        [speakers],
    )
    con.execute(
        """INSERT INTO articles
        SELECT 'art' || k, 'synthetic/' || k || '.html',
            'Article ' || k || ' about ' || getvariable('vocab')[1 + h(k, 5000)],
            'outlet' || (h(k * 11, 200)) || '.example',
            'https://outlet' || (h(k * 11, 200)) || '.example/' || k, NULL,
            DATE '2023-01-01' + (h(k * 17, 1095))::INTEGER,
            repeat('Synthetic article text. ', 80), '{}', '[]', '[]', 10, current_timestamp
        FROM range(?) t(k)""",
        [articles],
    )
    # each attribution: its words come from ``src``, itself or (one in ten) an earlier quote
    con.execute(
        """CREATE TEMP TABLE made AS
        SELECT i, CASE WHEN i > 5000 AND h(i * 13, 10) = 0
                       THEN i - 1 - h(i * 19, 5000) ELSE i END AS src,
            1 + (pow((h(i * 7, 1000000)) / 1e6, 3) * ?)::BIGINT AS speaker_id
        FROM range(?) t(i)""",
        [speakers - 1, attributions],
    )
    con.execute(
        """INSERT INTO attributions
        SELECT 'art' || (i // 10), 'a' || (i % 10 + 1),
            ['direct', 'indirect', 'mixed'][1 + h(i * 23, 3)],
            CASE WHEN h(i * 29, 10) = 0 THEN 'thought' ELSE 'statement' END,
            '[[0, 120]]', '[[121, 125]]', '[[126, 140]]',
            content, 'said', s.name, 'e' || (i % 10 + 1), m.speaker_id, NULL, 0.8, 0.9,
            'outlet' || (h((i // 10) * 11, 200)) || '.example',
            DATE '2023-01-01' + (h((i // 10) * 17, 1095))::INTEGER,
            ' ' || content || ' ', src + 1, i + 1
        FROM (SELECT *, array_to_string(list_transform(range(20), lambda j:
                    CASE WHEN j = 3 AND src <> i THEN getvariable('vocab')[1 + h(i, 5000)]
                         ELSE getvariable('vocab')[1 + h(src * 31 + j, 5000)] END), ' ')
                    AS content FROM made) m
        JOIN speakers s ON s.id = m.speaker_id"""
    )
    # a few long articles, each with LONG_ATTRIBUTIONS attributions at their own places in
    # the text: the article page's worst case (issue 16 asks for pages of 100+)
    con.execute(
        """INSERT INTO articles
        SELECT 'long' || k, 'synthetic/long' || k || '.html',
            'Long article ' || k || ' about ' || getvariable('vocab')[1 + h(k, 5000)],
            'outlet' || (h(k * 11, 200)) || '.example',
            'https://outlet' || (h(k * 11, 200)) || '.example/long' || k, NULL,
            DATE '2023-01-01' + (h(k * 17, 1095))::INTEGER,
            repeat('Synthetic words of a long article, said the speaker on the stand. ', ?),
            '{}', '[]', '[]', ?, current_timestamp
        FROM range(?) t(k)""",
        [3 * LONG_ATTRIBUTIONS, LONG_ATTRIBUTIONS, LONG_ARTICLES],
    )
    con.execute(
        """INSERT INTO attributions
        SELECT 'long' || k, 'a' || (j + 1),
            ['direct', 'indirect', 'mixed'][1 + h(j * 23 + k, 3)], 'statement',
            '[[' || (j * 134) || ', ' || (j * 134 + 50) || ']]',
            '[[' || (j * 134 + 51) || ', ' || (j * 134 + 55) || ']]',
            '[[' || (j * 134 + 56) || ', ' || (j * 134 + 67) || ']]',
            'Synthetic words of a long article', 'said', s.name, 'e' || (j % 12 + 1),
            s.id, CASE WHEN j % 9 = 8 THEN 'a' || j END, 0.8, 0.9,
            'outlet' || (h(k * 11, 200)) || '.example',
            DATE '2023-01-01' + (h(k * 17, 1095))::INTEGER,
            ' synthetic words of a long article ', ? + k * ? + j + 1, ? + k * ? + j + 1
        FROM range(?) t(k) CROSS JOIN range(?) u(j)
        JOIN speakers s ON s.id = 1 + h(k * 37 + j % 12, ?)""",
        [
            attributions, LONG_ATTRIBUTIONS, attributions, LONG_ATTRIBUTIONS,
            LONG_ARTICLES, LONG_ATTRIBUTIONS, speakers - 1,
        ],
    )  # fmt: skip
    con.execute(
        """INSERT INTO entities
        SELECT article_id, entity_id, any_value(source_text), 'PERSON', NULL, '[]',
            any_value(speaker_id)
        FROM attributions GROUP BY article_id, entity_id"""
    )
    print(f"rows made in {time.monotonic() - started:.0f} s", file=sys.stderr)
    started = time.monotonic()
    groups = con.execute(
        "SELECT quote_group, trim(any_value(search_text)) FROM attributions GROUP BY quote_group"
    ).fetchall()
    for at in range(0, len(groups), 100_000):
        bands: list[int] = []
        members: list[int] = []
        texts: list[str] = []
        for group, text in groups[at : at + 100_000]:
            for key in band_keys(text):
                bands.append(key)
                members.append(group)
                texts.append(text)
        con.execute(
            "INSERT INTO quote_bands SELECT unnest(?::BIGINT[]), unnest(?::BIGINT[]), "
            "unnest(?::VARCHAR[])",
            [bands, members, texts],
        )
    print(
        f"band keys of {len(groups):,} groups in {time.monotonic() - started:.0f} s",
        file=sys.stderr,
    )
    started = time.monotonic()
    rows = con.execute("SELECT seq, trim(search_text) FROM attributions").fetchall()
    for at in range(0, len(rows), 100_000):
        keys: list[int] = []
        quotes: list[int] = []
        for seq, text in rows[at : at + 100_000]:
            for key in word_keys(text):
                keys.append(key)
                quotes.append(seq)
        con.execute(
            "INSERT INTO quote_words SELECT unnest(?::INTEGER[]), unnest(?::BIGINT[])",
            [keys, quotes],
        )
    for table, column in SORTED_TABLES:  # sorted, as ingest keeps them
        con.execute(f"CREATE OR REPLACE TABLE {table} AS SELECT * FROM {table} ORDER BY {column}")
        con.execute(f"INSERT OR REPLACE INTO store_info SELECT '{table}', count(*) FROM {table}")
    fill(con)  # the counts tables, as ingest keeps them
    print(f"word keys and counts in {time.monotonic() - started:.0f} s", file=sys.stderr)
    con.execute("CHECKPOINT")
    con.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("path", help="the DuckDB file to (re)create")
    parser.add_argument("--attributions", type=int, default=1_000_000)
    args = parser.parse_args()
    make(args.path, args.attributions)


if __name__ == "__main__":
    main()
