import re
from datetime import datetime, timezone
from pathlib import Path

import pytest

from bot.ingest.extract import ExtractedDocument, extract_html_document, extract_text_document

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "pages"
SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "articles"


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


# ---------------------------------------------------------------- HTML pages
def test_html_page_furniture_removed_and_metadata_from_meta_tags() -> None:
    html = (FIXTURES / "harbor_article.html").read_text(encoding="utf-8")
    doc = extract_html_document(html, url="https://www.coastalcourier.example/news/sea-wall")
    assert doc.title == "Harbor council approves new sea wall"
    assert doc.outlet == "Coastal Courier"
    assert doc.author == "Dana Whitfield"
    assert doc.published == datetime(2024, 3, 5, 12, 30, tzinfo=timezone.utc)
    assert doc.url == "https://www.coastalcourier.example/news/sea-wall"
    for quote in [
        "“We cannot keep patching a wall that was built for the storms of the last century,”",
        "“This is the cheapest option we will ever have.”",
        "“Nobody asked the people who actually use the quay every morning,”",
    ]:
        assert quote in doc.text
    for furniture in [
        "Waves break", "(AP)", "Man walks along", "senior reporter", "Donate", "Click here",
        "Leave a Reply", "Great news", "Most Popular", "Storm closes", "Privacy Policy", "Advertisement",
        "Politics", "Harbor council approves",  # the title is metadata, not body text
    ]:
        assert furniture not in doc.text, furniture
    assert doc.text.count("\n\n") == 4  # five paragraphs, blank-line separated


BARE_PAGE = """<html><head><title>Ferry line closed</title></head><body>
<article>
<h1>Ferry line closed after storm</h1>
<p>The island ferry will not run this week after the storm damaged the pier, the operator said on Monday morning.</p>
<p>Engineer Joe Park (Harbor Times/Ray Ortiz)</p>
<p>"We have never seen damage like this," said the operator's spokesman, adding that repairs would take at least ten days.</p>
<p>"We have never seen damage like this," said the operator's spokesman, adding that repairs would take at least ten days.</p>
<p>Passengers were told to use the longer road route through the valley until the pier has been inspected and repaired.</p>
<p>Sign the Petition to Reopen the Ferry</p>
<p>By: Lena Moss, Island Weekly</p>
<p>Support Island Weekly – Subscribe Today!</p>
<p>Our reporters cover every council meeting. Your subscription keeps them on the island and on the story.</p>
</article></body></html>"""


def test_html_page_without_meta_tags_uses_stated_byline() -> None:
    doc = extract_html_document(BARE_PAGE, url="https://islandweekly.example/ferry")
    assert doc.author == "Lena Moss"
    assert doc.outlet == "Island Weekly"
    assert doc.published is None
    paragraphs = doc.text.split("\n\n")
    assert paragraphs == [
        "The island ferry will not run this week after the storm damaged the pier, the operator said on Monday morning.",
        "\"We have never seen damage like this,\" said the operator's spokesman, adding that repairs would take at least ten days.",
        "Passengers were told to use the longer road route through the valley until the pier has been inspected and repaired.",
    ]


def test_html_page_without_any_outlet_falls_back_to_host() -> None:
    html = BARE_PAGE.replace("<p>By: Lena Moss, Island Weekly</p>", "")
    doc = extract_html_document(html, url="https://www.islandweekly.example/ferry")
    assert doc.outlet == "islandweekly.example"
    assert doc.author is None


def test_empty_html_gives_empty_text() -> None:
    doc = extract_html_document("<html><body><nav>Home</nav></body></html>", url=None)
    assert isinstance(doc, ExtractedDocument)
    assert doc.text == ""


