"""Loaders for sentence-level dyad data: PLV (TSV) and PLOVER GSR (JSON).

Both give a sentence, a source and a target actor, and the PLOVER type of the
event between them; PLOVER GSR also codes each actor's country and sector.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path

from eventscope.errors import DatasetError
from eventscope.evaluate.records import Dataset, GoldActor, GoldDyad
from eventscope.evaluate.tables import label_table, normalise_country
from eventscope.model import Span

_TAG = re.compile(r"</?[stST]>")
_LABEL_COLUMNS = ("gold_root", "root", "label", "plover")
_MARKED_COLUMNS = ("marked_sentence", "marked")


def unmark(marked: str) -> tuple[str, Span | None, Span | None]:
    """Strip PLV's <s>…</s> and <t>…</t> marks; return the text and the two spans in it."""
    text_parts: list[str] = []
    opened: dict[str, int] = {}
    spans: dict[str, Span] = {}
    pos = 0
    length = 0
    for match in _TAG.finditer(marked):
        chunk = marked[pos:match.start()]
        text_parts.append(chunk)
        length += len(chunk)
        tag = match.group().lower()
        role = tag.strip("</>")
        if tag.startswith("</"):
            if role in opened:
                start = opened.pop(role)
                spans[role] = Span(start, length, "")
        else:
            opened[role] = length
        pos = match.end()
    text_parts.append(marked[pos:])
    text = "".join(text_parts)

    def filled(span: Span | None) -> Span | None:
        return Span(span.start, span.end, text[span.start:span.end]) if span else None

    return text, filled(spans.get("s")), filled(spans.get("t"))


def _mark(row: dict[str, str]) -> str:
    """Mark the first occurrence of the source and target texts, for files without marked_sentence."""
    sentence = (row.get("sentence") or "").strip()
    for tag, actor in sorted((("s", row.get("source") or ""), ("t", row.get("target") or "")),
                             key=lambda pair: -sentence.find(pair[1].strip()) if pair[1].strip() else 1):
        actor = actor.strip()
        start = sentence.find(actor) if actor else -1
        if start >= 0:  # marks are inserted from the right so earlier offsets stay valid
            sentence = f"{sentence[:start]}<{tag}>{actor}</{tag}>{sentence[start + len(actor):]}"
    return sentence


def load_plv(path: Path) -> Dataset:
    """PLV TSV: a header row; the marked sentence and the PLOVER root (gold_root) are required."""
    table = label_table("plv.tsv")
    csv.field_size_limit(sys.maxsize)
    items: list[GoldDyad] = []
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle, delimiter="\t")
            header = reader.fieldnames or []
            label_col = next((c for c in _LABEL_COLUMNS if c in header), None)
            marked_col = next((c for c in _MARKED_COLUMNS if c in header), None)
            plain = {"sentence", "source", "target"} <= set(header)  # unmarked sentence + actor columns
            if label_col is None or (marked_col is None and not plain):
                raise DatasetError(str(path), f"line 1: PLV header needs {_MARKED_COLUMNS[0]} (or sentence, "
                                              f"source, target) and {_LABEL_COLUMNS[0]} columns, found {header}")
            for row in reader:
                line = reader.line_num
                where = f"{path}:{line}"
                marked = (row.get(marked_col) or "").strip() if marked_col else _mark(row)
                label = (row.get(label_col) or "").strip()
                if not marked or not label:
                    raise DatasetError(str(path), f"line {line}: empty sentence or {label_col}")
                accepted = table.lookup(label)
                if accepted is None:
                    raise DatasetError(str(path), f"line {line}: unknown PLOVER root {label!r}")
                text, source, target = unmark(marked)
                if source is None and target is None:  # PLV leaves a mark out for "a recipient", not both
                    raise DatasetError(str(path), f"line {line}: marked sentence has neither <s>…</s> nor <t>…</t>")
                item_id = f"{row.get('sentence_id') or 'row'}@{line}"
                items.append(GoldDyad(item_id, text, label.upper(), accepted, source, target, source=where))
    except UnicodeDecodeError as exc:
        raise DatasetError(str(path), f"not UTF-8 text ({exc.reason})") from None
    except csv.Error as exc:
        raise DatasetError(str(path), f"not a readable TSV ({exc})") from None
    if not items:
        raise DatasetError(str(path), "no rows")
    return Dataset("plv", str(path), "dyads", tuple(items), scope=table.scope, labels_note="labels/plv.tsv")


