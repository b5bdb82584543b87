"""HTML pages: the article's main text and its byline metadata, via trafilatura.

Menus, footers and comments are left out because a quote finder needs the article's
prose and nothing else; paragraphs and headings are kept apart by blank lines because the
extractor finds paragraphs and headings from them. trafilatura runs in its precise mode,
which leaves out more furniture, with tables (some articles are a table of results); if
that finds no sentence (it can drop a whole article) its default mode is tried. Furniture
inside the article's container (the headline again, "Read more:" links, newsletter boxes,
captions, credits) is dropped after (boilerplate.py). An article body that the site split
into several containers around its ads is joined first, since trafilatura reads only the
first container. Measured on 181 real pages by ``benchmarks/maintext.py``.

A page without article text is an E011 record, never an exception, so one odd page does
not stop a batch; so is a page whose "main text" is only labels (a menu trafilatura kept:
"Home", "X"), since a document without a sentence cannot hold an attribution and only
clutters the store. A file over the byte limit is E015 without being read (see bounded.py).
"""

from __future__ import annotations

import codecs
import logging
import os
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import trafilatura
from trafilatura.settings import Document as Extracted
from trafilatura.xml import xmltotxt
from trafilatura.xpaths import BODY_XPATH

from onrecord.config import DEFAULT_MAX_CHARS
from onrecord.errors import error
from onrecord.model import RawDocument
from onrecord.readers.boilerplate import drop_boilerplate
from onrecord.readers.bounded import TooLarge, byte_limit, read_at_most
from onrecord.readers.txt import SAMPLE_BYTES, binary_detail, unreadable

__all__ = ["decode_html", "html_document", "read_html"]

logger = logging.getLogger(__name__)

#: how far into the page to look for <meta charset>; the HTML standard says 1,024 bytes
CHARSET_SCAN_BYTES = 8192

_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
#: a block reads as prose if it has this many words, one of them all lower case ("said",
#: "the"): menus, labels and bylines have fewer, or are Title Case throughout
PROSE_WORDS = 4
_WORD = re.compile(r"\w+(?:['’]\w+)*")
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# browsers read these labels as windows-1252 (WHATWG Encoding), and so do real pages
_AS_WINDOWS_1252 = frozenset({"latin-1", "iso8859-1", "ascii", "cp1252"})


