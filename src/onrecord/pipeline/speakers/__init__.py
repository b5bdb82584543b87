"""Speaker resolution within one article: every source mention to one entity, or to no one.

Three stages, one module each, read in article order one parse chunk at a time:

- ``mentions``: the names, surnames and documents a chunk mentions, each added to the
  article's entities as it is read (``Zelenskyy`` joins ``Volodymyr Zelenskyy``; a bare
  ``Trump`` the NER called an organisation joins Donald Trump; ``IMF`` joins the
  International Monetary Fund; roles from titles and apposition);
- ``entities``: the article's entities (``Clusters``) and how a name finds its entity;
- ``sources``: the speaker of each attribution's source: a name, "he"/"she" ranked by the
  learned ``pipeline/antecedents.py``, "it", "who", a description ("the senator", "the
  poll", "the paper"), or no one (``officials``, ``someone``); ``phrases.head_decides``
  says whether a name inside a source phrase is its speaker ("the lawyer for X" is not X).

Each candidate also gets ``speaker_confidence`` from ``pipeline/speaker_confidence.py``,
by how its speaker was found. ``vocabulary`` holds the word lists all of them read.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from onrecord.pipeline import speaker_confidence
from onrecord.pipeline.attribution import Candidate, Range, doc_text
from onrecord.pipeline.quotes import find_quotes, quoted_mask
from onrecord.pipeline.speakers import sources
from onrecord.pipeline.speakers.entities import Clusters, OrgKind, Role
from onrecord.pipeline.speakers.mentions import (
    add_event,
    described_people,
    document_nouns,
    name_mentions,
    unnamed_surnames,
)
from onrecord.pipeline.speakers.phrases import head_decides
from onrecord.pipeline.speakers.sources import (
    byline_author,
    quoted_first_person,
    resolve_source,
    route_of,
    source_pos,
    trace_pronouns,
)

__all__ = [
    "ResolvedEntity",
    "SpeakerResolver",
    "byline_author",
    "head_decides",
    "trace_pronouns",
]


@dataclass(frozen=True, slots=True)
class ResolvedEntity:
    """An entity with mentions in the offsets of the text the docs were cut from."""

    name: str
    type: str
    role: str | None
    mentions: tuple[Range, ...]


class SpeakerResolver:
    """Resolves an article's chunks one at a time, in article order, so no chunk's Doc
    has to be kept after it has been read (an article of 5,000,000 characters is about
    1,200 chunks)."""

    def __init__(self, author: str | None = None) -> None:
        """``author``: the byline's one writer, if known: an unquoted "I" is theirs."""
        self.clusters = Clusters()
        self.clusters.author = author
        self.last_speaker: int | None = None
        #: sources whose description may fit a person named later: (the chunk's list of
        #: speakers, the candidate's place in it, the candidate, the chunk's base, the role)
        self.later: list[tuple[list[int | None], int, Candidate, int, Role | OrgKind]] = []

    def add(self, doc: Doc, base: int, cands: list[Candidate]) -> list[int | None]:
        """For each candidate of the chunk ``doc`` (whose text starts at ``base`` in the
        article), the index of its speaker's cluster, or None; ``finish`` renumbers them."""
        clusters = self.clusters
        clusters.sentence_starts.extend(base + sent.start_char for sent in doc.sents)
        text = doc_text(doc)
        mask = quoted_mask(text, find_quotes(text))
        events: list[tuple[int, Span | Token, str | None]] = [
            (ent.start_char, ent, role) for ent, role in name_mentions(doc, mask)
        ]
        # a document ("the ad", "a Bloomberg poll") is noted once its phrase has been read
        events += [(t.right_edge.idx + len(t.right_edge), t, None) for t in document_nouns(doc)]
        events += [(t.idx, t, "surname") for t in unnamed_surnames(doc, mask)]
        events += [(t.idx, t, "described") for t in described_people(doc, mask)]
        events.sort(key=lambda e: e[0])
        quoting = quoted_first_person(doc, cands)
        # a quoted "I" is read after the quote's own source, which may come after it
        order = {ci: source_pos(cands[ci]) for ci in range(len(cands))}
        for ci, outer in quoting.items():
            order[ci] = max(order[ci], order[outer])
        by_source = sorted(range(len(cands)), key=lambda i: (order[i], i in quoting))
        chunk_assign: list[int | None] = [None] * len(cands)
        unread = iter(events)
        event = next(unread, None)

        def read_until(limit: float) -> None:
            """Add the chunk's mentions up to ``limit`` to the entities, in order."""
            nonlocal event
            while event is not None and event[0] <= limit:
                clusters.now = event[0] + base
                add_event(clusters, event[1], event[2], base)
                event = next(unread, None)

        for ci in by_source:
            pos = source_pos(cands[ci])
            read_until(order[ci])
            clusters.share = None
            clusters.pending = None
            clusters.now = pos + base
            if ci in quoting:
                speaker, route = chunk_assign[quoting[ci]], "quoted I"
            else:
                is_quoted = bool(mask[pos]) if pos < len(mask) else False
                speaker = resolve_source(
                    doc, cands[ci], clusters, self.last_speaker, base, is_quoted
                )
                route = route_of(doc, cands[ci], speaker, is_quoted)
            chunk_assign[ci] = speaker
            unsure = speaker is None or isinstance(clusters.pending, OrgKind)
            if unsure and clusters.pending is not None:
                # "Judge rejects ..." above "Justice Frank Nervo": decided at the end
                self.later.append((chunk_assign, ci, cands[ci], base, clusters.pending))
            cands[ci].speaker_confidence = speaker_confidence.confidence(route, clusters.share)
            sources.note({"pos": pos + base, "route": route, "share": clusters.share})
            if speaker is not None:
                clusters.spoke(speaker, pos + base)
                self.last_speaker = speaker
                for s, e in cands[ci].source:
                    clusters[speaker].mentions.append((s + base, e + base))
        read_until(float("inf"))
        return chunk_assign

    def finish(self) -> tuple[list[ResolvedEntity], dict[int, int]]:
        """The entities that speak, and each one's new index by its cluster index.

        First the descriptions no one read before them fitted ("Judge" in a headline, "a
        New York judge" in the lede) go to the one person the whole article gives that
        role, if exactly one (for a headline's, the first named); the chunks' lists returned
        by ``add`` are filled in."""
        clusters = self.clusters
        for assigned, ci, cand, base, wanted in self.later:
            fits = [i for i, c in enumerate(clusters) if wanted.fits(c)]
            if wanted.is_headline and fits:  # the story's first "Rep." for "Lawmaker"
                fits = [min(fits, key=lambda i: clusters[i].first_seen)]
            if len(fits) == 1 and assigned[ci] != fits[0]:
                said = [(s + base, e + base) for s, e in cand.source]
                guessed = assigned[ci]
                if guessed is not None:  # "the union": a firm's name, before the union's
                    old = clusters[guessed]
                    old.speeches -= 1
                    old.mentions = [m for m in old.mentions if m not in said]
                assigned[ci] = fits[0]
                clusters[fits[0]].speeches += 1
                clusters[fits[0]].mentions.extend(said)
                cand.speaker_confidence = speaker_confidence.confidence("description")
                sources.note(
                    {"pos": source_pos(cand) + base, "route": "description", "share": None}
                )
        keep = [i for i, c in enumerate(clusters) if c.is_speaker]
        entities = [
            ResolvedEntity(c.name, c.type, c.role, tuple(sorted(set(c.mentions))))
            for c in (clusters[i] for i in keep)
        ]
        return entities, {old: new for new, old in enumerate(keep)}
