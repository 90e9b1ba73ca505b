"""Person names and role phrases found by capitalization (no model needed).

``scan_names`` finds capitalized-token sequences and splits a leading title off
them ("Norlandian President Anna Berg" -> role "norlandian president", name
"Anna Berg"); ``scan_appositions`` finds "the Norlandian prime minister,
Paul Lind" and "Paul Lind, the Norlandian prime minister".
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from dataclasses import dataclass

from bot.quotes.lexicon import HONORIFICS, NON_NAME_WORDS, ROLE_MODIFIERS, ROLE_NOUNS
from textkit.words import WORD

# Last words that make a capitalized sequence an organisation or place, not a person.
ORG_WORDS = frozenset("""
network house nations party committee university college school news times post journal
department ministry forces force council union court congress senate association institute
group bank company inc corp corporation agency street press conference summit state states
republic kingdom federation organization organisation foundation fund center centre church
army navy police office commission board club league times tribune herald review magazine
channel radio television tv media airlines airport hospital county city island islands
republicans democrats campaign administration government service services authority
""".split())

ROLE_HEADS_OF_STATE = frozenset("president premier chancellor king queen emperor leader".split())
GENERIC_ROLE_HEADS = frozenset({"leader"})
_VAGUE = frozenset("former newly elected outgoing incoming acting longtime veteran leading prominent top senior".split())

_CAP = r"(?:[A-Z][\w'’\-]*[\w]|[A-Z]\.?)"
_PARTICLE = r"(?:de|da|del|der|van|von|bin|al|la|le|di|du)"
_SEP = r"(?:[ \t]+|[ \t]*\n[ \t]*)"
NAME_SEQ = re.compile(rf"(?<![\w'’.]){_CAP}(?:{_SEP}(?:{_PARTICLE}{_SEP})?{_CAP})*(?![\w'’])")
_POSS = re.compile(r"['’]s$")
_TITLE = re.compile(r"^(?:mr|mrs|ms|dr|prof|rev|sen|rep|gov|gen|pres|lt|col|sgt|capt)\.?$", re.I)


@lru_cache(maxsize=131072)
def fold(word: str) -> str:
    """Lower-case ASCII form of a word (accents and apostrophes removed)."""
    ascii_form = unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9\-]", "", ascii_form.lower())


@dataclass(frozen=True)
class NameMention:
    """A capitalized sequence split into an optional title (role) and a name."""

    start: int
    end: int
    name: str          # "Anna Berg" (single spaces)
    name_start: int
    role: str          # "norlandian president" or ""
    honorific: str     # "mr" etc. or ""

    @property
    def is_person_like(self) -> bool:
        words = self.name.split()
        if not words or fold(words[-1]) in ORG_WORDS:
            return False
        if all(fold(w) in ROLE_MODIFIERS or fold(w) in NON_NAME_WORDS or (w.isupper() and len(w) <= 3)
               for w in words):
            return False  # "Former US", "Top UN": a title's start, no name
        if any(re.search(r"-[a-z]", w) for w in words):
            return False  # "Danish-speaking Norlandian": a description, no name
        return len(words) >= 2 or bool(self.role or self.honorific)


def _split_tokens(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [(m.start() + start, m.end() + start) for m in re.finditer(r"\S+", text[start:end])]


_LINE = re.compile(r"[^\n]+")
_MINOR_WORDS = frozenset("and the for with from into over but nor via per off".split())
_TITLE_SMALL = frozenset("""
about above across after against along amid among around before behind below beneath beside between
beyond despite down during except inside near onto out outside past since than through toward towards
under until upon versus within without the and for with from into over but nor via per off
""".split())
_PARTICIPLE = re.compile(r"^[A-Z][a-z]{2,}ing$")


def title_case_spans(text: str) -> list[tuple[int, int]]:
    """Lines written in Title Case (headlines): capitalized words there are not names."""
    spans = []
    for k, line in enumerate(_LINE.finditer(text)):
        long_words = [w for w in WORD.findall(line.group()) if len(w) > 2 and w not in _MINOR_WORDS]
        caps = sum(w[0].isupper() for w in long_words)
        # A sentence ends in a full stop; a first line may be a headline that does too, when
        # only small words are in lower case ("Kask Calls for Inquiry after Report Reveals ...").
        titled = all(w[0].isupper() or w.lower() in _TITLE_SMALL for w in long_words)
        if len(long_words) >= 3 and caps >= 3 and (
                caps == len(long_words) or (caps >= 0.8 * len(long_words)
                                            and ((k == 0 and titled) or not line.group().rstrip().endswith(".")))):
            spans.append(line.span())
    return spans


def scan_names(text: str, skip_headlines: bool = True) -> list[NameMention]:
    """Every capitalized sequence that can name a person, with any title before it
    (headlines are skipped: "Minister Meets Envoy" names nobody)."""
    out: list[NameMention] = []
    titles = title_case_spans(text) if skip_headlines else []
    k = 0
    for m in NAME_SEQ.finditer(text):
        while k < len(titles) and titles[k][1] <= m.start():
            k += 1
        if k < len(titles) and titles[k][0] <= m.start():
            continue
        toks = _split_tokens(text, m.start(), m.end())
        words = [text[a:b] for a, b in toks]
        i = 0
        while i < len(words) and (
                (fold(words[i]) in NON_NAME_WORDS and not _TITLE.match(words[i]))
                or (i == 0 and len(words) > 1 and _PARTICIPLE.match(words[i]))
                or (len(words) - i > 2 and fold(words[i]) in ORG_WORDS)):
            i += 1
        role_end, honorific = i, ""
        for j in range(i, len(words)):
            w = fold(words[j])
            if _TITLE.match(words[j]) or w.rstrip(".") in HONORIFICS:
                if w.rstrip(".") in {"mr", "mrs", "ms", "dr", "miss", "prof", "rev"}:
                    honorific = w.rstrip(".")
                role_end = j + 1
            elif w in ROLE_NOUNS or (w in ROLE_MODIFIERS and j + 1 < len(words)
                                     and fold(words[j + 1]) in ROLE_NOUNS):
                role_end = j + 1
            elif _POSS.search(words[j]) and j + 1 < len(words):
                role_end = max(role_end, j + 1) if _role_follows(words, j + 1) else role_end
        name_words = words[role_end:]
        if not name_words:
            continue
        if _POSS.search(name_words[-1]):
            name_words[-1] = _POSS.sub("", name_words[-1])
        if fold(name_words[0]) in NON_NAME_WORDS:
            continue
        role_words = [w for w in words[i:role_end] if not (fold(w).rstrip(".") in HONORIFICS)]
        out.append(NameMention(
            start=toks[i][0] if i < len(toks) else m.start(), end=toks[-1][1],
            name=" ".join(name_words), name_start=toks[role_end][0],
            role=" ".join(fold(w) for w in role_words if not _TITLE.match(w) or len(w) > 4),
            honorific=honorific))
    return out


def _role_follows(words: list[str], j: int) -> bool:
    return any(fold(w) in ROLE_NOUNS for w in words[j:j + 4])


_APPOS_BEFORE = re.compile(
    r"\b(?:the|a|an)\s+((?:[\w'’\-]+\s+){0,4}?[a-z]+)\s*,\s+(" + NAME_SEQ.pattern + r")")
_APPOS_AFTER = re.compile(
    r"(" + NAME_SEQ.pattern + r")\s*,\s+(?:the|a|an)\s+((?:[\w'’\-]+\s+){0,4}?[a-z]+)\s*[,.;]")


def scan_appositions(text: str) -> list[tuple[str, str, int]]:
    """``(name, role, position)`` for "the <role>, <Name>" and "<Name>, the <role>"."""
    out: list[tuple[str, str, int]] = []
    for m in _APPOS_BEFORE.finditer(text):
        role, name = m.group(1), m.group(2)
        if fold(role.split()[-1]) in ROLE_NOUNS:
            out.append((" ".join(name.split()), " ".join(fold(w) for w in role.split()), m.start(2)))
    for m in _APPOS_AFTER.finditer(text):
        name, role = m.group(1), m.group(2)
        if fold(role.split()[-1]) in ROLE_NOUNS:
            out.append((" ".join(name.split()), " ".join(fold(w) for w in role.split()), m.start(1)))
    return out


_ROLE_ABBREVIATIONS = {"pm": "prime minister", "sen": "senator", "gov": "governor", "rep": "representative",
                       "gen": "general", "pres": "president", "amb": "ambassador", "sec": "secretary"}


def expand_role(role: str) -> str:
    """Role words with abbreviations spelled out ("pm" -> "prime minister")."""
    return " ".join(_ROLE_ABBREVIATIONS.get(w.rstrip("."), w) for w in role.split())


def role_matches(mention_role: str, person_role: str) -> bool:
    """Whether "the Norlandian leader" can refer to someone titled "norlandian prime minister"."""
    m_words, p_words = expand_role(mention_role).split(), expand_role(person_role).split()
    if not m_words or not p_words:
        return False
    m_head, p_head = m_words[-1], p_words[-1]
    p_set = {_stem(w) for w in p_words}
    if m_head != p_head:
        generic = m_head in GENERIC_ROLE_HEADS and (
            p_head in ROLE_HEADS_OF_STATE or "prime" in p_words)
        if not generic:
            return False
    mods = [w for w in m_words[:-1] if w not in _VAGUE]
    return all(_stem(w) in p_set for w in mods)


def _stem(word: str) -> str:
    """Crude stem so that "norlandian", "norland's" and "norland" agree."""
    return _POSS.sub("", word)[:5]
