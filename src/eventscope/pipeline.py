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
from eventscope.heap import freeze_loaded
from eventscope.model import ActorRoles, Article, Claim, Event, Mention, Place, TimeRef
from eventscope.stages import (
    actors,
    assemble,
    classifier_signal,
    counts,
    detect,
    nlp,
    when,
    where,
)
from eventscope.stages.actor_dictionary import load_dictionary

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
        self.actor_dictionary = load_dictionary(self.settings.actor_dictionary)
        # The classifiers are a process-wide switch of detect's (it has no settings of its own).
        (classifier_signal.enable if self.settings.classifiers else classifier_signal.disable)()
        self.timer = StageTimer()
        freeze_loaded()

    def extract_parsed(self, parsed: nlp.ParsedArticle) -> Extraction:
        article_id = parsed.article.id
        run = self.timer.run
        mentions = run("detect", article_id, lambda: detect.detect(parsed))
        roles = run("actors", article_id,
                    lambda: actors.resolve_actors(parsed, mentions, self.actor_dictionary))
        dates = run("when", article_id, lambda: when.resolve_dates(parsed, mentions))
        places = run("where", article_id, lambda: where.resolve_places(parsed, mentions, self.gazetteer, roles))
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


# ---------------------------------------------------------------- process pool
# Each worker process loads its own Pipeline once (spaCy model, gazetteer,
# classifier) and returns only what crosses a process boundary cheaply: the
# article and its events (a spaCy Doc is large to pickle).

_worker_pipeline: Pipeline | None = None


def _init_worker(settings: Settings) -> None:
    global _worker_pipeline
    _worker_pipeline = Pipeline(settings)


def _extract_chunk(chunk: list[Article]) -> list[tuple[Article, list[Event]]]:
    if _worker_pipeline is None:
        raise RuntimeError("worker started without _init_worker")
    return [(x.article, x.events) for x in _worker_pipeline.extract_many(chunk)]


def extract_events(
    articles: Iterable[Article], settings: Settings, pipeline: Pipeline | None = None
) -> Iterator[tuple[Article, list[Event]]]:
    """Articles in, (article, events) out, in input order.

    With `settings.n_process > 1` the work is spread over a process pool, one
    batch of `settings.batch_size` articles per task.
    """
    if settings.n_process <= 1:
        runner = pipeline or Pipeline(settings)
        for extraction in runner.extract_many(articles):
            yield extraction.article, extraction.events
        return
    import multiprocessing

    def chunks() -> Iterator[list[Article]]:
        batch: list[Article] = []
        for article in articles:
            batch.append(article)
            if len(batch) >= settings.batch_size:
                yield batch
                batch = []
        if batch:
            yield batch

    context = multiprocessing.get_context("spawn")
    with context.Pool(settings.n_process, initializer=_init_worker, initargs=(settings,)) as pool:
        for results in pool.imap(_extract_chunk, chunks()):
            yield from results
