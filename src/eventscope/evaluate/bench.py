"""`eventscope bench`: how fast eventscope is, against spaCy's parse alone in the same run.

Both timings use the same texts, the same loaded model and `nlp.pipe` batching,
so the ratio shows what the stages after parsing cost on this machine (the
absolute figures depend on the machine and its load).  Peak RSS is the
process's high-water mark (`resource.getrusage`), so it includes the model.
"""

from __future__ import annotations

import resource
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from eventscope.config import load_settings
from eventscope.errors import InputError
from eventscope.model import Article


def read_articles(paths: Sequence[Path], n: int | None) -> list[Article]:
    """Articles through the ingest readers when present; plain UTF-8 text files otherwise."""
    try:
        from eventscope.ingest import Rejected, read_inputs
    except ImportError:
        return _plain_text(paths, n)
    out: list[Article] = []
    for item in read_inputs([str(p) for p in paths]):
        if isinstance(item, Rejected):
            continue
        out.append(item)
        if n is not None and len(out) >= n:
            break
    return out


def _plain_text(paths: Sequence[Path], n: int | None) -> list[Article]:
    files: list[Path] = []
    for path in paths:
        files.extend(sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path])
    out = []
    for file in files:
        try:
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        if text.strip():
            out.append(Article(id=file.stem, text=text, source=str(file)))
        if n is not None and len(out) >= n:
            break
    return out


def peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024  # bytes on macOS, KiB on Linux


def bench(paths: Sequence[Path], n: int | None = None, pipeline: Any = None,
          progress: Callable[[int, int], None] | None = None) -> dict[str, Any]:
    articles = read_articles(paths, n)
    if not articles:
        raise InputError(", ".join(str(p) for p in paths), "no readable articles to time")
    if pipeline is None:
        from eventscope.pipeline import Pipeline

        pipeline = Pipeline(load_settings())
    words = sum(len(a.text.split()) for a in articles)

    # spaCy alone first: it also warms the model, so the pipeline run is not charged for the first load.
    start = time.perf_counter()
    for _doc in pipeline.nlp.pipe((a.text for a in articles), batch_size=pipeline.settings.batch_size):
        pass
    spacy_seconds = time.perf_counter() - start

    pipeline.timer.seconds.clear()
    start = time.perf_counter()
    for count, _extraction in enumerate(pipeline.extract_many(articles), 1):
        if progress:
            progress(count, len(articles))
    seconds = time.perf_counter() - start
    words_per_second = words / seconds if seconds else 0.0
    spacy_wps = words / spacy_seconds if spacy_seconds else 0.0
    return {
        "path": ", ".join(str(p) for p in paths),
        "articles": len(articles),
        "words": words,
        "seconds": round(seconds, 3),
        "articles_per_second": round(len(articles) / seconds, 3) if seconds else 0.0,
        "words_per_second": round(words_per_second, 1),
        "spacy_seconds": round(spacy_seconds, 3),
        "spacy_words_per_second": round(spacy_wps, 1),
        "ratio_to_spacy": round(words_per_second / spacy_wps, 3) if spacy_wps else 0.0,
        "peak_rss_mb": round(peak_rss_mb(), 1),
        "stage_seconds": {k: round(v, 3) for k, v in pipeline.timer.seconds.items()},
    }
