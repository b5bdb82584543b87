"""Score predicted attributions against gold: the official scorer's metrics, in the package.

Same definitions and the same numbers as ``../shared/eval/score.py`` (its README.md says
what each metric means): ``evaluate`` returns what ``score.py --json`` prints, key by key.
Users get the package, not the shared folder, hence this port. Bad input raises
``EvaluationError`` listing every problem as ``file:line: what``; nothing is printed.
"""

from __future__ import annotations

import json
import logging
import re
import unicodedata
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from os import PathLike
from pathlib import Path
from typing import Any

from onrecord import errors
from onrecord.errors import OnrecordError
from onrecord.model import KINDS, RawDocument
from onrecord.quote_kinds import quote_kind, quoted_chars

logger = logging.getLogger(__name__)

Span = tuple[int, int]
Spans = tuple[Span, ...]
TokenSet = frozenset[int]
#: a .jsonl file (or one .json record or list), or the records themselves
Records = str | PathLike[str] | Iterable[dict[str, Any]]

PARTS = ("source", "cue", "content")
OVERLAP = 0.5  # token Jaccard a content (or source) needs for a match; exactly 0.5 counts
METRICS = (
    "attribution",
    "content_overlap",
    "content_exact",
    "content_token",
    "source_exact",
    "cue_exact",
)
_WORD = re.compile(r"\w+")
_NAME_STOP = frozenset({"the", "mr", "mrs", "ms", "dr", "jr", "sr"})


class EvaluationError(OnrecordError):
    """Bad gold or prediction input; ``problems`` holds every one found, in file order."""

    def __init__(self, problems: list[OnrecordError]) -> None:
        super().__init__(problems[0].code, "\n".join(p.message for p in problems))
        self.problems = tuple(problems)


def _problem(code: str, **fields: object) -> OnrecordError:
    record = errors.error(code, **fields)
    return OnrecordError(record.code, record.message)


@dataclass(frozen=True, slots=True)
class _Attribution:
    """Sorted pieces of each part; ``kind`` and ``speaker`` (a name) as given, or None."""

    source: Spans
    cue: Spans
    content: Spans
    kind: str | None = None
    speaker: str | None = None
    has_speaker: bool = False  # gold: is the speaker annotated at all
    id: str | None = None
    via: str | None = None  # id of the attribution that reports this one
    has_via: bool = False  # gold: is nesting annotated at all


@dataclass(frozen=True, slots=True)
class _Document:
    """One validated record; ``text`` is None only for a prediction with no gold match."""

    id: str
    text: str | None
    attributions: tuple[_Attribution, ...]
    meta: dict[str, Any] = field(default_factory=dict)


# ---------------------------------------------------------------- reading and validation


def evaluate(gold: Records, pred: Records) -> dict[str, Any]:
    """Every metric of ``pred`` against ``gold``, as ``score.py --json`` reports it."""
    gold_docs, pred_docs = _load(gold, pred)
    extra = [doc_id for doc_id in pred_docs if doc_id not in gold_docs]
    if extra:
        logger.warning("%d predicted ids not in gold, ignored (first: %r)", len(extra), extra[0])
    return _score(gold_docs, pred_docs)


def read_gold_texts(gold: Records) -> list[RawDocument]:
    """The gold documents as extraction input (id, text, meta), validated like ``evaluate``."""
    problems: list[OnrecordError] = []
    try:
        docs = _read(gold, None, problems)
    except OnrecordError as err:
        problems.append(err)
    if problems:
        raise EvaluationError(problems)
    return [RawDocument(d.id, d.text or "", d.meta) for d in docs.values()]


def without_nested(gold: dict[str, Any]) -> dict[str, Any]:
    """A gold record as PolNeAR would mark it: without the reports inside another's content
    (those with a ``via``), which PolNeAR never marks and ``--convention polnear`` keeps
    only when sure. For scoring our own nested gold under that convention."""
    return {**gold, "attributions": [a for a in gold["attributions"] if a.get("via") is None]}


def _load(gold: Records, pred: Records) -> tuple[dict[str, _Document], dict[str, _Document]]:
    problems: list[OnrecordError] = []
    gold_docs: dict[str, _Document] = {}
    pred_docs: dict[str, _Document] = {}
    try:
        gold_docs = _read(gold, None, problems)
        pred_docs = _read(pred, gold_docs, problems)
    except OnrecordError as err:  # an unreadable file; predictions wait for readable gold
        problems.append(err)
    if problems:
        raise EvaluationError(problems)
    return gold_docs, pred_docs