# ---------------------------------------------------------------- plain text
MAILING_LIST_POST = """[Harborlist] Council approves sea wall, fishermen angry

Ann Smith asmith at example.org
Tue Mar  5 22:01:53 MST 2024

Council approves sea wall


By harbor24news
Published: 03/05/2024 - 09:10pm, updated: 09:14pm

The harbor council voted seven to two on Tuesday to build a new sea 
wall along the eastern quay, ending a debate that has lasted almost a 
decade and divided the fishing community.

"We cannot keep patching a wall that was built for the storms of the 
last century," said council chair Miriam Okafor after the vote.

More information about the Harborlist mailing list
"""


def test_mailing_list_post() -> None:
    doc = extract_text_document(MAILING_LIST_POST, source_name="post.txt")
    assert doc.title == "Council approves sea wall"
    assert doc.outlet == "harbor24news"
    assert doc.author is None  # the list poster is not the article's author
    assert doc.published == datetime(2024, 3, 5, 21, 10, tzinfo=timezone.utc)
    assert doc.url is None
    assert doc.text == (
        "The harbor council voted seven to two on Tuesday to build a new sea wall along the eastern quay, "
        "ending a debate that has lasted almost a decade and divided the fishing community.\n\n"
        "\"We cannot keep patching a wall that was built for the storms of the last century,\" "
        "said council chair Miriam Okafor after the vote."
    )


def test_mailing_list_post_without_byline_uses_list_and_post_date() -> None:
    raw = MAILING_LIST_POST.replace("By harbor24news\n", "").replace(
        "Published: 03/05/2024 - 09:10pm, updated: 09:14pm\n", "https://harbor24.example/sea-wall\n"
    )
    doc = extract_text_document(raw)
    assert doc.outlet == "Harborlist mailing list"
    assert doc.published == datetime(2024, 3, 6, 5, 1, 53, tzinfo=timezone.utc)
    assert doc.url == "https://harbor24.example/sea-wall"
    assert "harbor24.example" not in doc.text


def test_lowercase_slug_title_takes_spelling_from_the_article() -> None:
    raw = "\n\n".join(
        [
            "okafor and the harbor council",
            "Storm damage",
            "The flooded quay after the storm. (AP)",
            "Miriam Okafor and the Harbor Council agreed on Tuesday to build a new sea wall along the quay.",
            "\"It is the cheapest option,\" Okafor said after the council vote on the harbor plan.",
        ]
    )
    doc = extract_text_document(raw)
    assert doc.title == "Okafor and the harbor council"
    assert doc.text.startswith("Miriam Okafor")


def test_text_without_title_or_metadata() -> None:
    raw = "The council voted on Tuesday to build a new sea wall along the eastern quay of the old harbor.\n"
    doc = extract_text_document(raw, source_name="https://harbor.example/a")
    assert doc.title is None and doc.outlet is None and doc.author is None and doc.published is None
    assert doc.url == "https://harbor.example/a"
    assert doc.text == raw.strip()


@pytest.mark.parametrize("first", [
    "Harbor council votes for a new sea wall.",  # a headline ending in a full stop
    "Council backs the sea wall;",  # a headline over its deck, cut at a semicolon
    "31 councillors back the new sea wall.",
])
def test_a_short_first_line_before_longer_paragraphs_is_the_headline(first: str) -> None:
    raw = (f"{first}\n\nThe mayor still has to find the money.\n\n"
           "The council voted on Tuesday to build a new sea wall along the eastern quay of the old harbor, "
           "after two winters of floods that closed the ferry and the fish market for weeks.\n")
    doc = extract_text_document(raw)
    assert doc.title == first.rstrip(";")
    assert not doc.text.startswith(first.rstrip(";"))


