"""What makes two mentions of one article one happening: the tests assembly applies.

Kept apart from `assemble` (which clusters mentions and builds the events) so each
stays small.  Every test errs on the side of "nothing disagrees": a missing date,
place or actor never keeps two mentions apart, a named one that differs does.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS

from eventscope.gazetteer import distance_km
from eventscope.model import Actor, DatePrecision, Place, PlacePrecision, TimeRef
from eventscope.ontology import STATE_SECTORS
from eventscope.stages.acled_refine import PROTESTER_WORDS
from eventscope.stages.actor_dictionary import COUNTRY_KINDS, load_dictionary, tokenize

RECALLED_AFTER_DAYS = 7  # an event ending more than a week before publication is background


def date_interval(ref: TimeRef) -> tuple[dt.date, dt.date] | None:
    """The days a TimeRef covers, from its precision (a month covers the whole month).  A weekend
    takes in the Friday night before it: "killed villagers over the weekend" and "the attack targeted
    Mamove late Friday" are one raid."""
    interval = ref.interval()
    if interval is not None and ref.phrase is not None and "weekend" in ref.phrase.text.lower() \
            and interval[0].weekday() == 5:
        return interval[0] - dt.timedelta(days=1), interval[1]
    return interval


def is_weak_date(ref: TimeRef) -> bool:
    """A date with no phrase behind it was inherited (publication date, dateline)."""
    return ref.phrase is None


def is_loose_date(ref: TimeRef) -> bool:
    """Inherited, or a long vague stretch: such a date agrees with many events, so calling
    two mentions one event needs other evidence than the date ("recent attacks" is not the
    rocket attack of Monday)."""
    if is_weak_date(ref):
        return True
    return ref.precision == DatePrecision.RANGE and ref.spans_weeks()


def is_stretch_against_day(a: TimeRef, b: TimeRef) -> bool:
    """One date is a stretch of weeks or more ("earlier this month", "in 2017") and the other a day
    or a few: the day falls in the stretch, but that alone does not make them one event ("earlier this
    month, a car bomb ..." is not Friday's hotel siege).  Two dates of the same stretch are left to
    the other tests."""
    if a.date is None or b.date is None or is_weak_date(a) or is_weak_date(b):
        return False
    return a.spans_weeks() != b.spans_weeks()


# Words of a time phrase that set its event before the one the story tells: "earlier this month".
EARLIER_WORDS = frozenset({"earlier", "previously", "previous"})


def says_earlier(ref: TimeRef) -> bool:
    return ref.phrase is not None and any(word in EARLIER_WORDS for word in ref.phrase.text.lower().split())


# How long before a report's day the event it tells may be ("killed 17, residents said Tuesday ... The
# strike hit a school on Monday"): wire copy reports the day's or the last few days' news.
REPORT_LAG_DAYS = 7


def dates_agree(a: TimeRef, b: TimeRef) -> bool:
    if is_weak_date(a) or is_weak_date(b):
        return True
    ia, ib = date_interval(a), date_interval(b)
    if ia is None or ib is None:
        return True
    bound, other = (ia, ib) if a.report_bound else (ib, ia)
    if a.report_bound != b.report_bound and (other[1] - other[0]).days < REPORT_LAG_DAYS:
        # the report's day bounds a day (or a few) told for the other from above
        return other[1] <= bound[1] and (bound[0] - other[0]).days <= REPORT_LAG_DAYS
    return ia[0] <= ib[1] and ib[0] <= ia[1]


_TOWN_PRECISIONS = frozenset({PlacePrecision.POINT, PlacePrecision.TOWN})
_LOCAL_PRECISIONS = frozenset({PlacePrecision.POINT, PlacePrecision.TOWN, PlacePrecision.ADMIN2,
                               PlacePrecision.ADMIN1})


TOWNS_APART_KM = 40  # two towns further apart than this are two scenes, not one
PROVINCES_SIDE_BY_SIDE = 250  # characters: two provinces named this close are told as two scenes


def places_conflict(a: Place | None, b: Place | None) -> bool:
    """Two places named in the text, both local, in different countries, two provinces of
    one country, or two towns named in the text far apart ("a bomb in San Juan Bautista ...
    a woman murdered in Huamaguilla").  A country or a region ("the Iraq-Syria border") may span both, and
    a division its towns, so they never conflict."""
    if a is None or b is None or not (a.span and b.span and a.country and b.country):
        return False
    if a.country != b.country:
        return a.precision in _LOCAL_PRECISIONS and b.precision in _LOCAL_PRECISIONS
    if a.precision is PlacePrecision.ADMIN1 and b.precision is PlacePrecision.ADMIN1:
        # two provinces named side by side for two deeds ("an ambush in western Michoacan and a shootout
        # in neighbouring Guerrero"); named sentences apart, one may be a misread name ("the Jose Maria
        # Cordoba airport" read as Cordoba department) or the province of an office that reports it
        near = abs(a.span.start - b.span.start) <= PROVINCES_SIDE_BY_SIDE
        return near and bool(a.admin1 and b.admin1 and a.admin1.casefold() != b.admin1.casefold())
    towns = a.precision in _TOWN_PRECISIONS and b.precision in _TOWN_PRECISIONS
    if not towns:
        return False
    if None in (a.lat, a.lon, b.lat, b.lon):  # a town the gazetteer lacks: its name is all we know
        return a.name.casefold() != b.name.casefold()
    return distance_km(a.lat, a.lon, b.lat, b.lon) > TOWNS_APART_KM  # type: ignore[arg-type]


