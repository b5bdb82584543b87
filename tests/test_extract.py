"""extract.py end to end, scored with the official metrics (``onrecord.evaluation``).

Three gates:

- each hand-made case in tests/data/cases/ stays at or above its pinned floors, for the
  default finder (rules and tagger combined) and for the rules alone (the rule stage must
  not regress under the tagger);
- the seed article and PolNeAR dev meet the issues' acceptance targets (``xfail`` with the
  measured numbers while they do not);
- PolNeAR dev stays at or above pinned floors, so a regression fails before the targets
  are met.

The seed article and PolNeAR are read from ../shared at test time, never copied here, and
their tests skip where ../shared is absent. Run with ``-s`` to see the measured numbers.
"""

from __future__ import annotations

import json
import tracemalloc
from pathlib import Path
from typing import Any

import pytest

import fictional_news
import onrecord
from accurate_folder import write_accurate_folder
from onrecord import Document, Extractor, extract
from onrecord.errors import OnrecordError
from onrecord.evaluation import (
    OVERLAP,
    Tokens,
    evaluate,
    is_same_speaker,
    jaccard,
    match_contents,
    read_gold_texts,
    without_nested,
)

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "tests" / "data" / "cases"
SHARED = (ROOT / ".." / "shared").resolve()
SEED = SHARED / "examples" / "seed-article" / "gold.json"
DEV = SHARED / "data" / "polnear" / "dev.jsonl"
AEB = SHARED / "data" / "aeb" / "attributions.jsonl"

# Floors rise only on purpose: each is a little below the value measured when it was
# pinned (one lost attribution in a case of ~10 costs about 0.05 F1), so a regression
# fails. When a rule change lifts a case, raise its floor in the same change.
# case: (attribution F1, content_overlap F1, speaker_given_content accuracy)
RULE_CASE_FLOORS: dict[str, tuple[float, float, float]] = {
    "anonymous_sources": (0.91, 0.91, 0.83),  # measured 0.933 0.933 0.857
    "bundled_example": (0.92, 0.92, 0.98),  # measured 0.947 0.947 1.000
    "cue_phrases": (0.98, 0.98, 0.69),  # measured 1.000 1.000 0.714
    "curly_double_quotes": (0.98, 0.98, 0.98),  # measured 1.000 1.000 1.000
    "guillemets": (0.98, 0.98, 0.81),  # measured 1.000 1.000 0.833
    "inline_subheadings": (0.98, 0.98, 0.98),  # measured 1.000 1.000 1.000
    "inverted_and_colon": (0.9, 0.9, 0.98),  # measured 0.923 0.923 1.000
    "mojibake": (0.98, 0.98, 0.78),  # measured 1.000 1.000 0.800
    "multi_paragraph_quote": (0.86, 0.86, 0.98),  # measured 0.889 0.889 1.000
    "no_false_attributions": (0.78, 0.78, 0.98),  # measured 0.800 0.800 1.000
    "reported_speech": (0.81, 0.81, 0.98),  # measured 0.833 0.833 1.000
    "single_quotes_curly": (0.81, 0.81, 0.78),  # measured 0.833 0.833 0.800
    "single_quotes_straight": (0.78, 0.78, 0.98),  # measured 0.800 0.800 1.000
    "sourcing_nested": (0.98, 0.98, 0.98),  # measured 1.000 1.000 1.000
    "speaker_resolution": (0.82, 0.82, 0.98),  # measured 0.842 0.842 1.000
    "split_quotes": (0.88, 0.88, 0.98),  # measured 0.909 0.909 1.000
    "straight_double_quotes": (0.98, 0.98, 0.98),  # measured 1.000 1.000 1.000
}

