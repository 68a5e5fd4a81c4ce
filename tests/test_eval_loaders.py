"""Loaders on small fixtures of each format (and on ../shared/bench when present)."""

from __future__ import annotations

import datetime as dt
import re
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


def _acled_docs(path: Path) -> list[GoldDocument]:
    return [d for d in load_dataset("acled", path).items if isinstance(d, GoldDocument)]


def test_acled_2023_fixture_reads_every_row(eval_dir: Path) -> None:
    docs = _acled_docs(eval_dir / "acled_2023.csv")
    assert len(docs) == 38 and len({d.id for d in docs}) == 38
    events = [d.events[0] for d in docs]
    assert all(e.countries and e.place and e.place.lat is not None for e in events)
    assert all(d.published and e.date and d.published > e.date.end for d, e in zip(docs, events, strict=True))
    djibo = next(d for d in docs if d.id == "BFA170001")
    assert djibo.events[0].fatalities == (5, 5) and djibo.events[0].place.admin1 == "Sahel"
    assert "Djibo (Djibo, Soum, Sahel)" in djibo.text
    assert sum(1 for e in events if e.fatalities == (0, 0)) >= 8  # 'no fatalities reported' rows


def test_acled_legacy_export_layout(eval_dir: Path) -> None:
    """The older export tool: data_id first, "14 March 2023" dates, numeric inter codes, iso3 last, CRLF."""
    docs = _acled_docs(eval_dir / "acled_export_legacy.csv")
    assert len(docs) == 16 and docs[0].id == "SYR10451"
    first = docs[0].events[0]
    assert first.date is not None and first.date.start == dt.date(2023, 3, 14) and first.countries == ("SYR",)
    week = next(d for d in docs if d.id == "NGA10453").events[0].date
    assert week is not None and week.precision == "week"


def test_acled_unseen_fixture_spans_twelve_countries(eval_dir: Path) -> None:
    """The set written to be scored before any change for it (README, Accuracy): one row per country."""
    docs = _acled_docs(eval_dir / "acled_unseen_2024.csv")
    assert len(docs) == 12 and len({d.events[0].countries for d in docs}) == 12
    assert all(d.events[0].place and d.events[0].place.lat is not None and d.events[0].fatalities is not None
               for d in docs)


def test_acled_unseen_2025_fixture_spans_sixteen_countries(eval_dir: Path) -> None:
    """The second set written by a session that saw no code or output: one row per country."""
    docs = _acled_docs(eval_dir / "acled_unseen_2025.csv")
    assert len(docs) == 16 and len({d.events[0].countries for d in docs}) == 16
    assert all(d.published is not None and d.events[0].fatalities is not None for d in docs)


def test_acled_api_json(eval_dir: Path) -> None:
    docs = _acled_docs(eval_dir / "acled_api.json")
    assert [d.id for d in docs] == ["SOM9001", "SOM9002"]
    assert docs[1].events[0].fatalities == (3, 3) and docs[1].published == dt.date(2023, 3, 12)


def test_acled_spreadsheet_forms(tmp_path: Path) -> None:
    """Capitalised pre-2019 headers, ';' separators, a note over two lines, a date as the timestamp,
    and no sub-event type (matched by the event type)."""
    sheet = tmp_path / "acled_old.csv"
    sheet.write_text('EVENT_ID_CNTY;EVENT_DATE;EVENT_TYPE;COUNTRY;LOCATION;LATITUDE;LONGITUDE;NOTES;FATALITIES;TIMESTAMP\n'
                     'MLI1;03/05/2017;Remote violence;Mali;Gao;16,2717;-0,0447;"A mine exploded near Gao.\n'
                     'Two soldiers were killed.";2;2017-05-09\n', encoding="cp1252")
    (doc,) = _acled_docs(sheet)
    event = doc.events[0]
    assert doc.text.endswith("Two soldiers were killed.") and event.accepted == {"ASSAULT"}
    assert event.date is not None and event.date.start == dt.date(2017, 5, 3)
    assert doc.published == dt.date(2017, 5, 9) and event.place is not None and event.place.lat == pytest.approx(16.2717)


