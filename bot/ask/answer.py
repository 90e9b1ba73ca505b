"""ask: what someone said (on a topic), who said a phrase, news about a topic."""
from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Set as AbstractSet
from dataclasses import dataclass, field
from datetime import datetime

from rapidfuzz import fuzz
from sqlalchemy import Integer, and_, or_, select
from sqlalchemy import text as sql_text

from bot.digest.reply import digest_reply
from bot.ask.question import Question, read_question
from bot.ask.relevance import TopicQuery
from bot.quotes.related import related_store
from bot.ask.speaker_directory import SpeakerDirectory
from bot.ask.statements import Shape, fullest_wording, shape_of
from bot.core.types import Command, Reply, Section, Source
from bot.core.wording import counted
from bot.digest.build import DigestBuilder
from bot.quotes.people import person_name
from bot.store.db import Database
from bot.store.models import Article, Quote, Story, Summary
from bot.store.queries import info
from textkit.words import tokens, words

USAGE = ('Try: "what did <person> say about <topic>", "what did <person> say", '
         '"who said <words you remember>", "news about <topic>" or "news" for the latest stories.')


#: Columns an answer needs: plain rows load far faster than ORM objects on large stores.
QUOTE_COLUMNS = (Quote.id, Quote.article_id, Quote.kind, Quote.content, Quote.content_start, Quote.content_end,
                 Quote.cue, Quote.cue_start, Quote.speaker, Quote.context, Quote.confidence)



def spoken_topics(texts: list[str], limit: int = 4) -> list[str]:
    """The names and words someone's quotes mention most: suggestions when a topic finds nothing."""
    from sumy.utils import get_stop_words

    stop = get_stop_words("english")
    counts: Counter[str] = Counter()
    for text in texts[:300]:
        counts.update({w for w in words(text) if w.isalpha() and (len(w) >= 6 if w.islower() else len(w) >= 4
                       and w[0].isupper() and w[1:].islower()) and w.lower() not in stop})
    return [w for w, n in counts.most_common(limit) if n > 1] or [w for w, _ in counts.most_common(2)]


@dataclass
class Statement:
    """One statement, told by one or more outlets."""

    speaker: str
    quotes: list[Quote] = field(default_factory=list)
    relevance: float = 0.0
    scores: dict[int, float] = field(default_factory=dict)  # quote id -> relevance to the question

    @property
    def best(self) -> Quote:
        """The report to show: the person's own words (a direct quote, confidently attributed)
        when an outlet printed them, the one most about the question, then the fullest."""
        direct = [q for q in self.quotes if q.kind == "direct" and q.confidence >= 0.5]
        pool = direct or self.quotes
        return max(pool, key=lambda q: (round(self.scores.get(q.id, 0.0), 1), len(q.content)))

    @property
    def text(self) -> str:
        """The best report's wording, grown by other reports of its kind that carry it on."""
        best = self.best
        same_kind = [q.content for q in self.quotes if q.kind == best.kind and q.id != best.id]
        return _clean_quote(fullest_wording([best.content] + same_kind, keep_first=True)) or _clean_quote(best.content)

    @property
    def article_ids(self) -> list[int]:
        return sorted({q.article_id for q in self.quotes})


OTHER = "other"  # the kind of attributions that are no statement: beliefs, intentions, "sources said"

#: A statement in the person's own words (a direct quote) gains this much over a reported one.
DIRECT_BONUS = 0.04
#: A statement whose every report was found with little confidence (below 0.8: the model's
#: guesses, a speaker found far away) loses this much per point of confidence it lacks.
CONFIDENCE_PENALTY = 0.3
_NEAR = ("quote", "paragraph", "before")
_AROUND_ONLY = 0.75


def _paragraph_before(text: str, pos: int) -> str:
    """The paragraph before the one holding ``pos``."""
    end = text.rfind("\n\n", 0, pos)
    if end < 0:
        return ""
    start = text.rfind("\n\n", 0, end)
    return text[start + 2 if start >= 0 else 0:end]


_QUOTED_WORDS = re.compile(r"[“\"‘][^”\"’]{3,}[”\"’]")


