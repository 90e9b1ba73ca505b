"""The ``newsbrief`` command line. Every command goes through the same core as the chat bots."""
from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterable
from typing import Annotated, Any, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from bot.adapters.console import render_text
from bot.core.types import Command, CommandKind, Destination, Platform, Reply, User
from bot.settings import ConfigError, Settings, load_settings

app = typer.Typer(add_completion=False, no_args_is_help=True, help="newsbrief: news briefings for Discord, Slack and the console.")
feeds_app = typer.Typer(no_args_is_help=True, help="Manage the feeds that are polled for news.")
app.add_typer(feeds_app, name="feeds")
err = Console(stderr=True)
JsonOpt = Annotated[bool, typer.Option("--json", help="Machine-readable output.")]
VerboseOpt = Annotated[bool, typer.Option("--verbose", "-v", help="Show tracebacks in the log.")]


def _settings() -> Settings:
    try:
        return load_settings()
    except ConfigError as exc:
        err.print(f"[red]{exc}[/red]", highlight=False)
        raise typer.Exit(2) from None


def _app(verbose: bool = False):  # noqa: ANN202 - lazily import the heavy parts
    from bot.app import build_app
    from bot.logsetup import configure_logging

    settings = _settings()
    configure_logging(settings.log_level, verbose=verbose)  # tracebacks only with --verbose
    return build_app(settings)


def _emit(reply: Reply, as_json: bool) -> None:
    if as_json:
        if reply.error:
            print(json.dumps({"error": reply.text}, ensure_ascii=False))
        else:
            print(json.dumps(reply.data, ensure_ascii=False, indent=2, default=str))
    else:
        print(render_text(reply))
    if reply.error:
        raise typer.Exit(1)


def _run(kind: CommandKind, args: dict[str, Any], as_json: bool, channel: str = "console") -> None:
    application = _app()
    clean = {k: str(v) for k, v in args.items() if v not in (None, "")}
    cmd = Command(kind, clean, User("cli", "cli", can_manage=True), Destination.from_key(channel) if ":" in channel else Destination(Platform.CONSOLE, channel))
    _emit(application.core.handle_sync(cmd), as_json)


@app.command()
def ingest(
    sources: Annotated[list[str], typer.Argument(help="Files, folders, article URLs or feed URLs.")],
    enqueue: Annotated[bool, typer.Option("--enqueue", help="Queue the work for `newsbrief worker` processes "
                                          "and return at once (PostgreSQL).")] = False,
    as_json: JsonOpt = False,
    verbose: VerboseOpt = False,
) -> None:
    """Ingest articles from files, folders, URLs and RSS/Atom feeds."""
    if enqueue:
        _enqueue(list(sources), as_json)
        return
    application = _app(verbose)
    show = sys.stderr.isatty() and not as_json

    def progress(docs: Iterable[Any]) -> Iterable[Any]:
        if not show:
            yield from docs
            return
        with Progress(SpinnerColumn(), TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(),
                      TimeElapsedColumn(), TextColumn("{task.description}"), console=err, transient=True) as bar:
            task = bar.add_task("", total=None)
            for doc in docs:
                bar.update(task, description=str(doc.url or doc.source)[-60:])
                yield doc
                bar.advance(task)

    report = application.ingestor.ingest(list(sources), progress=progress)
    if as_json:
        print(json.dumps({"added": report.added, "duplicates": report.duplicates,
                          "errors": report.errors, "warnings": report.warnings}, indent=2))
    else:
        for line in report.errors:
            err.print(f"[yellow]skipped[/yellow] {line}", highlight=False)
        for line in report.warnings:
            err.print(f"[yellow]warning[/yellow] {line}", highlight=False)
        print(report.line())
    if report.errors and not report.added and not report.duplicates:
        raise typer.Exit(1)


