"""Furniture blocks of a page's main text are dropped; article paragraphs, however short, stay."""

from __future__ import annotations

import pytest

from onrecord.readers.boilerplate import drop_boilerplate, is_boilerplate

FURNITURE = [
    "___",
    "* * *",
    "Comments",
    "Read more:",
    "You may also like...",
    "Leggi anche",
    "READ MORE: Council delays vote on the harbour wall until spring",
    "[Related: Five things to know about the new ferry timetable]",
    "Most read in local news",
    "Sign up for the Harbour Brief, our free weekly newsletter.",
    "Get the day's top headlines delivered to your inbox every morning.",
    "Evening Edition Newsletter",
    "If you enjoyed this article, join our members: no paywalls, no ads.",
    "Follow us on Twitter @harbourledger and on Facebook.",
    "Follow @LedgerDeals on Twitter for more offers.",
    "Have a tip? Dana Okafor may be reached at dokafor@ledger.example.",
    "Email Rui Santos at rsantos@ledger.example or follow him @ruisantos.",
    "Like this story? Share it with a friend!",
    "Copyright 2024 The Harbour Ledger. All rights reserved.",
    "© Harbour Ledger Media",
    "This copy is for your personal, non-commercial use only.",
    "(Reporting by Ana Pires; Editing by Tom Lark)",
    "Associated Press writer Jo Kim contributed to this report.",
    "Contributing: Priya Nair",
    "SOURCE: News agencies",
    "Reading time: 3 minutes",
    "Updated at 4:12 p.m.",
    "https://www.ledger.example/port/night-ferry",
    "Passengers board the first night ferry on Monday. (AP Photo/Ines Varga)",
    "The ferry leaves Vell harbour at dusk. Photo: Mira Holt",
]

ARTICLE = [
    "“Not yet,” she said.",
    "Schools will stay closed on Tuesday.",
    "Related charges were dropped last year, the prosecutor said.",
    "Read the full ruling and you will see the judge agreed with us, she said.",
    "The paper said its newsletter, sent to 40,000 readers, would close in June.",
    "He said he would follow the case on Twitter.",
    "The photographer, who asked not to be named, said the image was staged.",
    "More than 300 people signed the petition.",
    "Copyright lawyers say the ruling could change how songs are sampled, and the label "
    "plans to appeal.",
    "Comments from residents were mostly positive, the council said.",
    "The ferry was updated at a cost of £4 million, officials said.",
]


@pytest.mark.parametrize("block", FURNITURE)
def test_boilerplate_furniture_is_dropped(block: str) -> None:
    assert is_boilerplate(block)


@pytest.mark.parametrize("block", ARTICLE)
def test_boilerplate_article_paragraphs_stay(block: str) -> None:
    assert not is_boilerplate(block)


def test_boilerplate_a_long_paragraph_stays_whatever_it_mentions() -> None:
    block = (
        "The company, which sends its subscribers a newsletter every morning, said on Monday "
        "that readers who sign up before June will get the paper delivered to your inbox "
        "rates for a year, a promotion its chief executive called the biggest in its history, "
        "and added that photos by its staff would no longer carry a copyright notice because "
        "the owners wanted them shared as widely as possible across the region."
    )
    assert not is_boilerplate(block)


def test_boilerplate_drop_keeps_order_and_removes_the_repeated_headline() -> None:
    blocks = [
        "Night Ferry to Marrow Point Returns",
        "The night ferry will run again from June, officials said.",
        "Read more: Harbour wall vote delayed",
        "“We have the crew now,” said Mira Holt.",
        "___",
    ]
    kept = drop_boilerplate(blocks, title="Night ferry to Marrow Point returns")
    assert kept == [blocks[1], blocks[3]]


def test_boilerplate_headline_is_kept_without_a_title() -> None:
    blocks = ["Night ferry returns", "The night ferry will run again from June, officials said."]
    assert drop_boilerplate(blocks) == blocks
