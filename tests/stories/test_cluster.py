"""Story clustering on small hand-written articles (fictional people and places)."""
from __future__ import annotations

from datetime import datetime

from bot.stories import StoryClusterer, StoryDoc

BRIDGE = [
    StoryDoc(
        1,
        "Bridge collapses in Veldhaven, 14 dead",
        "At least 14 people were killed when the Kessler Bridge in Veldhaven collapsed during rush hour on "
        "Tuesday, sending cars and a tram into the Ossel river. Mayor Anna Troost said rescue divers were "
        "still searching for survivors. The 60-year-old bridge had been closed for repairs twice since 2019.",
        datetime(2024, 3, 12, 9),
    ),
    StoryDoc(
        2,
        "Kessler Bridge disaster: divers search the Ossel for survivors",
        "Rescue teams pulled bodies from the Ossel river after the Kessler Bridge gave way in Veldhaven, "
        "killing 14. Mayor Anna Troost called it the darkest day in the city's history and ordered every "
        "bridge of the same design closed. Engineers had warned about corrosion in 2019.",
        datetime(2024, 3, 12, 14),
    ),
    StoryDoc(
        3,
        "Veldhaven mourns after bridge collapse",
        "Flags flew at half mast in Veldhaven on Wednesday, a day after the collapse of the Kessler Bridge "
        "killed 14 people. Divers recovered a tram from the Ossel river overnight. Mayor Anna Troost said an "
        "inquiry would examine why repairs ordered in 2019 were never finished.",
        datetime(2024, 3, 13, 8),
    ),
]
FOOTBALL = StoryDoc(
    4,
    "Rovers beat United 3-1 to reach the cup final",
    "Striker Malik Osei scored twice as Brannock Rovers beat Lanford United 3-1 on Saturday to reach the "
    "cup final for the first time in 40 years. Coach Ilse Marten praised the defence after a tense first half.",
    datetime(2024, 3, 12, 20),
)
RATES = StoryDoc(
    5,
    "Central bank raises interest rates to 4.5%",
    "The Norland central bank raised its main interest rate by a quarter point to 4.5% on Thursday, citing "
    "stubborn inflation in services. Governor Pieter Haas said further increases could not be ruled out.",
    datetime(2024, 3, 14, 12),
)


def _meeting(doc_id: int, when: datetime, outlet_words: str) -> StoryDoc:
    return StoryDoc(
        doc_id,
        "Varga and Brenner meet, pledge closer security cooperation",
        f"Prime Minister Elena Varga of Norland met President Tomas Brenner of Ostmark in Lisbrook on Monday. "
        f"The two leaders agreed to expand security cooperation and discussed the conflict on their border. "
        f"{outlet_words}",
        when,
    )


def _grouping(clusterer: StoryClusterer, docs: list[StoryDoc]) -> list[list[int]]:
    assigned = clusterer.assign_all(docs)
    groups: dict[int, list[int]] = {}
    for doc_id, story in assigned.items():
        groups.setdefault(story, []).append(doc_id)
    return sorted(sorted(g) for g in groups.values())


def test_same_event_from_three_outlets_is_one_story() -> None:
    docs = [BRIDGE[0], FOOTBALL, BRIDGE[1], RATES, BRIDGE[2]]
    assert _grouping(StoryClusterer(), docs) == [[1, 2, 3], [4], [5]]


def test_same_event_without_dates_uses_content_alone() -> None:
    docs = [StoryDoc(d.id, d.title, d.text, None) for d in [BRIDGE[0], FOOTBALL, BRIDGE[1], RATES, BRIDGE[2]]]
    assert _grouping(StoryClusterer(), docs) == [[1, 2, 3], [4], [5]]


def test_same_leaders_meeting_months_apart_are_two_stories() -> None:
    docs = [
        _meeting(10, datetime(2024, 2, 5, 10), "Varga said talks were frank."),
        _meeting(11, datetime(2024, 2, 5, 16), "Brenner called the meeting useful."),
        FOOTBALL,
        _meeting(12, datetime(2024, 9, 16, 11), "Varga said talks were frank."),
        _meeting(13, datetime(2024, 9, 17, 9), "Brenner called the meeting useful."),
    ]
    assert _grouping(StoryClusterer(), docs) == [[4], [10, 11], [12, 13]]


