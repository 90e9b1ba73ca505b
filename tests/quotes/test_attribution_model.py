"""The statistical attribution model: trained on a tiny corpus written for these tests, it must
find what the rules miss, keep kinds apart and retrain identically."""
from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app
from bot.quotes.extract import Attribution
from bot.quotes.attributions import extract_attributions
from bot.quotes.model.corpus import read_corpus
from bot.quotes.model.link import _rule_kind, is_statement_cue
from bot.quotes.model.source import mention, source_path
from bot.quotes.model.tagger import AttributionTagger
from bot.quotes.model.tokens import sequences
from bot.quotes.model.train import TrainParams, train

# [S:...] source, [Q:...] cue, [C:...] content; one attribution per bracketed triple, in order.
ARTICLES = [
    "[S:Mayor Ada Brun] [Q:believes] [C:the bridge will reopen in May]. The river rose again on Monday.\n\n"
    "[S:Brun] [Q:said] [C:the repairs would cost less than planned]. Crews worked through the night.\n\n"
    "“[C:We are nearly done],” [S:she] [Q:said].",
    "[S:The council] [Q:wants] [C:to build a second ferry pier]. Residents came to the meeting.\n\n"
    "[S:Councillor Tomas Vey] [Q:told] reporters [C:that the budget was tight]. The vote is in June.\n\n"
    "[S:Vey] [Q:hopes] [C:the vote will pass easily]. The pier would open next year.",
    "[S:Engineers] [Q:fear] [C:the old bridge cannot carry trucks]. Traffic was diverted.\n\n"
    "“[C:It is not safe for heavy loads],” [Q:said] [S:Lena Okoro], the chief engineer.\n\n"
    "[S:Okoro] [Q:expects] [C:the inspection to take a week]. The report is due in March.",
    "[S:Ferry operator Jan Holm] [Q:thinks] [C:demand will double this summer]. Tickets sold out.\n\n"
    "[S:Holm] [Q:said] [C:prices would stay the same]. The ferry runs every hour.\n\n"
    "[S:Passengers] [Q:worry] [C:the crossings will be crowded]. The harbour is small.",
    "[S:The governor] [Q:intends] [C:to visit the river towns next week]. Aides planned the trip.\n\n"
    "[S:Governor Mira Sand] [Q:said] [C:the state would pay for the repairs]. Reporters waited outside.\n\n"
    "[S:Sand] [Q:believes] [C:the towns will recover quickly]. Shops reopened on Friday.",
]

UNSEEN = ("Harbour master Piet Lund believes the new pier will attract more boats. The water was calm.\n\n"
          "“We are ready for the summer,” Lund said.\n\n"
          "Lund said the harbour would hire ten more workers.")

_MARK = re.compile(r"\[([SQC]):([^\]]*)\]")


def _render(marked: str) -> tuple[str, str]:
    """Plain text and its brat annotations from a marked-up article."""
    text, spans, pos = [], [], 0
    last = 0
    for m in _MARK.finditer(marked):
        text.append(marked[last:m.start()])
        pos += m.start() - last
        spans.append((m.group(1), pos, pos + len(m.group(2)), m.group(2)))
        text.append(m.group(2))
        pos += len(m.group(2))
        last = m.end()
    text.append(marked[last:])
    names = {"S": "Source", "Q": "Cue", "C": "Content"}
    lines, group, t, e = [], {}, 0, 0
    for kind, a, b, words in spans:
        t += 1
        lines.append(f"T{t}\t{names[kind]} {a} {b}\t{words}")
        group[kind] = f"T{t}"
        if len(group) == 3:
            e += 1
            lines.append(f"E{e}\tAttribution:{group['Q']} Content:{group['C']} Cue:{group['Q']} Source:{group['S']}")
            group = {}
    return "".join(text), "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("tinycorpus")
    (root / "text").mkdir()
    (root / "attributions").mkdir()
    for k, marked in enumerate(ARTICLES * 4):  # repeated so that features pass the frequency cut
        text, ann = _render(marked)
        (root / "text" / f"a{k:02d}.txt").write_text(text, encoding="utf-8")
        (root / "attributions" / f"a{k:02d}_x.ann").write_text(ann, encoding="utf-8")
    return root


PARAMS = TrainParams(max_iterations=60)


