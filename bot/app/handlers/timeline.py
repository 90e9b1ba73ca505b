"""timeline: what a person said (on a topic) over time, the first report of each statement first.

The statements are ``ask``'s ("what did X say about Y": grouped across outlets, those nearly
as much about the topic as the best match, up to ``max_statements``), re-ordered by the date each was first reported: the earliest publication date
among its sources, or, for sources without one, the day the bot first stored them (shown as
"first seen"). A position-change line is added only when it can be told honestly: two dated
statements (publication dates, not storage dates) whose own words take plainly opposite sides
(support / opposition) on different days. Otherwise there is no such line.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import select

from bot.ask.answer import AskHandlers
from bot.core.types import Command, CommandKind, Reply, Section, Source
from bot.core.wording import counted
from bot.store.db import Database
from bot.store.models import Article

#: "what has X said about Y over time", "how has X's position on Y changed", "X on Y over time".
_OVER_TIME = re.compile(r"\b(?:over\s+(?:time|the\s+years|the\s+months)|through\s+time|as\s+time\s+went\s+on)\b", re.I)
_TIMELINE_Q = (
    re.compile(r"^(?:what|how)\s+(?:has|have|did)\s+(?P<who>.+?)\s+(?:said|say|spoken|talked|commented)\s*"
               r"(?:(?:about|on|regarding)\s+(?P<topic>.+?))?\s*$", re.I),
    re.compile(r"^(?:how\s+(?:has|have|did)\s+)?(?P<who>.+?)(?:'s|’s)\s+(?:position|stance|view|views|tone)\s+"
               r"(?:on|about|regarding)\s+(?P<topic>.+?)\s+(?:changed?|evolved?|developed?|shifted?)\s*$", re.I),
    re.compile(r"^(?:a\s+)?timeline\s+(?:of\s+(?:what\s+)?)?(?P<who>.+?)(?:\s+(?:said\s+)?(?:on|about)\s+(?P<topic>.+?))?\s*$", re.I),
    re.compile(r"^(?P<who>.+?)\s+(?:on|about)\s+(?P<topic>.+?)\s*$", re.I),
)

_SUPPORT = re.compile(r"\b(?:support(?:s|ed|ing)?|back(?:s|ed|ing)?|endors(?:e|es|ed|ing)|favou?r(?:s|ed)?|"
                      r"agree(?:s|d)?\s+with|welcom(?:e|es|ed)|in\s+favou?r\s+of)\b", re.I)
_OPPOSE = re.compile(r"\b(?:oppos(?:e|es|ed|ing)|against|reject(?:s|ed|ing)?|disagree(?:s|d)?|condemn(?:s|ed|ing)?|"
                     r"denounc(?:e|es|ed|ing))\b", re.I)
_NEGATED = re.compile(r"\b(?:not|never|no\s+longer|n['’]t)\s+(?:\w+\s+){0,2}?(?:support|back|endorse|favou?r|"
                      r"agree|welcome)", re.I)


def timeline_question(text: str) -> tuple[str, str | None] | None:
    """(person, topic) when ``text`` asks for someone's statements over time; else None."""
    clean = " ".join(text.split()).strip().rstrip("?!. ")
    over_time = bool(_OVER_TIME.search(clean))
    starts_timeline = bool(re.match(r"^(?:a\s+)?timeline\b", clean, re.I))
    changed = bool(re.search(r"\b(?:position|stance|view|views|tone)\b.*\b(?:chang|evolv|develop|shift)", clean, re.I))
    if not (over_time or starts_timeline or changed):
        return None
    core = _OVER_TIME.sub(" ", clean)
    core = " ".join(core.split()).strip(" ,")
    patterns = _TIMELINE_Q if (over_time or changed) else _TIMELINE_Q[2:3]
    for rx in patterns:
        m = rx.match(core)
        if m and m.group("who"):
            who = m.group("who").strip(" ,\"'“”")
            topic = (m.groupdict().get("topic") or "").strip(" ,\"'“”") or None
            return (who, topic) if who else None
    return None


def _stance(text: str) -> int:
    """+1 support, -1 opposition, 0 when the words do not plainly take one side."""
    negated = bool(_NEGATED.search(text))
    support = bool(_SUPPORT.search(_NEGATED.sub(" ", text)))
    oppose = bool(_OPPOSE.search(text)) or negated
    if support == oppose:
        return 0
    return 1 if support else -1


