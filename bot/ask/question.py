"""Reading a question: who is asked about, on what topic, or which remembered phrase.

Questions come as people write them: "What did former Mexican president Felipe Calderón
say about Trump's border wall?", "why wouldn't Trump endorse Paul Ryan before his primary",
"What did the Speaker of the House say about ...", "what did sanders say about the house
bill". The reader finds the question's subject (the person or role asked about), the verb
that follows it, and takes the rest as the topic. Which names are people is decided later,
by the speaker directory: the reader only offers candidates, best first.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.quotes.people import person_name

# Verbs a question about someone's words is built on; the topic follows them.
_SAY_LEMMAS = """
say tell think comment write tweet state claim conclude admit repeat keep mean feel believe argue
respond react reply answer describe explain suggest insist predict warn mention speak talk make
testify declare announce note add remark acknowledge concede confess joke complain boast
""".split()
# Verbs whose meaning is part of what is asked ("why wouldn't X endorse Y"): kept in the topic.
_ACT_LEMMAS = """
endorse attack praise criticize criticise promise propose pledge vow deny accuse blame defend
reject dismiss urge call ask demand threaten support oppose back slam blast mock thank
plan want hope offer reveal predict view see consider do
""".split()
_IRREGULAR = {"said": "say", "says": "say", "told": "tell", "thought": "think", "wrote": "write",
              "written": "write", "meant": "mean", "felt": "feel", "spoke": "speak", "spoken": "speak",
              "made": "make", "saw": "see", "seen": "see", "did": "do", "done": "do", "kept": "keep"}


def _lemma(word: str) -> str | None:
    w = word.lower().strip("?!.,")
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    for lemma in _SAY_LEMMAS + _ACT_LEMMAS:
        if w == lemma or w in (lemma + "s", lemma + "es", lemma + "ed", lemma + "d", lemma + "ing",
                               lemma[:-1] + "ing", lemma[:-1] + "ied", lemma[:-1] + "ies",
                               lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"):
            return lemma
    return None


_SAY = set(_SAY_LEMMAS)
_TAKES_ADDRESSEE = {"tell", "ask", "warn", "urge", "remind", "assure", "promise", "write"}
_TOLD_ABOUT = re.compile(r"^(?:to\s+)?(?P<who>(?:\S+\s+){0,5}?\S+)\s+(?:about|on|regarding|over)\s+(?P<topic>.+)$", re.I)
_LEAD = re.compile(r"^(?:hey|ok|okay|please|so|newsbrief[,:]?|tell\s+me|show\s+me|give\s+me|find|"
                   r"do\s+you\s+know|can\s+you\s+tell\s+me|i\s+want\s+to\s+know)\s+", re.I)
_WH_AUX = re.compile(
    r"^(?:(?P<wh>what|which\s+things?|anything|how|why|when|where|whom?)\s+)?"
    r"(?P<aux>did|does|do|has|have|had|would|will|is|was|were|could|can|might|should)(?:n['’]?t|\s+not)?\s+"
    r"(?P<rest>.+)$", re.I)
_WH_ONLY = re.compile(r"^(?:what|how|why)\s+(?P<rest>.+)$", re.I)
_EVERYTHING = re.compile(r"^(?:(?:show|list|give)\s+(?:me\s+)?)?(?:everything|all)\s+(?:that\s+)?(?P<rest>.+)$", re.I)
_ABOUT = re.compile(r"^(?:(?:anything|something|ever|recently|lately|just|publicly|first|last|again|"
                    r"exactly|specifically|really|also|repeatedly)(?:\s+|$))*"
                    r"(?:(?:about|on|of|regarding|concerning|re|over|to|when|that|in\s+(?:response|reply)\s+to)(?:\s+|$))?",
                    re.I)
_VIEW = re.compile(
    r"^(?:what(?:'s|\s+is|\s+was|\s+are|\s+were)|how)\s+(?P<speaker>.+?)(?:'s|’s)\s+"
    r"(?:view|position|stance|take|opinion|comment|reaction|response|answer|remark|statement)s?\s+"
    r"(?:about|on|regarding|concerning|re|of|to)\s+(?P<topic>.+)$", re.I)
_WHO = re.compile(r"^who\s+(?:said|says|told|wrote|stated|tweeted)(?:\s+(?:that\s+)?(?P<phrase>.+))?$", re.I)
_NEWS = (
    re.compile(r"^(?:(?:any|the|latest|recent)\s+)*(?:news|stories|story|updates?|headlines)\s+"
               r"(?:about|on|regarding|for|of)\s+(?P<topic>.+)$", re.I),
    re.compile(r"^what(?:'s|\s+is)\s+(?:new|happening|going\s+on)\s+(?:with|about|on|in)\s+(?P<topic>.+)$", re.I),
)
# "news", "latest headlines", "what's new": the latest stories, on no topic in particular.
_LATEST = re.compile(r"^(?:(?:any|the|latest|recent|top|today'?s)\s+)*(?:news|stories|headlines|updates?)"
                     r"(?:\s+(?:today|now|please))?$|^what(?:'s|\s+is)\s+(?:new|happening|going\s+on)$", re.I)
# When and where something was said: "in his victory speech", "at the December debate", "after
# she won Pennsylvania". Statements rarely name their own occasion; their surroundings do.
_OCCASION_NOUNS = (r"speech(?:es)?|debates?|interviews?|rall(?:y|ies)|address(?:es)?|remarks|statements?|"
                   r"tweets?|posts?|conventions?|town[- ]halls?|hearings?|(?:press|news)\s+conferences?|"
                   r"op-eds?|columns?|appearances?|visits?|victor(?:y|ies)|wins?|loss(?:es)?|defeats?|"
                   r"primar(?:y|ies)|caucus(?:es)?|campaign\s+stops?|events?|meetings?|summits?|memoirs?|"
                   r"books?|letters?|videos?|ads?|shows?|podcasts?|broadcasts?|testimony|briefings?")
_OCCASION = (
    re.compile(r"(?:^|\s)(?P<occ>(?:in|during|at|after|before|following|ahead\s+of|on)\s+"
               r"(?:(?:his|her|their|its|the|a|an|this|that|last|one\s+of\s+(?:his|her|their|the))\s+)?"
               r"(?:[\w'’.-]+\s+){0,4}?(?:" + _OCCASION_NOUNS + r")(?:\s+(?:" + _OCCASION_NOUNS + r"))*)(?=\s|$)", re.I),
    re.compile(r"(?:^|\s)(?P<occ>(?:after|once|before|following)\s+(?:he|she|they|it|we|i)\s+\w+.*)$", re.I),
)
_FILLER_TOPIC = re.compile(r"^(?:lately|recently|today|yesterday|this\s+week|anything|so\s+far|ever)$", re.I)


@dataclass(frozen=True)
class Question:
    form: str  # speaker_topic | speaker | who_said | news
    text: str
    speaker: str | None = None
    topic: str | None = None
    phrase: str | None = None
    speakers: tuple[str, ...] = field(default=())  # candidate phrases for the person, best first
    everything: bool = False  # "everything X said about Y": every statement, not the closest few
    addressee: str | None = None  # "what did X tell <addressee> about Y"
    occasion: str | None = None  # "in his victory speech": when or where it was said (part of ``topic``)

    @property
    def topic_words(self) -> str:
        """What a statement's surroundings may name: the topic and whom it was said to."""
        return " ".join(p for p in (self.topic, self.addressee) if p)

    @property
    def setting(self) -> str:
        """The words naming when, where and to whom it was said: found around a statement
        more than in it."""
        return " ".join(p for p in (self.occasion, self.addressee) if p)


