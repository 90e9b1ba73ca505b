"""Benchmark quotation extraction on a PolNeAR-layout folder (``text/*.txt`` + ``attributions/``).

usage: bench/quotes.py --corpus ../shared/corpora/polnear/dev [--out PRED.jsonl] [--scorer PATH]

Writes predictions as the JSONL that ``score_quotes.py`` reads, runs that scorer,
prints precision / recall / F1 / speaker accuracy and articles per second, and
saves the figures to ``bench/results/quotes.json``.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bot.quotes.extract import extract_attributions  # noqa: E402


def predict(corpus: Path) -> tuple[list[dict], float]:
    """Predictions for every text of ``corpus`` and the extraction time in seconds."""
    rows, elapsed = [], 0.0
    for path in sorted((corpus / "text").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        t0 = time.perf_counter()
        attributions = extract_attributions(text)
        elapsed += time.perf_counter() - t0
        rows.append({"name": path.stem, "quotes": [
            {"start": a.content_start, "end": a.content_end, "speaker_start": a.speaker_start,
             "speaker_end": a.speaker_end, "speaker": a.speaker, "kind": a.kind, "cue": a.cue}
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
    print(f"extraction speed: {speed:.1f} articles/s ({elapsed:.2f} s total)")

    results = REPO / "bench" / "results"
    results.mkdir(parents=True, exist_ok=True)
    (results / "quotes.json").write_text(json.dumps(
        {"corpus": str(args.corpus), "articles": len(rows), "articles_per_second": round(speed, 1),
         "scores": scores["results"]}, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
