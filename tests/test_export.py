"""Exports: ACLED CSV, PLOVER JSON lines, CAMEO/GDELT TSV, GeoJSON, Parquet."""

from __future__ import annotations

import argparse
import csv
import io
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from eventscope.errors import StoreError
from eventscope.export import WRITERS, acled, cameo, export_events
from eventscope.export import register as register_export
from eventscope.store.base import EventFilters
from eventscope.store.sqlite import SQLiteStore
from test_store_helpers import (
    line_sentences,
    reference_article,
    reference_events,
    reuters_article,
    reuters_events,
)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory):
    path = tmp_path_factory.mktemp("x") / "events.db"
    with SQLiteStore(path) as s:
        for article, events in ((reference_article(), reference_events), (reuters_article(), reuters_events)):
            s.add_article(article, events(article), line_sentences(article.text))
        yield s


def airstrike_id(store: SQLiteStore) -> str:
    return store.query(EventFilters(type="Air/drone strike", include_recalled=False))[0].id


def test_acled_csv_has_acled_columns_and_codes(store: SQLiteStore, tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    assert export_events(store, "acled", path) == 7
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    assert tuple(rows[0]) == acled.COLUMNS
    strike = next(r for r in rows if r["event_id_cnty"] == airstrike_id(store))
    assert strike["event_date"] == "2021-06-27" and strike["year"] == "2021" and strike["time_precision"] == "1"
    assert (strike["event_type"], strike["sub_event_type"]) == ("Explosions/Remote violence", "Air/drone strike")
    assert strike["disorder_type"] == "Political violence"
    assert (strike["country"], strike["iso"], strike["admin1"]) == ("Syria", "760", "Deir ez-Zor")
    assert strike["inter1"] == "8" and strike["inter2"] == "2" and strike["interaction"] == "28"  # US abroad vs rebels
    assert strike["fatalities"] == "4" and strike["assoc_actor_2"] == "Kata'ib Sayyid al-Shuhada"
    assert "Reuters" in strike["source"]


def test_plover_json_lines(store: SQLiteStore, tmp_path: Path) -> None:
    path = tmp_path / "events.jsonl"
    export_events(store, "plover", path)
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    strike = next(r for r in records if r["id"] == airstrike_id(store))
    assert strike["event"] == ["ASSAULT"] and strike["mode"] == ["aerial"] and strike["quad_code"] == 4
    assert strike["actor"][0]["code"] == "USA" and strike["recipient"][0]["identifier_text"] == "Kata'ib Hezbollah"
    assert strike["event_loc"]["country_code"] == "SYR" and strike["event_loc"]["resolution"] == 4
    assert strike["size"]["dead"] == 4 and strike["corroboration"] == 2 and strike["link"]


def test_cameo_tsv_uses_gdelt_columns(store: SQLiteStore, tmp_path: Path) -> None:
    path = tmp_path / "events.tsv"
    export_events(store, "cameo", path, EventFilters(type="ASSAULT"))
    rows = list(csv.DictReader(path.open(encoding="utf-8"), delimiter="\t"))
    assert tuple(rows[0]) == cameo.COLUMNS and len(rows) == 4
    strike = next(r for r in rows if r["GLOBALEVENTID"] == airstrike_id(store))
    assert (strike["SQLDATE"], strike["EventCode"], strike["EventRootCode"], strike["QuadClass"]) == (
        "20210627", "195", "19", "4")
    assert strike["Actor1Code"] == "USAMIL" and strike["ActionGeo_CountryCode"] == "SY"
    assert strike["NumArticles"] == "2" and strike["GoldsteinScale"] == "-10.0"


def test_geojson_feature_collection(store: SQLiteStore, tmp_path: Path) -> None:
    path = tmp_path / "events.geojson"
    export_events(store, "geojson", path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection" and len(data["features"]) == 7
    strike = next(f for f in data["features"] if f["id"] == airstrike_id(store))
    assert strike["geometry"] == {"type": "Point", "coordinates": [40.9171, 34.4506]}
    assert any(f["geometry"] is None for f in data["features"])  # events without coordinates are kept


def test_parquet_round_trip(store: SQLiteStore, tmp_path: Path) -> None:
    path = tmp_path / "events.parquet"
    export_events(store, "parquet", path)
    table = pq.read_table(path)
    assert table.num_rows == 7 and "record" in table.column_names
    row = next(r for r in table.to_pylist() if r["id"] == airstrike_id(store))
    assert row["fatalities"] == 4 and row["lat"] == pytest.approx(34.4506) and row["corroboration"] == 2
    assert json.loads(row["record"])["plover_mode"] == "aerial"


def test_unknown_format_is_a_store_error(store: SQLiteStore, tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="export format"):
        export_events(store, "xml", tmp_path / "x")


def test_export_command(store: SQLiteStore, tmp_path: Path) -> None:
    parser = argparse.ArgumentParser()
    register_export(parser.add_subparsers())
    for fmt in WRITERS:
        out = tmp_path / f"cmd.{fmt}"
        args = parser.parse_args(["export", "--db", store.path, "--format", fmt, "-o", str(out), "--country", "SYR"])
        err = io.StringIO()
        assert args.handler(args, err=err) == 0
        assert out.stat().st_size > 0 and "exported 3 event(s)" in err.getvalue()
