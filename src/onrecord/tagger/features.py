"""What the tagger sees of a parsed paragraph: numbers per token, and per token given a cue.

Pure and shared by training and inference, so both see exactly the same inputs. A
paragraph is the unit: PolNeAR contents never cross a paragraph break, and a paragraph is
short enough for a recurrent network to read whole.

Per token: spaCy's own contextual vector (``doc.tensor``, the sm model's tok2vec) and a
few categorical ids (tag, dependency label, entity type, lemma, cue-lexicon rates, quote
state). Per token *given a cue*: where it sits relative to the cue, in words and in the
parse tree (``ccomp`` below the cue verb, ``nsubj`` beside it, ...), which is what tells a
content clause from a source.
"""

from __future__ import annotations

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


def cue_values(doc: Doc, tokens: Sequence[int], cue: Sequence[int]) -> list[dict[str, str]]:
    """Per paragraph token: its relation to the cue, in words and in the parse tree.

    ``branch`` names the dependency under which the token hangs from the cue's head
    (``down:ccomp``), or, when the token is elsewhere in the tree, how far up the common
    ancestor is and under which of its dependencies the token hangs (``up1:nsubj``).
    """
    head = cue_head(doc, cue)
    cue_set = set(cue)
    head_path = _path(doc[head])
    up = {t: n for n, t in enumerate(head_path)}
    sentence = doc[head].sent.start
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
                "same_sentence": "1" if doc[i].sent.start == sentence else "0",
            }
        )
    return out


def cue_matrix(doc: Doc, tokens: Sequence[int], cue: Sequence[int], vocab: Vocab) -> np.ndarray:
    """ids [n, len(CUE_FIELDS)] int64: the token-given-cue features of one paragraph."""
    rows = cue_values(doc, tokens, cue)
    ids = np.zeros((len(tokens), len(CUE_FIELDS)), dtype=np.int64)
    for r, values in enumerate(rows):
        for col, field in enumerate(CUE_FIELDS):
            ids[r, col] = vocab.id(field, values[field])
    return ids
