"""Training examples: gold attributions laid over parsed paragraphs as tags.

One example per paragraph: its token features, the gold cue tags (O/B/I) and, for every
gold cue in it, the source and content tags (O, B-SRC, I-SRC, B-CON, I-CON) given that
cue. Reporting words that are *not* cues in the gold become negative cues whose tags are
all O, so the network learns to say "nothing here" as well.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from onrecord.pipeline.chunks import local_quotes, parse_chunks
from onrecord.pipeline.cues import CueLexicon
from onrecord.pipeline.quotes import Quote
from onrecord.tagger.features import (
    CUE_FIELDS,
    TOKEN_FIELDS,
    cue_values,
    paragraph_text,
    paragraph_tokens,
    quote_states,
    sentence_starts,
    token_values,
)

OUT, CUE_B, CUE_I = 0, 1, 2  # cue tags (OUT is also the role tag O)
B_SRC, I_SRC, B_CON, I_CON = 1, 2, 3, 4  # role tags (0 is O)
NEGATIVE_RATE = 0.05  # lexicon words at least this likely to be cues make negative examples


@dataclass(slots=True)
class CueExample:
    cue: list[int]  # positions in the paragraph
    roles: list[int]  # a role tag per paragraph token
    values: list[dict[str, str]]  # the token-given-cue features, as strings


@dataclass(slots=True)
class ParagraphExample:
    vectors: Any  # numpy [n, width]
    values: list[dict[str, str]]  # categorical token features, as strings
    cue_tags: list[int]
    cues: list[CueExample] = field(default_factory=list)
    text: str = ""  # the paragraph's text, for the accurate profile's encoder
    spans: list[tuple[int, int]] = field(default_factory=list)  # each token's, in ``text``


def chunk_docs(nlp: Language, texts: Sequence[str]) -> Iterator[list[tuple[Doc, int, list[Quote]]]]:
    """Per text: its parsed chunks as (doc, base offset, quotes local to the chunk), cut
    and parsed as extraction does (``parse_chunks``)."""
    for parsed in parse_chunks(nlp, texts, batch_size=8):
        opening = [q.start for q in parsed.quotes]
        yield [
            (doc, base, local_quotes(parsed.quotes, base, base + len(doc.text), opening))
            for doc, base in parsed.chunks
        ]


def _tokens_in(doc: Doc, tokens: Sequence[int], start: int, end: int) -> list[int]:
    return [
        pos
        for pos, i in enumerate(tokens)
        if doc[i].idx < end and doc[i].idx + len(doc[i].text) > start
    ]


def paragraph_examples(
    doc: Doc, quotes: list[Quote], gold: Iterable[dict[str, Any]], lexicon: CueLexicon
) -> list[ParagraphExample]:
    """The examples of one parsed chunk; ``gold`` attributions have offsets into ``doc``."""
    states = quote_states(doc, quotes)
    starts = sentence_starts(doc)
    gold = list(gold)
    out = []
    for tokens in paragraph_tokens(doc):
        values = [token_values(doc[i], lexicon, states[i]) for i in tokens]
        cue_tags = [OUT] * len(tokens)
        text, spans = paragraph_text(doc, tokens)
        example = ParagraphExample(
            doc.tensor[tokens].copy(), values, cue_tags, text=text, spans=spans
        )
        gold_cue_tokens: set[int] = set()
        for att in gold:
            if not att.get("cue"):
                continue
            (cs, ce), *_ = att["cue"]
            cue = _tokens_in(doc, tokens, cs, ce)
            if not cue:
                continue
            roles = [OUT] * len(tokens)
            for s, e in att.get("source") or []:
                for n, pos in enumerate(_tokens_in(doc, tokens, s, e)):
                    roles[pos] = B_SRC if n == 0 else I_SRC
            for s, e in att.get("content") or []:
                for n, pos in enumerate(_tokens_in(doc, tokens, s, e)):
                    roles[pos] = B_CON if n == 0 else I_CON
            for pos in cue:
                roles[pos] = OUT
            if not any(r in (B_CON, I_CON) for r in roles):
                continue
            for n, pos in enumerate(cue):
                cue_tags[pos] = CUE_B if n == 0 else CUE_I
            gold_cue_tokens.update(cue)
            cue_doc = [tokens[p] for p in cue]
            example.cues.append(CueExample(cue, roles, cue_values(doc, tokens, cue_doc, starts)))
        for pos, i in enumerate(tokens):
            t = doc[i]
            rate = (
                lexicon.verb_rate(t.lemma_.lower())
                if t.pos_ == "VERB"
                else lexicon.noun_rate(t.lemma_.lower())
                if t.pos_ == "NOUN"
                else 0.0
            )
            if pos not in gold_cue_tokens and rate >= NEGATIVE_RATE:
                example.cues.append(
                    CueExample([pos], [OUT] * len(tokens), cue_values(doc, tokens, [i], starts))
                )
        out.append(example)
    return out


def corpus_examples(
    nlp: Language, records: Sequence[dict[str, Any]], lexicon: CueLexicon
) -> Iterator[ParagraphExample]:
    """Examples of PolNeAR-style records ({"text", "attributions"}), parsed as onrecord does."""
    for record, chunks in zip(records, chunk_docs(nlp, [r["text"] for r in records]), strict=True):
        for doc, base, quotes in chunks:
            end = base + len(doc.text)
            local = []
            for att in record["attributions"]:
                if not att.get("content") or not (base <= att["content"][0][0] < end):
                    continue
                local.append(
                    {
                        key: [[s - base, e - base] for s, e in att.get(key) or []]
                        for key in ("source", "cue", "content")
                    }
                )
            yield from paragraph_examples(doc, quotes, local, lexicon)


__all__ = ["CUE_FIELDS", "TOKEN_FIELDS", "CueExample", "ParagraphExample", "corpus_examples"]
