"""Questions that name when something was said ("in his victory speech", "after she won X") and
people named in the topic by one of their names: on articles written for these tests."""
from __future__ import annotations

from pathlib import Path

import pytest

from bot.app import App
from ask_fixtures import app_with_articles, ask  # tests/core is on sys.path (no __init__.py)

SPEECH = """Kask wins the Harbour primary

Ivo Kask won the Harbour primary on Tuesday night, beating Lena Marr by twelve points.

In his victory speech in Port Vell, Kask thanked the dock workers who had carried his campaign.

"We will build the ferry, and we will build it in Norland, with Norland steel," Kask said.

The crowd cheered for several minutes.
"""

NARRATIVE = """Kask leads the race for the nomination

Ivo Kask had also claimed a victory in the Harbour primary last month but trails Marr in the delegate count.

On the budget, Kask said the tunnel would have to wait for another decade.
"""

PRAISE = """Marr sweeps the northern states

Lena Marr won Ostra and Vell on Tuesday, and turned to her rival in a speech to supporters.

Marr said she admired Kask and his supporters for "fighting to get big money out of our ports."

Turnout was the highest in a decade.
"""


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> App:
    return app_with_articles(tmp_path_factory.mktemp("occasion"), {
        "speech.txt": SPEECH, "narrative.txt": NARRATIVE, "praise.txt": PRAISE})


def test_what_someone_said_in_a_speech_is_what_the_speech_paragraphs_hold(app: App) -> None:
    data = ask(app, "What did Ivo Kask say in his Harbour victory speech?")
    assert data["quotes"], data["answer"]
    assert "build the ferry" in data["quotes"][0]["text"]


def test_a_person_in_the_topic_is_found_by_their_surname(app: App) -> None:
    data = ask(app, "what did Marr say about Ivo after she won Ostra and Vell")
    assert any("big money out of our ports" in q["text"] for q in data["quotes"]), data
