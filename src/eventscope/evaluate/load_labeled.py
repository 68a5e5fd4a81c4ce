"""Loaders for one-label-per-text data: CASE 2021 task 2 snippets and event-location sentences.

CASE 2021: the labeled test set is a TSV whose columns are probably id, text,
label; the loader accepts a header naming text and label columns, a headerless
`id<TAB>text<TAB>label` (or `text<TAB>label`) file, or a folder holding the
task's `sample_input.txt` / `sample_output.txt` pair (id<TAB>text, id<TAB>label).

event-location (Halterman 2019): JSONL with `text` and `spans` labeled VERB (an
event trigger) and LOCATION (where that event happened); every VERB is one item.
"""

from __future__ import annotations

import csv
import json
import sys
import zipfile
from pathlib import Path

from eventscope.errors import DatasetError
from eventscope.evaluate.records import Dataset, GoldLocation, GoldSnippet
from eventscope.evaluate.tables import label_table
from eventscope.model import Span

_TEXT_COLUMNS = ("text", "sentence", "snippet", "sent", "content")
_LABEL_COLUMNS = ("label", "labels", "event_type", "class", "gold", "type")
_ID_COLUMNS = ("id", "idx", "index", "doc_id", "sent_id")
_TRIGGER_LABELS = {"VERB", "EVENT", "TRIGGER"}  # labeled_text.jsonl uses VERB
_PLACE_LABELS = {"LOCATION", "LOC", "PLACE"}  # labeled_text.jsonl uses LOCATION


def _tsv_rows(path: Path) -> list[list[str]]:
    csv.field_size_limit(sys.maxsize)
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            return [row for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE) if any(row)]
    except UnicodeDecodeError as exc:
        raise DatasetError(str(path), f"not UTF-8 text ({exc.reason})") from None
    except OSError as exc:
        raise DatasetError(str(path), f"cannot read ({exc.strerror})") from None


def _snippet(path: Path, line: int, item_id: str, text: str, label: str) -> GoldSnippet:
    table = label_table("case2021.tsv")
    accepted = table.lookup(label)
    if not accepted:
        raise DatasetError(str(path), f"line {line}: unknown CASE 2021 label {label!r}")
    if not text.strip():
        raise DatasetError(str(path), f"line {line}: empty text")
    return GoldSnippet(item_id, text.strip(), label.strip().upper(), accepted, source=f"{path}:{line}")


def _from_tsv(path: Path) -> list[GoldSnippet]:
    rows = _tsv_rows(path)
    if not rows:
        raise DatasetError(str(path), "empty file")
    header = [c.strip().casefold() for c in rows[0]]
    text_col = next((header.index(c) for c in _TEXT_COLUMNS if c in header), None)
    label_col = next((header.index(c) for c in _LABEL_COLUMNS if c in header), None)
    id_col = next((header.index(c) for c in _ID_COLUMNS if c in header), None)
    body = list(enumerate(rows, 1))
    if text_col is not None and label_col is not None:
        body = body[1:]
    else:
        width = len(rows[0])
        if width >= 3:
            id_col, text_col, label_col = 0, width - 2, width - 1
        elif width == 2:
            id_col, text_col, label_col = None, 0, 1
        else:
            raise DatasetError(str(path), "line 1: expected a header naming text and label columns, "
                                          "or id<TAB>text<TAB>label rows")
    out = []
    for line, row in body:
        if len(row) <= max(text_col, label_col):
            raise DatasetError(str(path), f"line {line}: expected {max(text_col, label_col) + 1} columns, "
                                          f"found {len(row)}")
        item_id = row[id_col] if id_col is not None else str(line)
        out.append(_snippet(path, line, item_id, row[text_col], row[label_col]))
    return out


def _from_pair(inputs: Path, outputs: Path) -> list[GoldSnippet]:
    labels: dict[str, tuple[str, int]] = {}
    for line, row in enumerate(_tsv_rows(outputs), 1):
        if len(row) < 2:
            raise DatasetError(str(outputs), f"line {line}: expected id<TAB>label")
        labels[row[0].strip()] = (row[1], line)
    out = []
    for line, row in enumerate(_tsv_rows(inputs), 1):
        if len(row) < 2:
            raise DatasetError(str(inputs), f"line {line}: expected id<TAB>text")
        item_id = row[0].strip()
        if item_id not in labels:
            raise DatasetError(str(outputs), f"no label for id {item_id!r} (line {line} of {inputs.name})")
        out.append(_snippet(inputs, line, item_id, row[1], labels[item_id][0]))
    return out


