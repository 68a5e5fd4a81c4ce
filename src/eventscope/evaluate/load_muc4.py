"""Loader for MUC-4 (texts file + answer-key templates).

PATH is a folder holding a texts file (`tst3-muc4`, `dev-muc3` …, or its
`.mixed-case` twin, which is preferred when present) and the answer keys
(`key-tst3…`).  One template is one incident; `*` marks an irrelevant article,
"(OPTIONAL)" a template a system is not penalised for missing, "X / Y"
alternative fills and a leading `?` an uncertain fill.  Threatened incidents
are optional too: eventscope reports a threat as a threat, not as an attack.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from eventscope.errors import DatasetError
from eventscope.evaluate.dates import parse_day, parse_muc_date
from eventscope.evaluate.records import Dataset, GoldArgument, GoldDate, GoldDocument, GoldEvent, GoldPlace
from eventscope.evaluate.tables import label_table, normalise_country, role_table

_DOC_ID = re.compile(r"^\s*([A-Z0-9]+-MUC\d+-\d+)\s*$", re.IGNORECASE)
_SLOT = re.compile(r"^(\d+)\.\s+([A-Z][A-Z :]*?[A-Z])\s{2,}(.*)$")
_SLOT_EMPTY = re.compile(r"^(\d+)\.\s+([A-Z][A-Z :]*?[A-Z])\s*$")
_DATELINE = re.compile(r"^\s*([^,\n]+?),\s+(\d{1,2} [A-Za-z]{3} \d{2})\b")
_PLACE_PART = re.compile(r"^(.*?)\s*\(([A-Z ]+)\)\s*$")
_ADMIN_KINDS = {"DEPARTMENT", "PROVINCE", "STATE", "REGION"}
_QUOTED = re.compile(r'"([^"]*)"')


@dataclass
class _Template:
    line: int
    slots: dict[str, list[str]] = field(default_factory=dict)

    def first(self, name: str) -> str:
        values = self.slots.get(name) or ["-"]
        return values[0].strip()


def _alternatives(fill: str) -> list[str]:
    """Split "(A) / (B)" or "A / B" into alternatives, outside quotes; drop the `?` marks."""
    parts: list[str] = []
    current: list[str] = []
    depth, quoted = 0, False
    i = 0
    while i < len(fill):
        ch = fill[i]
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch == "(":
            depth += 1
        elif not quoted and ch == ")":
            depth -= 1
        if not quoted and depth == 0 and fill.startswith(" / ", i):
            parts.append("".join(current))
            current = []
            i += 3
            continue
        current.append(ch)
        i += 1
    parts.append("".join(current))
    out = []
    for part in parts:
        part = part.strip().lstrip("?").strip()
        if part.startswith("(") and part.endswith(")") and part.count("(") == 1 + part[1:-1].count("("):
            part = part[1:-1].strip()
        if part:
            out.append(part)
    return out


def read_keys(path: Path) -> list[tuple[str, _Template]]:
    """(message id, template) pairs of one answer-key file."""
    templates: list[_Template] = []
    current: _Template | None = None
    last_slot: str | None = None
    text = _read(path)
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        match = _SLOT.match(line) or _SLOT_EMPTY.match(line)
        if match:
            slot_no, name = int(match.group(1)), match.group(2).strip()
            value = match.group(3).strip() if match.lastindex and match.lastindex >= 3 else "-"
            if slot_no == 0:
                current = _Template(number)
                templates.append(current)
            if current is None:
                raise DatasetError(str(path), f"line {number}: slot before a MESSAGE: ID line")
            current.slots[name] = [value]
            last_slot = name
        elif line[:1].isspace() and current is not None and last_slot is not None:
            current.slots[last_slot].append(line.strip())
        else:
            raise DatasetError(str(path), f"line {number}: not a MUC-4 template slot: {line.strip()[:60]!r}")
    out = []
    for template in templates:
        message_id = template.first("MESSAGE: ID")
        if message_id in ("-", ""):
            raise DatasetError(str(path), f"line {template.line}: template without a message id")
        out.append((message_id.upper(), template))
    return out


def read_texts(path: Path) -> dict[str, tuple[str, int]]:
    """message id -> (article text, line it starts on)."""
    articles: dict[str, tuple[str, int]] = {}
    current_id: str | None = None
    start = 0
    lines: list[str] = []
    for number, line in enumerate(_read(path).splitlines(), 1):
        match = _DOC_ID.match(line)
        if match:
            if current_id is not None:
                articles[current_id] = ("\n".join(lines).strip("\n"), start)
            current_id, start, lines = match.group(1).upper(), number, []
        elif current_id is None:
            if line.strip():
                raise DatasetError(str(path), f"line {number}: text before the first message id")
        else:
            lines.append(line)
    if current_id is not None:
        articles[current_id] = ("\n".join(lines).strip("\n"), start)
    if not articles:
        raise DatasetError(str(path), "no articles (expected lines like TST3-MUC4-0001)")
    return articles


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="latin-1")  # the 1992 files are 7-bit ASCII; latin-1 never fails
    except OSError as exc:
        raise DatasetError(str(path), f"cannot read ({exc.strerror})") from None


def _place(fill: str) -> tuple[str | None, GoldPlace]:
    parts = [p.strip() for p in fill.split(":")]
    country = normalise_country(parts[0])
    names, admin1 = [], None
    for part in parts[1:]:
        match = _PLACE_PART.match(part)
        name, kind = (match.group(1), match.group(2)) if match else (part, "")
        if kind.strip() in _ADMIN_KINDS:
            admin1 = admin1 or name
        elif name:
            names.append(name)
    return country, GoldPlace(names=tuple(names), admin1=admin1, country=country)


def _fatalities(template: _Template) -> tuple[bool, tuple[int, int] | None]:
    """Did a human target die, and how many (summed over the targets whose effect is DEATH)?"""
    dead_refs = []
    for line in template.slots.get("HUM TGT: EFFECT OF INCIDENT", []):
        for alt in _alternatives(line):
            if alt.split(":")[0].strip() == "DEATH":
                dead_refs.append(tuple(_QUOTED.findall(alt)))
    if not dead_refs:
        return False, None
    numbers: dict[tuple[str, ...], str] = {}
    for line in template.slots.get("HUM TGT: NUMBER", []):
        for alt in _alternatives(line)[:1]:
            numbers[tuple(_QUOTED.findall(alt))] = alt.split(":")[0].strip()
    low = high = 0
    for ref in dead_refs:
        value = numbers.get(ref, "")
        if m := re.fullmatch(r"(\d+)(?:\s*-\s*(\d+))?", value):
            low += int(m.group(1))
            high += int(m.group(2) or m.group(1))
        else:
            return True, None  # "PLURAL" or no number: died, count unknown
    return True, (low, high)


def _event(message_id: str, index: int, template: _Template, where: str) -> GoldEvent:
    types_table = label_table("muc4.tsv")
    roles = role_table("muc4")
    type_fill = template.first("INCIDENT: TYPE")
    labels = _alternatives(type_fill)
    accepted: set[str] = set()
    for label in labels:
        found = types_table.lookup(label)
        if found is None:
            raise DatasetError(where, f"unknown MUC-4 incident type {label!r}")
        accepted |= found
    date: GoldDate | None = None
    try:
        for alt in _alternatives(template.first("INCIDENT: DATE")):
            parsed = parse_muc_date(alt)
            if parsed is not None:
                date = parsed if date is None else GoldDate(min(date.start, parsed.start),
                                                            max(date.end, parsed.end), "range", date.text)
    except ValueError as exc:
        raise DatasetError(where, f"INCIDENT: DATE: {exc}") from None
    countries: list[str] = []
    place: GoldPlace | None = None
    for alt in _alternatives(template.first("INCIDENT: LOCATION")):
        if alt == "-":
            continue
        country, alt_place = _place(alt)
        if country and country not in countries:
            countries.append(country)
        if place is None:
            place = alt_place
        else:
            place = GoldPlace(names=place.names + alt_place.names, admin1=place.admin1 or alt_place.admin1,
                              country=place.country or alt_place.country)
    arguments: list[GoldArgument] = []
    for slot, lines in template.slots.items():
        role = roles.get(slot.casefold())
        if role is None:
            continue
        for line in lines:
            alts = _alternatives(line)
            texts = tuple(t for alt in alts for t in _QUOTED.findall(alt)[:1] if t.strip("- "))
            refs = {r for alt in alts for r in _QUOTED.findall(alt)[1:2]}
            # A description cross-referenced to a named target ("MINISTER": "LOPEZ") is the same target.
            named = next((i for i, a in enumerate(arguments) if a.role == role and refs & set(a.texts)), None)
            if named is not None:
                arguments[named] = GoldArgument(role, arguments[named].texts + texts)
            elif texts:
                arguments.append(GoldArgument(role, texts))
    if place and place.names:
        arguments.append(GoldArgument("place", place.names))
    death, fatalities = _fatalities(template)
    template_no = template.first("MESSAGE: TEMPLATE")
    stage = template.first("INCIDENT: STAGE OF EXECUTION")
    return GoldEvent(
        f"{message_id}#{index}", labels[0] if labels else type_fill, frozenset(accepted), date=date,
        countries=tuple(countries), place=place, fatalities=fatalities, death=death,
        arguments=tuple(arguments),
        optional="OPTIONAL" in template_no.upper() or "THREATENED" in stage.upper(),
    )


def _published(text: str) -> tuple[str | None, object]:
    first = next((line for line in text.splitlines() if line.strip()), "")
    match = _DATELINE.match(first)
    if not match:
        return None, None
    place = re.sub(r"\s*\(.*?\)", "", match.group(1)).strip()
    try:
        return place, parse_day(match.group(2))
    except ValueError:
        return place, None


def _pairs(folder: Path) -> list[tuple[Path, list[Path]]]:
    """(texts file, its key files) for every data set in the folder."""
    names = sorted(p.name for p in folder.iterdir() if p.is_file())
    texts = [n for n in names if not n.startswith("key-") and re.search(r"-muc\d+(\.mixed-case)?$", n)]
    chosen: dict[str, str] = {}
    for name in texts:
        base = name.removesuffix(".mixed-case")
        if name.endswith(".mixed-case") or base not in chosen:
            chosen[base] = name
    out = []
    for base, name in sorted(chosen.items()):
        set_name = base.split("-muc")[0]
        keys = [folder / n for n in names if n.startswith(f"key-{set_name}")]
        if keys:
            out.append((folder / name, keys))
    return out


def load_muc4(path: Path) -> Dataset:
    folder = path if path.is_dir() else path.parent
    pairs = _pairs(folder)
    if not pairs:
        raise DatasetError(str(folder), "no MUC-4 texts file (*-muc4, *.mixed-case) with key-* answer keys")
    docs: list[GoldDocument] = []
    for texts_path, key_paths in pairs:
        articles = read_texts(texts_path)
        by_message: dict[str, list[GoldEvent]] = {}
        irrelevant: set[str] = set()
        for key_path in key_paths:
            for message_id, template in read_keys(key_path):
                where = f"{key_path}:{template.line}"
                if message_id not in articles:
                    raise DatasetError(where, f"key for {message_id}, which {texts_path.name} does not contain")
                if template.first("MESSAGE: TEMPLATE").startswith("*"):
                    irrelevant.add(message_id)
                    by_message.setdefault(message_id, [])
                    continue
                events = by_message.setdefault(message_id, [])
                events.append(_event(message_id, len(events) + 1, template, where))
        for message_id, events in by_message.items():
            text, line = articles[message_id]
            dateline, published = _published(text)
            docs.append(GoldDocument(
                message_id, text, tuple(events), published=published,  # type: ignore[arg-type]
                dateline=dateline, relevant=message_id not in irrelevant or bool(events),
                source=f"{texts_path}:{line}",
            ))
    return Dataset("muc4", str(folder), "events", tuple(docs), scope=label_table("muc4.tsv").scope,
                   labels_note="labels/muc4.tsv", deaths_of_targets=True)