# The default finder (tagger and rules combined) on the same cases. Where it is below the
# rules (anonymous_sources), the tagger follows PolNeAR's broader notion of attribution
# (`plans to`, `did not respond to requests for comment`), which our hand-made gold leaves
# out; rule finds the tagger did not make are kept from 0.45 (combine.RULE_ALONE_KEEP), so
# the rules' one false find in no_false_attributions stays.
CASE_FLOORS: dict[str, tuple[float, float, float]] = {
    "anonymous_sources": (0.85, 0.85, 0.83),  # measured 0.875 0.875 0.857
    "bundled_example": (0.79, 0.88, 0.98),  # measured 0.800 0.900 1.000
    "cue_phrases": (0.98, 0.98, 0.69),  # measured 1.000 1.000 0.714
    "curly_double_quotes": (0.98, 0.98, 0.98),  # measured 1.000 1.000 1.000
    "guillemets": (0.98, 0.98, 0.81),  # measured 1.000 1.000 0.833
    "inline_subheadings": (0.88, 0.88, 0.98),  # measured 0.909 0.909 1.000
    "inverted_and_colon": (0.9, 0.9, 0.98),  # measured 0.923 0.923 1.000
    "mojibake": (0.98, 0.98, 0.78),  # measured 1.000 1.000 0.800
    "multi_paragraph_quote": (0.78, 0.78, 0.98),  # measured 0.800 0.800 1.000
    "no_false_attributions": (0.78, 0.78, 0.98),  # measured 0.800 0.800 1.000
    "reported_speech": (0.94, 0.94, 0.98),  # measured 0.960 0.960 1.000
    "single_quotes_curly": (0.81, 0.81, 0.78),  # measured 0.833 0.833 0.800
    "single_quotes_straight": (0.78, 0.78, 0.98),  # measured 0.800 0.800 1.000
    "sourcing_nested": (0.98, 0.98, 0.98),  # measured 1.000 1.000 1.000
    "speaker_resolution": (0.78, 0.88, 0.98),  # measured 0.800 0.900 1.000
    "split_quotes": (0.98, 0.98, 0.98),  # measured 1.000 1.000 1.000
    "straight_double_quotes": (0.98, 0.98, 0.98),  # measured 1.000 1.000 1.000
}

# PolNeAR dev, same rule; measured on all 84 documents.
RULE_POLNEAR_FLOORS = {
    "attribution_f1": 0.63,  # measured 0.639
    "content_overlap_f1": 0.66,  # measured 0.674
    "direct_attribution_recall": 0.87,  # measured 0.871 (0.881 with nested reports kept)
}
POLNEAR_FLOORS = {  # the default finder
    "attribution_f1": 0.70,  # measured 0.712
    "content_overlap_f1": 0.74,  # measured 0.751
    "direct_attribution_recall": 0.87,  # measured 0.886
    "content_exact_f1": 0.62,  # measured 0.632
    "source_exact_f1": 0.77,  # measured 0.789
    "cue_exact_f1": 0.72,  # measured 0.732
    "speaker_given_content": 0.90,  # measured 0.913 (issue 14: 0.90)
}

# The issues' acceptance targets (#3: the core; #4: the trained model).
# (#14: speakers, the seed article at 0.95.)
SEED_TARGETS = {"attribution_f1": 0.90, "speaker_given_content": 0.95, "via_given_content": 0.90}
POLNEAR_TARGETS = {
    "attribution_f1": 0.68,
    "content_overlap_f1": 0.70,
    "direct_attribution_recall": 0.88,
    "content_exact_f1": 0.62,
    "source_exact_f1": 0.78,
    "cue_exact_f1": 0.72,
    "speaker_given_content": 0.90,  # issue 14
}

needs_seed = pytest.mark.skipif(not SEED.exists(), reason=f"seed article not found at {SEED}")
needs_dev = pytest.mark.skipif(not DEV.exists(), reason=f"PolNeAR dev not found at {DEV}")


def summary(result: dict[str, Any]) -> dict[str, float]:
    """The numbers the gates look at; None (nothing to judge) reads as 0."""
    metrics = result["metrics"]
    return {
        "attribution_f1": metrics["attribution"]["f1"] or 0.0,
        "content_overlap_f1": metrics["content_overlap"]["f1"] or 0.0,
        "speaker_given_content": result["speaker_given_content"]["accuracy"] or 0.0,
        "via_given_content": result["via_given_content"]["accuracy"] or 0.0,
        "direct_attribution_recall": (
            result["by_gold_kind"]["direct"]["attribution_recall"] or 0.0
        ),
        "content_exact_f1": metrics["content_exact"]["f1"] or 0.0,
        "source_exact_f1": metrics["source_exact"]["f1"] or 0.0,
        "cue_exact_f1": metrics["cue_exact"]["f1"] or 0.0,
    }


def shown(numbers: dict[str, float]) -> str:
    return ", ".join(f"{k} {v:.3f}" for k, v in numbers.items())


