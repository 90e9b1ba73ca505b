"""Compiled regular expressions for speaker phrases and cues, built from ``lexicon`` data."""
from __future__ import annotations

import re

from bot.quotes.lexicon import (
    INTERVENERS, NEEDS_THAT, NOUN_CUES, STOP_WORDS, OBJECT_VERBS, ROLE_MODIFIERS, SOURCE_NOUNS, TAKES_ADDRESSEE, plurals, cue_forms, phrase_first_words,
    phrase_cue_pattern,
)
from textkit.words import TERM

CUE_FORMS = cue_forms()
_single = "|".join(sorted(CUE_FORMS, key=len, reverse=True))
PHRASE = phrase_cue_pattern()
CUE = rf"(?:{PHRASE}|(?:{_single}))"
_STOP = "|".join(sorted(STOP_WORDS, key=len, reverse=True))
_PHRASE_RE = re.compile(rf"{PHRASE}\b")
_PHRASE_FIRST = phrase_first_words()
_LOWER_WORD = re.compile(r"\b[a-z]+\b")


def find_cues(s: str) -> list[tuple[int, int]]:
    """Spans of the cues in ``s`` (single verbs from a set lookup, multi-word phrases by regex)."""
    out = []
    for m in _LOWER_WORD.finditer(s):
        w = m.group()
        if w in _PHRASE_FIRST:
            pm = _PHRASE_RE.match(s, m.start())
            if pm:
                out.append(pm.span())
                continue
        if w in CUE_FORMS:
            out.append(m.span())
    return out


_CAPW = r"(?:(?:Mr|Mrs|Ms|Dr|Prof|Rev|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|St|Jr|Sr)\.|[A-Z]\.|[A-Z][\w'’\-]*)"
_PARTICLE = r"(?:de|da|del|van|von|bin|al|la|le)"
_CAPSEQ = rf"{_CAPW}(?:[ \t\xa0]+(?:{_PARTICLE}[ \t\xa0]+)?{_CAPW})*"
_PARTY = r"(?:\s*\([A-Z][\w.]*-[\w. ]{1,12}\))?"  # "Sen. Rand Paul (R-Ky.)"
_ROLE = "|".join(sorted(plurals(SOURCE_NOUNS), key=len, reverse=True))
_MOD = "|".join(sorted(ROLE_MODIFIERS, key=len, reverse=True))
_DET = rf"(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[Oo]ne|[Aa]nother|[Oo]ther|{_CAPW}['’]s)"
_QUANT = (r"(?:(?:[Mm]ost|[Mm]any|[Ss]ome|[Aa]ll|[Hh]alf|[Nn]one|[Ff]ew|[Ss]everal|[Oo]ne|[Tt]wo|[Tt]hree|"
          r"[Nn]early|[Aa]lmost|[Aa]bout|[Oo]nly|[Bb]oth|[Mm]ore\s+than|\w+\s+in\s+10|\d+)\s+(?:of\s+)?){0,3}")
# Any lowercase word may modify a role noun after a determiner ("a longtime Republican strategist").
_FREE_MOD = rf"(?:(?!(?:{_STOP})\b)[a-z][a-z\-]*|\d[\w\-]*)"
_ROLE_NP = (rf"{_QUANT}(?:(?:{_DET}\s+(?:(?:{_CAPW}|{_FREE_MOD})\s+){{0,4}})|(?:(?:{_CAPW}|(?:{_MOD}))\s+){{0,4}}"
            rf"|(?:[Ff]ormer|[Rr]etired|[Ss]enior|[Tt]op)\s+(?:(?:{_CAPW}|{_FREE_MOD})\s+){{0,3}})"
            rf"(?i:{_ROLE})(?:\s+(?:of|for|at|with|to|from)\s+(?:the\s+)?{_CAPSEQ})?"
            rf"(?:\s+{_CAPSEQ}{_PARTY})?")
_NAME_NP = rf"{_CAPSEQ}{_PARTY}(?:\s+(?:of|for|at)\s+(?:the\s+)?{_CAPSEQ})?"
_PRON = (r"(?:[Hh]e|[Ss]he|[Tt]hey|I|[Ww]e|[Ii]t|[Yy]ou|who|[Mm]any|[Mm]ost|[Ss]ome|[Oo]thers|[Bb]oth|"
         r"[Ff]ew|\d+(?:\.\d+)?\s+percent|[A-Za-z]+(?:-[a-z]+)?\s+percent|"
         r"(?:(?:[Nn]early|[Aa]bout|[Aa]lmost|[Jj]ust|[Mm]ore\s+than|[Ll]ess\s+than|[Oo]nly)\s+)?"
         r"(?:[Hh]alf|[Aa]\s+third|[Aa]\s+quarter|[Tt]wo-thirds|[Tt]hree-quarters|[Aa]\s+majority|[Tt]he\s+majority))")
