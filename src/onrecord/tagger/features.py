"""What the tagger sees of a parsed paragraph: numbers per token, and per token given a cue.

Pure and shared by training and inference, so both see exactly the same inputs. A
paragraph is the unit: PolNeAR contents never cross a paragraph break, and a paragraph is
short enough for a recurrent network to read whole. A paragraph longer than any PolNeAR
has (a transcript, a page without line breaks) is read per cue through a window of whole
sentences around the cue (``cue_window``), so the work per cue stays bounded.

Per token: spaCy's own contextual vector (``doc.tensor``, the sm model's tok2vec) and a
few categorical ids (tag, dependency label, entity type, lemma, cue-lexicon rates, quote
state). Per token *given a cue*: where it sits relative to the cue, in words and in the
parse tree (``ccomp`` below the cue verb, ``nsubj`` beside it, ...), which is what tells a
content clause from a source.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from spacy.tokens import Doc, Token

from onrecord.pipeline.cues import CueLexicon
from onrecord.pipeline.quotes import Quote

#: categorical token features, in column order
TOKEN_FIELDS = ("tag", "dep", "ent", "lemma", "verb_rate", "noun_rate", "quote", "start")
#: categorical token-given-cue features, in column order
CUE_FIELDS = ("is_cue", "distance", "branch", "same_sentence")
UNKNOWN = 0
#: a paragraph up to this many tokens is read whole for each of its cues: PolNeAR's
#: longest has 417 words (train; 99.9% have at most 175), so every paragraph like those the
#: tagger was trained on is read as in training
WHOLE_PARAGRAPH = 512
#: a longer paragraph is read per cue in whole sentences around the cue, up to this many
#: tokens
CUE_WINDOW = 160


@dataclass(frozen=True, slots=True)
class Vocab:
    """String -> id tables for the categorical features; id 0 is unknown."""

    tables: dict[str, dict[str, int]]

    def id(self, field: str, value: str) -> int:
        return self.tables[field].get(value, UNKNOWN)

    def size(self, field: str) -> int:
        return len(self.tables[field]) + 1

    @classmethod
    def build(cls, values: dict[str, Iterable[str]]) -> Vocab:
        return cls(
            {f: {v: i + 1 for i, v in enumerate(sorted(set(vs)))} for f, vs in values.items()}
        )


def paragraph_tokens(doc: Doc) -> list[list[int]]:
    """Token indices of each paragraph of ``doc`` (lines broken by newlines), spaces left out."""
    paragraphs: list[list[int]] = []
    current: list[int] = []
    for token in doc:
        if token.is_space:
            if "\n" in token.text and current:
                paragraphs.append(current)
                current = []
            continue
        current.append(token.i)
        if "\n" in token.whitespace_:
            paragraphs.append(current)
            current = []
    if current:
        paragraphs.append(current)
    return paragraphs


def paragraph_text(doc: Doc, tokens: Sequence[int]) -> tuple[str, list[tuple[int, int]]]:
    """A paragraph's text (first token to last) and each token's span in it: what the
    accurate profile's encoder reads (tagger/encoder.py)."""
    start = doc[tokens[0]].idx
    spans = [(doc[i].idx - start, doc[i].idx - start + len(doc[i].text)) for i in tokens]
    return doc.text[start : start + spans[-1][1]], spans


def sentence_starts(doc: Doc) -> list[int]:
    """Per token, the index of the first token of its sentence (one pass over the doc;
    ``Token.sent`` walks the sentence on every call)."""
    starts = [0] * len(doc)
    if not doc.has_annotation("SENT_START"):
        return starts  # unparsed: one sentence
    for sent in doc.sents:
        starts[sent.start : sent.end] = [sent.start] * (sent.end - sent.start)
    return starts


def sentence_bounds(tokens: Sequence[int], starts: Sequence[int]) -> list[int]:
    """Positions in ``tokens`` where a sentence begins, and ``len(tokens)`` at the end."""
    bounds = [
        pos for pos, i in enumerate(tokens) if pos == 0 or starts[i] != starts[tokens[pos - 1]]
    ]
    return [*bounds, len(tokens)]