def _read(
    records: Records, gold: dict[str, _Document] | None, problems: list[OnrecordError]
) -> dict[str, _Document]:
    """Validate gold (``gold`` is None) or predictions (checked against gold's texts)."""
    docs: dict[str, _Document] = {}
    label = "gold" if gold is None else "predictions"
    for where, obj in _records(records, label, problems):
        try:
            doc = _document(obj, where, gold)
            if doc.id in docs:
                raise _problem("E105", where=where, doc_id=doc.id)
            docs[doc.id] = doc
        except OnrecordError as err:
            problems.append(err)
    return docs


def _records(
    records: Records, label: str, problems: list[OnrecordError]
) -> Iterator[tuple[str, object]]:
    """Each record with where it is (``file:line``); unparsable lines go to ``problems``."""
    if not isinstance(records, str | PathLike):
        yield from ((f"{label}:record {i}", obj) for i, obj in enumerate(records, 1))
        return
    path = Path(records)
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        raise _problem("E101", path=path, detail=err) from None
    if path.suffix == ".json":  # one record or a list of them; failing that, JSON Lines
        try:
            data = json.loads(raw)
        except json.JSONDecodeError:
            pass
        else:
            items = data if isinstance(data, list) else [data]
            yield from ((f"{path}:record {i}", obj) for i, obj in enumerate(items, 1))
            return
    for n, line in enumerate(raw.split("\n"), 1):  # not splitlines: U+2028 may sit in a string
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as err:
            detail = f"{err.msg}, column {err.colno}"
            problems.append(_problem("E102", where=f"{path}:{n}", detail=detail))
            continue
        yield f"{path}:{n}", obj


def _document(obj: object, where: str, gold: dict[str, _Document] | None) -> _Document:
    if not isinstance(obj, dict):
        raise _problem("E103", where=where, got=type(obj).__name__)
    doc_id = obj.get("id")
    if not isinstance(doc_id, str) or not doc_id:
        raise _problem("E104", where=where)
    text = obj.get("text")
    if text is not None and not isinstance(text, str):
        raise _problem("E106", where=where, detail='"text" must be a string')
    if gold is None and text is None:
        raise _problem("E106", where=where, detail=f'gold document {doc_id!r} has no "text"')
    if gold is not None and doc_id in gold:
        if text is not None and text != gold[doc_id].text:
            raise _problem("E107", where=where, doc_id=doc_id)
        text = gold[doc_id].text
    items = obj.get("attributions")
    if not isinstance(items, list):
        raise _problem("E108", where=where)
    names = _entity_names(obj.get("entities"))
    attributions = tuple(
        _attribution(a, f"{where}: attribution {i}", text, names) for i, a in enumerate(items)
    )
    meta = obj.get("meta")
    return _Document(doc_id, text, attributions, meta if isinstance(meta, dict) else {})


def _entity_names(entities: object) -> dict[str, str]:
    """Entity id -> name, so a predicted ``speaker`` may be either."""
    return {
        e["id"]: e["name"]
        for e in (entities if isinstance(entities, list) else [])
        if isinstance(e, dict) and isinstance(e.get("id"), str) and isinstance(e.get("name"), str)
    }


def _attribution(obj: object, where: str, text: str | None, names: dict[str, str]) -> _Attribution:
    if not isinstance(obj, dict):
        raise _problem("E103", where=where, got=type(obj).__name__)
    if "content" not in obj:
        raise _problem("E109", where=where)
    kind = obj.get("kind")
    if kind is not None and kind not in KINDS:
        raise _problem("E110", where=where, kinds=", ".join(KINDS), kind=kind)
    source, cue, content = (_pieces(obj.get(p, []), f"{where} {p}", text) for p in PARTS)
    speaker = obj.get("speaker")
    if speaker is not None and not isinstance(speaker, str):
        expected = "a string (an entity id or a name) or null"
        raise _problem("E111", where=where, key="speaker", expected=expected)
    for key in ("id", "via"):
        if obj.get(key) is not None and not isinstance(obj.get(key), str):
            raise _problem("E111", where=where, key=key, expected="a string or null")
    return _Attribution(
        source,
        cue,
        content,
        kind=kind,
        speaker=names.get(speaker, speaker) if speaker else None,
        has_speaker="speaker" in obj,
        id=obj.get("id"),
        via=obj.get("via"),
        has_via="via" in obj,
    )


