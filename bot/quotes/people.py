"""Who is who across articles: one person however the articles write the name.

Articles write one person many ways: "Donald J. Trump", "Donald Trump", "Mr. Trump",
"Republican Donald Trump", "Sen. Bernie Sanders (I-Vt.)", "Joseph R. Biden Jr." and
"Joe Biden". :func:`person_name` reduces a stored speaker name to a given name and a
surname (titles, descriptors, middle names and initials, suffixes and bracketed
affiliations dropped), and :class:`SpeakerIndex` groups names into people:

- full names with the same surname and a compatible given name (equal, a common
  hypocorism such as Joe/Joseph, or a near spelling such as Hilary/Hillary) are one person;
- a surname alone ("Trump", as an article that never gives the full name stores it)
  joins the person most often quoted under that surname, the way a reader takes it;
- a role phrase ("the Senate majority leader") resolves through the roles articles gave people.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz

from bot.quotes.lexicon import DETERMINERS, HONORIFICS, ROLE_MODIFIERS, ROLE_NOUNS
from bot.quotes.names import ORG_WORDS, fold, role_matches

# Capitalized words that describe a person before the name ("Republican Donald Trump").
DESCRIPTORS = frozenset("""
democrat democrats democratic republican republicans gop independent libertarian liberal
conservative progressive moderate socialist rival billionaire businessman businesswoman
candidate nominee frontrunner front-runner hopeful presidential vice incumbent challenger
opponent contender entrepreneur mogul magnate pastor father mother son daughter brother sister
wife husband host anchor columnist commentator author activist actor actress singer rapper star
comedian pope cardinal bishop rabbi imam reverend saint st st. rev. sen. rep. gov. gen. lt. col.
sgt. capt. pres. atty. supt. insp. det. cmdr. adm. amb. hon. u.s. us american
""".split())
SUFFIXES = frozenset("jr jr. sr sr. ii iii iv v".split())
_SUFFIX_WORDS = frozenset(w.rstrip(".") for w in SUFFIXES)

# Common English hypocorisms: one person's given name as articles shorten it.
_NICKNAMES = {
    "william": "bill billy will willie", "robert": "bob bobby rob robbie bert", "richard": "dick rick rich",
    "joseph": "joe joey", "michael": "mike mikey", "james": "jim jimmy jamie", "john": "jack johnny jon",
    "thomas": "tom tommy", "edward": "ed eddie ted ned", "theodore": "ted teddy theo",
    "bernard": "bernie", "christopher": "chris", "christine": "chris", "christina": "chris",
    "benjamin": "ben benny bibi", "david": "dave", "daniel": "dan danny", "anthony": "tony",
    "elizabeth": "liz beth betsy betty eliza", "katherine": "kate kathy katie", "catherine": "kate cathy",
    "patrick": "pat", "patricia": "pat patty", "newton": "newt", "rudolph": "rudy", "ronald": "ron ronnie",
    "donald": "don donnie", "gerald": "jerry", "jerome": "jerry", "charles": "charlie chuck",
    "steven": "steve", "stephen": "steve", "alexander": "alex", "alexandra": "alex", "andrew": "andy drew",
    "timothy": "tim", "matthew": "matt", "nicholas": "nick", "samuel": "sam", "peter": "pete",
    "frederick": "fred", "lawrence": "larry", "laurence": "larry", "gregory": "greg", "jeffrey": "jeff",
    "kenneth": "ken", "leonard": "len lenny", "albert": "al", "alan": "al", "harold": "harry hal",
    "henry": "harry hank", "jonathan": "jon", "margaret": "maggie meg peggy", "deborah": "debbie deb",
    "susan": "sue susie", "jennifer": "jen jenny", "rebecca": "becky", "victoria": "vicky",
    "mitchell": "mitch", "rafael": "ted", "willard": "mitt", "hillary": "hill", "philip": "phil",
    "phillip": "phil", "douglas": "doug", "raymond": "ray", "eugene": "gene", "vincent": "vince",
    "terence": "terry", "terrence": "terry", "zachary": "zach", "joshua": "josh", "jacob": "jake",
}
_NICK_OF: dict[str, set[str]] = defaultdict(set)
for _full, _nicks in _NICKNAMES.items():
    for _n in _nicks.split():
        _NICK_OF[_n].add(_full)
        _NICK_OF[_full].add(_n)

_PARTICLES = frozenset("de da del der van von bin al la le di du".split())
# Last or first words that make a capitalized name a thing or a group ("Trump Tower", "Team Trump").
_PLACE_WORDS = frozenset("tower towers village world train pac team plaza hotel casino tv".split())
_BRACKETS = re.compile(r"\s*[(\[][^)\]]*[)\]]")
_OF_PLACE = re.compile(r"\s+of\s+(?:the\s+)?[A-Z].*$")
_POSSESSIVE = re.compile(r"['’]s?$")


@dataclass(frozen=True)
class PersonName:
    """A name reduced to what identifies a person: given name (if any) and surname."""

    first: str | None
    last: str
    shown: str  # the name as it should be displayed ("Donald Trump")

    @property
    def key(self) -> str:
        return f"{self.first} {self.last}" if self.first else self.last


def _is_title(word: str) -> bool:
    w = fold(word).rstrip(".")
    low = word.lower()
    return (w in HONORIFICS or w in ROLE_NOUNS or w in ROLE_MODIFIERS or w in DETERMINERS
            or w in DESCRIPTORS or low in DESCRIPTORS)


@lru_cache(maxsize=65536)
def person_name(name: str) -> PersonName | None:
    """The person a (stored or asked-for) name means, or None when it names nobody."""
    text = _BRACKETS.sub("", name or "").replace("’s ", "'s ").strip(" ,.;:")
    text = _OF_PLACE.sub("", text)  # "Sen. Bernie Sanders of Vermont"
    words = [w.strip(",;:") for w in text.split()]
    words = [w for w in words if w]
    if not words:
        return None
    if len(words) > 1 and sum(w.isupper() and len(w) > 3 for w in words) >= 2:
        return None  # a headline in capitals ("FULL TEXT")
    # Titles, descriptors and possessors before the name ("Vermont congressman Peter Welch",
    # "Trump's doctor Harold Bornstein"): the name is what follows the last of them.
    cased = any(w[:1].isupper() for w in words) and not all(w[:1].isupper() for w in words)
    cut = [k for k, w in enumerate(words[:-1]) if _is_title(w) or (_POSSESSIVE.search(w) and w[:1].isupper())
           or (cased and w[:1].islower() and w not in _PARTICLES and words[-1][:1].isupper())]
    if cut:
        words = words[cut[-1] + 1:]
    suffix = ""
    if len(words) > 2 and fold(words[-1]).rstrip(".") in _SUFFIX_WORDS:
        # "Ivo Kask Jr." is not Ivo Kask: the suffix stays part of who it is
        suffix, words = fold(words[-1]).rstrip("."), words[:-1]
    if len(words) >= 4 and not all(len(fold(w).rstrip(".")) <= 1 or fold(w) in _PARTICLES for w in words[1:-1]):
        return None  # four capitalised words that are no name ("Clinton Cash Debunks Hillary")
    words = [_POSSESSIVE.sub("", w) if k == len(words) - 1 else w for k, w in enumerate(words)]
    folded = [fold(w) for w in words]
    if not folded[-1] or (len(folded) == 1 and _is_title(words[0])):
        return None
    if len(words) > 1 and (folded[-1] in ORG_WORDS or folded[-1] in _PLACE_WORDS or folded[0] in _PLACE_WORDS):
        return None
    last = folded[-1] + (f" {suffix}" if suffix else "")
    given = [w for w, f in zip(words[:-1], folded[:-1]) if len(f.rstrip(".")) > 1 and not w.endswith(".")]
    first = fold(given[0]) if given else None
    shown = " ".join(([given[0]] if given else []) + [words[-1]] + ([suffix.capitalize() + "."] if suffix in ("jr", "sr") else [suffix.upper()] if suffix else []))
    return PersonName(first, last, shown)


def same_given_name(a: str, b: str) -> bool:
    """Equal, a common short form of the other (Joe/Joseph), or a slip of spelling (Hilary/Hillary)."""
    if a == b or b in _NICK_OF.get(a, ()):
        return True
    return min(len(a), len(b)) >= 4 and a[0] == b[0] and fuzz.ratio(a, b) >= 85


@dataclass
class _Group:
    key: str
    last: str
    first: str | None
    count: int = 0
    shown: Counter[str] = field(default_factory=Counter)

    @property
    def display(self) -> str:
        full = [(n, s) for s, n in self.shown.items() if len(s.split()) > 1]
        return max(full or [(n, s) for s, n in self.shown.items()])[1]


class SpeakerIndex:
    """Alias index over the speakers of many articles.

    ``add`` every stored speaker name (with the roles its article gave it) and then
    ``resolve`` a question's phrase ("Trump", "Donald J. Trump", "the Senate majority
    leader") into the display names it may mean, most quoted first. Adding surnames
    after full names gives the best grouping (``build`` does that).
    """

    def __init__(self) -> None:
        self._groups: dict[str, _Group] = {}
        self._by_last: dict[str, list[_Group]] = defaultdict(list)
        self._by_first: dict[str, list[_Group]] = defaultdict(list)
        self._renamed: dict[str, str] = {}  # old key of a bare surname -> the full name it became
        self._roles: dict[str, Counter[str]] = defaultdict(Counter)
        self._group_of: dict[str, str] = {}

    @classmethod
    def build(cls, names: dict[str, int], roles: dict[str, Counter[str]] | None = None) -> "SpeakerIndex":
        """An index over ``names`` (stored name -> how often quoted): full names first, most quoted first."""
        index = cls()
        parsed = [(n, c, person_name(n)) for n, c in names.items()]
        parsed.sort(key=lambda r: (r[2] is None or r[2].first is None, -r[1], r[0]))
        for name, count, _ in parsed:
            index.add(name, (roles or {}).get(name, Counter()), count)
        return index

    def _group_for(self, pn: PersonName, create: bool) -> _Group | None:
        same_last = self._by_last.get(pn.last, [])
        if pn.first is None:
            named = [g for g in same_last if g.first is not None]
            if named:  # a surname alone: the person most quoted under it
                return max(named, key=lambda g: g.count)
            if same_last:
                return same_last[0]
            # A given name alone ("Hillary", "Bernie"), as articles and readers use it for someone
            # famous: the person most quoted under that given name, if clearly so.
            same_first = [g for g in self._by_first.get(pn.last, ()) if g.count]
            if same_first:
                best = max(same_first, key=lambda g: g.count)
                if best.count >= 0.8 * sum(g.count for g in same_first):
                    return best
        else:
            for g in sorted(same_last, key=lambda g: -g.count):
                if g.first is not None and same_given_name(pn.first, g.first):
                    return g
            bare = next((g for g in same_last if g.first is None), None)
            if bare is not None and create:  # "Trump" was seen before "Donald Trump": it becomes him
                del self._groups[bare.key]
                self._renamed[bare.key] = pn.key
                bare.first, bare.key = pn.first, pn.key
                self._groups[bare.key] = bare
                self._by_first[pn.first].append(bare)
                return bare
        if not create:
            return None
        g = _Group(pn.key, pn.last, pn.first)
        self._groups[g.key] = g
        self._by_last[pn.last].append(g)
        if pn.first:
            self._by_first[pn.first].append(g)
        return g

    def add(self, name: str, roles: Iterable[str] | Counter[str] = (), count: int = 1) -> str:
        """Register a speaker name quoted ``count`` times, with the roles articles gave it (a Counter:
        in how many articles); returns the key of the person it was grouped into ("" for none)."""
        pn = person_name(name)
        if pn is None:
            return ""
        g = self._group_for(pn, create=True)
        assert g is not None
        g.count += count
        g.shown[pn.shown] += count
        self._group_of[name] = g.key
        for role, n in (roles.items() if isinstance(roles, Counter) else ((r, 1) for r in roles)):
            self._roles[" ".join(fold(w) for w in role.split())][g.key] += n
        return g.key

    def names(self) -> list[tuple[str, str]]:
        """Every stored name added, with the key of the person it was grouped into (current key:
        a bare surname later given a full name is under the full name)."""
        return [(name, self._renamed.get(key, key)) for name, key in self._group_of.items()]

    def key_of(self, name: str) -> str | None:
        """The person key a stored name was grouped into."""
        key = self._group_of.get(name)
        return self._renamed.get(key, key) if key is not None else None

    def display(self, key: str) -> str:
        g = self._groups.get(key)
        return g.display if g else key

    def group_count(self, key: str) -> int:
        g = self._groups.get(key)
        return g.count if g else 0

    def keys(self) -> list[str]:
        return list(self._groups)

    def resolve_keys(self, phrase: str) -> list[str]:
        """Person keys ``phrase`` may mean, most quoted first."""
        pn = person_name(phrase)
        if pn is not None and not _is_role_phrase(phrase):
            g = self._group_for(pn, create=False)
            if g is not None:
                return [g.key]
            if pn.first is not None:
                return []  # a full name nobody in the store has: not someone else
        return self._by_role(phrase)

    def resolve(self, phrase: str) -> list[str]:
        """Display names ``phrase`` may refer to, most quoted first."""
        return [self.display(k) for k in self.resolve_keys(phrase)]

    def _by_role(self, phrase: str) -> list[str]:
        role = _role_words(phrase)
        if not role:
            return []
        exact: Counter[str] = Counter()
        loose: Counter[str] = Counter()
        head = role.split()[-1]
        if head not in ROLE_NOUNS:
            return []
        former = "former" in role.split()
        for r, people in self._roles.items():
            words = r.split()
            if words[-1] != head or ("former" in words and not former):
                continue
            # "house speaker" fits "house speaker"; failing that, "speaker" alone
            (exact if role_matches(role, r) else loose).update(people)
        score = exact or loose
        if not score:
            return []
        top = score.most_common()
        # A role resolves to the person who holds it in most articles, if somebody clearly does.
        if top[0][1] < 0.4 * sum(score.values()):
            return []
        return [k for k, _ in top]


def _role_words(phrase: str) -> str:
    """ "the Speaker of the House" -> "house speaker"; "the Senate Majority Leader" -> "senate majority leader"."""
    text = " ".join(phrase.split())
    m = re.match(r"^(?:the\s+)?(.+?)\s+of\s+(?:the\s+)?(.+)$", text, re.I)
    if m and fold(m.group(1).split()[-1]) in ROLE_NOUNS:
        text = f"{m.group(2)} {m.group(1)}"
    return " ".join(w for w in (fold(x) for x in text.split()) if w and w not in DETERMINERS)


def _is_role_phrase(phrase: str) -> bool:
    """A phrase that is all title and no name ("the Senate majority leader", "the Speaker of the House")."""
    words = _role_words(phrase).split()
    return bool(words) and words[-1] in ROLE_NOUNS and (
        fold(phrase.split()[0]) in DETERMINERS or all(_is_title(w) for w in words))
