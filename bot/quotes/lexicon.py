"""Generic English word lists for attribution: cue verbs (as lemmas), pronouns, titles, role nouns.

Everything here is ordinary English vocabulary; no list names a specific person, place or event.
"""
from __future__ import annotations

import re

# Verbs of saying. Each lemma is inflected by :func:`inflections`.
SPEECH_VERBS = """
say tell add write ask note report announce suggest tweet describe argue explain declare
acknowledge admit claim insist state reply respond answer warn predict promise pledge vow urge
recall conclude concede confirm deny reveal observe remark comment assert contend
mention emphasize emphasise stress complain boast joke quip testify estimate caution demand
reiterate repeat agree disagree counter retort charge allege accuse declare proclaim
lament muse posit opine explain signal indicate assure remind inform advise recommend propose
predict threaten contend whisper shout yell scream cry exclaim concur affirm stipulate
talk discuss echo post blast denounce decry tout highlight recount chide scold hail thank
lash rail vent brag gush grumble concede caution reassure underscore acknowledge
laud lambast ridicule rebut chant recite scoff fume gripe marvel
""".split()

# Verbs that report findings; with a poll, study or report as subject they need no "that".
EVIDENCE_VERBS = frozenset("show find suggest indicate reveal conclude estimate report".split())
EVIDENCE_NOUNS = frozenset("""
poll survey study report data analysis review research audit investigation probe memo document
filing records record photo image video footage figure number estimate test
""".split())

# Verbs of belief, intention and feeling that PolNeAR-style annotation also treats as attributions.
COGNITION_VERBS = """
think believe hope fear expect feel know worry doubt assume guess realize realise
understand suspect wonder imagine reckon figure want
show find see view consider regard
""".split()

# Verbs whose object or infinitive is the attributed content ("called the plan a disaster",
# "declined to comment", "endorsed the senator").
OBJECT_VERBS = """
call criticize criticise praise endorse support defend cite dismiss oppose accuse blame reject
condemn applaud welcome slam mock attack back decline refuse seek offer propose plan intend
vow pledge threaten demand seem appear recommend question dispute
seek favor favour champion slam decry denounce blast echo tout hail thank
laud lambast ridicule eviscerate skewer castigate excoriate commend congratulate
""".split()

# Verbs whose content may be an infinitive ("wants to run", "declined to comment").
INFINITIVE_LEMMAS = frozenset("""
want hope plan seek decline refuse intend promise vow pledge threaten offer expect agree urge
ask tell warn advise remind wish prefer propose demand appear seem
""".split())

# Verbs that only count when followed by "that" (otherwise they rarely introduce a statement).
NEEDS_THAT = frozenset("""
add show find know see understand realize realise figure remind inform
agree charge feel wonder state
answer comment question counter repeat
""".split())

# Verbs whose first complement may be the addressee ("told reporters that ...").
TAKES_ADDRESSEE = frozenset("tell ask warn urge assure remind inform advise promise".split())

# Labels that end in a colon without introducing anyone's words ("Source: ...", "By: ...").
NON_SPEAKER_LABELS = frozenset("""
by source sources photo photos image images update updated note related read watch video
click credit credits editor's posted published tags topics share advertisement sponsored
transcript partial follow email e-mail notice latest breaking exclusive live
""".split())

# Words that make a "Label:" a heading or a section title, not someone speaking ("The Latest:",
# "Delegate Update:", "Stat of the Week:").
HEADING_WORDS = frozenset("""
latest update updates daily weekly week day today tonight news notice note email e-mail report
circle thing things stat stats fact facts quote quotes review analysis preview recap briefing
""".split())

# Nouns that introduce someone's statement after a possessive ("his claim that ...", "her call
# for ..."), with the word that must follow them.
NOUN_CUES = {
    "that": """claim claims assertion assertions contention insistence argument remark remarks comment
comments statement warning warnings promise promises pledge vow suggestion belief view
accusation accusations allegation allegations charge prediction admission denial boast
complaint complaints argument arguments insinuation""".split(),
    "for": "call calls demand demands plea appeal support".split(),
    "of": "criticism criticisms".split(),
}