_ELISION = re.compile(r"\s*(?:\.\.\.|…)\s*")
_WORD = re.compile(r"[\w'.-]+")
_FUNCTION_WORDS = frozenset(["a", "an", "the", "of", "and", "or", "in", "on", "at", "for", "to", "from", "by",
                             "with", "its", "their", "his", "her"])


def align_actor(text: str, surface: str) -> Span | None:
    """Where the coder's actor text stands in the sentence.  GSR coders write the actor as they read it:
    verbatim ("Italy"), elided ("U.S. ... negotiators" for "U.S. and Russian negotiators") or normalised
    ("West German" for "German goods", "United Nations military personnel").  In that order: the text
    itself, its elided pieces in order, else the longest run of its words that the sentence contains
    (a run of function words alone does not count)."""
    folded = text.casefold()
    start = folded.find(surface.casefold())
    if start >= 0:
        return Span(start, start + len(surface), text[start:start + len(surface)])
    pieces = [p for p in _ELISION.split(surface) if p]
    if len(pieces) > 1:
        first = folded.find(pieces[0].casefold())
        last = folded.find(pieces[-1].casefold(), first + len(pieces[0])) if first >= 0 else -1
        if last >= 0:
            return Span(first, last + len(pieces[-1]), text[first:last + len(pieces[-1])])
    words = _WORD.findall(surface)
    for size in range(len(words) - 1, 0, -1):
        for offset in range(len(words) - size + 1):
            run = words[offset:offset + size]
            if all(w.casefold() in _FUNCTION_WORDS for w in run):
                continue
            pattern = r"(?<![\w])" + r"\s+".join(re.escape(w) for w in run) + r"(?![\w])"
            found = re.search(pattern, text, re.IGNORECASE)
            if found:
                return Span(found.start(), found.end(), found.group(0))
    return None


def _actors(value: object, text: str, where: str) -> tuple[GoldActor, ...]:
    if not isinstance(value, list):  # "" or a stray string: no actor coded
        return ()
    out = []
    for entry in value:
        if not isinstance(entry, dict) or not entry.get("actorText"):
            raise DatasetError(where, "actor entry without actorText")
        surface = str(entry["actorText"])
        span = align_actor(text, surface)
        code = str(entry.get("code") or "")
        sector = str(entry.get("sector") or "")
        out.append(GoldActor(surface, normalise_country(code) or (code.upper() or None),
                             frozenset({sector}) if sector else frozenset(), span))
    return tuple(out)


def load_plover_gsr(path: Path) -> Dataset:
    """PLOVER gold-standard records: a JSON list of records with text, event, source, target."""
    table = label_table("plover_gsr.tsv")
    try:
        records = json.loads(path.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise DatasetError(str(path), f"not UTF-8 text ({exc.reason})") from None
    except json.JSONDecodeError as exc:
        raise DatasetError(str(path), f"line {exc.lineno}: not valid JSON ({exc.msg})") from None
    if isinstance(records, dict):
        records = [records]
    if not isinstance(records, list):
        raise DatasetError(str(path), "expected a JSON list of records")
    items: list[GoldDyad] = []
    for index, record in enumerate(records):
        where = f"{path}: record {index + 1}"
        if not isinstance(record, dict):
            raise DatasetError(where, "record is not a JSON object")
        label = str(record.get("event") or "").strip()
        accepted = table.lookup(label)
        if accepted is None:
            raise DatasetError(where, f"unknown PLOVER 0.5 event {label!r}")
        if not accepted:
            continue  # DOCUMENT records and other non-events
        text = str(record.get("text") or "").strip()
        if not text:
            raise DatasetError(where, "record without text")
        sources = _actors(record.get("source"), text, where)
        targets = _actors(record.get("target"), text, where)
        items.append(GoldDyad(
            str(record.get("id") or f"record-{index + 1}"), text, label.upper(), accepted,
            sources[0].span if sources else None, targets[0].span if targets else None,
            sources, targets, source=where,
        ))
    if not items:
        raise DatasetError(str(path), "no event records")
    return Dataset("plover-gsr", str(path), "dyads", tuple(items), scope=table.scope,
                   labels_note="labels/plover_gsr.tsv")