def cue_window(
    bounds: Sequence[int],
    cue: Sequence[int],
    whole: int = WHOLE_PARAGRAPH,
    limit: int = CUE_WINDOW,
) -> tuple[int, int]:
    """[start, end) positions of the paragraph a cue at positions ``cue`` is read in.

    The whole paragraph when it has at most ``whole`` tokens (``bounds`` from
    ``sentence_bounds``); else the cue's sentence, widened by whole sentences before and
    after in turn while it stays within ``limit`` tokens. A sentence longer than ``limit``
    is cut to ``limit`` tokens around the cue.
    """
    size = bounds[-1]
    if size <= whole:
        return 0, size
    first, last = cue[0], cue[-1]
    k = bisect_right(bounds, first) - 1  # the sentence the cue starts in
    j = max(bisect_right(bounds, last), k + 1)  # one past the sentence it ends in
    start, end = bounds[k], bounds[j]
    if end - start > limit:
        start = max(start, min(first - limit // 2, end - limit))
        return start, max(min(end, start + limit), last + 1)
    grew = True
    while grew:
        grew = False
        if k > 0 and end - bounds[k - 1] <= limit:
            k -= 1
            start, grew = bounds[k], True
        if j < len(bounds) - 1 and bounds[j + 1] - start <= limit:
            j += 1
            end, grew = bounds[j], True
    return start, end


def _rate_bucket(rate: float) -> str:
    if rate <= 0:
        return "0"
    for limit in (0.02, 0.05, 0.1, 0.2, 0.35, 0.5, 0.7):
        if rate < limit:
            return str(limit)
    return "high"


def quote_states(doc: Doc, quotes: Sequence[Quote]) -> list[str]:
    """Per token: ``out``, ``in`` (closed quote), ``open`` (unclosed), or ``mark``."""
    states = ["out"] * len(doc)
    for q in quotes:
        if q.depth:
            continue
        span = doc.char_span(q.start, q.end, alignment_mode="expand")
        if span is None:
            continue
        state = "in" if q.is_closed else "open"
        for token in span:
            inside = q.start < token.idx < q.end - 1 or (not q.is_closed and token.idx > q.start)
            states[token.i] = state if inside else "mark"
    return states


def token_values(token: Token, lexicon: CueLexicon, quote: str) -> dict[str, str]:
    """The categorical token features as strings (looked up in a Vocab later)."""
    lemma = token.lemma_.lower()
    return {
        "tag": token.tag_,
        "dep": token.dep_,
        "ent": f"{token.ent_iob_}-{token.ent_type_}" if token.ent_type_ else "O",
        "lemma": lemma,
        "verb_rate": _rate_bucket(lexicon.verb_rate(lemma))
        if token.pos_ in {"VERB", "AUX"}
        else "-",
        "noun_rate": _rate_bucket(lexicon.noun_rate(lemma)) if token.pos_ == "NOUN" else "-",
        "quote": quote,
        "start": "1" if token.is_sent_start else "0",
    }


def token_matrix(
    doc: Doc, tokens: Sequence[int], lexicon: CueLexicon, vocab: Vocab, quotes: list[str]
) -> tuple[np.ndarray, np.ndarray]:
    """(vectors [n, width] float32, ids [n, len(TOKEN_FIELDS)] int64) for one paragraph."""
    vectors = np.asarray(doc.tensor[list(tokens)], dtype=np.float32)
    ids = np.zeros((len(tokens), len(TOKEN_FIELDS)), dtype=np.int64)
    for row, i in enumerate(tokens):
        values = token_values(doc[i], lexicon, quotes[i])
        for col, field in enumerate(TOKEN_FIELDS):
            ids[row, col] = vocab.id(field, values[field])
    return vectors, ids


def cue_head(doc: Doc, cue: Sequence[int]) -> int:
    """The token of a cue whose head lies outside it (the verb of `said in a statement`)."""
    inside = set(cue)
    for i in cue:
        if doc[i].head.i not in inside or doc[i].head.i == i:
            return i
    return cue[0]


def _distance(delta: int) -> str:
    sign = "-" if delta < 0 else "+"
    size = abs(delta)
    for limit in (1, 2, 3, 5, 8, 12, 20, 35):
        if size <= limit:
            return f"{sign}{limit}"
    return f"{sign}far"


def _path(token: Token) -> list[int]:
    path = [token.i]
    while token.head.i != token.i:
        token = token.head
        path.append(token.i)
    return path


def cue_values(
    doc: Doc, tokens: Sequence[int], cue: Sequence[int], starts: Sequence[int] | None = None
) -> list[dict[str, str]]:
    """Per paragraph token: its relation to the cue, in words and in the parse tree.

    ``branch`` names the dependency under which the token hangs from the cue's head
    (``down:ccomp``), or, when the token is elsewhere in the tree, how far up the common
    ancestor is and under which of its dependencies the token hangs (``up1:nsubj``).
    ``starts`` (from ``sentence_starts``) saves walking each token's sentence.
    """
    head = cue_head(doc, cue)
    cue_set = set(cue)
    head_path = _path(doc[head])
    up = {t: n for n, t in enumerate(head_path)}
    if starts is None:
        starts = sentence_starts(doc)
    sentence = starts[head]
    out = []
    for i in tokens:
        if i in cue_set:
            branch = "cue"
        else:
            path = _path(doc[i])
            branch = "none"
            for n, t in enumerate(path):
                if t in up:
                    below = doc[path[n - 1]].dep_ if n else "self"
                    level = up[t]
                    branch = f"down:{below}" if level == 0 else f"up{min(level, 3)}:{below}"
                    break
        out.append(
            {
                "is_cue": "1" if i in cue_set else "0",
                "distance": _distance(i - head),
                "branch": branch,
                "same_sentence": "1" if starts[i] == sentence else "0",
            }
        )
    return out


def cue_matrix(
    doc: Doc,
    tokens: Sequence[int],
    cue: Sequence[int],
    vocab: Vocab,
    starts: Sequence[int] | None = None,
) -> np.ndarray:
    """ids [n, len(CUE_FIELDS)] int64: the token-given-cue features of one paragraph."""
    rows = cue_values(doc, tokens, cue, starts)
    ids = np.zeros((len(tokens), len(CUE_FIELDS)), dtype=np.int64)
    for r, values in enumerate(rows):
        for col, field in enumerate(CUE_FIELDS):
            ids[r, col] = vocab.id(field, values[field])
    return ids
