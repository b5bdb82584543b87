"""Tests for evaluation.py and quote_kinds.py: same numbers as the official scorer.

The parity tests run ``../shared/eval/score.py`` on PolNeAR dev and the seed article
against systematically damaged copies of the gold, and compare every key of the JSON.
They skip where ``../shared`` is absent (outside the project's workspace). The unit
tests use small made-up sentences.
"""

from __future__ import annotations

import copy
import importlib.util
import json
import logging
import random
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from onrecord import evaluation
from onrecord.errors import OnrecordError
from onrecord.evaluation import (
    EvaluationError,
    Tokens,
    evaluate,
    format_table,
    is_same_speaker,
    jaccard,
    match_contents,
    read_gold_texts,
    trim_pieces,
)
from onrecord.quote_kinds import quote_kind, quoted_chars

SHARED = (Path(__file__).resolve().parents[1] / ".." / "shared").resolve()
SCORER = SHARED / "eval" / "score.py"
DEV = SHARED / "data" / "polnear" / "dev.jsonl"
SEED = SHARED / "examples" / "seed-article" / "gold.json"
needs_shared = pytest.mark.skipif(
    not (SCORER.exists() and DEV.exists() and SEED.exists()),
    reason=f"official scorer and gold data not found under {SHARED}",
)

Record = dict[str, Any]
_WORD = re.compile(r"\w+")


# ---------------------------------------------------------------- parity with score.py


