"""The article's geography and how a name is read: the countries an article is about (its focus),
its dateline, whether a gazetteer match is believable, and a toponym read in context.

Split from stages/where.py, which decides which place each event gets; this module knows nothing of
events.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc

from eventscope.errors import ConfigError
from eventscope.gazetteer import Gazetteer, GazPlace
from eventscope.gazetteer_build import COMPASS
from eventscope.model import Place, PlacePrecision, Span
from eventscope.placenames import exact_key
from eventscope.stages.actor_dictionary import names_organisation
from eventscope.stages.nlp import ParsedArticle, english_words, opening_match
from eventscope.stages.where_link import NAME_PARTICLES, Toponym, governing_preposition, is_street
from eventscope.stages.where_toponyms import blind_caps, toponyms_of

ADMIN_WORDS = frozenset({"province", "governorate", "state", "region", "division", "department", "prefecture",
                         "oblast", "county"})
# Prepositions that put an event at a place; used where the linker's score alone is weak.
CORE_LOCATIVES = frozenset({"in", "near", "at", "outside", "along", "inside", "across", "around", "throughout",
                            "within", "on"})
RIGHT_NOUNS = frozenset({"airport", "air", "base", "airbase", "border", "province", "governorate", "region",
                         "strip", "valley", "heights", "peninsula", "state", "dam", "zone"})
# "WASHINGTON:", "BAGHDAD, June 27 (Reuters) -", "SAN SALVADOR, 3 JAN 90 (RADIO CADENA NACIONAL) --"
# How loosely a name may match a gazetteer key, by the parser's label: a name it tagged as a person or
# organisation (or left untagged) is a place only on a real spelling match, never on a consonant
# skeleton ("Machinegun" ~ Mohnyin, "Rolando" ~ Rolandia); a PERSON name only on the exact spelling.
MAX_LEVEL = {"PERSON": 0, "ORG": 1, "NORP": 1, "PROPN": 1}
# A town smaller than this in a country the article does not name is taken for a homonym of a word of the
# text, not the event place, once the article's own country is known (dateline or focus).
SMALL_HOMONYM = 20_000
# A PERSON-tagged name is a place only when it is this big and in the article's country.
PERSON_PLACE_MIN = 100_000
# A town spelled like a common English word after "the" is believed only above this size.
COMMON_WORD_TOWN_MAX = 100_000
# Votes the dateline's country gets in the article focus, at least: about three lead mentions, so a few
# passing mentions of another country ("talks on Cambodia") do not outvote "SAN SALVADOR, 3 JAN 90 --".
DATELINE_VOTES = 6
_DATELINE = re.compile(r"^\s*([A-Z][A-Z .'-]{2,40}?)(?:,[^\n]{0,60}?)?(?:\s*\([^)\n]{1,40}\))?\s*(?::|--|—|–|-)\s")


@dataclass(frozen=True)
class Focus:
    weights: dict[str, float]  # ISO3 -> weight in [0, 1], 1 for the most mentioned country
    lead: frozenset[str]  # countries the lead names as places ("in Syria"), not as actors ("US troops")
    dominant: str | None  # a country mentioned at least twice as often as any other
    lead_place: Place | None = None  # the first place the lead puts something at ("in eastern Syria")
    place_uses: dict[str, float] = field(default_factory=dict)  # like weights, counting "in X" uses only
    home: frozenset[str] = frozenset()  # the dateline's country and the dominant one: where the article is
    # The dateline's country is never named again while the body names another's places ("MOSCOW (USSR)
    # ... blood is flowing in Colombia"): a report from abroad, whose dateline says where it was filed.
    foreign_dateline: bool = False
    # ISO3 -> the names (lower case) of the toponyms that voted for it: a country that only one name
    # votes for may owe its weight to a homonym ("the Naivasha market" in a report from Sudan).
    voters: dict[str, frozenset[str]] = field(default_factory=dict)

    def in_home(self, place: GazPlace, min_weight: float) -> bool:
        """Whether the place lies in the article's own country, or one it names with this weight."""
        codes = place.countries or ((place.country,) if place.country else ())
        return any(code in self.home or self.weights.get(code, 0.0) >= min_weight for code in codes)


# Words the text may call a place by, which make it a town and not a country or province of that name.
TOWN_WORDS = frozenset({"town", "village", "city", "hamlet", "suburb", "township", "settlement"})


