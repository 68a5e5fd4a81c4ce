"""Places written with their administrative chain: "Djibo (Djibo, Soum, Sahel)".

ACLED's notes, and many agency reports that follow the same habit, name a
place and then, in brackets, the divisions it lies in, smallest first and the
first-level division last: "in Mosul (Al-Mosul, Ninewa)", "shelled Bakhmut
(Bakhmutskyi, Donetsk)".  The chain settles what a bare lookup gets wrong: which
of several towns of that name is meant (the one inside the named admin1), and
that the bracket's words are divisions, not further places ("Al Qahirah", a
district of Taizz, is not Cairo).

`chain_places` reads every chain of an article into a `Place`, and `comma_places` the
shorter "Town, Division" ("Paris, Texas", "Columbia, South Carolina"), which only corrects
the place read off its own town name; `refine_places`
gives each mention the chain place of its own sentence, or the article's only
chain, when the place it has is missing or lies outside that chain's division.
`where.resolve_places` calls it last, on the places it chose.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from eventscope.gazetteer import Gazetteer, GazPlace
from eventscope.model import Mention, Place, PlacePrecision, Span
from eventscope.stages.nlp import ParsedArticle

_NAME = r"[A-Z][\w'\u2019.-]*(?:[ -](?:[a-z]{1,3}[ -])?[A-Z][\w'\u2019.-]*){0,3}"
# The bracket: 1-4 capitalised names, the first-level division last.
_BRACKET = re.compile(rf"\((?P<chain>{_NAME}(?:, ?{_NAME}){{0,3}})\)")
# The place right before it: "Taizz city (", "Djibo (", "the outskirts of Ariha (".
_ANCHOR = re.compile(rf"(?P<name>{_NAME})(?: (?:city|town|village|township|district|area|camp|municipality|centre|center))?,? ?$")
_TOWN_KINDS = frozenset({"city", "capital"})
# "Paris, Texas": a name, a comma, and a division's name ending the phrase.
_COMMA = re.compile(rf"\b(?P<town>{_NAME}), (?P<admin1>{_NAME})(?![\w'\u2019-])")


@dataclass(frozen=True)
class ChainPlace:
    """One chain read from the text: the place, the division it lies in, and where it was written."""

    place: Place
    admin1: str
    start: int
    end: int


def fold_name(text: str) -> str:
    """A name with case, spaces and punctuation folded away ("Al-Mosul" = "al mosul")."""
    return re.sub(r"[^a-z0-9]", "", text.casefold())


def _same_division(gazetteer: Gazetteer, name: str | None, admin1: str, country: str | None) -> bool:
    """One first-level division in two spellings ("Idleb"/"Idlib", "Michoacan de Ocampo"/"Michoacan")."""
    if not name:
        return False
    if fold_name(name) == fold_name(admin1):
        return True
    a, b = re.findall(r"\w+", name.casefold()), re.findall(r"\w+", admin1.casefold())
    shorter, longer = sorted((a, b), key=len)
    if shorter and len(shorter[0]) >= 5 and longer[:len(shorter)] == shorter:
        return True  # the short form of a long official name ("Michoacan" / "Michoacan de Ocampo")
    return gazetteer.same_admin1(name, admin1, country)


def _division(gazetteer: Gazetteer, admin1: str) -> GazPlace | None:
    """The first-level division of that name, or of its leading words ("Michoacan de Ocampo")."""
    words = admin1.split()
    for size in range(len(words), 0, -1):
        name = " ".join(words[:size])
        if size < len(words) and len(words[0]) < 5:
            break
        ranked = gazetteer.rank(tuple(c for c in gazetteer.candidates(name) if c.place.kind == "admin1"))
        if ranked:
            return ranked[0][1].place
    return None


def _division_named(gazetteer: Gazetteer, name: str) -> GazPlace | None:
    """The first-level division `name` names, unless it names a country too ("Mexico")."""
    if gazetteer.country_named(name) is not None:
        return None
    return _division(gazetteer, name)


def _town(gazetteer: Gazetteer, name: str, admin1: str | None) -> GazPlace | None:
    """The best-ranked town of that name, inside `admin1` when one is given."""
    towns = tuple(c for c in gazetteer.candidates(name) if c.place.kind in _TOWN_KINDS and c.level < 2
                  and (admin1 is None or _same_division(gazetteer, c.place.admin1, admin1, c.place.country)))
    ranked = gazetteer.rank(towns)
    return ranked[0][1].place if ranked else None


def _resolve(gazetteer: Gazetteer, names: list[tuple[str, int, int]], chain: list[tuple[str, int, int]],
             text: str) -> tuple[GazPlace, PlacePrecision, Span, str] | None:
    """The first name (the place before the bracket, then the smaller divisions) that is a town
    inside the chain's last element, which must be a first-level division somewhere.  When no
    town matches: the place itself if it is a town of another country than the division (the
    division is spelt in another language: "Bamenda (Mezam, Nord-Ouest)"), else the division,
    but only for a chain of two or more divisions.  A bracket that names no known division
    ("Baghdad (Reuters)", "Mexico City (Mexico)", "the main square (central)") is not a chain."""
    admin1, a_start, a_end = chain[-1]
    division = _division_named(gazetteer, admin1)
    if division is None:
        return None
    for name, start, end in names:
        town = _town(gazetteer, name, admin1)
        if town is not None:
            return town, PlacePrecision.TOWN, Span(start, end, text[start:end]), f"'{name}' inside {admin1} (administrative chain)"
    if names:
        name, start, end = names[0]
        anchor_town = _town(gazetteer, name, None)
        if anchor_town is not None and anchor_town.country != division.country:
            return anchor_town, PlacePrecision.TOWN, Span(start, end, text[start:end]), f"'{name}'; its division {admin1} unmatched"
    if len(chain) >= 2:
        return division, PlacePrecision.ADMIN1, Span(a_start, a_end, text[a_start:a_end]), f"its division {admin1} (no town matched)"
    return None


def chain_places(text: str, gazetteer: Gazetteer) -> list[ChainPlace]:
    """Every "Place (division, ..., admin1)" of a text that the gazetteer can resolve, in text order."""
    found: list[ChainPlace] = []
    for match in _BRACKET.finditer(text):
        parts: list[tuple[str, int, int]] = []
        offset = match.start("chain")
        for piece in re.finditer(r"[^,]+", match.group("chain")):
            raw = piece.group()
            lead = len(raw) - len(raw.lstrip())
            name = raw.strip()
            parts.append((name, offset + piece.start() + lead, offset + piece.start() + lead + len(name)))
        admin1 = parts[-1][0]
        before = text[max(0, match.start() - 80):match.start()]
        anchor = _ANCHOR.search(before)
        names = parts[:-1]
        if anchor is not None:
            a_start = match.start() - len(before) + anchor.start("name")
            names = [(anchor.group("name"), a_start, a_start + len(anchor.group("name"))), *names]
        resolved = _resolve(gazetteer, names, parts, text)
        if resolved is None:
            continue
        place, precision, span, why = resolved
        found.append(ChainPlace(place.to_place(span=span, reason=why, precision=precision), admin1,
                                match.start(), match.end()))
    return found


def comma_places(text: str, gazetteer: Gazetteer) -> list[ChainPlace]:
    """Every "Town, Division" of a text ("Paris, Texas", "Columbia, South Carolina") where the
    gazetteer has a town of that name inside that first-level division: the division settles which
    town of the name is meant.  A pair that is only a list ("Aleppo, Idlib and Hama") names no town
    inside the second name, so it is no chain."""
    found: list[ChainPlace] = []
    for match in _COMMA.finditer(text):
        town_name, admin1 = match.group("town"), match.group("admin1").rstrip(".")  # a sentence's full stop
        if _division(gazetteer, admin1) is None:
            continue
        town = _town(gazetteer, town_name, admin1)
        if town is None or _town_of_country(gazetteer, town_name, admin1):
            continue
        span = Span(match.start("town"), match.end("town"), town_name)
        place = town.to_place(span=span, reason=f"'{town_name}' inside {admin1} (town, division)",
                              precision=PlacePrecision.TOWN)
        found.append(ChainPlace(place, admin1, match.start(), match.end()))
    return found


def _town_of_country(gazetteer: Gazetteer, town_name: str, name: str) -> bool:
    """Whether `name` is also a country with a town of that name: "Batumi, Georgia" is the country's
    town, while "Rome, Georgia" (no Rome in the country) is the US state's."""
    country = gazetteer.country_named(name)
    return country is not None and any(
        c.place.country == country.country for c in gazetteer.candidates(town_name)
        if c.place.kind in _TOWN_KINDS and c.level < 2)


