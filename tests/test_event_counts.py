"""Every kind of figure the counts stage reads reaches the event: killed, injured, abducted, arrested."""

from __future__ import annotations

import datetime as dt

import pytest

from eventscope.model import Article, ClaimKind

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(("text", "kind", "best"), [
    ("Gunmen kidnapped at least 20 passengers on the Abuja-Kaduna highway on Monday, police said.",
     ClaimKind.ABDUCTED, 20),
    ("Police arrested hundreds of protesters in Minsk on Sunday.", ClaimKind.ARRESTED, 100),
])
def test_abducted_and_arrested_reach_the_event(pipeline, text: str, kind: ClaimKind, best: int) -> None:
    events = pipeline.extract_one(Article(id="t", text=text, published=dt.date(2021, 6, 29))).events
    counts = {k: c for e in events for k, c in e.counts}
    assert kind in counts and counts[kind].best == best, [(e.plover, e.counts) for e in events]
    assert all(claim.kind == kind for claim in counts[kind].claims)