def check_offsets(doc: Document) -> list[str]:
    """Every way ``doc``'s offsets are out of the text or unsorted."""
    n, bad = len(doc.text), []
    for a in doc.attributions:
        for part in ("content", "cue", "source"):
            pieces = getattr(a, part)
            if not all(0 <= p.start <= p.end <= n for p in pieces):
                bad.append(f"{doc.id} {a.id} {part} outside 0..{n}: {pieces}")
            if list(pieces) != sorted(pieces):
                bad.append(f"{doc.id} {a.id} {part} unsorted: {pieces}")
        if not a.content or any(p.start == p.end for p in a.content):
            bad.append(f"{doc.id} {a.id} empty content piece: {a.content}")
        if a.via is not None and a.via not in {b.id for b in doc.attributions}:
            bad.append(f"{doc.id} {a.id} via {a.via} names no attribution")
        if a.speaker is not None and doc.entity(a.speaker) is None:
            bad.append(f"{doc.id} {a.id} speaker {a.speaker} names no entity")
    for e in doc.entities:
        if not all(0 <= p.start <= p.end <= n for p in e.mentions):
            bad.append(f"{doc.id} entity {e.id} mentions outside 0..{n}")
    for p in (*doc.headings, *(r.span for r in doc.repairs)):
        if not 0 <= p.start <= p.end <= n:
            bad.append(f"{doc.id} heading or repair outside 0..{n}: {p}")
    return bad


# ---------------------------------------------------------------- hand-made cases


def _case(name: str) -> dict[str, Any]:
    return json.loads((CASES / f"{name}.json").read_text(encoding="utf-8"))


def test_extract_every_case_has_floors() -> None:
    names = sorted(p.stem for p in CASES.glob("*.json"))
    assert sorted(CASE_FLOORS) == names
    assert sorted(RULE_CASE_FLOORS) == names


def _case_below_floors(
    extractor: Extractor, name: str, pinned: tuple[float, float, float]
) -> dict[str, str]:
    gold = _case(name)
    if extractor.settings.convention == "polnear":
        gold = without_nested(gold)  # PolNeAR marks none (0 of 19,880 on train)
    doc = extractor(gold["text"], id=gold["id"])
    assert doc.is_ok, doc.errors
    got = summary(evaluate([gold], [doc.to_dict()]))
    print(f"\n{name} ({extractor.settings.finder}): {shown(got)}")
    keys = ("attribution_f1", "content_overlap_f1", "speaker_given_content")
    floors = dict(zip(keys, pinned, strict=True))
    return {k: f"{got[k]:.3f} < {floor}" for k, floor in floors.items() if got[k] < floor}


@pytest.mark.parametrize("name", sorted(CASE_FLOORS))
def test_extract_case_stays_above_floors(polnear_extractor: Extractor, name: str) -> None:
    """The cases' gold follows PolNeAR's convention (tests/data/README.md)."""
    below = _case_below_floors(polnear_extractor, name, CASE_FLOORS[name])
    assert not below, f"{name} fell below its floors: {below}"


@pytest.mark.parametrize("name", sorted(RULE_CASE_FLOORS))
def test_extract_case_rules_alone_stay_above_floors(
    polnear_rules_extractor: Extractor, name: str
) -> None:
    below = _case_below_floors(polnear_rules_extractor, name, RULE_CASE_FLOORS[name])
    assert not below, f"{name} (rules alone) fell below its floors: {below}"


@pytest.mark.parametrize("name", sorted(CASE_FLOORS))
def test_extract_case_offsets_are_in_text_and_sorted(name: str) -> None:
    gold = _case(name)
    doc = onrecord.extract(gold["text"], id=gold["id"])
    assert doc.text == gold["text"]
    assert check_offsets(doc) == []


# ---------------------------------------------------------------- the seed article


@pytest.fixture(scope="module")
def seed(extractor: Extractor) -> tuple[dict[str, Any], Document, dict[str, float]]:
    if not SEED.exists():
        pytest.skip(f"seed article not found at {SEED}")
    gold = json.loads(SEED.read_text(encoding="utf-8"))
    doc = extractor(gold["text"], id=gold["id"])
    got = summary(evaluate([gold], [doc.to_dict()]))
    print(f"\nseed: {shown(got)}")
    return gold, doc, got


@needs_seed
def test_extract_seed_attribution_f1(
    seed: tuple[dict[str, Any], Document, dict[str, float]],
) -> None:
    assert seed[2]["attribution_f1"] >= SEED_TARGETS["attribution_f1"]


