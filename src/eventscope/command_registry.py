"""The subcommands that live in their own modules, in the order `--help` lists them.

Imports happen inside `registrars()` so that `eventscope --help` stays fast
and a command's heavy dependencies load only when that command runs.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

Registrar = Callable[[argparse._SubParsersAction], None]


def registrars() -> list[Registrar]:
    from eventscope import actor_cli, gazetteer_cli, query, report
    from eventscope.api import serve
    from eventscope.evaluate import cli as evaluate_cli
    from eventscope.export import register as register_export
    from eventscope.store import ingest as store_ingest

    return [
        store_ingest.register,
        query.register,
        register_export,
        serve.register,
        report.register,
        evaluate_cli.register,
        gazetteer_cli.register,
        actor_cli.register,
    ]
