"""`evaluate(name, path)`: load a dataset, predict, score, and time it.

The dataset names are the `--dataset` choices of `eventscope eval`.  Resources
(a Pipeline, a spaCy model) are built only when the dataset needs them, and
can be passed in by tests.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventscope.errors import ConfigError, DatasetError
from eventscope.evaluate import predict
from eventscope.evaluate.load_acled import load_acled
from eventscope.evaluate.load_dyads import load_plover_gsr, load_plv
from eventscope.evaluate.load_gold import load_gold
from eventscope.evaluate.load_labeled import load_case2021, load_event_location
from eventscope.evaluate.load_muc4 import load_muc4
from eventscope.evaluate.load_spans import load_rams, load_wikievents
from eventscope.evaluate.records import (
    Dataset,
    ErrorRecord,
    GoldDocument,
    GoldDyad,
    GoldLocation,
    GoldSnippet,
    Score,
)
from eventscope.evaluate.score_events import score_events
from eventscope.evaluate.scorers import score_dyads, score_locations, score_snippets
from eventscope.evaluate.tables import label_table

LOADERS: dict[str, Callable[[Path], Dataset]] = {
    "plv": load_plv,
    "plover-gsr": load_plover_gsr,
    "rams": load_rams,
    "wikievents": load_wikievents,
    "muc4": load_muc4,
    "case2021": load_case2021,
    "event-location": load_event_location,
    "acled": load_acled,
    "gold": load_gold,
}

# Which label table maps a prediction back to the dataset's own class names (per-class rows).
_CLASS_TABLES = {"plv": "plv.tsv", "plover-gsr": "plover_gsr.tsv", "muc4": "muc4.tsv",
                 "acled": "acled_types.tsv", "rams": "rams.tsv", "wikievents": "wikievents.tsv"}


@dataclass
class EvalResult:
    dataset: str
    path: str
    n: int
    seconds: float
    score: Score
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "dataset": self.dataset,
            "path": self.path,
            "n": self.n,
            "seconds": round(self.seconds, 3),
            "metrics": {k: round(v, 4) for k, v in self.score.metrics.items()},
            "support": dict(self.score.support),
            "per_class": self.score.per_class,
            "worst_errors": [dataclasses.asdict(e) for e in worst_errors(self.score)],
            "notes": self.notes,
        }


def worst_errors(score: Score, k: int = 20) -> list[ErrorRecord]:
    """The k most severe errors, taken in turn from each kind (missed, spurious, date …) so that one
    plentiful kind does not hide the others."""
    by_kind: dict[str, list[ErrorRecord]] = {}
    for error in sorted(score.errors, key=lambda e: -e.severity):
        by_kind.setdefault(error.what, []).append(error)
    queues = sorted(by_kind.values(), key=lambda q: -q[0].severity)
    out: list[ErrorRecord] = []
    while len(out) < k and any(queues):
        for queue in queues:
            if queue and len(out) < k:
                out.append(queue.pop(0))
    return out


# Datasets shipped as one file, and the names that file may have when PATH is its folder (a release
# folder holds dev.jsonl or test.jsonl, meta.json, a coref/ folder …).  The other loaders read folders.
_FILE_PATTERNS: dict[str, tuple[str, ...]] = {
    "plv": ("*.tsv",),
    "plover-gsr": ("*.json",),
    "rams": ("*.jsonlines", "*.jsonl"),
    "wikievents": ("*.jsonl", "*.jsonlines"),
    "event-location": ("*.jsonl", "*.jsonl.zip"),
}


def data_files(name: str, path: Path) -> list[Path]:
    """The data files of dataset NAME at PATH: PATH itself, or the matching files directly in the folder."""
    patterns = _FILE_PATTERNS.get(name)
    if patterns is None or not path.is_dir():
        return [path]
    found = sorted({f for pattern in patterns for f in path.glob(pattern)
                    if f.is_file() and f.name != "meta.json"})
    if not found:
        raise DatasetError(str(path), f"no {' or '.join(patterns)} file in this folder for dataset {name}")
    return found


def load_dataset(name: str, path: Path, limit: int | None = None) -> Dataset:
    if name not in LOADERS:
        raise DatasetError(name, f"unknown dataset; choose one of {', '.join(LOADERS)}")
    if not path.exists():
        raise DatasetError(str(path), "no such file or folder")
    files = data_files(name, path)
    dataset = LOADERS[name](files[0])
    for more in files[1:]:
        dataset = dataclasses.replace(dataset, items=dataset.items + LOADERS[name](more).items,
                                      path=f"{dataset.path}, {more}")
    if limit is not None and limit >= 0:
        dataset = dataclasses.replace(dataset, items=dataset.items[:limit])
    return dataset


def evaluate(name: str, path: Path, *, limit: int | None = None, predictions_path: Path | None = None,
             make_pipeline: Callable[[], Any] | None = None, nlp_model: Any = None,
             progress: Callable[[int, int], None] | None = None) -> EvalResult:
    """Score eventscope (or, with `predictions_path`, a coded dataset) on one dataset."""
    start = time.perf_counter()
    dataset = load_dataset(name, path, limit)
    items = dataset.items
    total = len(items)
    tick = (lambda count: progress(count, total)) if progress else None
    notes = [f"labels mapped by {dataset.labels_note}"] if dataset.labels_note else []

    def pipeline() -> Any:
        if make_pipeline is not None:
            return make_pipeline()
        from eventscope.config import load_settings

        try:
            from eventscope.pipeline import Pipeline
        except ImportError as exc:
            raise ConfigError(f"the extraction pipeline cannot be loaded ({exc})") from None
        return Pipeline(load_settings())

    def model() -> Any:
        if nlp_model is not None:
            return nlp_model
        from eventscope.config import load_settings
        from eventscope.stages.nlp import load_model

        return load_model(load_settings().spacy_model)

    if predictions_path is not None and dataset.kind != "events":
        raise DatasetError(str(predictions_path), f"--predictions scores event data; {name} is not")
    if dataset.kind == "events":
        docs = [d for d in items if isinstance(d, GoldDocument)]
        if predictions_path is not None:
            preds = predict.predictions_from_file(docs, predictions_path)
            notes.append(f"predictions read from {predictions_path}")
        else:
            preds = predict.predict_documents(docs, pipeline(), dataset.unit, tick)
        table = label_table(_CLASS_TABLES[name], hierarchical=name in ("rams", "wikievents")) \
            if name in _CLASS_TABLES else None
        def label_of_pred(p: Any) -> str:
            if name == "acled" and p.acled_sub_type:  # ACLED rows are classed by sub-event type
                return str(p.acled_sub_type)
            return table.dataset_label_for(sorted(p.labels)[0]) if table else p.label

        score = score_events(
            dataset, preds, label_of_pred,
            (lambda g: table.row_for(g.label) or g.label) if table and table.hierarchical else None,
        )
    elif dataset.kind == "dyads":
        dyads = [d for d in items if isinstance(d, GoldDyad)]
        score = score_dyads(dyads, predict.predict_dyads(dyads, model(), tick), label_table(_CLASS_TABLES[name]))
    elif dataset.kind == "snippets":
        snippets = [d for d in items if isinstance(d, GoldSnippet)]
        score = score_snippets(snippets, predict.predict_snippets(snippets, pipeline(), tick))
    else:
        locations = [d for d in items if isinstance(d, GoldLocation)]
        score = score_locations(locations, predict.predict_locations(locations, model(), tick))
    return EvalResult(name, str(path), total, time.perf_counter() - start, score, notes)
