"""`eventscope ingest PATH|-`: read articles, extract events, store them.

Files, directories, JSONL and stdin are read by `eventscope.ingest.read_inputs`;
each article goes through the pipeline and then into the store in one
transaction (`EventStore.add_article`), so the run can be killed at any time
and rerun: articles already stored with the same content are skipped before
extraction, and the database ends as a clean run would leave it.

An article that cannot be read (`Rejected`) or that a stage fails on is
recorded as failed with its reason and listed at the end; nothing is dropped
silently.  A progress bar (rich, on stderr) shows articles/s and the ETA.

Importable pieces: `ingest_articles(store, items, extractor)` runs the loop
over any iterable of articles/rejections with any extractor;
`pipeline_extractor(pipeline)` adapts `eventscope.pipeline.Pipeline`;
`pool_extractor(settings, workers)` spreads extraction over processes
(`--workers`, default setting `n_process`).

Why a pool of our own and not `pipeline.extract_events`: that one yields
(article, events) without the sentences the store keeps, and one stage
error ends its whole iterator (`Pool.imap` re-raises), so the failing article
could not be named and recorded.  Here each worker runs the same
per-article retry as `pipeline_extractor` and returns `Extracted` values; the
main process alone reads the inputs, checks what is stored and writes, in
input order, so failure recording and resumability are those of one process.
"""

from __future__ import annotations

import argparse
import collections
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from eventscope.errors import EventscopeError
from eventscope.model import Article, Event, Sentence
from eventscope.store.base import EventStore, Failure


@dataclass(frozen=True)
class Extracted:
    """One article's result: its events and sentences, or the error that stopped it."""

    article: Article
    events: Sequence[Event] = ()
    sentences: Sequence[Sentence] = ()
    error: str | None = None


Extractor = Callable[[Iterable[Article]], Iterator[Extracted]]


@dataclass
class IngestReport:
    stored: int = 0
    skipped: int = 0
    new_events: int = 0
    merged: int = 0  # article events merged into an event another article reported
    near_duplicates: int = 0
    relations: int = 0
    failures: list[Failure] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> str:
        rate = (self.stored + len(self.failures)) / self.seconds if self.seconds else 0.0
        return (f"ingested {self.stored} articles ({self.skipped} already stored, {len(self.failures)} failed, "
                f"{self.near_duplicates} near-duplicates): {self.new_events} new events, {self.merged} merged "
                f"into reported events, {self.relations} relations; {self.seconds:.1f} s, {rate:.1f} articles/s")


def pipeline_extractor(pipeline: Any) -> Extractor:
    """Adapt `Pipeline.extract_many`: batches for speed, one article at a time after a failure.

    A stage error ends `extract_many`'s generator, so the rest of that batch is
    re-run article by article: only the article that broke is recorded as failed.
    """

    def extract(articles: Iterable[Article]) -> Iterator[Extracted]:
        batch: list[Article] = []
        for article in articles:
            batch.append(article)
            if len(batch) >= pipeline.settings.batch_size:
                yield from _run_batch(pipeline, batch)
                batch = []
        if batch:
            yield from _run_batch(pipeline, batch)

    return extract


def _run_batch(pipeline: Any, batch: list[Article]) -> Iterator[Extracted]:
    done: set[str] = set()
    try:
        for extraction in pipeline.extract_many(batch):
            done.add(extraction.article.id)
            yield Extracted(extraction.article, extraction.events, extraction.parsed.sentences)
        return
    except EventscopeError:
        pass  # retried one by one below, so the failing article is named
    for article in batch:
        if article.id in done:
            continue
        try:
            extraction = pipeline.extract_one(article)
        except EventscopeError as exc:
            yield Extracted(article, error=str(exc))
            continue
        yield Extracted(article, extraction.events, extraction.parsed.sentences)


def _batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for article in articles:
        batch.append(article)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


_worker_pipeline: Any = None  # one Pipeline per worker process (model, gazetteer, classifiers loaded once)


def _init_worker(settings: Any, factory: Callable[[Any], Any] | None) -> None:
    global _worker_pipeline
    if factory is None:
        from eventscope.pipeline import Pipeline

        factory = Pipeline
    _worker_pipeline = factory(settings)


def _extract_batch(batch: list[Article]) -> list[Extracted]:
    """In a worker: one batch, a stage error recorded on the article it stopped (see `_run_batch`)."""
    return list(_run_batch(_worker_pipeline, batch))


def pool_extractor(settings: Any, workers: int, factory: Callable[[Any], Any] | None = None) -> Extractor:
    """Extract over `workers` spawned processes, one batch of `settings.batch_size` per task.

    Results come back in input order.  The input is read in the calling
    process, at most 2 x workers batches ahead, so the store is only ever
    touched by the caller's thread.  `factory(settings)` builds each worker's
    pipeline (default `eventscope.pipeline.Pipeline`; a picklable stand-in in tests).
    """

    def extract(articles: Iterable[Article]) -> Iterator[Extracted]:
        import multiprocessing

        context = multiprocessing.get_context("spawn")
        with context.Pool(workers, initializer=_init_worker, initargs=(settings, factory)) as pool:
            pending: collections.deque[Any] = collections.deque()
            for batch in _batches(articles, settings.batch_size):
                pending.append(pool.apply_async(_extract_batch, (batch,)))
                if len(pending) >= 2 * workers:
                    yield from pending.popleft().get()
            while pending:
                yield from pending.popleft().get()

    return extract


