"""Speaker resolution: inside one article (``ArticleSpeakers``) and across articles (``SpeakerIndex``)."""
from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable
from functools import lru_cache
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from bot.quotes.lexicon import (
    DETERMINERS, FEMALE_HONORIFICS, GROUP_NOUNS, HONORIFICS, MALE_HONORIFICS, NON_NAME_WORDS, PERSON_PRONOUNS,
    RELATION_NOUNS, ROLE_MODIFIERS, ROLE_NOUNS,
)
from bot.quotes.given_names import gender_of
from bot.quotes.names import ORG_WORDS, NameMention, expand_role, fold, role_matches, scan_appositions, scan_names


#: The roles other articles gave a person (by name), for names an article gives no role.
KnownRoles = Callable[[str], set[str]]


@dataclass
class Person:
    """One person of an article, known by a full name and any roles the article gives them."""

    name: str
    roles: set[str] = field(default_factory=set)
    variants: Counter[str] = field(default_factory=Counter)
    gender: str | None = None
    mentions: int = 0

    @property
    def key_words(self) -> list[str]:
        return _key_words(self.name)


@lru_cache(maxsize=65536)
def _key_words(name: str) -> list[str]:
    return [fold(w) for w in name.split()]


def _name_words(phrase: str) -> list[str]:
    """The name part of a phrase: determiners, honorifics and titles before it removed."""
    words = [w for w in (fold(x) for x in phrase.replace("’s", "").replace("'s", "").split()) if w]
    titles = [i for i, w in enumerate(words) if w.rstrip(".") in HONORIFICS or w in ROLE_NOUNS]
    if titles and titles[-1] + 1 < len(words):
        return words[titles[-1] + 1:]
    i = 0
    while i < len(words) and (words[i] in DETERMINERS or words[i].rstrip(".") in HONORIFICS
                              or words[i] in ROLE_NOUNS or words[i] in ROLE_MODIFIERS):
        i += 1
    return words[i:]


def canonical_key(name: str) -> str:
    """Key for comparing names across articles: "President Anna Berg" -> "anna berg"."""
    return " ".join(_name_words(name))


