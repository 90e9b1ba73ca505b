"""Reading a question: who is asked about, on what topic, or which remembered phrase."""
from __future__ import annotations

import re
from dataclasses import dataclass

_SAY = r"(?:say|said|says|saying|tell|told|think|thought|claim|claimed|state|stated|comment|commented|tweet|tweeted|announce|announced|write|wrote)"
_ABOUT = r"(?:about|on|regarding|concerning|re|of)"
_FORMS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("speaker_topic", re.compile(
        rf"^(?:what|which things?|anything)\s+(?:did|has|have|does|do|had)\s+(?P<speaker>.+?)\s+(?:ever\s+|recently\s+|just\s+)?{_SAY}\s+(?:to\s+\S+\s+)?{_ABOUT}\s+(?P<topic>.+)$", re.I)),
    ("speaker_topic", re.compile(
        rf"^(?:what(?:'s|\s+is|\s+was)|how)\s+(?P<speaker>.+?)(?:'s|’s)\s+(?:view|position|stance|take|opinion|comment)s?\s+{_ABOUT}\s+(?P<topic>.+)$", re.I)),
    ("speaker", re.compile(
        rf"^(?:what|anything)\s+(?:did|has|have|does|do|had)\s+(?P<speaker>.+?)\s+(?:ever\s+|recently\s+|just\s+)?{_SAY}(?:\s+(?:lately|recently|today|yesterday))?$", re.I)),
    ("who_said", re.compile(r"^who\s+(?:said|says|told|wrote|stated)\s+(?:that\s+)?(?P<phrase>.+)$", re.I)),
    ("news", re.compile(
        r"^(?:(?:any|the|latest|recent)\s+)*(?:news|stories|story|updates?|headlines)\s+(?:about|on|regarding|for|of)\s+(?P<topic>.+)$", re.I)),
    ("news", re.compile(r"^what(?:'s|\s+is)\s+(?:new|happening|going\s+on)\s+(?:with|about|on|in)\s+(?P<topic>.+)$", re.I)),
)


@dataclass(frozen=True)
class Question:
    form: str  # speaker_topic | speaker | who_said | news
    text: str
    speaker: str | None = None
    topic: str | None = None
    phrase: str | None = None


def _tidy(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip().strip("?!.").strip()
    value = re.sub(r"^(?:the\s+topic\s+of\s+|the\s+subject\s+of\s+)", "", value, flags=re.I)
    return value.strip("\"'“”‘’ ") or None


def read_question(text: str) -> Question | None:
    """The question's form and parts, or None when it fits no known form."""
    clean = " ".join(text.split()).strip()
    clean = re.sub(r"^(?:hey\s+|ok\s+|please\s+|newsbrief[,:]?\s+)+", "", clean, flags=re.I).rstrip("?!. ")
    for form, pattern in _FORMS:
        m = pattern.match(clean)
        if m:
            groups = {k: _tidy(v) for k, v in m.groupdict().items()}
            return Question(form, clean, groups.get("speaker"), groups.get("topic"), groups.get("phrase"))
    return None
