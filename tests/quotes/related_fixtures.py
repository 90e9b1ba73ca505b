"""Invented short articles for the related-words tests: "guns" and "firearms" (and "jobs" and
"employment") are used in the same contexts, never together; other articles are about the weather
and football."""
from __future__ import annotations

import random

GROUPS = {
    "arms": (["guns", "firearms"], [
        "Senator Lena Vask said stricter rules on {w} sales would stop mass shootings.",
        "Buyers of {w} will face background checks at every gun show and dealer.",
        "The shop in Eastvale sold {w} and ammunition to licensed hunters.",
        "Police seized illegal {w} and ammunition in a raid on a warehouse.",
        "Owners of {w} must lock them in a safe under the new law.",
        "A ban on military-style {w} was debated in the state assembly.",
        "The lobby group spent millions to fight limits on {w} and ammunition.",
        "Dealers reported record sales of {w} after the shooting.",
    ]),
    "work": (["jobs", "employment"], [
        "The new factory in Northby will bring {w} and higher wages to the town.",
        "Minister Oskar Lind promised more {w} for young workers in the region.",
        "Figures showed {w} rising in manufacturing and construction last quarter.",
        "The union said {w} and wages must come before profits.",
        "Tax breaks for small firms are meant to create {w} for graduates.",
        "Cuts at the mill threaten {w} and pensions of older workers.",
        "The mayor said training programs would bring {w} to the unemployed.",
    ]),
    "weather": (["rain", "snow"], [
        "Heavy {w} fell across the valley overnight and closed two roads.",
        "Forecasters expect more {w} and strong winds in the mountains this weekend.",
        "Farmers welcomed the {w} after a dry and cold month.",
        "The {w} delayed trains and flights at the regional airport.",
        "Cold {w} will spread from the north coast by Thursday morning.",
    ]),
    "football": (["goal", "header"], [
        "The striker scored a late {w} to win the derby for Harbour United.",
        "A {w} from the captain in the second half sealed the cup final.",
        "The coach praised the {w} that put his team into the league lead.",
        "Fans cheered the winning {w} in the stadium until midnight.",
    ]),
}


def fixture_articles(n_per_group: int = 12, seed: int = 0) -> list[str]:
    """Short articles: each picks one group and one of its two words, and up to five of its sentences."""
    rng = random.Random(seed)
    texts = []
    for i in range(n_per_group):
        for words, sentences in GROUPS.values():
            w = words[(i + rng.randrange(2)) % 2]
            picked = rng.sample(sentences, min(5, len(sentences)))
            texts.append(" ".join(s.format(w=w) for s in picked))
    return texts
