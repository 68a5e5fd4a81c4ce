"""The readable tables ingest runs on, loaded once from `eventscope/data/ingest/`.

Why tables and not code: which agencies exist, which lines are page furniture and
which words introduce a date change with every new news site; adding a row is safer
than adding a branch.  Each file's header comment says where its entries come from.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from eventscope.errors import ConfigError

_DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "ingest"


def _rows(name: str, columns: int) -> list[tuple[str, ...]]:
    """Tab-separated rows of `data/ingest/<name>`, comments and blank lines skipped."""
    try:
        text = (_DATA_DIR / name).read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"data/ingest/{name}: cannot read ingest table ({exc})") from exc
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = tuple(cell.strip() for cell in line.split("\t"))
        if len(cells) != columns:
            raise ConfigError(f"data/ingest/{name}:{number}: expected {columns} tab-separated columns")
        rows.append(cells)
    return rows


@dataclass(frozen=True)
class Boilerplate:
    line: re.Pattern[str]  # a whole line of page furniture
    caption_label: re.Pattern[str]  # "Image caption ..." at the start of a line
    lead_marker: re.Pattern[str]  # "[TEXT]" at the start of the body
    credit_start: re.Pattern[str]  # "(With AP and AFP)", "Reporting by ..."
    not_a_place: re.Pattern[str]  # "NO CITY", "BREAKING": no place in the dateline position
    photo_words: frozenset[str]


def _alternation(patterns: list[str]) -> str:
    return "|".join(f"(?:{p})" for p in patterns)


@functools.cache
def boilerplate() -> Boilerplate:
    by_kind: dict[str, list[str]] = {}
    for kind, pattern in _rows("boilerplate.tsv", 2):
        by_kind.setdefault(kind, []).append(pattern)
    flags = re.IGNORECASE
    return Boilerplate(
        line=re.compile(rf"(?:{_alternation(by_kind['line'])})[\s.:!|]*", flags),
        caption_label=re.compile(rf"(?:{_alternation(by_kind['caption-label'])})", flags),
        lead_marker=re.compile(rf"(?:\s*(?:{_alternation(by_kind['lead-marker'])}))+\s*", flags),
        credit_start=re.compile(rf"[(\[]?\s*(?:{_alternation(by_kind['credit-start'])})", flags),
        not_a_place=re.compile(rf"(?:{_alternation(by_kind['not-a-place'])})", flags),
        photo_words=frozenset(w.lower() for w in by_kind["photo-word"]),
    )


@dataclass(frozen=True)
class Agencies:
    pattern: re.Pattern[str]  # finds any alias; group "alias"
    canonical: dict[str, str]  # alias as matched (case-folded unless case-sensitive) -> canonical


def _case_sensitive(alias: str) -> bool:
    return alias.isupper() and len(alias) <= 4


@functools.cache
def agencies() -> Agencies:
    rows = _rows("agencies.tsv", 2)
    canonical: dict[str, str] = {}
    parts = []
    # Longest first, so "The Associated Press" wins over "AP" and "ITAR-TASS" over "TASS".
    for name, alias in sorted(rows, key=lambda row: -len(row[1])):
        body = re.escape(alias).replace(r"\ ", r"\s+")
        if _case_sensitive(alias):
            canonical[alias] = name
            parts.append(body)
        else:
            canonical[alias.casefold()] = name
            parts.append(f"(?i:{body})")
    pattern = re.compile(rf"(?<!\w)(?P<alias>{'|'.join(parts)})(?!\w)")
    return Agencies(pattern=pattern, canonical=canonical)


def canonical_agency(alias: str) -> str | None:
    table = agencies().canonical
    alias = " ".join(alias.split())
    return table.get(alias) or table.get(alias.casefold())


def find_agencies(text: str) -> list[str]:
    """Canonical names of the agencies named in `text`, in order, without repeats."""
    found: list[str] = []
    for match in agencies().pattern.finditer(text):
        name = canonical_agency(match.group("alias"))
        if name and name not in found:
            found.append(name)
    return found


@functools.cache
def date_labels() -> list[tuple[str, re.Pattern[str]]]:
    """(kind, label pattern) pairs, longest label first."""
    rows = sorted(_rows("date_labels.tsv", 2), key=lambda row: -len(row[1]))
    return [(kind, re.compile(rf"\b(?:{label})\b\s*:?\s*(?:on\s+)?", re.IGNORECASE)) for kind, label in rows]
