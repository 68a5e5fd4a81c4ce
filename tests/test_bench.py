"""`bench` with a stand-in pipeline: the report has every figure and the ratio is words/s over spaCy's."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from types import SimpleNamespace

from eventscope.evaluate.bench import bench, peak_rss_mb


class _FakeNlp:
    def pipe(self, texts, batch_size=32):
        for text in texts:
            yield text.split()


class _FakePipeline:
    def __init__(self) -> None:
        self.nlp = _FakeNlp()
        self.settings = SimpleNamespace(batch_size=8)
        self.timer = SimpleNamespace(seconds=defaultdict(float))

    def extract_many(self, articles):
        for article in articles:
            self.timer.seconds["nlp"] += 0.001
            self.timer.seconds["detect"] += 0.002
            yield SimpleNamespace(article=article, events=[])


def test_bench_report(tmp_path: Path) -> None:
    for i in range(3):
        (tmp_path / f"a{i}.txt").write_text(f"Title {i}\n\nRebels attacked a town on Monday.\n", encoding="utf-8")
    seen: list[tuple[int, int]] = []
    report = bench([tmp_path], n=2, pipeline=_FakePipeline(), progress=lambda c, t: seen.append((c, t)))
    assert report["articles"] == 2 and report["words"] > 0
    assert set(report["stage_seconds"]) == {"nlp", "detect"}
    assert report["peak_rss_mb"] > 0 and peak_rss_mb() >= report["peak_rss_mb"] * 0.5
    assert report["ratio_to_spacy"] > 0
    assert seen[-1] == (2, 2)