def _jobs_settings() -> Settings:
    settings = _settings()
    logging.basicConfig(level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("alembic").setLevel(logging.WARNING)  # no migration chatter (bot.store.db says what changed)
    from bot.jobs.engine import is_postgres

    if not is_postgres(settings.database_url):
        err.print("Jobs need PostgreSQL: set NEWSBRIEF_DATABASE_URL=postgresql://... "
                  "(with SQLite, `newsbrief ingest` runs in-process).", highlight=False)
        raise typer.Exit(2)
    return settings


def _enqueue(sources: list[str], as_json: bool) -> None:
    from bot.jobs.commands import enqueue as queue_jobs

    result = queue_jobs(_jobs_settings(), sources)
    if as_json:
        print(json.dumps(result, indent=2))
    else:
        for line in result["errors"]:
            err.print(f"[yellow]skipped[/yellow] {line}", highlight=False)
        print(f"Queued {result['queued']} jobs ({result['documents']} documents, {result['urls']} URLs"
              + (f", {result['already_queued']} already queued" if result["already_queued"] else "") + ").")
    if not result["queued"] and not result["already_queued"] and result["errors"]:
        raise typer.Exit(1)


@app.command()
def worker(
    concurrency: Annotated[int, typer.Option("--concurrency", min=1, help="Jobs run at once in this process "
                                             "(ingest is CPU-bound: one per core, more processes scale better).")] = 1,
) -> None:
    """Run a job worker: ingest and enrichment queued by `ingest --enqueue` and feed polls (PostgreSQL)."""
    from bot.jobs.commands import run_worker

    settings = _jobs_settings()
    logging.getLogger("httpx").setLevel(logging.WARNING)
    run_worker(settings, concurrency)


@app.command()
def jobs(as_json: JsonOpt = False) -> None:
    """Queued, running, failed and done jobs (PostgreSQL)."""
    from bot.jobs.commands import job_counts

    counts = job_counts(_jobs_settings())
    if as_json:
        print(json.dumps(counts))
    else:
        print(", ".join(f"{n} {k}" for k, n in counts.items()))


@app.command()
def articles(limit: Annotated[Optional[int], typer.Option()] = None, as_json: JsonOpt = False) -> None:
    """List stored articles."""
    _run(CommandKind.ARTICLES, {"limit": limit}, as_json)


@app.command()
def show(article: Annotated[str, typer.Argument(help="Article id or URL.")], as_json: JsonOpt = False) -> None:
    """Print an article's cleaned text."""
    _run(CommandKind.SHOW, {"article": article}, as_json)


def _read_texts(paths: list[str]) -> tuple[list[tuple[str, str]], bool]:
    """(path as given, text) for every file named, folders expanded to their *.txt files (sorted);
    whether the output is a stream (several files or a folder). The first bad input exits 1."""
    from pathlib import Path

    def fail(message: str) -> None:
        err.print(f"[red]{message}[/red]", highlight=False, soft_wrap=True)
        raise typer.Exit(1)

    files: list[str] = []
    for given in paths:
        p = Path(given)
        if p.is_dir():
            found = sorted(str(f) for f in p.glob("*.txt") if f.is_file())
            if not found:
                fail(f"{given}: a folder without .txt files")
            files.extend(found)
        elif p.is_file():
            files.append(given)
        else:
            fail(f"{given}: no such file or folder")
    texts: list[tuple[str, str]] = []
    for name in files:
        try:
            raw = Path(name).read_bytes()
        except OSError as exc:
            fail(f"{name}: cannot read it ({exc.strerror or exc})")
        if b"\0" in raw:
            fail(f"{name}: a binary file, not text")
        try:
            # Decoded as is (no newline translation), so offsets are those of the file's text.
            texts.append((name, raw.decode("utf-8")))
        except UnicodeDecodeError as exc:
            fail(f"{name}: not UTF-8 text (invalid byte at offset {exc.start})")
    return texts, len(files) > 1 or any(Path(g).is_dir() for g in paths)


def _quotes_of_files(paths: list[str], as_json: bool) -> None:
    """Extraction on raw files: nothing is stored and no database is opened."""
    from pathlib import Path

    from bot.app.handlers.quotes import quote_json, quote_line
    from bot.quotes.attributions import extract_attributions

    texts, stream = _read_texts(paths)
    for n, (name, text) in enumerate(texts):
        row = {"name": Path(name).stem, "file": name,
               "quotes": [quote_json(text, a) for a in extract_attributions(text)]}
        if as_json:
            # One line per file (JSONL, what score_quotes.py reads); ASCII so that no line
            # separator inside a quote (U+2028, U+0085) can split a line.
            print(json.dumps(row))
            continue
        if n:
            print()
        title = f"{row['name']} ({name}): {len(row['quotes'])} attributions"
        print(title)
        print("=" * min(len(title), 100))
        for q in row["quotes"]:
            print(quote_line(q))
            shown = " … ".join(text[x:y].strip().rstrip(",;:") for x, y in q["parts"])
            print(f"  “{shown}”")


@app.command()
def quotes(
    article: Annotated[Optional[str], typer.Argument(help="Article id: its stored attributions.")] = None,
    files: Annotated[Optional[list[str]], typer.Option(
        "--file", help="Extract from a raw UTF-8 text file (repeatable; a folder means its *.txt) without storing it.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Who said what in an article: kind, cue, speaker, text and character offsets.

    With --file and --json, several files (or a folder) print one JSON object per line.
    """
    if (article is None) == (not files):
        err.print("Give exactly one of an article ID or --file PATH.", highlight=False)
        raise typer.Exit(2)
    if files:
        _quotes_of_files(files, as_json)
        return
    _run(CommandKind.QUOTES, {"article": article}, as_json)


@app.command("train-quotes")
def train_quotes(
    corpus: Annotated[str, typer.Argument(help="A PolNeAR-layout folder: text/*.txt and attributions/*.ann.")],
    out: Annotated[Optional[str], typer.Option("--out", help="Model file (default: the packaged one).")] = None,
) -> None:
    """Retrain the attribution model (deterministic) from an annotated corpus folder."""
    from pathlib import Path

    from bot.quotes.model.tagger import MODEL_PATH
    from bot.quotes.model.train import train

    try:
        report = train(Path(corpus), Path(out) if out else MODEL_PATH)
    except (OSError, ValueError) as exc:
        err.print(f"[red]{exc}[/red]", highlight=False)
        raise typer.Exit(1) from None
    print(f"trained on {report.articles} articles ({report.tokens} tokens) in {report.seconds:.0f} s: "
          f"{report.path} ({report.size / 1e6:.1f} MB)")


@app.command()
def summarize(
    article: Annotated[str, typer.Argument(help="Article id or URL.")],
    method: Annotated[Optional[str], typer.Option(help="Summarizer module.")] = None,
    sentences: Annotated[Optional[int], typer.Option(help="How many sentences.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Summarize one article with a summarizer module."""
    _run(CommandKind.SUMMARY, {"article": article, "method": method, "sentences": sentences}, as_json)


@app.command()
def ask(question: Annotated[str, typer.Argument(help='e.g. "what did X say about Y"')], as_json: JsonOpt = False) -> None:
    """Answer a question: what someone said, who said something, news about a topic."""
    _run(CommandKind.ASK, {"question": question}, as_json)


@app.command()
def stories(since: Annotated[Optional[str], typer.Option(help="e.g. 2d, 12h, 2015-11-30")] = None, as_json: JsonOpt = False) -> None:
    """List stories: events reported by one or more outlets."""
    _run(CommandKind.STORIES, {"since": since}, as_json)


@app.command()
def digest(
    since: Annotated[Optional[str], typer.Option(help="e.g. 2d, 12h, 2015-11-30")] = None,
    topic: Annotated[Optional[str], typer.Option()] = None,
    limit: Annotated[Optional[int], typer.Option()] = None,
    as_json: JsonOpt = False,
) -> None:
    """Build a digest now."""
    _run(CommandKind.BRIEF, {"since": since, "topic": topic, "limit": limit}, as_json)


@app.command()
def subscribe(
    channel: Annotated[str, typer.Argument(help="console:NAME, discord:CHANNEL_ID or slack:CHANNEL_ID")],
    at: Annotated[str, typer.Option("--at", help='"daily 08:00", "every 15 minutes" or cron')],
    tz: Annotated[str, typer.Option("--tz")] = "UTC",
    topic: Annotated[Optional[str], typer.Option()] = None,
    method: Annotated[Optional[str], typer.Option()] = None,
    as_json: JsonOpt = False,
) -> None:
    """Subscribe a channel to scheduled digests."""
    _run(CommandKind.SUBSCRIBE, {"schedule": at, "timezone": tz, "topic": topic, "method": method}, as_json, channel)


@app.command()
def unsubscribe(channel: Annotated[str, typer.Argument()], as_json: JsonOpt = False) -> None:
    """Stop a channel's scheduled digests."""
    _run(CommandKind.UNSUBSCRIBE, {}, as_json, channel)


@app.command()
def subscriptions(as_json: JsonOpt = False) -> None:
    """List all subscriptions."""
    _run(CommandKind.SUBSCRIPTIONS, {"all": "1"}, as_json)


@feeds_app.command("add")
def feeds_add(url: str, as_json: JsonOpt = False) -> None:
    """Poll a new RSS/Atom feed."""
    _run(CommandKind.FEEDS_ADD, {"url": url}, as_json)


@feeds_app.command("remove")
def feeds_remove(url: str, as_json: JsonOpt = False) -> None:
    """Stop polling a feed."""
    _run(CommandKind.FEEDS_REMOVE, {"url": url}, as_json)


@feeds_app.command("list")
def feeds_list(as_json: JsonOpt = False) -> None:
    """List feeds."""
    _run(CommandKind.FEEDS_LIST, {}, as_json)


follow_app = typer.Typer(no_args_is_help=True, help="Follow a person: an alert when an outlet reports a new statement by them.")
app.add_typer(follow_app, name="follow")


@follow_app.command("add")
def follow_add(
    destination: Annotated[str, typer.Argument(help="console:NAME, discord:CHANNEL_ID or slack:CHANNEL_ID")],
    person: Annotated[str, typer.Argument(help='Whom to follow, e.g. "Jane Smith"')],
    topic: Annotated[Optional[str], typer.Option("--topic", help="Only statements about this topic.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Follow a person (optionally on a topic) for a destination."""
    _run(CommandKind.FOLLOW, {"person": person, "topic": topic}, as_json, destination)


@follow_app.command("remove")
def follow_remove(follow_id: Annotated[int, typer.Argument(metavar="ID")], as_json: JsonOpt = False) -> None:
    """Stop a follow (its alerts go with it)."""
    _run(CommandKind.UNFOLLOW, {"follow": follow_id}, as_json)


@follow_app.command("list")
def follow_list(as_json: JsonOpt = False) -> None:
    """List every follow."""
    _run(CommandKind.FOLLOWS, {"all": "1"}, as_json)


@app.command()
def alerts(as_json: JsonOpt = False) -> None:
    """Recorded alerts (new statements by followed people), oldest first, delivered or not."""
    _run(CommandKind.ALERTS, {"all": "1"}, as_json)


@app.command()
def timeline(
    words: Annotated[list[str], typer.Argument(help='PERSON [on TOPIC], e.g. "Jane Smith" on housing')],
    topic: Annotated[Optional[str], typer.Option("--topic")] = None,
    as_json: JsonOpt = False,
) -> None:
    """What a person said (on a topic) over time, the first report of each statement first."""
    from bot.core.follow_grammar import person_and_topic

    args = person_and_topic(" ".join(f'"{w}"' if " " in w else w for w in words))
    _run(CommandKind.TIMELINE, {**args, **({"topic": topic} if topic else {})}, as_json)


@app.command()
def run(verbose: VerboseOpt = False) -> None:
    """Start the configured front ends (Discord, Slack; the console when no token is set).

    SIGTERM or Ctrl-C stops it within 5 s; a front end that cannot start ends it with one line
    and exit status 1."""
    from bot.runner import serve

    raise typer.Exit(serve(_app(verbose)))


def main() -> None:
    app()


if __name__ == "__main__":
    main()