SPEAKER = rf"(?:{_ROLE_NP}|{_NAME_NP}|{_PRON})"
# Right next to a quotation and its cue any short noun phrase is the speaker ("the gambling tycoon").
_ANY_NP = rf"(?:(?:[Tt]he|[Aa]n?|[Aa]nother|[Oo]ne|{_CAPW}['’]s)\s+(?:{_FREE_MOD}\s+|{_CAPW}\s+){{0,3}}(?:[a-z][a-z\-]+|{_CAPW})(?:,\s+{_CAPSEQ})?)"
_INTERVENE = "|".join(sorted(INTERVENERS, key=len, reverse=True))
_WHEN = (r"(?:on|last|this|earlier|late|early)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
         r"week|month|year|morning|afternoon|evening|night)(?:\s+(?:morning|afternoon|evening|night))?")
_GAP = rf"(?:\s+(?:{_INTERVENE}|{_WHEN}|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))*"

# "<speaker> [also] " right before a cue.
SUBJECT_BEFORE = re.compile(rf"(?<![\w'’\-])({SPEAKER}){_GAP}\s+$")
# "<Name>, <apposition or relative clause>, [also] " right before a cue.
_APPOS_OPEN = (r"(?:the|a|an|who|whose|his|her|their|its|one|former|senior|now|then|also|"
               rf"[A-Z][\w\-]*['’]s|\d+)")
SUBJECT_APPOS = re.compile(
    rf"(?<![\w'’\-])({_NAME_NP})\s*,\s*{_APPOS_OPEN}\b[^,;:“”\"]{{1,150}}?"
    rf"(?:,\s*[^,;:“”\"]{{1,60}}?)?,{_GAP}\s+$")
# "<Name or role>, <anything without quotes>, [also] " opening the sentence right before a cue.
SUBJECT_INITIAL = re.compile(
    rf"^\W*(?:(?:But|And|Still|Meanwhile|However|Yet|So|Now)\s*,?\s+)?({_NAME_NP}|{_ROLE_NP})"
    rf"\s*,\s*[^;:“”\"()]{{2,260}}?,{_GAP}\s+$")
# '...," <speaker> said' or '...," said <speaker>' right after a closing quote.
AFTER_CLOSE = re.compile(
    rf"^[\s,]*(?:(?P<s1>{SPEAKER}|{_ANY_NP}){_GAP}\s+(?P<c1>{CUE})\b|(?P<c2>{CUE})\s+(?P<s2>{_ANY_NP}|{SPEAKER})"
    rf"|(?P<s3>{_NAME_NP}|{_ROLE_NP})\s*,\s*[^,;:“”\"]{{2,150}}?,{_GAP}\s+(?P<c3>{CUE})\b)")
# "told guests at the reception that": everything up to "that" is the addressee.
ADDRESSEE_THAT = re.compile(r"^\s+(?:[\w'’\-]+\s+){1,6}?that\b\s*")
# Addressee and adjuncts between a cue and its content ("told reporters on Monday that").
ADDRESSEE = re.compile(
    rf"^\s+(?:(?:him|her|them|us|me|you|reporters|journalists|supporters|the\s+crowd|{_ROLE_NP}"
    rf"|{_NAME_NP}))(?=[\s,.:;])")
# "in a statement (to reporters) (on Monday)": where the words were said, before the content.
_DAYWORD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today)"
MEDIUM = re.compile(
    r"^\s*,?\s+(?:in|on|via|through|during)\s+(?:a|an|the|his|her|their|its)\s+(?:[\w\-’']+\s+){0,3}?"
    r"(?:statement|interview|email|e-mail|tweet|post|letter|speech|release|conversation|op-ed|column|video|"
    r"message|appearance|call|memo|note|briefing|conference|press\s+conference|radio\s+interview|debate)s?"
    rf"(?:\s+(?:with|to|on|at)\s+[^,.;:“\"]{{1,40}}?(?=\s*,|\s+that\b|\s+(?:on\s+)?{_DAYWORD}))?"
    rf"(?:\s+(?:on\s+|last\s+|this\s+)?(?:{_DAYWORD}|week|month)(?:\s+(?:morning|afternoon|evening|night))?)?"
    r"(?=\s*,|\s+that\b|\s+[a-z]|\s+[A-Z])")
ADJUNCT = re.compile(
    r"^\s*,?\s+(?:(?:on|in|at|during|after|before|last|this|earlier|later|late|early|when|while)"
    r"\b[^,.;:“\"]{0,50}?"
    rf"|(?:{_DAYWORD}|today|yesterday|tonight)(?:\s+(?:morning|afternoon|evening|night))?)"
    r"(?=\s+that\b|\s*,|\s*:)")