def _called_a_town(doc: Doc, start: int, end: int) -> bool:
    """The text calls the name a town: in apposition ("Costa Rica, a farming town") or after "the town
    of" ("the town of Costa Rica")."""
    root = doc[start:end].root
    if any(c.dep_ == "appos" and c.lemma_.lower() in TOWN_WORDS for c in root.children):
        return True
    of = root.head
    return root.dep_ == "pobj" and of.lower_ == "of" and of.head.i != of.i and of.head.lemma_.lower() in TOWN_WORDS


def resolve_name(gazetteer: Gazetteer, doc: Doc, topo: Toponym,
                 focus: Mapping[str, float] | None = None) -> tuple[GazPlace | None, Span, str]:
    """The gazetteer entry for a toponym read in context, the span it covers, and how it was read.

    How loose a spelling match may be depends on the toponym's label (see MAX_LEVEL)."""
    start, end = topo.start, topo.end
    seat = _seat_of_government(gazetteer, doc[start:end].text)
    if seat is not None:
        return seat, span_of(doc, start, end), f"'{doc[start:end].text}' stands for {seat.name}"
    capital = _capital_of(gazetteer, doc, start, end)
    if capital is not None:
        return capital[0], span_of(doc, start, capital[1]), f"the capital of '{doc[start:end].text}'"
    if is_street(doc, topo):
        return None, span_of(doc, start, end), "a street; the gazetteer holds no streets"
    if names_an_organisation(doc, topo):
        return None, span_of(doc, start, end), "an organisation's name, not a place's"
    level = MAX_LEVEL.get(topo.label, 2)
    words = [t.lower_ for t in doc[max(0, start - 2):start]]
    # compass word just before: "eastern Syria", "north-east Syria"
    for width in (2, 1):
        if len(words) >= width:
            phrase = " ".join(words[-width:]).replace("-", " ")
            if phrase in COMPASS:
                # no looser a spelling than the name alone has: "northern Shan" is Shan state, not a
                # consonant skeleton of "northern Sinai"
                bare = min((c.level for c in gazetteer.candidates(doc[start:end].text)), default=level)
                place = gazetteer.lookup(f"{phrase} {doc[start:end].text}", focus, max_level=min(level, bare))
                if place is not None:
                    return place, span_of(doc, start - width, end), f"compass '{phrase}'"
    nxt = doc[end] if end < len(doc) else None
    # "X-Y border" / "Syrian-Iraqi border" style and "X border"
    border = _border_phrase(gazetteer, doc, start, end, focus)
    if border is not None:
        return border
    if nxt is not None and nxt.lower_ in RIGHT_NOUNS:
        widest = end + 1 if nxt.lower_ != "air" else min(len(doc), end + 2)
        place = gazetteer.lookup(doc[start:widest].text, focus, max_level=level)
        if place is not None:
            return place, span_of(doc, start, widest), f"name with '{doc[end:widest].text}'"
    joined = _across_particle(gazetteer, doc, start, end, focus, level)
    if joined is not None:
        return joined
    # "Arauca province", and "the eastern province of Arauca"
    admin_hint = (nxt is not None and nxt.lower_ in ADMIN_WORDS) or (
        start >= 2 and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ in ADMIN_WORDS)
    text = doc[start:end].text
    if doc[end - 1].lower_ in FEATURE_NOUNS:
        level = min(level, 1)  # "Omaha Beach" is no town: a skeleton match ("Oum el Bouaghi") would be one
    designator = _DESIGNATOR.search(text)
    if designator and designator.start() > 0 and designator[1].lower() in _TOWN_DESIGNATORS:
        # "Gaza City", "Kuwait City": a town named with its designator is that town, not the region or
        # country of the bare name ("Gaza" is also the Gaza Strip)
        whole = gazetteer.lookup(text, focus, max_level=min(level, 1))
        if whole is not None and whole.precision == PlacePrecision.TOWN:
            return whole, span_of(doc, start, end), "name with its designator"
    if designator and designator.start() > 0:
        # "Kandahar city", "Hays district": the name without the word for what kind of place it is
        admin_hint = admin_hint or designator[1].lower() not in _TOWN_DESIGNATORS
        text = text[:designator.start()]
    if _called_a_town(doc, start, end):
        # "near Costa Rica, a farming town south of the state capital": a town of the name, not the country
        towns = tuple(c for c in gazetteer.candidates(text)
                      if c.level <= level and c.place.precision is PlacePrecision.TOWN)
        ranked = gazetteer.rank(towns, focus)
        if ranked:
            return ranked[0][1].place, span_of(doc, start, end), "the text calls it a town"
    place = gazetteer.lookup(text, focus, admin_hint=admin_hint, max_level=level)
    if place is not None and _nationality_word(text, place):
        return None, span_of(doc, start, end), "a nationality or language word, not a place's name"
    if place is not None and topo.label != "LOC" and _common_word_after_the(doc, start, end, place):
        return None, span_of(doc, start, end), f"'the {text}': a common word, not the town it spells"
    if place is None and text.lower().startswith("the "):
        place = gazetteer.lookup(text[4:], focus, admin_hint=admin_hint, max_level=level)
    if place is None and end - start > 1 and doc[start].lower_ in COMPASS and topo.label in ("GPE", "LOC"):
        # "WESTERN BOGOTA" tagged as one name (a name that holds the word, "West Bank", was found
        # above): the part of a country the word names, else the town itself, spelled as written
        rest = doc[start + 1:end].text
        place = gazetteer.lookup(f"{doc[start].lower_} {rest}", focus, max_level=min(level, 1)) \
            or gazetteer.lookup(rest, focus, admin_hint=admin_hint, max_level=min(level, 1))
        if place is not None:
            return place, span_of(doc, start, end), f"compass '{doc[start].text}' read inside the name"
    return place, span_of(doc, start, end), "name"


