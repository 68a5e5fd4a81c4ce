"""API auth, writes, bad input and the request size limit: every failure in one JSON shape."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api_support import TOKEN, client_for, seeded_store
from eventscope.store.ingest import Extracted
from eventscope.store.sqlite import SQLiteStore

AUTH = {"Authorization": f"Bearer {TOKEN}"}
STORY = {"text": "Protesters marched in Baghdad on Friday. Police watched.", "title": "Protest in Baghdad",
         "published": "2021-07-02"}


@pytest.fixture(scope="module")
def seeded_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("seed") / "events.db"
    seeded_store(path).close()  # closing checkpoints the WAL: the .db file alone holds everything
    return path


@pytest.fixture()
def store(seeded_db: Path, tmp_path: Path) -> Iterator[SQLiteStore]:
    """A fresh copy of the seeded store for each test, since these tests write."""
    shutil.copy(seeded_db, tmp_path / "events.db")
    with SQLiteStore(tmp_path / "events.db") as s:
        yield s  # type: ignore[misc]


def error_of(response) -> dict[str, str]:  # type: ignore[no-untyped-def]
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"type", "message"}, body
    assert body["error"]["message"] and "\n" not in body["error"]["message"]
    return body["error"]  # type: ignore[no-any-return]


def test_post_needs_the_token(store: SQLiteStore) -> None:
    client = client_for(store)
    missing = client.post("/api/articles", json=STORY)
    assert missing.status_code == 401 and error_of(missing)["type"] == "Unauthorized"
    assert missing.headers["www-authenticate"] == "Bearer"
    wrong = client.post("/api/articles", json=STORY, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 403 and error_of(wrong)["type"] == "Forbidden"
    assert client.get("/api/events").json()["total"] == 7  # nothing was written


def test_writes_are_off_without_an_operator_token(store: SQLiteStore) -> None:
    client = client_for(store, api_token=None)
    response = client.post("/api/articles", json=STORY, headers=AUTH)
    assert response.status_code == 403 and "no api_token" in error_of(response)["message"]


def test_post_json_extracts_stores_and_is_idempotent(store: SQLiteStore) -> None:
    client = client_for(store)
    created = client.post("/api/articles", json=STORY, headers=AUTH)
    assert created.status_code == 201, created.text
    body = created.json()
    assert len(body["new_events"]) == 1 and body["events"][0]["plover"] == "PROTEST"
    assert body["events"][0]["date"] == "2021-07-02"
    listed = client.get("/api/events", params={"type": "PROTEST"}).json()
    assert listed["total"] == 1 and listed["items"][0]["id"] == body["new_events"][0]
    again = client.post("/api/articles", json=STORY, headers={"X-Eventscope-Token": TOKEN})
    assert again.status_code == 200 and again.json()["skipped"]
    assert client.get("/api/articles").json()["total"] == 2


def test_post_plain_text_with_query_overrides(store: SQLiteStore) -> None:
    client = client_for(store)
    response = client.post("/api/articles", params={"published": "2021-07-05", "title": "Rally"},
                           content="Hundreds rallied in Baghdad against the strikes.",
                           headers={**AUTH, "Content-Type": "text/plain; charset=utf-8"})
    assert response.status_code == 201, response.text
    article_id = response.json()["article_id"]
    article = client.get(f"/api/articles/{article_id}").json()
    assert article["published"] == "2021-07-05" and article["title"] == "Rally"


@pytest.mark.parametrize(("content", "content_type", "needle"), [
    (b"{not json", "application/json", "not valid JSON"),
    (b"", "application/json", "empty body"),
    (b'{"title": "no text"}', "application/json", "no 'text' or 'html'"),
    (b'{"text": "x", "published": "someday"}', "application/json", "published"),
    (b"\xff\xfe\x00bad", "text/plain", "not UTF-8"),
    (b"a,b,c", "text/csv", "unsupported Content-Type"),
])
def test_bad_bodies_are_input_errors(store: SQLiteStore, content: bytes, content_type: str,
                                     needle: str) -> None:
    client = client_for(store)
    response = client.post("/api/articles", content=content, headers={**AUTH, "Content-Type": content_type})
    assert response.status_code == 400, response.text
    error = error_of(response)
    assert error["type"] in ("InputError", "DateParseError") and needle in error["message"]


def test_a_stage_failure_is_recorded_and_reported(tmp_path: Path, store: SQLiteStore) -> None:
    from eventscope.api import create_app
    from eventscope.config import Settings

    def broken(articles):  # type: ignore[no-untyped-def]
        for article in articles:
            yield Extracted(article, error="stage detect failed: boom")

    client = TestClient(create_app(Settings(db_path=tmp_path / "x.db", api_token=TOKEN), store, extractor=broken))
    response = client.post("/api/articles", json=STORY, headers=AUTH)
    assert response.status_code == 422 and error_of(response)["type"] == "StageError"
    assert [f.reason for f in store.failures()] == ["stage detect failed: boom"]


@pytest.mark.parametrize(("path", "params", "needle"), [
    ("/api/events", {"limit": "5000"}, "limit"),
    ("/api/events", {"limit": "0"}, "limit"),
    ("/api/events", {"offset": "-1"}, "offset"),
    ("/api/events", {"from": "2021-13-45"}, "from"),
    ("/api/events", {"modality": "maybe"}, "modality"),
    ("/api/events", {"country": "SYRIA"}, "country"),
    ("/api/events", {"bbox": "1,2,3"}, "bbox"),
    ("/api/stats/counts", {"by": "week"}, "by"),
    ("/api/events/points", {"max_points": "0"}, "max_points"),
])
def test_bad_query_parameters_are_json_validation_errors(store: SQLiteStore, path: str,
                                                          params: dict[str, str], needle: str) -> None:
    response = client_for(store).get(path, params=params)
    assert response.status_code == 422, response.text
    error = error_of(response)
    assert error["type"] == "ValidationError" and needle in error["message"]


def test_reads_can_require_the_token(store: SQLiteStore) -> None:
    client = client_for(store, api_read_token_required=True)
    for path in ("/api/events", "/api/stats/counts", "/api/articles", "/api/events/points", "/api/health"):
        assert client.get(path).status_code == 401, path
        assert client.get(path, headers=AUTH).status_code == 200, path
    assert error_of(client.get("/api/events", headers={"Authorization": "Bearer x"}))["type"] == "Forbidden"
    assert client.get("/").status_code == 200  # the page itself is static; its API calls carry the check


def test_open_reads_by_default(store: SQLiteStore) -> None:
    assert client_for(store).get("/api/events").status_code == 200


def test_request_size_limit(store: SQLiteStore) -> None:
    client = client_for(store, api_max_request_bytes=1000)
    big = {**STORY, "text": "Protesters marched in Baghdad. " * 100}
    response = client.post("/api/articles", json=big, headers=AUTH)
    assert response.status_code == 413
    error = error_of(response)
    assert error["type"] == "RequestTooLarge" and "1000" in error["message"]

    def chunks():  # no Content-Length: the limit must hold while the body streams
        for _ in range(10):
            yield b"x" * 300

    streamed = client.post("/api/articles", content=chunks(), headers={**AUTH, "Content-Type": "text/plain"})
    assert streamed.status_code == 413 and error_of(streamed)["type"] == "RequestTooLarge"
    small = client.post("/api/articles", json=STORY, headers=AUTH)
    assert small.status_code == 201
