"""Command line: thin commands over importable functions.

Every expected failure is an `EventscopeError`; `main` prints it as one line
on stderr (`eventscope: <message>`) and exits 2.  Bad inputs among several
are reported one line each and the rest are still processed (exit 1).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from typing import TextIO

from eventscope import __version__
from eventscope.config import load_settings
from eventscope.errors import EventscopeError
from eventscope.model import Event, to_dict

EXIT_OK, EXIT_SOME_INPUTS_FAILED, EXIT_ERROR = 0, 1, 2


def add_common_settings(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", help="TOML config file (default: ./eventscope.toml if present)")
    parser.add_argument("--spacy-model", dest="spacy_model", help="installed spaCy pipeline to use")


def settings_from_args(args: argparse.Namespace, **extra: object):
    from pathlib import Path

    config = Path(args.config) if getattr(args, "config", None) else None
    return load_settings(config, spacy_model=getattr(args, "spacy_model", None), **extra)


# ---------------------------------------------------------------- extract

def format_event_row(event: Event) -> dict[str, str]:
    """The readable columns of the events table."""
    def names(actors) -> str:
        return "; ".join(a.name for a in actors) or "-"

    date = event.date.date.isoformat() if event.date.date else "?"
    if event.date.date_end:
        date += f"..{event.date.date_end.isoformat()}"
    place = "-"
    if event.place:
        place = event.place.name + (f" ({event.place.country})" if event.place.country else "")
        if event.place.site:
            place += f", at {event.place.site.text}"
    killed = "-"
    if event.fatalities:
        killed = str(event.fatalities.best) if event.fatalities.best is not None else "?"
        if len(event.fatalities.claims) > 1:
            killed += f" ({len(event.fatalities.claims)} claims)"
    flags = event.modality.value + (" recalled" if event.recalled else "")
    return {
        "date": f"{date} [{event.date.precision.value}]",
        "type": event.plover + (f"/{event.plover_mode}" if event.plover_mode else ""),
        "cameo": f"{event.cameo} ({event.goldstein:+g})",
        "acled": event.acled_sub_type or "-",
        "actor1": names(event.actor1),
        "actor2": names(event.actor2),
        "place": place,
        "killed": killed,
        "status": flags,
    }


def print_table(rows: list[dict[str, str]], out: TextIO, title: str | None = None) -> None:
    if title:
        out.write(f"\n{title}\n")
    if not rows:
        out.write("  (no events)\n")
        return
    headers = list(rows[0])
    widths = {h: min(40, max(len(h), *(len(r[h]) for r in rows))) for h in headers}
    def cell(h: str, text: str) -> str:
        return (text if len(text) <= widths[h] else text[: widths[h] - 1] + "…").ljust(widths[h])
    out.write("  ".join(cell(h, h.upper()) for h in headers).rstrip() + "\n")
    for row in rows:
        out.write("  ".join(cell(h, row[h]) for h in headers).rstrip() + "\n")


def event_json(event: Event, article_id: str) -> dict:
    data = to_dict(event)
    data["article_id"] = article_id
    data["material"] = event.modality.value == "occurred"
    return data


def run_extract(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out = sys.stdout if out is None else out  # looked up per call, so callers and tests can redirect
    err = sys.stderr if err is None else err
    from eventscope.ingest import Rejected, read_inputs
    from eventscope.pipeline import extract_events

    settings = settings_from_args(args, n_process=args.workers)
    failures = 0

    def articles():
        nonlocal failures
        for item in read_inputs(args.paths, published=args.published):
            if isinstance(item, Rejected):
                failures += 1
                err.write(f"eventscope: {item.source}: {item.reason}\n")
                continue
            yield item

    collected: list[dict] = []
    for article, events in extract_events(articles(), settings):
        if args.format == "table":
            rows = [format_event_row(e) for e in events]
            print_table(rows, out, title=f"{article.title or article.id}  [{article.source}]")
        elif args.format == "jsonl":
            for event in events:
                out.write(json.dumps(event_json(event, article.id), ensure_ascii=False) + "\n")
        else:
            collected.append({
                "article": to_dict(article) | {"text": None},
                "events": [event_json(e, article.id) for e in events],
            })
    if args.format == "json":
        json.dump(collected, out, ensure_ascii=False, indent=2)
        out.write("\n")
    return EXIT_SOME_INPUTS_FAILED if failures else EXIT_OK


def register_extract(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "extract", help="extract coded events from articles and print them",
        description="Read articles (text, HTML, JSONL, directories, or - for stdin) and print their events.",
    )
    parser.add_argument("paths", nargs="+", help="files, directories, or - for stdin")
    parser.add_argument("--format", choices=("table", "json", "jsonl"), default="table")
    parser.add_argument("--published",
                        help="publication date for every input (e.g. 2021-06-29); overrides the file's")
    parser.add_argument("--workers", type=int, help="worker processes (default: setting n_process)")
    add_common_settings(parser)
    parser.set_defaults(handler=run_extract)


# ---------------------------------------------------------------- main

REGISTRARS: list[Callable[[argparse._SubParsersAction], None]] = [register_extract]


def _optional_registrars() -> list[Callable[[argparse._SubParsersAction], None]]:
    """Commands that live in their own modules, wired here."""
    from eventscope.command_registry import registrars

    return registrars()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="eventscope",
        description="News text in; coded, dated, placed political and conflict events out, with evidence.",
    )
    parser.add_argument("--version", action="version", version=f"eventscope {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    subparsers.required = True
    for register in [*REGISTRARS, *_optional_registrars()]:
        register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args))
    except EventscopeError as exc:
        sys.stderr.write(f"eventscope: {exc}\n")
        return EXIT_ERROR
    except KeyboardInterrupt:
        sys.stderr.write("eventscope: interrupted\n")
        return 130
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
