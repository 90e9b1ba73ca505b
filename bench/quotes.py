"""Benchmark quotation extraction on a PolNeAR-layout folder (``text/*.txt`` + ``attributions/``).

usage: bench/quotes.py --corpus ../shared/corpora/polnear/dev [--out PRED.jsonl] [--scorer PATH]

Writes predictions as the JSONL that ``score_quotes.py`` reads, runs that scorer,
prints precision / recall / F1 / speaker accuracy overall and for statements alone,
articles per second, the model file's size and load time, and saves the figures to
``bench/results/quotes.json``.

Statements are the gold attributions whose content is quoted or whose cue is a verb of
saying (``said``, ``told``, ``wrote`` ...) or a speech act (``called``, ``praised``, ``accused``: see
``bot.quotes.model.link.is_statement_cue``), ``according to`` or a label's colon; the
others are beliefs, intentions, findings, noun cues ("his call for"). Statements-only
figures score the predictions of kind ``direct`` and ``reported`` against those.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bot.quotes.attributions import default_tagger, extract_attributions  # noqa: E402
from bot.quotes.model.corpus import read_corpus  # noqa: E402
from bot.quotes.model.link import is_statement_cue  # noqa: E402
from bot.quotes.model.tagger import MODEL_PATH  # noqa: E402

_QUOTE_MARKS = "\"“”«»'‘’"
STATEMENT_KINDS = ("direct", "reported")


def is_statement(text: str, content: tuple[int, int], cue: tuple[int, int] | None) -> bool:
    """A gold attribution is a statement when its content is quoted or its cue says."""
    c0, c1 = content
    if text[c0:c0 + 1] in _QUOTE_MARKS or text[max(0, c0 - 1):c0] in _QUOTE_MARKS:
        return True
    if cue is None:
        return False
    return is_statement_cue(text[cue[0]:cue[1]])


def statements_only(corpus: Path, rows: list[dict], scorer: Path) -> dict:
    """The scorer's figures at overlap 0.3 on statements alone (gold and predicted)."""
    spec = importlib.util.spec_from_file_location("score_quotes", scorer)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    gold = mod.load_gold(corpus)
    keep = {d.name: {(a.content[0], a.content[1]) for a in d.attributions if is_statement(d.text, a.content, a.cue)}
            for d in read_corpus(corpus)}
    gold = {name: [g for g in attrs if (g["start"], g["end"]) in keep.get(name, ())] for name, attrs in gold.items()}
    preds = {r["name"]: [q for q in r["quotes"] if q["kind"] in STATEMENT_KINDS] for r in rows}
    return mod.score(gold, preds, 0.3)


def load_time() -> float | None:
    """Seconds a fresh process takes to import the tagger and load the committed model."""
    if not MODEL_PATH.exists():
        return None
    code = ("import time; t = time.perf_counter(); from bot.quotes.model.tagger import AttributionTagger, MODEL_PATH; "
            "AttributionTagger(MODEL_PATH); print(time.perf_counter() - t)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO)
    return float(proc.stdout.strip())


def predict(corpus: Path) -> tuple[list[dict], float]:
    """Predictions for every text of ``corpus`` and the extraction time in seconds (the model is
    loaded before timing starts: its load time is measured apart)."""
    default_tagger()
    rows, elapsed = [], 0.0
    for path in sorted((corpus / "text").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        t0 = time.perf_counter()
        attributions = extract_attributions(text)
        elapsed += time.perf_counter() - t0
        rows.append({"name": path.stem, "quotes": [
            {"start": a.content_start, "end": a.content_end, "speaker_start": a.speaker_start,
             "speaker_end": a.speaker_end, "speaker": a.speaker, "kind": a.kind, "cue": a.cue,
             "confidence": a.confidence}
            for a in attributions]})
    return rows, elapsed


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", "--polnear", dest="corpus", type=Path, required=True)
    ap.add_argument("--out", type=Path, help="where to write PRED.jsonl (default: a temporary file)")
    ap.add_argument("--scorer", type=Path, default=REPO / ".." / "shared" / "tools" / "score_quotes.py")
    args = ap.parse_args(argv)

    rows, elapsed = predict(args.corpus)
    out = args.out or Path(tempfile.mkstemp(suffix=".jsonl")[1])
    out.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    proc = subprocess.run([sys.executable, str(args.scorer), str(args.corpus), str(out), "--json"],
                          capture_output=True, text=True, check=True)
    scores = json.loads(proc.stdout)
    speed = len(rows) / elapsed if elapsed else float("inf")

    print(f"corpus {args.corpus}  articles {len(rows)}  predictions {out}")
    print(f"{'overlap':>8} {'P':>6} {'R':>6} {'F1':>6} {'speaker':>8} {'gold':>6} {'pred':>6}")
    for r in scores["results"]:
        print(f"{r['threshold']:>8} {r['precision']:>6.3f} {r['recall']:>6.3f} {r['f1']:>6.3f} "
              f"{r['speaker_accuracy']:>8.3f} {r['gold']:>6} {r['predicted']:>6}")
    st = statements_only(args.corpus, rows, args.scorer)
    print(f"{'stmts':>8} {st['precision']:>6.3f} {st['recall']:>6.3f} {st['f1']:>6.3f} "
          f"{st['speaker_accuracy']:>8.3f} {st['gold']:>6} {st['predicted']:>6}   (overlap 0.3, statements only)")
    print(f"extraction speed: {speed:.1f} articles/s ({elapsed:.2f} s total)")
    size = MODEL_PATH.stat().st_size if MODEL_PATH.exists() else None
    loaded = load_time()
    if size is None:
        print("model: none (rules only)")
    else:
        print(f"model: {MODEL_PATH.name} {size / 1e6:.2f} MB, loads in {loaded:.2f} s")

    results = REPO / "bench" / "results"
    results.mkdir(parents=True, exist_ok=True)
    (results / "quotes.json").write_text(json.dumps(
        {"corpus": str(args.corpus), "articles": len(rows), "articles_per_second": round(speed, 1),
         "scores": scores["results"], "statements": st, "model_bytes": size,
         "model_load_seconds": round(loaded, 3) if loaded is not None else None}, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
