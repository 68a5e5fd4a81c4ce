"""event_location_span against the event-location dev file (a slice, to stay fast).

Accuracy as the eval harness defines it: over sentences with a VERB, the
predicted span overlaps a gold LOCATION span, or there is no gold LOCATION and
no prediction.  The floor is below the full-file figure (0.79 cross-validated)
because 120 sentences are a noisy sample; it guards against regressions, not
the target.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from eventscope.config import Settings
from eventscope.gazetteer import Gazetteer
from eventscope.model import Article
from eventscope.stages.nlp import parse
from eventscope.stages.where import event_location_span

pytestmark = [pytest.mark.slow, pytest.mark.shared]

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
from train_event_location import gold_char_span, overlaps  # noqa: E402


def test_event_location_accuracy_on_a_dev_slice(nlp, shared_dir: Path) -> None:
    path = Settings().gazetteer_path
    if not path.exists():
        pytest.skip("compiled gazetteer not built (eventscope gazetteer build)")
    gaz = Gazetteer(path)
    lines = (shared_dir / "bench" / "event-location" / "labeled_text.jsonl").read_text(encoding="utf-8").splitlines()
    right = total = 0
    for line in lines[::80][:120]:
        row = json.loads(line)
        verbs = [gold_char_span(row, s) for s in row.get("spans", []) if s["label"] == "VERB"]
        if not verbs:
            continue
        gold = [gold_char_span(row, s) for s in row.get("spans", []) if s["label"] == "LOCATION"]
        parsed = parse(Article(id="el", text=row["text"]), nlp)
        trigger = parsed.doc.char_span(*verbs[0], alignment_mode="expand")
        if trigger is None:
            continue
        span = event_location_span(parsed, trigger.root.i, gaz)
        predicted = (span.start, span.end) if span else None
        right += (predicted is None and not gold) or (predicted is not None and overlaps(predicted, gold))
        total += 1
    assert total > 100
    assert right / total >= 0.62
