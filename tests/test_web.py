"""Browser tests: the page served by `create_app`, driven in Debian's Chromium through Playwright.

The store holds the reference article's events (tests/api_support.py).  The
screenshot of the event panel lands in test-results/ for a person to look at.
"""

from __future__ import annotations

import os
import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from api_support import event_id_by_trigger, seeded_store
from eventscope.api import create_app
from eventscope.config import Settings

pytestmark = pytest.mark.browser

# pytest-playwright's own artifact folder; EVENTSCOPE_TEST_RESULTS moves the screenshot elsewhere.
RESULTS = Path(os.environ.get("EVENTSCOPE_TEST_RESULTS", Path(__file__).resolve().parent.parent / "test-results"))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def live_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = tmp_path_factory.mktemp("web") / "events.db"
    store = seeded_store(db)
    app = create_app(Settings(db_path=db), store)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=5)
    store.close()


def test_filter_to_syria_and_open_the_airstrikes(live_url: str, page) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    page.set_viewport_size({"width": 1600, "height": 1000})
    page.goto(live_url + "/")
    expect(page.locator("body")).to_have_attribute("data-ready", "true")
    expect(page.locator("#list-count")).to_have_text(re.compile(r"of 7 events"))

    page.select_option("#f-country", "SYR")
    expect(page.locator("#list-count")).to_have_text(re.compile(r"of 3 events"))
    expect(page.locator("#map-note")).to_have_text(re.compile(r"^3 located events"))
    assert page.locator(".event-item .row3").all_inner_texts() == ["eastern Syria (SYR)"] * 2 + [
        "Iraq-Syria border (SYR)"]

    strikes_id = event_id_by_trigger("carried out airstrikes")
    page.locator(f'.event-item[data-id="{strikes_id}"]').click()
    panel = page.locator("#panel")
    expect(panel).to_have_attribute("data-event-id", strikes_id)

    # The evidence sentence is highlighted inside the article text.
    marks = panel.locator("mark.evidence-span")
    expect(marks.first).to_contain_text("US Air Force planes carried out airstrikes near the Iraq-Syria border")
    assert marks.count() >= 3
    expect(panel.locator(".sentence.evidence").first).to_contain_text("came under rocket attack Monday")

    # Both casualty claims, side by side, each with its source.
    claims = panel.locator(".claims-block").first.locator(".claim")
    expect(claims).to_have_count(2)
    expect(claims.nth(0).locator(".claim-figure")).to_have_text("4")
    expect(claims.nth(0).locator(".claim-source")).to_contain_text("Iraqi militia officials")
    expect(claims.nth(1).locator(".claim-figure")).to_have_text("at least 7")
    expect(claims.nth(1).locator(".claim-source")).to_contain_text("Syrian Observatory for Human Rights")
    expect(panel.locator(".claims-block h3").first).to_contain_text("best figure 4")
    left, right = claims.nth(0).bounding_box(), claims.nth(1).bounding_box()
    assert left is not None and right is not None
    assert abs(left["y"] - right["y"]) < 2 and right["x"] >= left["x"] + left["width"]

    # The rocket attack the next day is linked as the answer to the strikes.
    expect(panel.locator(".linked li")).to_contain_text(["answered by (response)"])

    RESULTS.mkdir(exist_ok=True)
    page.screenshot(path=str(RESULTS / "web-syria-airstrikes.png"), full_page=False)
    assert (RESULTS / "web-syria-airstrikes.png").stat().st_size > 10_000


def test_map_click_opens_the_event_and_no_console_errors(live_url: str, page) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(live_url + "/#country=IRN")
    expect(page.locator("#list-count")).to_have_text(re.compile(r"of 1 events"))
    # One event in Iran: click where the points layer drew it.
    box = page.locator("#map").bounding_box()
    assert box is not None
    point = page.evaluate(
        "() => { const m = window.eventscopeMap; const d = m.points._data;"
        " return m.map.latLngToContainerPoint([d.lat[0], d.lon[0]]); }")
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    expect(page.locator("#panel h2")).to_contain_text("ACCUSE")
    expect(page.locator("#panel .fields")).to_contain_text("Iranian foreign ministry")
    # The basemap's antimeridian fix: a ring crossing 180 degrees stays one shape.
    assert page.evaluate("() => ES.unwrapRing([[179, 0], [-179, 1], [-178, 2], [179, 3]])") == [
        [179, 0], [181, 1], [182, 2], [179, 3]]
    assert errors == []