def _is_statement(x: Quote) -> bool:
    """Said, not believed or intended: a direct quote, reported speech, or any attribution that
    quotes the person's words ("called him “the best recruiter”")."""
    return x.kind != OTHER or bool(_QUOTED_WORDS.search(x.content))


def _worth(st: Statement) -> float:
    """What ranks a statement: its relevance, a little more for each doubling of the outlets that
    carried it and for the person's own words, a little less when found with little confidence."""
    return (st.relevance + 0.033 * math.log2(max(1, len(st.article_ids)))
            + DIRECT_BONUS * (st.best.kind == "direct")
            - CONFIDENCE_PENALTY * max(0.0, 0.8 - max((x.confidence for x in st.quotes), default=0.8)))


def _clean_quote(text: str) -> str:
    return " ".join(text.split()).strip()


class _Grouper:
    """Reports grouped into statements, found through shared runs and long words."""

    def __init__(self, speaker_of: dict[int, str]) -> None:
        self.speaker_of = speaker_of
        self.groups: list[Statement] = []
        self.shapes: list[list[Shape]] = []
        self.by_gram: dict[tuple[str, ...], set[int]] = defaultdict(set)
        self.by_word: dict[str, set[int]] = defaultdict(set)
        self.quoted: list[tuple[int, frozenset[str]]] = []  # statement, long words it quotes

    def place(self, q: Quote, may_start: bool, only: set[int] | None = None) -> None:
        spk, shape = self.speaker_of[q.id], shape_of(q.content)
        hits: dict[int, int] = defaultdict(int)
        for w in shape.words:
            for gi in self.by_word.get(w, ()):
                hits[gi] += 1
        candidates = set().union(*(self.by_gram.get(g, ()) for g in shape.grams))
        candidates.update(gi for gi, n in hits.items() if n >= 0.6 * min(len(shape.words), 4) or n >= 3)
        # A report quoting a few words of a statement ("he was “not ready” to back him"), either way.
        for frag in shape.quoted:
            long_words = [w for w in frag if len(w) > 3]
            if long_words:
                candidates.update(set.intersection(*(self.by_word.get(w, set()) for w in long_words)))
        candidates.update(gi for gi, frag in self.quoted if gi not in candidates and frag <= shape.words)
        if only is not None:
            candidates &= only
        for gi in sorted(candidates):
            if self.groups[gi].speaker != spk:
                continue
            shapes = self.shapes[gi][:5]
            if any(shape.same(o) for o in shapes) or (self._may_echo(gi, q) and any(shape.echoes(o) for o in shapes)):
                target = gi
                break
        else:
            if not may_start:
                return
            target = len(self.groups)
            self.groups.append(Statement(spk))
            self.shapes.append([])
        self.groups[target].quotes.append(q)
        self.shapes[target].append(shape)
        for g in shape.grams:
            self.by_gram[g].add(target)
        for frag in shape.quoted:
            long_words = frozenset(w for w in frag if len(w) > 3)
            if long_words:
                self.quoted.append((target, long_words))
        for w in shape.words:
            if len(self.by_word[w]) < 50:  # common words make poor candidates
                self.by_word[w].add(target)

    def absorb_echoes(self) -> None:
        """A statement made only of reports quoting a few words ("he was “not ready”") joins the
        statement holding those words in the person's own, wherever the reports came in the order."""
        for gi, shapes in enumerate(self.shapes):
            if not shapes or self._has_own_words(gi):
                continue
            spk = self.groups[gi].speaker
            words = [frozenset(w for w in frag if len(w) > 3) for sh in shapes for frag in sh.quoted]
            candidates = set().union(*(set.intersection(*(self.by_word.get(w, set()) for w in ws))
                                       for ws in words if ws)) - {gi}
            for hi in sorted(candidates):
                own = [o for q, o in zip(self.groups[hi].quotes, self.shapes[hi]) if q.kind == "direct"][:5]
                if self.groups[hi].speaker == spk and any(sh.echoes(o) for sh in shapes for o in own):
                    self._move(gi, hi)
                    break

    def _has_own_words(self, gi: int) -> bool:
        return any(q.kind == "direct" for q in self.groups[gi].quotes)

    def _move(self, gi: int, hi: int) -> None:
        """Statement ``gi``'s reports become statement ``hi``'s."""
        self.groups[hi].quotes.extend(self.groups[gi].quotes)
        self.shapes[hi].extend(self.shapes[gi])
        for index in (self.by_gram, self.by_word):
            for members in index.values():
                if gi in members:
                    members.discard(gi)
                    members.add(hi)
        self.quoted = [(hi if g == gi else g, ws) for g, ws in self.quoted]
        self.groups[gi].quotes, self.shapes[gi] = [], []

    @property
    def statements(self) -> list[Statement]:
        """The statements that hold reports (absorbed ones are left empty)."""
        return [st for st in self.groups if st.quotes]

    def _may_echo(self, gi: int, q: Quote) -> bool:
        """A report quoting a few words joins a statement; the person's own words (a direct
        quote) join one made of such reports only, so that a phrase they repeat never chains two
        remarks into one."""
        return q.kind != "direct" or not self._has_own_words(gi)

    def join(self, others: Iterable[Quote], targets: Iterable[int]) -> None:
        """Other reports join the ``targets`` statements they repeat. Another report of a statement
        shares some of its longest words: a quick test spares aligning the many that cannot join."""
        only = set(targets)
        anchors = {w for gi in only for sh in self.shapes[gi][:1]
                   for w in sorted(sh.words, key=len, reverse=True)[:4] if len(w) > 4}
        if not anchors:
            return
        rx = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(anchors, key=len, reverse=True))) + r")\b")
        for q in others:
            if rx.search(q.content.lower()):
                self.place(q, False, only)