def _pieces(value: object, where: str, text: str | None) -> Spans:
    if not isinstance(value, list):
        raise _problem("E112", where=where, detail="expected a list of [start, end] pieces")
    pieces = []
    for piece in value:
        if not (isinstance(piece, list) and len(piece) == 2 and all(type(x) is int for x in piece)):
            raise _problem(
                "E112", where=where, detail=f"piece {piece!r} is not [start, end] integers"
            )
        start, end = piece
        if start > end:
            raise _problem("E112", where=where, detail=f"piece {piece} has start > end")
        if start < 0 or (text is not None and end > len(text)):
            detail = f"piece {piece} is outside the text (0..{len(text or '')})"
            raise _problem("E112", where=where, detail=detail)
        pieces.append((start, end))
    return tuple(sorted(pieces))


# ---------------------------------------------------------------- span arithmetic


def _is_trimmable(ch: str) -> bool:
    return ch.isspace() or unicodedata.category(ch).startswith("P")


def _trim(text: str, start: int, end: int, is_trimmable: Callable[[str], bool]) -> Span:
    while start < end and is_trimmable(text[start]):
        start += 1
    while end > start and is_trimmable(text[end - 1]):
        end -= 1
    return start, end


def trim_pieces(text: str, pieces: Spans) -> Spans:
    """Pieces without outer whitespace and punctuation, joined where only those part them.

    So `“X,”` equals `X`, and `“A,” “B.”` in one piece equals `A` + `B` in two. A piece
    that is nothing but punctuation (a ``:`` cue) keeps its marks.
    """
    out: list[Span] = []
    for start, end in pieces:
        trimmed = _trim(text, start, end, _is_trimmable)
        if trimmed[0] == trimmed[1]:  # all punctuation: trim whitespace only
            trimmed = _trim(text, start, end, str.isspace)
            if trimmed[0] == trimmed[1]:
                continue
        if out and all(map(_is_trimmable, text[out[-1][1] : trimmed[0]])):
            out[-1] = (out[-1][0], max(out[-1][1], trimmed[1]))
        else:
            out.append(trimmed)
    return tuple(out)


class Tokens:
    """The ``\\w+`` tokens of one text, for the token set a span touches."""

    def __init__(self, text: str) -> None:
        self.spans = [m.span() for m in _WORD.finditer(text)]
        self.ends = [end for _, end in self.spans]

    def covered(self, pieces: Spans) -> TokenSet:
        """Indices of the tokens that share at least one character with the pieces."""
        found: set[int] = set()
        for start, end in pieces:
            i = bisect_right(self.ends, start)
            while i < len(self.spans) and self.spans[i][0] < end:
                found.add(i)
                i += 1
        return frozenset(found)


def jaccard(a: TokenSet, b: TokenSet) -> float:
    """|a ∩ b| / |a ∪ b|; 1.0 for two empty sets (no source on either side agrees)."""
    return len(a & b) / len(a | b) if a or b else 1.0


def match_contents(
    gold: list[TokenSet],
    pred: list[TokenSet],
    gold_source: list[TokenSet],
    pred_source: list[TokenSet],
) -> dict[int, int]:
    """One-to-one pred -> gold index pairs whose content token Jaccard >= OVERLAP.

    Greedy, best content Jaccard first; ties go to the pair whose sources agree more, so
    two attributions of the same content by different speakers pair up right.
    """
    holders: dict[int, list[int]] = {}
    for g, tokens in enumerate(gold):
        for t in tokens:
            holders.setdefault(t, []).append(g)
    pairs = []
    for p, tokens in enumerate(pred):
        for g in {g for t in tokens for g in holders.get(t, ())}:  # golds sharing a token
            similarity = jaccard(gold[g], tokens)
            if similarity >= OVERLAP:
                pairs.append((-similarity, -jaccard(gold_source[g], pred_source[p]), g, p))
    matched: dict[int, int] = {}
    used_gold: set[int] = set()
    for *_, g, p in sorted(pairs):
        if p not in matched and g not in used_gold:
            matched[p] = g
            used_gold.add(g)
    return matched


def name_tokens(name: str | None) -> frozenset[str]:
    """Casefolded, accent-free words of a name, without articles and honorifics."""
    if not name:
        return frozenset()
    folded = unicodedata.normalize("NFKD", name.casefold())
    words = _WORD.findall("".join(ch for ch in folded if not unicodedata.combining(ch)))
    return frozenset(w for w in words if w not in _NAME_STOP)


def is_same_speaker(gold: str | None, pred: str | None) -> bool:
    """Both unknown, or one name's words contain the other's ("Biden" = "Joe Biden")."""
    g, p = name_tokens(gold), name_tokens(pred)
    if not g or not p:
        return not g and not p
    return g <= p or p <= g


# ---------------------------------------------------------------- scoring


