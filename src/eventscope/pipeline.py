"""Runs the stages in order and names the stage in every error.

    ingest -> nlp -> detect -> actors / when / where / counts -> assemble

Each stage is a function of typed records (see `eventscope.model`); this
module only wires them together, times them, and turns an unexpected failure
into a `StageError` that says which stage broke on which article.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TypeVar

from eventscope.config import Settings
from eventscope.errors import EventscopeError, StageError
from eventscope.model import ActorRoles, Article, Claim, Event, Mention, Place, TimeRef
from eventscope.stages import actors, assemble, counts, detect, nlp, when, where

T = TypeVar("T")


@dataclass
class StageTimer:
    """Seconds spent per stage, summed over every article of a run."""

    seconds: dict[str, float] = field(default_factory=lambda: defaultdict(float))

    def run(self, stage: str, article_id: str, fn: Callable[[], T]) -> T:
        start = time.perf_counter()
        try:
            return fn()
        except EventscopeError:
            raise
        except Exception as exc:  # a bug in a stage: say where it happened
            raise StageError(stage, article_id, f"{type(exc).__name__}: {exc}") from exc
        finally:
            self.seconds[stage] += time.perf_counter() - start


@dataclass(frozen=True)
class Extraction:
    """Everything the stages found in one article, before and after assembly."""

    parsed: nlp.ParsedArticle
    mentions: list[Mention]
    roles: dict[str, ActorRoles]
    dates: dict[str, TimeRef]
    places: dict[str, Place | None]
    claims: dict[str, tuple[Claim, ...]]
    events: list[Event]

    @property
    def article(self) -> Article:
        return self.parsed.article


class Pipeline:
    """The extraction pipeline with its resources loaded once.

    External resources (spaCy model, gazetteer) are passed in or loaded from
    the settings, so tests can swap them.
    """

    def __init__(self, settings: Settings | None = None, *, nlp_model=None, gazetteer=None) -> None:
        self.settings = settings or Settings()
        self.nlp = nlp_model if nlp_model is not None else nlp.load_model(self.settings.spacy_model)
        self.gazetteer = gazetteer if gazetteer is not None else where.load_gazetteer(self.settings)
        self.timer = StageTimer()

    def extract_parsed(self, parsed: nlp.ParsedArticle) -> Extraction:
        article_id = parsed.article.id
        run = self.timer.run
        mentions = run("detect", article_id, lambda: detect.detect(parsed))
        roles = run("actors", article_id, lambda: actors.resolve_actors(parsed, mentions))
        dates = run("when", article_id, lambda: when.resolve_dates(parsed, mentions))
        places = run("where", article_id, lambda: where.resolve_places(parsed, mentions, self.gazetteer))
        claims = run("counts", article_id, lambda: counts.extract_claims(parsed, mentions))
        events = run(
            "assemble", article_id,
            lambda: assemble.assemble(parsed, mentions, roles, dates, places, claims),
        )
        return Extraction(parsed, mentions, roles, dates, places, claims, events)

    def extract_one(self, article: Article) -> Extraction:
        parsed = self.timer.run("nlp", article.id, lambda: nlp.parse(article, self.nlp))
        return self.extract_parsed(parsed)

    def extract_many(self, articles: Iterable[Article]) -> Iterator[Extraction]:
        """Parse in batches (nlp.pipe), then run the other stages article by article."""
        batch: list[Article] = []
        for article in articles:
            batch.append(article)
            if len(batch) >= self.settings.batch_size:
                yield from self._run_batch(batch)
                batch = []
        if batch:
            yield from self._run_batch(batch)

    def _run_batch(self, batch: list[Article]) -> Iterator[Extraction]:
        start = time.perf_counter()
        parsed_batch = list(nlp.parse_many(batch, self.nlp, batch_size=self.settings.batch_size))
        self.timer.seconds["nlp"] += time.perf_counter() - start
        for parsed in parsed_batch:
            yield self.extract_parsed(parsed)