def _outside(place: Place | None, chain: ChainPlace, gazetteer: Gazetteer) -> bool:
    """The mention's place is missing, coarser than the chain's, or not in the chain's division."""
    if place is None or place.lat is None:
        return True
    if place.country != chain.place.country:
        return True
    if place.precision in (PlacePrecision.COUNTRY, PlacePrecision.REGION):
        return True
    if chain.place.precision is PlacePrecision.TOWN and place.precision in (PlacePrecision.ADMIN1,
                                                                          PlacePrecision.ADMIN2):
        return True  # the chain names the town inside the division the where stage stopped at
    if chain.place.precision is PlacePrecision.ADMIN1:
        return False
    return not _same_division(gazetteer, place.admin1, chain.admin1, place.country)


def refine_places(parsed: ParsedArticle, mentions: Iterable[Mention], places: Mapping[str, Place | None],
                  gazetteer: Gazetteer) -> dict[str, Place | None]:
    """The where stage's places, with chain places where the chain says more (see the module doc)."""
    out = dict(places)
    text = parsed.article.text
    chains = chain_places(text, gazetteer)
    pairs = [c for c in comma_places(text, gazetteer) if not any(b.start <= c.start < b.end for b in chains)]
    for mention in mentions:
        current = out.get(mention.id)
        # A "Town, Division" pair only says which town its own name is: it corrects the place the where
        # stage read off that name ("Columbia, South Carolina" read as Colombia), and nothing else.
        pair = next((c for c in pairs if current is not None and current.span is not None
                     and c.start <= current.span.start < c.end), None)
        if pair is not None:
            out[mention.id] = pair.place
            continue
        if not chains:
            continue
        # a division's name read off the bracket ("near Kanbalu (Kanbalu, Sagaing)" read as the town of
        # Sagaing) stands for the chain's place
        bracket = next((c for c in chains if current is not None and current.span is not None
                        and c.start <= current.span.start < c.end), None)
        if bracket is not None:
            out[mention.id] = bracket.place
            continue
        sentence = parsed.sentences[mention.sentence_index] if 0 <= mention.sentence_index < len(
            parsed.sentences) else None
        here = [c for c in chains if sentence is not None and sentence.start <= c.start < sentence.end]
        if here and _outside(current, here[0], gazetteer):
            out[mention.id] = here[0].place
        elif not here and len(chains) == 1 and (current is None or current.country != chains[0].place.country):
            out[mention.id] = chains[0].place  # the note's one chain, for a mention placed nowhere or abroad
    return out
