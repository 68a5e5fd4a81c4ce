"""From raw text to paragraphs ("logical lines"), before anything reads their content.

Two layouts occur in news saved as text:

- one paragraph per line (copied web pages, the reference article): every
  non-blank line is a paragraph;
- hard-wrapped wire copy (MUC-4/FBIS, old agency feeds, e-mail): lines broken at a
  fixed width, paragraphs separated by a blank line or an indent.  Its lines are
  joined back into paragraphs, or a sentence split across two lines would never
  reach the parser whole.

Which layout a text has is decided from its line lengths: hard wrap leaves many
lines close to one maximum width of at most 100 characters.
"""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"[\s\x00-\x08\x0e-\x1f\x7f-\x9f]+")
_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
_BULLET = re.compile(r"^(?:[•·▪●◦‣∙■□➤►*]|-(?=\s))\s*")
_MAX_WRAP_WIDTH = 100


def clean_inline(line: str) -> str:
    """One line with invisible characters dropped and every run of spaces made one space."""
    line = _INVISIBLE.sub("", unicodedata.normalize("NFC", line))
    return _SPACES.sub(" ", line).strip()


def is_bullet(line: str) -> bool:
    return bool(_BULLET.match(line)) and len(line) > 2


def strip_bullet(line: str) -> str:
    return _BULLET.sub("", line, count=1) if is_bullet(line) else line


def _indent(raw: str) -> int:
    expanded = raw.expandtabs(4)
    return len(expanded) - len(expanded.lstrip())


def is_hard_wrapped(raw_lines: list[str]) -> bool:
    lengths = [len(raw.rstrip()) for raw in raw_lines if raw.strip()]
    if not lengths:
        return False
    width = max(lengths)
    if width > _MAX_WRAP_WIDTH or width < 40:
        return False
    full = sum(1 for n in lengths if n >= 0.6 * width)
    return full >= 3 and full >= 0.4 * len(lengths)


# A sentence end glued to the next sentence ("online reported.Major General ..."): text whose
# paragraph breaks were lost when it was scraped (WikiEvents keeps its articles this way).
# Two letters or digits before the stop ("October 16.Twin bombs") keep "U.S.Army" and
# "p.m.Local" whole; an upper-case word after
# it keeps upper-case wire copy ("SAID.THE") out of reach.
_GLUED_SENTENCE = re.compile(r"(?<=[^\W_]{2}[.!?])(?=“?[A-Z][a-z])|(?<=[^\W\d_][.!?][”\"])(?=[A-Z“][a-z])")


_MAYBE_GLUED = re.compile(r"[.!?][”\"]?“?[A-Z][a-z]")


def split_glued_paragraphs(line: str) -> list[str]:
    if not _MAYBE_GLUED.search(line):  # the look-behind split is slow; most lines need none
        return [line]
    return [part.strip() for part in _GLUED_SENTENCE.split(line) if part.strip()]


def logical_lines(text: str) -> list[str]:
    """The paragraphs of `text`, each cleaned to one line, blank ones dropped."""
    return [part for line in _paragraphs(text) for part in split_glued_paragraphs(line)]


def _paragraphs(text: str) -> list[str]:
    raw_lines = text.splitlines()
    if not is_hard_wrapped(raw_lines):
        return [line for line in (clean_inline(raw) for raw in raw_lines) if line]
    width = max(len(raw.rstrip()) for raw in raw_lines if raw.strip())
    paragraphs: list[str] = []
    current = ""
    previous_indent = 0
    previous_length = width
    for raw in raw_lines:
        line = clean_inline(raw)
        if not line:
            paragraphs.append(current)
            current = ""
            continue
        indent = _indent(raw)
        # A new paragraph: after a blank line, at an indent, at a bullet, or after a line that
        # stopped well short of the width (the previous paragraph ended there).
        starts_new = (
            not current
            or indent > previous_indent
            or is_bullet(line)
            or previous_length < 0.5 * width
        )
        if starts_new:
            paragraphs.append(current)
            current = line
        elif re.search(r"[^\W\d_]-$", current) and line[:1].isalpha():
            current += line  # a compound broken at its hyphen: "ANTI-" + "TERRORIST"
        else:
            current = f"{current} {line}"
        previous_indent = indent
        previous_length = len(raw.rstrip())
    paragraphs.append(current)
    return [p for p in paragraphs if p]
