"""What the templates do to stored text before showing it or putting it in a link.

Stored text is whatever the news (or whoever fed the store) wrote. An unclosed U+202E
(right-to-left override) in one quote would reverse everything after it on the line:
the next column, the "in context" link, the page's own words. So every piece of stored
text is shown isolated: as an element, inside ``<bdi>`` (its direction starts and ends
with it, and its own first strong letter sets it, so an Arabic name reads right too);
where no element can go (an attribute, ``<title>``), between U+2068 FSI and U+2069 PDI,
which do the same in plain text. Either way, a PDI in the value that closes no isolate
the value opened is dropped first: chromium takes it as the end of the ``<bdi>`` and lets
the value's overrides out (tried: a quote holding PDI then RLO reversed the text after
it). A value put into a URL path (an outlet such as "ABC News / Reuters") becomes one
percent-encoded segment.
"""

from __future__ import annotations

from urllib.parse import quote

from markupsafe import Markup

__all__ = ["BIDI_CONTROLS", "bdi", "contained", "isolated", "path_part"]

#: the explicit directional formatting characters of Unicode's bidi algorithm, and the
#: implicit marks (ALM, LRM, RLM): what stored text may use to move text around it
BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f"  # ALM, LRM, RLM
    "\u202a\u202b\u202c\u202d\u202e"  # LRE, RLE, PDF, LRO, RLO
    "\u2066\u2067\u2068\u2069"  # LRI, RLI, FSI, PDI
)
FSI, PDI = "\u2068", "\u2069"
#: what opens an isolate (LRI, RLI, FSI), and what ends a bidi paragraph, and with it
#: every isolate open in it (the bidi algorithm's type B)
ISOLATES = frozenset("\u2066\u2067\u2068")
PARAGRAPH_ENDS = frozenset("\n\r\x1c\x1d\x1e\x85\u2029")


def bdi(value: object) -> Markup:
    """``value`` escaped, inside ``<bdi>``: for stored text shown as an element."""
    return Markup("<bdi>{}</bdi>").format(contained(value))


def isolated(value: object) -> str:
    """``value`` between FSI and PDI: for stored text in an attribute or ``<title>``.

    Still plain text, escaped by the template as before; PDI closes whatever overrides
    the value left open (the bidi algorithm's rule X6a).
    """
    return f"{FSI}{contained(value)}{PDI}"


def path_part(value: object) -> str:
    """``value`` as one URL path segment, "/" and "?" and "#" encoded too (the article and
    outlet routes take the rest of the path, so "/" decoded by the server still matches)."""
    return quote(str(value), safe="")


def contained(value: object) -> str:
    """``value`` as text without the PDIs that close no isolate opened in it: in the value
    alone they do nothing, next to other text they end the isolation around it."""
    text = "" if value is None else str(value)
    if PDI not in text:
        return text
    kept = []
    depth = 0  # isolates open here
    for char in text:
        if char in ISOLATES:
            depth += 1
        elif char in PARAGRAPH_ENDS:
            depth = 0
        elif char == PDI:
            if not depth:
                continue
            depth -= 1
        kept.append(char)
    return "".join(kept)