THAT = re.compile(r"^\s*,?\s*that\b\s*")
ACCORDING_BEFORE = re.compile(r"^\W*(?:[Bb]ut\s+|[Aa]nd\s+)?[Aa]ccording\s+to\s+([^,;:]{2,100}?)\s*,\s*")
ACCORDING_MID = re.compile(r"\s*,?\s+according\s+to\s+([^,;:“”\"]{2,100}?)(?=\s*,|\.?\s*$)")
# "Name: words" at the start of a paragraph (headlines, transcripts).
# (``match`` it at a paragraph's start; a headline may name an addressee: "Kask to Voters: ...").
LABEL = re.compile(rf"({_NAME_NP}|{_ROLE_NP})(?:\s+(?i:to|on|at|about)\s+[^:.;“”\"\n]{{1,60}}?)?\s*:\s*(?=\S)")
# A name or role right before a colon and an opening quote: 'pollster Ivo Kask: “...'.
COLON_SPEAKER = re.compile(rf"(?<![\w'’\-])({_ROLE_NP}|{_NAME_NP})\s*:\s*$")
# A subject at the start of the sentence or after an opening adverbial ending in a comma.
CLAUSE_SUBJECT = re.compile(rf"(?:^\W*|,\s+)({SPEAKER})(?=\s+[a-z])")
#: Counting words (and numbers) of a span: the toolkit's terms.
WORD = TERM
# "his claim that", "Lind's call for", "the senator's criticism of": a possessor and a noun of
# saying; the possessor is the speaker, the words after "that"/"for"/"of" the content.
_WHEN = (r"(?:\s+(?:on\s+|last\s+|this\s+|earlier\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
         r"Sunday|night|week|month|year|morning|evening))?")  # "his statement on Wednesday that"
_NOUN_ALTS = "|".join(
    rf"(?:{'|'.join(sorted(nouns, key=len, reverse=True))}){_WHEN}\s+{link}" for link, nouns in NOUN_CUES.items())
NOUN_CUE = re.compile(rf"\b(?:{_NOUN_ALTS})\b\s*")
# The possessor ending the text before the noun (up to two modifiers: "his repeated claim", "her March
# comment").
NOUN_OWNER = re.compile(
    rf"(?<![\w'’\-])(?:(?P<pron>[Hh]is|[Hh]er|[Tt]heir)|(?P<name>{_CAPSEQ}|(?:[Tt]he\s+)?(?:[a-z\-]+\s+){{0,2}}?"
    rf"(?:{_ROLE}))['’]s)\s+(?P<mods>(?:(?:{_FREE_MOD}|[A-Z][a-z]+)\s+){{0,2}})$")

# Cheap pre-checks for SUBJECT_BEFORE: words that may stand between a subject and its cue, and
# the lower-case words a subject can end with.
GAP_WORDS = frozenset(w.lower() for w in INTERVENERS) | frozenset(
    "on last this earlier late early week month year morning afternoon evening night".split())
SUBJECT_END_WORDS = frozenset(w.lower() for w in plurals(SOURCE_NOUNS)) | frozenset(
    "he she they i we it you who many most some others both few percent half third quarter two-thirds "
    "three-quarters majority".split())
QUOTE_ONLY = frozenset({"continue", "go on"})
OBJECT_LEMMAS = frozenset(OBJECT_VERBS)
# A form of "be" (and adverbs) ending the words before a cue: the cue is passive ("was asked", "has been
# told", "were not informed"); its subject did not speak.
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|is|are|been|being|be|get|got|gets)(?:\s+(?:not|also|later|then|"
                             r"reportedly|repeatedly|publicly|privately|widely|quickly|never|first|often|"
                             r"initially|subsequently|recently|again|already|\w+ly))*\s+$", re.I)


def is_passive(before: str, cue: str) -> bool:
    """Whether ``cue`` (its words) after ``before`` (the sentence's words up to it) is passive: "be" and
    a participle ("was asked", "has been told"), not a progressive ("was saying")."""
    *lead, last = cue.split() or [""]
    if last.endswith("ing"):
        return False
    before = before.rstrip() + " "
    return bool(_PASSIVE_BEFORE.search(before) or (lead and _PASSIVE_BEFORE.search(before + " ".join(lead) + " ")))


# Cues never inverted with their subject ("said Kask" but never "told Kask": that is the one told).
NEVER_INVERTED = frozenset("tell inform remind advise assure".split())


def lemma_of(cue: str) -> str:
    """Lemma of a cue string ("told reporters" -> "tell", "expressed the hope" -> "express")."""
    first = cue.split()[0].lower()
    if first in CUE_FORMS:
        return CUE_FORMS[first][0]
    if first.startswith(("go", "went")):
        return "go on"
    return first


def is_speech(cue: str) -> bool:
    first = cue.split()[0].lower()
    return CUE_FORMS.get(first, ("", True))[1]


def needs_that(cue: str) -> bool:
    return " " not in cue.strip() and lemma_of(cue) in NEEDS_THAT
