"""Aligning a GSR coder's actor text with the sentence (verbatim, elided, or normalised)."""

from __future__ import annotations

import pytest

from eventscope.evaluate.load_dyads import align_actor

SENTENCE = "U.S. and Russian negotiators return to Geneva, a U.N. spokesman said of the German proposal."


@pytest.mark.parametrize(("surface", "found"), [
    ("Russian negotiators", "Russian negotiators"),           # verbatim
    ("russian NEGOTIATORS", "Russian negotiators"),           # case aside
    ("U.S. ... negotiators", "U.S. and Russian negotiators"),  # elided: first piece to last piece
    ("West German", "German"),                                # normalised: longest run of its words
    ("U.N. military personnel", "U.N."),
])
def test_actor_text_is_aligned(surface: str, found: str) -> None:
    span = align_actor(SENTENCE, surface)
    assert span is not None and span.text == found
    assert SENTENCE[span.start:span.end] == span.text


def test_function_words_alone_do_not_align() -> None:
    assert align_actor(SENTENCE, "the Government of Zimbabwe") is None
    assert align_actor("Talks began.", "the of") is None
