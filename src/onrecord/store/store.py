"""Reading the store: quotes, speakers, traces of one quote, read-only SQL, Parquet export.

``Store`` is what the CLI's query commands and the web UI call. Every query is
parameterised; the connection is read-only with file access switched off, so nothing a
user types (``onrecord sql``) can change the store or touch other files.

Full-text search is a phrase match over ``attributions.search_text`` (words only, lower
case, no accents), narrowed first to the quotes holding every word, looked up in the
sorted ``quote_words`` table (DuckDB's fts extension would have to be downloaded at run
time, and its index must be rebuilt after every insert).
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from itertools import islice
from typing import Any

import duckdb
from rapidfuzz.distance import JaroWinkler

from onrecord.errors import StoreError
from onrecord.model import KINDS, TYPES, Document
from onrecord.store.browse import Browsing
from onrecord.store.connection import (
    default_db,
    first_line,
    open_reader,
    settings_locked,
    sql_string,
)
from onrecord.store.counts import COUNT_TABLES, counts_kept
from onrecord.store.gate import ReadLock
from onrecord.store.outlets import outlet_name
from onrecord.store.query import ORDERS, SORTS, QuoteFilter, QuotePage
from onrecord.store.results import FacetCount, Quote, QuoteFacets, SpeakerCount, TraceHit
from onrecord.store.rows import document_from_rows
from onrecord.store.speakers import name_key
from onrecord.store.variants import band_keys, is_variant, search_text, word_diff, word_keys

__all__ = ["NO_FILTER", "TABLES", "Quote", "SpeakerCount", "Store", "TraceHit", "export_parquet"]

#: the tables ``export_parquet`` writes, one folder each (the Spark job's layout)
TABLES = ("articles", "attributions", "entities", "speakers", "errors")
#: statement types ``sql`` runs; anything else is refused (E205)
READ_STATEMENTS = frozenset({"SELECT", "EXPLAIN", "PRAGMA"})
#: rows ``sql_rows`` fetches from DuckDB at a time
FETCH_ROWS = 2_000
#: speaker names and article titles remembered per open store
MAX_LABELS = 100_000
#: candidates from quote_words above which a phrase search scans the text instead
MAX_CANDIDATES = 20_000
#: (speaker, outlet, kind, type) combinations facets sum in Python; more: in DuckDB
MAX_COMBINATIONS = 5_000
#: speakers a name filter lists as constants (more: passed as one array parameter)
MAX_LISTED = 100
#: phrase searches remembered per open store (each at most MAX_CANDIDATES quotes)
MAX_PHRASES = 64
#: every quote, newest first, 50 a page
NO_FILTER = QuoteFilter()
#: what ``speakers`` may rank by: its sums (the distinct outlets are counted after ranking)
SPEAKER_SORTS = {
    "quotes": "quotes",
    "direct": "sum(direct)",
    "mixed": "sum(mixed)",
    "indirect": "sum(indirect)",
    "articles": "sum(articles)",
}
#: how alike (Jaro-Winkler, 0-1) a word of a speaker's name must be to a searched word
NAME_SIMILARITY = 0.92

_HIT_COLUMNS = """a.article_id, a.id, a.kind, a.content_text, a.cue_text, a.source_text,
    a.speaker_id, a.outlet, a.published, a.confidence, a.quote_group, {speaker_confidence},
    {type}"""


class Store(Browsing):
    """A read-only view of the store at ``path`` (default: $ONRECORD_DB or onrecord.duckdb).

    Every read is a method: quotes by a ``QuoteFilter`` (a page, a count, facets),
    speakers, traces, articles, SQL here; the browsing pages' reads in ``Browsing``.
    """

    def __init__(
        self,
        path: str | os.PathLike[str] | None = None,
        *,
        timeout: float = 10.0,
        threads: int | None = None,
    ):
        """``threads`` caps DuckDB's threads per query: a server running many queries at
        once does better with one each than with all of them fighting for the cores."""
        self.path = os.fspath(path) if path is not None else default_db()
        self._lock: ReadLock | None
        self._con, self._lock = open_reader(self.path, timeout)
        if not settings_locked(self._con):  # else a Store open here has set them already
            if threads is not None:
                self._con.execute(f"SET threads = {int(threads)}")
            self._con.execute("SET enable_external_access = false")
            self._con.execute("SET lock_configuration = true")  # and no statement may undo that
        # speaker names and article titles by key, shared with cursors: while this read-only
        # connection is open no ingest can change them (DuckDB's lock)
        self._labels: dict[tuple[str, Any], tuple[Any, ...]] = {}
        self._counts_kept = counts_kept(self._con)
        self._phrases: dict[str, list[tuple[int, int]]] = {}
        # a store made before speaker_confidence or type gets the column at its next
        # ingest (schema.sql); until then its quotes have none
        self._scored = self.has_column("attributions", "speaker_confidence")
        self._typed = self.has_column("attributions", "type")
        self._hit_columns = _HIT_COLUMNS.format(
            speaker_confidence="a.speaker_confidence" if self._scored else "NULL::DOUBLE",
            type="a.type" if self._typed else "NULL::VARCHAR",
        )

    def cursor(self) -> Store:
        """A Store on its own cursor of this connection: one per thread (the web server's)."""
        twin = object.__new__(Store)
        twin.path = self.path
        twin._con = self._con.cursor()
        twin._lock = None  # the gate is held (and let go) by the Store it came from
        twin._labels = self._labels
        twin._counts_kept = self._counts_kept
        twin._phrases = self._phrases
        twin._hit_columns = self._hit_columns
        twin._typed = self._typed
        twin._scored = self._scored
        return twin

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._con.close()
        if self._lock is not None:
            self._lock.release()

    # -- quotes -------------------------------------------------------------------------

    def quotes(self, filter: QuoteFilter = NO_FILTER) -> list[Quote]:
        """The page of quotes ``filter`` selects, in its order (newest first by default)."""
        where, params = self._filters(filter)
        order, join = self._order(filter)
        # one query: DuckDB reads the text columns of the page's rows only (its late
        # materialisation of a top-N), faster than selecting the page's keys first
        sql = f"""SELECT {self._hit_columns} FROM attributions a {join} WHERE {where}
                  ORDER BY {order} LIMIT ? OFFSET ?"""
        return self._quotes(self.rows(sql, [*params, filter.limit, filter.offset]))

    def count_quotes(self, filter: QuoteFilter = NO_FILTER, *, at_most: int | None = None) -> int:
        """How many quotes ``filter`` selects on all its pages; counting stops at
        ``at_most`` if given (a page can say "10,000+" without counting a million)."""
        if self._counts_kept and not filter.uses_text_or_dates:
            # the counts tables have the answer
            where, params = self._filters(replace(filter, kind=None))
            total = self.rows(
                f"SELECT coalesce(sum({filter.kind or 'direct + mixed + indirect'}), 0) "
                f"FROM {self.counts('speaker_counts')} a WHERE {where}",
                params,
            )[0][0]
            return int(total) if at_most is None else min(int(total), at_most)
        where, params = self._filters(filter)
        if at_most is not None:
            rows = self.rows(
                f"SELECT count(*) FROM (SELECT 1 FROM attributions a WHERE {where} LIMIT ?)",
                [*params, at_most],
            )
        else:
            rows = self.rows(f"SELECT count(*) FROM attributions a WHERE {where}", params)
        return int(rows[0][0])

    def quote_page(
        self,
        filter: QuoteFilter = NO_FILTER,
        *,
        at_most: int | None = None,
        total: int | None = None,
    ) -> QuotePage:
        """The page of quotes ``filter`` selects, with how many match in all (counting
        stops at ``at_most``; none when the caller knows ``total``, as from ``facets``)
        and whether the page lies past the last of them."""
        found = self.quotes(filter)
        if total is None and filter.page == 1 and len(found) < filter.page_size:
            total = len(found)  # all on this page: nothing more to count
        if total is None:
            total = self.count_quotes(filter.selection, at_most=at_most)
        return QuotePage(filter, found, total, at_most is not None and total >= at_most)

    def facets(self, filter: QuoteFilter = NO_FILTER, *, top: int = 10) -> QuoteFacets:
        """How many of the quotes ``filter`` selects each speaker, outlet, kind and type
        has (the ``top`` most frequent speakers and outlets; ties by value, none last)."""
        where, params = self._filters(filter)
        type_ = "a.type" if self._typed else "NULL::VARCHAR"
        # the counts of each (speaker, outlet, kind, type), summed here: for the few
        # thousand combinations of a narrowed search this is half the time of grouping
        # sets in SQL; a broad one has too many, and DuckDB sums it (_grouped_facets)
        combos = self.rows(
            f"SELECT a.speaker_id, a.outlet, a.kind, {type_}, count(*) FROM attributions a "
            f"WHERE {where} GROUP BY ALL LIMIT ?",
            [*params, MAX_COMBINATIONS + 1],
        )
        if len(combos) > MAX_COMBINATIONS:
            by_facet = self._grouped_facets(where, params, type_, max(top, 0))
        else:
            sums: list[Counter[Any]] = [Counter(), Counter(), Counter(), Counter()]
            for *values, n in combos:
                for facet, value in zip(sums, values, strict=True):
                    facet[value] += n
            by_facet = [list(facet.items()) for facet in sums]
        speakers, outlets, kinds, types = (
            sorted(found, key=lambda vn: (-vn[1], vn[0] is None, vn[0])) for found in by_facet
        )
        speakers, outlets = speakers[: max(top, 0)], outlets[: max(top, 0)]
        names = self._labelled("SELECT id, name FROM speakers", {v for v, _ in speakers} - {None})

        def counts(
            found: list[tuple[Any, int]],
            order: tuple[Any, ...] = (),
            labels: dict[Any, tuple[Any, ...]] | None = None,
        ) -> list[FacetCount]:
            if order:  # every kind and type, in their usual order, 0 if none
                known = dict(found)
                found = [(v, known.get(v, 0)) for v in order] + [
                    (v, n) for v, n in found if v not in order
                ]
            named = labels or {}
            return [FacetCount(value, named.get(value, (value,))[0], int(n)) for value, n in found]

        return QuoteFacets(
            counts(speakers, labels=names),
            counts(outlets),
            counts(kinds, KINDS),
            counts(types, TYPES),
        )

    def _grouped_facets(
        self, where: str, params: list[Any], type_: str, top: int
    ) -> list[list[tuple[Any, int]]]:
        """The ``top`` counts of each speaker, outlet, kind and type, by DuckDB."""
        rows = self.rows(
            f"""SELECT facet, speaker_id, outlet, kind, type, n FROM (
                    SELECT GROUPING(a.speaker_id, a.outlet, a.kind, {type_}) AS facet,
                        a.speaker_id, a.outlet, a.kind, {type_} AS type, count(*) AS n
                    FROM attributions a WHERE {where}
                    GROUP BY GROUPING SETS ((a.speaker_id), (a.outlet), (a.kind), ({type_})))
                QUALIFY row_number() OVER (
                    PARTITION BY facet ORDER BY n DESC, speaker_id, outlet, kind, type) <= ?""",
            [*params, top],
        )
        # GROUPING's bits: speaker_id 8, outlet 4, kind 2, type 1 (set when left out)
        at = {7: 0, 11: 1, 13: 2, 14: 3}
        found: list[list[tuple[Any, int]]] = [[], [], [], []]
        for facet, *values, n in rows:
            found[at[facet]].append((values[at[facet]], int(n)))
        return found

    def speaker_ids(self, name: str) -> list[int]:
        """Speakers one of whose names matches ``name`` word for word, spelling aside.

        Candidates share each word's first three letters (a scan of the short keys),
        then every word must be a near-spelling (Jaro-Winkler >= NAME_SIMILARITY) of a
        word of the speaker's name: "Zelensky" finds "Volodymyr Zelenskyy".
        """
        known = self._labels.get(("speaker ids", name))  # a search asks twice: page, count
        if known is not None:
            return list(known)
        words = name_key(name).removeprefix("the ").split()
        if not words:
            return []
        clauses = " AND ".join("contains(' ' || key, ?)" for _ in words)
        rows = self.rows(
            f"SELECT id, key FROM speakers WHERE {clauses}", [" " + w[:3] for w in words]
        )
        found = [
            speaker_id
            for speaker_id, key in rows
            if all(
                any(JaroWinkler.normalized_similarity(w, k) >= NAME_SIMILARITY for k in key.split())
                for w in words
            )
        ]
        self._labels[("speaker ids", name)] = tuple(found)
        return found

    # -- speakers -----------------------------------------------------------------------

    def speakers(
        self,
        *,
        outlet: str | None = None,
        top: int = 20,
        exact_outlet: str | None = None,
        offset: int = 0,
        sort: str = "quotes",
        order: str = "desc",
    ) -> list[SpeakerCount]:
        """The ``top`` most quoted speakers (in ``outlet``, if given: part of its name or a
        known short name; ``exact_outlet`` its whole name), with direct shares; ``offset``
        skips the first ones (a list's later page), ``sort`` (SPEAKER_SORTS) and ``order``
        (desc, asc) rank them by another count."""
        for what, value, allowed in (("sort", sort, SPEAKER_SORTS), ("order", order, ORDERS)):
            if value not in allowed:
                raise StoreError("E207", what=what, value=value, detail=f"use {', '.join(allowed)}")
        where, params = "speaker_id IS NOT NULL", []
        if outlet:  # as QuoteFilter.outlet: part of the name, or a known short name
            where += " AND (outlet ILIKE ? OR outlet = ?)"
            params += [f"%{outlet}%", outlet_name(outlet)]
        if exact_outlet:
            where += " AND outlet = ?"
            params.append(exact_outlet)
        # rank by sums first, then count distinct outlets for the top speakers alone
        # (for every speaker it took 4 times as long)
        counts = self.counts("outlet_counts")
        top_rows = self.rows(
            f"""SELECT speaker_id, sum(direct + mixed + indirect) AS quotes, sum(direct),
                    sum(mixed), sum(indirect), sum(articles)
                FROM {counts} WHERE {where}
                GROUP BY speaker_id ORDER BY {SPEAKER_SORTS[sort]} {order}, quotes DESC, speaker_id
                LIMIT ? OFFSET ?""",
            [*params, max(top, 0), max(offset, 0)],
        )
        ids = [row[0] for row in top_rows]
        outlets = dict(
            self.rows(
                f"SELECT speaker_id, count(DISTINCT outlet) FROM {counts} "
                f"WHERE {where} AND speaker_id IN (SELECT unnest(?::BIGINT[])) GROUP BY 1",
                [*params, ids],
            )
        )
        names = self._labelled("SELECT id, name, type FROM speakers", set(ids))
        found = []
        for speaker_id, *sums in top_rows:
            name, type_ = names[speaker_id]
            quotes, direct, mixed, indirect, articles = map(int, sums)
            found.append(
                SpeakerCount(speaker_id, name, type_, quotes, direct, mixed, indirect, articles,
                             outlets[speaker_id])
            )  # fmt: skip
        return found

    def counts(self, table: str) -> str:
        """The counts table to read from (counts.py), or for an older store the same
        relation derived from the attributions."""
        return table if self._counts_kept else COUNT_TABLES[table].derived

    def speaker_names(self, speaker_id: int) -> list[tuple[str, str | None, int]]:
        """Every (name, role, articles) a speaker was given, most frequent first."""
        return [
            (name, role, int(n))
            for name, role, n in self.rows(
                f"SELECT name, role, sum(articles) AS n FROM {self.counts('name_counts')} "
                "WHERE speaker_id = ? GROUP BY name, role ORDER BY n DESC, name",
                [speaker_id],
            )
        ]

    # -- trace --------------------------------------------------------------------------

    def trace(self, text: str, *, limit: int = 200) -> list[TraceHit]:
        """Where a quote appears, earliest first, each with its wording against the first.

        Finds the quote's group of near-duplicates (grouped at ingest) and every quote
        containing ``text`` word for word, with their groups.
        """
        wanted = search_text(text)
        if not wanted:
            raise StoreError("E207", what="quote", value=text, detail="it has no words")
        keys = band_keys(wanted)
        bands = self.rows(
            _each_equal("SELECT quote_group, search_text FROM quote_bands WHERE band = ?", keys),
            keys,
        )
        groups = {group for group, other in bands if is_variant(wanted, other)}
        found = self._phrase_quotes(wanted)
        if found is not None:
            groups |= set(islice(dict.fromkeys(group for _, group in found), 100))
        else:  # common words only: scan
            groups |= {
                group
                for (group,) in self.rows(
                    "SELECT DISTINCT quote_group FROM attributions "
                    "WHERE contains(search_text, ?) LIMIT 100",
                    [f" {wanted} "],
                )
            }
        if not groups:
            return []
        sql = f"""
            SELECT {self._hit_columns} FROM attributions a
            WHERE a.quote_group IN (SELECT unnest(?::BIGINT[]))
            ORDER BY a.published NULLS LAST, a.seq
            LIMIT ?"""
        quotes = self._quotes(self.rows(sql, [sorted(groups), max(limit, 0)]))
        if not quotes:
            return []
        first = quotes[0].content
        return [TraceHit(q, word_diff(first, q.content)) for q in quotes]

    # -- articles -----------------------------------------------------------------------

    def article(self, article_id: str) -> Document | None:
        """The stored article as a record (the JSON contract), or None."""
        found = self._dicts("SELECT * FROM articles WHERE id = ?", [article_id])
        if not found:
            return None
        return document_from_rows(
            found[0],
            self._dicts("SELECT * FROM entities WHERE article_id = ?", [article_id]),
            self._dicts("SELECT * FROM attributions WHERE article_id = ?", [article_id]),
        )

    # -- SQL and export -----------------------------------------------------------------

    def sql(self, query: str) -> tuple[list[str], list[tuple[Any, ...]]]:
        """Column names and rows of a read-only query; anything that writes is E205."""
        columns, rows = self.sql_rows(query)
        return columns, list(rows)

    def sql_rows(
        self, query: str, *, batch: int = FETCH_ROWS
    ) -> tuple[list[str], Iterator[tuple[Any, ...]]]:
        """Column names, and the rows of a read-only query fetched ``batch`` at a time as
        they are read: memory stays flat whatever the result's size. Read them before the
        Store runs another query. Anything that writes is E205; a failure E206."""
        try:
            statements = duckdb.extract_statements(query)
        except duckdb.Error as exc:
            raise StoreError("E206", detail=first_line(exc)) from exc
        if not statements:
            raise StoreError("E206", detail="the query is empty")
        for statement in statements:
            kind = statement.type.name
            if kind not in READ_STATEMENTS:
                raise StoreError("E205", kind=kind)
        try:
            for statement in statements[:-1]:
                self._con.execute(statement)
            result = self._con.execute(statements[-1])
        except duckdb.Error as exc:
            raise StoreError("E206", detail=first_line(exc)) from exc
        columns = [d[0] for d in result.description or ()]
        return columns, _fetched(result, batch)

    # -- helpers ------------------------------------------------------------------------

    def _filters(self, filter: QuoteFilter) -> tuple[str, list[Any]]:
        """The SQL condition on ``attributions a`` that ``filter`` sets, and its parameters."""
        clauses: list[str] = ["TRUE"]
        params: list[Any] = []
        if filter.speaker:
            ids = self.speaker_ids(filter.speaker)
            if len(ids) <= MAX_LISTED:  # constants: DuckDB can use the speaker index
                marks = ", ".join("?" * len(ids))
                clauses.append(f"a.speaker_id IN ({marks})" if ids else "FALSE")
                params += ids
            else:
                clauses.append("a.speaker_id IN (SELECT unnest(?::BIGINT[]))")
                params.append(ids)
        if filter.outlet:
            # part of the stored name, or the outlet a short name stands for ("nyt")
            clauses.append("(a.outlet ILIKE ? OR a.outlet = ?)")
            params += [f"%{filter.outlet}%", outlet_name(filter.outlet)]
        if filter.exact_outlet:
            clauses.append("a.outlet = ?")
            params.append(filter.exact_outlet)
        if filter.speaker_id is not None:
            clauses.append("a.speaker_id = ?")
            params.append(filter.speaker_id)
        if filter.since:
            clauses.append("a.published >= ?")
            params.append(filter.since)
        if filter.until:
            clauses.append("a.published <= ?")
            params.append(filter.until)
        if filter.kind:
            clauses.append("a.kind = ?")
            params.append(filter.kind)
        if filter.type:
            if self._typed:
                clauses.append("a.type = ?")
                params.append(filter.type)
            else:  # a store not written to since onrecord typed quotes: none is typed
                clauses.append("FALSE")
        if filter.min_confidence is not None:
            clauses.append("a.confidence >= ?")
            params.append(filter.min_confidence)
        if filter.min_speaker_confidence is not None:
            if self._scored:
                clauses.append("a.speaker_confidence >= ?")
                params.append(filter.min_speaker_confidence)
            else:  # a store made before speaker_confidence: no quote has one
                clauses.append("FALSE")
        if filter.contains:
            words = search_text(filter.contains)
            if not words:
                raise StoreError(
                    "E207", what="text", value=filter.contains, detail="it has no words"
                )
            found = self._phrase_quotes(words)
            if found is not None:
                clauses.append("a.seq IN (SELECT unnest(?::BIGINT[]))")
                params.append([seq for seq, _ in found])
            else:  # common words only: scan
                clauses.append("contains(a.search_text, ?)")
                params.append(f" {words} ")
        return " AND ".join(clauses), params

    def _order(self, filter: QuoteFilter) -> tuple[str, str]:
        """ORDER BY for ``filter``'s sort, and the join it needs (speakers, for names)."""
        direction = "ASC" if filter.order == "asc" else "DESC"
        join = ""
        column = SORTS[filter.sort]
        if filter.sort == "speaker":
            join = "LEFT JOIN speakers s ON s.id = a.speaker_id"
            column = "s.name"
        if filter.sort == "published" or (
            # a column the store does not have yet: every value NULL, so ties all along
            (filter.sort == "type" and not self._typed)
            or (filter.sort == "speaker_confidence" and not self._scored)
        ):
            return f"a.published {direction} NULLS LAST, a.seq", join
        return f"{column} {direction} NULLS LAST, a.published DESC NULLS LAST, a.seq", join

    def _quotes(self, hits: list[tuple[Any, ...]]) -> list[Quote]:
        """Quotes for attribution rows (``_HIT_COLUMNS``), with speaker names and article
        titles looked up by key: cheaper than joining a page of hits to whole tables."""
        names = self._labelled("SELECT id, name FROM speakers", {h[6] for h in hits} - {None})
        titles = self._labelled("SELECT id, title, url FROM articles", {h[0] for h in hits})
        quotes = []
        for (aid, id_, kind, content, cue, source, sid, outlet, published, confidence, group,
             speaker_confidence, type_) in hits:  # fmt: skip
            (name,) = names.get(sid, (None,))
            title, url = titles.get(aid, (None, None))
            quotes.append(
                Quote(
                    aid,
                    id_,
                    kind,
                    content,
                    cue,
                    source,
                    sid,
                    name,
                    outlet,
                    published,
                    title,
                    url,
                    confidence,
                    group,
                    speaker_confidence,
                    type_,
                )
            )
        return quotes

    def _labelled(self, select: str, keys: set[Any]) -> dict[Any, tuple[Any, ...]]:
        """The other columns of ``select`` by key, from ``_labels`` or the table (safe to
        call from several threads: the shared dict is only read and added to, or cleared)."""
        found: dict[Any, tuple[Any, ...]] = {}
        for key in keys:
            known = self._labels.get((select, key))
            if known is not None:
                found[key] = known
        if len(self._labels) >= MAX_LABELS:
            self._labels.clear()
        for key, *values in self._by_keys(select, keys - found.keys()):
            found[key] = self._labels[(select, key)] = tuple(values)
        return found

    def _by_keys(self, select: str, keys: set[Any]) -> list[tuple[Any, ...]]:
        """``select`` for the rows whose ``id`` is in ``keys`` (a page's worth at most)."""
        if not keys:
            return []
        marks = ", ".join("?" * len(keys))
        return self.rows(f"{select} WHERE id IN ({marks})", list(keys))

    def _phrase_quotes(self, words: str) -> list[tuple[int, int]] | None:
        """(seq, quote_group) of the quotes holding the phrase ``words``; None when its
        words are too common to narrow the search (the caller scans instead).

        The phrase is checked here, on the candidates' text, not in SQL: DuckDB would
        test ``contains`` on every row before joining with the candidates (measured on
        a million quotes: 25 ms, against 4 ms here). Remembered per open store: a search
        page asks twice, for the page and for the count.
        """
        known = self._phrases.get(words)
        if known is not None:
            return known
        candidates = self._word_candidates(words)
        if candidates is None:
            return None
        rows = self.rows(
            "SELECT seq, quote_group, search_text FROM attributions "
            "WHERE seq IN (SELECT unnest(?::BIGINT[])) ORDER BY seq",
            [candidates],
        )
        phrase = f" {words} "
        found = [(seq, group) for seq, group, text in rows if phrase in text]
        if len(self._phrases) >= MAX_PHRASES:
            self._phrases.clear()
        self._phrases[words] = found
        return found

    def _word_candidates(self, words: str) -> list[int] | None:
        """The quotes (attributions.seq) holding every word of ``words``, from quote_words;
        None when there are too many to be worth it (only common words): scan instead."""
        keys = word_keys(words)
        each = _each_equal("SELECT quote, word FROM quote_words WHERE word = ?", keys)
        rows = self.rows(
            f"SELECT quote FROM ({each}) GROUP BY quote HAVING count(DISTINCT word) = ? LIMIT ?",
            [*keys, len(keys), MAX_CANDIDATES + 1],
        )
        return None if len(rows) > MAX_CANDIDATES else [row[0] for row in rows]

    def has_column(self, table: str, column: str) -> bool:
        """Whether the store's ``table`` has ``column`` (a store made by an earlier onrecord
        may lack one until its next ingest adds it)."""
        found = self.rows(
            "SELECT count(*) FROM information_schema.columns "
            "WHERE table_name = ? AND column_name = ?",
            [table, column],
        )
        return bool(found[0][0])

    def rows(self, sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
        """The rows of one parameterised query (E206 if it fails)."""
        return self._execute(sql, params).fetchall()

    def _dicts(self, sql: str, params: list[Any]) -> list[dict[str, Any]]:
        """The rows of one parameterised query as dicts keyed by column name."""
        result = self._execute(sql, params)
        names = [d[0] for d in result.description or ()]
        return [dict(zip(names, row, strict=True)) for row in result.fetchall()]

    def _execute(self, sql: str, params: list[Any]) -> duckdb.DuckDBPyConnection:
        try:
            return self._con.execute(sql, params)
        except duckdb.Error as exc:
            raise StoreError("E206", detail=first_line(exc)) from exc


def _fetched(result: duckdb.DuckDBPyConnection, batch: int) -> Iterator[tuple[Any, ...]]:
    """The rows of ``result``, ``batch`` at a time (DuckDB streams them: a 5-million-row
    result read whole took ~490 MB, fetched 2,000 at a time ~70 MB)."""
    try:
        while rows := result.fetchmany(batch):
            yield from rows
    except duckdb.Error as exc:
        raise StoreError("E206", detail=first_line(exc)) from exc


def _each_equal(select: str, keys: list[Any]) -> str:
    """``select`` (ending ``= ?``) once per key, as one UNION ALL: each equality on a sorted
    table reads a block or two through the zone maps, where ``IN (list)`` joins against
    the whole table (8 band keys: 13 ms as IN, 3 ms as equalities, on 7 million bands)."""
    return " UNION ALL ".join([select] * len(keys))


def export_parquet(path: str, folder: str | os.PathLike[str]) -> dict[str, int]:
    """Every table of the store as ``FOLDER/TABLE/data.parquet`` (the Spark job's layout).

    Returns the rows written per table. Its own connection: a Store's may not write files.
    Raises StoreError E208 if ``folder`` is a file, E209 if it cannot be written.
    """
    root = os.fspath(folder)
    if os.path.exists(root) and not os.path.isdir(root):
        raise StoreError("E208", path=root)
    for table in TABLES:  # before the store is opened: a bad folder fails at once
        where = os.path.join(root, table)
        try:
            os.makedirs(where, exist_ok=True)
        except OSError as exc:
            raise StoreError("E209", path=where, detail=exc.strerror or str(exc)) from exc
        if not os.access(where, os.W_OK):
            raise StoreError("E209", path=where, detail="not writable")
    written: dict[str, int] = {}
    con, lock = open_reader(path)
    try:
        for table in TABLES:
            target = os.path.join(root, table, "data.parquet")
            try:
                con.execute(
                    f"COPY (SELECT * FROM {table}) TO '{sql_string(target)}' (FORMAT parquet)"
                )
            except duckdb.IOException as exc:  # a folder in the way, a full disk, ...
                raise StoreError("E209", path=target, detail=_io_detail(exc)) from exc
            (count,) = con.execute(f"SELECT count(*) FROM {table}").fetchone() or (0,)
            written[table] = int(count)
    except duckdb.Error as exc:
        raise StoreError("E206", detail=first_line(exc)) from exc
    finally:
        con.close()
        lock.release()
    return written


def _io_detail(exc: duckdb.Error) -> str:
    """``File exists`` from DuckDB's 'IO Error: Cannot open file "…": File exists'."""
    line = first_line(exc)
    return line.rsplit('": ', 1)[-1] if '": ' in line else line