def split_occasion(topic: str) -> tuple[str, str | None]:
    """(the topic without its occasion, the occasion): "voters' frustration in her primary-night
    speeches" -> ("voters' frustration", "in her primary-night speeches")."""
    found = []
    rest = topic
    for pattern in _OCCASION:
        m = pattern.search(rest)
        if m:
            found.append(m.group("occ").strip())
            rest = (rest[:m.start("occ")] + " " + rest[m.end("occ"):]).strip()
    if not found:
        return topic, None
    rest = _ABOUT.sub("", " ".join(rest.split()), count=1).strip(" ,")
    return rest, " ".join(found)


def _tidy(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip().strip("?!.,").strip()
    value = re.sub(r"^(?:the\s+topic\s+of\s+|the\s+subject\s+of\s+)", "", value, flags=re.I)
    return value.strip("\"'“”‘’ ") or None


def speaker_candidates(subject: str) -> tuple[str, ...]:
    """Phrases in a question's subject that may name the person, full names first, then
    single names, then roles: "Trump's doctor, Harold Bornstein" -> ("Harold Bornstein", "Trump's doctor")."""
    parts = [p.strip(" ,") for p in re.split(r",|\s+(?:who|which)\s+", subject) if p.strip(" ,")]

    def rank(part: str) -> int:
        pn = person_name(part)
        if pn is None or re.match(r"^(?:the|a|an)\s", part, re.I):
            return 2
        return 0 if pn.first is not None else 1

    ordered = sorted(parts, key=rank)
    return tuple(dict.fromkeys(ordered + ([subject] if len(parts) > 1 else [])))


def _split_subject(rest: str) -> tuple[str, str, str] | None:
    """(subject, verb lemma, what follows the verb) of "Trump say about ..."."""
    words = rest.split()
    for i, w in enumerate(words[1:14], start=1):
        lemma = _lemma(w)
        if lemma is None:
            continue
        prev = words[i - 1].lower()
        if prev in {"to", "the", "a", "an", "of", "his", "her", "their"}:
            continue  # "the Speaker of the House" is no verb "speak"
        after = words[i + 1:]
        if lemma == "keep" and after and after[0].lower().endswith("ing"):
            after = after[1:]  # "keep repeating"
        if lemma == "make" and after and after[0].lower() == "of":
            after = after[1:]  # "what did X make of Y"
        return " ".join(words[:i]), lemma, " ".join(after)
    return None


def read_question(text: str) -> Question | None:
    """The question's form and parts, or None when it fits no known form."""
    clean = " ".join(text.split()).strip()
    while True:
        stripped = _LEAD.sub("", clean)
        if stripped == clean:
            break
        clean = stripped
    clean = clean.rstrip("?!. ")
    m = _WHO.match(clean)
    if m:
        return Question("who_said", clean, phrase=_tidy(m.group("phrase") or ""))
    if _LATEST.match(clean):
        return Question("news", clean)
    for pattern in _NEWS:
        m = pattern.match(clean)
        if m:
            return Question("news", clean, topic=_tidy(m.group("topic")))
    m = _VIEW.match(clean)
    if m:
        speaker = _tidy(m.group("speaker"))
        return Question("speaker_topic", clean, speaker, _tidy(m.group("topic")),
                        speakers=speaker_candidates(speaker or ""))
    everything = _EVERYTHING.match(clean)
    m = everything or _WH_AUX.match(clean) or _WH_ONLY.match(clean)
    if not m:
        return None
    split = _split_subject(m.group("rest"))
    if split is None:
        return None
    subject, lemma, after = split
    subject = _tidy(subject)
    if not subject:
        return None
    addressee = None
    told = _TOLD_ABOUT.match(after) if lemma in _TAKES_ADDRESSEE else None
    if told:  # "tell Hugh Hewitt about Obama": the topic is Obama; Hewitt is whom it was said to
        addressee, after = _tidy(told.group("who")), told.group("topic")
    topic_text = after if lemma in _SAY else f"{lemma} {after}"
    topic = _tidy(_ABOUT.sub("", topic_text, count=1))
    if topic and _FILLER_TOPIC.match(topic):
        topic = None
    if topic is None and addressee:
        topic, addressee = addressee, None
    occasion = split_occasion(topic)[1] if topic else None
    return Question("speaker_topic" if topic else "speaker", clean, subject, topic,
                    speakers=speaker_candidates(subject), everything=bool(everything), addressee=addressee,
                    occasion=occasion)
