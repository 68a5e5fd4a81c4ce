"""HTTP API over a store holding the reference article's events (FastAPI's TestClient)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from api_support import client_for, event_id_by_trigger, seeded_store
from eventscope.store.sqlite import SQLiteStore


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SQLiteStore]:
    """Read-only tests share one store (writes are in test_api_errors.py, each on its own store)."""
    with seeded_store(tmp_path_factory.mktemp("api") / "events.db") as s:
        yield s  # type: ignore[misc]


@pytest.fixture(scope="module")
def client(store: SQLiteStore) -> TestClient:
    return client_for(store)


def ids(response) -> list[str]:  # type: ignore[no-untyped-def]
    assert response.status_code == 200, response.text
    return [item["id"] for item in response.json()["items"]]


# ---------------------------------------------------------------- events

def test_list_pages_through_every_event_newest_first(client: TestClient) -> None:
    first = client.get("/api/events", params={"limit": 3}).json()
    assert first["total"] == 7 and first["limit"] == 3 and first["offset"] == 0
    pages = [ids(client.get("/api/events", params={"limit": 3, "offset": o})) for o in (0, 3, 6)]
    assert [len(p) for p in pages] == [3, 3, 1]
    every = [i for p in pages for i in p]
    assert len(set(every)) == 7
    dates = [e["date"] for o in (0, 3, 6) for e in client.get("/api/events", params={"limit": 3, "offset": o}).json()["items"]]
    assert dates == sorted(dates, reverse=True) and dates[-1] == "2020-01-01"
    assert client.get("/api/events", params={"offset": 50}).json()["items"] == []


@pytest.mark.parametrize(("params", "expected"), [
    ({"country": "SYR"}, 3),
    ({"country": "syr"}, 3),
    ({"type": "ASSAULT"}, 4),
    ({"type": "Air/drone strike"}, 2),
    ({"type": "19"}, 4),  # CAMEO prefix
    ({"from": "2021-06-27", "to": "2021-06-27"}, 1),
    ({"from": "2021-01-01"}, 6),
    ({"recalled": "false"}, 6),
    ({"actor": "Kata'ib Hezbollah"}, 2),
    ({"actor": "IRN"}, 2),  # actor country: Iran's ministry and Soleimani (an affiliation does not count)
    ({"text": "Syrian Observatory"}, 1),
    ({"bbox": "38,32,42,36"}, 3),
    ({"modality": "occurred"}, 7),
    ({"country": "SYR", "type": "ASSAULT", "from": "2021-06-28"}, 2),
])
def test_filters_match_the_cli_semantics(client: TestClient, params: dict[str, str], expected: int) -> None:
    body = client.get("/api/events", params=params).json()
    assert body["total"] == expected, body
    assert len(body["items"]) == expected


def test_list_rows_are_compact_and_typed(client: TestClient) -> None:
    row = next(e for e in client.get("/api/events").json()["items"] if e["fatalities"] == 4)
    assert row["plover"] == "ASSAULT" and row["plover_mode"] == "aerial"
    assert row["actor1"] == ["United States military"]
    assert row["actor2"] == ["Kata'ib Hezbollah", "Kata'ib Sayyid al-Shuhada"]
    assert row["place"]["country"] == "SYR" and row["n_claims"] == 2
    assert "evidence" not in row


def test_one_event_has_evidence_claims_articles_and_links(client: TestClient) -> None:
    strikes = event_id_by_trigger("carried out airstrikes")
    event = client.get(f"/api/events/{strikes}").json()
    assert event["id"] == strikes and event["date"]["date"] == "2021-06-27"
    claims = event["fatalities"]["claims"]
    assert event["fatalities"]["best"] == 4
    assert [(c["min"], c["max"], c["source"]) for c in claims] == [
        (4, 4, "Iraqi militia officials (to AP)"), (7, None, "Syrian Observatory for Human Rights")]
    assert any("carried out airstrikes" in ev["text"] for ev in event["evidence"])
    (article,) = event["article_records"]
    assert article["title"] == "US troops in Syria attacked after airstrikes on militias"
    stored = {s["index"]: s["text"] for s in article["sentences"]}
    for ev in event["evidence"]:
        assert ev["text"] in stored[ev["sentence_index"]]
    assert stored[claims[1]["sentence_index"]].startswith("The Syrian Observatory for Human Rights")
    rockets = event_id_by_trigger("came under rocket attack")
    assert {"kind": "response", "direction": "answered_by", "id": rockets} in [
        {"kind": link["kind"], "direction": link["direction"], "id": link["event"]["id"]} for link in event["linked"]]
    assert event["n_articles"] == 1 and event["claims_by_article"][article["id"]][0]["min"] == 4


def test_unknown_event_is_a_json_404(client: TestClient) -> None:
    response = client.get("/api/events/no-such-event")
    assert response.status_code == 404
    assert response.json() == {"error": {"type": "NotFound", "message": "no event with id 'no-such-event'"}}


def test_map_points_are_columnar_and_ignore_paging(client: TestClient) -> None:
    points = client.get("/api/events/points", params={"country": "SYR", "limit": 1}).json()
    assert points["count"] == 3 and not points["truncated"]
    assert len(points["lat"]) == len(points["lon"]) == len(points["id"]) == 3
    assert set(points["type"]) == {"ASSAULT"} and 4 in points["fatalities"]
    capped = client.get("/api/events/points", params={"max_points": 2}).json()
    assert capped["count"] == 2 and capped["truncated"]


# ---------------------------------------------------------------- stats, articles, page

def test_counts_by_day_type_and_country(client: TestClient) -> None:
    by_day = client.get("/api/stats/counts", params={"by": "day"}).json()
    assert by_day["counts"] == [{"key": "2020-01-01", "count": 1}, {"key": "2021-06-27", "count": 1},
                                {"key": "2021-06-28", "count": 5}]
    by_type = {c["key"]: c["count"] for c in client.get("/api/stats/counts", params={"by": "type"}).json()["counts"]}
    assert by_type == {"ACCUSE": 2, "ASSAULT": 4, "THREATEN": 1}
    by_country = client.get("/api/stats/counts", params={"by": "country", "type": "ASSAULT"}).json()
    assert by_country["counts"] == [{"key": "IRQ", "count": 1}, {"key": "SYR", "count": 3}]
    assert by_country["total"] == 4


def test_timeline_series_per_type(client: TestClient) -> None:
    timeline = client.get("/api/stats/timeline", params={"from": "2021-01-01"}).json()
    assert timeline["days"] == ["2021-06-27", "2021-06-28"]
    assert {s["type"]: s["counts"] for s in timeline["series"]} == {
        "ACCUSE": [0, 2], "ASSAULT": [1, 2], "THREATEN": [0, 1]}


def test_articles_list_and_one(client: TestClient) -> None:
    listing = client.get("/api/articles").json()
    assert listing["total"] == 1
    (row,) = listing["items"]
    assert row["agencies"] == ["AP", "AFP"] and row["published"] == "2021-06-29" and row["n_events"] == 7
    article = client.get(f"/api/articles/{row['id']}").json()
    assert len(article["events"]) == 7
    indexes = [s["index"] for s in article["sentences"]]
    assert indexes == sorted(indexes) and 0 in indexes and 29 in indexes
    # the whole body text, every sentence with its offsets into it
    assert article["text"].startswith("US troops in eastern Syria came under rocket attack Monday")
    assert all(article["text"][x["start"]:x["end"]] == x["text"] for x in article["sentences"])
    assert client.get("/api/articles/nope").json()["error"]["type"] == "NotFound"


def test_page_static_files_and_openapi(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and "<title>eventscope</title>" in page.text
    assert client.get("/static/vendor/leaflet/leaflet.js").status_code == 200
    assert client.get("/static/vendor/world-atlas/countries-110m.json").json()["type"] == "Topology"
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/events", "/api/events/{event_id}", "/api/events/points", "/api/articles",
            "/api/stats/counts", "/api/stats/timeline"} <= set(paths)
    assert "post" in paths["/api/articles"]
    docs = client.get("/docs").text
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in docs and "cdn" not in docs.lower()
    assert client.get("/static/vendor/swagger-ui/swagger-ui-bundle.js").status_code == 200
    assert client.get("/api/health").json()["store"]["events"] == 7


def test_serve_command_serves_the_app_on_loopback(store: SQLiteStore, monkeypatch: pytest.MonkeyPatch) -> None:
    import argparse

    import uvicorn

    from eventscope.api.serve import register

    seen: dict[str, object] = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.update(app=app, **kw))
    parser = argparse.ArgumentParser()
    register(parser.add_subparsers())
    args = parser.parse_args(["serve", "--db", store.path, "--port", "9999"])
    assert args.handler(args) == 0
    assert seen["host"] == "127.0.0.1" and seen["port"] == 9999
    with TestClient(seen["app"]) as served:  # type: ignore[arg-type]
        assert served.get("/api/events").json()["total"] == 7
