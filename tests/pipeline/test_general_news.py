"""General news beyond campaign coverage (issue 15): what is and is not an attribution in
courts, sport, business, science and local news, under the default (news) convention.
Fresh made-up sentences, one class each; what onrecord does not handle yet is
``xfail(strict=True)`` with what goes wrong."""

from __future__ import annotations

import pytest
from spans import describe, holding, speaker

from onrecord import Extractor


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "A Harlow judge sentenced the former treasurer to five years on Friday.",
            id="courts-sentenced",
        ),
        pytest.param(
            "The county council approved a new budget on Tuesday after a four-hour debate.",
            id="local-approved",
        ),
        pytest.param(
            "The club has ordered an inquiry into the brawl after Sunday's derby.",
            id="sport-ordered",
        ),
        pytest.param(
            "A spokesman for the airline declined to comment on the fine.",
            id="business-declined-to-comment",
        ),
        pytest.param(
            "The patch fixes the flaw on newer handsets. That said, the update leaves older "
            "phones unprotected.",
            id="tech-that-said",
        ),
        pytest.param(
            "Having said that, the board will meet again in May to settle the fares.",
            id="having-said-that",
        ),
    ],
)
def test_general_news_no_attribution(extractor: Extractor, text: str) -> None:
    doc = extractor(text)
    assert doc.attributions == (), describe(doc)


def test_general_news_a_discourse_marker_inside_a_quote_is_the_quotes_words(
    extractor: Extractor,
) -> None:
    doc = extractor("“That said, we go on,” the coach said after the defeat.")
    a = holding(doc, "we go on")
    assert (doc.span_text(a.source), doc.span_text(a.cue)) == ("the coach", "said")


def test_general_news_adjacent_quotes_of_two_speakers_stay_apart(extractor: Extractor) -> None:
    doc = extractor(
        "“We are ready,” said captain Ada Brenner. “They are not,” coach Piet Anders replied."
    )
    assert speaker(doc, holding(doc, "We are ready")) == "Ada Brenner"
    theirs = holding(doc, "They are not")
    assert doc.span_text(theirs.source) == "coach Piet Anders"
    assert speaker(doc, theirs) == "Piet Anders"


def test_general_news_a_dateline_is_no_part_of_source_or_content(extractor: Extractor) -> None:
    doc = extractor(
        "BRUSSELS (Reuters) — The European Commission said on Monday it would fine the "
        "ferry operator for late refunds."
    )
    a = holding(doc, "fine the ferry operator")
    assert doc.span_text(a.source) == "The European Commission"
    assert "BRUSSELS" not in doc.span_text(a.content)


@pytest.mark.parametrize(
    "dateline",
    ["(Reuters) — ", "(CNN) ", "Ellisport – ", "SALT HARBOR, Maine — "],
)
def test_general_news_a_wire_or_title_case_dateline_is_no_part_of_content(
    extractor: Extractor, dateline: str
) -> None:
    doc = extractor(
        dateline + "The ferry operator, according to the county's transport office, will "
        "refund every late sailing."
    )
    a = holding(doc, "refund every late sailing")
    assert doc.span_text(a.content).startswith("The ferry operator"), describe(doc)


def test_general_news_a_quote_paragraph_continues_its_speaker(extractor: Extractor) -> None:
    doc = extractor(
        "“The reef is bleaching faster than our models said,” marine biologist Lena Korr "
        "said.\n\n"
        "“We need another survey before the summer.”\n"
    )
    second = holding(doc, "another survey")
    assert speaker(doc, second) == "Lena Korr"
    assert doc.span_text(second.source) == ""


def test_general_news_a_caption_is_no_attribution(extractor: Extractor) -> None:
    doc = extractor("This photo released by the club shows the new stand before its opening.")
    assert doc.attributions == (), describe(doc)


@pytest.mark.xfail(strict=True, reason="a naming quote ('call it “Team Mango”') reads as speech")
def test_general_news_a_naming_quote_is_no_attribution(extractor: Extractor) -> None:
    doc = extractor("The players call the new training drill “Team Mango” and laugh about it.")
    assert doc.attributions == (), describe(doc)


@pytest.mark.xfail(
    strict=True, reason="the tagger's 'We never saw' beats the transcript turn 'MR. SMITH:'"
)
def test_general_news_transcript_turns(extractor: Extractor) -> None:
    doc = extractor("MR. SMITH: We never saw the invoices.\nMS. ORTEGA: Then who approved them?")
    said = [(doc.span_text(a.source), doc.span_text(a.content)) for a in doc.attributions]
    assert said == [
        ("MR. SMITH", "We never saw the invoices."),
        ("MS. ORTEGA", "Then who approved them?"),
    ]


@pytest.mark.xfail(strict=True, reason="a mid-sentence 'the release states' is not a cue yet")
def test_general_news_the_release_states(extractor: Extractor) -> None:
    doc = extractor("The company will close two plants, the release states, and cut 400 jobs.")
    a = holding(doc, "close two plants")
    assert doc.span_text(a.source) == "the release"


@pytest.mark.parametrize(
    ("text", "fragment", "source", "cue"),
    [
        pytest.param(
            "Buser and Early run the studio together.\n\n“Streaming is binary,” says Early. "
            "“You are either connected or you are not.”",
            "Streaming is binary",
            "Early",
            "says",
            id="a-name-the-parser-reads-as-an-adverb",
        ),
        pytest.param(
            "“A great night for the valley!” Mayor Ruiz tweeted soon after the council "
            "concluded its budget session on Monday.",
            "great night for the valley",
            "Mayor Ruiz",
            "tweeted",
            id="not-the-verb-of-a-clause-of-time",
        ),
        pytest.param(
            '"We all miss Steve so much," Okoro weighed in, telling Baker, "since he left, '
            'you have been so true to his values."',
            "We all miss Steve",
            "Okoro",
            "weighed in, telling",
            id="telling-a-name-is-no-inverted-credit",
        ),
        pytest.param(
            'Ferreira said she never used the word "cartel" and added, "It makes me wince '
            'every time."',
            "makes me wince",
            "Ferreira",
            "added",
            id="added-goes-on-with-the-reporter",
        ),
    ],
)
def test_general_news_credit_after_a_quote(
    extractor: Extractor, text: str, fragment: str, source: str, cue: str
) -> None:
    doc = extractor(text)
    a = holding(doc, fragment)
    assert (doc.span_text(a.source), doc.span_text(a.cue)) == (source, cue), describe(doc)


def test_general_news_the_clause_before_and_added_is_all_that_said_reports(
    extractor: Extractor,
) -> None:
    doc = extractor(
        'Ferreira said she never used the word "cartel" and added, "It makes me wince every time."'
    )
    a = holding(doc, "never used the word")
    assert doc.span_text(a.cue) == "said"
    assert "wince" not in doc.span_text(a.content), describe(doc)
