"""`eventscope actor TEXT...`: code actor names with the dictionary, and say why.

Useful when extending the dictionary: write a row in your own TSV, point
`--dictionary` (or $EVENTSCOPE_ACTOR_DICTIONARY) at it and check the result.
The lead wires `register(subparsers)` into the CLI.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TextIO

from eventscope.model import to_dict
from eventscope.stages.actor_dictionary import load_dictionary
from eventscope.stages.actor_lookup import lookup_actor


def run_actor(texts: list[str], dictionary_path: str | None = None, as_json: bool = False,
              out: TextIO | None = None) -> int:
    out = sys.stdout if out is None else out  # looked up per call, so callers and tests can redirect
    dictionary = load_dictionary(dictionary_path)
    for text in texts:
        actor = lookup_actor(text, dictionary)
        if as_json:
            out.write(json.dumps(to_dict(actor), ensure_ascii=False) + "\n")
            continue
        codes = " ".join(f"{label}={value}" for label, value in
                         (("country", actor.country), ("sector", actor.sector), ("affiliation", actor.affiliation))
                         if value)
        out.write(f"{text}\n  {actor.name}  {codes or '(uncoded)'}\n  why: {actor.reason or '-'}\n")
        if actor.unknown_reason:
            out.write(f"  unknown: {actor.unknown_reason}\n")
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("actor", help="code actor names with the actor dictionary")
    parser.add_argument("texts", nargs="+", metavar="TEXT", help="actor strings, e.g. \"Iraq's military\"")
    parser.add_argument("--dictionary", help="your own actors TSV (rows override the built-in ones)")
    parser.add_argument("--json", action="store_true", help="one JSON Actor per line")
    parser.set_defaults(handler=handle_actor)


def handle_actor(args: argparse.Namespace) -> int:
    return run_actor(args.texts, args.dictionary, args.json)