def _nationality_word(text: str, place: GazPlace) -> bool:
    """'speaking in perfect English', 'a Canadian': a nationality or language word; the towns it
    spells (English, Indiana; Spanish, Ontario) are not what it means.  A country that is also a
    demonym of the actors' table ("Eswatini") stays itself."""
    return place.kind != "country" and text.lower() in _demonyms()


def _common_word_after_the(doc: Doc, start: int, end: int, place: GazPlace) -> bool:
    """'appeared at the Congress', 'beaten at the Assembly': one common English word after "the" is
    an institution or a thing, not the small town of that name (Congress, Arizona).  Countries,
    regions and big cities keep their article ("the Gambia", "the Hague" is no common word), and so
    does a name the parser tags LOC ("the Pacific")."""
    return (end - start == 1 and start > 0 and doc[start - 1].lower_ == "the"
            and place.kind not in ("country", "region", "compass", "admin1")
            and place.population < COMMON_WORD_TOWN_MAX and doc[start].lower_ in english_words())


# Last words of a natural or built feature's name: the gazetteer holds towns, so such a name matches a
# town only by its spelling ("Tahrir Square" is no town), never by a consonant skeleton.
FEATURE_NOUNS = frozenset({"beach", "square", "mountain", "mountains", "hill", "hills", "river", "lake", "island",
                           "islands", "bridge", "street", "road", "highway", "park", "forest", "desert", "bay",
                           "coast", "sea", "gulf", "canal", "crossing", "checkpoint", "stadium", "mosque", "church",
                           "hospital", "university", "market", "prison", "palace"})


_TOWN_DESIGNATORS = ("city", "town", "village")
_DESIGNATOR = re.compile(rf"\s+({'|'.join(_TOWN_DESIGNATORS)}|district|province|governorate|region|municipality)$",
                         re.IGNORECASE)


def _across_particle(gazetteer: Gazetteer, doc: Doc, start: int, end: int,
                     focus: Mapping[str, float] | None, level: int) -> tuple[GazPlace, Span, str] | None:
    """'Deir ez Zor': a name, a lower-case particle and a capitalised word are one place name when
    the gazetteer knows the whole."""
    if end + 1 >= len(doc) or doc[end].lower_ not in NAME_PARTICLES or not doc[end].is_lower \
            or not doc[end + 1].text[:1].isupper():
        return None
    place = gazetteer.lookup(doc[start:end + 2].text, focus, max_level=level)
    if place is None:
        return None
    return place, span_of(doc, start, end + 2), f"name across '{doc[end].text}'"


