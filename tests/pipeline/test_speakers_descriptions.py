"""Speaker resolution, end to end: documents and descriptions that find their maker.

Short made-up news texts (people, places and organisations are invented; the European Union
is real), one behaviour per test, asserting on the resolved entity's ``name``: a document
an organisation just spoke through ("the ruling said"), a statement carried by its clause's
subject, an aged description ("the 41-year-old mother of two"), networks apart from papers,
an office named by two words, a bloc, and a book its author wrote.
"""

from __future__ import annotations

import pytest
from spans import describe, holding, speaker

from onrecord import Extractor

# ---------------------------------------------------------------- documents an organisation spoke


@pytest.mark.parametrize(
    ("text", "fragment", "source", "name"),
    [
        (
            "The Fourth District Court of Appeals struck down the harbour toll on Thursday. "
            "The court said the county had no power to charge it.\n\n"
            "The toll was never approved by voters, the ruling said.",
            "never approved",
            "the ruling",
            "The Fourth District Court of Appeals",
        ),
        (
            "Tidewell Foods sued the Harbour Licensing Commission on Friday. The company said "
            "the commission had cost it two plants.\n\n"
            "The commission ignored its own rules, the complaint said.",
            "ignored its own rules",
            "the complaint",
            "Tidewell Foods",
        ),
        (
            "Tidewell Foods closed two plants on Monday. The company said demand had fallen.\n\n"
            "The plants will not reopen, the website said.",
            "will not reopen",
            "the website",
            "Tidewell Foods",
        ),
        (
            "The Coastal Water Agency tested the wells in May. The agency said eleven of them "
            "were unsafe.\n\n"
            "Lead levels had doubled since 2019, the data showed.",
            "Lead levels",
            "the data",
            "The Coastal Water Agency",
        ),
    ],
    ids=["ruling", "complaint", "website", "data"],
)
def test_speakers_a_document_is_the_organisation_that_just_spoke(
    extractor: Extractor, text: str, fragment: str, source: str, name: str
) -> None:
    doc = extractor(text)
    a = holding(doc, fragment)
    assert doc.span_text(a.source) == source
    assert speaker(doc, a) == name


def test_speakers_a_document_after_a_person_spoke_is_no_one(extractor: Extractor) -> None:
    """A person's "the suit" is as often a lawyer's or a court's: it stays unresolved."""
    doc = extractor(
        "Peter Hale, a ferry captain, sued the county over the harbour toll in May. "
        "“The toll is theft,” Hale said.\n\n"
        "The county ignored the pilots' warnings, the suit said."
    )
    assert speaker(doc, holding(doc, "The toll is theft")) == "Peter Hale"
    a = holding(doc, "ignored the pilots")
    assert doc.span_text(a.source) == "the suit"
    assert a.speaker is None, speaker(doc, a)


# ---------------------------------------------------------------- a statement carried by a clause


def test_speakers_a_statement_is_the_clause_subject_it_was_given_in(
    polnear_extractor: Extractor,
) -> None:
    """PolNeAR's convention finds "a statement announcing the pick" (the news convention
    leaves a content without a verb out); its speaker is the clause's subject."""
    doc = polnear_extractor(
        "In a statement announcing the pick, the Union of Harbour Pilots called Karen Osei "
        "a champion of safe berths."
    )
    a = holding(doc, "the pick")
    assert doc.span_text(a.source) == "a statement"
    assert speaker(doc, a) == "the Union of Harbour Pilots"


# ---------------------------------------------------------------- aged descriptions


def test_speakers_an_aged_woman_is_the_woman_named_not_the_man_who_spoke(
    extractor: Extractor,
) -> None:
    doc = extractor(
        "Maria Lund lost her job at the cannery in March. Her landlord, Tom Becker, raised "
        "the rent the same week. Becker said the rise was fair.\n\n"
        "Asked about the rise, the 41-year-old mother of two replied, “I cannot pay it.”"
    )
    assert speaker(doc, holding(doc, "rise was fair")) == "Tom Becker"
    a = holding(doc, "cannot pay it")
    assert doc.span_text(a.source) == "the 41-year-old mother of two"
    assert speaker(doc, a) == "Maria Lund"


def test_speakers_an_aged_description_after_an_unnamed_one_of_that_age_is_no_one(
    extractor: Extractor,
) -> None:
    """ "A 41-year-old woman" brought in someone unnamed: "the 41-year-old" is her, not
    the woman named after."""
    doc = extractor(
        "A 41-year-old woman lost her job at the cannery in March. Maria Lund, who runs the "
        "food bank, said she was one of many.\n\n"
        "Asked about the rent, the 41-year-old mother of two replied, “I cannot pay it.”"
    )
    a = holding(doc, "cannot pay it")
    assert doc.span_text(a.source) == "the 41-year-old mother of two"
    assert a.speaker is None, speaker(doc, a)


