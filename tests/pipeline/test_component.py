"""The ``onrecord`` spaCy component in someone else's pipeline: ``doc._.attributions``."""

from __future__ import annotations

from importlib.resources import files

import pytest
from spacy.language import Language

import onrecord.pipeline.component  # noqa: F401  registers the factory without entry points
from onrecord.config import Settings
from onrecord.errors import OnrecordError
from onrecord.extract import load_pipeline

TEXT = (
    "The lifeboat crew said the storm had passed by midnight.\n\n"
    "Harbour master Ruth Adebayo believes the sea wall will need new stone before winter.\n\n"
    "Residents fear that another storm could flood the lower town."
)


@pytest.fixture(scope="module")
def nlp() -> Language:
    pipeline = load_pipeline(Settings())
    pipeline.add_pipe("onrecord")
    return pipeline


def test_component_types_each_attribution(nlp: Language) -> None:
    doc = nlp(TEXT)
    typed = {TEXT[a.content[0].start : a.content[-1].end]: a.type for a in doc._.attributions}
    assert typed == {
        "the storm had passed by midnight": "statement",
        "the sea wall will need new stone before winter": "thought",
        "another storm could flood the lower town": "thought",
    }
    assert [a.to_dict()["type"] for a in doc._.attributions] == list(typed.values())


def test_component_follows_its_convention() -> None:
    """config={"convention": "polnear"} keeps the source's aside; the default drops it."""
    text = "Dana Reyes, a professor of physics at Ridgeway College, said the comet was near."
    sources = {}
    for convention in ("news", "polnear"):
        pipeline = load_pipeline(Settings())
        pipeline.add_pipe("onrecord", config={"convention": convention})
        doc = pipeline(text)
        sources[convention] = [
            text[a.source[0].start : a.source[-1].end] for a in doc._.attributions
        ]
    assert sources == {
        "news": ["Dana Reyes"],
        "polnear": ["Dana Reyes, a professor of physics at Ridgeway College"],
    }


def test_component_refuses_an_unknown_convention() -> None:
    pipeline = load_pipeline(Settings())
    with pytest.raises(ValueError, match="convention must be one of"):
        pipeline.add_pipe("onrecord", config={"convention": "press"})


def test_component_refuses_an_unknown_profile() -> None:
    pipeline = load_pipeline(Settings())
    with pytest.raises(ValueError, match="profile must be one of default, fast, accurate"):
        pipeline.add_pipe("onrecord", config={"profile": "quick"})


HAS_ACCURATE_MODEL = files("onrecord.data").joinpath("accurate", "encoder.onnx").is_file()


@pytest.mark.skipif(HAS_ACCURATE_MODEL, reason="the accurate model is shipped")
def test_component_accurate_profile_loads_the_accurate_tagger() -> None:
    """config={"profile": "accurate"} asks for the shipped accurate tagger, which is not
    there yet: E010 names its folder."""
    pipeline = load_pipeline(Settings())
    with pytest.raises(OnrecordError, match="data/accurate: no trained tagger here") as caught:
        pipeline.add_pipe("onrecord", config={"profile": "accurate"})
    assert caught.value.code == "E010"


@pytest.mark.skipif(not HAS_ACCURATE_MODEL, reason="the accurate model is not shipped yet")
def test_component_accurate_profile_finds_attributions() -> None:
    pipeline = load_pipeline(Settings())
    component = pipeline.add_pipe("onrecord", config={"profile": "accurate"})
    assert component.tagger is not None and component.tagger.encoder is not None
    assert pipeline(TEXT)._.attributions


def test_component_under_polnear_drops_an_unsure_nested_report() -> None:
    """As the Extractor does (pipeline/conventions.py ``drop_unsure_nested``)."""
    text = (
        "The union said in a letter that managers claimed the new rota would save money, "
        "but workers doubted it."
    )
    nested = {}
    for convention in ("news", "polnear"):
        pipeline = load_pipeline(Settings())
        pipeline.add_pipe("onrecord", config={"convention": convention})
        nested[convention] = [a for a in pipeline(text)._.attributions if a.via]
    assert nested["news"] and not nested["polnear"]
