"""Paths, directories and stdin -> a stream of Articles and Rejected inputs.

The entry point is `read_inputs`.  Every expected failure of one input (missing,
empty, binary, undecodable, an unreadable date in a record) comes out as a
`Rejected` value in its place in the stream, so the other inputs are still read;
only a bad `published` override, which would spoil every input, raises at once.

Which reader a file gets is decided by its extension, else by sniffing its first
bytes.  A directory is walked recursively in sorted order, hidden entries skipped,
taking only files with a known article extension.  `.json` is read when named
explicitly but not picked up from a directory walk: folders of JSON are more often
metadata or gold files (read by the `eval` loaders) than articles.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO, Literal

from eventscope.errors import InputError
from eventscope.ingest.dates import parse_date
from eventscope.ingest.decode import check_binary, decode_html, decode_text
from eventscope.ingest.html import article_from_html
from eventscope.ingest.jsonl import read_json_text, read_jsonl_lines, read_jsonl_text
from eventscope.ingest.records import Rejected
from eventscope.ingest.text import article_from_text
from eventscope.model import Article

Format = Literal["text", "html", "jsonl", "json"]

EXTENSIONS: dict[str, Format] = {
    ".txt": "text", ".text": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".json": "json",
}
DIRECTORY_EXTENSIONS = frozenset(ext for ext, fmt in EXTENSIONS.items() if fmt != "json")
STDIN = "-"

_HTML_START = re.compile(rb"\s*(?:<!doctype html|<html|<head|<body|<article|<div|<p[\s>]|<!--)", re.IGNORECASE)


def resolve_published(published: dt.date | str | None) -> dt.date | None:
    """The caller's publication date; a string is read strictly (DateParseError names --published)."""
    if published is None or isinstance(published, dt.date):
        return published
    return parse_date(published, "--published")


def read_inputs(
    paths: Iterable[str | os.PathLike[str]], published: dt.date | str | None = None
) -> Iterator[Article | Rejected]:
    """Articles from files, directories and "-" (stdin), each bad input a Rejected in its place.

    `published` overrides every date the inputs state.  Raises DateParseError at the call
    (before anything is read) when `published` is a string that is not a date.
    """
    override = resolve_published(published)
    return _read_all(list(paths), override)


def _read_all(paths: list[str | os.PathLike[str]], published: dt.date | None) -> Iterator[Article | Rejected]:
    for path in paths:
        if str(path) == STDIN:
            yield from read_stdin(published=published)
        else:
            yield from read_path(path, published=published)


def read_path(path: str | os.PathLike[str], published: dt.date | None = None) -> Iterator[Article | Rejected]:
    """One file or directory (recursively)."""
    source = str(path)
    target = Path(path)
    if target.is_dir():
        files = list(_walk(target))
        if files and not any(f.suffix.lower() in DIRECTORY_EXTENSIONS for f in files):
            files = []
        kinds = ", ".join(sorted(DIRECTORY_EXTENSIONS))
        if not files:
            yield Rejected(source, f"directory holds no article files ({kinds})")
        for file in files:
            if file.suffix.lower() in DIRECTORY_EXTENSIONS:
                yield from read_file(file, published=published)
            else:  # said, never dropped in silence; naming the file reads it by content
                yield Rejected(str(file), f"skipped: not an article file ({kinds}); name it to read it anyway")
        return
    yield from read_file(target, published=published)


def _walk(directory: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield Path(root) / name


def read_file(path: str | os.PathLike[str], published: dt.date | None = None) -> Iterator[Article | Rejected]:
    """One file, read by its extension (or by its content when the extension is unknown)."""
    source = str(path)
    fmt = EXTENSIONS.get(Path(path).suffix.lower())
    try:
        if fmt == "jsonl":
            yield from _read_jsonl_file(Path(path), source, published)
            return
        data = Path(path).read_bytes()
    except FileNotFoundError:
        yield Rejected(source, "no such file or directory")
        return
    except IsADirectoryError:
        yield Rejected(source, "is a directory")
        return
    except OSError as exc:
        yield Rejected(source, f"cannot read file ({exc.strerror or exc})")
        return
    yield from read_bytes(data, source, fmt=fmt, published=published)


def _read_jsonl_file(path: Path, source: str, published: dt.date | None) -> Iterator[Article | Rejected]:
    """Stream a JSONL file line by line: feeds can be large, and one bad line costs one line."""
    with path.open("rb") as handle:
        try:
            check_binary(handle.read(8192), source)
        except InputError as exc:
            yield Rejected.from_error(exc)
            return
        handle.seek(0)
        yield from read_jsonl_lines(handle, source, published=published)


def read_stdin(
    stream: BinaryIO | None = None, *, published: dt.date | None = None, fmt: Format | None = None
) -> Iterator[Article | Rejected]:
    """Standard input (or `stream`), its format sniffed unless `fmt` is given; source "stdin".

    JSON Lines are read as they arrive (a pipe from a crawler need not end first); any
    other format is one document and is read to the end.
    """
    stream = stream if stream is not None else sys.stdin.buffer
    first = stream.readline()
    if fmt in (None, "jsonl") and (fmt or sniff_format(first)) == "jsonl":
        yield from read_jsonl_lines(itertools.chain([first], stream), "stdin", published=published)
        return
    yield from read_bytes(first + stream.read(), "stdin", fmt=fmt, published=published)


def sniff_format(data: bytes) -> Format:
    head = data[:4096].removeprefix(b"\xef\xbb\xbf").lstrip()
    if _HTML_START.match(head):
        return "html"
    if head.startswith(b"{"):
        return "jsonl"
    if head.startswith(b"[") and head.rstrip().endswith((b"]", b"}", b",")):
        return "json"
    return "text"


def read_bytes(
    data: bytes, source: str, *, fmt: Format | None = None, published: dt.date | None = None
) -> Iterator[Article | Rejected]:
    """Articles from the raw bytes of one input; never raises for bad content."""
    if not data.strip():
        yield Rejected(source, "empty file" if source != "stdin" else "empty input")
        return
    fmt = fmt or sniff_format(data)
    try:
        if fmt == "html":
            yield article_from_html(decode_html(data, source), source, published=published)
        elif fmt == "jsonl":
            yield from read_jsonl_text(decode_text(data, source), source, published=published)
        elif fmt == "json":
            yield from read_json_text(decode_text(data, source), source, published=published)
        else:
            yield article_from_text(decode_text(data, source), source, published=published)
    except InputError as exc:
        yield Rejected.from_error(exc)
