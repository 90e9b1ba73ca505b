"""Compiled regular expressions for speaker phrases and cues, built from ``lexicon`` data."""
from __future__ import annotations

import re

from bot.quotes.lexicon import (
    INTERVENERS, NEEDS_THAT, OBJECT_VERBS, ROLE_MODIFIERS, SOURCE_NOUNS, TAKES_ADDRESSEE, plurals, cue_forms,
    phrase_cue_pattern,
)

CUE_FORMS = cue_forms()
_single = "|".join(sorted(CUE_FORMS, key=len, reverse=True))
PHRASE = phrase_cue_pattern()
CUE = rf"(?:{PHRASE}|(?:{_single}))"
CUE_RE = re.compile(rf"\b(?:{PHRASE}|(?i:according\s+to)|(?:{_single}))\b")

_CAPW = r"(?:(?:Mr|Mrs|Ms|Dr|Prof|Rev|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|St|Jr|Sr)\.|[A-Z]\.|[A-Z][\w'’\-]*)"
_PARTICLE = r"(?:de|da|del|van|von|bin|al|la|le)"
_CAPSEQ = rf"{_CAPW}(?:[ \t]+(?:{_PARTICLE}[ \t]+)?{_CAPW})*"
_ROLE = "|".join(sorted(plurals(SOURCE_NOUNS), key=len, reverse=True))
_MOD = "|".join(sorted(ROLE_MODIFIERS, key=len, reverse=True))
_DET = rf"(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|{_CAPW}['’]s)"
_QUANT = (r"(?:(?:[Mm]ost|[Mm]any|[Ss]ome|[Aa]ll|[Hh]alf|[Nn]one|[Ff]ew|[Ss]everal|[Oo]ne|[Tt]wo|[Tt]hree|"
          r"[Nn]early|[Aa]lmost|[Aa]bout|[Oo]nly|[Mm]ore\s+than|\w+\s+in\s+10|\d+)\s+(?:of\s+)?){0,3}")
_ROLE_NP = (rf"{_QUANT}(?:{_DET}\s+)?(?:(?:{_CAPW}|(?:{_MOD}))\s+){{0,4}}(?i:{_ROLE})"
            rf"(?:\s+(?:of|for|at|with)\s+(?:the\s+)?{_CAPSEQ})?")
_NAME_NP = rf"{_CAPSEQ}(?:\s+(?:of|for|at)\s+(?:the\s+)?{_CAPSEQ})?"
_PRON = r"(?:[Hh]e|[Ss]he|[Tt]hey|I|[Ww]e|[Ii]t|[Yy]ou|who)"
SPEAKER = rf"(?:{_ROLE_NP}|{_NAME_NP}|{_PRON})"
_INTERVENE = "|".join(sorted(INTERVENERS, key=len, reverse=True))
_GAP = rf"(?:\s+(?:{_INTERVENE}))*"

# "<speaker> [also] " right before a cue.
SUBJECT_BEFORE = re.compile(rf"(?<![\w'’\-])({SPEAKER}){_GAP}\s+$")
# "<Name>, <apposition or relative clause>, [also] " right before a cue.
_APPOS_OPEN = (r"(?:the|a|an|who|whose|his|her|their|its|one|former|senior|now|then|also|"
               rf"[A-Z][\w\-]*['’]s|\d)")
SUBJECT_APPOS = re.compile(
    rf"(?<![\w'’\-])({_NAME_NP})\s*,\s*{_APPOS_OPEN}\b[^,;:“”\"]{{1,150}}?"
    rf"(?:,\s*[^,;:“”\"]{{1,60}}?)?,{_GAP}\s+$")
# '...," <speaker> said' or '...," said <speaker>' right after a closing quote.
AFTER_CLOSE = re.compile(
    rf"^[\s,]*(?:(?P<s1>{SPEAKER}){_GAP}\s+(?P<c1>{CUE})\b|(?P<c2>{CUE})\s+(?P<s2>{SPEAKER}))")
# Addressee and adjuncts between a cue and its content ("told reporters on Monday that").
ADDRESSEE = re.compile(
    rf"^\s+(?:(?:him|her|them|us|me|you|reporters|journalists|supporters|the\s+crowd|{_ROLE_NP}"
    rf"|{_NAME_NP}))(?=[\s,.:;])")
ADJUNCT = re.compile(
    r"^\s*,?\s+(?:on|in|at|during|after|before|last|this|earlier|later|late|early|when|while)"
    r"\b[^,.;:“\"]{0,50}?(?=\s+that\b|\s*,|\s*:)")
THAT = re.compile(r"^\s*,?\s*that\b\s*")
ACCORDING_BEFORE = re.compile(r"^\W*(?:[Bb]ut\s+|[Aa]nd\s+)?[Aa]ccording\s+to\s+([^,;:]{2,100}?)\s*,\s*")
ACCORDING_MID = re.compile(r"\s*,?\s+according\s+to\s+([^,;:“”\"]{2,100}?)(?=\s*,|\.?\s*$)")
# "Name: words" at the start of a paragraph (headlines, transcripts).
LABEL = re.compile(rf"^({_NAME_NP}|{_ROLE_NP})\s*:\s*(?=\S)")
SENTENCE_SUBJECT = re.compile(rf"^\W*(?:[^,]{{1,40}},\s*)?({SPEAKER})(?=\s+[a-z])")
WORD = re.compile(r"[\w'’\-]+")

QUOTE_ONLY = frozenset({"continue", "go on"})
OBJECT_LEMMAS = frozenset(OBJECT_VERBS)


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