@dataclass(slots=True)
class _Count:
    """Matches, predictions and gold items behind one precision / recall / F1."""

    tp: int = 0
    pred: int = 0
    gold: int = 0

    def add(self, tp: int, pred: int, gold: int) -> None:
        self.tp += tp
        self.pred += pred
        self.gold += gold

    def as_dict(self) -> dict[str, float | int | None]:
        """P, R and F1 as fractions; None where nothing was predicted (P) or expected (R)."""
        p = self.tp / self.pred if self.pred else None
        r = self.tp / self.gold if self.gold else None
        f1 = None if p is None and r is None else (2 * p * r / (p + r) if p and r else 0.0)
        return {"precision": p, "recall": r, "f1": f1, **asdict(self)}


@dataclass(slots=True)
class _KindCount:
    """Attributions of one kind, and how many were content / attribution matches."""

    n: int = 0
    content: int = 0
    attribution: int = 0

    def add(self, is_content: bool, is_attribution: bool) -> None:
        self.n += 1
        self.content += is_content
        self.attribution += is_attribution

    def as_dict(self, side: str) -> dict[str, float | int | None]:
        rate = "recall" if side == "gold" else "precision"
        return {
            side: self.n,
            f"content_overlap_{rate}": self.content / self.n if self.n else None,
            f"attribution_{rate}": self.attribution / self.n if self.n else None,
        }


def _per_kind() -> dict[str, _KindCount]:
    return {k: _KindCount() for k in KINDS}


@dataclass(slots=True)
class _Scores:
    """Corpus totals, micro-averaged: every attribution (or token) weighs the same."""

    metrics: dict[str, _Count] = field(default_factory=lambda: {m: _Count() for m in METRICS})
    by_gold_kind: dict[str, _KindCount] = field(default_factory=_per_kind)
    by_pred_kind: dict[str, _KindCount] = field(default_factory=_per_kind)
    speaker: _Count = field(default_factory=_Count)  # tp: right speaker; gold: judged matches
    via: _Count = field(default_factory=_Count)  # tp: right reporter; gold: judged matches


def _score(gold: dict[str, _Document], pred: dict[str, _Document]) -> dict[str, Any]:
    """The result of validated documents (see ``evaluate``)."""
    scores = _Scores()
    for doc_id, doc in gold.items():
        _score_document(doc, pred.get(doc_id), scores)
    return _report(scores, gold, pred)


def _score_document(gold: _Document, pred: _Document | None, scores: _Scores) -> None:
    """Add one document's counts to the corpus totals."""
    text = gold.text or ""  # validated: gold always has text
    tokens = Tokens(text)
    g_attrs, p_attrs = gold.attributions, pred.attributions if pred else ()
    g_content = [tokens.covered(a.content) for a in g_attrs]
    p_content = [tokens.covered(a.content) for a in p_attrs]
    g_source = [tokens.covered(a.source) for a in g_attrs]
    p_source = [tokens.covered(a.source) for a in p_attrs]
    matched = match_contents(g_content, p_content, g_source, p_source)
    correct = {p for p, g in matched.items() if jaccard(g_source[g], p_source[p]) >= OVERLAP}
    m = scores.metrics
    m["content_overlap"].add(len(matched), len(p_attrs), len(g_attrs))
    m["attribution"].add(len(correct), len(p_attrs), len(g_attrs))
    g_exact = Counter(trim_pieces(text, a.content) for a in g_attrs)
    p_exact = Counter(trim_pieces(text, a.content) for a in p_attrs)
    m["content_exact"].add((g_exact & p_exact).total(), len(p_attrs), len(g_attrs))
    g_tokens, p_tokens = frozenset().union(*g_content), frozenset().union(*p_content)
    m["content_token"].add(len(g_tokens & p_tokens), len(p_tokens), len(g_tokens))
    for part in ("source", "cue"):
        g_set = {s for a in g_attrs for s in trim_pieces(text, getattr(a, part))}
        p_set = {s for a in p_attrs for s in trim_pieces(text, getattr(a, part))}
        m[f"{part}_exact"].add(len(g_set & p_set), len(p_set), len(g_set))
    _score_speakers(g_attrs, p_attrs, matched, scores)
    hits = {g: p in correct for p, g in matched.items()}
    mask = quoted_chars(text) if any(a.kind is None for a in g_attrs) else None
    for g, a in enumerate(g_attrs):
        kind = a.kind or quote_kind(text, a.content, mask)
        scores.by_gold_kind[kind].add(g in hits, hits.get(g, False))
    for p, a in enumerate(p_attrs):
        if a.kind:
            scores.by_pred_kind[a.kind].add(p in matched, p in correct)


