"""Shared by the actor tests: the roles the actors stage gives one trigger word of a parsed sentence."""

from __future__ import annotations

from eventscope.model import ActorRoles, Article, Mention, Span
from eventscope.stages.actors import resolve_actors
from eventscope.stages.nlp import parse


def roles_at(nlp, text: str, trigger: str, occurrence: int = 0, plover: str = "X", cameo: str = "",
             goldstein: float = 0.0) -> ActorRoles:
    """actor1/actor2 for a mention on the `occurrence`-th token spelled `trigger`."""
    parsed = parse(Article(id="t", text=text), nlp)
    token = [t for t in parsed.doc if t.text == trigger][occurrence]
    mention = Mention(id="m", article_id="t", sentence_index=0,
                      trigger=Span(token.idx, token.idx + len(token.text), token.text),
                      trigger_token=token.i, plover=plover, cameo=cameo, goldstein=goldstein)
    return resolve_actors(parsed, [mention])["m"]
