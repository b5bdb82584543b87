"""Encoding repair, the offset map back to the given text, paragraphs and headings.

Every example article here is fictional; the seed article is read from ../shared, never copied.
"""

from __future__ import annotations

import json
import random
import unicodedata
from itertools import pairwise
from pathlib import Path

import pytest

from onrecord.model import Offsets, Repair
from onrecord.text import RepairedText, find_headings, paragraphs, repair_text

SEED = Path(__file__).resolve().parents[1] / ".." / "shared" / "examples" / "seed-article"


def _seed(name: str) -> str:
    path = SEED / name
    if not path.exists():
        pytest.skip(f"seed article not found at {path}")
    return path.read_text(encoding="utf-8")


def _apply(original: str, repairs: tuple[Repair, ...]) -> str:
    """Apply repairs to the original, independently of onrecord.text."""
    pieces: list[str] = []
    at = 0
    for repair in repairs:
        pieces += [original[at : repair.span.start], repair.fixed]
        at = repair.span.end
    return "".join([*pieces, original[at:]])


def _repaired_chars(repaired: RepairedText) -> set[int]:
    """Indices into the repaired text of characters that a repair wrote."""
    chars: set[int] = set()
    shift = 0
    for repair in repaired.repairs:
        start = repair.span.start + shift
        chars.update(range(start, start + len(repair.fixed)))
        shift += len(repair.fixed) - (repair.span.end - repair.span.start)
    return chars


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Harbour reopens after storm\n\nThe port of Kestrel Bay reopened on Monday.",
        "The mayor’s aide called it “a fair deal” — and the naïve café owner agreed.\r\n",
        "Zoë Brontë, 41, said the façade would be rebuilt by spring.",
        "\u00c2ngela Dias said the vote was close.",  # a legitimate Â inside a word
    ],
)
def test_text_clean_text_is_identity(text: str) -> None:
    repaired = repair_text(text)
    assert repaired.text == text
    assert repaired.repairs == ()
    assert [repaired.to_original(i) for i in range(len(text) + 1)] == list(range(len(text) + 1))
    assert repaired.span_to_original(0, len(text)) == Offsets(0, len(text))


@pytest.mark.parametrize(
    ("original", "fixed", "repairs"),
    [
        (
            "The chef at CafÃ© Lumière said the menu would change.",
            "The chef at Café Lumière said the menu would change.",
            [((15, 17), "é")],
        ),
        (
            "â€œWe will rebuild the pier,â€\x9d Mayor Ana Ortiz said.",
            "“We will rebuild the pier,” Mayor Ana Ortiz said.",
            [((0, 3), "“"), ((28, 31), "”")],
        ),
        (
            "The councilâ€™s vote was delayed again.",
            "The council’s vote was delayed again.",
            [((11, 14), "’")],
        ),
        (
            "It costs â‚¬5 a ticket, the ferry company said.",
            "It costs €5 a ticket, the ferry company said.",
            [((9, 12), "€")],
        ),
    ],
)
def test_text_repairs_mojibake_minimally(
    original: str, fixed: str, repairs: list[tuple[tuple[int, int], str]]
) -> None:
    repaired = repair_text(original)
    assert repaired.text == fixed
    assert repaired.repairs == tuple(Repair(Offsets(*span), text) for span, text in repairs)


@pytest.mark.parametrize(
    ("original", "fixed", "repair"),
    [
        ("talks may resume.Â\nOfficials said", "talks may resume.\nOfficials said", ((17, 18), "")),
        ("talks may resume.Â", "talks may resume.", ((17, 18), "")),
        ("talks may resumeÂ\r\nOfficials", "talks may resume\r\nOfficials", ((16, 17), "")),
        # "Â " is a no-break space encoded twice: ftfy reads it back as one
        ("rates rose 3%.Â The bank", "rates rose 3%.\xa0The bank", ((14, 16), "\xa0")),
    ],
)
def test_text_removes_stray_a_before_whitespace(
    original: str, fixed: str, repair: tuple[tuple[int, int], str]
) -> None:
    repaired = repair_text(original)
    assert repaired.text == fixed
    assert repaired.repairs == (Repair(Offsets(*repair[0]), repair[1]),)


def test_text_keeps_a_circumflex_after_a_capital() -> None:
    # a word in capitals may end in Â; "Ã©" makes ftfy look at the line at all
    repaired = repair_text("Signs read CAFÃ© and ROMÂ\n")
    assert repaired.text == "Signs read CAFé and ROMÂ\n"


def test_text_repairs_several_runs_in_one_line_and_across_lines() -> None:
    original = "A CafÃ© owner sent her rÃ©sumÃ©.\nThe mayorâ€™s aide replied.\nNo change here.\n"
    repaired = repair_text(original)
    assert (
        repaired.text
        == "A Café owner sent her résumé.\nThe mayor’s aide replied.\nNo change here.\n"
    )
    runs = [original.index("Ã©"), original.index("Ã©s"), original.rindex("Ã©")]
    assert [(r.span.to_list(), r.fixed) for r in repaired.repairs] == [
        *[([at, at + 2], "é") for at in runs],
        ([original.index("â€™"), original.index("â€™") + 3], "’"),
    ]


