"""Ingest throughput with 1 and 2 job workers on PostgreSQL, and the workers' stories.

    python bench/scale.py ../shared/corpora/ecbplus [--limit N] [--workers 1 2]
    python bench/scale.py ../shared/corpora/ecbplus --check [--limit 300]

Each run gets a fresh PostgreSQL database (``--pg``, default the local server), starts
N ``newsbrief worker`` processes, waits until they are registered, queues the corpus's
texts with ``newsbrief ingest --enqueue`` and times until the queue is empty. It prints
articles/s per worker count and the ratio. When the folder has ECB+'s ``clusters.tsv``,
the stories are scored against the real events (pairwise P/R/F1, as bench/stories.py).

``--check`` is the maintainers' check: two workers, two ``ingest --enqueue`` runs of
overlapping halves of the folder started at once, one worker killed with SIGKILL halfway,
a third started; then every article must be stored exactly once. JSON goes to
bench/results/scale.json (or scale_check.json).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from stories import scores  # noqa: E402  (bench/stories.py)

NEWSBRIEF = str(Path(sys.executable).with_name("newsbrief"))


def texts_of(corpus: Path) -> list[Path]:
    folder = corpus / "text" if (corpus / "text").is_dir() else corpus
    return sorted(folder.glob("*.txt"))


def gold_of(corpus: Path) -> dict[str, str]:
    path = corpus / "clusters.tsv"
    if not path.exists():
        return {}
    rows = [line.split("\t") for line in path.read_text().splitlines()[1:]]
    return {name: cluster.strip() for name, _topic, cluster in rows}


class Run:
    """A fresh database and the newsbrief processes working on it."""

    def __init__(self, pg: str, logs: Path) -> None:
        self.pg, self.logs = pg, logs
        self.name = f"nb_scale_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(f"{pg}/postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{self.name}"')
        self.url = f"{pg}/{self.name}"
        self.env = {**os.environ, "NEWSBRIEF_DATABASE_URL": self.url, "NEWSBRIEF_LOG_LEVEL": "WARNING",
                    "NEWSBRIEF_CONFIG": str(ROOT / "config" / "newsbrief.yaml")}
        self.workers: list[subprocess.Popen] = []
        subprocess.run([NEWSBRIEF, "jobs", "--json"], env=self.env, check=True, capture_output=True)  # schema

    def start_worker(self) -> subprocess.Popen:
        log = open(self.logs / f"{self.name}-worker{len(self.workers)}.log", "w")
        proc = subprocess.Popen([NEWSBRIEF, "worker"], env=self.env, stdout=log, stderr=subprocess.STDOUT)
        self.workers.append(proc)
        return proc

    def query(self, sql: str) -> list[tuple]:
        with psycopg.connect(self.url) as conn:
            return conn.execute(sql).fetchall()

    def wait_workers(self, n: int, timeout: float = 60) -> None:
        end = time.monotonic() + timeout
        while self.query("SELECT count(*) FROM procrastinate_workers")[0][0] < n:
            if time.monotonic() > end:
                raise SystemExit("workers did not start (see the logs in bench/results/scale_logs)")
            time.sleep(0.2)

    def enqueue(self, paths: list[str]) -> subprocess.Popen:
        return subprocess.Popen([NEWSBRIEF, "ingest", "--enqueue", *paths, "--json"], env=self.env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def counts(self) -> dict[str, int]:
        return dict(self.query("SELECT status::text, count(*) FROM procrastinate_jobs "
                               "WHERE task_name LIKE 'newsbrief:ingest%' GROUP BY status"))

    def wait_empty(self, expected: int, timeout: float = 1800) -> None:
        end = time.monotonic() + timeout
        while True:
            c = self.counts()
            if sum(c.values()) >= expected and not c.get("todo") and not c.get("doing"):
                return
            if time.monotonic() > end:
                raise SystemExit(f"jobs not done after {timeout} s: {c}")
            time.sleep(0.25)

    def stories(self) -> dict[str, int]:
        """File stem -> story id."""
        return {Path(src).stem: sid for src, sid in self.query("SELECT source, story_id FROM articles")}

    def close(self) -> None:
        for proc in self.workers:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for proc in self.workers:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
        with psycopg.connect(f"{self.pg}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


def story_scores(stories: dict[str, int], gold: dict[str, str]) -> dict[str, float]:
    names = [n for n in stories if n in gold]
    if not names:
        return {}
    return {k: round(v, 3) for k, v in scores([gold[n] for n in names], [stories[n] for n in names]).items()}


def timed_run(pg: str, folder: Path, n_files: int, workers: int, logs: Path, gold: dict[str, str]) -> dict:
    run = Run(pg, logs)
    try:
        for _ in range(workers):
            run.start_worker()
        run.wait_workers(workers)
        start = time.perf_counter()
        out = run.enqueue([str(folder)])
        out.communicate()
        queued = time.perf_counter() - start
        run.wait_empty(n_files)
        elapsed = time.perf_counter() - start
        stored = run.query("SELECT count(*) FROM articles")[0][0]
        result = {"workers": workers, "articles": stored, "seconds": round(elapsed, 2),
                  "enqueue_seconds": round(queued, 2), "articles_per_s": round(stored / elapsed, 2),
                  "stories": story_scores(run.stories(), gold)}
        print(f"{workers} worker(s): {stored} articles in {elapsed:.1f} s = {stored / elapsed:.2f} articles/s "
              f"(queued in {queued:.1f} s) {result['stories']}", flush=True)
        return result
    finally:
        run.close()


def check(pg: str, files: list[Path], logs: Path, gold: dict[str, str]) -> dict:
    """The maintainers' check (see the module docstring)."""
    n = len(files)
    tmp = Path(tempfile.mkdtemp(prefix="nb_check_"))
    halves = [tmp / "a", tmp / "b"]
    for half in halves:
        half.mkdir()
    cut_a, cut_b = int(n * 0.6), int(n * 0.4)  # halves overlap in the middle fifth
    for f in files[:cut_a]:
        shutil.copy(f, halves[0] / f.name)
    for f in files[cut_b:]:
        shutil.copy(f, halves[1] / f.name)
    run = Run(pg, logs)
    try:
        first, _second = run.start_worker(), run.start_worker()
        run.wait_workers(2)
        start = time.perf_counter()
        queues = [run.enqueue([str(h)]) for h in halves]
        replies = [json.loads(q.communicate()[0]) for q in queues]
        queued = sum(r["queued"] for r in replies)
        while run.query("SELECT count(*) FROM articles")[0][0] < n // 2:
            time.sleep(0.1)
        busy = run.query("SELECT count(*) FROM procrastinate_jobs j JOIN procrastinate_workers w "
                         "ON j.worker_id = w.id WHERE j.status = 'doing'")[0][0]
        first.send_signal(signal.SIGKILL)
        first.wait()
        killed_at = time.perf_counter() - start
        run.start_worker()
        run.wait_empty(queued)
        elapsed = time.perf_counter() - start
        rows = run.query("SELECT source, content_hash FROM articles")
        stems = Counter(Path(src).stem for src, _h in rows)
        dup_hash = sum(c - 1 for c in Counter(h for _s, h in rows).values() if c > 1)
        distinct_texts = len({content_hash_of(f) for f in files})
        counts = run.counts()
        missing_story = run.query("SELECT count(*) FROM articles WHERE story_id IS NULL")[0][0]
        result = {
            "files": n, "distinct_texts": distinct_texts, "jobs_queued": queued, "stored": len(rows),
            "duplicate_files": sum(c - 1 for c in stems.values() if c > 1), "duplicate_texts": dup_hash,
            "without_story": missing_story, "killed_after_s": round(killed_at, 1),
            "jobs_running_at_kill": busy, "seconds": round(elapsed, 1), "job_statuses": counts,
            "stories": story_scores(run.stories(), gold),
        }
        print(json.dumps(result, indent=2), flush=True)
        return result
    finally:
        run.close()
        shutil.rmtree(tmp, ignore_errors=True)