# Multi-word cues: "{poss}" is a possessive pronoun; the first word is inflected.
PHRASE_CUES = """
express {poss} hope
express the hope
express {poss} belief
express the belief
express {poss} confidence
express confidence
express {poss} concern
express concern
express {poss} satisfaction
express satisfaction
express {poss} regret
express regret
express {poss} condolences
express {poss} appreciation
express {poss} gratitude
express {poss} support
extend {poss} good wishes
extend {poss} best wishes
extend {poss} wishes
extend {poss} congratulations
extend {poss} condolences
point out
make clear
make it clear
go on to say
go on
""".strip().splitlines()

IRREGULAR = {
    "say": ["said", "says", "saying"],
    "tell": ["told", "tells", "telling"],
    "write": ["wrote", "written", "writes", "writing"],
    "think": ["thought", "thinks", "thinking"],
    "know": ["knew", "known", "knows", "knowing"],
    "feel": ["felt", "feels", "feeling"],
    "speak": ["spoke", "spoken", "speaks", "speaking"],
    "make": ["made", "makes", "making"],
    "go": ["went", "goes", "going", "gone"],
    "see": ["saw", "seen", "sees", "seeing"],
    "find": ["found", "finds", "finding"],
    "understand": ["understood", "understands", "understanding"],
    "show": ["showed", "shown", "shows", "showing"],
    "cry": ["cried", "cries", "crying"],
    "deny": ["denied", "denies", "denying"],
    "reply": ["replied", "replies", "replying"],
}

POSSESSIVES = ("his", "her", "their", "its", "our", "my")

PERSON_PRONOUNS = {"he": "m", "she": "f", "him": "m", "her": "f", "his": "m"}

HONORIFICS = frozenset("mr mrs ms miss dr sir dame lord lady prof rev mr. mrs. ms. dr. prof. rev.".split())
MALE_HONORIFICS = frozenset({"mr", "mr.", "sir", "lord"})
FEMALE_HONORIFICS = frozenset({"mrs", "mrs.", "ms", "ms.", "miss", "dame", "lady"})

# Generic role/title words ("President", "Defense Minister", "spokesman").
ROLE_NOUNS = frozenset("""
president minister premier chancellor king queen prince princess emperor leader chief head
secretary senator sen governor gov mayor representative rep congressman congresswoman lawmaker
legislator speaker chairman chairwoman chair director spokesman spokeswoman spokesperson
ambassador envoy diplomat general gen admiral colonel commander officer official aide adviser
advisor strategist candidate nominee ceo founder executive manager attorney lawyer judge justice
prosecutor sheriff commissioner councilman councilwoman analyst expert economist researcher
professor scientist pollster consultant mp pm deputy cardinal pope rabbi imam bishop
pastor reverend coach captain editor columnist correspondent reporter host anchor author
activist organizer organiser critic supporter opponent source sources officials aides advisers
advisors analysts experts critics supporters opponents leaders lawmakers senators economists
researchers strategists voters people residents witnesses officers organizers police prosecutors
councillor councilor alderman alderwoman
""".split())

# Plural/collective heads: resolvable to no single person.
GROUP_NOUNS = frozenset("""
sources officials aides advisers advisors analysts experts critics supporters opponents leaders
lawmakers senators economists researchers strategists voters people residents witnesses officers
organizers police prosecutors polls poll survey surveys study report reports statement campaign
committee government ministry office agency department spokesman spokeswoman spokesperson
""".split())

# People named by a relation rather than a title ("her friend", "his wife").
RELATION_NOUNS = frozenset("""
man woman men women person team staff camp ally allies narrator donor advocate activist
operative official delegate voter resident member veteran partner colleague associate insider
observer lobbyist historian spokesman writer blogger commentator pundit surrogate governor
user tycoon billionaire businessman businesswoman executive consultant attendee protester
student teacher doctor nurse pastor rabbi priest officer agent diplomat lawyer
friend friends wife husband son daughter mother father brother sister relatives neighbor
neighbors neighbour neighbours member members fan fans owner student students teacher worker
workers parent parents respondents participants attendees protesters delegates donors
""".split())

# Every head noun that can name a source of a statement.
SOURCE_NOUNS = ROLE_NOUNS | GROUP_NOUNS | RELATION_NOUNS | frozenset(
    "bureau agency firm company organization organisation group newspaper paper network".split())

# Words that may stand between a determiner and a role noun ("the newly elected Canadian prime minister").
ROLE_MODIFIERS = frozenset("""
senior former top chief deputy local foreign federal state national unnamed anonymous other some
many several both two three four five one newly elected outgoing incoming acting longtime
veteran leading prominent junior vice prime defense defence foreign interior finance justice
press white house campaign military security intelligence economic political
""".split())

