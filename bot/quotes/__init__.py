"""Who said what: attribution extraction, speaker resolution and topic matching (no model needed)."""
from bot.quotes.extract import Attribution
from bot.quotes.attributions import extract_attributions
from bot.quotes.people import SpeakerIndex
from bot.quotes.speakers import ArticleSpeakers, canonical_key
from bot.quotes.topics import topic_score

__all__ = [
    "ArticleSpeakers", "Attribution", "SpeakerIndex", "canonical_key",
    "extract_attributions", "topic_score",
]