def content_hash_of(path: Path) -> str:
    from bot.ingest.extract import extract_text_document
    from bot.ingest.pipeline import content_hash

    doc = extract_text_document(path.read_text(encoding="utf-8"), source_name=str(path))
    return content_hash(doc.text if doc.text.strip() else doc.title or "")  # as ingest stores a one-line file


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path, help="a folder of .txt articles (or ECB+'s, with text/ and clusters.tsv)")
    ap.add_argument("--limit", type=int, default=None, help="this many texts (a fixed random sample)")
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--check", action="store_true", help="the kill -9 check instead of timing")
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--pg", default=os.environ.get("NEWSBRIEF_BENCH_PG", "postgresql://postgres@127.0.0.1:5432"))
    args = ap.parse_args()
    files = texts_of(args.corpus)
    if args.limit or args.check:
        files = sorted(random.Random(args.seed).sample(files, min(args.limit or 300, len(files))))
    gold = gold_of(args.corpus)
    out_dir = ROOT / "bench" / "results"
    logs = out_dir / "scale_logs"
    logs.mkdir(parents=True, exist_ok=True)
    if args.check:
        result = check(args.pg, files, logs, gold)
        (out_dir / "scale_check.json").write_text(json.dumps(result, indent=2) + "\n")
        return
    folder = Path(tempfile.mkdtemp(prefix="nb_scale_"))
    try:
        for f in files:
            shutil.copy(f, folder / f.name)
        distinct = len({content_hash_of(f) for f in files})
        print(f"{len(files)} files ({distinct} distinct texts), {os.cpu_count()} cores", flush=True)
        runs = [timed_run(args.pg, folder, len(files), n, logs, gold) for n in args.workers]
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    base = runs[0]["articles_per_s"]
    for r in runs[1:]:
        r["ratio"] = round(r["articles_per_s"] / base, 2)
        print(f"{r['workers']} vs {runs[0]['workers']} worker(s): ratio {r['ratio']}")
    (out_dir / "scale.json").write_text(json.dumps(
        {"corpus": str(args.corpus), "files": len(files), "distinct_texts": distinct, "cores": os.cpu_count(),
         "runs": runs}, indent=2) + "\n")


if __name__ == "__main__":
    main()
