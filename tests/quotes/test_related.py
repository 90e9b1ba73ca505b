"""Word similarity learned from the articles themselves, and topic relevance that uses it."""
from __future__ import annotations

import time

import pytest

from bot.quotes.related import RelatedWords, content_tokens

from related_fixtures import fixture_articles  # tests/quotes is on sys.path (no __init__.py)


@pytest.fixture(scope="module")
def model() -> RelatedWords:
    return RelatedWords.build(fixture_articles(), dim=16, min_count=2)


def test_words_used_alike_are_related(model: RelatedWords) -> None:
    assert model.related("guns", k=1)[0][0] == "firearms"
    assert model.related("firearms", k=1)[0][0] == "guns"
    assert model.related("jobs", k=1)[0][0] == "employment"
    assert model.similarity("guns", "firearms") > 0.7
    assert model.similarity("guns", "rain") < 0.3
    assert model.similarity("jobs", "goal") < 0.3


def test_inflections_share_one_entry(model: RelatedWords) -> None:
    assert model.related("gun", k=3) == model.related("guns", k=3)
    assert model.related_stems("guns", k=1)[0][0] == "firearm"
    assert model.related("zeppelin") == [] and model.similarity("zeppelin", "guns") == 0.0


def test_content_tokens_drop_stop_words_and_short_words() -> None:
    assert content_tokens("He said the guns were NOT his, at 5 o'clock.") == ["guns", "clock"]


def test_round_trip_through_bytes_is_small_and_fast(model: RelatedWords) -> None:
    blob = model.to_bytes()
    assert len(blob) < 20_000
    t = time.perf_counter()
    again = RelatedWords.from_bytes(blob)
    assert time.perf_counter() - t < 0.05
    assert again.stems == model.stems
    assert [again.surface(i) for i in range(len(again))] == model.surfaces
    assert [w for w, _ in again.related("guns", 5)] == [w for w, _ in model.related("guns", 5)]
    assert abs(again.similarity("guns", "firearms") - model.similarity("guns", "firearms")) < 0.01
    with pytest.raises(ValueError):
        RelatedWords.from_bytes(b"nonsense")


def test_too_little_text_gives_an_empty_model() -> None:
    empty = RelatedWords.build(["Rain."])
    assert len(empty) == 0 and empty.related("rain") == []
    assert len(RelatedWords.from_bytes(empty.to_bytes())) == 0


def test_expand_gives_credits_below_a_direct_match(model: RelatedWords) -> None:
    near = model.expand("guns", min_similarity=0.6, min_count=2)
    assert "firearm" in near and all(0.0 < c <= 0.8 for c in near.values())
    vocab = {"firearms", "firearm", "guns", "gun", "rain", "stadium"}
    words = model.expand("guns", vocab, min_similarity=0.6, min_count=2)
    assert set(words) == {"firearms", "firearm"} and words["firearms"] == near["firearm"]
    assert model.expand("guns", min_similarity=0.99) == {}
    assert model.expand("zeppelin", vocab) == {}


def test_parts_of_one_name_are_not_related_words() -> None:
    texts = fixture_articles()
    # "Harbour United" is one name; "background checks" a lower-case phrase whose words stay related.
    texts += [f"Harbour United drew again. Fans of Harbour United waited in the rain at Harbour Park {i}."
              for i in range(8)]
    model = RelatedWords.build(texts, dim=16, min_count=2)
    assert model.info["collocations"] > 0
    assert "unit" not in dict(model.related_stems("harbour", k=30))
    assert "check" in dict(model.related_stems("background", k=30))
    again = RelatedWords.from_bytes(model.to_bytes())
    assert len(again.collocations) == len(model.collocations)
    assert "unit" not in dict(again.related_stems("harbour", k=30))
    # Without the list of names they would be neighbours.
    bare = RelatedWords(model.stems, model.surfaces, model.counts, model.vectors, model.info)
    assert "unit" in dict(bare.related_stems("harbour", k=30))
