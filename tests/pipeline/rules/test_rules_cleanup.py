"""The clean-up after the rules, on hand-made candidates (``pipeline/rules/cleanup.py``) and
the character ranges they are made of (``pipeline/rules/ranges.py``)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.tokens import Doc

from onrecord.pipeline.attribution import Candidate
from onrecord.pipeline.rules.cleanup import (
    add_fronted_content,
    add_medium_to_cue,
    add_relative_object,
    dedupe,
    drop_borrowed_quotes,
    fill_inverted_source,
    join_close_pieces,
    own_subject_of_conjunct,
)
from onrecord.pipeline.rules.ranges import merge_ranges, stripped


def cand(content: list[tuple[int, int]], **kw: object) -> Candidate:
    fields: dict[str, object] = {"cue": [(0, 4)], "source": [(5, 8)], "confidence": 0.5}
    fields.update(kw)
    return Candidate(content=content, rule=fields.pop("rule", "verb"), **fields)  # type: ignore[arg-type]


def test_rules_cleanup_one_candidate_per_content_the_most_confident() -> None:
    low, high = cand([(10, 20)], confidence=0.4), cand([(10, 20)], confidence=0.9)
    other = cand([(30, 40)])
    assert dedupe([low, high, other]) == [high, other]


def test_rules_cleanup_a_verb_that_borrowed_a_quote_gives_it_up() -> None:
    """`“…,” she said, and he added …`: the quote belongs to the verb whose clause holds it."""
    text = "x" * 100
    holder = cand([(10, 40)], quote_ids={0}, rule="verb")
    borrower = cand([(10, 40)], quote_ids={0}, rule="verb_quote", cue=[(50, 55)])
    assert drop_borrowed_quotes(text, [holder, borrower]) == [holder]


def test_rules_cleanup_a_sourceless_cue_inside_another_content_is_that_content() -> None:
    text = "x" * 100
    outer = cand([(0, 80)], cue=[(90, 94)])
    inner = cand([(30, 50)], cue=[(20, 25)], source=[])
    assert drop_borrowed_quotes(text, [outer, inner]) == [outer]


def test_rules_ranges_merge_joins_pieces_only_space_apart() -> None:
    text = "ab cd, ef"
    assert merge_ranges([(3, 5), (0, 2)], text) == [(0, 5)]
    assert merge_ranges([(0, 2), (7, 9)], text) == [(0, 2), (7, 9)]


def test_rules_ranges_stripped_drops_spaces_and_separating_commas() -> None:
    text = " , the plan — "
    assert text[slice(*stripped(text, 0, len(text)))] == "the plan"


def at(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return (start, start + len(part))


@pytest.mark.parametrize(
    ("text", "source", "content", "fronted"),
    [
        pytest.param(
            "“Hopefully,” the mayor said, “the new bridge will open by the spring.”",
            "the mayor",
            "“the new bridge will open by the spring.”",
            "“Hopefully,”",
            id="quoted",
        ),
        pytest.param(
            "In the end, she said, the ferries will run all winter.",
            "she",
            "the ferries will run all winter",
            "In the end",
            id="unquoted",
        ),
        pytest.param(
            "And perhaps, he said, the bridge could open sooner.",
            "he",
            "the bridge could open sooner",
            "perhaps",
            id="without-the-joining-and",
        ),
        pytest.param(
            "As the ferry docked, the captain said, “We are two hours late.”",
            "the captain",
            "“We are two hours late.”",
            None,
            id="a-new-quote-starts",
        ),
        pytest.param(
            "On Tuesday the mayor said, for the record, the tolls will stay.",
            "the mayor",
            "the tolls will stay",
            None,
            id="no-comma-sets-the-credit-off",
        ),
    ],
)
def test_rules_cleanup_a_credit_inside_its_content_puts_the_opening_first(
    parse: Callable[[str], Doc], text: str, source: str, content: str, fronted: str | None
) -> None:
    """`“Hopefully,” the mayor said, “the bridge …”`: the words before a credit set off by
    commas are the first piece of what was said."""
    found = cand([at(text, content)], source=[at(text, source)], cue=[at(text, "said")])
    add_fronted_content(parse(text), found, [found])
    expected = [at(text, fronted)] if fronted else []
    assert found.content == [*expected, at(text, content)]


def test_rules_cleanup_an_opening_another_attribution_holds_stays_its(
    parse: Callable[[str], Doc],
) -> None:
    text = "In the end, she said, the ferries will run all winter."
    found = cand([at(text, "the ferries will run all winter")], source=[at(text, "she")])
    found.cue = [at(text, "said")]
    other = cand([at(text, "In the end")], cue=[], source=[])
    add_fronted_content(parse(text), found, [found, other])
    assert found.content == [at(text, "the ferries will run all winter")]


@pytest.mark.parametrize(
    ("text", "content", "cue"),
    [
        pytest.param(
            "Odile Brennan said in an interview that the pier would close.",
            "the pier would close",
            "said in an interview",
            id="interview",
        ),
        pytest.param(
            "The council wrote in its letter that the tolls would rise.",
            "the tolls would rise",
            "wrote in its letter",
            id="letter",
        ),
        pytest.param(
            "Odile Brennan said in March that the pier would close.",
            "the pier would close",
            "said",
            id="a-month-is-no-medium",
        ),
        pytest.param(
            "The chair said in a statement that the council was sorry.",
            "in a statement that the council was sorry",
            "said",
            id="a-content-that-holds-it-keeps-it",
        ),
    ],
)
def test_rules_cleanup_where_it_was_said_joins_the_cue(
    parse: Callable[[str], Doc], text: str, content: str, cue: str
) -> None:
    found = cand([at(text, content)], cue=[at(text, "said" if "said" in text else "wrote")])
    add_medium_to_cue(parse(text), found)
    assert found.cue == [at(text, cue)]


@pytest.mark.parametrize(
    ("text", "content", "source"),
    [
        pytest.param(
            "The pier will close in March, said the Harbour Trust’s newly named chair Ana "
            "Ruiz in an email to staff.",
            ["The pier will close in March"],
            "the Harbour Trust’s newly named chair Ana Ruiz",
            id="up-to-a-preposition",
        ),
        pytest.param(
            "The pier will close in March, said Ana Ruiz.",
            ["The pier will close in March"],
            "Ana Ruiz",
            id="up-to-the-end",
        ),
        pytest.param(
            "The pier will close in March, said the harbour trust.",
            ["The pier will close in March"],
            None,
            id="no-name-no-source",
        ),
    ],
)
def test_rules_cleanup_an_unquoted_content_takes_the_name_after_its_cue(
    parse: Callable[[str], Doc], text: str, content: list[str], source: str | None
) -> None:
    """`…, said the Trust's newly named chair Ana Ruiz in an email`: the parser may hang
    the name on `named`, and the tagger may take it for a second piece of the content."""
    name = text[text.index("said") + 5 : text.index(" in an email") if "email" in text else -1]
    found = cand([at(text, content[0]), at(text, name)], cue=[at(text, "said")], source=[])
    fill_inverted_source(parse(text), found)
    if source is None:
        assert found.source == [] and len(found.content) == 2
    else:
        assert found.source == [at(text, source)]
        assert found.content == [at(text, content[0])]


@pytest.mark.parametrize(
    ("text", "source"),
    [
        pytest.param(
            "The ferry company rejected the claims, and two harbour pilots told the council "
            "the pier was unsafe.",
            "two harbour pilots",
            id="own-subject",
        ),
        pytest.param(
            "The ferry company rejected the claims and told the council the pier was unsafe.",
            "The ferry company",
            id="shared-subject",
        ),
    ],
)
def test_rules_cleanup_a_joined_clause_with_its_own_subject_says_it_itself(
    parse: Callable[[str], Doc], text: str, source: str
) -> None:
    found = cand(
        [at(text, "the pier was unsafe")],
        cue=[at(text, "told")],
        source=[at(text, "The ferry company")],
    )
    own_subject_of_conjunct(parse(text), found)
    assert found.source == [at(text, source)]


@pytest.mark.parametrize(
    ("text", "source", "content", "first"),
    [
        pytest.param(
            "The council approved a new levy, which the mayor says will pay for the pier.",
            "the mayor",
            "will pay for the pier",
            "which",
            id="which",
        ),
        pytest.param(
            "Nobody knows what the mayor plans to do with the pier.",
            "the mayor",
            "to do with the pier",
            "what",
            id="what",
        ),
        pytest.param(
            "They built the old pier, on which the mayor says ferries will dock again.",
            "the mayor",
            "ferries will dock again",
            None,
            id="not-after-a-preposition",
        ),
    ],
)
def test_rules_cleanup_the_relative_word_before_the_source_is_said(
    parse: Callable[[str], Doc], text: str, source: str, content: str, first: str | None
) -> None:
    found = cand([at(text, content)], source=[at(text, source)], cue=[])
    add_relative_object(parse(text), found)
    assert found.content == [*([at(text, first)] if first else []), at(text, content)]


def test_rules_cleanup_pieces_close_together_are_one() -> None:
    text = "She warned of “higher tolls,” and “fewer ferries” if the pier closed, Ruiz said."
    found = cand([at(text, "“fewer ferries” if the pier closed"), at(text, "“higher tolls,”")])
    found.cue, found.source = [at(text, "said")], [at(text, "Ruiz")]
    join_close_pieces(text, found, [found])
    assert found.content == [(at(text, "“higher tolls,”")[0], at(text, "pier closed")[1])]


@pytest.mark.parametrize(
    "text",
    [
        "“The pier is safe,” Ruiz said. “It will stay open.”",  # the cue between
        "“The pier is safe,”\n\n“It will stay open.”",  # a paragraph between
        "“The pier is safe,” she told the three councillors, “It will stay open.”",  # 4 words
    ],
)
def test_rules_cleanup_pieces_apart_stay_apart(text: str) -> None:
    first, second = at(text, "“The pier is safe,”"), at(text, "“It will stay open.”")
    found = cand([first, second])
    found.cue = [at(text, "said")] if "said" in text else []
    join_close_pieces(text, found, [found])
    assert found.content == [first, second]


def test_rules_cleanup_a_clause_subject_before_the_conjunct_is_no_crash(
    parse: Callable[[str], Doc],
) -> None:
    """`Leaving hurt, and pilots told us it failed`: the first clause's subject is a clause
    (csubj), which the conjunct check must read as no subject to compare, not fail on."""
    nlp_doc = parse("Leaving hurt and pilots told us it failed")
    words = [t.text for t in nlp_doc]
    heads = [1, 1, 1, 4, 1, 4, 7, 4]
    deps = ["csubj", "ROOT", "cc", "nsubj", "conj", "dobj", "nsubj", "ccomp"]
    pos = ["VERB", "VERB", "CCONJ", "NOUN", "VERB", "PRON", "PRON", "VERB"]
    doc = Doc(nlp_doc.vocab, words=words, heads=heads, deps=deps, pos=pos)
    text = doc.text
    found = cand([at(text, "it failed")], cue=[at(text, "told")], source=[at(text, "Leaving")])
    own_subject_of_conjunct(doc, found)
    assert found.source == [at(text, "Leaving")]
