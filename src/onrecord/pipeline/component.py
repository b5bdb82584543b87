"""The ``onrecord`` spaCy component: sets ``doc._.attributions`` and ``doc._.entities``.

Usable in anyone's pipeline: ``nlp.add_pipe("onrecord")`` after a parser (the tagger reads
the ``tok2vec`` output in ``doc.tensor``; with another model use ``finder="rules"``). Offsets are
into ``doc.text``; text repair is the Extractor's job, since a Doc's text is fixed.
For paragraph-aware parsing, add ``onrecord_paragraphs`` before the parser too.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from onrecord.config import CONVENTIONS, PROFILES, Convention
from onrecord.model import Attribution
from onrecord.pipeline.assemble import Found, assemble
from onrecord.pipeline.conventions import apply_convention, finish_convention
from onrecord.pipeline.cues import load_lexicon
from onrecord.pipeline.quotes import find_quotes
from onrecord.pipeline.scoring import load_scorer
from onrecord.tagger import load_tagger
from onrecord.tagger.combine import find_candidates

if not Doc.has_extension("attributions"):
    Doc.set_extension("attributions", default=None)
if not Doc.has_extension("entities"):
    Doc.set_extension("entities", default=None)


class AttributionComponent:
    """Finds attributions and resolves their speakers in a parsed Doc."""

    def __init__(
        self,
        min_confidence: float = 0.0,
        finder: str = "combined",
        convention: str = "news",
        profile: str = "default",
    ) -> None:
        if convention not in CONVENTIONS:
            raise ValueError(
                f"convention must be one of {', '.join(CONVENTIONS)}, not {convention!r}"
            )
        if profile not in PROFILES:
            raise ValueError(f"profile must be one of {', '.join(PROFILES)}, not {profile!r}")
        self.min_confidence = min_confidence
        self.finder = finder
        self.convention: Convention = convention
        self.lexicon = load_lexicon()
        self.scorer = load_scorer()
        #: "accurate": the tagger with the pretrained encoder; "fast" is the pipeline's
        #: business (a pipeline without "ner"), so it changes nothing here
        self.tagger = load_tagger(accurate=profile == "accurate") if finder != "rules" else None

    def __call__(self, doc: Doc) -> Doc:
        quotes = find_quotes(doc.text)
        candidates = apply_convention(
            doc,
            find_candidates(doc, quotes, self.finder, self.lexicon, self.scorer, self.tagger),
            self.convention,
            quotes,
            self.lexicon,
        )
        found = [Found(doc, 0, candidates)]
        attributions, entities = assemble(doc.text, quotes, found, self.convention == "news")
        attributions = finish_convention(attributions, self.convention)
        kept: list[Attribution] = [a for a in attributions if a.confidence >= self.min_confidence]
        doc._.attributions = kept
        doc._.entities = list(entities)
        return doc


@Language.factory(
    "onrecord",
    default_config={
        "min_confidence": 0.0,
        "finder": "combined",
        "convention": "news",
        "profile": "default",
    },
    requires=["token.dep", "token.lemma", "doc.ents", "doc.sents"],
    assigns=["doc._.attributions", "doc._.entities"],
)
def make_onrecord(
    nlp: Language, name: str, min_confidence: float, finder: str, convention: str, profile: str
) -> AttributionComponent:
    return AttributionComponent(min_confidence, finder, convention, profile)