@needs_seed
def test_extract_seed_speaker_given_content(
    seed: tuple[dict[str, Any], Document, dict[str, float]],
) -> None:
    assert seed[2]["speaker_given_content"] >= SEED_TARGETS["speaker_given_content"]


@needs_seed
def test_extract_seed_via_given_content(
    seed: tuple[dict[str, Any], Document, dict[str, float]],
) -> None:
    assert seed[2]["via_given_content"] >= SEED_TARGETS["via_given_content"]


def _direct_problems(gold: dict[str, Any], doc: Document) -> list[str]:
    """Each gold direct attribution not found (content and source) with the right speaker."""
    text, tokens = gold["text"], Tokens(gold["text"])

    def covered(pieces: Any) -> frozenset[int]:
        return tokens.covered(tuple((int(s), int(e)) for s, e in pieces))

    g_attrs, p_attrs = gold["attributions"], doc.attributions
    g_content = [covered(a["content"]) for a in g_attrs]
    g_source = [covered(a["source"]) for a in g_attrs]
    p_content = [covered((p.start, p.end) for p in a.content) for a in p_attrs]
    p_source = [covered((p.start, p.end) for p in a.source) for a in p_attrs]
    pred_of = {g: p for p, g in match_contents(g_content, p_content, g_source, p_source).items()}
    problems = []
    for g, a in enumerate(g_attrs):
        if a["kind"] != "direct":
            continue
        start, end = a["content"][0]
        label = f"{text[start:end][:40]!r}"
        if g not in pred_of:
            problems.append(f"{label}: content not found")
            continue
        p = p_attrs[pred_of[g]]
        entity = doc.entity(p.speaker)
        name = entity.name if entity else None
        if jaccard(g_source[g], p_source[pred_of[g]]) < OVERLAP:
            problems.append(f"{label}: source {doc.span_text(p.source)!r}, not the gold one")
        if not is_same_speaker(a["speaker"], name):
            problems.append(f"{label}: speaker {name!r}, expected {a['speaker']!r}")
    return problems


@needs_seed
def test_extract_seed_direct_attributions_have_right_speaker(
    seed: tuple[dict[str, Any], Document, dict[str, float]],
) -> None:
    gold, doc, _ = seed
    assert sum(a["kind"] == "direct" for a in gold["attributions"]) == 5
    assert _direct_problems(gold, doc) == []


@needs_seed
def test_extract_seed_offsets_are_in_text_and_sorted(
    seed: tuple[dict[str, Any], Document, dict[str, float]],
) -> None:
    assert check_offsets(seed[1]) == []


# ---------------------------------------------------------------- PolNeAR dev


@pytest.fixture(scope="module")
def polnear(polnear_extractor: Extractor) -> tuple[list[Document], dict[str, float]]:
    """All 84 dev documents extracted once (about 25 s) under PolNeAR's own convention
    (sources with their asides, actions of stance) and scored."""
    if not DEV.exists():
        pytest.skip(f"PolNeAR dev not found at {DEV}")
    docs = list(polnear_extractor.pipe(read_gold_texts(DEV)))
    got = summary(evaluate(DEV, [d.to_dict() for d in docs]))
    print(f"\nPolNeAR dev: {shown(got)}")
    return docs, got


@needs_dev
def test_extract_polnear_every_document_extracted(
    polnear: tuple[list[Document], dict[str, float]],
) -> None:
    docs, _ = polnear
    assert len(docs) == 84
    assert [(d.id, d.errors) for d in docs if not d.is_ok] == []


@needs_dev
def test_extract_polnear_offsets_are_in_text_and_sorted(
    polnear: tuple[list[Document], dict[str, float]],
) -> None:
    assert [bad for doc in polnear[0] for bad in check_offsets(doc)] == []


@needs_dev
@pytest.mark.parametrize("metric", sorted(POLNEAR_FLOORS))
def test_extract_polnear_stays_above_floors(
    polnear: tuple[list[Document], dict[str, float]], metric: str
) -> None:
    assert polnear[1][metric] >= POLNEAR_FLOORS[metric]


@needs_dev
@pytest.mark.parametrize("metric", sorted(RULE_POLNEAR_FLOORS))
def test_extract_polnear_rules_alone_stay_above_floors(
    polnear_rules_extractor: Extractor, metric: str
) -> None:
    docs = polnear_rules_extractor.pipe(read_gold_texts(DEV))
    got = summary(evaluate(DEV, [d.to_dict() for d in docs]))
    print(f"\nPolNeAR dev, rules alone: {shown(got)}")
    assert got[metric] >= RULE_POLNEAR_FLOORS[metric]


