"""Loaders for trigger/argument span data: RAMS 1.0 (jsonlines) and WikiEvents (jsonl).

Both are tokenised; the loaders rebuild the document text and turn token
indices into character spans of that text, so predictions (which work on
characters) compare directly.  Types and roles go through `labels/rams.tsv`,
`labels/wikievents.tsv` and `labels/roles.tsv`; types without a row are outside
eventscope's scope and are left out.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterator
from pathlib import Path

from eventscope.errors import DatasetError
from eventscope.evaluate.records import Dataset, GoldArgument, GoldDocument, GoldEvent
from eventscope.evaluate.tables import label_table, role_table, type_roles
from eventscope.model import Span

_NO_SPACE_BEFORE = {".", ",", ";", ":", "?", "!", ")", "]", "}", "'s", "n't", "'re", "'ve", "'ll", "'d", "'m", "%"}
_NO_SPACE_AFTER = {"(", "[", "{", "$"}
_RAMS_ROLE = re.compile(r"arg\d+(.+)$")


def _json_lines(path: Path) -> Iterator[tuple[int, dict]]:
    try:
        with path.open(encoding="utf-8-sig") as handle:
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise DatasetError(str(path), f"line {number}: not valid JSON ({exc.msg})") from None
                if not isinstance(record, dict):
                    raise DatasetError(str(path), f"line {number}: expected a JSON object")
                yield number, record
    except UnicodeDecodeError as exc:
        raise DatasetError(str(path), f"not UTF-8 text ({exc.reason})") from None
    except OSError as exc:
        raise DatasetError(str(path), f"cannot read ({exc.strerror})") from None


def detokenise(sentences: list[list[str]]) -> tuple[str, list[Span], list[tuple[int, int]]]:
    """Join tokens into readable text; return the text, each token's span and each sentence's range."""
    parts: list[str] = []
    token_spans: list[Span] = []
    sentence_ranges: list[tuple[int, int]] = []
    pos = 0
    previous = ""
    for s_index, tokens in enumerate(sentences):
        sentence_start = None
        for token in tokens:
            if parts:
                sep = "\n" if sentence_start is None and s_index > 0 else " "
                if sep == " " and (token in _NO_SPACE_BEFORE or previous in _NO_SPACE_AFTER):
                    sep = ""
                parts.append(sep)
                pos += len(sep)
            if sentence_start is None:
                sentence_start = pos
            token_spans.append(Span(pos, pos + len(token), token))
            parts.append(token)
            pos += len(token)
            previous = token
        sentence_ranges.append((sentence_start if sentence_start is not None else pos, pos))
    return "".join(parts), token_spans, sentence_ranges


def _sentence_of(ranges: list[tuple[int, int]], offset: int) -> tuple[int, int] | None:
    return next(((a, b) for a, b in ranges if a <= offset <= b), None)


def _span(text: str, tokens: list[Span], first: int, last: int, where: str) -> Span:
    """Characters covered by tokens first..last (inclusive)."""
    if not (0 <= first <= last < len(tokens)):
        raise DatasetError(where, f"token span {first}..{last} outside the document ({len(tokens)} tokens)")
    start, end = tokens[first].start, tokens[last].end
    return Span(start, end, text[start:end])


def load_rams(path: Path) -> Dataset:
    table = label_table("rams.tsv", hierarchical=True)
    roles = role_table("rams")
    docs: list[GoldDocument] = []
    for number, record in _json_lines(path):
        where = f"{path}:{number}"
        sentences = record.get("sentences")
        triggers = record.get("evt_triggers")
        if not isinstance(sentences, list) or not isinstance(triggers, list):
            raise DatasetError(str(path), f"line {number}: RAMS record needs sentences and evt_triggers")
        text, tokens, ranges = detokenise(sentences)
        events: list[GoldEvent] = []
        for t_index, trigger in enumerate(triggers):
            try:
                first, last, type_scores = int(trigger[0]), int(trigger[1]), trigger[2]
                event_type = str(type_scores[0][0])
            except (TypeError, ValueError, IndexError):
                raise DatasetError(str(path), f"line {number}: malformed evt_triggers entry") from None
            accepted = table.lookup(event_type)
            if not accepted:
                continue
            span = _span(text, tokens, first, last, where)
            arguments = []
            for link in record.get("gold_evt_links") or []:
                try:
                    (t_first, t_last), (a_first, a_last), role_name = link
                except (TypeError, ValueError):
                    raise DatasetError(str(path), f"line {number}: malformed gold_evt_links entry") from None
                if (t_first, t_last) != (first, last):
                    continue
                match = _RAMS_ROLE.search(str(role_name))
                role = roles.get((match.group(1) if match else str(role_name)).casefold(), "other")
                arg_span = _span(text, tokens, int(a_first), int(a_last), where)
                arguments.append(GoldArgument(role, (arg_span.text,), (arg_span,)))
            events.append(GoldEvent(
                f"{record.get('doc_key', number)}#{t_index}", event_type, accepted, trigger=span,
                sentence=_sentence_of(ranges, span.start), arguments=tuple(arguments),
                roles=type_roles("rams", event_type),
            ))
        doc_id = str(record.get("doc_key") or f"{path.name}:{number}")
        docs.append(GoldDocument(doc_id, text, tuple(events), source=where))
    if not docs:
        raise DatasetError(str(path), "no records")
    return Dataset("rams", str(path), "events", tuple(docs), scope=table.scope, unit="trigger",
                   precision_meaningful=False, labels_note="labels/rams.tsv")


def _wikievents_text(record: dict, where: str) -> tuple[str, list[Span], list[tuple[int, int]]]:
    """Rebuild the text from token offsets (the record's `text` drops the sentence breaks)."""
    placed: list[tuple[int, int, str]] = []
    ranges: list[tuple[int, int]] = []
    for sentence in record.get("sentences") or []:
        try:
            sentence_tokens = [(str(t[0]), int(t[1]), int(t[2])) for t in sentence[0]]
        except (TypeError, ValueError, IndexError):
            raise DatasetError(where, "malformed sentences entry (expected [[token, start, end], ...])") from None
        if sentence_tokens:
            ranges.append((sentence_tokens[0][1], sentence_tokens[-1][2]))
        placed.extend((start, end, tok) for tok, start, end in sentence_tokens)
    if not placed:
        raise DatasetError(where, "document without tokens")
    buffer = [" "] * max(end for _s, end, _t in placed)
    for start, end, token in placed:
        if end - start != len(token):
            raise DatasetError(where, f"token {token!r} does not fit its offsets {start}..{end}")
        buffer[start:end] = token
    for (_a, end), (next_start, _b) in itertools.pairwise(ranges):
        if next_start > end:
            buffer[end] = "\n"
    text = "".join(buffer)
    return text, [Span(s, e, t) for s, e, t in placed], ranges


def _coref_clusters(path: Path) -> dict[str, list[str]]:
    """entity id -> every entity id in its cluster, from coref/<stem>.jsonlines beside the file."""
    coref_file = path.parent / "coref" / f"{path.stem}.jsonlines"
    out: dict[str, list[str]] = {}
    if not coref_file.is_file():
        return out
    for _number, record in _json_lines(coref_file):
        for cluster in record.get("clusters") or []:
            members = [str(m) for m in cluster]
            for member in members:
                out[member] = members
    return out


def load_wikievents(path: Path) -> Dataset:
    """PATH is a WikiEvents .jsonl file (coreference read from coref/<stem>.jsonlines when present)."""
    table = label_table("wikievents.tsv", hierarchical=True)
    roles = role_table("wikievents")
    clusters = _coref_clusters(path)
    docs: list[GoldDocument] = []
    for number, record in _json_lines(path):
        where = f"{path}:{number}"
        text, tokens, ranges = _wikievents_text(record, where)
        entities: dict[str, Span] = {}
        for entity in record.get("entity_mentions") or []:
            try:
                entities[str(entity["id"])] = _span(text, tokens, int(entity["start"]), int(entity["end"]) - 1, where)
            except (KeyError, TypeError, ValueError):
                raise DatasetError(where, "malformed entity_mentions entry") from None
        events: list[GoldEvent] = []
        for mention in record.get("event_mentions") or []:
            try:
                event_type = str(mention["event_type"])
                trigger = mention["trigger"]
                span = _span(text, tokens, int(trigger["start"]), int(trigger["end"]) - 1, where)
            except (KeyError, TypeError, ValueError):
                raise DatasetError(where, "malformed event_mentions entry") from None
            accepted = table.lookup(event_type)
            if not accepted:
                continue
            arguments = []
            for argument in mention.get("arguments") or []:
                entity_id = str(argument.get("entity_id"))
                members = clusters.get(entity_id, [entity_id])
                spans = tuple(entities[m] for m in members if m in entities)
                role = roles.get(str(argument.get("role", "")).casefold(), "other")
                arguments.append(GoldArgument(role, (str(argument.get("text", "")),), spans))
            events.append(GoldEvent(
                str(mention.get("id") or f"{number}#{len(events)}"), event_type, accepted, trigger=span,
                sentence=_sentence_of(ranges, span.start), arguments=tuple(arguments),
                roles=type_roles("wikievents", event_type),
            ))
        doc_id = str(record.get("doc_id") or f"{path.name}:{number}")
        docs.append(GoldDocument(doc_id, text, tuple(events), source=where))
    if not docs:
        raise DatasetError(str(path), "no documents")
    return Dataset("wikievents", str(path), "events", tuple(docs), scope=table.scope, unit="trigger",
                   labels_note="labels/wikievents.tsv")
