"""web/highlight.py: the segments the article page draws, each attribution's one anchor,
and the permalink (the same from Python and from the template macro)."""

from __future__ import annotations

from importlib.resources import files
from typing import Any

from jinja2 import Environment, FileSystemLoader

from onrecord.model import Attribution, Document, Offsets
from onrecord.web.filters import path_part
from onrecord.web.highlight import permalink, segments

TEXT = "Ek said the master told him “no boats” and he agreed. “One.” “Two.”"


def at(words: str, nth: int = 0) -> tuple[Offsets, ...]:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(words, start + 1)
    return (Offsets(start, start + len(words)),)


#: a4 reports a5 (nested, via a4), whose source starts where a4's content does; a2 and
#: a3 are adjacent quotes of one speaker
DOC = Document(
    "d",
    TEXT,
    attributions=(
        Attribution("a4", "indirect", at("the master told him “no boats” and he agreed"),
                    at("said"), at("Ek"), "e1"),
        Attribution("a5", "direct", at("“no boats”"), at("told him"), at("the master"), None,
                    via="a4"),
        Attribution("a2", "direct", at("“One.”"), (), (), "e1"),
        Attribution("a3", "direct", at("“Two.”"), (), (), "e1"),
    ),
)  # fmt: skip


def by_text(text: str) -> object:
    (found,) = [s for s in segments(DOC) if s.text == text]
    return found


def test_web_highlight_each_attribution_has_one_anchor_at_its_start() -> None:
    anchors = {s.anchor: s.text for s in segments(DOC) if s.anchor}
    assert anchors == {"a4": "Ek", "a5": "the master", "a2": "“One.”", "a3": "“Two.”"}
    assert all(not s.targets for s in segments(DOC))


def test_web_highlight_two_attributions_starting_together_get_two_anchors() -> None:
    """a6 and a7 both start at "the master": the outer takes it, the inner its next part."""
    doc = Document(
        "d",
        TEXT,
        attributions=(
            Attribution("a6", "indirect", at("the master told him"), (), (), None),
            Attribution("a7", "indirect", at("the master"), at("told him"), (), None, via="a6"),
        ),
    )
    anchors = {s.anchor: s.text for s in segments(doc) if s.anchor}
    assert anchors == {"a6": "the master", "a7": "told him"}
    one = Document(
        "d",
        TEXT,
        attributions=(
            Attribution("a8", "indirect", at("Ek"), (), (), None),
            Attribution("a9", "indirect", at("Ek"), (), (), None),
        ),
    )
    (ek,) = [s for s in segments(one) if s.text == "Ek"]
    assert (ek.anchor, ek.targets) == ("a8", ["a9"])  # an empty target before it


def test_web_highlight_the_nested_attribution_is_on_top_and_marked() -> None:
    master = by_text("the master")
    assert master.roles == ["content", "source"] and master.attribution == "a5"
    assert master.nested and master.opens  # a5 on top; a4's content opens here
    boats = by_text("“no boats”")
    assert (boats.attribution, boats.nested, boats.opens, boats.closes) == ("a5", True, True, True)
    agreed = by_text(" and he agreed")
    assert (agreed.attribution, agreed.nested, agreed.closes) == ("a4", False, True)
    assert boats.roles_of("a4") == ["content"] and boats.roles_of("a5") == ["content"]
    assert by_text("told him").roles_of("a5") == ["cue"]


def test_web_highlight_adjacent_quotes_each_open_and_close() -> None:
    one, two = by_text("“One.”"), by_text("“Two.”")
    assert (one.opens, one.closes, two.opens, two.closes) == (True, True, True, True)
    assert (one.attribution, two.attribution) == ("a2", "a3")


class AnyFilter(dict[str, Any]):
    """The filters of a bare environment, and any other (the app's own) as no-ops: enough
    to load macros.html without the app, which the permalink macro needs none of."""

    def __contains__(self, name: object) -> bool:
        return True

    def __missing__(self, name: str) -> Any:
        return lambda value, *args, **kwargs: value

    def get(self, name: str, default: Any = None) -> Any:
        return self[name]


def test_web_highlight_permalink_is_the_macros_permalink() -> None:
    env = Environment(loader=FileSystemLoader(str(files("onrecord.web").joinpath("templates"))))
    env.filters = AnyFilter(env.filters, path_part=path_part)  # type: ignore[assignment]
    macro = env.get_template("macros.html").module.permalink  # type: ignore[attr-defined]
    for article, quote in [("1f72ab", "a3"), ("ABC News / Reuters#?", "a 1/2")]:
        assert str(macro(article, quote)) == permalink(article, quote)
    assert permalink("1f72ab", "a3") == "/articles/1f72ab?quote=a3#q-a3"