@dataclass
class TimelineHandlers:
    db: Database
    asking: AskHandlers
    max_statements: int = 40

    def __post_init__(self) -> None:
        # ask's answer (what is about the topic nearly as much as the best match), with room for
        # a longer history
        self.asking = replace(self.asking, max_statements=self.max_statements)

    def timeline(self, cmd: Command) -> Reply:
        person = (cmd.args.get("person") or "").strip()
        if not person:
            return Reply(text="Usage: timeline <person> [on <topic>]", error=True, ephemeral=True)
        return self.answer(person, (cmd.args.get("topic") or "").strip() or None, cmd.raw_text or None)

    def ask_or(self, ask: Callable[[Command], Reply]) -> "AskOrTimeline":
        """``ask``, with questions about statements over time answered as a timeline."""
        return AskOrTimeline(self, ask)

    def answer(self, person: str, topic: str | None, question: str | None = None) -> Reply:
        about = f" about {topic}" if topic else ""
        base = self.asking.ask(Command(CommandKind.ASK, {"question": f"what did {person} say{about}"}))
        data = dict(base.data) if isinstance(base.data, dict) else {}
        items = list(data.get("quotes") or [])
        data["question"] = question or f"timeline {person}" + (f" on {topic}" if topic else "")
        if not items:
            return replace(base, data=data)
        first = self._first_reported(sorted({s["article_id"] for it in items for s in it["sources"]}))
        for it in items:
            dates = [first[s["article_id"]] for s in it["sources"] if s["article_id"] in first]
            when, dated = min(dates) if dates else (None, False)
            it["first_reported"] = when.isoformat() if when else None
            it["_dated"] = dated
            # Sources in the order they reported it.
            it["sources"].sort(key=lambda s: first.get(s["article_id"], (datetime.max, False))[0].isoformat())
        items.sort(key=lambda it: (it["first_reported"] or "9999", it["text"]))
        change = self._change(items)
        who = data.get("speaker") or person
        n = len(items)
        answer = (f"What {who} said{about} over time: {counted(n, 'statement')}, "
                  f"the first report first.")
        if change:
            answer += " " + change
        sections = []
        for it in items:
            day = (it["first_reported"] or "")[:10]
            label = day if it["_dated"] else f"first seen {day}"
            srcs = tuple(Source(s["article_id"], s["outlet"], s["title"], s["url"], s["published"]) for s in it["sources"])
            sections.append(Section(title=label, quote=it["text"], quote_speaker=it["speaker"],
                                    body=f"{it['cue']} · {counted(len(srcs), 'source')}",
                                    sources=srcs))
        for it in items:
            del it["_dated"]
        data.update(answer=answer, quotes=items)
        return Reply(text=answer, title=f"{who}{about}: a timeline", sections=tuple(sections), data=data)

    def _first_reported(self, article_ids: list[int]) -> dict[int, tuple[datetime, bool]]:
        """Article -> (publication date, or the day it was stored; whether that is a publication date)."""
        with self.db.session() as s:
            rows = s.execute(select(Article.id, Article.published_at, Article.ingested_at)
                             .where(Article.id.in_(article_ids))).all()
        return {aid: ((pub, True) if pub else (ing, False)) for aid, pub, ing in rows}

    @staticmethod
    def _change(items: list[dict]) -> str | None:
        """One line where the position plainly turns, between dated statements; else None."""
        dated = [(it, _stance(it["text"])) for it in items if it.get("_dated")]
        dated = [(it, st) for it, st in dated if st]
        for (a, sa), (b, sb) in zip(dated, dated[1:]):
            if sa != sb and a["first_reported"][:10] != b["first_reported"][:10]:
                side = {1: "support", -1: "opposition"}
                return (f"Position change: on {a['first_reported'][:10]} the words were {side[sa]} "
                        f"(“{a['text'][:80]}”); on {b['first_reported'][:10]} {side[sb]} (“{b['text'][:80]}”).")
        return None


class AskOrTimeline:
    """The ``ask`` handler: a question about statements over time goes to the timeline, any
    other to ``ask`` (a bound ``AskHandlers.ask``; ``__self__`` is its handlers, as for it)."""

    def __init__(self, timeline: TimelineHandlers, ask: Callable[[Command], Reply]) -> None:
        self.timeline = timeline
        self.ask = ask

    @property
    def __self__(self) -> object:
        return getattr(self.ask, "__self__", None)

    def __call__(self, cmd: Command) -> Reply:
        found = timeline_question(cmd.args.get("question", ""))
        if found is None:
            return self.ask(cmd)
        return self.timeline.answer(found[0], found[1], cmd.args.get("question"))
