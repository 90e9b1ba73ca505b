"""PolNeAR-style training folders: ``text/NAME.txt`` and ``attributions/NAME_<annotator>.ann``
(brat standoff: ``Source``, ``Cue`` and ``Content`` spans joined by ``Attribution`` events).
When a text has several annotators' files, the first by name is used."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

Span = tuple[int, int]


@dataclass(frozen=True)
class GoldAttribution:
    content: Span
    cue: Span | None
    source: Span | None


@dataclass(frozen=True)
class Document:
    name: str
    text: str
    attributions: tuple[GoldAttribution, ...]


def _read_ann(path: Path) -> tuple[GoldAttribution, ...]:
    spans: dict[str, Span] = {}
    events: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 3:
            _, *offs = parts[1].split(" ")
            ranges = " ".join(offs).split(";")
            spans[parts[0]] = (int(ranges[0].split()[0]), int(ranges[-1].split()[-1]))
        elif line.startswith("E") and len(parts) >= 2:
            events.append(dict(a.split(":", 1) for a in parts[1].split(" ") if ":" in a))
    out = []
    for ev in events:
        content = spans.get(ev.get("Content", ""))
        if content:
            out.append(GoldAttribution(content, spans.get(ev.get("Cue", "")), spans.get(ev.get("Source", ""))))
    return tuple(out)


def read_corpus(folder: Path) -> list[Document]:
    """Every annotated article of ``folder``, sorted by name."""
    docs = []
    for txt in sorted((folder / "text").glob("*.txt")):
        anns = sorted((folder / "attributions").glob(txt.stem + "_*.ann"))
        if anns:
            docs.append(Document(txt.stem, txt.read_bytes().decode("utf-8"), _read_ann(anns[0])))
    return docs
