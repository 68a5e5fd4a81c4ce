"""Datelines, bylines and agency credits: who filed a story, and from where.

A dateline opens the first paragraph of wire copy and names the place (and often
the agency and date) the story was filed from:

    WASHINGTON: US troops ...                         (Arab News)
    BAGHDAD (Reuters) - Iraqi ...                     (Reuters)
    GAZA CITY, Gaza Strip (AP) — ...                  (AP)
    SAN SALVADOR, 10 JAN 90 (EFE) -- [TEXT] ...       (FBIS wire copy, MUC-4)

Credits close a story: "(With AP and AFP)", "Reporting by ...; Editing by ...",
"The Associated Press contributed to this report."  Agencies are only taken from
these places, never from the body ("told The Associated Press" is a source of a
claim, not a credit for the story).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

from eventscope.ingest.dates import find_dates
from eventscope.ingest.lexicon import agencies, boilerplate, canonical_agency, find_agencies

_CAPS_WORD = r"[A-Z][A-Z.'’\-]*"
_MIXED_WORD = r"[A-Z][A-Za-z.'’\-]*"
_PLACE_CAPS = rf"{_CAPS_WORD}(?:[ /]{_CAPS_WORD}){{0,3}}"
_PLACE_MIXED = rf"{_MIXED_WORD}(?: {_MIXED_WORD}){{0,3}}"
_QUALIFIER = r"(?:\s*\((?P<qual>[^()\n]{1,40})\))?"
_REST = r"(?:,\s*(?P<rest>[^()\n:—–]{1,40}?))?"
_SOURCE = r"(?:\s*\((?P<src>[^()\n]{1,60})\))"
# A dash separator needs space (or a closing bracket) before it, so "ABU-DHABI" stays one word.
_SEP = r"(?P<sep>\s*:|\s+-{1,2}|(?<=\))\s*-{1,2}|\s*--|\s*[—–])(?:\s+|$)"

_CAPS_DATELINE = re.compile(rf"(?P<place>{_PLACE_CAPS}){_QUALIFIER}{_REST}{_SOURCE}?{_SEP}")
# Mixed-case places ("Kabul, Afghanistan (CNN) --") only count with an agency in brackets:
# without it "Meanwhile, officials -" would look like a dateline.
_MIXED_DATELINE = re.compile(rf"(?P<place>{_PLACE_MIXED}){_QUALIFIER}{_REST}{_SOURCE}{_SEP}")
# ... or with a country after the comma ("Mogadishu, Somalia – Al-Shabab fighters ...", Al Jazeera's form).
_COUNTRY_DATELINE = re.compile(rf"(?P<place>{_PLACE_MIXED}),\s*(?P<rest>{_PLACE_MIXED})(?P<qual>)(?P<src>)"
                               r"(?P<sep>\s+-{1,2}|\s*--|\s*[—–])(?:\s+|$)")


@dataclass(frozen=True)
class Dateline:
    place: str | None  # None for "NO CITY, NO DATE (FBIS) --"; "EL SALVADOR" for "NO CITY (EL SALVADOR), ..."
    date: dt.date | None
    agencies: tuple[str, ...]
    end: int  # where the news text starts in the paragraph


def read_dateline(paragraph: str) -> Dateline | None:
    """The dateline that opens `paragraph`, or None when it does not open with one."""
    head = paragraph[:240]
    match = _CAPS_DATELINE.match(head) or _MIXED_DATELINE.match(head) or _country_dateline(head)
    if match is None or not any(c.isalpha() for c in match["place"]):
        return None
    if match["sep"].strip() == ":" and (match["rest"] or match["src"] or match["qual"]):
        return None  # "US, Iran: talks" is a headline form, not a dateline
    place: str | None = match["place"].strip()
    date = None
    qualifier, source = match["qual"], match["src"]
    if qualifier and not source and not match["rest"]:
        qualifier, source = None, qualifier  # "BAGHDAD (Reuters) -": one bracket is the agency
    if qualifier:
        place = f"{place}, {qualifier.strip()}"
    rest = (match["rest"] or "").strip()
    if rest:
        dates = find_dates(rest)
        if dates:
            date = dates[0].date
        elif not boilerplate().not_a_place.fullmatch(rest) and not any(c.isdigit() for c in rest):
            place = f"{place}, {rest}"  # "GAZA CITY, Gaza Strip"
    sources = _dateline_sources(source) if source else ()
    if boilerplate().not_a_place.fullmatch(match["place"].strip()):
        # "NO CITY (EL SALVADOR), 29 SEP 89 --": no town, but the bracket still names the country
        place = qualifier.strip() if qualifier else None
    return Dateline(place=place, date=date, agencies=sources, end=match.end())


def _country_dateline(head: str) -> re.Match[str] | None:
    match = _COUNTRY_DATELINE.match(head)
    return match if match is not None and match["rest"].strip() in _country_names() else None


@cache
def _country_names() -> frozenset[str]:
    from eventscope.stages.actor_dictionary import load_dictionary  # the dictionary loads lazily, once

    return frozenset(load_dictionary().countries.values())


def _dateline_sources(text: str) -> tuple[str, ...]:
    """Agencies in a dateline bracket; an unknown broadcaster is kept as written."""
    known = find_agencies(text)
    if known:
        return tuple(known)
    name = " ".join(text.split())
    if find_dates(name) or not any(c.isalpha() for c in name):
        return ()
    return (name,)


_BYLINE = re.compile(r"(?i:by)\s+(?P<who>[A-Z][\w.'’\-]*(?:[ ,]+[\w.'’\-&]+){0,6})")


def read_byline(line: str) -> tuple[str, ...] | None:
    """Agencies of a byline ("By Reuters", "By AFP Staff"); None if the line is not a byline.

    An agency name alone on a line ("Reuters", "AFP") is a byline too.
    """
    match = _BYLINE.fullmatch(line.strip().rstrip("."))
    if match is not None:
        return tuple(find_agencies(match["who"]))
    if canonical_agency(line.strip(" .|-–—()")):
        return tuple(find_agencies(line))
    return None


_CREDIT_PHRASE = re.compile(r"(?i)contributed (?:to )?(?:this )?(?:report|reporting|story)")
_AGENCY_LIST_SEP = re.compile(r"(?i)\s*(?:,|;|/|&|\band\b|\bwith\b|\bagencies\b|\bwires?\b)\s*")


def read_credit_line(line: str) -> tuple[str, ...] | None:
    """Agencies of a closing credit line, or None when the line is news text.

    Credit lines: "(With AP and AFP)", "With agencies", "Reporting by X; Editing by Y",
    "The Associated Press contributed to this report.", "(AFP)", "— Reuters".
    """
    text = line.strip()
    if not text or len(text) > 300:
        return None
    inner = text.strip(" .—–-")
    bracketed = inner.startswith(("(", "[")) and inner.endswith((")", "]"))
    if bracketed:
        inner = inner[1:-1].strip()
    if boilerplate().credit_start.match(inner) or _CREDIT_PHRASE.search(inner):
        if bracketed or len(inner.split()) <= 25:
            return tuple(find_agencies(inner))
        return None
    found = find_agencies(inner)
    if found and not _AGENCY_LIST_SEP.sub(" ", agencies_removed(inner)).strip():
        return tuple(found)  # nothing but agency names: "(AFP)", "AP / Reuters"
    return None


def agencies_removed(text: str) -> str:
    return agencies().pattern.sub(" ", text)


_TRAILING_CREDIT = re.compile(r"\s*(?:[(\[](?P<br>[^()\[\]]{1,80})[)\]]|[—–-]+\s*(?P<dash>[^—–\-()]{1,40}))\s*$")


def split_trailing_credit(paragraph: str) -> tuple[str, tuple[str, ...]]:
    """Cut a credit glued to the end of the last paragraph: '... he said. (AFP)'."""
    match = _TRAILING_CREDIT.search(paragraph)
    if match is None or match.start() == 0:
        return paragraph, ()
    credit = read_credit_line(match["br"] or match["dash"] or "")
    if not credit:
        return paragraph, ()
    return paragraph[: match.start()].rstrip(), credit
