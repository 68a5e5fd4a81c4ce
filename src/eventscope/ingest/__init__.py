"""Ingest: news inputs -> `Article` records (see DESIGN.md, "ingest").

    read_inputs(paths, published=None)      files, directories, "-" -> Article | Rejected, in order
    read_path / read_file / read_stdin      one input of each kind
    read_bytes(data, source, fmt=None)      raw bytes of one input (format sniffed when not given)
    article_from_text / article_from_html   one story already in memory (raise InputError)
    article_from_record                     one JSON object with text or html
    parse_date(value, source)               a caller's date, strictly (raises DateParseError)
    make_article_id(url=, text=, title=)    the stable id every reader uses

Expected failures of one input are `Rejected(source, reason)` values in the stream;
the `article_from_*` functions raise `InputError` instead, for callers with one story.
"""

from eventscope.ingest.dates import parse_date
from eventscope.ingest.html import article_from_html
from eventscope.ingest.jsonl import article_from_record, read_json_text, read_jsonl_lines, read_jsonl_text
from eventscope.ingest.reader import (
    read_bytes,
    read_file,
    read_inputs,
    read_path,
    read_stdin,
    resolve_published,
    sniff_format,
)
from eventscope.ingest.records import Rejected, make_article_id
from eventscope.ingest.text import article_from_text

__all__ = [
    "Rejected",
    "article_from_html",
    "article_from_record",
    "article_from_text",
    "make_article_id",
    "parse_date",
    "read_bytes",
    "read_file",
    "read_inputs",
    "read_json_text",
    "read_jsonl_lines",
    "read_jsonl_text",
    "read_path",
    "read_stdin",
    "resolve_published",
    "sniff_format",
]
