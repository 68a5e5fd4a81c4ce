"""Shared by the unseen-wire-story tests: finding an event or a mention by its trigger word."""

from __future__ import annotations


def triggers(event) -> list[str]:
    """The trigger words of an assembled event, in the order its evidence gives them."""
    return [ev.text for ev in event.evidence if ev.field == "trigger"]


def event_with(events, word: str):
    """The first event one of whose triggers is `word`."""
    return next(e for e in events if word in triggers(e))


def mention_of(extraction, word: str):
    """The first mention of an extraction whose trigger text is `word`."""
    return next(m for m in extraction.mentions if m.trigger.text == word)


def extract(pipeline, text: str, published, article_id: str = "story"):
    """One article through the whole pipeline, with its publication date."""
    from eventscope.model import Article

    return pipeline.extract_one(Article(id=article_id, text=text, published=published))