def test_text_maps_words_after_repairs_back_to_the_same_words() -> None:
    original = "â€œNo,â€\x9d said CafÃ© owner Lena Marsh.\nMarsh declined to comment."
    repaired = repair_text(original)
    for word in ["No", "said", "owner", "Lena Marsh", "declined to comment."]:
        start = repaired.text.index(word)
        span = repaired.span_to_original(start, start + len(word))
        assert original[span.start : span.end] == word


def test_text_span_over_a_repaired_char_covers_the_whole_run() -> None:
    original = "The CafÃ© reopened."
    repaired = repair_text(original)
    start = repaired.text.index("é")
    assert repaired.span_to_original(start, start + 1) == Offsets(7, 9)
    assert repaired.span_to_original(4, 8) == Offsets(4, 9)  # "Café" -> "CafÃ©"
    assert repaired.to_original(start) == 7
    assert repaired.to_original(start + 1, is_end=True) == 9


def test_text_span_inside_a_multi_char_repair_covers_the_whole_run() -> None:
    original = "Mayor Lenoir was rÃ©Ã©lu on Sunday."  # "réélu": one run, two characters
    repaired = repair_text(original)
    assert repaired.repairs == (Repair(Offsets(18, 22), "éé"),)
    assert repaired.span_to_original(18, 19) == Offsets(18, 22)
    assert repaired.span_to_original(19, 20) == Offsets(18, 22)
    assert repaired.to_original(19) == 18
    assert repaired.to_original(19, is_end=True) == 22


def test_text_deleted_stray_a_stays_out_of_bordering_spans() -> None:
    original = "Talks resumed.Â\nOfficials were hopeful."
    repaired = repair_text(original)
    sentence = repaired.text.index(".") + 1
    assert repaired.span_to_original(0, sentence) == Offsets(0, 14)
    after = repaired.text.index("Officials")
    assert repaired.span_to_original(after, after + 9) == Offsets(16, 25)
    assert repaired.span_to_original(0, len(repaired.text)) == Offsets(0, len(original))


def test_text_edges_map_to_the_edges_of_the_original() -> None:
    original = "Â\nStorm warning lifted.Â"
    repaired = repair_text(original)
    assert repaired.text == "\nStorm warning lifted."
    assert repaired.span_to_original(0, len(repaired.text)) == Offsets(0, len(original))


def test_text_keeps_curly_quotes_in_repaired_lines() -> None:
    original = "Owner of CafÃ© Nord said it was “fine” and ‘fair’."
    repaired = repair_text(original)
    assert repaired.text == "Owner of Café Nord said it was “fine” and ‘fair’."


def test_text_keeps_crlf_line_breaks() -> None:
    original = "Port reopens\r\n\r\nThe CafÃ© on the quay\r\nreopened too.\r\n"
    repaired = repair_text(original)
    assert repaired.text == "Port reopens\r\n\r\nThe Café on the quay\r\nreopened too.\r\n"
    assert len(repaired.repairs) == 1


def test_text_repairs_decomposed_mojibake() -> None:
    # "ç" encoded twice, then NFD-decomposed: ftfy alone misses it
    original = unicodedata.normalize("NFD", "President FranÃ\x83Â§ois Bellamy said")
    repaired = repair_text(original)
    assert repaired.text == "President François Bellamy said"
    assert len(repaired.repairs) == 1


def test_text_repairs_mojibake_damaged_by_nfkc() -> None:
    # "Ã¼" and "Ã¯" went through NFKC: "¼" became "1⁄4", "¯" became " \u0304"
    original = unicodedata.normalize("NFKC", "JÃ¼rgen Falk, naÃ¯ve or not, said Ãºltimo")
    repaired = repair_text(original)
    assert repaired.text == "Jürgen Falk, naïve or not, said último"


def test_text_leaves_capitals_after_a_tilde_alone() -> None:
    # only a lowercase "a"/"o" or a digit after Ã/Â can be NFKC damage; capitals are words
    original = "The SÃO PAULO office and the CafÃ© nearby"
    assert repair_text(original).text == "The SÃO PAULO office and the Café nearby"


def test_text_aligns_long_lines_word_first() -> None:
    middle = "The council met again and the vote was delayed once more. " * 500
    original = f"CafÃ© {middle}rÃ©sumÃ©"
    repaired = repair_text(original)
    assert repaired.text == f"Café {middle}résumé"
    assert len(repaired.repairs) == 3


def test_text_seed_article_has_one_stray_a() -> None:
    repaired = repair_text(_seed("article.txt"))
    assert repaired.repairs == (Repair(Offsets(283, 284), ""),)


