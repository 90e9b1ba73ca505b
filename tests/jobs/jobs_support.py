"""Helpers for the job tests: synthetic reports of distinct events, worker processes, queries."""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[2]

EVENTS = [
    ("Valparaiso", "Ricardo Alvarez", "earthquake", ["magnitude", "tremor", "collapsed", "aftershocks", "seismologists"]),
    ("Helsinki", "Aino Virtanen", "election", ["ballots", "coalition", "parliament", "turnout", "candidates"]),
    ("Mombasa", "Wanjiru Otieno", "ferry", ["capsized", "passengers", "coastguard", "harbour", "lifejackets"]),
    ("Winnipeg", "Gordon MacLeod", "blizzard", ["snowfall", "highways", "stranded", "plows", "outages"]),
    ("Osaka", "Haruto Tanaka", "robotics", ["prototype", "factory", "engineers", "assembly", "sensors"]),
    ("Seville", "Lucia Moreno", "wildfire", ["hectares", "evacuated", "firefighters", "drought", "blaze"]),
]


def report(event: int, version: int) -> str:
    """One outlet's report of one event: the event's names and words, in another order."""
    city, person, what, words = EVENTS[event]
    rng = random.Random(event * 100 + version)
    w = words[:]
    rng.shuffle(w)
    title = f"{what.title()} in {city}: {person} speaks ({['Reuters', 'AP', 'AFP', 'BBC', 'DPA'][version % 5]})"
    sentences = [
        f"The {what} in {city} dominated the day, with {w[0]} and {w[1]} reported across the region.",
        f"{person} told reporters in {city} that the {what} had been expected, citing {w[2]}.",
        f"Officials in {city} said {w[3]} and {w[4]} would be reviewed after the {what}.",
        f"\"We are following the {what} closely,\" {person} said, adding that {city} would recover.",
        f"Local residents of {city} described {w[1]} and {w[2]} as the {what} went on.",
    ]
    rng.shuffle(sentences)
    return title + "\n\n" + "\n\n".join(sentences[: 3 + version % 3]) + "\n"


def write_reports(folder: Path, events: range, versions: range) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for e in events:
        for v in versions:
            path = folder / f"e{e}_v{v}.txt"
            path.write_text(report(e, v), encoding="utf-8")
            paths.append(path)
    return paths


def env(url: str) -> dict[str, str]:
    return {**os.environ, "NEWSBRIEF_DATABASE_URL": url, "NEWSBRIEF_CONFIG": str(ROOT / "config" / "newsbrief.yaml"),
            "NEWSBRIEF_LOG_LEVEL": "WARNING"}


def newsbrief(url: str, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "bot.cli", *args], env=env(url), cwd=ROOT,
                          capture_output=True, text=True, check=check, timeout=120)


def start_worker(url: str, log: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "bot.cli", "worker"], env=env(url), cwd=ROOT,
                            stdout=log.open("a"), stderr=subprocess.STDOUT)


def stop(procs: list[subprocess.Popen]) -> None:
    for p in procs:
        if p.poll() is None:
            p.send_signal(signal.SIGTERM)
    for p in procs:
        try:
            p.wait(timeout=30)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()


def query(url: str, sql: str, *params: object) -> list[tuple]:
    with psycopg.connect(url) as conn:
        return conn.execute(sql, params or None).fetchall()


def wait_for(predicate, timeout: float = 90, what: str = "condition") -> None:  # noqa: ANN001
    end = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > end:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.2)


def jobs_done(url: str) -> bool:
    rows = dict(query(url, "SELECT status::text, count(*) FROM procrastinate_jobs "
                           "WHERE task_name LIKE 'newsbrief:ingest%' GROUP BY status"))
    return bool(rows) and not rows.get("todo") and not rows.get("doing")


def stories_by_source(url: str) -> set[frozenset[str]]:
    """The partition of articles into stories, by file name (comparable across databases)."""
    groups: dict[int, set[str]] = {}
    for source, story in query(url, "SELECT source, story_id FROM articles"):
        groups.setdefault(story, set()).add(Path(source).name)
    return {frozenset(g) for g in groups.values()}
