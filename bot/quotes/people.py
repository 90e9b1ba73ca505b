"""Who is who across articles: an alias index over the speakers of many articles."""
from __future__ import annotations

from collections import Counter, defaultdict

from rapidfuzz import fuzz

from bot.quotes.lexicon import DETERMINERS
from bot.quotes.names import fold, role_matches
from bot.quotes.speakers import _name_words


class SpeakerIndex:
    """Alias index over the speakers of many articles.

    ``add`` every resolved speaker (with the roles its article gave it); ``resolve``
    turns a question's phrase ("Berg", "President Berg", "the Norlandian president")
    into the canonical names it may mean, most cited first.
    """

    def __init__(self) -> None:
        self._count: Counter[str] = Counter()
        self._display: dict[str, str] = {}
        self._by_word: dict[str, set[str]] = defaultdict(set)
        self._roles: dict[str, Counter[str]] = defaultdict(Counter)

    def add(self, name: str, roles: tuple[str, ...] | list[str] | set[str] = ()) -> str:
        """Register a speaker name; returns the canonical key it was merged into."""
        words = _name_words(name)
        if not words:
            return ""
        key = self._merge_key(words)
        self._count[key] += 1
        shown = " ".join(w for w in name.replace("’s", "").split() if fold(w) in words)
        if key not in self._display or len(shown.split()) > len(self._display[key].split()):
            self._display[key] = shown
        for w in key.split():
            self._by_word[w].add(key)
        for role in roles:
            self._roles[" ".join(fold(w) for w in role.split())][key] += 1
        return key

    def _merge_key(self, words: list[str]) -> str:
        """A one-word name joins the full name that ends with it, if exactly one does."""
        key = " ".join(words)
        if len(words) == 1:
            full = [k for k in self._by_word.get(words[0], ()) if k.split()[-1] == words[0] and k != key]
            if len(full) == 1:
                return full[0]
        return key

    def display(self, key: str) -> str:
        return self._display.get(key, key)

    def resolve(self, phrase: str) -> list[str]:
        """Canonical display names ``phrase`` may refer to, most cited first."""
        words = _name_words(phrase)
        found: Counter[str] = Counter()
        if words:
            key = " ".join(words)
            for k in self._by_word.get(words[-1], set()):
                kw = k.split()
                if k == key or (len(words) == 1 and kw[-1] == words[0]) or (
                        len(words) > 1 and kw[-1] == words[-1] and fuzz.ratio(kw[0], words[0]) >= 75):
                    found[k] = self._count[k]
        if not found:
            role = " ".join(w for w in (fold(x) for x in phrase.split()) if w and w not in DETERMINERS)
            for r, names in self._roles.items():
                if role and role_matches(role, r):
                    found.update(names)
        singles = [k for k in found if len(k.split()) == 1 and any(
            len(o.split()) > 1 and o.split()[-1] == k for o in found)]
        for k in singles:  # "berg" counted under "anna berg"
            full = next(o for o in found if len(o.split()) > 1 and o.split()[-1] == k)
            found[full] += found.pop(k)
        return [self.display(k) for k, _ in found.most_common()]