def _border_phrase(gazetteer: Gazetteer, doc: Doc, start: int, end: int,
                   focus: Mapping[str, float] | None) -> tuple[GazPlace, Span, str] | None:
    if start >= 2 and doc[start - 1].text in ("-", "–", "/", "and"):
        start -= 2  # "Iraq-Syria border": take in the first country too
    elif start >= 2 and doc[start - 1].lower_ in ("with", "of") and doc[start - 2].lower_ == "border":
        start -= 2  # "the border with Syria"
    window = doc[start:min(len(doc), end + 4)]
    if not any(t.lower_ == "border" for t in window):
        return None
    names = [t for t in window if t.pos_ in ("PROPN", "ADJ") and t.lower_ != "border"]
    countries: list[str] = []
    for tok in names:
        country = gazetteer.country_named(tok.text) or _country_of_adjective(gazetteer, tok.text)
        if country is not None and country.country and country.country not in countries:
            countries.append(country.country)
    if len(countries) == 1 and focus:
        # "the border with Syria": the other side is the article's most named neighbour of that country
        others = [c for c, _ in sorted(focus.items(), key=lambda kv: -kv[1])
                  if c != countries[0] and gazetteer.border(countries[0], c) is not None]
        countries += others[:1]
    if len(countries) >= 2:
        place = gazetteer.border(countries[0], countries[1])
        if place is not None:
            last = max([end, *(t.i + 1 for t in window if t.lower_ == "border" and t.i < end + 4)])
            return place, span_of(doc, start, last), "border of " + "/".join(countries[:2])
    return None


_ADJECTIVE_ENDINGS = ("ian", "an", "i", "ese", "ish")


def _country_of_adjective(gazetteer: Gazetteer, word: str) -> GazPlace | None:
    """'Syrian' -> Syria, 'Iraqi' -> Iraq: only to read border phrases, never as a place by itself."""
    lower = word.lower()
    for ending in _ADJECTIVE_ENDINGS:
        if lower.endswith(ending) and len(lower) > len(ending) + 2:
            stem = lower[: -len(ending)]
            for guess in (stem, stem + "a", stem + "ia", stem + "y", stem + "e"):
                country = gazetteer.country_named(guess)
                if country is not None:
                    return country
    return None


def span_of(doc: Doc, start: int, end: int) -> Span:
    piece = doc[max(0, start):end]
    return Span(start=piece.start_char, end=piece.end_char, text=piece.text)


def trusted(place: GazPlace, caps: bool, focus: Focus, label: str = "GPE") -> bool:
    """A name the parser could not call a place (all-caps text, or tagged PERSON/ORG/...) often
    matches some town ("HARRISON", "Amancio Rodriguez"); such a match counts only if it lies in a
    country the article names, or is a big city.  GPE/LOC/FAC names in mixed case are trusted,
    except a small town abroad when the article's own country is known (a homonym, most likely).
    A PERSON name ("Leigh", "Obama") is a place only if it is a big city of the article's country."""
    if place.kind in ("country", "region", "compass"):
        return True
    if label == "PERSON":
        return place.population > PERSON_PLACE_MIN and focus.in_home(place, 0.5)
    if focus.home and place.population < SMALL_HOMONYM and not focus.in_home(place, 0.3):
        return False
    doubtful = caps or label not in ("GPE", "LOC", "FAC")
    if not doubtful or place.kind in ("country", "region", "compass") or place.population >= 1_000_000:
        return True
    codes = place.countries or ((place.country,) if place.country else ())
    return any(focus.weights.get(code, 0.0) >= 0.3 for code in codes)