def official(gold: Path, pred: Path) -> dict[str, Any]:
    proc = subprocess.run(
        [sys.executable, str(SCORER), str(gold), str(pred), "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    result: dict[str, Any] = json.loads(proc.stdout)
    return result


def differences(want: object, got: object, where: str = "") -> list[str]:
    """Key paths where two JSON values differ (floats compared exactly)."""
    if isinstance(want, dict) and isinstance(got, dict):
        if list(want) != list(got):
            return [f"{where}: keys {list(want)} != {list(got)}"]
        return [d for k in want for d in differences(want[k], got[k], f"{where}.{k}")]
    if type(want) is not type(got) or want != got:
        return [f"{where}: official {want!r}, onrecord {got!r}"]
    return []


def write_jsonl(path: Path, records: list[Record]) -> Path:
    lines = (json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    path.write_text("".join(lines), encoding="utf-8")
    return path


def assert_same_as_official(gold: Path, pred: Path) -> dict[str, Any]:
    ours = evaluate(gold, pred)
    assert differences(official(gold, pred), ours) == []
    return ours


def predictions(gold: list[Record], keep: Callable[[int, Record], bool] = lambda i, a: True):
    return [
        {"id": g["id"], "attributions": [a for i, a in enumerate(g["attributions"]) if keep(i, a)]}
        for g in gold
    ]


def shifted(pieces: list[list[int]], size: int, rng: random.Random) -> list[list[int]]:
    out = []
    for start, end in pieces:
        start = min(max(start + rng.randint(-4, 4), 0), size)
        out.append([start, min(max(end + rng.randint(-4, 4), start), size)])
    return out


def first_half(text: str, pieces: list[list[int]]) -> list[list[int]]:
    """The first half of the tokens of a one-piece span: Jaccard exactly 0.5 when even."""
    if len(pieces) != 1:
        return pieces
    start, end = pieces[0]
    words = [m for m in _WORD.finditer(text) if m.start() < end and m.end() > start]
    half = len(words) // 2
    return [[start, words[half - 1].end()]] if half else pieces


def perturb(name: str, gold: list[Record], rng: random.Random) -> list[Record]:
    """Predictions made from gold by one systematic kind of damage."""
    pred = predictions(copy.deepcopy(gold))
    texts = {g["id"]: g["text"] for g in gold}
    for doc in pred:
        text, attrs = texts[doc["id"]], doc["attributions"]
        for i, a in enumerate(attrs):
            if name == "shift_spans":
                for part in ("source", "cue", "content"):
                    a[part] = shifted(a[part], len(text), rng)
            elif name == "drop_sources" and i % 2:
                a["source"] = [] if i % 4 == 1 else shifted(a["source"], len(text), rng)
            elif name == "change_kinds":
                kinds = ["direct", "mixed", "indirect", None]
                a["kind"] = kinds[(kinds.index(a.get("kind")) + i) % 4]
            elif name == "half_spans":
                a["content"] = first_half(text, a["content"])
                if i % 2:
                    a["source"] = first_half(text, a["source"])
            elif name == "trim_and_split":
                a["content"] = [[s + 1, e - 1] if e - s > 2 else [s, e] for s, e in a["content"]]
                if len(a["content"]) > 1 and i % 2:  # one span swallowing "he said"
                    a["content"] = [[a["content"][0][0], a["content"][-1][1]]]
                a["cue"] = [[s, e + 1] for s, e in a["cue"] if e < len(text)]
                if i % 3 == 0:  # a piece nested in another
                    s, e = a["content"][0]
                    a["content"].append([s + (e - s) // 3, s + (e - s) // 2])
        if name == "drop_and_extra":
            doc["attributions"] = [a for i, a in enumerate(attrs) if i % 3]
        elif name == "spurious":
            # duplicates with another's source: one-to-one, and ties go to the right source
            twins = copy.deepcopy(attrs[::4])
            for i, twin in enumerate(twins):
                twin["source"] = copy.deepcopy(attrs[(4 * i + 1) % len(attrs)]["source"])
            attrs += twins
            for _ in range(3):
                s = rng.randrange(len(text))
                e = min(s + rng.randint(0, 80), len(text))
                attrs.append({"source": [[s, min(s + 9, e)]], "cue": [], "content": [[s, e]]})
            rng.shuffle(attrs)
        elif name == "empty":
            doc["attributions"] = []
    if name == "drop_and_extra":
        pred = [*pred[5:], {"id": "not-in-gold", "attributions": []}]
    return pred


PERTURBATIONS = [
    "perfect",
    "drop_and_extra",
    "shift_spans",
    "drop_sources",
    "change_kinds",
    "spurious",
    "half_spans",
    "trim_and_split",
    "empty",
]


@pytest.fixture(scope="module")
def dev_gold() -> list[Record]:
    if not DEV.exists():
        pytest.skip(f"PolNeAR dev not found at {DEV}")
    return [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines()]


@needs_shared
@pytest.mark.parametrize("name", PERTURBATIONS)
def test_evaluation_equals_official_scorer_on_dev(
    tmp_path: Path, dev_gold: list[Record], name: str
) -> None:
    pred = write_jsonl(tmp_path / "pred.jsonl", perturb(name, dev_gold, random.Random(name)))
    ours = assert_same_as_official(DEV, pred)
    assert ours["metrics"]["attribution"]["gold"] == sum(len(g["attributions"]) for g in dev_gold)


@needs_shared
def test_evaluation_equals_official_scorer_when_gold_kinds_are_derived(
    tmp_path: Path, dev_gold: list[Record]
) -> None:
    gold = [
        {**g, "attributions": [dict(a, kind=None) for a in g["attributions"]]} for g in dev_gold
    ]
    gold_path = write_jsonl(tmp_path / "gold.jsonl", gold)
    pred = perturb("shift_spans", dev_gold, random.Random(7))
    assert_same_as_official(gold_path, write_jsonl(tmp_path / "pred.jsonl", pred))


@needs_shared
def test_evaluation_parity_catches_an_off_by_one_threshold(
    tmp_path: Path, dev_gold: list[Record], monkeypatch: pytest.MonkeyPatch
) -> None:
    # guards the guard: half_spans must sit on Jaccard == 0.5, or an off-by-one would pass
    pred = write_jsonl(tmp_path / "pred.jsonl", perturb("half_spans", dev_gold, random.Random(1)))
    monkeypatch.setattr(evaluation, "OVERLAP", 0.5 + 1e-9)
    assert differences(official(DEV, pred), evaluate(DEV, pred)) != []


def seed_predictions(name: str) -> list[Record]:
    gold = json.loads(SEED.read_text(encoding="utf-8"))
    attrs = copy.deepcopy(gold["attributions"])
    entities: list[Record] = []
    if name == "speaker_entities":  # ids into entities, short names, honorifics, mistakes
        names = {"Joe Biden": "Mr. Biden", "Tony Blinken": "BLINKEN", "Russia": "Kremlin"}
        for i, a in enumerate(attrs):
            entities.append({"id": f"e{i}", "name": names.get(a["speaker"], a["speaker"] or "")})
            a["speaker"] = f"e{i}" if i % 3 else names.get(a["speaker"], a["speaker"])
        attrs[-1]["speaker"] = None
    elif name == "renamed_vias":  # new ids, one wrong reporter, one missing, a3's reporter gone
        for a in attrs:
            a["id"] = "p" + a["id"]
            a["via"] = a["via"] and "p" + a["via"]
        attrs[12]["via"] = "pa1"
        attrs[0]["via"] = "pa9"  # gold: reported by nobody
        del attrs[14]["via"]
        del attrs[1]
    elif name == "shifted":
        rng = random.Random(3)
        for a in attrs:
            a["content"] = shifted(a["content"], len(gold["text"]), rng)
            a["speaker"] = a["speaker"] and a["speaker"].split()[-1]
    return [{"id": gold["id"], "entities": entities, "attributions": attrs}]


@needs_shared
@pytest.mark.parametrize("name", ["perfect", "speaker_entities", "renamed_vias", "shifted"])
def test_evaluation_equals_official_scorer_on_the_seed_article(tmp_path: Path, name: str) -> None:
    pred = write_jsonl(tmp_path / "pred.jsonl", seed_predictions(name))
    ours = assert_same_as_official(SEED, pred)
    assert ours["speaker_given_content"]["judged"] > 0
    assert ours["via_given_content"]["judged"] > 0


@needs_shared
def test_evaluation_ignores_speaker_confidence_as_the_official_scorer_does(
    tmp_path: Path,
) -> None:
    # onrecord's records carry speaker_confidence (and null in older ones): no score moves
    plain = seed_predictions("speaker_entities")
    rated = copy.deepcopy(plain)
    for i, a in enumerate(rated[0]["attributions"]):
        a["speaker_confidence"] = None if i % 5 == 0 else round(i / 100, 3)
    without = assert_same_as_official(SEED, write_jsonl(tmp_path / "plain.jsonl", plain))
    with_it = assert_same_as_official(SEED, write_jsonl(tmp_path / "rated.jsonl", rated))
    assert with_it == without


@needs_shared
def test_quote_kinds_match_the_official_rule_on_dev(dev_gold: list[Record]) -> None:
    spec = importlib.util.spec_from_file_location(
        "official_kinds", SCORER.with_name("quote_kinds.py")
    )
    assert spec and spec.loader
    kinds = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(kinds)
    for g in dev_gold:
        assert quoted_chars(g["text"]) == kinds.quoted_chars(g["text"]), g["id"]
        assert [quote_kind(g["text"], a["content"]) for a in g["attributions"]] == [
            a["kind"] for a in g["attributions"]
        ]


# ---------------------------------------------------------------- rules, on made-up text

TEXT = "“The bridge opens in May,” Ana Ruiz said. “Bring boats.”\nCritics said the cost was high.\n"


def at(s: str, nth: int = 0) -> list[int]:
    """[start, end] of the nth occurrence of s in TEXT."""
    i = -1
    for _ in range(nth + 1):
        i = TEXT.index(s, i + 1)
    return [i, i + len(s)]


RUIZ: Record = {
    "kind": "direct",
    "source": [at("Ana Ruiz")],
    "cue": [at("said")],
    "content": [at("“The bridge opens in May,”"), at("“Bring boats.”")],
}
CRITICS: Record = {
    "kind": "indirect",
    "source": [at("Critics")],
    "cue": [at("said", 1)],
    "content": [at("the cost was high")],
}


def gold_of(*attributions: Record) -> list[Record]:
    return [{"id": "d1", "text": TEXT, "attributions": list(attributions)}]


def pred_of(*attributions: Record) -> list[Record]:
    return [{"id": "d1", "attributions": list(attributions)}]


def span_text(pieces: tuple[tuple[int, int], ...]) -> list[str]:
    return [TEXT[s:e] for s, e in pieces]


@pytest.mark.parametrize(
    ("pieces", "expected"),
    [
        ([at("“The bridge opens in May,”")], ["The bridge opens in May"]),
        ([at(" Ana Ruiz ")], ["Ana Ruiz"]),
        ([at(". ")], ["."]),  # only punctuation: keeps its mark
        ([at(" ", 1)], []),  # only whitespace: nothing left
        # pieces apart only by punctuation and space join into one
        ([at("“The bridge"), at("opens in May,”")], ["The bridge opens in May"]),
        # "Ana Ruiz said" between the pieces keeps them apart
        (
            [at("“The bridge opens in May,”"), at("“Bring boats.”")],
            ["The bridge opens in May", "Bring boats"],
        ),
    ],
)
def test_evaluation_trim_pieces(pieces: list[list[int]], expected: list[str]) -> None:
    assert span_text(trim_pieces(TEXT, tuple((s, e) for s, e in pieces))) == expected


def test_evaluation_split_pieces_equal_one_joined_piece() -> None:
    text = "She said: “Rain,” “wind.” Then left."
    one = [(text.index("“Rain"), text.index(" Then"))]
    two = [(text.index("“Rain"), text.index(" “wind")), (text.index("“wind"), text.index(" Then"))]
    assert trim_pieces(text, tuple(one)) == trim_pieces(text, tuple(two))


def test_evaluation_tokens_count_every_word_a_span_touches() -> None:
    tokens = Tokens(TEXT)
    assert tokens.covered(((TEXT.index("ridge"), TEXT.index("ridge") + 1),)) == {1}
    assert tokens.covered(((0, 1),)) == frozenset()  # a quote mark touches no word
    assert jaccard(frozenset(), frozenset()) == 1.0  # no source on either side agrees


def test_evaluation_matching_is_one_to_one_and_pairs_same_content_by_source() -> None:
    content, a, b = frozenset({1, 2}), frozenset({7}), frozenset({9})
    matched = match_contents([content, content], [content, content], [a, b], [b, a])
    assert matched == {0: 1, 1: 0}
    assert match_contents([content], [content, content], [a], [a, a]) == {0: 0}


@pytest.mark.parametrize(
    ("content", "is_match"),
    [
        (at("cost was high"), True),  # 3 of 4 words
        (at("was high"), True),  # 2 of 4: Jaccard 0.5 is enough
        (at("high"), False),  # 1 of 4
        (at("the cost was high."), True),
    ],
)
def test_evaluation_overlap_threshold(content: list[int], is_match: bool) -> None:
    result = evaluate(gold_of(CRITICS), pred_of({**CRITICS, "content": [content]}))
    assert result["metrics"]["content_overlap"]["tp"] == int(is_match)
    assert result["metrics"]["attribution"]["tp"] == int(is_match)


def test_evaluation_exact_ignores_quote_marks_but_not_a_swallowed_cue() -> None:
    bare = {
        **RUIZ,
        "source": [at("Ana Ruiz ")],
        "content": [at("The bridge opens in May"), at("Bring boats")],
    }
    result = evaluate(gold_of(RUIZ, CRITICS), pred_of(bare, CRITICS))
    assert result["metrics"]["content_exact"]["f1"] == 1.0
    assert result["metrics"]["source_exact"]["f1"] == 1.0
    swallowing = {**RUIZ, "content": [[at("“The")[0], at("boats.”")[1]]]}
    result = evaluate(gold_of(RUIZ), pred_of(swallowing))
    assert result["metrics"]["content_overlap"]["tp"] == 1
    assert result["metrics"]["content_exact"]["tp"] == 0


def test_evaluation_exact_counts_repeated_contents() -> None:
    gold = gold_of(CRITICS, {**CRITICS, "source": [at("Ana Ruiz")]})
    assert evaluate(gold, pred_of(CRITICS))["metrics"]["content_exact"]["tp"] == 1
    assert evaluate(gold, pred_of(CRITICS, CRITICS))["metrics"]["content_exact"]["tp"] == 2
    assert evaluate(gold, pred_of(CRITICS, CRITICS))["metrics"]["source_exact"]["tp"] == 1


def test_evaluation_wrong_or_missing_source_fails_attribution_only() -> None:
    result = evaluate(
        gold_of(RUIZ, CRITICS),
        pred_of({**RUIZ, "source": [at("Critics")]}, {**CRITICS, "source": []}),
    )
    assert result["metrics"]["content_overlap"]["tp"] == 2
    assert result["metrics"]["attribution"]["tp"] == 0
    assert result["source_given_content"] == {"accuracy": 0.0, "correct": 0, "matched": 2}
    both_empty = evaluate(gold_of({**CRITICS, "source": []}), pred_of({**CRITICS, "source": []}))
    assert both_empty["metrics"]["attribution"]["tp"] == 1


@pytest.mark.parametrize(
    ("gold", "pred", "expected"),
    [
        ("Joe Biden", "Biden", True),
        ("Biden", "Joe Biden", True),
        ("The City Council", "city council", True),
        ("José Núñez", "Dr. Jose Nunez", True),
        ("Ana Ruiz", "Ana Lopez", False),
        (None, None, True),
        (None, "Ana Ruiz", False),  # anonymous ("officials said") matches only null
        ("Ana Ruiz", None, False),
    ],
)
def test_evaluation_speaker_names(gold: str | None, pred: str | None, expected: bool) -> None:
    assert is_same_speaker(gold, pred) is expected


def test_evaluation_speaker_resolves_entity_ids_and_is_judged_only_where_gold_has_one() -> None:
    gold = gold_of({**RUIZ, "speaker": "Ana Ruiz"}, {**CRITICS, "speaker": None})
    pred = pred_of({**RUIZ, "speaker": "e1"}, {**CRITICS, "speaker": None})
    pred[0]["entities"] = [{"id": "e1", "name": "Ruiz"}]
    assert evaluate(gold, pred)["speaker_given_content"] == {
        "accuracy": 1.0,
        "correct": 2,
        "judged": 2,
    }
    unjudged = evaluate(gold_of(RUIZ), pred_of({**RUIZ, "speaker": "Ana Ruiz"}))
    assert unjudged["speaker_given_content"] == {"accuracy": None, "correct": 0, "judged": 0}


def test_evaluation_via_names_the_matched_reporter() -> None:
    gold = gold_of({**CRITICS, "id": "g1", "via": None}, {**RUIZ, "id": "g2", "via": "g1"})
    right = pred_of({**CRITICS, "id": "x", "via": None}, {**RUIZ, "id": "y", "via": "x"})
    assert evaluate(gold, right)["via_given_content"]["correct"] == 2
    flat = pred_of({**CRITICS, "id": "x"}, {**RUIZ, "id": "y"})
    assert evaluate(gold, flat)["via_given_content"] == {"accuracy": 0.5, "correct": 1, "judged": 2}


def test_evaluation_missing_and_extra_documents(caplog: pytest.LogCaptureFixture) -> None:
    gold = [*gold_of(RUIZ), {"id": "d2", "text": TEXT, "attributions": [CRITICS]}]
    with caplog.at_level(logging.WARNING, logger="onrecord.evaluation"):
        result = evaluate(gold, [*pred_of(RUIZ), {"id": "d9", "attributions": []}])
    assert result["documents"] == {"gold": 2, "predicted": 1, "missing": 1, "extra": 1}
    assert result["metrics"]["attribution"]["recall"] == 0.5
    assert "1 predicted ids not in gold, ignored (first: 'd9')" in caplog.text


@pytest.mark.parametrize(
    ("text", "content", "kind"),
    [
        ("“It floats,” he said.", "“It floats,”", "direct"),
        ("“It floats,” he said.", "It floats", "direct"),  # marks left out of the span
        ("He called it “a floating bridge” today.", "it “a floating bridge”", "mixed"),
        ("He said it doesn't float.", "it doesn't float", "indirect"),  # apostrophe
        ("Mayor Calls Plan 'Wet' Again", "Plan 'Wet'", "mixed"),  # single marks at word edges
        ("He said ''it floats,'' too.", "''it floats,''", "direct"),  # NYT doubled apostrophes
        ("“A quote runs on.\n“And ends.”", "A quote runs on.", "direct"),  # open at paragraph end
        ("the plan,” he said, would sink", "would sink", "indirect"),  # stray closer opens nothing
        ("“.”", "“.”", "indirect"),  # no words at all
    ],
)
def test_quote_kinds_rule(text: str, content: str, kind: str) -> None:
    start = text.index(content)
    assert quote_kind(text, [[start, start + len(content)]]) == kind


def test_quote_kinds_closed_quotes_stay_in_their_paragraph() -> None:
    text = "He said “yes.”\nShe said no."
    assert not any(quoted_chars(text)[text.index("She") :])


def test_evaluation_gold_kind_comes_from_the_text_when_absent() -> None:
    gold = gold_of({k: v for k, v in RUIZ.items() if k != "kind"}, {**CRITICS, "kind": None})
    result = evaluate(gold, pred_of(RUIZ))
    assert result["by_gold_kind"]["direct"] == {
        "gold": 1,
        "content_overlap_recall": 1.0,
        "attribution_recall": 1.0,
    }
    assert result["by_gold_kind"]["indirect"]["content_overlap_recall"] == 0.0
    assert result["by_pred_kind"] == {
        "direct": {"pred": 1, "content_overlap_precision": 1.0, "attribution_precision": 1.0}
    }


# ---------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("line", "code", "message"),
    [
        (
            '{"id": "d1", "attributions": [',
            "E102",
            "p.jsonl:2: not valid JSON (Expecting value, column 31)",
        ),
        ("[1, 2]", "E103", "p.jsonl:2: expected a JSON object, got list"),
        ('{"attributions": []}', "E104", 'p.jsonl:2: missing or empty "id"'),
        ('{"id": "d0", "attributions": []}', "E105", "p.jsonl:2: duplicate id 'd0'"),
        (
            '{"id": "d1", "text": "other", "attributions": []}',
            "E107",
            "p.jsonl:2: \"text\" differs from the gold text of 'd1'",
        ),
        ('{"id": "d1"}', "E108", 'p.jsonl:2: "attributions" must be a list'),
        (
            '{"id": "d1", "attributions": [{"source": []}]}',
            "E109",
            'p.jsonl:2: attribution 0: missing "content"',
        ),
        (
            '{"id": "d1", "attributions": [{"content": [], "kind": "quote"}]}',
            "E110",
            'p.jsonl:2: attribution 0: "kind" must be one of direct, mixed, indirect, '
            "not 'quote'",
        ),
        (
            '{"id": "d1", "attributions": [{"content": [], "speaker": 3}]}',
            "E111",
            'p.jsonl:2: attribution 0: "speaker" must be a string (an entity id or a name) or null',
        ),
        (
            '{"id": "d1", "attributions": [{"content": [], "via": 3}]}',
            "E111",
            'p.jsonl:2: attribution 0: "via" must be a string or null',
        ),
        (
            '{"id": "d1", "attributions": [{"content": [[5, 3]]}]}',
            "E112",
            "p.jsonl:2: attribution 0 content: piece [5, 3] has start > end",
        ),
        (
            '{"id": "d1", "attributions": [{"content": [[0, 999]]}]}',
            "E112",
            "p.jsonl:2: attribution 0 content: piece [0, 999] is outside the text (0..89)",
        ),
        (
            '{"id": "d1", "attributions": [{"content": [], "cue": [[0.5, 2]]}]}',
            "E112",
            "p.jsonl:2: attribution 0 cue: piece [0.5, 2] is not [start, end] integers",
        ),
        (
            '{"id": "d1", "attributions": [{"content": [], "source": null}]}',
            "E112",
            "p.jsonl:2: attribution 0 source: expected a list of [start, end] pieces",
        ),
    ],
)
def test_evaluation_bad_predictions_name_file_line_and_code(
    tmp_path: Path, line: str, code: str, message: str
) -> None:
    gold = write_jsonl(tmp_path / "g.jsonl", gold_of(RUIZ))
    pred = tmp_path / "p.jsonl"
    pred.write_text('{"id": "d0", "attributions": []}\n' + line + "\n", encoding="utf-8")
    with pytest.raises(EvaluationError) as caught:
        evaluate(gold, pred)
    [problem] = caught.value.problems
    assert problem.code == code
    assert problem.message.startswith(f"{tmp_path / message}. ")  # then what to do about it


def test_evaluation_reports_every_problem_in_gold_and_predictions(tmp_path: Path) -> None:
    gold = write_jsonl(
        tmp_path / "g.jsonl",
        [{"id": "d1", "attributions": []}, {"id": "d2", "text": 5, "attributions": []}],
    )
    with pytest.raises(EvaluationError) as caught:
        evaluate(gold, tmp_path / "absent.jsonl")
    messages = [p.message for p in caught.value.problems]
    assert messages[0].startswith(f"{gold}:1: gold document 'd1' has no \"text\". ")
    assert messages[1].startswith(f'{gold}:2: "text" must be a string. ')
    assert messages[2].startswith(f"{tmp_path / 'absent.jsonl'}: cannot read ([Errno 2]")
    assert isinstance(caught.value, OnrecordError) and caught.value.code == "E106"


def test_evaluation_in_memory_records_are_named_by_number() -> None:
    with pytest.raises(EvaluationError, match=r'^predictions:record 2: missing or empty "id"'):
        evaluate(gold_of(RUIZ), [*pred_of(RUIZ), {"attributions": []}])


def test_evaluation_reads_a_json_record_or_list(tmp_path: Path) -> None:
    one = tmp_path / "gold.json"
    one.write_text(json.dumps(gold_of(RUIZ)[0]), encoding="utf-8")
    several = tmp_path / "pred.json"
    several.write_text(json.dumps(pred_of(RUIZ)), encoding="utf-8")
    assert evaluate(one, several)["metrics"]["content_exact"]["f1"] == 1.0


def test_evaluation_read_gold_texts_keeps_id_text_and_meta() -> None:
    [raw] = read_gold_texts([{**gold_of(RUIZ)[0], "meta": {"outlet": "Gazette"}}])
    assert (raw.id, raw.text, raw.meta) == ("d1", TEXT, {"outlet": "Gazette"})


def test_evaluation_format_table() -> None:
    result = evaluate(gold_of(RUIZ, CRITICS), pred_of({**RUIZ, "speaker": "Ruiz"}))
    table = format_table(result, by_kind=True).splitlines()
    assert table[0] == "documents: 1 gold, 1 predicted, 0 missing, 0 extra (ignored)"
    assert table[2] == "metric                       P       R      F1   match    pred    gold"
    assert table[3] == "attribution              100.0    50.0    66.7       1       1       2"
    assert "gold kind                           gold content_overlap R     attribution R" in table
    assert "direct                                 1             100.0             100.0" in table
    assert "predicted kind" in table[-2]
    assert not any(row.startswith("speaker_given_content") for row in table)  # gold has none
    assert "predicted kind" not in format_table(evaluate(gold_of(CRITICS), pred_of()), by_kind=True)


def test_evaluation_without_nested_leaves_out_only_reported_reports() -> None:
    from onrecord.evaluation import without_nested

    gold = {
        "id": "d",
        "text": "t",
        "attributions": [{"id": "a1", "via": None}, {"id": "a2", "via": "a1"}],
    }
    assert without_nested(gold) == {
        "id": "d",
        "text": "t",
        "attributions": [{"id": "a1", "via": None}],
    }
    assert gold["attributions"][1]["via"] == "a1"  # the record itself is left as it was
