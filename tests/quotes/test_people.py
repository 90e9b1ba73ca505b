"""One person however articles write the name; people with one surname kept apart."""
from __future__ import annotations

from collections import Counter

import pytest

from bot.quotes.people import SpeakerIndex, person_name, same_given_name


@pytest.mark.parametrize("name, key, shown", [
    ("Ivo J. Kask", "ivo kask", "Ivo Kask"),
    ("Mr. Kask", "kask", "Kask"),
    ("Independent Ivo Kask", "ivo kask", "Ivo Kask"),
    ("Sen. Ivo Kask (I-Nl.)", "ivo kask", "Ivo Kask"),
    ("Sen. Ivo Kask of Norland", "ivo kask", "Ivo Kask"),
    ("Joseph R. Lind Jr.", "joseph lind jr", "Joseph Lind Jr."),
    ("Marta Vesik Lind", "marta lind", "Marta Lind"),
    ("House Speaker Paul D. Berg (N-Nl.)", "paul berg", "Paul Berg"),
    ("former Norlandian president Felipe Calderón", "felipe calderon", "Felipe Calderón"),
    ("Kask's doctor Lena Sova", "lena sova", "Lena Sova"),
    ("Harbour Post's editor Ana Drobnic Pik", "ana pik", "Ana Pik"),
])
def test_person_name(name: str, key: str, shown: str) -> None:
    pn = person_name(name)
    assert pn is not None and pn.key == key and pn.shown == shown


@pytest.mark.parametrize("name", ["Kask Tower", "Team Kask", "FULL TEXT", "the Speaker of the House", "Kask Foundation"])
def test_not_a_person(name: str) -> None:
    assert person_name(name) is None


def test_given_names() -> None:
    assert same_given_name("joe", "joseph") and same_given_name("bernie", "bernard")
    assert same_given_name("hilary", "hillary")  # a slip of spelling
    assert not same_given_name("eric", "ivo") and not same_given_name("bill", "hillary")


def _index() -> SpeakerIndex:
    return SpeakerIndex.build({
        "Ivo Kask": 80, "Ivo J. Kask": 12, "Mr. Kask": 3, "Kask": 5, "Independent Ivo Kask": 2,
        "Eric Kask": 9, "Marta Lind": 30, "Bill Lind": 8, "Lind": 2, "Joseph R. Berg": 6, "Joe Berg": 4, "Ivo Kask Jr.": 3,
        "Paul Ryde": 10,
    }, {"Paul Ryde": Counter({"speaker": 6}), "Ivo Kask": Counter({"president": 3})})


def test_one_person_across_variants() -> None:
    index = _index()
    for phrase in ("Kask", "Ivo Kask", "Mr. Kask", "Ivo J. Kask", "President Ivo Kask", "the president"):
        assert index.resolve(phrase) == ["Ivo Kask"], phrase
    assert {index.key_of(n) for n in ("Ivo Kask", "Ivo J. Kask", "Mr. Kask", "Kask", "Independent Ivo Kask")} == {"ivo kask"}
    assert index.group_count("ivo kask") == 102


def test_people_sharing_a_surname_stay_apart_and_the_surname_goes_to_the_most_quoted() -> None:
    index = _index()
    assert index.resolve("Eric Kask") == ["Eric Kask"]
    assert index.resolve("Bill Lind") == ["Bill Lind"] and index.resolve("Lind") == ["Marta Lind"]
    assert index.key_of("Lind") == "marta lind"


def test_nicknames_and_roles() -> None:
    index = _index()
    assert index.resolve("Joe Berg") == index.resolve("Joseph Berg") == ["Joseph Berg"]
    assert index.resolve("the Speaker of the House") == ["Paul Ryde"]
    assert index.resolve("Anna Kask") == []  # a full name nobody has is not someone else
    assert index.resolve("Ivo Kask Jr.") == ["Ivo Kask Jr."]  # the son is not the father


def test_a_given_name_alone_is_the_person_most_quoted_under_it() -> None:
    index = _index()
    assert index.resolve("Marta") == ["Marta Lind"]
    assert index.resolve("Ivo") == ["Ivo Kask"]
    assert index.resolve("Paul") == ["Paul Ryde"]
    two = SpeakerIndex.build({"Paul Ryde": 10, "Paul Berg": 9})
    assert two.resolve("Paul") == []  # nobody clearly
