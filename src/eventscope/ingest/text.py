"""Plain-text news -> Article: title, dates, dateline, agencies, and a clean body.

A news page saved as text carries a header before the story: the headline,
image captions (often twice, once glued to a button label: "Update Drones are
seen ..."), "Short Url", "Updated 29 June 2021", the headline again, summary
bullets.  The story then opens with a dateline ("WASHINGTON: ...") and may close
with a credit ("(With AP and AFP)").

The reading is in three steps, each a general rule about news layout rather
than about one site:

1. title: the first line, when it reads like a headline (short, not a sentence
   ending in a full stop, not a date or a dateline); lines of dates above it are
   header.  A long first line is body: WikiEvents-style text glues the headline
   to the story.
2. header: lines up to the first one that reads like news prose (a dateline, or
   eight words or more that are not a caption, bullet, byline or date) are
   metadata; their dates and agencies are kept, the lines dropped.
3. body: page furniture, captions, date lines, repeats of the headline and
   duplicate paragraphs are dropped; a closing credit is cut off and read for
   agencies; the dateline is cut off the first paragraph and read for its place,
   agency and date.

`Article.text` is the paragraphs joined by a blank line, so every offset a later
stage records is an offset into exactly that string.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from eventscope.errors import InputError
from eventscope.ingest.credits import (
    read_byline,
    read_credit_line,
    read_dateline,
    split_trailing_credit,
)
from eventscope.ingest.dates import DateLine, read_date_line
from eventscope.ingest.layout import is_bullet, logical_lines, strip_bullet
from eventscope.ingest.lexicon import boilerplate, find_agencies
from eventscope.ingest.records import make_article_id
from eventscope.model import Article

_PROSE_WORDS = 8  # a header line this long that is nothing else is where the story starts
_HEADER_SPAN = 40  # lines searched for glued caption echoes: headers are short
_STANDFIRST_LOOKAHEAD = 3  # a date line this close below a first paragraph makes it a standfirst
_TITLE_MAX_WORDS = 25
_ID_LINE = re.compile(r"[A-Za-z0-9][\w.\-/#:]{0,59}")
_TRAILING_BRACKET = re.compile(r"\(([^()]{1,80})\)\s*\.?$")
_ABBREVIATION_END = re.compile(r"\b(?:[A-Z]\.){2,}$")


def _key(line: str) -> str:
    """Compare lines ignoring case, punctuation and spacing."""
    return " ".join(re.findall(r"\w+", line.casefold()))


def _words(line: str) -> int:
    return len(re.findall(r"[^\W\d_]+", line))


def _is_id_line(line: str) -> bool:
    """A lone token with a digit ("TST3-MUC4-0001"): a document number, not a headline."""
    return bool(_ID_LINE.fullmatch(line)) and any(c.isdigit() for c in line)


def is_boilerplate(line: str) -> bool:
    return bool(boilerplate().line.fullmatch(line))


def is_caption(line: str, *, in_header: bool) -> bool:
    """An image caption: labelled ("Image caption ..."), or ending in a photo credit.

    In the header, any trailing bracket naming an agency counts ("... Iran. (AFP)");
    in the body only a bracket with a photo word does ("(AFP file)", "(AP Photo/...)").
    """
    if boilerplate().caption_label.match(line):
        return True
    match = _TRAILING_BRACKET.search(line)
    if match is None or match.start() == 0:
        return False
    words = set(re.findall(r"[a-z]+", match.group(1).lower()))
    if words & boilerplate().photo_words:
        return True
    return in_header and bool(find_agencies(match.group(1)))


def is_title_like(line: str) -> bool:
    words = _words(line)
    if not 1 <= words <= _TITLE_MAX_WORDS or len(line) > 200:
        return False
    if line.endswith((",", ";")) or (line.endswith(".") and not _ABBREVIATION_END.search(line)):
        return False
    if is_boilerplate(line) or is_bullet(line) or read_date_line(line) or is_caption(line, in_header=True):
        return False
    dateline = read_dateline(line)
    kicker = dateline is not None and not (dateline.place or dateline.date or dateline.agencies)
    return read_byline(line) is None and (dateline is None or kicker)  # "EXCLUSIVE - ..." is a headline


def _prefixed_echoes(lines: list[str], keys: list[str]) -> set[int]:
    """Lines that are another line with a short label glued in front ("Update <caption>").

    Both the labelled copy and the line it repeats are marked: such pairs are captions
    or teasers, which a page repeats and a story does not.
    """
    index_of = {k: i for i, k in reversed(list(enumerate(keys)))}
    marked: set[int] = set()
    for i, line in enumerate(lines[:_HEADER_SPAN]):
        words = line.split(" ")
        for cut in (1, 2, 3):
            if len(words) < cut + 4:
                break
            other = index_of.get(_key(" ".join(words[cut:])))
            if other is not None and other != i:
                marked.update((i, other))
                break
    return marked


@dataclass
class _Reading:
    """What the header, credits and dateline said, gathered while reading."""

    published: list[dt.date] = field(default_factory=list)
    updated: list[dt.date] = field(default_factory=list)
    agencies: list[str] = field(default_factory=list)
    dateline: str | None = None
    dateline_date: dt.date | None = None

    def add_dates(self, line: DateLine) -> None:
        self.published.extend(line.published)
        self.updated.extend(line.updated)

    def add_agencies(self, names: tuple[str, ...] | list[str], *, first: bool = False) -> None:
        names = [n for n in names if n not in self.agencies]
        self.agencies = [*names, *self.agencies] if first else [*self.agencies, *names]


def _split_header(lines: list[str], title: str, reading: _Reading) -> list[str]:
    """Drop the header lines (keeping their dates and agencies); return the rest."""
    title_key = _key(title)
    keys = [_key(line) for line in lines]
    echoes = _prefixed_echoes(lines, keys)
    leftovers: list[str] = []
    standfirst: list[str] = []
    after_caption_label = False
    for i, line in enumerate(lines):
        follows_label, after_caption_label = after_caption_label, _is_bare_caption_label(line)
        if (title_key and keys[i] == title_key) or not keys[i] or follows_label:
            continue
        date_line = read_date_line(line)
        if date_line is not None:
            reading.add_dates(date_line)
            continue
        if (is_boilerplate(line) or is_bullet(line) or i in echoes or _is_id_line(line)
                or is_caption(line, in_header=True)):
            continue
        byline = read_byline(line)
        if byline is not None:
            reading.add_agencies(byline)
            continue
        if read_dateline(line) is not None or _words(line) >= _PROSE_WORDS:
            if _date_line_follows(lines, i):
                standfirst.append(line)
                continue  # a standfirst: the summary under the headline, above the date line
            return lines[i:]
        loose = read_date_line(line, strict=False)
        if loose is not None:
            reading.add_dates(loose)
        leftovers.append(line)
    # Nothing read like prose: a very short story.  Keep what is left.
    return leftovers or standfirst


def _date_line_follows(lines: list[str], i: int) -> bool:
    """Whether a date line comes within the next few lines, still near the top of the page."""
    stop = min(i + 1 + _STANDFIRST_LOOKAHEAD, _HEADER_SPAN // 4)
    for j in range(i + 1, min(stop, len(lines))):
        if read_date_line(lines[j]) is not None:
            # ... and the story goes on below it; a date closing a short story is a footer.
            return any(_words(line) >= _PROSE_WORDS for line in lines[j + 1:])
    return False


def _is_bare_caption_label(line: str) -> bool:
    """"Image caption," alone on a line: the caption is the next line (BBC pages saved as text)."""
    label = boilerplate().caption_label.match(line)
    return label is not None and not line[label.end():].strip(" ,.:;-–—")


def _clean_body(lines: list[str], title: str, reading: _Reading) -> list[str]:
    title_key = _key(title)
    seen: set[str] = {title_key} if title_key else set()
    body: list[str] = []
    after_caption_label = False
    for line in lines:
        key = _key(line)
        follows_label, after_caption_label = after_caption_label, _is_bare_caption_label(line)
        if (not key or key in seen or follows_label or is_boilerplate(line)
                or is_caption(line, in_header=False)):
            continue
        date_line = read_date_line(line)
        if date_line is not None:
            reading.add_dates(date_line)
            continue
        seen.add(key)
        body.append(strip_bullet(line))
    while body:
        credit = read_credit_line(body[-1])
        if credit is None:
            break
        reading.add_agencies(credit)
        body.pop()
    if body:
        body[-1], trailing = split_trailing_credit(body[-1])
        reading.add_agencies(trailing)
    while len(body) > 1 and (byline := read_byline(body[0])) is not None:
        reading.add_agencies(byline)
        body.pop(0)
    if body:
        _cut_dateline(body, reading)
    return [p for p in body if p]


def _cut_dateline(body: list[str], reading: _Reading) -> None:
    dateline = read_dateline(body[0])
    rest = body[0]
    if dateline is not None:
        reading.dateline = dateline.place
        reading.dateline_date = dateline.date
        reading.add_agencies(dateline.agencies, first=True)
        rest = body[0][dateline.end:]
    marker = boilerplate().lead_marker.match(rest)
    if marker is not None:
        rest = rest[marker.end():]
    body[0] = rest.strip()


def article_from_text(
    text: str,
    source: str,
    *,
    title: str | None = None,
    url: str | None = None,
    published: dt.date | None = None,
    article_id: str | None = None,
) -> Article:
    """Read one plain-text news story.

    `title` is given when the caller already knows it (JSONL, HTML); the text is then
    taken as body only, with no headline detection and no header to skip.  `published`
    overrides every date the text states.  Raises InputError when nothing is left.
    """
    lines = logical_lines(text)
    if not lines:
        raise InputError(source, "empty input: no text")
    reading = _Reading()
    if title is None:
        while len(lines) > 1 and _is_id_line(lines[0]):
            lines = lines[1:]
        # date lines above the headline ("PUBLISHED: 2021-03-03", "Updated 29 June 2021"): still header
        first = next((i for i, line in enumerate(lines[:-1]) if read_date_line(line) is None), 0)
        title = lines[first] if len(lines) > first + 1 and is_title_like(lines[first]) else ""
        candidates = _split_header(lines[:first] + lines[first + 1:] if title else lines, title, reading)
    else:
        candidates = lines
    paragraphs = _clean_body(candidates, title, reading)
    if not paragraphs:
        raise InputError(source, "no article text left once title, dates and page furniture are removed")
    body = "\n\n".join(paragraphs)
    return Article(
        id=article_id or make_article_id(url=url, text=body, title=title),
        text=body,
        title=title,
        url=url,
        published=published or _first(reading.published, [reading.dateline_date], reading.updated),
        updated=_first(reading.updated),
        dateline=reading.dateline,
        agencies=tuple(reading.agencies),
        source=source,
    )


def _first(*candidates: list[dt.date] | list[dt.date | None]) -> dt.date | None:
    for dates in candidates:
        for date in dates:
            if date is not None:
                return date
    return None