@needs_dev
@pytest.mark.parametrize(
    "metric",
    [
        "attribution_f1",
        "content_overlap_f1",
        "direct_attribution_recall",
        "content_exact_f1",
        "source_exact_f1",
        "cue_exact_f1",
        "speaker_given_content",
    ],
)
def test_extract_polnear_meets_targets(
    polnear: tuple[list[Document], dict[str, float]], metric: str
) -> None:
    assert polnear[1][metric] >= POLNEAR_TARGETS[metric]


@pytest.mark.skipif(not AEB.exists(), reason=f"AEB attributions not found at {AEB}")
def test_extract_general_news_meets_issue_targets(extractor: Extractor) -> None:
    """The 32 hand-marked general-news articles (AP, BBC, sports, science, business):
    speaker_given_content at or above issue 14's 0.88 (measured 0.928), attribution F1 near
    issue 15's 0.75."""
    docs = extractor.pipe(read_gold_texts(AEB))
    got = summary(evaluate(AEB, [d.to_dict() for d in docs]))
    print(f"\nAEB general news: {shown(got)}")
    assert got["speaker_given_content"] >= 0.88
    # issue 15: 0.75 under the default (news) convention; measured 0.839
    assert got["attribution_f1"] >= 0.77


# ---------------------------------------------------------------- one long line


def _said(doc: Document) -> list[tuple[Any, ...]]:
    """Each attribution as (kind, source, cue, content, speaker's name)."""
    names = {e.id: e.name for e in doc.entities}
    return [
        (a.kind, a.source, a.cue, a.content, names.get(a.speaker or "", ""))
        for a in doc.attributions
    ]


def test_extract_one_line_gives_the_attributions_of_its_paragraphs(extractor: Extractor) -> None:
    """The same paragraphs on lines of their own and all on one line (a space for each
    line break, so offsets agree): the same attributions, speakers included. The line
    is cut into several parse chunks at sentence ends, and each cue is read in a window
    of its sentences; balanced quotes and self-contained paragraphs make the two agree."""
    text = fictional_news.text(24_000, "\n")
    paragraphs = extractor(text)
    line = extractor(text.replace("\n", " "))
    assert len(paragraphs.attributions) > 200
    assert _said(line) == _said(paragraphs)


def _extract_peak(extractor: Extractor, chars: int) -> int:
    """Peak bytes traced while extracting one line of ``chars`` characters."""
    text = fictional_news.text(chars, " ")
    tracemalloc.start()
    try:
        doc = extractor(text)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(doc.attributions) > chars // 150
    return peak


def test_extract_one_line_memory_stays_flat(extractor: Extractor) -> None:
    """4x the characters on one line, about the same peak (measured 59 and 54 MB at 30,000
    and 120,000 characters): each chunk's Doc is dropped once read. Before, 30,000
    characters peaked at 2.9 GB (every cue read over a 16,000-character chunk)."""
    small = _extract_peak(extractor, 20_000)
    large = _extract_peak(extractor, 80_000)
    assert large < 1.5 * small and large < 150 * 2**20, f"peak {small:,} -> {large:,} bytes"


def test_extract_every_attribution_says_how_sure_its_speaker_is(extractor: Extractor) -> None:
    """The bundled example's attributions all carry a speaker_confidence in [0, 1], from
    the Candidate through assemble and the offset mapping to the record."""
    text = (ROOT / "src" / "onrecord" / "examples" / "article.txt").read_text(encoding="utf-8")
    doc = extractor(text, "example")
    sure = [a.speaker_confidence for a in doc.attributions]
    assert len(sure) > 5
    assert all(s is not None and 0 <= s <= 1 for s in sure), sure


# ---- the accurate profile (Settings.profile = "accurate") -----------------------------------

HARBOUR = (
    "Brackwater harbour to dredge its east channel\n\n"
    "The Brackwater harbour board said on Monday that dredging of the east channel would "
    "begin in March.\n\n"
    "“Boats are scraping the bottom at low tide,” said harbour master Ines Calloway. "
    "She believes the work will take six weeks.\n\n"
    "Fisherman Pavel Drummond fears the noise will drive the herring out of the bay.\n"
)


