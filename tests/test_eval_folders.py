"""`eventscope eval` takes a dataset's folder as well as its data file (a held-out release is a folder)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from eventscope.errors import DatasetError
from eventscope.evaluate.runner import data_files, load_dataset

FIXTURES = Path(__file__).parent / "fixtures" / "eval"


def test_folder_is_read_through_its_data_file(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "plv_sample.tsv", tmp_path / "PLV_test.tsv")
    (tmp_path / "README.txt").write_text("not data", encoding="utf-8")
    from_folder = load_dataset("plv", tmp_path)
    from_file = load_dataset("plv", FIXTURES / "plv_sample.tsv")
    assert [i.id for i in from_folder.items] == [i.id for i in from_file.items]
    assert from_folder.path.endswith("PLV_test.tsv")


def test_several_data_files_are_read_together(tmp_path: Path) -> None:
    for name in ("a.jsonl", "b.jsonl"):
        shutil.copy(FIXTURES / "event_location.jsonl", tmp_path / name)
    single = load_dataset("event-location", FIXTURES / "event_location.jsonl")
    assert len(load_dataset("event-location", tmp_path).items) == 2 * len(single.items)


def test_folder_without_data_file_is_named(tmp_path: Path) -> None:
    (tmp_path / "meta.json").write_text("{}", encoding="utf-8")
    with pytest.raises(DatasetError, match=r"no \*\.jsonlines or \*\.jsonl file in this folder for dataset rams"):
        data_files("rams", tmp_path)


def test_folder_datasets_pass_through(tmp_path: Path) -> None:
    assert data_files("muc4", tmp_path) == [tmp_path]


def test_gold_folder_reads_its_gold_files_only(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "gold_sample.json", tmp_path / "story.gold.json")
    (tmp_path / "story.events.json").write_text("[]", encoding="utf-8")  # an output snapshot beside it
    assert len(load_dataset("gold", tmp_path).items) == len(load_dataset("gold", FIXTURES / "gold_sample.json").items)
