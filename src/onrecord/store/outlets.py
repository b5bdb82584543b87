"""One name per outlet: "nyt", "nytimes.com" and "The New York Times" are one outlet.

Articles name their outlet as their metadata does (a site name, a publisher, a host), so
one paper comes as several names. The store keeps one canonical name in its rows
(articles.outlet and the copies in attributions and the counts tables), chosen at ingest:
a known outlet's full name from ``KNOWN_OUTLETS`` (a data table: add a row, not a
branch), else the name as first stored, compared without case, a leading "the", spaces
and punctuation ("POLITICO" joins "Politico"). The metadata keeps the name as given.
A store written before this is renamed the next time it opens for writing
(``merge_stored``); until then its readers see the names as they were stored.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import duckdb

__all__ = ["KNOWN_OUTLETS", "OutletNames", "merge_stored", "outlet_key", "outlet_name"]

#: well-known outlets, each with the short names, hosts and spellings news metadata uses
KNOWN_OUTLETS: dict[str, tuple[str, ...]] = {
    "The New York Times": ("nyt", "ny times", "new york times", "nytimes", "nytimes.com"),
    "The Washington Post": ("wapo", "washington post", "washingtonpost.com"),
    "The Wall Street Journal": ("wsj", "wall street journal", "wsj.com"),
    "The Associated Press": ("ap", "associated press", "ap news", "apnews.com"),
    "AFP": ("afp", "agence france-presse", "agence france presse", "afp.com"),
    "Reuters": ("reuters", "thomson reuters", "reuters.com"),
    "BBC News": ("bbc", "bbc news", "bbc.com", "bbc.co.uk"),
    "CNN": ("cnn", "cnn.com"),
    "NPR": ("npr", "national public radio", "npr.org"),
    "Politico": ("politico", "politico.com"),
    "Fox News": ("fox news", "foxnews", "foxnews.com"),
    "NBC News": ("nbc news", "nbcnews.com"),
    "CBS News": ("cbs news", "cbsnews.com"),
    "ABC News": ("abc news", "abcnews.go.com"),
    "MSNBC": ("msnbc", "msnbc.com"),
    "USA Today": ("usa today", "usatoday.com"),
    "Los Angeles Times": ("la times", "los angeles times", "latimes", "latimes.com"),
    "The Guardian": ("guardian", "the guardian", "theguardian.com"),
    "Financial Times": ("ft", "financial times", "ft.com"),
    "Bloomberg": ("bloomberg", "bloomberg news", "bloomberg.com"),
    "The Hill": ("the hill", "thehill.com"),
    "HuffPost": ("huffpost", "huffington post", "huffingtonpost.com"),
    "Breitbart News": ("breitbart", "breitbart news", "breitbart.com"),
    "Al Jazeera": ("al jazeera", "aljazeera", "aljazeera.com"),
    "The Atlantic": ("the atlantic", "theatlantic.com"),
    "The Economist": ("the economist", "economist.com"),
    "Axios": ("axios", "axios.com"),
    "Vox": ("vox", "vox.com"),
    "Newsweek": ("newsweek", "newsweek.com"),
}

_NOT_WORD = re.compile(r"[\W_]+")


def outlet_key(name: str) -> str:
    """What names of one outlet share: lower case, no leading "the" or "www.", letters
    and digits only ("The New York Times" -> "newyorktimes")."""
    text = name.strip().casefold().removeprefix("www.")
    text = re.sub(r"^the\s+", "", text)
    return _NOT_WORD.sub("", text)


_BY_KEY = {
    outlet_key(alias): canonical
    for canonical, aliases in KNOWN_OUTLETS.items()
    for alias in (canonical, *aliases)
}


def outlet_name(name: str) -> str:
    """The canonical name of a known outlet, else ``name`` with its spaces tidied."""
    return _BY_KEY.get(outlet_key(name)) or " ".join(name.split())


class OutletNames:
    """The name each outlet has in one store: known outlets' canonical names, and for
    the rest the first name stored (so case and punctuation do not split an outlet)."""

    def __init__(self, stored: Iterable[str] = ()) -> None:
        self._names: dict[str, str] = {}
        for name in stored:
            self.name(name)

    def name(self, given: str | None) -> str | None:
        if given is None:
            return None
        name = outlet_name(given)
        return self._names.setdefault(outlet_key(name), name) if outlet_key(name) else name


def merge_stored(con: duckdb.DuckDBPyConnection) -> OutletNames:
    """Rename a store's outlets to one name each (every table that copies it), and the
    names to store new articles under. The most used name of an unknown outlet wins.

    Cheap when nothing is to be renamed: one grouped scan of articles.outlet. Returns
    the names for the writer; the caller commits.
    """
    stored = con.execute(
        "SELECT outlet FROM articles WHERE outlet IS NOT NULL "
        "GROUP BY outlet ORDER BY count(*) DESC, outlet"
    ).fetchall()
    names = OutletNames(name for (name,) in stored)
    renamed = [(old, new) for (old,) in stored if (new := names.name(old)) != old]
    if not renamed:
        return names
    olds = [old for old, _ in renamed]
    news = [new for _, new in renamed]
    for table in ("articles", "attributions", "speaker_counts", "outlet_counts"):
        con.execute(
            f"UPDATE {table} SET outlet = m.new FROM "
            "(SELECT unnest(?::VARCHAR[]) AS old, unnest(?::VARCHAR[]) AS new) m "
            f"WHERE {table}.outlet = m.old",
            [olds, news],
        )
    # the counts tables now hold rows out of their key order: have the writer re-sort
    # (and fold) them at its close
    con.execute("DELETE FROM store_info WHERE key IN ('speaker_counts', 'outlet_counts')")
    return names