def article_focus(parsed: ParsedArticle, gazetteer: Gazetteer) -> Focus:
    """Countries the article talks about, and the lead's first place.

    Every toponym whose country is unambiguous votes for it (lead sentences
    twice): a homonym like "Tripoli" does not vote, since its country is what
    the focus is meant to decide.
    """
    doc = parsed.doc
    counts: Counter[str] = Counter()
    body: Counter[str] = Counter()  # votes from after the dateline
    body_start = _dateline_end(parsed.article.text)
    place_uses: Counter[str] = Counter()  # "in Syria", not "US troops"
    voters: dict[str, set[str]] = {}
    lead: set[str] = set()
    lead_place: Place | None = None
    n = -1
    for sent in doc.sents:
        # The lead is the first two sentences that say something: a dateline or a bracketed header
        # ("MOSCOW (USSR), 12 JUL 89 (PRAVDA) -- [STATEMENT] [SOVIET COMMITTEE ...]") has no verb and
        # does not count, or the story's first "in Colombia" falls out of the lead.
        if n >= 0 or any(t.pos_ in ("VERB", "AUX") for t in sent):
            n += 1
        caps = blind_caps(doc, sent.start, sent.end)
        for topo in toponyms_of(doc, sent.start, sent.end, gazetteer):
            doubtful = caps or topo.label not in ("GPE", "LOC", "FAC")
            text = doc[topo.start:topo.end].text
            seat = _seat_of_government(gazetteer, text)
            if seat is not None:
                codes: tuple[str, ...] = (seat.country,) if seat.country else ()
            elif names_an_organisation(doc, topo):
                codes = ()
            else:
                codes = _unambiguous_countries(gazetteer, text, doubtful, MAX_LEVEL.get(topo.label, 2))
            is_place_use = governing_preposition(doc[topo.start:topo.end].root)[0] in CORE_LOCATIVES
            in_body = doc[topo.start].idx >= body_start
            for code in codes:
                voters.setdefault(code, set()).add(text.lower())
                counts[code] += 2 if n < 2 else 1
                body[code] += in_body
                if is_place_use:
                    place_uses[code] += 1
                if n < 2 and is_place_use:
                    lead.add(code)
            if n < 2 and is_place_use and lead_place is None:
                found, span, how = resolve_name(gazetteer, doc, topo)
                big = found is not None and (found.kind == "country" or found.population >= 1_000_000)
                if found is not None and (big or not caps) and (big or topo.label != "PERSON"):
                    lead_place = found.to_place(span=span, reason=f"the lead's first place ({how})")
    dated = dateline_place(parsed, gazetteer)
    dateline_codes = place_codes(dated[0]) if dated is not None else ()
    foreign = bool(dateline_codes) and max(body.values(), default=0) >= FOREIGN_BODY_VOTES \
        and not _echoed(doc, body_start, dated, body)  # type: ignore[arg-type]
    if foreign:
        dateline_codes = ()  # the dateline says where the report was filed, not what it is about
        for code in place_codes(dated[0]):  # type: ignore[index]
            counts[code] = body[code]
    top = max(counts.values(), default=0)
    for code in dateline_codes:
        counts[code] += max(DATELINE_VOTES, top // 2)
        voters.setdefault(code, set()).add("")  # the dateline
    title = parsed.article.title
    for word in re.findall(r"[A-Z][\w'-]+(?: [A-Z][\w'-]+)?", title):
        country = gazetteer.country_named(word)
        if country is not None and country.country:
            counts[country.country] += 2
            voters.setdefault(country.country, set()).add("")  # the title
    top = max(counts.values(), default=0)
    weights = {code: count / top for code, count in counts.items()} if top else {}
    ranked = counts.most_common(2)
    dominant = ranked[0][0] if ranked and (len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1]) else None
    top_use = max(place_uses.values(), default=0)
    uses = {code: count / top_use for code, count in place_uses.items()} if top_use else {}
    home = frozenset(dateline_codes) | ({dominant} if dominant else _two_sides(counts))
    return Focus(weights=weights, lead=frozenset(lead), dominant=dominant, lead_place=lead_place,
                  place_uses=uses, home=home, foreign_dateline=foreign,
                  voters={code: frozenset(names) for code, names in voters.items()})


def _echoed(doc: Doc, body_start: int, dated: tuple[GazPlace, Span | None], body: Counter[str]) -> bool:
    """Whether the body comes back to the dateline's country: a place of it (a town too small to vote
    in capitals text counts when it is the dateline's own name), or its nationality word."""
    codes = place_codes(dated[0])
    if any(body[code] for code in codes):
        return True
    text = doc.text[body_start:].lower()
    if dated[0].name.lower() in text or (dated[1] is not None and dated[1].text.lower() in text):
        return True
    demonyms = _demonyms()
    return any(t.idx >= body_start and demonyms.get(t.lower_) in codes for t in doc)


# Votes another country needs in the body before a dateline whose country the body never names counts
# as filed from abroad: one passing mention is not enough to say what the article is about.
FOREIGN_BODY_VOTES = 2
_DATELINE_END = re.compile(r"\s(?:--|—|–)\s|\n")


def dateline_span(text: str) -> tuple[int, int]:
    """(start, end) of a 'CITY, Country (AP) —' dateline, at the text's start or after a headline; (0, 0)
    when there is none: its words are no actor of the sentence it opens."""
    return opening_match(_DATELINE, text)


def _dateline_end(text: str) -> int:
    """Where the dateline ends: its dash ("SAN SALVADOR, 3 JAN 90 (ACAN-EFE) --"), else the first line."""
    stripped = len(text) - len(text.lstrip())
    match = _DATELINE_END.search(text, stripped, stripped + 160)
    return match.end() if match else 0