# ---------------------------------------------------------------- bundled samples
SAMPLE_EXPECTATIONS = {
    "000": dict(
        title="Putin and Netanyahu",  # the slug-like first line, spelt as in the article
        outlet="United with Israel",
        author="Terri Nir",
        published=None,
        dropped=[
            "putin and netanyahu", "Islamic terror threatens Germany", "Security check after", "Man grieves in Paris",
            "By: Terri Nir", "Bring Chanukah Joy", "We are honored", "Warm up a soldier", "Send a gift",
            "Click Here", "Donate to Israel", "Source: United",
        ],
    ),
    "001": dict(
        title="Netanyahu and Putin agree to expand and deepen military coordination",
        outlet="i24news",
        author=None,
        published=datetime(2015, 11, 30, 21, 10, tzinfo=timezone.utc),
        dropped=[
            "[Marxism]", "Michael Karadjis", "Netanyahu and Putin agree", "By i24news", "Published:",
            "Israeli Prime Minister Benjamin Netanyahu and Russian President Vladmir", "Ivan Sekretarev",
            "More information about the Marxism mailing list",
        ],
    ),
    "002": dict(
        title="Netanyahu in Moscow",
        outlet="United with Israel",
        author=None,
        published=None,
        dropped=[
            "(Youtube/Screenshot)", "Netanyahu in Moscow", "Netanyahu receives full honors", "Netanyahu visits",
            "PM Benjamin and Sara", "PM Benjamin Netanyahu and his wife", "By: AP", "Sign the Petition",
            "Petition to the", "We urge our leaders", "See our Privacy Policy",
        ],
    ),
    "003": dict(
        title="PM: Israel, Russia deepening coordination to avoid Syria ‘mishaps’",
        outlet="The Times of Israel",  # stated by the author's bio line
        author="Tamar Pileggi",
        published=None,
        dropped=[
            "PM: Israel, Russia", "Tamar Pileggi is a breaking news editor",
            "Prime Minister Benjamin Netanyahu (left) meets", "Prime Minister Benjamin Netanyahu meets with Canadian",
            "(screen capture: YouTube)", "(Amos Ben Gershom/GPO)", "Times of Israel staff contributed", "Most Popular", "read more:",
        ],
    ),
    "004": dict(
        title="Prime Minister Netanyahu Meets with Putin, Agrees to Coordinate Military Action",
        outlet=None,
        author=None,
        published=None,
        dropped=["Prime Minister Netanyahu Meets with Putin", "One thought on", "Leave a Reply"],
    ),
}


def _sample(prefix: str) -> Path:
    (path,) = SAMPLES.glob(f"{prefix}_*.txt")
    return path


def _blocks(raw: str) -> list[str]:
    return [squash(b) for b in re.split(r"\n\s*\n", raw) if b.strip()]


@pytest.mark.parametrize("prefix", sorted(SAMPLE_EXPECTATIONS))
def test_sample_articles(prefix: str) -> None:
    expected = SAMPLE_EXPECTATIONS[prefix]
    raw = _sample(prefix).read_text(encoding="utf-8")
    doc = extract_text_document(raw, source_name=str(_sample(prefix)))
    assert (doc.title, doc.outlet, doc.author, doc.published) == (
        expected["title"], expected["outlet"], expected["author"], expected["published"]
    )
    text = squash(doc.text)
    dropped = expected["dropped"]
    for furniture in dropped:
        assert furniture not in doc.text, furniture
    # every other paragraph of the original (all the article's sentences and quotations) is kept verbatim
    for block in _blocks(raw):
        if not any(block.startswith(d) for d in dropped):
            assert block in text, block
    assert "\n\n\n" not in doc.text and "\n\n" in doc.text


def test_sample_quotations_survive() -> None:
    furniture_quotes = {"The Tomb of the Unknown Soldier", "open doors towards Israel.", "Russian President Vladimir Putin (left)"}
    for path in sorted(SAMPLES.glob("*.txt")):
        raw = path.read_text(encoding="utf-8")
        text = squash(extract_text_document(raw).text)
        for block in _blocks(raw):
            for quote in re.findall(r"“([^“”]+)”", block):
                if not any(quote.startswith(f) for f in furniture_quotes) and "One thought" not in block:
                    assert quote in text, (path.name, quote)
