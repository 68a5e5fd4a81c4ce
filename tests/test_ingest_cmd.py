"""`eventscope ingest`: failures listed, reruns skip, a kill -9 midway resumes to a clean run's database.

The resume test runs the real command logic (`store.ingest.run_ingest`) in a
subprocess with a fast fake pipeline (tests/fixtures/store/fake_pipeline.py):
500 spaCy parses would not fit the CI time.  `test_real_pipeline_end_to_end`
runs the real pipeline on the reference article and the second agency's.
"""

from __future__ import annotations

import argparse
import io
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from eventscope.store.ingest import register
from eventscope.store.sqlite import SQLiteStore

FAKE_DIR = Path(__file__).resolve().parent / "fixtures" / "store"
sys.path.insert(0, str(FAKE_DIR))
import fake_pipeline  # noqa: E402


def run(argv: list[str], **inject) -> tuple[int, str]:
    parser = argparse.ArgumentParser()
    register(parser.add_subparsers())
    args = parser.parse_args(["ingest", *argv])
    err = io.StringIO()
    code = args.handler(args, out=io.StringIO(), err=err, extractor=fake_pipeline.fake_extract,
                        reader=fake_pipeline.read_jsonl, **inject)
    return code, err.getvalue()


def test_failures_are_recorded_listed_and_the_rerun_skips_everything(tmp_path: Path) -> None:
    corpus = fake_pipeline.write_corpus(tmp_path / "in.jsonl", 60, broken_lines=1)
    db = tmp_path / "events.db"
    code, err = run(["--db", str(db), str(corpus)])
    assert code == 1
    failed = [line for line in err.splitlines() if line.startswith("eventscope: failed:")]
    assert len(failed) == 2  # one line that is not JSON, one article the fake pipeline fails on
    assert any("not valid JSON" in line for line in failed) and any("fake failure" in line for line in failed)
    assert "articles/s" in err and "ETA" in err  # the progress bar, on stderr
    summary = err.strip().splitlines()[-1]
    assert summary.startswith("ingested 59 articles (0 already stored, 2 failed")
    with SQLiteStore(db) as store:
        before = store.dump()
        assert len(store.failures()) == 2
    code, err = run(["--db", str(db), "--no-progress", str(corpus)])
    assert "ingested 0 articles (60 already stored, 1 failed" in err  # the unreadable line is listed again
    with SQLiteStore(db) as store:
        assert store.dump() == before