def test_text_seed_article_headings_match_gold() -> None:
    text = _seed("article.txt")
    gold = json.loads(_seed("gold.json"))
    assert [h.to_list() for h in find_headings(text)] == gold["headings"]


@pytest.mark.parametrize("offset", [-1, 6])
def test_text_to_original_rejects_offsets_outside_the_text(offset: int) -> None:
    with pytest.raises(ValueError, match="outside the text"):
        repair_text("CafÃ©").to_original(offset)


_ALPHABET = [
    *"aAb .,\n\r",
    *"Ã©â€™œ\x9dÂ\xa0é“”’\x83§¡ª1⁄4o",
    "\u0303",
    "\u0304",
    "\u0308",
    " \u0308",
]


# seeded random texts rather than hypothesis, which the venv does not have
_RANDOM = random.Random(20240401)
_RANDOM_TEXTS = ["".join(_RANDOM.choices(_ALPHABET, k=_RANDOM.randint(0, 40))) for _ in range(400)]


@pytest.mark.parametrize("original", _RANDOM_TEXTS)
def test_text_repair_invariants_hold_for_any_text(original: str) -> None:
    repaired = repair_text(original)
    text = repaired.text
    assert _apply(original, repaired.repairs) == text
    assert repaired.span_to_original(0, len(text)) == Offsets(0, len(original))
    spans = [r.span for r in repaired.repairs]
    assert all(a.end < b.start for a, b in pairwise(spans))
    assert all(original[r.span.start : r.span.end] != r.fixed for r in repaired.repairs)
    for is_end in (False, True):
        mapped = [repaired.to_original(i, is_end=is_end) for i in range(len(text) + 1)]
        assert mapped == sorted(mapped)
    written = _repaired_chars(repaired)
    for i, char in enumerate(text):
        if i not in written:  # unrepaired characters shift exactly, away from the edges
            assert char in original[slice(*repaired.span_to_original(i, i + 1).to_list())]
            if 0 < i < len(text) - 1:  # the edges map to the edges of the original
                start = repaired.to_original(i)
                assert original[start] == char
                assert repaired.to_original(i + 1, is_end=True) == start + 1


def test_text_paragraphs_split_at_every_line_break_and_trim() -> None:
    text = "  Storm hits coast \r\nPower out\rRoads shut\u2028Schools open\u2029\n \t\nEnd "
    found = [text[p.start : p.end] for p in paragraphs(text)]
    assert found == ["Storm hits coast", "Power out", "Roads shut", "Schools open", "End"]


@pytest.mark.parametrize("text", ["", "   ", "\n\r\n \t\n"])
def test_text_paragraphs_of_blank_text_are_empty(text: str) -> None:
    assert paragraphs(text) == []


ARTICLE = """Kestrel Bay ferry service to resume after storm repairs

By Maria Kovacs

Ferries will run again from Kestrel Bay on Friday, the harbour authority said on Tuesday.

“We are confident the pier is safe,” harbour master Tomas Lind told reporters.

Repairs cost more than planned

The authority said the bill had reached $4.2 million, nearly twice the first estimate.
Councillor Ruth Abara said the overrun was
unacceptable and asked for an audit.

What passengers need to know

Tickets bought for cancelled sailings will be honoured, the operator said:

Weekday sailings
Weekend sailings
Night ferry

Photo: Harbour Authority
Follow the Kestrel Bay Gazette for updates
"""


def test_text_finds_inline_headings() -> None:
    found = [ARTICLE[h.start : h.end] for h in find_headings(ARTICLE)]
    assert found == ["Repairs cost more than planned", "What passengers need to know"]


def test_text_heading_offsets_point_into_crlf_text() -> None:
    text = ARTICLE.replace("\n", "\r\n")
    start = text.index("Repairs cost")
    assert find_headings(text)[0] == Offsets(start, start + len("Repairs cost more than planned"))


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Kestrel Bay ferry service to resume",
        "Ferry service resumes\n\nBy Maria Kovacs\n",
        "Ferry service resumes\n\nFerries ran again on Friday.\n\nThe operator was pleased.",
    ],
)
def test_text_headline_only_text_has_no_headings(text: str) -> None:
    assert find_headings(text) == []


def test_text_repairs_a_long_line_in_pieces_as_it_repairs_lines() -> None:
    """A line without breaks is repaired in pieces cut after a space (the word alignment
    of one 100,000-character line took 10 s): the same repairs, with the same offsets, as
    when each sentence is a line of its own."""
    sentence = "The cafÃ© owner said the dÃ©cor was new. "
    line = sentence * 3000  # 123,000 characters, 6,000 damaged runs
    lines = line.replace(". ", ".\n")
    one, many = repair_text(line), repair_text(lines)
    assert one.text == many.text.replace(".\n", ". ")
    assert [r.span for r in one.repairs] == [r.span for r in many.repairs]
    assert one.text.count("café") == 3000 and "Ã" not in one.text