def test_acled_unknown_event_type_names_file_and_line(tmp_path: Path) -> None:
    sheet = tmp_path / "acled_bad.csv"
    sheet.write_text("event_id_cnty,event_date,event_type,notes\nX1,2023-01-02,Picnic,Something.\n")
    with pytest.raises(DatasetError, match=r"acled_bad.csv:2: unknown event_type 'Picnic'"):
        load_dataset("acled", sheet)


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


@pytest.mark.parametrize("dataset,folder,scored", [
    ("wikievents", "wikievents", ("Conflict.Attack", "Life.Die", "Life.Injure")),
    ("rams", "rams", ("conflict.attack", "life.die", "life.injure")),
])
def test_type_roles_agree_with_the_ontology(shared_dir: Path, dataset: str, folder: str,
                                            scored: tuple[str, ...]) -> None:
    """labels/type_roles.tsv says which scored roles each in-scope type has, as meta.json does
    (KAIROS gives Life.Injure no place, AIDA gives life.die.n/a no killer)."""
    import json

    from eventscope.evaluate.tables import role_table, type_roles

    roles = role_table(dataset)
    ontology = json.loads((shared_dir / "bench" / folder / "meta.json").read_text(encoding="utf-8"))
    checked = 0
    for event_type, names in ontology:
        if event_type.startswith(scored):
            # RAMS names a role by its slot ("evt089arg01victim"), KAIROS by itself ("Victim")
            expected = {roles[n] for n in (re.sub(r"^evt\d+arg\d+", "", name.casefold()) for name in names)
                        if n in roles}
            assert (type_roles(dataset, event_type) or {"attacker", "target", "place"}) == expected, event_type
            checked += 1
    assert checked >= 4


def test_scored_roles_reach_the_gold_events(shared_dir: Path) -> None:
    wiki = load_dataset("wikievents", shared_dir / "bench" / "wikievents" / "dev.jsonl")
    injuries = [e for d in wiki.items if isinstance(d, GoldDocument) for e in d.events if e.label.startswith("Life.Injure")]
    assert injuries and all(e.roles is not None and "place" not in e.roles for e in injuries)
    rams = load_dataset("rams", shared_dir / "bench" / "rams" / "dev.jsonlines")
    deaths = [e for d in rams.items if isinstance(d, GoldDocument) for e in d.events if e.label == "life.die.n/a"]
    assert deaths and all(e.roles == {"target", "place"} for e in deaths)
    assert all(not any(a.role == "attacker" for a in e.arguments) for e in deaths)


def test_plv_without_marked_column(tmp_path: Path) -> None:
    path = tmp_path / "PLV_test.tsv"
    path.write_text("sentence\tsource\ttarget\tgold_root\nIran condemned the US strike.\tIran\tthe US\tACCUSE\n",
                    encoding="utf-8")
    (item,) = [i for i in load_dataset("plv", path).items if isinstance(i, GoldDyad)]
    assert item.source_span is not None and item.source_span.text == "Iran"
    assert item.target_span is not None and item.target_span.start == 15


def test_case2021_folder_with_a_test_release_pair(tmp_path: Path) -> None:
    (tmp_path / "test_input.txt").write_text("7\tPolice detained the activist.\n", encoding="utf-8")
    (tmp_path / "test_gold_labels.txt").write_text("7\tARREST\n", encoding="utf-8")
    items = [i for i in load_dataset("case2021", tmp_path).items if isinstance(i, GoldSnippet)]
    assert [(i.id, i.label) for i in items] == [("7", "ARREST")]


def test_event_location_reads_the_release_zip(eval_dir: Path, tmp_path: Path) -> None:
    import zipfile

    archive = tmp_path / "labeled_text.jsonl.zip"
    with zipfile.ZipFile(archive, "w") as out:
        out.write(eval_dir / "event_location.jsonl", "labeled_text.jsonl")
    zipped = load_dataset("event-location", tmp_path)
    plain = load_dataset("event-location", eval_dir / "event_location.jsonl")
    assert [(i.id, i.text, i.trigger, i.locations) for i in zipped.items] == \
        [(i.id, i.text, i.trigger, i.locations) for i in plain.items]
    assert zipped.items
