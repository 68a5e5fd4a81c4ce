"""Golden files: real articles (tests/golden/*.txt) and the events we judge correct.

Each `NAME.gold.json` (DESIGN.md's gold format) lists the events a careful
coder finds; those marked `core` must be found by the pipeline.  `must_not`
lists events that must not be output.  `NAME.events.json` is a snapshot of
the whole output, sorted, updated only with `pytest --update-golden` and
reviewed as a diff.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from eventscope.ingest import Rejected, read_inputs
from eventscope.model import Event
from eventscope.stages.assemble import date_interval

GOLDEN = Path(__file__).resolve().parent / "golden"
CASES = sorted(p.name.removesuffix(".gold.json") for p in GOLDEN.glob("*.gold.json"))


def _gold_interval(gold: dict) -> tuple[dt.date, dt.date]:
    text, precision = gold["date"], gold.get("date_precision", "day")
    if precision == "year" or len(text) == 4:
        start, end = dt.date(int(text[:4]), 1, 1), dt.date(int(text[:4]), 12, 31)
    elif precision == "month" or len(text) == 7:
        start = dt.date(int(text[:4]), int(text[5:7]), 1)
        end = (start + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    else:
        start = end = dt.date.fromisoformat(text)
    slack = dt.timedelta(days=int(gold.get("date_tolerance_days", 0)))
    return start - slack, end + slack


def matches(gold: dict, event: Event) -> bool:
    """DESIGN.md's rule: PLOVER type agrees, date within the gold precision, a country agrees."""
    if event.plover != gold["plover"]:
        return False
    if "date" in gold:
        interval = date_interval(event.date)
        low, high = _gold_interval(gold)
        if interval is None or not (low <= interval[0] <= high or low <= interval[1] <= high
                                    or interval[0] <= low <= interval[1]):
            return False
    countries = set(gold.get("countries", ()))
    return not countries or bool(event.place and event.place.country in countries)


def field_problems(gold: dict, event: Event) -> list[str]:
    problems = []
    if "plover_mode" in gold and event.plover_mode != gold["plover_mode"]:
        problems.append(f"mode {event.plover_mode} != {gold['plover_mode']}")
    if gold.get("recalled", False) != event.recalled:
        problems.append(f"recalled {event.recalled} != {gold.get('recalled', False)}")
    if "fatalities" in gold:
        low, high = gold["fatalities"]["min"], gold["fatalities"]["max"]
        best = event.fatalities.best if event.fatalities else None
        if best is None or not low <= best <= high:
            problems.append(f"fatalities {best} not in [{low}, {high}]")
    for role in ("actor1", "actor2"):
        if f"{role}_country" in gold:
            countries = {a.country for a in getattr(event, role)}
            if gold[f"{role}_country"] not in countries:
                problems.append(f"{role} countries {sorted(c or '-' for c in countries)} lack {gold[f'{role}_country']}")
    return problems


def snapshot(events: list[Event]) -> list[dict]:
    rows = []
    for e in events:
        rows.append({
            "plover": e.plover, "mode": e.plover_mode, "cameo": e.cameo, "acled": e.acled_sub_type,
            "date": e.date.date.isoformat() if e.date.date else None, "precision": e.date.precision.value,
            "place": e.place.name if e.place else None, "country": e.place.country if e.place else None,
            "actor1": sorted(a.name for a in e.actor1), "actor2": sorted(a.name for a in e.actor2),
            "killed": e.fatalities.best if e.fatalities else None,
            "modality": e.modality.value, "recalled": e.recalled,
            "trigger": [ev.text for ev in e.evidence if ev.field == "trigger"][:1],
        })
    return sorted(rows, key=lambda r: json.dumps(r, sort_keys=True))


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES)
def test_golden_article(case: str, pipeline, request) -> None:
    gold = json.loads((GOLDEN / f"{case}.gold.json").read_text(encoding="utf-8"))
    items = list(read_inputs([GOLDEN / gold["document"]], published=gold.get("published")))
    assert len(items) == 1 and not isinstance(items[0], Rejected), items
    events = pipeline.extract_one(items[0]).events

    missing, wrong = [], []
    for index, expected in enumerate(gold["events"]):
        found = [e for e in events if matches(expected, e)]
        if not found:
            if expected.get("core"):
                missing.append(f"event {index}: {expected}")
            continue
        best = min(found, key=lambda e: len(field_problems(expected, e)))
        problems = field_problems(expected, best)
        if problems and expected.get("core"):
            wrong.append(f"event {index} ({expected['plover']} {expected.get('date')}): {'; '.join(problems)}")
    for banned in gold.get("must_not", []):
        for event in events:
            triggers = " ".join(ev.text for ev in event.evidence if ev.field == "trigger")
            if event.plover == banned["plover"] and banned["text"] in triggers:
                wrong.append(f"must not output {banned}: got {event.id}")
    assert not missing and not wrong, "\n".join(missing + wrong)

    snapshot_path = GOLDEN / f"{case}.events.json"
    current = snapshot(events)
    if request.config.getoption("--update-golden"):
        snapshot_path.write_text(json.dumps(current, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    if not snapshot_path.exists():
        pytest.fail(f"{snapshot_path.name} is missing: write it with `pytest --update-golden` and review it")
    assert json.loads(snapshot_path.read_text(encoding="utf-8")) == current, (
        f"{snapshot_path.name} differs: review with `pytest --update-golden` and `git diff`"
    )
