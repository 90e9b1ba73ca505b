"""Benchmark every summarizer module: ROUGE-1/2/Lsum F1 and articles per second.

    python bench/summarizers.py --corpus ../shared/corpora/cnndm [--limit N] [--sentences 3]

Reads ``articles.jsonl`` in the corpus folder (``text`` plus ``reference``/
``highlights`` as in cnndm, or a ``summary`` list as in bbc), scores each
module's summary with ``rouge_score`` (stemming on; ROUGE-Lsum over
newline-joined sentences) and times the modules on one core (BLAS limited to one thread;
scoring is not timed). Stock sumy LexRank runs beside them: with sumy's own NLTK tokenizer
where its punkt data is installed, else with our offline tokenizer, as
``sumy-lexrank``. Prints a table and writes
``bench/results/summarizers-<corpus>.json``.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")  # one core: numpy's BLAS threads would blur the timings

from rouge_score import rouge_scorer  # noqa: E402
from sumy.nlp.stemmers import Stemmer  # noqa: E402
from sumy.parsers.plaintext import PlaintextParser  # noqa: E402
from sumy.summarizers.lex_rank import LexRankSummarizer  # noqa: E402
from sumy.utils import get_stop_words  # noqa: E402

import summarizers  # noqa: E402
from summarizers.text import Tokenizer  # noqa: E402

METRICS = ("rouge1", "rouge2", "rougeLsum")


def load(corpus: Path, limit: int | None) -> list[dict]:
    articles = []
    with open(corpus / "articles.jsonl", encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if row.get("highlights"):
                reference = "\n".join(row["highlights"])
            elif isinstance(row.get("summary"), list):
                reference = "\n".join(row["summary"])
            else:
                reference = row.get("reference") or row.get("summary") or ""
            articles.append({"text": row["text"], "title": row.get("title"), "reference": reference})
            if limit and len(articles) >= limit:
                break
    return articles


def stock_lexrank() -> tuple[str, Callable[[str], list[str]]]:
    """sumy's LexRank as its command line runs it; our tokenizer only if NLTK punkt is missing."""
    try:
        from sumy.nlp.tokenizers import Tokenizer as SumyTokenizer

        tokenizer, note = SumyTokenizer("english"), "sumy defaults (NLTK punkt)"
    except LookupError:
        tokenizer, note = Tokenizer("english"), "sumy defaults failed (no NLTK punkt data): our tokenizer"
    summarizer = LexRankSummarizer(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")

    def run(text: str, count: int) -> list[str]:
        document = PlaintextParser.from_string(text, tokenizer).document
        return [str(s) for s in summarizer(document, count)]

    return note, run


Runner = Callable[[str, str | None], list[str]]
_PLAIN_SPLIT = re.compile(r"(?<=[.!?])[\"'”’]?\s+")


def run_all(runners: dict[str, Runner], articles: list[dict], chunk: int = 20) -> tuple[dict, dict]:
    """Every runner's output per article and its total seconds.

    The runners take turns on chunks of articles, so that a change in the
    machine's load over the run falls on all of them alike; each first warms
    up (caches, lazy loads) on the first chunk, untimed.
    """
    for run in runners.values():
        for article in articles[:chunk]:
            run(article["text"], article["title"])
    outputs: dict[str, list[list[str]]] = {name: [] for name in runners}
    seconds = dict.fromkeys(runners, 0.0)
    for first in range(0, len(articles), chunk):
        part = articles[first : first + chunk]
        for name, run in runners.items():
            started = time.perf_counter()
            outputs[name].extend(run(a["text"], a["title"]) for a in part)
            seconds[name] += time.perf_counter() - started
    return outputs, seconds


def score(name: str, outputs: list[list[str]], seconds: float, articles: list[dict], scorer) -> dict:
    totals = dict.fromkeys(METRICS, 0.0)
    for article, sentences in zip(articles, outputs):
        scores = scorer.score(article["reference"], "\n".join(sentences))
        for metric in METRICS:
            totals[metric] += scores[metric].fmeasure
    n = len(articles)
    return {
        "method": name,
        **{metric: round(100 * totals[metric] / n, 2) for metric in METRICS},
        "articles_per_second": round(n / seconds, 1),
        "mean_sentences": round(sum(map(len, outputs)) / n, 2),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, required=True, help="folder with articles.jsonl")
    parser.add_argument("--limit", type=int, default=None, help="first N articles only")
    parser.add_argument("--sentences", type=int, default=3)
    parser.add_argument("--methods", default=",".join(summarizers.available()), help="comma-separated modules")
    parser.add_argument("--json-out", type=Path, default=None)
    args = parser.parse_args(argv)

    articles = load(args.corpus, args.limit)
    count = args.sentences
    runners: dict[str, Runner] = {}
    for name in args.methods.split(","):
        module = summarizers.get(name)
        runners[name] = lambda text, title, m=module: [
            s.text for s in m.summarize(text, sentences=count, title=title).sentences
        ]
    note, lexrank = stock_lexrank()
    runners["sumy-lexrank"] = lambda text, _title: lexrank(text, count)
    runners["lead-regex"] = lambda text, _title: _PLAIN_SPLIT.split(text.strip())[:count]
    outputs, seconds = run_all(runners, articles)
    scorer = rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)
    rows = [score(name, outputs[name], seconds[name], articles, scorer) for name in runners]
    stock = next(row for row in rows if row["method"] == "sumy-lexrank")
    stock["note"] = note
    rows[-1]["note"] = "baseline: first sentences cut by a plain regex, no rules"

    corpus = args.corpus.resolve().name
    print(f"{corpus}: {len(articles)} articles, {args.sentences} sentences, ROUGE F1 x100 (stemmed)")
    print(f"{'method':<14}{'R-1':>7}{'R-2':>7}{'R-Lsum':>8}{'art/s':>9}{'x LexRank':>11}")
    for row in rows:
        ratio = row["articles_per_second"] / stock["articles_per_second"]
        print(
            f"{row['method']:<14}{row['rouge1']:>7.2f}{row['rouge2']:>7.2f}{row['rougeLsum']:>8.2f}"
            f"{row['articles_per_second']:>9.1f}{ratio:>10.1f}x"
        )
    print(f"sumy-lexrank: {note}")
    print("lead-regex: first sentences cut by a plain regex (a reference point, not a module)")

    out = args.json_out or ROOT / "bench" / "results" / f"summarizers-{corpus}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    result = {
        "corpus": str(args.corpus),
        "articles": len(articles),
        "sentences": args.sentences,
        "default": summarizers.DEFAULT_METHOD,
        "rows": rows,
    }
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
