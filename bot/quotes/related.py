"""Word similarity learned from the stored articles themselves (nothing is downloaded).

Words are Snowball stems of content words. Their co-occurrences within four content words of
each other become a positive PMI matrix, factorised by a randomized truncated SVD (numpy only,
LSA-style; 100 dimensions, singular vectors unweighted): words used in the same contexts get
close vectors, so "firearms" lands near "guns" and "employment" near "jobs" when the articles
use them so. Neighbours are as good as the store is large: a few hundred articles give topical
associations (gun: control, nra, firearms), thousands give closer ones (gun: firearms, handgun).

    model = RelatedWords.build(texts)
    model.related("guns", k=5)       # [("firearms", 0.71), ("weapons", 0.64), ...] (surface forms)
    model.related_stems("guns")      # [("firearm", 0.71), ...]: what topic matching looks up
    blob = model.to_bytes(); RelatedWords.from_bytes(blob)

:class:`RelatedModelStore` keeps the latest model in the database (table ``related_models``),
rebuilds it after an ingest batch when the store has grown enough (:meth:`~RelatedModelStore.
maybe_rebuild`, called by the ingest pipeline and the feed poller) and hands questions the
stored model, cached in memory by row id (:meth:`~RelatedModelStore.latest`): a question never
builds one.
"""
from __future__ import annotations

import json
import logging
import struct
import threading
import time
import weakref
from collections import Counter
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from sqlalchemy import delete, func, select

from bot.quotes.topics import stem
from bot.store.models import Article, RelatedModel
from textkit.words import TOKEN

log = logging.getLogger(__name__)

_MAGIC = b"NBRW"
_VERSION = 4


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    from sumy.utils import get_stop_words

    extra = ("said says say told also would could will one two new like just year years mr ms mrs "
             "don didn doesn isn wasn aren weren won can couldn wouldn shouldn hasn haven hadn").split()
    return frozenset(get_stop_words("english")) | frozenset(extra)


def content_tokens(text: str) -> list[str]:
    """Lower-case content words of ``text`` (no stop words, at least three letters)."""
    stop = _stopwords()
    return [w for w in TOKEN.findall(text.lower()) if len(w) > 2 and w.isalpha() and w not in stop]


def _cased_tokens(text: str) -> tuple[list[str], list[bool]]:
    """``content_tokens`` and whether each was capitalized in the text."""
    stop = _stopwords()
    out, caps = [], []
    for w in TOKEN.findall(text):
        low = w.lower()
        if len(low) > 2 and low.isalpha() and low not in stop:
            out.append(low)
            caps.append(w[0].isupper())
    return out, caps


class _SymmetricMatrix:
    """A symmetric sparse matrix for ``M @ x``: a dense block over the most frequent words (ids
    below ``dense``, where most entries are) and coordinate lists for the rest."""

    def __init__(self, rows: np.ndarray, cols: np.ndarray, vals: np.ndarray, n: int, dense: int = 4096) -> None:
        self.n, self.f = n, min(n, dense)
        inner = (rows < self.f) & (cols < self.f)
        self.block = np.zeros((self.f, self.f), dtype=np.float32)
        self.block[rows[inner], cols[inner]] = vals[inner]
        self.rows, self.cols, self.vals = rows[~inner], cols[~inner], vals[~inner].astype(np.float32)

    def __matmul__(self, x: np.ndarray) -> np.ndarray:
        out = np.zeros((x.shape[1], self.n), dtype=np.float32)
        if len(self.rows):
            xt = np.ascontiguousarray(x.T)
            for j in range(x.shape[1]):
                out[j] = np.bincount(self.rows, weights=xt[j][self.cols] * self.vals, minlength=self.n)
        out = out.T
        out[: self.f] += self.block @ x[: self.f]
        return np.ascontiguousarray(out)