class ArticleSpeakers:
    """Resolves speaker mentions of one article to full names, in text order."""

    def __init__(self, text: str, known_roles: KnownRoles | None = None) -> None:
        self.text = text
        self.known_roles = known_roles
        self.persons: dict[str, Person] = {}
        self.mentions: list[NameMention] = scan_names(text)
        self._mention_starts = [m.start for m in self.mentions]
        for m in self.mentions:
            if len(m.name.split()) >= 2 and m.is_person_like:
                self._add(m.name, m.role, m.honorific)
        for m in self.mentions:  # single names with a title: "President Obama"
            if len(m.name.split()) == 1 and (m.role or m.honorific) and not self._by_surname(m.name):
                self._add(m.name, m.role, m.honorific)
        for name, role, _ in scan_appositions(text):
            person = self._lookup_name(name)
            if person is not None:
                person.roles.add(role)
        self._history: list[tuple[int, Person | None]] = []  # subjects in text order
        self._history_pos: list[int] = []

    def _add(self, name: str, role: str, honorific: str) -> None:
        person = self._lookup_name(name)
        if person is None:
            person = self.persons.setdefault(name, Person(name))
        person.mentions += 1
        if len(name.split()) >= len(person.name.split()):
            person.variants[name] += 1
            person.name = person.variants.most_common(1)[0][0]
        if role:
            person.roles.add(role)
        if honorific in MALE_HONORIFICS:
            person.gender = "m"
        elif honorific in FEMALE_HONORIFICS or honorific in {"ms", "mrs"}:
            person.gender = "f"
        elif person.gender is None and len(person.name.split()) > 1:
            person.gender = gender_of(person.name.split()[0])

    def _by_surname(self, word: str) -> list[Person]:
        w = fold(word)
        return [p for p in self.persons.values() if p.key_words and p.key_words[-1] == w]

    def _lookup_name(self, name: str) -> Person | None:
        """The known person a (full or partial) name refers to."""
        words = _name_words(name)
        if not words:
            return None
        best, best_score = None, 0.0
        first_of_surname: set[str] = set()  # the first person the article names under each surname
        for order, p in enumerate(self.persons.values()):
            kw = p.key_words
            if kw == words:
                return p
            if kw[-1] == words[-1] or (len(words) == 1 and words[0] in kw):
                # A surname alone means the person the article introduced first under it (its
                # subject: "Hillary Clinton ... her husband, Bill Clinton ... Clinton said"),
                # then one with a role, then the one named most.
                first = kw[-1] not in first_of_surname
                first_of_surname.add(kw[-1])
                score = 2.0 + 0.6 * first + 0.3 * bool(p.roles) + p.mentions / 100
                if len(words) > 1 and len(kw) > 1 and fuzz.ratio(words[0], kw[0]) < 75:
                    continue
            elif len(words) > 1 and fuzz.ratio(" ".join(words), " ".join(kw)) >= 90:
                score = 1.0
            else:
                continue
            if score > best_score:
                best, best_score = p, score
        return best

    def resolve(self, mention: str, position: int) -> str | None:
        """Full name for a mention ("she", "Ms Berg", "the Norlandian president") at ``position``."""
        low = fold(mention)
        if low in ("his", "her"):  # "Trump stood by his comment": the person named just before
            near = self._named_before(position, PERSON_PRONOUNS[low])
            if near is not None:
                return near
        if low in PERSON_PRONOUNS:
            return self._pronoun(PERSON_PRONOUNS.get(low), position, mention)
        words = [fold(w) for w in mention.split()]
        if words and words[-1] in ROLE_NOUNS:
            return self._role(" ".join(w for w in words if w not in DETERMINERS), position)
        if _unnamed_role(words):  # "a former adviser to X" is not X
            return None
        if len(words) > 1 and words[0] in _INDEFINITE:  # "an Iowa Democrat" names no one
            return None
        person = self._lookup_name(_mention_name(mention))
        if person is not None:
            return person.name
        name = _name_words(mention)
        bare = " ".join(w for w in mention.split() if fold(w) not in DETERMINERS)
        if name and name[0] not in NON_NAME_WORDS and bare[:1].isupper() and plausible_name(bare):
            return bare
        return None

    def _named_before(self, position: int, gender: str | None) -> str | None:
        """The known person named last before ``position`` in the same sentence, if their gender fits."""
        start = max(self.text.rfind(". ", 0, position), self.text.rfind("\n", 0, position), 0)
        k = bisect.bisect_left(self._mention_starts, position)
        for m in reversed(self.mentions[:k]):
            if m.start < start:
                break
            if self.text[m.end:m.end + 2] in ("'s", "’s"):
                continue  # "Trump's aide said his ...": the possessor is not the one meant
            if re.search(r"\b(?:a|an|the)\s+$", self.text[max(0, m.start - 5):m.start], re.I):
                continue  # "a Clinton supporter": a name used as a modifier
            person = self._lookup_name(m.name)
            if person is not None and person.gender in (None, gender):
                return person.name
        return None

    def _role(self, role: str, position: int) -> str | None:
        candidates = [p for p in self.persons.values() if any(role_matches(role, r) for r in p.roles)]
        if not candidates:  # "the two-term president": a president the article names, the latest
            head = role.split()[-1] if role.split() else ""
            candidates = [p for p in self.persons.values()
                          if any(expand_role(r).split()[-1:] == [head] for r in p.roles)]
        if not candidates and self.known_roles is not None:
            # Named here only in passing: the roles other articles gave them
            candidates = [p for p in self.persons.values()
                          if any(role_matches(role, r) for r in self.known_roles(p.name))]
        if len(candidates) <= 1:
            return candidates[0].name if candidates else None
        recent = self._recent(position, lambda p: p in candidates)
        return recent.name if recent else max(candidates, key=lambda p: p.mentions).name

    def _pronoun(self, gender: str | None, position: int, mention: str) -> str | None:
        if gender is None:
            return None
        person = self._recent(position, lambda p: p is None or p.gender in (None, gender))
        if person is None and bisect.bisect_left(self._history_pos, position) == 0:
            # No subject yet ("One of the claims of President X's speech ... He told ..."): the
            # person the article has named so far, if only one of that gender
            named = {p.name: p for m in self.mentions if m.end <= position
                     for p in [self._lookup_name(m.name)] if p is not None and p.gender == gender}
            person = next(iter(named.values())) if len(named) == 1 else None
        if person is None:  # nobody, or a person the article never names
            return None
        if gender and person.gender is None:
            person.gender = gender
        return person.name

    def _recent(self, position: int, ok) -> Person | None:
        k = bisect.bisect_left(self._history_pos, position)
        for _, person in reversed(self._history[:k]):
            if ok(person):
                return person
        return None

    def note_subject(self, name: str | None, position: int) -> None:
        """Record that ``name`` was the subject (speaker) at ``position``, for later pronouns.
        ``None`` records a person the article does not name ("an official"): a later "he"
        must not jump over them to someone else."""
        person = None
        if name is not None:
            person = next((p for p in self.persons.values() if p.name == name), None)
            if person is None:
                if fold(name.split()[-1]) in ORG_WORDS:
                    return
                person = self.persons.setdefault(name, Person(name))
        k = bisect.bisect_right(self._history_pos, position)
        self._history.insert(k, (position, person))
        self._history_pos.insert(k, position)

    def sentence_subject(self, start: int, end: int) -> tuple[str, int] | None:
        """The subject opening the sentence ``[start, end)``: a known person's name or a
        singular role ("The Norlandian prime minister also thanked ..."), with its position."""
        head = self.text[start:min(end, start + 60)]
        if head.lstrip()[:1] in _OPENING_QUOTES:
            return None  # a sentence of quoted words: "Maybe I can …," she said
        k = bisect.bisect_left(self._mention_starts, start)
        opens_with_article = re.match(r"\W*(?:the|a|an)\s", head, re.I) is not None
        for m in self.mentions[k:k + 3]:
            if opens_with_article and m.start < start + 60:
                break  # "The Norlandian prime minister ...": a name after "the" is a modifier
            lead = self.text[start:m.start] if m.start >= start else ""
            if start <= m.start < start + 4 + (len(head) - len(head.lstrip("“\"‘ "))) or _only_title(lead):
                person = self._lookup_name(m.name)
                if person is not None:
                    return person.name, m.start
            if m.start >= start + 60:
                break
        role = _ROLE_SUBJECT.match(head)
        if role and self.is_unnamed_person(role.group(1)):
            return role.group(1), start + role.start(1)
        return None

    @staticmethod
    def is_unnamed_person(mention: str) -> bool:
        """A singular role phrase ("the prime minister", "an official"), not a group."""
        words = [fold(w) for w in mention.split()]
        return bool(words) and words[-1] in ROLE_NOUNS and words[-1] not in GROUP_NOUNS and (
            words[-1] in _SINGULAR_ROLES or not words[-1].endswith("s"))


