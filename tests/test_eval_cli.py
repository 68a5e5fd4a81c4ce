"""`eventscope eval` / `bench` commands: JSON shape, --predictions, one-line errors with exit 2."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from eventscope.evaluate.cli import register


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    from eventscope.errors import EventscopeError

    parser = argparse.ArgumentParser(prog="eventscope")
    register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    try:
        code = args.handler(args)
    except EventscopeError as exc:  # what eventscope.cli.main does
        print(f"eventscope: {exc}", file=__import__("sys").stderr)
        code = 2
    out, err = capsys.readouterr()
    return code, out, err


def test_eval_gold_with_predictions_json(fixtures_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    eval_dir = fixtures_dir / "eval"
    code, out, _err = run(["eval", str(eval_dir / "gold_sample.json"), "--dataset", "gold", "--json", "--quiet",
                           "--predictions", str(eval_dir / "predictions_sample.jsonl")], capsys)
    assert code == 0
    data = json.loads(out)
    assert data["dataset"] == "gold" and data["n"] == 1 and data["seconds"] >= 0
    metrics = data["metrics"]
    # ASSAULT found (date, SYR); the ACCUSE event missed; the PROTEST prediction spurious.
    assert metrics["event_precision"] == 0.5 and metrics["event_recall"] == 0.5
    assert metrics["fatalities_exact"] == 1.0 and metrics["actor1_country_accuracy"] == 1.0
    assert metrics["core_recall"] == 1.0 and metrics["must_not_violations"] == 0.0
    assert {e["what"] for e in data["worst_errors"]} == {"missed event", "spurious event"}


def test_eval_readable_output(fixtures_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    eval_dir = fixtures_dir / "eval"
    code, out, _err = run(["eval", str(eval_dir / "gold_sample.json"), "--dataset", "gold", "--quiet",
                           "--predictions", str(eval_dir / "predictions_sample.jsonl")], capsys)
    assert code == 0
    assert "per class" in out and "worst errors" in out and "event_f1" in out


def test_eval_missing_path_is_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(["eval", str(tmp_path / "nope.csv"), "--dataset", "acled"], capsys)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "nope.csv: no such file or folder" in err


def test_eval_bad_predictions_line(fixtures_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "pred.jsonl"
    bad.write_text("{not json\n", encoding="utf-8")
    code, _out, err = run(["eval", str(fixtures_dir / "eval" / "gold_sample.json"), "--dataset", "gold",
                           "--quiet", "--predictions", str(bad)], capsys)
    assert code == 2 and "pred.jsonl: line 1: not valid JSON" in err
