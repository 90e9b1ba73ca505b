"""Every attribution in an article: the rules' findings (``bot.quotes.extract``) joined with the
statistical model's (``bot.quotes.model``), speakers resolved."""
from __future__ import annotations

from bot.quotes.extract import Attribution, rules
from bot.quotes.model.tagger import AttributionTagger, default_tagger
from bot.quotes.speakers import KnownRoles

_DEFAULT = object()


def extract_attributions(text: str, known_roles: KnownRoles | None = None,
                         tagger: AttributionTagger | None | object = _DEFAULT) -> list[Attribution]:
    """Every attribution in ``text``, in text order. ``known_roles(name)`` may tell the roles other
    articles gave a person this article names only briefly ("Kask" here, "Norlandian President
    Ivo Kask" elsewhere), so that "the Norlandian president" still resolves.

    The committed model is used unless ``tagger`` gives another ``AttributionTagger`` (None: the
    rules alone)."""
    ex, items = rules(text)
    if tagger is _DEFAULT:
        tagger = default_tagger()
    if tagger is not None:
        items = tagger.attributions(ex, items)
    items = ex.resolve(items, known_roles)
    return sorted(items, key=lambda a: a.content_start)


__all__ = ["Attribution", "default_tagger", "extract_attributions"]