@pytest.fixture(scope="module")
def tagger(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> AttributionTagger:
    out = tmp_path_factory.mktemp("model") / "tiny.crfsuite"
    train(corpus, out, PARAMS)
    return AttributionTagger(out)


def test_fixture_corpus_reads_back_its_spans(corpus: Path) -> None:
    doc = read_corpus(corpus)[0]
    first = doc.attributions[0]
    assert doc.text[slice(*first.source)] == "Mayor Ada Brun"
    assert doc.text[slice(*first.cue)] == "believes"
    assert doc.text[slice(*first.content)] == "the bridge will reopen in May"


def test_training_is_reproducible(corpus: Path, tmp_path: Path) -> None:
    a, b = tmp_path / "a.crfsuite", tmp_path / "b.crfsuite"
    report = train(corpus, a, PARAMS)
    train(corpus, b, PARAMS)
    assert report.articles == len(ARTICLES) * 4 and report.size == a.stat().st_size
    assert a.read_bytes() == b.read_bytes()


def test_model_finds_a_belief_the_rules_give_no_content(tagger: AttributionTagger) -> None:
    found = extract_attributions(UNSEEN, tagger=tagger)
    belief = [a for a in found if a.content.startswith("the new pier will attract")]
    assert belief, [(a.kind, a.content) for a in found]
    assert belief[0].kind == "other"
    assert (belief[0].speaker_mention or "").endswith("Piet Lund")
    assert belief[0].speaker == "Piet Lund"


def test_kinds_stay_distinct(tagger: AttributionTagger) -> None:
    found = {a.content: a for a in extract_attributions(UNSEEN, tagger=tagger)}
    assert found["We are ready for the summer"].kind == "direct"
    reported = found["the harbour would hire ten more workers"]
    assert reported.kind == "reported" and reported.speaker == "Piet Lund"


def test_rules_alone_without_a_model() -> None:
    found = extract_attributions(UNSEEN, tagger=None)
    assert {a.kind for a in found} <= {"direct", "reported"}
    assert any(a.content == "We are ready for the summer" for a in found)


def test_train_quotes_command(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "cli.crfsuite"
    result = CliRunner().invoke(app, ["train-quotes", str(corpus), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.exists() and "trained on 20 articles" in result.output


def test_train_quotes_on_a_folder_without_annotations(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["train-quotes", str(tmp_path), "--out", str(tmp_path / "m.crfsuite")])
    assert result.exit_code == 1


def test_training_writes_the_source_linker(tagger: AttributionTagger) -> None:
    assert source_path(tagger.path).exists() and tagger.scorer is not None
    seq = sequences(UNSEEN, [0, UNSEEN.index("The water"), UNSEEN.index("“We"), UNSEEN.index("Lund said")])[0]
    low = [t.text.lower() for t in seq.tokens]
    content = [i for i, t in enumerate(seq.tokens) if t.text == "the"][0]  # "the new pier ..."
    cue = low.index("believes")
    best = tagger.scorer.best(seq, low, ["O"] * len(low), (content, content + 6), (cue, cue))
    assert best is not None
    m0, m1 = mention(seq, low, best[0])
    assert UNSEEN[seq.tokens[m0].start:seq.tokens[m1].end].endswith("Lund")


def test_a_model_span_without_a_likely_source_is_left_out(corpus: Path, tagger: AttributionTagger) -> None:
    strict = AttributionTagger(tagger.path, min_source=1.01)
    text = UNSEEN + "\n\nThe council wants to build a second ferry pier. Residents came to the meeting."
    rules_only = {a.content for a in extract_attributions(text, tagger=None)}
    assert {a.content for a in extract_attributions(text, tagger=strict)} == rules_only
    assert {a.content for a in extract_attributions(text, tagger=tagger)} - rules_only


@pytest.mark.parametrize("cue, statement", [
    ("said", True), ("has sharply criticized", True), ("called", True), ("praised", True), ("slammed", True),
    ("lauded", True), ("blasted", True), ("accused", True), ("warned", True), ("insisted", True),
    ("tweeted", True), ("wrote", True), ("defended", True), ("attacked", True), ("according to", True), (":", True),
    ("believes", False), ("wants", False), ("plans", False), ("hopes", False), ("thinks", False),
    ("expects", False), ("shows", False), ("found", False), ("seems", False),
])
def test_speech_acts_are_statements_beliefs_are_not(cue: str, statement: bool) -> None:
    assert is_statement_cue(cue) is statement


def test_a_rules_speech_act_stays_reported() -> None:
    text = "Senator Ada Brun slammed the plan as a waste of money for the towns."
    a = Attribution("reported", 31, 68, text[31:68], "slammed", 17, 24, "Senator Ada Brun", 0, 16, None, 0.8)
    assert _rule_kind(text, a).kind == "reported"
    b = replace(a, cue="believes", kind="reported")
    assert _rule_kind("Senator Ada Brun believes the plan as a waste of money for the towns.", b).kind == "other"