def place_codes(place: GazPlace) -> tuple[str, ...]:
    return place.countries or ((place.country,) if place.country else ())


def _unambiguous_countries(gazetteer: Gazetteer, text: str, caps: bool = False,
                           max_level: int = 2) -> tuple[str, ...]:
    ranked = gazetteer.rank(tuple(c for c in gazetteer.candidates(text) if c.level <= max_level))
    if not ranked:
        return ()
    best = ranked[0][1].place
    if _nationality_word(text, best):
        return ()
    codes = best.countries or ((best.country,) if best.country else ())
    if best.kind in ("country", "region", "compass"):
        return codes
    if caps and best.population < 1_000_000:
        return ()  # all-caps text: only country names and big cities say what the article is about
    # a town votes only if every sizeable homonym lies in the same country
    rivals = {c.place.country for _, c in ranked[:8] if c.place.population >= best.population / 20}
    return codes if len(rivals) <= 1 else ()


def dateline_place(parsed: ParsedArticle, gazetteer: Gazetteer,
                   focus: Focus | None = None) -> tuple[GazPlace, Span | None] | None:
    """The dateline's place, from Article.dateline or a leading 'CITY, date --' / 'CITY:' in the text."""
    text, span = parsed.article.dateline, None
    if not text:
        match = _DATELINE.match(parsed.article.text)
        if not match:
            return None
        text = match.group(1).strip()
        span = Span(match.start(1), match.start(1) + len(text), text)
    country = _dateline_country(parsed.article.text, gazetteer)
    if country is not None and text.strip().upper() in PLACELESS_DATELINES:
        return country, None  # "NO CITY (EL SALVADOR)": the country is all the dateline says
    place = gazetteer.lookup(text)  # datelines name well-known cities: no focus, population decides
    if place is None and "," in text:
        # the ingest's dateline "CARACAS, Venezuela" or "KHARTOUM, Sudan": the city, in the country named
        city, _, rest = text.partition(",")
        country = country or gazetteer.country_named(rest.strip())
        hint = {country.country: 1.0} if country is not None and country.country else None
        place = gazetteer.lookup(city.strip(), hint)
        if place is not None and hint and not set(hint) & set(place_codes(place)):
            place = None
    if place is not None and country is not None and country.country \
            and country.country not in place_codes(place):
        # "LEON (NICARAGUA)": the bracketed country says which town of the name is meant
        place = gazetteer.lookup(text, {country.country: 1.0}) or place
        if country.country not in place_codes(place):
            return country, None
    if place is None and country is not None:
        return country, None
    return (place, span) if place is not None else None


# Datelines that name no place: a clandestine radio's, or one the agency withheld.  A country in
# brackets after them ("NO CITY (EL SALVADOR)") is still the dateline's country.
PLACELESS_DATELINES = frozenset({"NO CITY", "CLANDESTINE", "NO PLACE", "NO DATELINE", "UNKNOWN"})
# "MOSCOW (USSR), 12 JUL 89 (PRAVDA) --", "NO CITY (EL SALVADOR), 29 SEP 89 --": wire datelines that
# say the city's country in brackets before the date.
_DATELINE_COUNTRY = re.compile(r"^\s*[A-Z][A-Za-z .'-]{1,40}?\s*\(([A-Za-z][A-Za-z .'-]{1,40})\)\s*,")


def _dateline_country(text: str, gazetteer: Gazetteer) -> GazPlace | None:
    """The country a dateline writes in brackets after its city, if it names one."""
    match = _DATELINE_COUNTRY.match(text)
    return gazetteer.country_named(match.group(1).strip()) if match else None


# Words for the kind of a local place, written before or after its name ("the Natividad canton", "the
# Zacamil neighborhood", "Soacha municipality"): not part of the name a gazetteer or an analyst uses.
LOCAL_KIND_WORDS = frozenset({"canton", "cantons", "neighborhood", "neighbourhood", "district", "municipality",
                              "village", "hamlet", "town", "township", "settlement", "barrio", "colonia",
                              "suburb", "quarter", "farm", "estate", "hacienda", "jurisdiction", "area",
                              "sector", "zone", "department", "province"})
_LEADING = frozenset({"the", "a"})


