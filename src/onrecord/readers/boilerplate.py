"""Blocks of a news page's main text that are page furniture, not the article.

trafilatura keeps the article's container, and news sites put their furniture inside it:
the headline again, "Read more:" and "Related:" links, newsletter and subscription boxes,
"Follow us on Twitter", copyright and reprint notices, photo captions and credits,
contributor and editing lines, reading times and separators. A quote finder reads them as
text (a headline or a caption looks like an attribution), so they are dropped here, a whole
block at a time, by patterns seen across news sites in several languages. Each test is
narrow (a label, an imperative to subscribe or follow, a notice) and applies only to blocks
as short as such furniture is, so an article paragraph that merely mentions a newsletter
or a photo stays.
"""

from __future__ import annotations

import re

__all__ = ["drop_boilerplate", "is_boilerplate"]

#: a notice (copyright, reprints, contributors) is at most this many words
NOTICE_WORDS = 60
#: a box (newsletter, follow us, caption) is at most this many words
BOX_WORDS = 30
#: a label or a timestamp is at most this many words
LABEL_WORDS = 12

_WORD = re.compile(r"\w+(?:['’]\w+)*")

#: a block that is only one of these (any case, trailing ":" "…" "." ignored) is a label
_LABELS = frozenset(
    {
        "advertisement",
        "also",
        "also read",
        "comment",
        "comments",
        "don't miss",
        "don’t miss",
        "leggi anche",
        "leia também",
        "leia mais",
        "lee también",
        "lesen sie auch",
        "lire aussi",
        "more",
        "more on this story",
        "most popular",
        "most read",
        "read also",
        "read more",
        "recommended",
        "related",
        "related articles",
        "related content",
        "related coverage",
        "related post",
        "related posts",
        "related stories",
        "see also",
        "see more",
        "see more photos",
        "share",
        "share this",
        "share this article",
        "share this story",
        "trending",
        "trending now",
        "you may also like",
        "you might also like",
    }
)
_LABEL_TRAIL = " \t:.…|-–—>»"
_LABEL_WORDS = "|".join(sorted((re.escape(label) for label in _LABELS), key=len, reverse=True))

#: notices, marked strongly enough to drop up to ``NOTICE_WORDS``
_NOTICES = [
    # "Read more: <headline>", "[Related: <headline>]", "SEE MORE: ...", "Most read in world news"
    rf"^\[?\s*(?:{_LABEL_WORDS})\s*(?::|\||»|>|–|—)\s*\S",
    r"^most (?:read|popular|viewed|shared) in\b",
    # copyright and reprints
    r"^(?:copyright\s*)?(?:©|\(c\))",
    r"^copyright\s+(?:19|20)\d\d\b",
    r"\ball rights reserved\b",
    r"\bfor your personal,? non-commercial use\b",
    # contributors, editors, sources
    r"^\(?(?:additional )?(?:reporting|writing|editing|compiled|translated) by\b",
    r"\bcontributed (?:reporting|to this (?:report|story|article))\b[^.]{0,60}\.?$",
    r"^(?:contributing|source|sources|filed under|tags|credit|credits)\s*:",
    # reach the writer
    r"\b(?:may|can) be reached at\s+\S+@",
    r"^reach the (?:reporter|writer|author)s?\b",
    # a photo agency's credit
    r"\((?:AP|AFP|Reuters|Getty|EPA)\s+Photo\b",
]
#: boxes: invitations to subscribe, follow or share, and captions, up to ``BOX_WORDS``
_BOXES = [
    r"\b(?:sign up|subscribe|register)\b.{0,80}\b(?:newsletters?|inbox|e-?mail alerts?)\b",
    r"\bnewsletters?\b.{0,80}\b(?:sign up|subscribe|subscribing)\b",
    r"\b(?:delivered|straight|right|directly)\s+(?:to|in|into)\s+your\s+(?:inbox|letterbox)\b",
    r"^[\w’'&.\- ]{0,40}\bnewsletter$",
    r"\b(?:join|become a member|subscribe)\b.{0,60}\b(?:paywalls?|subscribers?|members get)\b",
    r"\bsubscriptions? service\b.{0,80}\b(?:use the code|first year|per month)\b",
    r"\bfollow (?:us|him|her|them|me)\b.{0,40}\b(?:on|at|@)\s*(?:twitter|facebook|instagram|"
    r"linkedin|youtube|tiktok)",
    r"^follow\s+@\w+",
    r"^follow\s+[\w’'.\- ]{1,60}\s+on\s+(?:twitter|facebook|instagram|linkedin|youtube)\b",
    r"^follow\b.{0,80}\bcoverage\b",
    r"^(?:e-?mail|reach|contact|write to)\b.{0,80}(?:\S+@\S+\.\w+|\bon twitter\b)",
    r"^(?:like|liked|enjoy|enjoyed|love|loved) this (?:story|article|post)\s*\?",
    r"\bshare (?:it|this|this story|this article) with (?:a|your) friends?\b",
    r"^if you (?:enjoyed|liked) this (?:article|story|post)\b",
    r"^tell us what you think\b",
    r"^you (?:may|might) also (?:like|enjoy)\b",
    r"\breprints?\b.{0,80}\b(?:visit|contact|call)\b",
    # captions: a credit on a picture
    r"\b(?:photo|photograph|image|picture|foto)s?\s*(?:by|credit|:)\s*[^.]{0,60}\)?$",
    r"\((?:photo|image|picture)?\s*credits?\s*:",
    r"\b(?:photos?|images?|pictures?)\s*©",
]
#: labels and stamps, up to ``LABEL_WORDS``
_STAMPS = [
    r"\bcopyright\b.{0,60}\b(?:19|20)\d\d\b",
    r"^(?:reading time|read time|tempo de leitura|tiempo de lectura|lesezeit|temps de lecture)"
    r"\s*:",
    r"^\d+\s*(?:min|mins|minutes?)\s+read$",
    r"^\(?(?:updated|published|posted|last updated)\b.{0,30}\d",
    r"^(?:https?://|www\.)\S+$",
]
_TIERS = [
    (NOTICE_WORDS, re.compile("|".join(f"(?:{p})" for p in _NOTICES), re.I)),
    (BOX_WORDS, re.compile("|".join(f"(?:{p})" for p in _BOXES), re.I)),
    (LABEL_WORDS, re.compile("|".join(f"(?:{p})" for p in _STAMPS), re.I)),
]


def is_boilerplate(block: str) -> bool:
    """Whether the text block ``block`` is page furniture rather than article text."""
    text = " ".join(block.split())
    if not any(ch.isalnum() for ch in text):
        return True  # "___", "***", "|": separators
    if text.strip(_LABEL_TRAIL).lower() in _LABELS:
        return True
    words = len(_WORD.findall(text))
    return any(words <= most and pattern.search(text) for most, pattern in _TIERS)


def drop_boilerplate(blocks: list[str], *, title: str | None = None) -> list[str]:
    """``blocks`` without furniture, nor the headline (``title``) repeated as a block."""
    headline = _tokens(title) if title else None
    return [
        block
        for block in blocks
        if not is_boilerplate(block) and (headline is None or _tokens(block) != headline)
    ]


def _tokens(text: str) -> list[str]:
    return [word.lower() for word in _WORD.findall(text)]