def test_unrelated_articles_stay_apart() -> None:
    docs = [BRIDGE[0], FOOTBALL, RATES]
    assert _grouping(StoryClusterer(), docs) == [[1], [4], [5]]


def test_incremental_add_is_deterministic() -> None:
    docs = [BRIDGE[0], FOOTBALL, BRIDGE[1], RATES, BRIDGE[2], _meeting(10, datetime(2024, 3, 13), "")]
    first = StoryClusterer()
    one_by_one = {d.id: first.add(d) for d in docs}
    assert one_by_one == StoryClusterer().assign_all(docs)
    assert first.add(BRIDGE[0]) == one_by_one[1]  # re-adding a known article keeps its story
    assert first.stories()[one_by_one[1]] == [1, 2, 3]


def test_rebuild_from_stored_assignments() -> None:
    stored = StoryClusterer().assign_all([BRIDGE[0], FOOTBALL, BRIDGE[1]])
    by_id = {d.id: d for d in [BRIDGE[0], FOOTBALL, BRIDGE[1]]}
    rebuilt = StoryClusterer.from_assignments((by_id[i], s) for i, s in stored.items())
    assert rebuilt.story_of(2) == stored[2]
    assert rebuilt.add(BRIDGE[2]) == stored[1]
    assert rebuilt.add(RATES) == max(stored.values()) + 1


def test_aware_and_naive_dates_mix() -> None:
    from datetime import timezone

    aware = [StoryDoc(d.id, d.title, d.text, d.published.replace(tzinfo=timezone.utc)) for d in BRIDGE[:2]]
    docs = [aware[0], BRIDGE[2], aware[1]]
    assert _grouping(StoryClusterer(), docs) == [[1, 2, 3]]


_PATCH = (
    "Quillsoft released an emergency patch for its Fernway browser, closing a flaw that let attackers run "
    "code on computers of users who visited booby-trapped websites. {detail} The flaw was found in {year}."
)
_BACKGROUND = [StoryDoc(d.id, d.title, d.text, None) for d in [BRIDGE[0], FOOTBALL, RATES]]


def _patch(doc_id: int, year: int, detail: str) -> StoryDoc:
    return StoryDoc(doc_id, None, _PATCH.format(year=year, detail=detail), None)


def test_same_kind_events_of_different_years_stay_apart() -> None:
    docs = _BACKGROUND + [
        _patch(20, 2009, "Analyst Ruth Imre said the patch came quickly."),
        _patch(21, 2009, "Quillsoft urged customers to install the update."),
        _patch(22, 2009, "Banks in Osterby were among the victims."),
        _patch(30, 2014, "Hospitals in Durnau were among the victims."),
    ]
    assert [20, 21, 22, 30] in _grouping(StoryClusterer(year_gate=False), docs)  # the words alone match
    assert [20, 21, 22] in _grouping(StoryClusterer(), docs)


def test_year_gate_needs_years_on_both_sides() -> None:
    undated = StoryDoc(30, None, _PATCH.format(year="spring", detail="Hospitals in Durnau were among the victims."), None)
    docs = _BACKGROUND + [_patch(20, 2009, "Analyst Ruth Imre said the patch came quickly."), undated]
    assert [20, 30] in _grouping(StoryClusterer(), docs)


def test_close_match_joins_despite_a_different_year() -> None:
    first = _patch(20, 2009, "Analyst Ruth Imre said the patch came quickly. Banks in Osterby were among the victims.")
    typo = StoryDoc(21, None, first.text.replace("2009", "2000"), None)  # similarity above ``sure_threshold``
    assert [20, 21] in _grouping(StoryClusterer(), _BACKGROUND + [first, typo])
    assert [20, 21] not in _grouping(StoryClusterer(sure_threshold=1.0), _BACKGROUND + [first, typo])