def local_name(text: str) -> str:
    """The name of a place the gazetteer lacks, without an article and a kind word around it
    ("THE NATIVIDAD CANTON" -> "NATIVIDAD", "Soacha municipality" -> "Soacha").  The name is what an
    analyst looks up or compares; the span keeps the text as written."""
    words = text.split()
    while len(words) > 1 and words[0].lower() in _LEADING:
        words = words[1:]
    while len(words) > 1 and words[-1].lower().strip(".,") in LOCAL_KIND_WORDS:
        words = words[:-1]
    if len(words) > 2 and words[0].lower() in LOCAL_KIND_WORDS and words[1].lower() == "of":
        words = words[2:]  # "canton of San Jose"
    return " ".join(words)


def _two_sides(counts: Counter[str]) -> set[str]:
    """A story about two countries ("India, Pakistan trade fire across frontier"): neither dominates, but
    the two together are named at least twice as often as any third, and both are home.  A town of a third
    country found by a village's name ("the village of Kirni" is an alternate name of Kearny, New Jersey)
    is then a homonym, as it would be in a story about one country."""
    ranked = counts.most_common(3)
    if len(ranked) < 2 or ranked[1][1] == 0:
        return set()
    third = ranked[2][1] if len(ranked) > 2 else 0
    return {ranked[0][0], ranked[1][0]} if ranked[1][1] >= 2 * third else set()


def home_country(focus: Focus) -> str | None:
    """The article's own country: the dominant one, else the dateline's when it is one country."""
    if focus.dominant:
        return focus.dominant
    return next(iter(focus.home)) if len(focus.home) == 1 else None


def foreign_homonym(place: GazPlace, focus: Focus, asked: str = "") -> bool:
    """A town (not a capital, under a million people) or a province in a country the article never names
    otherwise, when the article's own country is known: most likely a local place of the same name that the gazetteer lacks
    (GeoNames' cities500 misses many villages), e.g. "La Laguna" in a Salvadoran report is not the
    Canary Islands town.  A big city found only by another of its names (`asked`: "San Cristobal" is
    an old name of Ecatepec de Morelos) is no exception: the famous city is known by its own name."""
    if not (focus.home or focus.weights) or place.kind in ("country", "region", "compass", "capital"):
        return False  # (with no home, a country the article names otherwise still vouches for its towns)
    codes = place.countries or ((place.country,) if place.country else ())
    if place.kind == "admin1":
        # "the Abu Salim and Salah al-Din neighbourhoods" of Tripoli are not Iraq's Salah al-Din province
        return not any(code in focus.home or (focus.weights.get(code, 0.0) > 0 and _named_otherwise(focus, code, asked))
                       for code in codes)
    if place.population >= 1_000_000 and asked and exact_key(asked) not in exact_key(place.name):
        return not any(code in focus.home for code in codes)  # a big city by another name, far from home
    return place.population < 1_000_000 and not any(
        code in focus.home or (focus.weights.get(code, 0.0) > 0 and _named_otherwise(focus, code, asked))
        for code in codes)


def _named_otherwise(focus: Focus, code: str, asked: str) -> bool:
    """The country has a vote from another name than `asked` (or from the dateline or title)."""
    names = focus.voters.get(code)
    return names is None or bool(names - {asked.lower()})


DEMONYMS_FILE = Path(__file__).resolve().parent.parent / "data" / "actor_countries.tsv"


@lru_cache(maxsize=1)
def _country_rows() -> tuple[list[str], ...]:
    """The rows of the actors' country table: iso3, name, aliases, demonyms, capitals and metonyms."""
    try:
        lines = DEMONYMS_FILE.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ConfigError(f"{DEMONYMS_FILE}: cannot read ({exc.strerror})") from None
    rows = (line.split("\t") for line in lines if not line.startswith("#"))
    return tuple(cols + [""] * (5 - len(cols)) for cols in rows if len(cols) >= 4 and cols[0] != "iso3")


@lru_cache(maxsize=1)
def _demonyms() -> dict[str, str]:
    """Nationality word (lower case) -> ISO3, from the actors' country table (its demonyms column)."""
    out: dict[str, str] = {}
    for cols in _country_rows():
        for word in filter(None, cols[3].split(";")):
            out.setdefault(word.lower(), cols[0])
    return out


# A seat of government's name that is also a town of this size in its country names that town (Ramallah,
# 38,000 in GeoNames); a smaller one is a village of the same name (White House, Tennessee: 11,000).
SEAT_CITY_MIN = 20_000