# Function words that never modify a role noun ("the plan that voters said": "that" stops the phrase).
STOP_WORDS = frozenset("""
the a an and or but nor that which who whom whose what when where while as if than then to of in on at
by for from with about into over after before since because is are was were be been being has have had
do does did will would can could should may might must not it its this these those there here he she
they we you i me him her them us his their our my your also said says say told
""".split())

DETERMINERS = frozenset("the a an his her their its our this that these those".split())

# Adverbs and auxiliaries that may stand between a subject and its cue verb.
INTERVENERS = frozenset("""
also has have had was is were are would will could may might did does do later earlier previously
once then again first recently repeatedly publicly privately reportedly allegedly simply flatly
bluntly quickly immediately often frequently never not n't still already just further
even separately specifically subsequently initially ultimately openly angrily here there
""".split())

# Capitalized words that do not start or form a person's name.
NON_NAME_WORDS = frozenset("""
the a an and or but if when while as at in on of for to by with from after before during since
this that these those there here it its he she they we i you his her their our my your who what
where why how which mr mrs ms dr monday tuesday wednesday thursday friday saturday sunday
january february march april may june july august september october november december
today yesterday tomorrow according however meanwhile also still yet so then thus although though
because despite even just only now later earlier last next new some many most more all both
each every other another no not one two three four five first second third
""".split())


def inflections(lemma: str) -> list[str]:
    """The base form plus -s, -ed and -ing forms of a regular English verb (or its irregular forms)."""
    if lemma in IRREGULAR:
        return [lemma, *IRREGULAR[lemma]]
    if lemma.endswith("e"):
        forms = [lemma + "s", lemma + "d", lemma[:-1] + "ing"]
    elif re.search(r"[^aeiou]y$", lemma):
        forms = [lemma + "s", lemma[:-1] + "ied", lemma + "ing"]
    elif re.search(r"(s|sh|ch|x|z)$", lemma):
        forms = [lemma + "es", lemma + "ed", lemma + "ing"]
    elif re.search(r"[^aeiou][aeiou][bdgklmnprt]$", lemma) and lemma not in _NO_DOUBLING:
        last = lemma[-1]
        forms = [lemma + "s", lemma + last + "ed", lemma + last + "ing"]
    else:
        forms = [lemma + "s", lemma + "ed", lemma + "ing"]
    return [lemma, *forms]


_NO_DOUBLING = frozenset("""
counter answer offer wonder threaten signal remark posit whisper gather visit
open happen listen order consider
""".split())


def cue_forms() -> dict[str, tuple[str, bool]]:
    """Map every inflected single-word cue to ``(lemma, is_speech_verb)``."""
    forms: dict[str, tuple[str, bool]] = {}
    for lemma in COGNITION_VERBS:
        for form in inflections(lemma):
            forms[form] = (lemma, False)
    for lemma in SPEECH_VERBS + ["continue"]:
        for form in inflections(lemma):
            forms[form] = (lemma, True)
    for lemma in OBJECT_VERBS:
        for form in inflections(lemma):
            forms.setdefault(form, (lemma, False))
    return forms


def plurals(nouns: frozenset[str]) -> frozenset[str]:
    """The nouns with their regular plurals added."""
    extra = {n[:-1] + "ies" if re.search(r"[^aeiou]y$", n) else n + ("es" if n.endswith("s") else "s")
             for n in nouns}
    return nouns | frozenset(extra)


def phrase_cue_pattern() -> str:
    """A regex alternation matching every multi-word cue in any inflection."""
    alts = []
    for phrase in PHRASE_CUES:
        first, *rest = phrase.split()
        verb = "(?:" + "|".join(sorted(set(inflections(first)), key=len, reverse=True)) + ")"
        tail = " ".join(rest).replace("{poss}", "(?:" + "|".join(POSSESSIVES) + ")")
        alts.append(verb + (r"\s+" + tail.replace(" ", r"\s+") if tail else ""))
    alts.sort(key=len, reverse=True)
    return "(?:" + "|".join(alts) + ")"


def phrase_first_words() -> frozenset[str]:
    """Every inflected first word of a multi-word cue ("expressed", "pointing")."""
    return frozenset(f for phrase in PHRASE_CUES for f in inflections(phrase.split()[0]))