def ingest_articles(store: EventStore, items: Iterable[Any], extractor: Extractor, *,
                    progress: Progress | None = None, total: int | None = None,
                    retry_failed: bool = False) -> IngestReport:
    """Run the ingest loop; `items` are `Article`s or rejections (with `.source`, `.reason`)."""
    report = IngestReport()
    start = time.perf_counter()
    task = progress.add_task("ingest", total=total) if progress is not None else None

    def advance() -> None:
        if progress is not None and task is not None:
            progress.advance(task)

    def to_extract() -> Iterator[Article]:
        for item in items:
            if not isinstance(item, Article):
                source = str(getattr(item, "source", "?"))
                reason = str(getattr(item, "reason", "rejected"))
                item_id = str(getattr(item, "id", None) or source)
                store.add_failure(None, item_id, source, reason)
                report.failures.append(Failure(item_id, source, reason))
                advance()
                continue
            status = store.status(item)
            if status == "ok" or (status == "failed" and not retry_failed):
                report.skipped += 1
                advance()
                continue
            yield item

    for result in extractor(to_extract()):
        if result.error is not None:
            store.add_failure(result.article, result.article.id, result.article.source, result.error)
            report.failures.append(Failure(result.article.id, result.article.source, result.error))
        else:
            added = store.add_article(result.article, result.events, result.sentences)
            if added.skipped:
                report.skipped += 1
            else:
                report.stored += 1
                report.new_events += len(added.new_events)
                report.merged += len(added.merged_events)
                report.near_duplicates += added.duplicate_of is not None
                report.relations += added.relations
        advance()
    report.seconds = time.perf_counter() - start
    return report


class RateColumn(ProgressColumn):
    """Articles per second, from rich's own speed estimate."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:.1f} articles/s" if speed else "- articles/s", style="progress.data.speed")


def make_progress(console: Console) -> Progress:
    return Progress(TextColumn("[progress.description]{task.description}"), BarColumn(),
                    MofNCompleteColumn(), RateColumn(), TextColumn("ETA"), TimeRemainingColumn(),
                    TimeElapsedColumn(), console=console, transient=False)


def run_ingest(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None, *,
               extractor: Extractor | None = None, reader: Callable[..., Iterable[Any]] | None = None) -> int:
    """The `ingest` command; `extractor` and `reader` replace the pipeline and reader in tests."""
    out = sys.stdout if out is None else out  # looked up per call, so callers and tests can redirect
    err = sys.stderr if err is None else err
    from eventscope.config import load_settings
    from eventscope.store.sqlite import SQLiteStore

    config = Path(args.config) if getattr(args, "config", None) else None
    settings = load_settings(config, db_path=getattr(args, "db", None),
                             spacy_model=getattr(args, "spacy_model", None))
    if reader is None:
        from eventscope.ingest import read_inputs

        reader = read_inputs
    items: Iterable[Any] = reader(args.paths, published=getattr(args, "published", None))
    total = None
    if "-" not in args.paths:  # files: read them all first so the bar has a total and an ETA
        items = list(items)
        total = len(items)
    workers = getattr(args, "workers", None) or settings.n_process
    if extractor is None and workers > 1:
        extractor = pool_extractor(settings, workers)
    elif extractor is None:
        from eventscope.pipeline import Pipeline

        extractor = pipeline_extractor(Pipeline(settings))
    console = Console(file=err, stderr=True)
    with SQLiteStore(settings.db_path) as store:
        if getattr(args, "no_progress", False):
            report = ingest_articles(store, items, extractor, total=total, retry_failed=args.retry_failed)
        else:
            with make_progress(console) as progress:
                report = ingest_articles(store, items, extractor, progress=progress, total=total,
                                         retry_failed=args.retry_failed)
    for failure in report.failures:
        err.write(f"eventscope: failed: {failure.article_id} ({failure.source}): {failure.reason}\n")
    err.write(report.summary() + "\n")
    return 1 if report.failures else 0


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add `eventscope ingest` to the CLI."""
    parser = subparsers.add_parser(
        "ingest", help="extract events from articles and add them to the event database",
        description="Read articles (files, directories, JSONL, or - for stdin), extract their events and "
                    "store them, merging reports of the same event.  Resumable: rerun after an interruption.")
    parser.add_argument("paths", nargs="+", help="files, directories, or - for stdin")
    parser.add_argument("--db", help="event database file (default: setting db_path)")
    parser.add_argument("--published", type=_date, help="publication date (YYYY-MM-DD) for every input")
    parser.add_argument("--retry-failed", action="store_true", help="extract again articles that failed before")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")
    parser.add_argument("--workers", type=_positive, help="extraction processes (default: setting n_process)")
    parser.add_argument("--config", help="TOML config file (default: ./eventscope.toml if present)")
    parser.add_argument("--spacy-model", dest="spacy_model", help="installed spaCy pipeline to use")
    parser.set_defaults(handler=run_ingest)


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"not a positive whole number: {value!r}")
    return int(value)


def _date(value: str) -> Any:
    import datetime as dt

    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from None
