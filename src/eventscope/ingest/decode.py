"""Bytes to text, refusing what is not text.

Why strict UTF-8 and no guessing for text and JSONL: a wrong guess (cp1252 read
as latin-1, say) silently corrupts names and quotes, and every later stage trusts
the text.  A file that is not UTF-8 is reported, naming the byte offset, so the
user can convert it.  HTML is the exception: a page declares its charset and
browsers honour it, so we do too.
"""

from __future__ import annotations

import codecs
import re

from eventscope.errors import InputError

_SNIFF = 8192
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]{1,40})""", re.IGNORECASE)


def check_binary(data: bytes, source: str) -> None:
    """Raise InputError when `data` looks like a binary file (NUL bytes, many control bytes)."""
    head = data[:_SNIFF]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return
    if b"\x00" in head:
        raise InputError(source, "binary file (contains NUL bytes), not text, HTML or JSONL")
    controls = sum(1 for byte in head if byte < 32 and byte not in (9, 10, 12, 13))
    if head and controls / len(head) > 0.05:
        raise InputError(source, "binary file (mostly control bytes), not text, HTML or JSONL")


def decode_text(data: bytes, source: str) -> str:
    """UTF-8 (with or without BOM) or BOM-marked UTF-16; anything else is an InputError."""
    check_binary(data, source)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode(data, "utf-16", source)
    return _decode(data, "utf-8-sig", source)


def decode_html(data: bytes, source: str) -> str:
    """Decode a page by its BOM, else its declared charset, else UTF-8."""
    check_binary(data, source)
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode_text(data, source)
    declared = _META_CHARSET.search(data[:_SNIFF])
    if declared:
        name = declared.group(1).decode("ascii", "replace")
        try:
            codecs.lookup(name)
        except LookupError:
            raise InputError(source, f"unknown charset {name!r} declared in the page") from None
        return _decode(data, name, source)
    return _decode(data, "utf-8", source)


def _decode(data: bytes, encoding: str, source: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(
            source, f"not valid {exc.encoding} text (byte 0x{data[exc.start]:02x} at offset {exc.start})"
        ) from None
