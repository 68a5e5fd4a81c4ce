"""`eventscope serve [--db PATH] [--host H] [--port N]`: the HTTP API and the web page, with uvicorn."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

DEFAULT_HOST = "127.0.0.1"  # loopback unless the operator opens it up on purpose
DEFAULT_PORT = 8765


def run_serve(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out = sys.stdout if out is None else out  # looked up per call, so callers and tests can redirect
    err = sys.stderr if err is None else err
    import uvicorn

    from eventscope.api.app import create_app
    from eventscope.config import load_settings

    settings = load_settings(Path(args.config) if args.config else None, db_path=args.db,
                             api_token=args.token)
    app = create_app(settings)
    err.write(f"eventscope: serving {settings.db_path} at http://{args.host}:{args.port}/ "
              f"(API docs at /docs; writes {'need the token' if settings.api_token else 'disabled: no api_token'})\n")
    uvicorn.run(app, host=args.host, port=args.port, log_level=args.log_level)
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add `eventscope serve` to the CLI."""
    parser = subparsers.add_parser(
        "serve", help="serve the HTTP API and the web page (map, timeline, evidence)",
        description="Serve the event database over HTTP: JSON API (OpenAPI at /docs) and the web page at /.")
    parser.add_argument("--db", help="event database file (default: setting db_path)")
    parser.add_argument("--host", default=DEFAULT_HOST, help=f"address to listen on (default {DEFAULT_HOST})")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT})")
    parser.add_argument("--token", help="write token (default: setting api_token / EVENTSCOPE_API_TOKEN)")
    parser.add_argument("--log-level", default="warning", choices=("critical", "error", "warning", "info", "debug"))
    parser.add_argument("--config", help="TOML config file (default: ./eventscope.toml if present)")
    parser.set_defaults(handler=run_serve)
