"""Shared by the where tests: a hand-made mention on a word of a parsed text."""

from __future__ import annotations

from eventscope.model import Mention, Span
from eventscope.stages.nlp import ParsedArticle


def mention_at(parsed: ParsedArticle, word: str, nth: int = 0) -> Mention:
    """A hand-made mention whose trigger is the nth occurrence of `word` (as detect would give it)."""
    text = parsed.article.text
    at = -1
    for _ in range(nth + 1):
        at = text.index(word, at + 1)
    token = next(t for t in parsed.doc if t.idx <= at < t.idx + len(t.text))
    sentence = next(s.index for s in parsed.sentences if s.start <= at < s.end)
    return Mention(id=f"{parsed.article.id}:{sentence}:{at}", article_id=parsed.article.id,
                   sentence_index=sentence, trigger=Span(at, at + len(word), word), trigger_token=token.i,
                   plover="ASSAULT", cameo="190", goldstein=-10.0)