def test_stdin_input(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = fake_pipeline.write_corpus(tmp_path / "in.jsonl", 5, broken_lines=0)
    monkeypatch.setattr(sys, "stdin", io.StringIO(corpus.read_text(encoding="utf-8")))
    code, err = run(["--db", str(tmp_path / "e.db"), "-"])
    assert code == 0 and "ingested 5 articles" in err


def count_articles(db: Path) -> int:
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return con.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error:
        return 0


def ingest_subprocess(db: Path, corpus: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (str(FAKE_DIR), os.environ.get("PYTHONPATH")) if p)}
    return subprocess.Popen([sys.executable, str(FAKE_DIR / "fake_pipeline.py"), str(db), str(corpus), "0"],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def test_kill_9_midway_then_resume_equals_a_clean_run(tmp_path: Path) -> None:
    corpus = fake_pipeline.write_corpus(tmp_path / "in.jsonl", 500)
    clean_db, killed_db = tmp_path / "clean.db", tmp_path / "killed.db"
    clean = ingest_subprocess(clean_db, corpus)
    victim = ingest_subprocess(killed_db, corpus)
    deadline = time.monotonic() + 120
    while count_articles(killed_db) < 150 and victim.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert victim.poll() is None, "the ingest finished before it could be killed"
    victim.send_signal(signal.SIGKILL)
    victim.wait()
    stored_when_killed = count_articles(killed_db)
    assert 150 <= stored_when_killed < 500
    assert clean.wait(timeout=120) == 1  # some inputs fail on purpose
    resumed = ingest_subprocess(killed_db, corpus)
    _, err = resumed.communicate(timeout=120)
    skipped = re.search(r"\((\d+) already stored", err.decode())
    assert skipped and stored_when_killed - 2 <= int(skipped.group(1)) <= stored_when_killed  # 2 unreadable lines
    with SQLiteStore(clean_db) as a, SQLiteStore(killed_db) as b:
        expected, got = a.dump(), b.dump()
        assert a.stats()["events"] > 100 and a.stats()["relations"] > 0
    for table in expected:
        assert got[table] == expected[table], table


def test_worker_processes_store_what_one_process_stores(tmp_path: Path) -> None:
    """`--workers 2`: same database, same failures (named per article) as one process; a rerun skips all."""
    from eventscope.config import Settings
    from eventscope.store.ingest import ingest_articles, pipeline_extractor, pool_extractor

    corpus = fake_pipeline.write_corpus(tmp_path / "in.jsonl", 60)
    settings = Settings(batch_size=8)
    pooled = pool_extractor(settings, 2, fake_pipeline.FakePipeline)
    dumps, failures = [], []
    # the same batches in one process: unreadable lines are recorded as a batch is read, in both
    one = pipeline_extractor(fake_pipeline.FakePipeline(settings))
    for name, extractor in (("one", one), ("pool", pooled)):
        with SQLiteStore(tmp_path / f"{name}.db") as store:
            report = ingest_articles(store, fake_pipeline.read_jsonl([str(corpus)]), extractor)
            dumps.append(store.dump())
            failures.append(sorted(f.article_id for f in report.failures))
    assert dumps[0] == dumps[1] and failures[0] == failures[1]
    assert "a0017" in failures[1]  # the article the fake stage fails on, by name
    with SQLiteStore(tmp_path / "pool.db") as store:
        again = ingest_articles(store, fake_pipeline.read_jsonl([str(corpus)]), pooled)
    assert again.stored == 0 and again.skipped == 60 and len(again.failures) == 2  # unreadable lines, again


@pytest.mark.slow
def test_real_pipeline_end_to_end(tmp_path: Path, fixtures_dir: Path) -> None:
    """The reference article twice and the second agency's story through the real pipeline and reader."""
    try:
        from eventscope.ingest import read_inputs  # noqa: F401
        from eventscope.stages import actors, counts, detect, when, where  # noqa: F401
    except ImportError as exc:
        pytest.skip(f"pipeline stages not all there yet ({exc})")
    from eventscope.store.base import EventFilters

    seed = fixtures_dir / "seed-us-strikes-syria-2021-06.txt"
    second = fixtures_dir / "store" / "reuters-us-strikes-syria-2021-06.txt"
    db = tmp_path / "events.db"
    parser = argparse.ArgumentParser()
    register(parser.add_subparsers())
    dumps = []
    for path, published in ((seed, "2021-06-29"), (seed, "2021-06-29"), (second, "2021-06-28")):
        args = parser.parse_args(["ingest", "--db", str(db), "--no-progress", "--published", published, str(path)])
        assert args.handler(args, out=io.StringIO(), err=io.StringIO()) == 0
        with SQLiteStore(db) as store:
            dumps.append(store.dump())
    assert dumps[0] == dumps[1]  # the reference article twice changes nothing
    with SQLiteStore(db) as store:
        assert store.stats()["articles"] == 2
        events = {e.id: e for e in store.query(EventFilters(limit=None))}
        shared = [e for e in events.values() if len(e.articles) == 2]
        assert shared, "no event merged across the two agencies"
        assert all("merge" in e.reasons and "same type" in e.reasons["merge"] for e in shared)
        responses = [(events[r.event_id], events[r.related_event_id]) for r in store.relations()
                     if r.kind == "response"]
        # the June 28 rocket attack answers the June 27 airstrikes
        assert any(later.date.date and later.date.date.isoformat() == "2021-06-28" and later.plover == "ASSAULT"
                   and earlier.date.date and earlier.date.date.isoformat() == "2021-06-27"
                   and earlier.acled_sub_type == "Air/drone strike" for later, earlier in responses)
