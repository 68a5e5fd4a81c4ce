"""Read a count phrase ("at least seven", "1,200", "twenty-one", "dozens") as a range.

Shared by the counts stage (casualty figures) and the when stage ("two days
ago").  The words and modifiers live in `data/number_words.tsv`; this module
only combines them.  Untrusted text never raises: anything unreadable is None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from eventscope.errors import ConfigError

_TABLE = "number_words.tsv"
_ADDITIVE = {"unit", "teen", "ten"}
_MODIFIER_KINDS = {"mod_min", "mod_more", "mod_max", "mod_less", "mod_approx"}
_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+$")
_DECIMAL = re.compile(r"^\d+\.\d+$")
_RANGE = re.compile(r"^(?:between\s+|from\s+)?(.+?)\s*(?:-|–|\bto\b|\band\b|\bor\b)\s*(.+)$")


@dataclass(frozen=True)
class Quantity:
    """A figure as a closed or open range; `reason` says which words made it."""

    min: int | None
    max: int | None
    reason: str = ""


@dataclass(frozen=True)
class _Word:
    value: int
    kind: str


@lru_cache(maxsize=1)
def number_words() -> dict[str, _Word]:
    """The table in `data/number_words.tsv`, keyed by lower-case word or phrase."""
    path = resources.files("eventscope") / "data" / _TABLE
    words: dict[str, _Word] = {}
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 3 or not parts[1].isdigit():
            raise ConfigError(f"data/{_TABLE}:{lineno}: expected 'word<TAB>value<TAB>kind'")
        words[parts[0].strip().lower()] = _Word(int(parts[1]), parts[2].strip())
    return words


def _tokens(text: str) -> list[str]:
    text = text.lower().replace("\u00a0", " ")
    text = re.sub(r"(?<=[a-z])-(?=[a-z])", " ", text)  # twenty-one -> twenty one
    return [t for t in re.split(r"[\s]+", text.strip(" .,;:()\"'")) if t and t != "and" and t != "of"]


def _read_int(tokens: list[str]) -> tuple[int | None, str]:
    """An exact or vague figure from tokens without modifiers; kind is 'exact' or 'at_least'."""
    if not tokens:
        return None, ""
    words = number_words()
    if len(tokens) == 1:
        tok = tokens[0]
        if _DIGITS.match(tok):
            return int(tok.replace(",", "")), "exact"
        entry = words.get(tok)
        if entry and entry.kind in ("exact", "at_least"):
            return entry.value, entry.kind
    total, current, seen, last = 0, 0, False, ""
    for index, tok in enumerate(tokens):
        entry = words.get(tok)
        if _DIGITS.match(tok) or _DECIMAL.match(tok):
            if seen and current:
                return None, ""
            current = float(tok.replace(",", "")) if "." in tok else int(tok.replace(",", ""))  # type: ignore[assignment]
            seen = True
        elif entry and entry.kind in _ADDITIVE:
            if current % 100 and not (last == "ten" and entry.kind == "unit"):
                return None, ""  # "twenty-five", "two hundred and five"; but "five and seven" is two figures
            current += entry.value
            seen = True
        elif entry and entry.kind == "scale":
            current = (current or 1) * entry.value
            if entry.value >= 1000:
                total, current = total + current, 0
            seen = True
        elif entry and entry.kind in ("exact", "at_least") and tok in ("a", "an") and index == 0:
            current, seen = 1, True  # "a hundred", "a dozen"
        elif entry and entry.kind == "exact" and tok in ("dozen", "score", "couple", "pair"):
            current = (current or 1) * entry.value
            seen = True
        elif entry and entry.kind == "at_least" and index == len(tokens) - 1:
            value = (current or 1) * entry.value
            return int(total + value), "at_least"  # "several hundreds", "a few"
        else:
            return None, ""
        last = entry.kind if entry else "digits"
    if not seen:
        return None, ""
    return int(total + current), "exact"


_VAGUE_OF = re.compile(r"(tens|dozens|scores|hundreds|thousands) (hundreds|thousands|millions)")  # "of" is dropped by _tokens


def _split_modifier(tokens: list[str]) -> tuple[str | None, list[str]]:
    words = number_words()
    for size in (3, 2, 1):
        phrase = " ".join(tokens[:size])
        entry = words.get(phrase)
        if len(tokens) > size and entry and entry.kind in _MODIFIER_KINDS:
            return entry.kind, tokens[size:]
    return None, tokens


def parse_quantity(text: str) -> Quantity | None:
    """'at least seven' -> (7, None); 'up to 20' -> (None, 20); 'between 10 and 15' -> (10, 15).

    "up to N" has no lower bound: a reader of the claim cannot tell how many
    at least died, so `min` stays None and `best_figure` falls back to N.
    """
    try:
        return _parse(text)
    except (ValueError, OverflowError, IndexError):
        return None


def _parse(text: str) -> Quantity | None:
    if not text or len(text) > 80:
        return None
    raw = text.lower().strip()
    modifier, tokens = _split_modifier(_tokens(raw))
    if not tokens:
        return None
    value, kind = _read_int(tokens)
    if value is None and (vague_of := _VAGUE_OF.fullmatch(" ".join(tokens))):  # "tens of thousands": at least 10,000
        words = number_words()
        least = words[vague_of[1]].value * words[vague_of[2]].value
        return Quantity(least, None, f"'{raw}' read as at least {least}")
    if value is None:
        match = _RANGE.match(raw)
        if match and modifier is None:
            low, low_kind = _read_int(_tokens(match.group(1)))
            high, high_kind = _read_int(_tokens(match.group(2)))
            if low is not None and high is not None and low_kind == high_kind == "exact" and low <= high:
                return Quantity(low, high, f"range {low}-{high}")
        return None
    if kind == "at_least":
        return Quantity(value, None, f"'{' '.join(tokens)}' read as at least {value}")
    if modifier == "mod_min":
        return Quantity(value, None, f"at least {value}")
    if modifier == "mod_more":
        return Quantity(value + 1, None, f"more than {value}")
    if modifier == "mod_max":
        return Quantity(None, value, f"up to {value}")
    if modifier == "mod_less":
        return Quantity(None, max(value - 1, 0), f"fewer than {value}")
    if modifier == "mod_approx":
        return Quantity(value, value, f"about {value}")
    return Quantity(value, value, "")


def parse_number(text: str) -> int | None:
    """The single figure of a phrase ('four' -> 4, 'a dozen' -> 12), None when it is a range."""
    quantity = parse_quantity(text)
    if quantity is None or quantity.min is None or quantity.min != quantity.max:
        return None
    return quantity.min
