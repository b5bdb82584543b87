"""WARC files built byte by byte for the tests (readers and store): invented local news."""

from __future__ import annotations

import gzip
from pathlib import Path

# three invented local-news articles: (url, headline, paragraphs, <meta> date or None)
ARTICLES = [
    (
        "https://www.harbourledger.example/port/night-ferry",
        "Night ferry to Marrow Point returns in June",
        [
            "The night ferry between Vell and Marrow Point will run again from June, harbour "
            "officials said on Monday, ending a two-year pause that left shift workers stranded.",
            "“We have the crew now, and we have the boat,” said Mira Holt, the port director.",
            "Councillor Teodor Brandt said the town had waited long enough.",
        ],
        "2024-03-11",
    ),
    (
        "https://valleycourier.example/farming/orchard-frost",
        "Frost hits Lower Vane cherry orchards",
        [
            "A late frost damaged blossom across the Lower Vane orchards overnight, growers "
            "said, and some expect to lose half of this year's cherry crop.",
            "“You could hear the ice crack on the branches at dawn,” said Petra Lindqvist, "
            "who farms forty acres above the river.",
            "The growers' association said it would ask the county for emergency support.",
        ],
        None,
    ),
    (
        "https://www.eastfieldgazette.example/schools/library-hours",
        "Eastfield school library to open on Saturdays",
        [
            "Eastfield Secondary will open its library on Saturday mornings from next term, "
            "the school board decided after a petition signed by four hundred pupils.",
            "“Some of our students have nowhere quiet to work at home,” said head teacher "
            "Anwen Price.",
            "Board member Luca Ferraro said volunteers from the parents' association had "
            "offered to staff the desk.",
        ],
        "2024-02-27",
    ),
]
WARC_DATE = "2024-04-02T06:15:09Z"


def page(headline: str, paragraphs: list[str], date: str | None, *, charset: str = "") -> str:
    published = f'<meta property="article:published_time" content="{date}">' if date else ""
    meta_charset = f'<meta charset="{charset}">' if charset else ""
    return (
        f"<html><head>{meta_charset}<title>{headline}</title>{published}</head><body>"
        "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<article><h1>{headline}</h1>{''.join(f'<p>{p}</p>' for p in paragraphs)}</article>"
        "<footer>All rights reserved.</footer></body></html>"
    )


def http(
    body: bytes,
    *,
    status: int = 200,
    content_type: str = "text/html; charset=utf-8",
    headers: tuple[str, ...] = (),
) -> bytes:
    lines = [f"HTTP/1.1 {status} OK", f"Content-Type: {content_type}", "Server: test", *headers]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


def record(
    kind: str, block: bytes, *, uri: str = "", n: int = 0, length: int | None = None
) -> bytes:
    """One WARC/1.1 record; ``length`` lies about the block's size when given."""
    headers = [
        "WARC/1.1",
        f"WARC-Type: {kind}",
        f"WARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-{n:012d}>",
        f"WARC-Date: {WARC_DATE}",
        *([f"WARC-Target-URI: {uri}"] if uri else []),
        "Content-Type: application/http; msgtype=response",
        f"Content-Length: {len(block) if length is None else length}",
    ]
    return ("\r\n".join(headers) + "\r\n\r\n").encode() + block + b"\r\n\r\n"


def article(i: int, **options: object) -> bytes:
    url, headline, paragraphs, date = ARTICLES[i]
    body = page(headline, paragraphs, date).encode()
    return record("response", http(body), uri=url, n=i + 1, **options)  # type: ignore[arg-type]


def write_warc(path: Path, records: list[bytes], *, gz: bool) -> list[int]:
    """Write the records (each its own gzip member if ``gz``); their offsets in the file."""
    offsets, data = [], b""
    for rec in records:
        offsets.append(len(data))
        data += gzip.compress(rec, mtime=0) if gz else rec
    path.write_bytes(data)
    return offsets