def _input_output_pair(folder: Path) -> tuple[Path, Path] | None:
    """The task's texts and labels as two files: sample_input.txt/sample_output.txt, or any one
    "*input*" file beside one "*output*" (or "*label*", "*gold*") file, as a test release names them."""
    inputs, outputs = folder / "sample_input.txt", folder / "sample_output.txt"
    if inputs.is_file() and outputs.is_file():
        return inputs, outputs
    ins = [f for f in folder.iterdir() if f.is_file() and "input" in f.name.casefold()]
    outs = [f for f in folder.iterdir() if f.is_file() and f not in ins
            and any(word in f.name.casefold() for word in ("output", "label", "gold"))]
    return (ins[0], outs[0]) if len(ins) == 1 and len(outs) == 1 else None


def load_case2021(path: Path) -> Dataset:
    if path.is_dir():
        pair = _input_output_pair(path)
        if pair is not None:
            items = _from_pair(*pair)
        else:
            files = sorted(path.glob("*.tsv")) or sorted(path.glob("*.txt"))
            if not files:
                raise DatasetError(str(path), "no *.tsv or *.txt file and no *input*/*output* pair "
                                              "(sample_input.txt/sample_output.txt)")
            items = [item for f in files for item in _from_tsv(f)]
    else:
        items = _from_tsv(path)
    if not items:
        raise DatasetError(str(path), "no labeled snippets")
    return Dataset("case2021", str(path), "snippets", tuple(items),
                   scope=label_table("case2021.tsv").scope, labels_note="labels/case2021.tsv")


def _offsets(span: dict, text: str, tokens: list) -> tuple[int, int]:
    """A span's characters; some records carry broken character offsets but right token indices."""
    start, end = int(span["start"]), int(span["end"])
    fits = 0 <= start < end <= len(text) and text[start:end] == span.get("text", text[start:end])
    if not fits and "token_start" in span and tokens:
        first, last = int(span["token_start"]), int(span["token_end"])
        if 0 <= first <= last < len(tokens):
            return int(tokens[first]["start"]), int(tokens[last]["end"])
    if not fits and span.get("text") and (found := text.find(str(span["text"]))) >= 0:
        return found, found + len(str(span["text"]))
    return start, end


def _jsonl_text(path: Path) -> str:
    """The text of a JSONL file, or of the one .jsonl member of a .zip (the release ships
    labeled_text.jsonl.zip)."""
    try:
        if path.suffix.casefold() == ".zip":
            with zipfile.ZipFile(path) as archive:
                members = [n for n in archive.namelist() if n.endswith((".jsonl", ".json"))
                           and not n.startswith("__MACOSX")]
                if len(members) != 1:
                    raise DatasetError(str(path), f"expected one .jsonl file in the zip, found {len(members)}")
                raw = archive.read(members[0])
        else:
            raw = path.read_bytes()
    except (OSError, zipfile.BadZipFile) as exc:
        raise DatasetError(str(path), f"cannot read ({getattr(exc, 'strerror', None) or exc})") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DatasetError(str(path), f"not UTF-8 text ({exc.reason})") from None


def load_event_location(path: Path) -> Dataset:
    items: list[GoldLocation] = []
    lines = list(enumerate(_jsonl_text(path).splitlines(), 1))
    for number, line in lines:
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            text = str(record["text"])
            spans = record.get("spans") or []
            tokens = record.get("tokens") or []
            verbs = [_offsets(s, text, tokens) for s in spans if str(s.get("label")).upper() in _TRIGGER_LABELS]
            places = [_offsets(s, text, tokens) for s in spans if str(s.get("label")).upper() in _PLACE_LABELS]
        except json.JSONDecodeError as exc:
            raise DatasetError(str(path), f"line {number}: not valid JSON ({exc.msg})") from None
        except (KeyError, TypeError, ValueError, AttributeError):
            raise DatasetError(str(path), f"line {number}: expected text and spans with start, end, label") from None
        if record.get("answer") in ("reject", "ignore"):
            continue  # the annotator discarded this example
        for start, end in verbs + places:
            if not (0 <= start < end <= len(text)):
                raise DatasetError(str(path), f"line {number}: span {start}..{end} outside the text")
        location_spans = tuple(Span(s, e, text[s:e]) for s, e in places)
        for v_index, (start, end) in enumerate(verbs):
            items.append(GoldLocation(f"{record.get('_id', 'line')}:{number}:{v_index}", text, Span(start, end, text[start:end]),
                                      location_spans, source=f"{path}:{number}"))
    if not items:
        raise DatasetError(str(path), "no sentences with a VERB span")
    return Dataset("event-location", str(path), "locations", tuple(items))
