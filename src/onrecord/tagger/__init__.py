"""The trained attribution tagger: finds cues, then each cue's source and content.

Where the rules need a known construction (a reporting verb with a clause, a quote next
to a cue), the tagger has learned from PolNeAR's ~20,000 annotated attributions which
words introduce what was said and where that ends: long-tail cues (``in a nod to``,
``acknowledged``), nominal contents, clause boundaries. It proposes ``Candidate`` objects
like the rules do, so ``extract.py`` can combine both (``tagger/combine.py``).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

import numpy as np
from spacy.tokens import Doc, Span, Token

from onrecord.errors import OnrecordError, error
from onrecord.pipeline.attribution import Candidate, Range
from onrecord.pipeline.cues import CueLexicon, load_lexicon
from onrecord.pipeline.quotes import Quote
from onrecord.tagger.encoder import Encoder
from onrecord.tagger.features import (
    CUE_FIELDS,
    TOKEN_FIELDS,
    Vocab,
    cue_head,
    cue_matrix,
    cue_window,
    paragraph_text,
    paragraph_tokens,
    quote_states,
    sentence_bounds,
    sentence_starts,
    token_matrix,
)
from onrecord.tagger.network import (
    CUE_TRANSITIONS,
    ROLE_TRANSITIONS,
    WIDTH,
    Arrays,
    cue_layer,
    token_layer,
    viterbi,
)

MIN_CUE = 0.5  # a cue is kept when its words are at least this likely to be cue words
_ROLE_B_SRC, _ROLE_I_SRC, _ROLE_B_CON, _ROLE_I_CON = 1, 2, 3, 4


def _runs(tags: Sequence[int], begin: int, inside: int) -> list[tuple[int, int]]:
    """[start, end) positions of B/I runs of one type."""
    runs: list[tuple[int, int]] = []
    for pos, tag in enumerate(tags):
        if tag == begin:
            runs.append((pos, pos + 1))
        elif tag == inside and runs and runs[-1][1] == pos:
            runs[-1] = (runs[-1][0], pos + 1)
    return runs


class AttributionTagger:
    """The shipped network and its vocabularies; ``find`` is pure given a parsed Doc."""

    def __init__(
        self, weights: Arrays, vocab: Vocab, lexicon: CueLexicon, encoder: Encoder | None = None
    ) -> None:
        self.weights = weights
        self.vocab = vocab
        self.lexicon = lexicon
        #: the accurate profile's: each token's MiniLM state joins its spaCy vector
        self.encoder = encoder

    def _decode(self, logp: np.ndarray, layer: str) -> list[int]:
        """Best BIO path of one layer ("cue" or "role") with its learned CRF transitions."""
        allowed = CUE_TRANSITIONS if layer == "cue" else ROLE_TRANSITIONS
        w = self.weights
        return viterbi(logp, allowed, w.get(f"{layer}_trans"), w.get(f"{layer}_start"))

    def find(self, doc: Doc, quotes: list[Quote]) -> list[Candidate]:
        """Candidate attributions in ``doc``; ``quotes`` are offsets into ``doc.text``."""
        paragraphs = [p for p in paragraph_tokens(doc) if p]
        if not paragraphs or doc.tensor is None or doc.tensor.shape[0] != len(doc):
            return []
        states = quote_states(doc, quotes)
        steps = max(len(p) for p in paragraphs)
        lengths = np.array([len(p) for p in paragraphs])
        if doc.tensor.shape[1] != WIDTH:
            return []
        encoded = (
            self.encoder.states([paragraph_text(doc, tokens) for tokens in paragraphs])
            if self.encoder is not None
            else None
        )
        width = WIDTH + (self.encoder.width if self.encoder is not None else 0)
        vectors = np.zeros((len(paragraphs), steps, width), dtype=np.float32)
        ids = np.zeros((len(paragraphs), steps, len(TOKEN_FIELDS)), dtype=np.int64)
        for row, tokens in enumerate(paragraphs):
            v, i = token_matrix(doc, tokens, self.lexicon, self.vocab, states)
            vectors[row, : len(tokens), :WIDTH] = v
            if encoded is not None:
                vectors[row, : len(tokens), WIDTH:] = encoded[row]
            ids[row, : len(tokens)] = i
        h, cue_logp = token_layer(self.weights, vectors, ids, lengths)
        cues: list[tuple[int, list[int], float]] = []  # paragraph row, positions, probability
        for row, tokens in enumerate(paragraphs):
            n = len(tokens)
            tags = self._decode(cue_logp[row, :n], "cue")
            not_o = 1.0 - np.exp(cue_logp[row, :n, 0])
            for s, e in _runs(tags, 1, 2):
                prob = float(not_o[s:e].mean())
                if prob >= MIN_CUE:
                    cues.append((row, list(range(s, e)), prob))
        if not cues:
            return []
        # each cue is read in a window of its paragraph (all of it, unless the paragraph is
        # longer than any in training), so a paragraph-long line costs per cue, not per cue
        # times its length
        starts = sentence_starts(doc)
        bounds = {row: sentence_bounds(paragraphs[row], starts) for row in {c[0] for c in cues}}
        windows = [cue_window(bounds[row], positions) for row, positions, _ in cues]
        width = max(end - start for start, end in windows)
        cue_ids = np.zeros((len(cues), width, len(CUE_FIELDS)), dtype=np.int64)
        cue_h = np.zeros((len(cues), width, h.shape[-1]), dtype=h.dtype)
        for k, ((row, positions, _), (start, end)) in enumerate(zip(cues, windows, strict=True)):
            tokens = paragraphs[row][start:end]
            cue_ids[k, : len(tokens)] = cue_matrix(
                doc, tokens, [paragraphs[row][p] for p in positions], self.vocab, starts
            )
            cue_h[k, : len(tokens)] = h[row, start:end]
        widths = np.array([end - start for start, end in windows])
        role_logp = cue_layer(self.weights, cue_h, cue_ids, widths)
        outer = [q for q in quotes if q.depth == 0]  # numbered as the rules number them
        found = []
        for k, ((row, cue_positions, cue_prob), (start, end)) in enumerate(
            zip(cues, windows, strict=True)
        ):
            tokens = paragraphs[row][start:end]
            positions = [p - start for p in cue_positions]
            n = len(tokens)
            tags = self._decode(role_logp[k, :n], "role")
            contents = _runs(tags, _ROLE_B_CON, _ROLE_I_CON)
            if not contents:
                continue
            sources = _runs(tags, _ROLE_B_SRC, _ROLE_I_SRC)
            probs = np.exp(role_logp[k, :n])
            inside = [p for s, e in contents for p in range(s, e)]
            content_prob = float((probs[inside, _ROLE_B_CON] + probs[inside, _ROLE_I_CON]).mean())

            def chars(s: int, e: int, tokens: list[int] = tokens, trim: bool = False) -> Range:
                """Character range of positions [s, e); ``trim`` drops edge punctuation
                (`said:` is the cue `said`)."""
                while trim and e - s > 1 and doc[tokens[e - 1]].is_punct:
                    e -= 1
                while trim and e - s > 1 and doc[tokens[s]].is_punct:
                    s += 1
                first, last = doc[tokens[s]], doc[tokens[e - 1]]
                return (first.idx, last.idx + len(last.text))

            source_root = None
            if sources:
                s, e = sources[0]
                source_root = source_head(doc[tokens[s] : tokens[e - 1] + 1]).i
            head = cue_head(doc, [tokens[p] for p in positions])
            content = [chars(s, e) for s, e in contents]
            found.append(
                Candidate(
                    content=content,
                    cue=[chars(positions[0], positions[-1] + 1, trim=True)],
                    source=[chars(s, e, trim=True) for s, e in sources[:1]],
                    confidence=cue_prob * content_prob,
                    rule="model",
                    source_root=source_root,
                    quote_ids={
                        qi
                        for qi, q in enumerate(outer)
                        if any(s <= q.start < e for s, e in content)
                    },
                    cue_lemma=doc[head].lemma_.lower(),
                )
            )
        return found


def source_head(span: Span) -> Token:
    """The word a source is about: the verb's subject where the parser hung more than one
    of its words outside it (`Republican state schools Superintendent Jennifer McCormick
    has cited`: `schools` and `McCormick` both hang on `cited`), else its root."""
    hanging = [t for t in span if t.head.i == t.i or not span.start <= t.head.i < span.end]
    subject = next((t for t in hanging if t.dep_ in {"nsubj", "nsubjpass"}), None)
    return subject if subject is not None and len(hanging) > 1 else span.root


@cache
def load_tagger(folder: str = "", *, accurate: bool = False) -> AttributionTagger | None:
    """The tagger in ``folder`` (from ``onrecord train``), else the shipped one; None when
    the package has no trained weights. A named folder without them is an error (E010).

    ``accurate``: the accurate profile's tagger (``onrecord train --accurate``: with
    ``encoder.onnx`` and ``tokenizer.json``), shipped in ``data/accurate``; it needs
    onnxruntime and tokenizers (``pip install 'onrecord[accurate]'``, else E016).
    """
    shipped = resources.files("onrecord.data")
    where: Traversable = (
        Path(folder) if folder else shipped.joinpath("accurate") if accurate else shipped
    )
    weights_file, vocab_file = where.joinpath("tagger.npz"), where.joinpath("tagger.json")
    encoder_file = where.joinpath("encoder.onnx")
    if (
        not weights_file.is_file()
        or not vocab_file.is_file()
        or (accurate and not encoder_file.is_file())
    ):
        if folder or accurate:
            problem = error("E010", path=folder or str(where))
            raise OnrecordError(problem.code, problem.message)
        return None
    if not accurate and encoder_file.is_file():  # its heads read the encoder's states too
        problem = error("E017", path=folder or str(where))
        raise OnrecordError(problem.code, problem.message)
    encoder = None
    if accurate:
        try:
            encoder = Encoder(Path(str(where)))
        except ImportError as err:
            problem = error("E016", missing=err.name or "onnxruntime")
            raise OnrecordError(problem.code, problem.message) from err
    with weights_file.open("rb") as f, np.load(f) as arrays:
        weights = {k: arrays[k] for k in arrays.files}
    vocab = Vocab(json.loads(vocab_file.read_text("utf-8"))["tables"])
    return AttributionTagger(weights, vocab, load_lexicon(), encoder)
