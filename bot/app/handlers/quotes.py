"""quotes: the attributions stored for one article (who said what, with offsets).

``quote_json`` is also what ``newsbrief quotes --file`` prints for a raw file, so a
stored article and a file give the same fields.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from bot.app.handlers.articles import stored_article
from bot.core.types import Command, Reply, Section
from bot.quotes.extract import Attribution
from bot.quotes.attributions import extract_attributions
from bot.store.db import Database
from bot.store.models import Quote
from bot.store.queries import info


def quote_json(text: str, a: Attribution) -> dict[str, object]:
    """One attribution as JSON; offsets are character offsets into ``text``."""
    return {
        "start": a.content_start, "end": a.content_end, "text": text[a.content_start:a.content_end],
        "kind": a.kind, "cue": a.cue, "cue_start": a.cue_start, "cue_end": a.cue_end,
        "speaker_start": a.speaker_start, "speaker_end": a.speaker_end,
        "speaker_mention": a.speaker_mention, "speaker": a.speaker,
        "confidence": a.confidence,
        "parts": [list(p) for p in a.parts] or [[a.content_start, a.content_end]],
    }


def _stored_json(text: str, q: Quote, found: dict[tuple[str, int, int, int], Attribution]) -> dict[str, object]:
    """A stored quote; what the table does not keep (the speaker mention's offsets, the cue's end,
    the fragments) comes from re-running the extractor on the article, or is null when today's
    rules no longer find the same attribution."""
    a = found.get((q.kind, q.content_start, q.content_end, q.cue_start))
    if a is not None and (a.speaker_mention or "")[:300] != (q.speaker_mention or ""):
        a = None
    return {
        "id": q.id, "start": q.content_start, "end": q.content_end, "text": text[q.content_start:q.content_end],
        "kind": q.kind, "cue": q.cue, "cue_start": q.cue_start, "cue_end": a.cue_end if a else None,
        "speaker_start": a.speaker_start if a else None, "speaker_end": a.speaker_end if a else None,
        "speaker_mention": q.speaker_mention or None, "speaker": q.speaker,
        "confidence": q.confidence,
        "parts": ([list(p) for p in a.parts] or [[q.content_start, q.content_end]]) if a else None,
        "content": q.content,
    }


def quote_line(q: dict[str, object]) -> str:
    """``direct 120-164 · Varga ("Varga" 166-171) · cue "said"``: one line per quote, for people."""
    mention = q.get("speaker_mention")
    at = f" {q['speaker_start']}-{q['speaker_end']}" if q.get("speaker_start") is not None else ""
    who = q.get("speaker") or "(speaker unknown)"
    if mention and (mention != who or at):
        who += f' ("{mention}"{at})'
    return f"{q['kind']} {q['start']}-{q['end']} · {who} · cue \"{q['cue']}\""


@dataclass
class QuoteHandlers:
    db: Database

    def quotes(self, cmd: Command) -> Reply:
        article = stored_article(self.db, cmd.args.get("article"))
        with self.db.session() as s:
            rows = list(s.scalars(select(Quote).where(Quote.article_id == article.id)
                                  .order_by(Quote.content_start, Quote.id)))
        text = article.text
        found = {(a.kind, a.content_start, a.content_end, a.cue_start): a for a in extract_attributions(text)}
        items = [_stored_json(text, q, found) for q in rows]
        a = info(article)
        data = {"article_id": a.id, "title": a.title, "outlet": a.outlet, "url": a.url,
                "source": a.source, "quotes": items}
        title = f"#{a.id} {a.title or '(untitled)'}"
        if not items:
            return Reply(title=title, text="No attributions stored for this article.", data=data)
        sections = tuple(Section(title=quote_line(q), quote=str(q["content"])) for q in items)
        return Reply(title=title, text=f"{len(items)} attributions", sections=sections,
                     footer="offsets are character offsets into the article's text (`show`)", data=data)