def _score_speakers(
    g_attrs: tuple[_Attribution, ...],
    p_attrs: tuple[_Attribution, ...],
    matched: dict[int, int],
    scores: _Scores,
) -> None:
    """Speaker and nesting (``via``) accuracy over content matches whose gold has them."""
    for p, g in matched.items():
        if g_attrs[g].has_speaker:
            is_right = is_same_speaker(g_attrs[g].speaker, p_attrs[p].speaker)
            scores.speaker.add(int(is_right), 1, 1)
    g_index = {a.id: i for i, a in enumerate(g_attrs) if a.id}
    p_index = {a.id: i for i, a in enumerate(p_attrs) if a.id}
    for p, g in matched.items():
        if g_attrs[g].has_via:
            want, got = g_attrs[g].via, p_attrs[p].via
            if want is None:
                is_right = got is None
            else:  # the predicted reporter must be the match of the gold reporter
                is_right = got in p_index and matched.get(p_index[got]) == g_index.get(want)
            scores.via.add(int(is_right), 1, 1)


def _share(n: int, d: int) -> float | None:
    return n / d if d else None


def _report(
    scores: _Scores, gold: dict[str, _Document], pred: dict[str, _Document]
) -> dict[str, Any]:
    """The machine-readable result (fractions in 0..1; None where undefined)."""
    overlap, attribution = scores.metrics["content_overlap"], scores.metrics["attribution"]
    return {
        "documents": {
            "gold": len(gold),
            "predicted": sum(1 for d in gold if d in pred),
            "missing": sum(1 for d in gold if d not in pred),
            "extra": sum(1 for d in pred if d not in gold),
        },
        "metrics": {name: c.as_dict() for name, c in scores.metrics.items()},
        "source_given_content": {
            "accuracy": _share(attribution.tp, overlap.tp),
            "correct": attribution.tp,
            "matched": overlap.tp,
        },
        "speaker_given_content": {
            "accuracy": _share(scores.speaker.tp, scores.speaker.gold),
            "correct": scores.speaker.tp,
            "judged": scores.speaker.gold,
        },
        "via_given_content": {
            "accuracy": _share(scores.via.tp, scores.via.gold),
            "correct": scores.via.tp,
            "judged": scores.via.gold,
        },
        "by_gold_kind": {k: c.as_dict("gold") for k, c in scores.by_gold_kind.items()},
        "by_pred_kind": {k: c.as_dict("pred") for k, c in scores.by_pred_kind.items() if c.n},
    }


# ---------------------------------------------------------------- the table


def _percent(x: float | None) -> str:
    return "-" if x is None else f"{100 * x:.1f}"


def _row(first: str, *cells: object, width: int = 8) -> str:
    return f"{first:<22}" + "".join(f"{cell!s:>{width}}" for cell in cells)


def format_table(result: dict[str, Any], by_kind: bool = False) -> str:
    """The human-readable table of a result, in percent (``score.py``'s layout)."""
    docs = result["documents"]
    lines = [
        f"documents: {docs['gold']} gold, {docs['predicted']} predicted, "
        f"{docs['missing']} missing, {docs['extra']} extra (ignored)",
        "",
        _row("metric", "P", "R", "F1", "match", "pred", "gold"),
    ]
    for name, v in result["metrics"].items():
        rates = (_percent(v[k]) for k in ("precision", "recall", "f1"))
        lines.append(_row(name, *rates, v["tp"], v["pred"], v["gold"]))
    sgc = result["source_given_content"]
    lines.append(
        _row("source_given_content", _percent(sgc["accuracy"]))
        + f"  accuracy: {sgc['correct']} of {sgc['matched']} content matches"
    )
    for name, what in (("speaker", "a gold speaker"), ("via", "gold nesting")):
        v = result[f"{name}_given_content"]
        if v["judged"]:
            lines.append(
                _row(f"{name}_given_content", _percent(v["accuracy"]))
                + f"  accuracy: {v['correct']} of {v['judged']} content matches with {what}"
            )
    if by_kind:
        lines += _kind_rows(result["by_gold_kind"], "gold kind", "gold", "recall")
        if result["by_pred_kind"]:
            lines += _kind_rows(result["by_pred_kind"], "predicted kind", "pred", "precision")
    return "\n".join(lines)


def _kind_rows(counts: dict[str, Any], title: str, side: str, rate: str) -> list[str]:
    letter = rate[0].upper()
    lines = ["", _row(title, side, f"content_overlap {letter}", f"attribution {letter}", width=18)]
    for kind, v in counts.items():
        rates = _percent(v[f"content_overlap_{rate}"]), _percent(v[f"attribution_{rate}"])
        lines.append(_row(kind, v[side], *rates, width=18))
    return lines