@lru_cache(maxsize=1)
def _seat_metonyms() -> dict[str, str]:
    """Name of a seat of government that is no town ("White House", "Downing Street", "Zhongnanhai")
    -> ISO3, from the actors' country table (its capitals-and-metonyms column, after the capital)."""
    out: dict[str, str] = {}
    for cols in _country_rows():
        for name in [name for name in cols[4].split(";") if name][1:]:
            out.setdefault(exact_key(name), cols[0])
    return out


# Labels under which a name may be an institution's, not a place's: a name tagged GPE or LOC is read as
# a place even when an organisation bears it too ("the Duma", "Duma" in Syria).
_INSTITUTION_LABELS = frozenset({"ORG", "FAC", "PERSON", "PROPN"})


def names_an_organisation(doc: Doc, topo: Toponym) -> bool:
    """A name the actor dictionary holds as an organisation is an actor, not a place, though the
    gazetteer knows a town by it: "Hamas" (Hamm), "Taliban" (a Turkish village), "Badr".  Unless the
    text puts something in or at it: "a chemical attack in Duma" is in the town, whatever the tagger says."""
    root = doc[topo.start:topo.end].root
    return (topo.label in _INSTITUTION_LABELS and governing_preposition(root)[0] not in CORE_LOCATIVES
            and names_organisation(doc[topo.start:topo.end].text))


def names_a_capital(doc: Doc, topo: Toponym) -> bool:
    """"In the Armenian capital", "Syria's capital": the name is read as its country's capital (`_capital_of`)."""
    return _end_of_capital(doc, topo.end) is not None


def _end_of_capital(doc: Doc, end: int) -> int | None:
    """Where "capital" right after a name ending at `end` (or after its "'s") ends, if it is there."""
    after = end + 1 if end < len(doc) and doc[end].tag_ == "POS" else end
    return after + 1 if after < len(doc) and doc[after].lower_ == "capital" else None


def _capital_of(gazetteer: Gazetteer, doc: Doc, start: int, end: int) -> tuple[GazPlace, int] | None:
    """'the Somali capital', 'Syria's capital': the capital city of the country named or the people
    named (actors' country table), not the Somali Region of Ethiopia; with the end of the phrase."""
    phrase_end = _end_of_capital(doc, end)
    if phrase_end is None:
        return None
    text = doc[start:end].text
    iso3 = _demonyms().get(text.lower())
    if iso3 is None:
        country = gazetteer.country_named(text)
        iso3 = country.country if country is not None else None
    place = _capital_city(gazetteer, iso3) if iso3 else None
    return (place, phrase_end) if place is not None else None


@lru_cache(maxsize=1)
def _capitals() -> dict[str, str]:
    """ISO3 -> its capital's name, the first of the actors' country table's capitals-and-metonyms column."""
    return {cols[0]: names[0] for cols in _country_rows() if (names := [n for n in cols[4].split(";") if n])}


def _capital_city(gazetteer: Gazetteer, iso3: str) -> GazPlace | None:
    """The gazetteer's entry for the country's capital, spelled exactly and in that country."""
    capital = _capitals().get(iso3)
    place = gazetteer.lookup(capital, {iso3: 1.0}, max_level=0) if capital else None
    return place if place is not None and place.country == iso3 else None


def _seat_of_government(gazetteer: Gazetteer, text: str) -> GazPlace | None:
    """The capital a seat of government stands for: the gazetteer would read "the White House" as
    Casablanca (a translation of its name) and keeps no streets.  A metonym that is a town of the
    country with a city's population in the gazetteer ("The Hague", "Ramallah") is that city, and is left
    to the lookup; a village of the name (White House, Tennessee) is not what the news means."""
    iso3 = _seat_metonyms().get(exact_key(text))
    if iso3 is None:
        return None
    own = gazetteer.lookup(text, {iso3: 1.0}, max_level=0)
    if own is not None and own.country == iso3 and own.kind != "country" and own.population >= SEAT_CITY_MIN:
        return None
    return _capital_city(gazetteer, iso3)


def nationality_focus(doc: Doc) -> str | None:
    """The country whose nationality words ("Salvadoran soldiers") an article uses most, when it names
    no place at all (a clandestine radio's communique): at least twice, and twice as often as any other."""
    table = _demonyms()
    counts = Counter(table[t.lower_] for t in doc if t.lower_ in table)
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]):
        return None
    return ranked[0][0]
