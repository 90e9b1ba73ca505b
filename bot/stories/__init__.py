"""Grouping articles into stories: ``StoryClusterer``, ``StoryDoc``, ``story_headline``."""
from bot.stories.cluster import StoryClusterer
from bot.stories.doc import StoryDoc
from bot.stories.headline import story_headline

__all__ = ["StoryClusterer", "StoryDoc", "story_headline"]
