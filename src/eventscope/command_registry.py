"""The subcommands that live in their own modules, in the order `--help` lists them."""

from __future__ import annotations

import argparse
from collections.abc import Callable


def registrars() -> list[Callable[[argparse._SubParsersAction], None]]:
    return []
