"""`eventscope report`: the situation report page (and its PDF through Debian's Chromium)."""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import re
from pathlib import Path

import pytest

from api_support import seeded_store
from eventscope.errors import ConfigError, InputError
from eventscope.report import build_context, key_events, parse_region, print_pdf, register, render_report
from eventscope.report_svg import country_rings, unwrap


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("report") / "events.db"
    seeded_store(path).close()
    return path


def run(db: Path, *argv: str) -> int:
    parser = argparse.ArgumentParser()
    register(parser.add_subparsers())
    args = parser.parse_args(["report", "--db", str(db), *argv])
    return int(args.handler(args))


def test_regions_by_code_name_or_admin1() -> None:
    assert parse_region("SYR").countries == ("SYR",)
    assert parse_region("Syria, iraq").countries == ("SYR", "IRQ")
    region = parse_region("IRQ,Deir ez-Zor")
    assert region.countries == ("IRQ",) and region.admin1 == ("Deir ez-Zor",)
    with pytest.raises(InputError):
        parse_region(" , ")


def test_report_has_map_key_events_claims_and_timeline(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "syria.html"
    assert run(db, "--region", "SYR", "--from", "2021-06-01", "--to", "2021-06-30", "-o", str(out)) == 0
    html = out.read_text(encoding="utf-8")
    assert "<script" not in html and "http://" not in html.replace("http://www.w3.org/2000/svg", "")
    assert "Situation report: SYR" in html
    assert html.count('class="map"') == 1 and html.count('class="timeline"') == 1
    assert len(re.findall(r"<circle ", html)) == 3  # the three Syrian events
    key = html.split("<h2>Key events</h2>")[1].split("<h2>")[0]
    assert key.index("Air/drone strike") < key.index("Shelling/artillery/missile attack")  # deadliest first
    casualties = html.split("<h2>Casualties")[1].split("<h2>")[0]
    assert "Iraqi militia officials (to AP)" in casualties and "Syrian Observatory for Human Rights" in casualties
    assert "at least 7" in casualties and "four militiamen were killed" in casualties
    assert "Soleimani" not in html  # 2020, Iraq: outside the region and period


def test_key_events_leave_out_recalled_and_threats(db: Path) -> None:
    from eventscope.store.sqlite import SQLiteStore

    with SQLiteStore(db) as store:
        context = build_context(store, parse_region("IRQ"), dt.date(2020, 1, 1), dt.date(2021, 12, 31))
    assert context["n_events"] == 3 and context["n_material"] == 2
    assert [e["type"] for e in context["key_events"]] == ["THREATEN", "ACCUSE"]  # most hostile first
    assert key_events([]) == []
    assert "recalled" in render_report(context)


def test_bad_period_and_missing_chromium_are_one_line_errors(db: Path, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(InputError, match="after"):
        run(db, "--region", "SYR", "--from", "2021-07-01", "--to", "2021-06-01", "-o", str(tmp_path / "x.html"))
    monkeypatch.setenv("PATH", str(tmp_path))  # no chromium here
    with pytest.raises(ConfigError, match="needs Chromium on PATH") as caught:
        run(db, "--region", "SYR", "--from", "2021-06-01", "--to", "2021-06-30", "--pdf", "-o", str(tmp_path / "r"))
    assert "\n" not in str(caught.value)
    assert (tmp_path / "r.html").exists()  # the HTML is written before the PDF is tried


def test_outlines_decode_and_unwrap_the_antimeridian() -> None:
    countries = dict(country_rings())
    assert len(countries) > 170 and "Syria" in countries
    for ring in countries["Russia"] + countries["Fiji"]:
        assert all(abs(a[0] - b[0]) < 180 for a, b in itertools.pairwise(ring))
    assert unwrap([(179.0, 0.0), (-179.0, 1.0), (-178.0, 2.0)]) == [(179.0, 0.0), (181.0, 1.0), (182.0, 2.0)]


@pytest.mark.browser
def test_pdf_through_chromium(db: Path, tmp_path: Path) -> None:
    import shutil

    if shutil.which("chromium") is None:
        pytest.skip("Debian's chromium is not installed")
    html = tmp_path / "r.html"
    assert run(db, "--region", "Syria", "--from", "2021-06-01", "--to", "2021-06-30", "-o", str(html)) == 0
    print_pdf(html, tmp_path / "r.pdf")
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")
