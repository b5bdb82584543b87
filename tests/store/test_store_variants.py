"""Quote variants: the same words in other case and punctuation match, other quotes do not."""

from __future__ import annotations

from onrecord.store.variants import band_keys, is_variant, render_diff, search_text, word_diff

QUOTE = "We will not close the northern terminal while a single ferry still depends on it."
ALTERED = "“We shall not close the northern terminal while a single ferry still depends on it,”"
OTHER = "Nobody in this city will pay a krone more because of the terminal."


def test_variants_search_text_keeps_words_only() -> None:
    assert search_text("“Don’t  PANIC,” — Café!") == "don t panic cafe"


def test_variants_a_reworded_quote_shares_a_band_and_is_a_variant() -> None:
    a, b = search_text(QUOTE), search_text(ALTERED)
    assert set(band_keys(a)) & set(band_keys(b))
    assert is_variant(a, b)


def test_variants_a_different_quote_shares_no_band_and_is_no_variant() -> None:
    a, c = search_text(QUOTE), search_text(OTHER)
    assert not set(band_keys(a)) & set(band_keys(c))
    assert not is_variant(a, c)


def test_variants_short_quotes_match_only_word_for_word() -> None:
    assert band_keys("no comment") == band_keys(search_text("No comment!"))
    assert band_keys("no comment") != band_keys("no comments")
    assert not is_variant("no comment", "no comments")


def test_variants_band_keys_are_stable_across_processes() -> None:
    # stored in the database: a change here would orphan every stored group
    assert band_keys("no comment") == [band_keys("no comment")[0]]
    assert len(band_keys(search_text(QUOTE))) == 8


def test_variants_word_diff_shows_replaced_words() -> None:
    ops = word_diff(QUOTE, ALTERED)
    assert ("removed", "will") in ops and ("added", "shall") in ops
    assert render_diff(ops).startswith("“We [-will-] {+shall+} not close")


def test_variants_word_diff_of_the_same_quote_is_all_same() -> None:
    assert {op for op, _ in word_diff(QUOTE, QUOTE.upper())} == {"same"}