_NOT_A_NAME = frozenset("""
instead anyone everyone someone somebody nobody others other hours poll polls survey surveys report
reports study data analysis memo statement release website site page video
""".split())


@lru_cache(maxsize=65536)
def plausible_name(name: str) -> bool:
    """Whether ``name`` can name a person or an organisation speaking as one: not a common noun by
    itself ("Department", "Poll"), not a fragment ("S. TV", "J."), not a participle ("Speaking"),
    not a phrase with a pronoun in it ("Had I")."""
    words = name.split()
    if not words or not any(w[:1].isupper() for w in words):
        return False
    if words[-1][:1].islower():  # "Twenty-four percent", "Nearly half"
        return False
    folded = [fold(w) for w in words]
    if "I" in words or any(w in _NOT_A_NAME for w in folded if len(words) == 1):
        return False
    if not any(len(w.strip(".")) >= 3 or (w.isalpha() and w.isupper() and len(w) >= 2 and len(words) == 1)
               for w in words):
        return False  # only initials and short tokens: "S. TV", "J."
    if len(words) == 1:
        w = folded[0]
        if (w in ORG_WORDS and w not in _PARTIES) or w in ROLE_NOUNS or w in GROUP_NOUNS or w in NON_NAME_WORDS or w in _COMMON_PEOPLE:
            return False
        if re.fullmatch(r"[A-Z][a-z]+(?:ing|ed)", words[0]):
            return False
    return True


@lru_cache(maxsize=65536)
def _mention_name(mention: str) -> str:
    """The name part of a speaker mention ("Norlandian President Anna Berg" -> "Anna Berg")."""
    names = scan_names(mention, skip_headlines=False)
    return names[-1].name if names else mention


_PARTIES = frozenset({"democrats", "republicans"})
_COMMON_PEOPLE = RELATION_NOUNS | frozenset("men women people man woman".split())
def _only_title(lead: str) -> bool:
    """ "Former US secretary of state " before a name: only a title opens the sentence."""
    words = lead.split()
    return bool(words) and len(words) <= 8 and all(
        fold(w) in ROLE_NOUNS or fold(w) in ROLE_MODIFIERS or fold(w) in DETERMINERS or fold(w) in {"of", "and"}
        or (w.isupper() and len(w) <= 3) for w in words)


_OPENING_QUOTES = frozenset("“\"‘«")
_ROLE_SUBJECT = re.compile(r"^\W*((?:[Tt]he|[Aa]n?)\s+(?:[\w'’\-]+\s+){0,3}?[a-z]+)(?=\s+(?:also\s+)?[a-z]+(?:ed|s)\b)")
_SINGULAR_ROLES = frozenset("boss".split())
_INDEFINITE = frozenset("a an another".split())
_OF_NAME = frozenset("to of for at with from".split())


def _unnamed_role(words: list[str]) -> bool:
    """ "a (former) adviser to X", "an aide of X": a role noun tied to someone else's name
    (but "Secretary of State Ana Pik" is Ana Pik: the name does not follow the "of")."""
    for i, w in enumerate(words[:-1]):
        if w in _OF_NAME and i > 0 and words[i - 1] in ROLE_NOUNS:
            rest = words[i + 1:]
            if rest and (rest[0] in ROLE_NOUNS or rest[0] in _ROLE_OBJECTS) and len(rest) > 1:
                continue  # "secretary of state X", "minister of defence X"
            return True
    return False


_ROLE_OBJECTS = frozenset("state defense defence justice health education labor labour interior finance staff".split())