@dataclass
class AskHandlers:
    db: Database
    directory: SpeakerDirectory
    builder: DigestBuilder
    max_statements: int = 10  # a chat answer; "everything X said about Y" shows up to max_everything
    keep_share: float = 0.6  # of the best match's relevance
    max_everything: int = 25  # "everything X said about Y"
    max_others: int = 3  # other attributions (beliefs, intentions) shown after the statements
    min_relevance: float = 0.3
    few_quotes: int = 15
    few_relevance: float = 0.1  # with a topic word near the statement
    max_seeds: int = 150  # reports grouped per question, most relevant first

    def ask(self, cmd: Command) -> Reply:
        text = cmd.args.get("question", "")
        q = read_question(text)
        if q is None and 0 < len(text.split()) <= 5:  # a few words: news on them
            reply = self._news(Question("news", text, topic=text.strip(" ?!.")))
            if reply.sections:
                return reply
        if q is None:
            return self._reply(Question("unknown", text), None, [], f"I did not understand that question. {USAGE}")
        if q.form in ("speaker_topic", "speaker"):
            return self._what_said(q)
        if q.form == "who_said":
            return self._who_said(q)
        return self._news(q)

    # ------------------------------------------------------------------ pieces
    def _sources(self, article_ids: list[int]) -> dict[int, Source]:
        with self.db.session() as s:
            return {a.id: info(a).as_source() for a in s.scalars(select(Article).where(Article.id.in_(article_ids)))}

    def _group(self, seeds: list[Quote], speaker_of: dict[int, str], others: list[Quote] = ()) -> list[Statement]:
        """Merge reports of one statement. ``seeds`` start statements; ``others`` only join them."""
        grouper = _Grouper(speaker_of)
        for q in seeds:
            grouper.place(q, True)
        grouper.absorb_echoes()
        grouper.join(others, range(len(grouper.groups)))
        return grouper.statements

    def _reply(self, q: Question, speaker: str | None, statements: list[Statement], answer: str,
               total: int | None = None, others: list[Statement] = ()) -> Reply:
        """The answer: statements (direct quotes and reported speech) under ``quotes``; other
        attributions (beliefs, intentions, "sources said") apart, under their own heading."""
        ids = sorted({aid for st in [*statements, *others] for aid in st.article_ids})
        sources = self._sources(ids) if ids else {}
        items, sections = self._items(statements, sources), []
        other_items = self._items(others, sources)
        for group, rows, heading in ((statements, items, None),
                                     (others, other_items, f"Also attributed to {speaker or 'them'}: "
                                                           "beliefs, intentions, reports")):
            for i, (st, item) in enumerate(zip(group, rows)):
                srcs = [sources[a] for a in st.article_ids if a in sources]
                cited = f"{item['cue']} · {counted(len(srcs), 'source')}"
                sections.append(Section(title=heading if i == 0 else None, quote=item["text"],
                                        quote_speaker=st.speaker, body=cited, sources=tuple(srcs)))
        data = {"question": q.text, "speaker": speaker, "topic": q.topic, "answer": answer, "quotes": items,
                "total_statements": len(items) if total is None else total, "other_attributions": other_items}
        return Reply(text=answer, sections=tuple(sections), data=data)

    @staticmethod
    def _items(statements: list[Statement], sources: dict[int, Source]) -> list[dict[str, object]]:
        items = []
        for st in statements:
            best = st.best
            srcs = [sources[a] for a in st.article_ids if a in sources]
            items.append({
                "speaker": st.speaker, "text": st.text, "kind": best.kind, "cue": best.cue,
                "relevance": round(st.relevance, 3),
                "sources": [{"article_id": s.article_id, "outlet": s.outlet, "title": s.title,
                             "url": s.url, "published": s.published} for s in srcs],
            })
        return items

    def _rank(self, statements: list[Statement], relevance: dict[int, float],
              published: dict[int, datetime]) -> list[Statement]:
        """Most relevant first; a statement many outlets carried gains a little (a tenth for eight
        outlets), one in the person's own words a little, one found with little confidence loses
        a little; a fragment of a word or two ("satisfied") says little and goes after real ones."""
        for st in statements:
            st.scores = {x.id: relevance.get(x.id, 0.0) for x in st.quotes}
            st.relevance = max(st.scores.values(), default=0.0)
        return sorted(statements, key=lambda st: (len(st.best.content.split()) < 4, -round(_worth(st), 2),
                                                  -len(st.article_ids), -self._recency(st, published)))

    def _recency(self, st: Statement, published: dict[int, datetime]) -> float:
        dates = [published.get(a) for a in st.article_ids]
        return max((d.timestamp() for d in dates if d), default=0.0)

    # ------------------------------------------------------------------ forms
    def _relevance(self, topic_text: str, quotes: list, title: dict[int, str], story: dict[int, int | None],
                   headlines: dict[int, str], setting: str | None = None) -> tuple[dict[int, float], set[int], set[int]]:
        """Quote id -> how much it is about the topic (see ``bot.ask.relevance``), the quotes with a
        topic word near them (in their words, paragraph or the paragraph before), and the quotes whose
        own words hold the topic's most telling word (a topic of two words or more: "coal" of "the
        coal industry", as its rarity among the speaker's statements tells)."""
        topic = TopicQuery.of(topic_text, is_person=lambda name: bool(self.directory.speakers_for(name)[1]),
                              related=related_store(self.db).latest(), setting=setting,
                              person_of=lambda name: self.directory.speakers_for(name)[0])
        article_ids = sorted({x.article_id for x in quotes})
        with self.db.session() as s:
            summaries = dict(s.execute(select(Summary.article_id, Summary.text)
                                       .where(Summary.article_id.in_(article_ids))).all())
        contexts = [x.context or x.content for x in quotes]
        topic.prepare(contexts)
        in_quote = topic.found_each([x.content for x in quotes])
        in_para = topic.found_each(contexts)
        per_article = dict(zip(article_ids, zip(
            topic.found_each([title.get(a, "") for a in article_ids]),
            topic.found_each([summaries.get(a, "") for a in article_ids]),
            topic.found_each([headlines.get(story.get(a), "") or "" for a in article_ids]))))
        found: dict[int, dict[str, set[str]]] = {}
        for x, fq, fp in zip(quotes, in_quote, in_para):
            ft, fs, fh = per_article[x.article_id]
            found[x.id] = {"quote": fq, "paragraph": fp, "title": ft, "summary": fs, "story": fh}
        # The whole article and the paragraph before: for every article when there are few,
        # else only where the statement already scores something (they can lift it, not make it).
        if len(article_ids) <= 150:
            near = set(article_ids)
        else:
            near = {x.article_id for x in quotes if any(found[x.id].values())}
        by_article: dict[int, list] = defaultdict(list)
        for x in quotes:
            by_article[x.article_id].append(x)
        with self.db.session() as s:
            texts = dict(s.execute(select(Article.id, Article.text).where(Article.id.in_(near))).all())
        ids = sorted(texts)
        members = []
        for aid, in_article in zip(ids, topic.found_each([texts[a] for a in ids])):
            if in_article:
                for x in by_article[aid]:
                    found[x.id]["article"] = in_article
                    members.append(x)
        befores = topic.found_each([_paragraph_before(texts[x.article_id], x.content_start) for x in members])
        for x, fb in zip(members, befores):
            found[x.id]["before"] = fb
        # Found only around the article (its headline, summary, the rest of its text), a statement
        # counts only when the topic is well covered; near it (its words, paragraph, the paragraph
        # before), less is enough. Statements found alike score alike: each combination once.
        memo: dict[tuple[int, ...], tuple[float, bool]] = {}
        out, near_ids = {}, set()
        for qid, f in found.items():
            key = tuple(id(v) for v in f.values())
            got = memo.get(key)
            if got is None:
                near_hit = any(1.0 in f.get(k, {}).values() for k in _NEAR)
                got = memo[key] = (topic.score(f) * (1.0 if near_hit else _AROUND_ONLY), near_hit)
            out[qid] = got[0]
            if got[1]:
                near_ids.add(qid)
        keyed: set[int] = set()
        if len(topic.weights) >= 2:
            key = max(topic.weights, key=lambda t: (topic.weights[t], t))
            keyed = {qid for qid, f in found.items() if f["quote"].get(key, 0.0) >= 1.0}
        return out, near_ids, keyed

    def _resolve_speaker(self, q: Question) -> tuple[str | None, set[str], str]:
        """The person a question asks about: (display name, stored names, the phrase as asked).
        A full name nobody in the store has is answered as such, never with someone else."""
        candidates = q.speakers or ((q.speaker,) if q.speaker else ())
        for phrase in candidates:
            display, names = self.directory.speakers_for(phrase)
            if names:
                return display, names, phrase
            pn = person_name(phrase)
            if pn is not None and pn.first is not None:
                return None, set(), pn.shown
        return None, set(), (candidates[0] if candidates else "")

    def _what_said(self, q: Question) -> Reply:
        display, names, asked = self._resolve_speaker(q)
        if not names:
            return self._reply(q, None, [], self._no_statements(asked))
        with self.db.session() as s:
            quotes = list(s.execute(select(*QUOTE_COLUMNS).where(Quote.speaker.in_(names))).all())
            published, story, title = {}, {}, {}
            for aid, pub, ing, sid, ttl in s.execute(
                    select(Article.id, Article.published_at, Article.ingested_at, Article.story_id, Article.title)
                    .where(Article.id.in_({x.article_id for x in quotes}))):
                published[aid], story[aid], title[aid] = pub or ing, sid, ttl or ""
            headlines = dict(s.execute(select(Story.id, Story.headline).where(
                Story.id.in_(set(story.values()) - {None}))).all()) if q.topic else {}
        # One text printed word for word by several outlets is weighed and grouped once; its other
        # printings join whatever statement it ends up in.
        copies: dict[tuple[str, str], list] = defaultdict(list)
        for x in quotes:
            copies[(x.content, x.context or "")].append(x)
        printed = quotes
        quotes = [group[0] for group in copies.values()]
        relevance, near, keyed = self._relevance(q.topic_words, quotes, title, story, headlines,
                                                  q.setting) if q.topic else ({}, set(), set())
        speaker_of = {x.id: display or x.speaker or "" for x in printed}
        if q.topic:
            # Statements about the topic; other reports of the same statement join them even when
            # they do not name the topic themselves.
            # Someone quoted a few times is asked about by the occasion more than by their words:
            # a lower bar, but still more than the article merely naming the topic.
            few = len(quotes) <= self.few_quotes
            seeds = sorted((x for x in quotes if x.id in near and relevance[x.id] >= (
                self.few_relevance if few else self.min_relevance)), key=lambda x: -relevance[x.id])
            grouper = _Grouper(speaker_of)
            for x in seeds[:self.max_seeds]:
                grouper.place(x, True)
            grouper.absorb_echoes()
            statements = self._rank(grouper.statements, relevance, published)
            # Other reports of the statements shown join them even when they do not name the
            # topic themselves (they add sources and may lift a statement above another).
            shown = {id(st) for st in statements[: self.max_statements + 2]}
            seed_ids = {x.id for x in seeds}
            grouper.join((x for x in quotes if x.id not in seed_ids),
                         [i for i, st in enumerate(grouper.groups) if id(st) in shown])
            statements = self._rank(grouper.statements, relevance, published)
            unplaced = max(0, len(seeds) - self.max_seeds)
        else:  # everything they said: the most recent reports first
            quotes.sort(key=lambda x: published[x.article_id].timestamp(), reverse=True)
            statements = self._rank(self._group(quotes[:400], speaker_of), relevance, published)
            unplaced = 0
        for st in statements:
            reps, st.quotes = st.quotes, []
            for rep in reps:
                for c in copies[(rep.content, rep.context or "")]:
                    relevance.setdefault(c.id, relevance.get(rep.id, 0.0))
                    st.quotes.append(c)
        statements = self._rank(statements, relevance, published) if len(printed) > len(quotes) else statements
        who = display or asked
        # What they said (quoted or reported) is the answer; what they are said to believe or
        # intend, or what "sources" say of them, comes apart and after.
        others = [st for st in statements if not any(map(_is_statement, st.quotes))]
        statements = [st for st in statements if any(map(_is_statement, st.quotes))]
        if not statements and not q.topic:  # only what others say they think or want
            return self._reply(q, who, [], self._no_statements(who, exclude=names),
                               others=self._closest(q, others, self.max_others))
        if not statements:
            subjects = spoken_topics([x.content for x in quotes])
            hint = f" Their statements mention {', '.join(subjects)}." if subjects else ""
            return self._reply(q, who, [], f"I found nothing {who} said about {q.topic}.{hint} "
                                            f"Try \"what did {who} say\" for everything I have from them.",
                               others=self._closest(q, others, self.max_others))
        total = len(statements) + unplaced
        statements = self._closest(q, statements, self.max_everything if q.everything else self.max_statements, keyed)
        top = max(st.relevance for st in statements)
        others = self._closest(q, [st for st in others if st.relevance >= top], self.max_others)
        n_src = len({a for st in statements for a in st.article_ids})
        about = f" about {q.topic}" if q.topic else ""
        rest = total - len(statements)
        about_it = f" about {q.topic}" if q.topic else ""
        more = (f" {rest} more: \"everything {who} said{about_it}\" lists up to {self.max_everything}."
                if rest and not q.everything else f" {rest} more: ask about a narrower topic." if rest else "")
        answer = (f"What {who} said{about}: {counted(len(statements), 'statement')} "
                  f"from {counted(n_src, 'source')}.{more}")
        return self._reply(q, who, statements, answer, total=total, others=others)

    def _no_statements(self, who: str, exclude: AbstractSet[str] = frozenset()) -> str:
        """No statement by ``who``: say so and name people who can be quoted (not ``who`` again)."""
        near = [n for n in (self.directory.closest(who) or self.directory.known()) if n not in exclude and n != who]
        hint = f" People I can quote: {', '.join(near)}." if near else ""
        return f"I have no statements by {who} in the articles I have read.{hint}"

    def _closest(self, q: Question, statements: list[Statement], limit: int,
                 keyed: AbstractSet[int] = frozenset()) -> list[Statement]:
        """With a topic, what is worth nearly as much as the best match, or holds the topic's most
        telling word in its own words (``keyed``); at most ``limit``."""
        if statements and q.topic and not q.everything:
            top = max(map(_worth, statements))
            statements = [st for st in statements if _worth(st) >= self.keep_share * top
                          or any(x.id in keyed for x in st.quotes)] or statements[:1]
        return statements[:limit]

    def _who_said(self, q: Question) -> Reply:
        phrase = q.phrase or ""
        words = sorted((w for w in tokens(phrase) if len(w) > 3), key=len, reverse=True)[:3]
        if not words:
            return self._reply(q, None, [], "Give me a few words of what was said, e.g. who said \"read my lips\".")
        with self.db.session() as s:
            base = select(*QUOTE_COLUMNS).where(Quote.speaker.is_not(None))
            if s.get_bind().dialect.name == "sqlite":
                # The full-text index (migration 0005): words as prefixes ("recruit" finds
                # "recruiter"); SQLite's LIKE would read every quote.
                def cond(words: list[str], op: str):  # noqa: ANN202
                    match = f" {op} ".join(f'"{w}"*' for w in words)
                    hits = sql_text("SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH :m").bindparams(m=match)
                    return Quote.id.in_(select(hits.columns(rowid=Integer).subquery().c.rowid))
                quotes = list(s.execute(base.where(cond(words[:2], "AND")).limit(2000)).all())
                if not quotes and len(words) > 1:
                    quotes = list(s.execute(base.where(cond(words, "OR")).limit(2000)).all())
            else:  # PostgreSQL: ILIKE (the words are letters and digits only)
                likes = [Quote.content.ilike(f"%{w}%") for w in words]
                quotes = list(s.execute(base.where(and_(*likes[:2])).limit(2000)).all())
                if not quotes:
                    quotes = list(s.execute(base.where(or_(*likes)).limit(2000)).all())
        # How well the remembered words match: as a phrase (order kept), tolerant of small slips.
        needle = " ".join(tokens(phrase))
        scored = []
        for x in quotes:
            score = fuzz.partial_ratio(needle, " ".join(tokens(x.content))) / 100
            if score >= 0.8:
                scored.append((score, x))
        scored = sorted(scored, key=lambda p: -p[0])[:100]
        shown = self.directory.display_names({x.speaker for _, x in scored if x.speaker})
        speaker_of = {x.id: shown.get(x.speaker or "", x.speaker or "") for _, x in scored}
        statements = self._group([x for _, x in scored], speaker_of)
        share_of = {x.id: sh for sh, x in scored}
        for st in statements:
            st.relevance = max(share_of[x.id] for x in st.quotes)
        statements.sort(key=lambda st: (-st.relevance, -len(st.article_ids)))
        statements = statements[: self.max_statements]
        if not statements:
            return self._reply(q, None, [], f"I found nobody quoted saying \"{phrase}\".")
        names = list(dict.fromkeys(st.speaker for st in statements))
        return self._reply(q, names[0], statements, f"\"{phrase}\" was said by {', '.join(names)}.")

    def _news(self, q: Question) -> Reply:
        with self.db.session() as s:
            items = self.builder.items(s, topics=[q.topic] if q.topic else None, limit=5)
        if q.topic:
            reply = digest_reply(items, title=f"News about {q.topic}", empty=f"I have no stories about {q.topic}.")
        else:  # "news": the latest stories
            reply = digest_reply(items, title="Latest news", empty="I have no stories yet: add a feed with "
                                                                  "\"feeds add URL\" or ingest articles.")
        stories = reply.data["stories"] if isinstance(reply.data, dict) else []
        about = f" about {q.topic}" if q.topic else ""
        answer = reply.text or f"{counted(len(items), 'story', 'stories')}{about}."
        data = {"question": q.text, "speaker": None, "topic": q.topic, "answer": answer, "quotes": [], "stories": stories}
        return Reply(text=answer, title=reply.title, sections=reply.sections, data=data)