def test_speakers_an_aged_description_without_gender_is_the_last_speaker(
    extractor: Extractor,
) -> None:
    """ "Diplomat" tells no gender and no role anyone was given: the person who spoke last,
    not the one named since."""
    doc = extractor(
        "Karl Brenner led the talks on the fishing quota for six years. "
        "“We will not sign this,” Brenner said on Monday. Maria Lund, his deputy, sat "
        "beside him.\n\n"
        "“The quota is a trap,” the 63-year-old diplomat said."
    )
    a = holding(doc, "quota is a trap")
    assert doc.span_text(a.source) == "the 63-year-old diplomat"
    assert speaker(doc, a) == "Karl Brenner"


@pytest.mark.parametrize(
    ("description", "name"),
    [("the former harbour master", "Karl Brenner"), ("the retired engineer", "Maria Lund")],
)
def test_speakers_a_description_with_a_past_returns_to_a_person_named(
    extractor: Extractor, description: str, name: str
) -> None:
    """ "Former", "retired", "longtime": news returns to someone named with their past."""
    doc = extractor(
        f"{name} walked out of the inquiry on Monday. The panel had met for six weeks.\n\n"
        f"“Nobody asked the fishermen,” {description} said."
    )
    a = holding(doc, "Nobody asked")
    assert doc.span_text(a.source) == description
    assert speaker(doc, a) == name


def test_speakers_a_description_with_a_past_after_an_unnamed_one_is_no_one(
    extractor: Extractor,
) -> None:
    doc = extractor(
        "Karl Brenner opened the inquiry on Monday. A former harbour master told the panel "
        "the dredging had been skipped for years.\n\n"
        "“Nobody asked the fishermen,” the former harbour master said."
    )
    assert speaker(doc, holding(doc, "Nobody asked")) is None


# ---------------------------------------------------------------- networks and papers


@pytest.mark.parametrize(
    "network",
    ["KTV", "The Coastal News Network"],
    ids=["letters", "network-in-name"],
)
def test_speakers_the_network_is_the_broadcaster_even_after_a_paper(
    extractor: Extractor, network: str
) -> None:
    doc = extractor(
        f"{network} first reported the closures on Monday, and The Harbour Times followed "
        "on Tuesday. The network said the closures would cost 400 jobs."
    )
    assert speaker(doc, holding(doc, "400 jobs")) == network


def test_speakers_the_paper_is_the_paper_not_a_news_network_named_after(
    extractor: Extractor,
) -> None:
    """ "The Coastal News Network" holds "news", yet it is a network: never "the paper"."""
    doc = extractor(
        "The Harbour Times first reported the closures on Monday, and the Coastal News "
        "Network followed on Tuesday. The paper said the closures would cost 400 jobs."
    )
    assert speaker(doc, holding(doc, "400 jobs")) == "The Harbour Times"


# ---------------------------------------------------------------- an office named by two words


def test_speakers_the_budget_office_is_the_office_whose_name_holds_both_words(
    extractor: Extractor,
) -> None:
    doc = extractor(
        "The Parliamentary Budget Office costed the plan in May. The Harbour Licensing "
        "Office approved it a week later. The budget office said the plan would cost "
        "2 billion crowns."
    )
    assert speaker(doc, holding(doc, "2 billion")) == "The Parliamentary Budget Office"


# ---------------------------------------------------------------- a bloc, a book


@pytest.mark.parametrize(
    ("headline", "source"),
    [
        ("Trade bloc warns of tariff war", "Trade bloc"),
        ("After the vote, bloc aims to cut tariffs", "bloc"),
    ],
    ids=["trade-bloc", "bare-bloc"],
)
def test_speakers_a_headline_bloc_is_the_bloc_named_never_an_entity_bloc(
    extractor: Extractor, headline: str, source: str
) -> None:
    doc = extractor(
        f"{headline}\n\n"
        "The European Union met in Lisbon on Monday, and the Harbour Workers Union marched "
        "outside. Ministers said tariffs would change in May."
    )
    assert not any("bloc" in e.name.lower().split() for e in doc.entities), describe(doc)
    lead = doc.attributions[0]
    assert doc.span_text(lead.source) == source
    assert speaker(doc, lead) == "The European Union"


def test_speakers_the_bloc_is_the_union_of_states_not_a_trade_union(
    extractor: Extractor,
) -> None:
    doc = extractor(
        "The European Union and the Northern Trade Union met in Lisbon on Monday. "
        "The bloc said tariffs would rise in May."
    )
    assert speaker(doc, holding(doc, "tariffs would rise")) == "The European Union"


def test_speakers_the_book_is_the_memoir_its_author_wrote(extractor: Extractor) -> None:
    doc = extractor(
        "Dana Reyes wrote a memoir of her years at the clinic. Peter Hale, who ran the "
        "clinic, said the memoir was fair.\n\n"
        "“Nobody at the clinic slept,” the book said."
    )
    a = holding(doc, "Nobody at the clinic slept")
    assert doc.span_text(a.source) == "the book"
    assert speaker(doc, a) == "Dana Reyes"
