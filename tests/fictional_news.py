"""Fictional news paragraphs of any length, made in the test: no real article is copied.

Every paragraph is one or two sentences with a plain attribution (a quote with its cue,
or reported speech), its quotation marks balanced, so a text made of them reads the same
whether its paragraphs are on lines of their own or all on one line.
"""

from __future__ import annotations

import random
from pathlib import Path

_PEOPLE = [
    ("Marta Lindqvist", "she", "the harbour master"),
    ("Tomas Okafor", "he", "the council leader"),
    ("Ines Ferreira", "she", "the union's spokeswoman"),
    ("Daniel Brook", "he", "the ferry company's director"),
    ("Amara Nwosu", "she", "the city's treasurer"),
    ("Pieter de Wit", "he", "the port engineer"),
]
_QUOTES = [
    "We will not let the harbour close while the repairs go on",
    "The ferry timetable has to change before the winter storms",
    "Nobody on the council was told about the new fees",
    "Our members have waited three years for this agreement",
    "The bridge is safe, and the inspections prove it",
    "Every family on the island deserves a reliable crossing",
]
_CLAIMS = [
    "the repairs would be finished by the end of March",
    "the fees had been set without asking the traders",
    "the union would accept the offer if the night shifts stayed",
    "the budget could not cover a second ferry this year",
    "the old pier would reopen for fishing boats in the spring",
    "the crossing had been delayed by the storms in October",
]
_FILLER = [
    "The ferry carried 1,200 passengers on Saturday.",
    "Traders on the quay opened their stalls early.",
    "The storm damaged two warehouses near the old pier.",
    "The meeting ended shortly after midnight.",
]


def paragraphs(count: int, seed: int = 13) -> list[str]:
    """``count`` paragraphs, the same for the same seed."""
    rng = random.Random(seed)
    out = []
    for n in range(count):
        name, pronoun, role = rng.choice(_PEOPLE)
        kind = n % 4
        if kind == 0:
            out.append(f"“{rng.choice(_QUOTES)},” {name} said.")
        elif kind == 1:
            out.append(f"{name}, {role}, said that {rng.choice(_CLAIMS)}.")
        elif kind == 2:
            out.append(f"{rng.choice(_FILLER)} “{rng.choice(_QUOTES)},” {pronoun} added.")
        else:
            out.append(f"{rng.choice(_FILLER)} {name} told reporters {rng.choice(_CLAIMS)}.")
    return out


def text(chars: int, separator: str = "\n\n", seed: int = 13) -> str:
    """About ``chars`` characters of paragraphs joined by ``separator`` (a space for one
    line): whole paragraphs, the last one ending at or before ``chars``."""
    parts: list[str] = []
    size = 0
    for para in paragraphs(chars // 40 + 1, seed):
        if parts and size + len(separator) + len(para) > chars:
            break
        size += len(para) + (len(separator) if parts else 0)
        parts.append(para)
    return separator.join(parts)


def write_articles(folder: Path, count: int) -> None:
    """``count`` different short fictional articles as .txt files."""
    folder.mkdir()
    for i in range(count):
        (folder / f"article-{i:03d}.txt").write_text(
            f"Ferry {i} returns to service\n\n"
            f"“We expect ferry number {i} back on the water by Friday,” said Mira Holt, "
            f"the port director. The repairs cost {1000 + i} kroner, she said.\n",
            encoding="utf-8",
        )
