"""HTTP responses as web archives store them: status, headers, and the body decoded.

Kept apart from warc.py because it is a second idea (HTTP framing, not WARC framing),
and every step is best-effort: a crawler may have stored the body already de-chunked or
decompressed while keeping the header that says otherwise.
"""

from __future__ import annotations

import logging
import zlib

from onrecord.readers.bounded import inflate

__all__ = ["dechunk", "decode_content", "http_response"]

logger = logging.getLogger(__name__)


def http_response(block: bytes) -> tuple[int, dict[str, str], bytes] | None:
    """Status, headers (names lower-cased) and body of an HTTP response, or None."""
    ends = [(at, len(sep)) for sep in (b"\r\n\r\n", b"\n\n") if (at := block.find(sep)) >= 0]
    if not ends:
        return None
    end, sep = min(ends)
    status_line, *lines = block[:end].decode("latin-1").splitlines()
    parts = status_line.split(None, 2)
    if len(parts) < 2 or not parts[0].startswith("HTTP/") or not parts[1].isdigit():
        return None
    headers: dict[str, str] = {}
    for line in lines:
        name, colon, value = line.partition(":")
        if colon:
            headers[name.strip().lower()] = value.strip()
    return int(parts[1]), headers, block[end + sep :]


def dechunk(body: bytes) -> bytes:
    """``body`` with HTTP/1.1 chunked framing removed; as given if it is not chunked."""
    out: list[bytes] = []
    pos = 0
    while (eol := body.find(b"\n", pos)) >= 0:
        try:
            size = int(body[pos:eol].split(b";")[0].strip(), 16)
        except ValueError:
            break  # crawlers often store the body de-chunked but keep the header
        if size == 0:
            return b"".join(out)
        out.append(body[eol + 1 : eol + 1 + size])
        pos = eol + 1 + size
        if body.startswith(b"\r\n", pos):
            pos += 2
        elif body.startswith(b"\n", pos):
            pos += 1
    return b"".join(out) if out else body


def decode_content(body: bytes, coding: str, limit: int) -> bytes:
    """``body`` gunzipped or inflated as its Content-Encoding says, best-effort; raises
    bounded.TooLarge if it inflates past ``limit`` bytes (a bomb stops there)."""
    coding = coding.strip().lower()
    if coding not in ("gzip", "x-gzip", "deflate") or body.lstrip()[:1] == b"<":
        return body  # identity, one we do not decode (br), or already decoded by the crawler
    for wbits in (47, -15):  # 47: a gzip or zlib wrapper, detected; -15: raw deflate
        try:
            return inflate(body, wbits, limit)
        except zlib.error:
            continue
    logger.debug("body not decodable as %s; kept as it is", coding)
    return body
