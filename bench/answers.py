"""Benchmark answers: run ``score_answers.py`` (``newsbrief ask --json`` against a question file).

usage: bench/answers.py [--questions FILE.yaml] [--corpus DIR[,DIR...]] [--scorer PATH] [--min-pass F]

Defaults: ../shared/questions/polnear_questions.yaml and the PolNeAR train/text and dev/text
folders, scored by ../shared/tools/score_answers.py (paths relative to the repository). The scorer
ingests the corpus into a fresh SQLite database and asks every question as a separate
``newsbrief`` process; this script puts the virtual environment's ``newsbrief`` first on PATH,
streams the scorer's per-question lines, prints the pass rate and the failures grouped by
reason, and writes ``bench/results/answers.json``. It exits 1 when the pass fraction is below
--min-pass (default 0: report only) and 2 when the scorer gave no result.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = (REPO / ".." / "shared").resolve()
DEFAULT_CORPUS = ",".join(str(SHARED / "corpora" / "polnear" / split / "text") for split in ("train", "dev"))

#: Failure reasons, in the order they are reported: (label, how the scorer's reason starts).
REASONS = (
    ("missing", re.compile(r"missing ")),
    ("other speakers", re.compile(r"\d+ quotes by other speakers")),
    ("sources", re.compile(r"\d+ sources < ")),
    ("no JSON", re.compile(r"no JSON")),
    ("forbidden text", re.compile(r"contains forbidden ")),
    ("expected no answer", re.compile(r"expected nothing")),
)
RESULT = re.compile(r"^(PASS|FAIL) (.*)$")
TOTAL = re.compile(r"^(\d+)/(\d+) passed$")


def newsbrief_bin() -> Path:
    """The folder of the virtual environment's ``newsbrief`` (this interpreter's, else .venv)."""
    for folder in (Path(sys.executable).parent, REPO / ".venv" / "bin"):
        if os.access(folder / "newsbrief", os.X_OK):
            return folder
    raise SystemExit(f"no newsbrief next to {sys.executable} nor in {REPO / '.venv' / 'bin'}: run `make install`")


def reason_of(why: str) -> str:
    return next((label for label, pattern in REASONS if pattern.match(why)), "other")


def split_line(body: str, questions: list[str]) -> tuple[str, str]:
    """'QUESTION :: WHY' -> (question, why); a known question is matched whole (it may hold '::')."""
    for q in questions:
        if body.startswith(q + " :: "):
            return q, body[len(q) + 4:]
    q, _, why = body.partition(" :: ")
    return q, why


def load_questions(path: Path) -> list[str]:
    try:
        import yaml

        return [str(item.get("q", "")) for item in yaml.safe_load(path.read_text(encoding="utf-8")) or []]
    except Exception:  # noqa: BLE001 - the scorer reports a bad file itself
        return []


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--questions", type=Path, default=SHARED / "questions" / "polnear_questions.yaml")
    ap.add_argument("--corpus", default=DEFAULT_CORPUS, help="corpus folders, comma separated")
    ap.add_argument("--scorer", type=Path, default=SHARED / "tools" / "score_answers.py")
    ap.add_argument("--min-pass", type=float, default=0.0, help="exit 1 below this pass fraction")
    args = ap.parse_args(argv)

    for path in (args.scorer, args.questions):
        if not path.is_file():
            print(f"{path}: no such file", file=sys.stderr)
            return 2
    corpus = [c for c in args.corpus.split(",") if c]
    missing = [c for c in corpus if not Path(c).is_dir()]
    if missing:
        print(f"{', '.join(missing)}: no such folder", file=sys.stderr)
        return 2

    env = dict(os.environ)
    bin_dir = newsbrief_bin()
    env["PATH"] = os.pathsep.join([str(bin_dir), env.get("PATH", "")])
    env["PYTHONUNBUFFERED"] = "1"
    env.pop("NEWSBRIEF_DATABASE_URL", None)  # the scorer sets its own fresh database
    questions = load_questions(args.questions)
    print(f"questions {args.questions} ({len(questions) or '?'})  corpus {', '.join(corpus)}")
    print(f"scorer {args.scorer}  newsbrief {bin_dir / 'newsbrief'}")
    print("ingesting the corpus first (minutes), then one `newsbrief ask` per question ...", flush=True)

    t0 = time.perf_counter()
    results: list[dict[str, object]] = []
    total: tuple[int, int] | None = None
    tail: list[str] = []
    with subprocess.Popen([sys.executable, "-u", str(args.scorer), str(args.questions), ",".join(corpus)],
                          cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True, encoding="utf-8", errors="replace", bufsize=1) as proc:
        assert proc.stdout is not None
        for line in proc.stdout:
            line = line.rstrip("\n")
            print(line, flush=True)
            tail = (tail + [line])[-5:]
            if m := RESULT.match(line):
                q, why = split_line(m.group(2), questions)
                passed = m.group(1) == "PASS"
                results.append({"q": q, "passed": passed, "why": why, "reason": None if passed else reason_of(why)})
            elif m := TOTAL.match(line):
                total = (int(m.group(1)), int(m.group(2)))
    seconds = time.perf_counter() - t0
    if total is None:
        print(f"the scorer gave no result (exit {proc.returncode}): {' | '.join(tail)}", file=sys.stderr)
        return 2

    passed, count = total
    rate = passed / count if count else 0.0
    groups: dict[str, list[dict[str, object]]] = {}
    for label in [label for label, _ in REASONS] + ["other"]:
        failed = [r for r in results if r["reason"] == label]
        if failed:
            groups[label] = failed

    print()
    print(f"passed {passed}/{count} ({100 * rate:.1f}%) in {seconds:.0f} s")
    for label, failed in groups.items():
        print(f"\n{label}: {len(failed)}")
        for r in failed:
            print(f"  - {r['q']} :: {r['why']}")

    out = REPO / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "answers.json").write_text(json.dumps({
        "questions": str(args.questions), "corpus": corpus, "scorer": str(args.scorer),
        "passed": passed, "total": count, "pass_rate": round(rate, 4), "seconds": round(seconds, 1),
        "failures": {label: [{"q": r["q"], "why": r["why"]} for r in failed] for label, failed in groups.items()},
        "results": results,
    }, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 1 if rate < args.min_pass else 0


if __name__ == "__main__":
    sys.exit(main())
