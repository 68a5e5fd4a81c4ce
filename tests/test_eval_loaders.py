"""Loaders on small fixtures of each format (and on ../shared/bench when present)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from eventscope.errors import DatasetError
from eventscope.evaluate.dates import parse_day, parse_muc_date
from eventscope.evaluate.load_spans import detokenise
from eventscope.evaluate.records import GoldDocument, GoldDyad, GoldLocation, GoldSnippet
from eventscope.evaluate.runner import load_dataset
from eventscope.model import PlacePrecision


@pytest.fixture(scope="module")
def eval_dir(fixtures_dir: Path) -> Path:
    return fixtures_dir / "eval"


@pytest.mark.parametrize("text", ["27 June 2021", "2021-06-27", "27/06/2021", "06/27/2021", "27-Jun-2021",
                                  "June 27, 2021", "27 JUN 21"])
def test_acled_date_notations(text: str) -> None:
    assert parse_day(text) == dt.date(2021, 6, 27)


def test_muc_dates() -> None:
    before = parse_muc_date("- 02 NOV 89")
    assert before is not None and before.end == dt.date(1989, 11, 2) and before.start < before.end
    span = parse_muc_date("11 NOV 89 - 12 NOV 89")
    assert span is not None and (span.start, span.end) == (dt.date(1989, 11, 11), dt.date(1989, 11, 12))
    assert parse_muc_date("-") is None


def test_acled_csv(eval_dir: Path) -> None:
    data = load_dataset("acled", eval_dir / "acled_sample.csv")
    docs = [d for d in data.items if isinstance(d, GoldDocument)]
    assert [d.id for d in docs] == ["SYR1001", "IRQ2002", "NGA3003"]
    strike = docs[0].events[0]
    assert docs[0].text.startswith("On 27 June 2021")
    assert strike.accepted == {"ASSAULT"} and strike.acled_sub_type == "Air/drone strike"
    assert strike.countries == ("SYR",) and strike.fatalities == (4, 4)
    assert strike.actor1[0].country == "USA"  # "Military Forces of United States (2021-)"
    assert strike.place is not None and strike.place.precision == PlacePrecision.TOWN
    assert docs[0].published == dt.date(2021, 7, 1)  # from `timestamp`, never the event date
    week = docs[2].events[0].date
    assert week is not None and week.start <= dt.date(2021, 6, 29) <= week.end and week.precision == "week"
    assert docs[1].events[0].actor1[0].country == "IRQ"  # "Protesters (Iraq)"


def test_acled_bad_date_names_file_and_line(eval_dir: Path) -> None:
    with pytest.raises(DatasetError, match=r"acled_bad_date.csv: line 2: event_date"):
        load_dataset("acled", eval_dir / "acled_bad_date.csv")


def test_muc4_prefers_mixed_case_and_reads_alternatives(eval_dir: Path) -> None:
    data = load_dataset("muc4", eval_dir / "muc4")
    docs = {d.id: d for d in data.items if isinstance(d, GoldDocument)}
    first = docs["TST9-MUC4-0001"]
    assert "Shining Path" in first.text  # the .mixed-case twin
    assert first.published == dt.date(1990, 1, 10) and first.dateline == "LIMA"
    event = first.events[0]
    assert event.accepted == {"ASSAULT"} and event.death and event.fatalities == (2, 2)
    assert event.place is not None and event.place.names == ("LIMA",) and event.countries == ("PER",)
    attackers = [a.texts for a in event.arguments if a.role == "attacker"]
    assert ("MEMBERS OF SHINING PATH", "SHINING PATH") in attackers
    assert not docs["TST9-MUC4-0002"].relevant and docs["TST9-MUC4-0002"].events == ()


def test_case2021_three_layouts(eval_dir: Path, tmp_path: Path) -> None:
    pair = load_dataset("case2021", eval_dir / "case2021")
    header = load_dataset("case2021", eval_dir / "case_header.tsv")
    headerless = tmp_path / "test_set_final_release_with_labels.tsv"
    headerless.write_text("5\tProtesters threw stones.\tVIOL_DEMONSTR\n", encoding="utf-8")
    bare = load_dataset("case2021", headerless)
    labels = [i.label for d in (pair, header, bare) for i in d.items if isinstance(i, GoldSnippet)]
    assert labels == ["VIOL_DEMONSTR", "PEACE_PROTEST", "ART_MISS_ATTACK", "ARREST", "VIOL_DEMONSTR"]
    with pytest.raises(DatasetError, match=r"case_badlabel.tsv: line 2: unknown CASE 2021 label"):
        load_dataset("case2021", eval_dir / "case_badlabel.tsv")


def test_plv_marks_and_yield(eval_dir: Path) -> None:
    items = [i for i in load_dataset("plv", eval_dir / "plv_sample.tsv").items if isinstance(i, GoldDyad)]
    assert items[0].text == "Iran condemned the US strike."
    assert items[0].source_span is not None and items[0].source_span.text == "Iran"
    assert items[0].target_span is not None and items[0].target_span.text == "the US"
    assert items[1].accepted == {"CONCEDE", "RETREAT"}


def test_event_location_and_gold(eval_dir: Path) -> None:
    items = [i for i in load_dataset("event-location", eval_dir / "event_location.jsonl").items
             if isinstance(i, GoldLocation)]
    assert items[0].trigger.text == "murdered" and items[0].locations[0].text == "Reshimbagh"
    assert items[1].locations == ()
    gold = [d for d in load_dataset("gold", eval_dir / "gold_sample.json").items if isinstance(d, GoldDocument)]
    assert gold[0].events[0].core and gold[0].events[0].fatalities == (4, 7)
    assert gold[0].must_not[0].date is not None


def test_bad_json_line_is_named(tmp_path: Path) -> None:
    bad = tmp_path / "dev.jsonlines"
    bad.write_text('{"sentences": [["a"]], "evt_triggers": []}\n{oops\n', encoding="utf-8")
    with pytest.raises(DatasetError, match=r"dev.jsonlines: line 2: not valid JSON"):
        load_dataset("rams", bad)


def test_detokenise_offsets() -> None:
    text, tokens, ranges = detokenise([["Hello", ",", "world", "."], ["Bye", "(", "now", ")"]])
    assert text == "Hello, world.\nBye (now)"
    assert all(text[t.start:t.end] == t.text for t in tokens)
    assert ranges == [(0, 13), (14, 23)]


@pytest.mark.parametrize(("name", "folder", "minimum"), [
    ("plv", "plv/PLV_train.tsv", 1000), ("plover-gsr", "plover-gsr/PLOVER_GSR_CAMEO.json", 60),
    ("rams", "rams/dev.jsonlines", 900), ("wikievents", "wikievents/dev.jsonl", 20), ("muc4", "muc4", 100),
    ("case2021", "case2021-task2", 5), ("event-location", "event-location/labeled_text.jsonl", 9000),
])
def test_shared_bench_loads(shared_dir: Path, name: str, folder: str, minimum: int) -> None:
    data = load_dataset(name, shared_dir / "bench" / folder)
    assert len(data.items) >= minimum


def test_plv_without_marked_column(tmp_path: Path) -> None:
    path = tmp_path / "PLV_test.tsv"
    path.write_text("sentence\tsource\ttarget\tgold_root\nIran condemned the US strike.\tIran\tthe US\tACCUSE\n",
                    encoding="utf-8")
    (item,) = [i for i in load_dataset("plv", path).items if isinstance(i, GoldDyad)]
    assert item.source_span is not None and item.source_span.text == "Iran"
    assert item.target_span is not None and item.target_span.start == 15