@dataclass
class RelatedWords:
    """Unit word vectors over stems (in alphabetical order), with each stem's most frequent surface form."""

    stems: list[str]            # sorted
    surfaces: list[str] | str   # one per stem; a str is the unsplit lines (split on first use)
    counts: np.ndarray          # corpus frequency of each stem
    vectors: np.ndarray         # float32, rows of unit length
    info: dict = field(default_factory=dict)
    #: Pairs i * len(stems) + j (both orders, sorted) that often occur side by side as one name
    #: ("Wall Street"): not words for the same thing, so never each other's related words.
    collocations: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))

    def __post_init__(self) -> None:
        self._cache: dict[tuple[str, int], list[tuple[str, float]]] = {}

    def find(self, stem_: str) -> int | None:
        """Row of a stem, or None."""
        i = bisect_left(self.stems, stem_)
        return i if i < len(self.stems) and self.stems[i] == stem_ else None

    def surface(self, i: int) -> str:
        if isinstance(self.surfaces, str):
            self.surfaces = self.surfaces.split("\n")
        return self.surfaces[i]

    # ------------------------------------------------------------------ build
    @classmethod
    def build(cls, texts: Iterable[str], *, dim: int = 100, window: int = 4, min_count: int = 5,
              max_vocab: int = 25_000, min_pair_count: int = 1, power: int = 2,
              exponent: float = 0.0, seed: int = 0) -> "RelatedWords":
        """Word vectors from co-occurrences within ``window`` content words (PPMI, randomized SVD)."""
        t0 = time.perf_counter()
        cased = [_cased_tokens(t) for t in texts]
        docs_tokens = [d for d, _ in cased]
        surface_counts = Counter(w for doc in docs_tokens for w in doc)
        stem_counts: Counter[str] = Counter()
        best_surface: dict[str, tuple[int, str]] = {}
        for w, n in surface_counts.items():
            s = stem(w)
            stem_counts[s] += n
            if n > best_surface.get(s, (0, ""))[0]:
                best_surface[s] = (n, w)
        vocab = [s for s, n in stem_counts.most_common(max_vocab) if n >= min_count]
        v = len(vocab)
        if v < 2:
            return cls([], [], np.zeros(0, np.int32), np.zeros((0, 1), np.float32),
                       {"documents": len(docs_tokens), "vocabulary": 0, "dim": 0})
        index = {s: i for i, s in enumerate(vocab)}
        stem_of = {w: stem(w) for w in surface_counts}
        # One array of word ids for the whole corpus; a document boundary is a gap of ``window``.
        parts, cap_parts = [], []
        gap = np.full(window, -1, dtype=np.int64)
        no_caps = np.zeros(window, dtype=bool)
        for doc, caps in cased:
            ids = [index.get(stem_of[w], -1) for w in doc]
            parts.append(np.asarray(ids, dtype=np.int64))
            parts.append(gap)
            cap_parts.append(np.asarray(caps, dtype=bool))
            cap_parts.append(no_caps)
        seq = np.concatenate(parts) if parts else np.zeros(0, np.int64)
        cap = np.concatenate(cap_parts) if cap_parts else np.zeros(0, bool)
        del cased
        codes = []
        adjacent = None
        for d in range(1, window + 1):
            a, b = seq[:-d], seq[d:]
            keep = (a >= 0) & (b >= 0) & (a != b)
            a, b = a[keep], b[keep]
            lo, hi = np.minimum(a, b), np.maximum(a, b)
            codes.append(lo * v + hi)
            if d == 1:  # side by side, both capitalized: one name ("Wall Street", "White House")
                named = (cap[:-1] & cap[1:])[keep]
                adjacent = np.unique(codes[0][named], return_counts=True)
        code, count = np.unique(np.concatenate(codes), return_counts=True)
        if min_pair_count > 1:  # pairs seen once are mostly noise, and most of the work
            code, count = code[count >= min_pair_count], count[count >= min_pair_count]
        lo, hi = code // v, code % v
        rows = np.concatenate([lo, hi])
        cols = np.concatenate([hi, lo])
        vals = np.concatenate([count, count]).astype(np.float64)
        # Positive PMI with context-distribution smoothing (Levy et al. 2015, alpha 0.75):
        # log P(w, c) / (P(w) P_alpha(c)) = log n(w, c) / (n(w) P_alpha(c)).
        row_sum = np.bincount(rows, weights=vals, minlength=v)
        ctx = row_sum ** 0.75
        ctx /= ctx.sum()
        pmi = np.log(vals / (row_sum[rows] * ctx[cols]))
        keep = pmi > 0
        rows, cols, vals = rows[keep], cols[keep], pmi[keep].astype(np.float32)
        k = min(dim, v - 1)
        vectors = cls._embed(_SymmetricMatrix(rows, cols, vals, v), v, k, seed, power=power, exponent=exponent)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        vectors = vectors / np.where(norms > 0, norms, 1.0)
        # Names of two words: side by side and capitalized in at least a fifth of the rarer word's
        # occurrences. Lower-case phrases ("email server", "income taxes") stay: their words are related.
        adj_code, adj_count = adjacent
        freq = np.array([stem_counts[s] for s in vocab], dtype=np.float64)
        a_lo, a_hi = adj_code // v, adj_code % v
        strong = (adj_count >= 3) & (adj_count >= 0.2 * np.minimum(freq[a_lo], freq[a_hi]))
        order = sorted(range(v), key=vocab.__getitem__)  # alphabetical: lookups bisect, no dict to build
        new_id = np.empty(v, dtype=np.int64)
        new_id[np.asarray(order, dtype=np.int64)] = np.arange(v)
        c_lo, c_hi = new_id[a_lo[strong]], new_id[a_hi[strong]]
        collocations = np.unique(np.concatenate([c_lo * v + c_hi, c_hi * v + c_lo]))
        vocab = [vocab[i] for i in order]
        vectors = vectors[order]
        surfaces = [best_surface[s][1] for s in vocab]
        counts = np.array([stem_counts[s] for s in vocab], dtype=np.int32)
        info = {"documents": len(docs_tokens), "tokens": int(sum(len(d) for d in docs_tokens)),
                "vocabulary": v, "dim": k, "pairs": int(len(rows)), "collocations": int(len(collocations) // 2),
                "window": window, "min_pair_count": min_pair_count,
                "build_seconds": round(time.perf_counter() - t0, 3)}
        return cls(vocab, surfaces, counts, vectors.astype(np.float32), info, collocations)

    @staticmethod
    def _embed(m: _SymmetricMatrix, v: int, k: int, seed: int, oversample: int = 12, power: int = 2,
               exponent: float = 0.0) -> np.ndarray:
        """U·S^exponent of a randomized truncated SVD (Halko et al.) of the symmetric matrix ``m``."""
        rng = np.random.default_rng(seed)
        width = min(v, k + oversample)
        q, _ = np.linalg.qr(m @ rng.standard_normal((v, width)).astype(np.float32))
        for _ in range(power):  # the matrix is symmetric: M^T = M
            q, _ = np.linalg.qr(m @ q)
        b = q.T @ (m @ q)  # small (width x width), symmetric
        lam, u = np.linalg.eigh((b + b.T) / 2)
        top = np.argsort(-np.abs(lam))[:k]
        return (q @ u[:, top]) * (np.abs(lam[top]) ** exponent)[None, :]

    # ------------------------------------------------------------------ query
    def __len__(self) -> int:
        return len(self.stems)

    def related_stems(self, word: str, k: int = 10, min_similarity: float = 0.0,
                      min_count: int = 0) -> list[tuple[str, float]]:
        """The ``k`` stems nearest to ``word``'s stem (cosine similarity), best first; only those at
        least ``min_similarity`` similar and seen ``min_count`` times."""
        key = (word, k)
        hit = self._cache.get(key)
        if hit is None:
            i = self.find(stem(word.lower()))
            if i is None or not len(self.stems):
                hit = []
            else:
                sims = self.vectors @ self.vectors[i]
                sims[i] = -1.0
                if len(self.collocations):  # "street" is not a word for "wall"
                    n_words = len(self.stems)
                    lo, hi = np.searchsorted(self.collocations, [i * n_words, (i + 1) * n_words])
                    sims[self.collocations[lo:hi] - i * n_words] = -1.0
                n = min(k, len(sims) - 1)
                top = np.argpartition(-sims, n)[:n] if n < len(sims) else np.arange(len(sims))
                top = top[np.argsort(-sims[top])]
                hit = [(self.stems[j], float(sims[j]), int(self.counts[j])) for j in top if sims[j] > -1.0]
            if len(self._cache) > 4096:
                self._cache.clear()
            self._cache[key] = hit
        return [(s, x) for s, x, n in hit if x >= min_similarity and n >= min_count]

    def related(self, word: str, k: int = 10) -> list[tuple[str, float]]:
        """The ``k`` words nearest to ``word`` (each stem shown by its most frequent form), best first."""
        return [(self.surface(self.find(s)), x) for s, x in self.related_stems(word, k)]

    def expand(self, word: str, vocabulary: Iterable[str] | None = None, *, k: int = 8,
               min_similarity: float = 0.6, min_count: int = 5, weight: float = 0.8) -> dict[str, float]:
        """What a text using a word related to ``word`` earns for it: ``weight * similarity``, only
        for the ``k`` nearest stems at least ``min_similarity`` similar and seen ``min_count`` times
        (a direct match earns 1.0, so related words always count less). Keys are stems, or, given a
        ``vocabulary`` (the words of the texts to score), those of its words whose stem is related;
        ``word``'s own forms are left out."""
        near = {s: round(weight * x, 4) for s, x in self.related_stems(word, k, min_similarity, min_count)}
        if vocabulary is None or not near:
            return near
        own = stem(word.lower())
        out = {}
        for w in vocabulary:
            st = stem(w)
            if st in near and st != own:
                out[w] = near[st]
        return out

    def similarity(self, a: str, b: str) -> float:
        i, j = self.find(stem(a.lower())), self.find(stem(b.lower()))
        if i is None or j is None:
            return 0.0
        return float(self.vectors[i] @ self.vectors[j])

    def count(self, word: str) -> int:
        i = self.find(stem(word.lower()))
        return 0 if i is None else int(self.counts[i])

    # ------------------------------------------------------------------ bytes
    def to_bytes(self) -> bytes:
        """Compact form: a JSON header (shape, info), the stems and surface forms (one per line),
        the counts as int32, the collocation pairs as int64 and the vectors as float16. Loading splits the stems and converts the
        vectors, nothing more."""
        rows, dim = self.vectors.shape
        surfaces = self.surfaces if isinstance(self.surfaces, str) else "\n".join(self.surfaces)
        words = ("\n".join(self.stems) + "\0" + surfaces).encode("utf-8")
        meta = json.dumps({"shape": [rows, dim], "info": self.info, "collocations": int(len(self.collocations))},
                          separators=(",", ":")).encode("utf-8")
        return b"".join([_MAGIC, struct.pack("<HII", _VERSION, len(meta), len(words)), meta, words,
                         np.ascontiguousarray(self.counts, dtype="<i4").tobytes(),
                         np.ascontiguousarray(self.collocations, dtype="<i8").tobytes(),
                         np.ascontiguousarray(self.vectors, dtype="<f2").tobytes()])

    @classmethod
    def from_bytes(cls, blob: bytes) -> "RelatedWords":
        if blob[:4] != _MAGIC or len(blob) < 14:
            raise ValueError("not a related-words model")
        version, n_meta, n_words = struct.unpack_from("<HII", blob, 4)
        if version != _VERSION:
            raise ValueError(f"related-words model version {version} is not supported")
        off = 4 + struct.calcsize("<HII")
        meta = json.loads(blob[off:off + n_meta])
        off += n_meta
        stems_text, _, surfaces_text = blob[off:off + n_words].decode("utf-8").partition("\0")
        off += n_words
        rows, dim = meta["shape"]
        counts = np.frombuffer(blob, dtype="<i4", count=rows, offset=off)
        off += 4 * rows
        n_coll = int(meta.get("collocations", 0))
        collocations = np.frombuffer(blob, dtype="<i8", count=n_coll, offset=off)
        off += 8 * n_coll
        vectors = np.frombuffer(blob, dtype="<f2", count=rows * dim, offset=off).reshape(rows, dim)
        stems = stems_text.split("\n") if rows else []
        return cls(stems, surfaces_text if rows else [], counts, vectors.astype(np.float32), meta.get("info", {}),
                   collocations)


class RelatedModelStore:
    """The latest stored model of a database, and when to rebuild it.

    A rebuild is due after an ingest batch the first time the store holds ``min_articles``
    articles, then whenever it has grown by ``grow_ratio`` (20%) or ``grow_articles`` (200)
    since the last build. The newest ``max_articles`` articles are used.
    """

    def __init__(self, db, *, min_articles: int = 50, grow_ratio: float = 0.2,  # noqa: ANN001
                 grow_articles: int = 200, max_articles: int = 30_000, keep: int = 2,
                 build_options: dict | None = None) -> None:
        self.db = db
        self.min_articles = min_articles
        self.grow_ratio = grow_ratio
        self.grow_articles = grow_articles
        self.max_articles = max_articles
        self.keep = keep
        self.build_options = build_options or {}
        self._cached: tuple[int, RelatedWords] | None = None
        self._lock = threading.Lock()

    # ------------------------------------------------------------------ read side
    def latest_id(self) -> int | None:
        with self.db.session() as s:
            return s.scalar(select(func.max(RelatedModel.id)))

    def latest(self) -> RelatedWords | None:
        """The newest stored model (loaded once per row, then from memory); None before the first build."""

        row_id = self.latest_id()
        if row_id is None:
            return None
        cached = self._cached
        if cached is not None and cached[0] == row_id:
            return cached[1]
        with self.db.session() as s:
            blob = s.scalar(select(RelatedModel.data).where(RelatedModel.id == row_id))
        if blob is None:
            return None
        try:
            model = RelatedWords.from_bytes(bytes(blob))
        except ValueError:
            log.warning("related-words model %s cannot be read; ignored", row_id)
            return None
        self._cached = (row_id, model)
        return model

    # ------------------------------------------------------------------ write side
    def due(self) -> bool:
        """Is a rebuild due (see the class docstring)?"""

        with self.db.session() as s:
            n = s.scalar(select(func.count()).select_from(Article)) or 0
            last = s.scalar(select(RelatedModel.article_count).order_by(RelatedModel.id.desc()).limit(1))
        if last is None:
            return n >= self.min_articles
        grown = n - last
        return grown > 0 and (grown >= self.grow_articles or grown >= self.grow_ratio * last)

    def rebuild(self) -> int:
        """Build a model from the stored articles now and store it; returns its row id."""

        t0 = time.perf_counter()
        with self.db.session() as s:
            n = s.scalar(select(func.count()).select_from(Article)) or 0
            rows = s.execute(select(Article.title, Article.text).order_by(Article.id.desc())
                             .limit(self.max_articles)).all()
        texts = [(title or "") + "\n\n" + text for title, text in rows]
        model = RelatedWords.build(texts, **self.build_options)
        blob = model.to_bytes()
        ms = int((time.perf_counter() - t0) * 1000)
        with self.db.session() as s:
            row = RelatedModel(article_count=n, articles_used=len(texts), vocab_size=len(model),
                               dim=int(model.vectors.shape[1]) if len(model) else 0, build_ms=ms, data=blob)
            s.add(row)
            s.flush()
            row_id = row.id
            old = list(s.scalars(select(RelatedModel.id).order_by(RelatedModel.id.desc()).offset(self.keep)))
            if old:
                s.execute(delete(RelatedModel).where(RelatedModel.id.in_(old)))
        log.info("related-words model %s: %d words from %d articles in %d ms (%d KB)",
                 row_id, len(model), len(texts), ms, len(blob) // 1024)
        return row_id

    def maybe_rebuild(self) -> bool:
        """Rebuild when due (the end of an ingest batch or feed poll calls this); True when rebuilt."""
        if not self._lock.acquire(blocking=False):
            return False  # another thread of this process is building
        try:
            if not self.due():
                return False
            self.rebuild()
            return True
        finally:
            self._lock.release()


_STORES: "weakref.WeakKeyDictionary[object, RelatedModelStore]" = weakref.WeakKeyDictionary()
_STORES_LOCK = threading.Lock()


def related_store(db) -> RelatedModelStore:  # noqa: ANN001
    """The one :class:`RelatedModelStore` of a :class:`~bot.store.db.Database` in this process."""
    with _STORES_LOCK:
        store = _STORES.get(db)
        if store is None:
            store = _STORES[db] = RelatedModelStore(db)
        return store


def refresh_related_words(db) -> bool:  # noqa: ANN001
    """After an ingest batch: rebuild the stored model when due; never raises (ingest must go on)."""
    try:
        return related_store(db).maybe_rebuild()
    except Exception:  # noqa: BLE001
        log.exception("related-words model rebuild failed")
        return False


__all__ = ["RelatedModelStore", "RelatedWords", "content_tokens", "refresh_related_words", "related_store"]