def read_html(
    path: str | os.PathLike[str],
    *,
    encoding: str = "utf-8",
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Iterator[RawDocument]:
    """The page at ``path`` as one document, id the path as given.

    ``encoding`` other than UTF-8 is the user's choice and beats the page's <meta charset>;
    UTF-8, the default, only applies when the page declares nothing.
    """
    doc_id = os.fspath(path)
    limit = byte_limit(max_chars)
    try:
        with open(path, "rb") as f:
            data = read_at_most(f, limit)
    except OSError as exc:
        yield RawDocument(doc_id, "", error=unreadable(doc_id, path, exc))
        return
    except TooLarge:
        yield RawDocument(
            doc_id, "", error=error("E015", doc_id=doc_id, what="the page", limit=limit)
        )
        return
    if not data.strip():
        yield RawDocument(doc_id, "", error=error("E001", doc_id=doc_id))
        return
    if _bom_codec(data) is None:  # NUL bytes are normal in UTF-16 and UTF-32
        detail = binary_detail(data[:SAMPLE_BYTES])
        if detail is not None:
            yield RawDocument(doc_id, "", error=error("E002", doc_id=doc_id, detail=detail))
            return
    chosen = None if codecs.lookup(encoding).name == "utf-8" else encoding
    yield html_document(data, doc_id, encoding=chosen)


def html_document(
    html: str | bytes,
    doc_id: str,
    *,
    url: str | None = None,
    meta: dict[str, Any] | None = None,
    encoding: str | None = None,
) -> RawDocument:
    """``html`` as a document: its main text, and meta with ``meta``'s entries on top.

    ``encoding`` is a charset declared outside the page (an HTTP header, the user), which
    beats the page's own <meta charset>. The WARC reader builds its documents here.
    """
    page = html if isinstance(html, str) else decode_html(html, encoding=encoding)
    try:
        extracted, blocks = _main_text(page, url)
        text = "\n\n".join(blocks)
    except Exception as exc:  # lxml and trafilatura raise many kinds; one page must not stop all
        logger.debug("%s: trafilatura failed", doc_id, exc_info=True)
        extracted, text = None, ""
        reason = f"the HTML could not be parsed: {type(exc).__name__}: {exc}"
    else:
        reason = "no main text in the page" if extracted is None else "the main text is empty"
        if text.strip() and not has_prose(text):
            reason = f"only labels, no sentence: {_preview(text)}"
            text = ""
    found = _meta(extracted if isinstance(extracted, Extracted) else None, url)
    found.update(meta or {})
    if not text.strip():
        return RawDocument(doc_id, "", found, error=error("E011", doc_id=doc_id, detail=reason))
    return RawDocument(doc_id, text, found)


def _main_text(page: str, url: str | None) -> tuple[Extracted | None, list[str]]:
    """The page's metadata and main text blocks: precise mode, else the default mode."""
    found: Extracted | None = None
    blocks: list[str] = []
    for precise in (True, False):
        tree = trafilatura.load_html(page)
        if tree is None:
            break
        join_split_bodies(tree)
        extracted = trafilatura.bare_extraction(
            tree,
            url=url,
            with_metadata=True,
            favor_precision=precise,  # menus and link lists out; may drop the article
            include_comments=False,  # reader comments quote people too, but not as news
            include_tables=True,  # results, schedules, scores: articles too
            include_images=False,
            include_links=False,
        )
        if not isinstance(extracted, Extracted):
            continue
        kept = drop_boilerplate(_blocks(extracted), title=extracted.title)
        if found is None or kept:
            found, blocks = extracted, kept
        if has_prose("\n\n".join(blocks)):
            break
    return found, blocks


def join_split_bodies(tree: Any) -> int:
    """Moves into the article's container the later containers of the same tag and class.

    Sites split a long article into several containers around their ads (``<div
    class="article__body">`` three times); trafilatura reads only the first one it finds.
    ``tree`` is lxml's, as ``trafilatura.load_html`` gives it (lxml has no type stubs).
    Returns how many were joined.
    """
    first = next(iter(BODY_XPATH[0](tree)), None)  # the container trafilatura reads
    if first is None or not first.get("class"):
        return 0
    joined = 0
    for other in [elem for elem in tree.iter(first.tag) if elem.get("class") == first.get("class")]:
        if other is first or first in other.iterancestors() or other in first.iterancestors():
            continue
        first.extend(list(other))
        joined += 1
    return joined


def has_prose(text: str) -> bool:
    """Whether some paragraph of ``text`` reads as a sentence rather than a label.

    Scripts without case (Japanese, Chinese, Korean, Arabic …) count as lower case.
    """
    for block in text.split("\n\n"):
        words = _WORD.findall(block)
        if len(words) >= PROSE_WORDS and any(_is_lower(w) for w in words):
            return True
    return False


def _is_lower(word: str) -> bool:
    return word.islower() or (word.lower() == word.upper() and not word.isdigit())


def _preview(text: str, size: int = 40) -> str:
    flat = " ".join(text.split())
    return repr(flat if len(flat) <= size else flat[: size - 1] + "…")


def decode_html(data: bytes, *, encoding: str | None = None) -> str:
    """``data`` as text: BOM, then ``encoding``, then <meta charset>, then UTF-8.

    Bad bytes become U+FFFD rather than an error: the text a user gets is the extracted
    text, so offsets still point into what they see.
    """
    codec = _bom_codec(data) or _usable(encoding) or _meta_charset(data) or "utf-8"
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        logger.debug("page is not valid %s (%s); bad bytes replaced", codec, exc.reason)
        return data.decode(codec, errors="replace")


def _bom_codec(data: bytes) -> str | None:
    return next((codec for bom, codec in _BOMS if data.startswith(bom)), None)


def _meta_charset(data: bytes) -> str | None:
    found = _META_CHARSET.search(data[:CHARSET_SCAN_BYTES])
    if found is None:
        return None
    codec = _usable(found.group(1).decode("ascii"))
    if codec is not None and codec.startswith(("utf-16", "utf-32")):
        return "utf-8"  # bytes we could scan as ASCII are not UTF-16: the standard says UTF-8
    return codec


def _usable(label: str | None) -> str | None:
    """The Python codec for charset ``label``, or None if Python does not know it."""
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip()).name
    except LookupError:
        logger.debug("unknown charset %r ignored", label)
        return None
    return "cp1252" if name in _AS_WINDOWS_1252 else name


def _blocks(extracted: Extracted) -> list[str]:
    """The main text's blocks (paragraph, heading, list, quote), each one paragraph."""
    body = extracted.body
    if body is None:
        return []
    blocks = [(body.text or "").strip()]
    blocks += [xmltotxt(child, False).strip() for child in body]
    return [block for block in blocks if block]


def _meta(extracted: Extracted | None, url: str | None) -> dict[str, Any]:
    """title, author, published, outlet, url and description, whichever are known."""
    page_url = url or (extracted.url if extracted is not None else None)
    outlet = extracted.sitename if extracted is not None else None
    if not outlet and page_url:
        host = urlsplit(page_url).hostname or ""
        outlet = host.removeprefix("www.") or None
    published = extracted.date if extracted is not None else None
    if published and not _ISO_DATE.fullmatch(published):
        published = None
    meta: dict[str, Any] = {
        "title": extracted.title if extracted is not None else None,
        "author": extracted.author if extracted is not None else None,
        "published": published,
        "outlet": outlet,
        "url": page_url,
        "description": extracted.description if extracted is not None else None,
    }
    return {key: value for key, value in meta.items() if value}