def same_place(a: Place | None, b: Place | None) -> bool:
    """Nothing says two places differ: one is unknown, or both are the same gazetteer entry or name."""
    if a is None or b is None:
        return True
    if a.geonameid is not None and a.geonameid == b.geonameid:
        return True
    return a.name.casefold() == b.name.casefold()


def is_empty_reference(actor: Actor) -> bool:
    word = actor.text.lower()
    return (actor.country is None and actor.sector is None and word in STOP_WORDS
            and actor.name.lower() == word)  # a pronoun the actors stage resolved keeps its name


def actor_keys(actors: Iterable[Actor]) -> set[str]:
    """Countries of the actors, and names of known groups without one; an unresolved
    or generic phrase ("the group", "militiamen") neither agrees nor disagrees."""
    keys: set[str] = set()
    for actor in actors:
        if actor.country:
            keys.add(actor.country)
        elif actor.sector and is_proper_name(actor.name) and is_proper_name(_without_article(actor.text or actor.name)) \
                and not _common_noun_at_start(actor):
            # a named group with no country; the text decides, since the dictionary names a description
            # too ("THE EXTRADITABLES" -> "Colombia criminals")
            keys.add(actor.name.lower())
    return keys


def _common_noun_at_start(actor: Actor) -> bool:
    """'Gunmen', 'Suspected jihadists' opening a sentence: a role word the dictionary knows, or a phrase
    whose last word is in lower case, is a description with a capital, not a group's name."""
    words = actor.name.split()
    if len(words) > 1:
        return words[-1][:1].islower()
    return "(role actors.tsv" in actor.reason or "(title actors.tsv" in actor.reason


def _without_article(text: str) -> str:
    words = text.split()
    return " ".join(words[1:]) if len(words) > 1 and words[0].lower() in ("the", "a", "an") else text


def is_proper_name(name: str) -> bool:
    """'Shining Path', 'FMLN': a name.  In all-capitals wire copy every phrase starts with a
    capital, so an upper-case phrase counts as a name only when it is one short word (an
    acronym); 'TERRORISTS' and 'URBAN GUERRILLAS' are descriptions."""
    if name.isupper():
        return " " not in name.strip() and len(name.strip()) <= 6
    return name[:1].isupper()


def actor_names(actors: Iterable[Actor]) -> set[str]:
    return {a.name.lower() for a in actors if a.country or a.sector}


def head_words(actors: Iterable[Actor]) -> set[str]:
    """Content words of the actors' surface text and name ("Danilo Barillas" -> danilo, barillas)."""
    words: set[str] = set()
    for actor in actors:
        for text in (actor.text, actor.name):
            words |= {w for w in text.lower().replace("[", " ").replace("]", " ").split()
                      if len(w) > 2 and w not in STOP_WORDS and w.isalpha()}
    return words


_GENERIC_TARGETS = frozenset({"people", "persons", "person", "civilians", "civilian", "soldiers", "soldier",
                              "members", "others", "man", "men", "woman", "women", "children"})


@lru_cache(maxsize=4096)
def is_country_word(word: str) -> bool:
    """'pakistan', 'pakistani', 'kabul': a country, its people or its capital (the actor dictionary's)."""
    matches = load_dictionary().matches(tokenize(word.capitalize()))
    return len(matches) == 1 and matches[0].entry.kind in COUNTRY_KINDS


def distinctive_words(actors: Iterable[Actor]) -> set[str]:
    """The actors' words that are no generic person noun, plural and singular alike: 'militia' for
    'militias' and 'militia groups', 'barillas', not 'people'; words for one kind of people are one
    word ('demonstrators' are 'protesters')."""
    words = {_singular(w) for w in head_words(actors) - _GENERIC_TARGETS}
    return {_SAME_PEOPLE.get(w, w) for w in words}


# Words for the same people: police firing on "protesters" and "stone-throwing demonstrators" injuring
# police are two sides, two events.
_SAME_PEOPLE = {**{word: "protester" for word in PROTESTER_WORDS}, "rioter": "protester",
                "insurgent": "rebel", "guerrilla": "rebel", "militant": "rebel"}


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 4 and word.endswith("s") and not word.endswith("ss") else word


def targets_overlap(a: tuple[Actor, ...], b: tuple[Actor, ...]) -> bool:
    """The same victim named in both ("Danilo Barillas ... was killed", "shot Barillas down"):
    a shared word that is not a generic person noun."""
    return bool(distinctive_words(a) & distinctive_words(b))


def actors_agree(a: tuple[Actor, ...], b: tuple[Actor, ...]) -> bool:
    """No known actor of one side differs from every known actor of the other: the same country on
    the same side of the state (its government, army and police are one side; its civilians, rebels
    and mobs another: "a mob accused him" and "the prime minister condemned the killing" are two
    acts), or the same named group."""
    ka, kb = _sided_keys(a), _sided_keys(b)
    return not ka or not kb or bool(ka & kb)


def _sided_keys(actors: Iterable[Actor]) -> set[str]:
    keys: set[str] = set()
    for actor in actors:
        for key in actor_keys((actor,)):
            if key != actor.country:
                keys.add(key)  # a named group
            elif actor.sector:
                keys.add(f"{key}:{'state' if actor.sector in STATE_SECTORS else 'other'}")
            else:
                keys |= {f"{key}:state", f"{key}:other"}  # the country as a whole: either side
    return keys


def is_recalled(date: TimeRef, published: dt.date | None) -> bool:
    interval = date_interval(date)
    if interval is None or published is None or is_weak_date(date):
        return False
    return (published - interval[1]).days > RECALLED_AFTER_DAYS