def test_extract_accurate_profile_reads_the_encoder_and_keeps_the_rest(
    extractor: Extractor, tmp_path: Path
) -> None:
    """A tagger folder whose encoder states carry zero weight must tag as the shipped
    tagger does: the encoder runs (its states widen the input the weights expect), and
    the rest is the default profile's, the named-entity recogniser included."""
    pytest.importorskip("onnxruntime", reason="the accurate profile needs onrecord[accurate]")
    pytest.importorskip("tokenizers", reason="the accurate profile needs onrecord[accurate]")
    folder = write_accurate_folder(tmp_path / "accurate")
    accurate = Extractor(onrecord.Settings(profile="accurate", tagger=str(folder)))
    assert accurate.tagger is not None and accurate.tagger.encoder is not None
    assert "ner" in accurate.nlp.pipe_names
    doc = accurate(HARBOUR, "harbour")
    assert doc.is_ok and doc.attributions
    assert doc == extractor(HARBOUR, "harbour")


def test_extract_accurate_profile_needs_the_encoder(tmp_path: Path) -> None:
    """A tagger folder without encoder.onnx is no accurate tagger: E010 when it loads."""
    plain = tmp_path / "plain"
    plain.mkdir()
    for name in ("tagger.npz", "tagger.json"):
        (plain / name).write_bytes((ROOT / "src" / "onrecord" / "data" / name).read_bytes())
    with pytest.raises(OnrecordError) as caught:
        Extractor(onrecord.Settings(profile="accurate", tagger=str(plain)))
    assert caught.value.code == "E010"


# Issue 17's acceptance: the shipped accurate profile on PolNeAR dev (under `polnear`), and
# on the general-news set no worse than the default anywhere (measured 0.747 / 0.674 /
# 0.824 / 0.765 on dev).
ACCURATE_TARGETS = {
    "attribution_f1": 0.74,
    "content_exact_f1": 0.67,
    "source_exact_f1": 0.82,
    "cue_exact_f1": 0.76,
}
SHIPPED_ACCURATE = ROOT / "src" / "onrecord" / "data" / "accurate" / "encoder.onnx"


def _accurate_extractor(convention: str) -> Extractor:
    pytest.importorskip("onnxruntime", reason="the accurate profile needs onrecord[accurate]")
    pytest.importorskip("tokenizers", reason="the accurate profile needs onrecord[accurate]")
    if not SHIPPED_ACCURATE.exists():
        pytest.skip("the accurate model is not shipped")
    return Extractor(onrecord.Settings(profile="accurate", convention=convention))  # type: ignore[arg-type]


@needs_dev
def test_extract_accurate_profile_meets_issue_17_on_polnear_dev() -> None:
    accurate = _accurate_extractor("polnear")
    docs = list(accurate.pipe(read_gold_texts(DEV)))
    got = summary(evaluate(DEV, [d.to_dict() for d in docs]))
    print(f"\nPolNeAR dev, accurate: {shown(got)}")
    below = {k: f"{got[k]:.3f} < {v}" for k, v in ACCURATE_TARGETS.items() if got[k] < v}
    assert not below, below


@pytest.mark.skipif(not AEB.exists(), reason=f"AEB attributions not found at {AEB}")
def test_extract_accurate_profile_beats_the_default_on_general_news(extractor: Extractor) -> None:
    """Every F1 the scorer gives and every ``_given_content`` accuracy (measured: attribution
    0.851 against 0.839; the closest, cue_exact, speaker and via, 0.002 apart)."""
    accurate = _accurate_extractor("news")
    scores = {}
    for name, ex in (("default", extractor), ("accurate", accurate)):
        result = evaluate(AEB, [d.to_dict() for d in ex.pipe(read_gold_texts(AEB))])
        scores[name] = {k: m["f1"] for k, m in result["metrics"].items()} | {
            k: result[k]["accuracy"]
            for k in ("source_given_content", "speaker_given_content", "via_given_content")
        }
    assert len(scores["default"]) == 9, scores["default"]
    worse = {k: (v, scores["default"][k]) for k, v in scores["accurate"].items()
             if v < scores["default"][k]}  # fmt: skip
    assert not worse, worse


def test_extract_takes_one_profile_at_most() -> None:
    with pytest.raises(ValueError, match="fast or accurate"):
        extract("The mayor said the bridge would reopen.", fast=True, accurate=True)
