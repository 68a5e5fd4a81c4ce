"""Stage where: the place each event mention happened at, resolved in the gazetteer.

The fallback chain, in order, for one mention (each step says why it is trusted):
1. The sentence: the toponym the parse ties to the trigger (stages/where_link.py:
   a locative preposition in the trigger's subtree, "in the town of X", ...),
   or the toponym an event noun is named after ("the Orlando shooting",
   "Iraq's civil war").  Only a place tied to the event counts, not any place
   in the same sentence; a name the gazetteer lacks is kept as a local place
   of the article's country (no coordinates rather than wrong ones).
2. The paragraph, at most NEARBY_SENTENCES back: the previous event's place
   (of an event that happened: "did not respond to requests for comment" lends
   none), else a place an earlier sentence puts something at ("... devices at
   his home in the Machiliguas neighbourhood.  Two of the devices exploded.";
   not where a source sits: "a security source in Bamako put the toll at 24"),
   else a gazetteer town of the article's country that the paragraph before
   placed something at.  A borrowed country is narrowed to the dateline's town
   when the town lies in it, else to the one town of that country the article
   puts things in.
3. The dateline, but only if the article is plausibly about that place: its
   country is among the countries the lead (title + first two sentences) names,
   or the lead names none.  A "WASHINGTON:" dateline tops stories about strikes
   in Syria; there the lead names Syria and Iraq, not the US, so the dateline
   is skipped; so is a dateline the body never comes back to while it names
   another country's places ("MOSCOW (USSR) -- ... in Colombia": filed abroad).
4. The lead: the first place the lead ties to an event, else the dateline
   when no other country dominates the article, else the article's focus
   country when one country clearly dominates (country precision).  The focus
   gives the dateline's country DATELINE_VOTES votes at least, so passing
   mentions of another country do not outvote "SAN SALVADOR, 3 JAN 90 --".
5. A country whose nationality words dominate an article that names no place
   ("CLANDESTINE (RADIO VENCEREMOS) -- ... the Salvadoran army ...").
6. Otherwise None: no place is better than a wrong one.

A country the sentence names is geocoded to the dateline's town when that town lies in it (as
ACLED codes a country-only event at a town); a world region without a country ("Central America")
is narrowed to the article's own country when that lies in it.  Both keep the sentence's span.

With the actors' roles, a deed left with a borrowed place whose doer the sentence puts "in" a town
("police in the capital Addis Ababa had detained ...") is placed in that town (`_doers_town`).

Only step 1 names the event's place.  Every other step *borrows* a place: its
`span` is None (the span is the text that names this event's place, read as
such by the argument scorers and the evidence) and its reason starts with
BORROWED and says where the name stands.  On the dev files a borrowed name was
rarely the annotated place argument (WikiEvents: 2 of about 75), while dropping
them raised place F1 (WikiEvents 0.13 -> 0.22, RAMS 0.35 -> 0.41).

A gazetteer match must also be believable (trusted): names the parser tagged
PERSON/ORG/NORP or left untagged match on spelling only, never on a consonant
skeleton; a PERSON name is a place only as a big city of the article's country;
and once the article's country is known (dateline, dominant country), a small
town abroad is taken for a homonym and the next step of the chain decides.

Names are read with compass words ("eastern Syria"), "X-Y border" / "the
border with X" / "the border region", and a following place noun ("Baghdad
airport", "Kirkuk province") before the bare name is looked up.  A name below
a comparison ("similar to the bombings at the Bataclan"), one that only names
an accord ("the Vienna process"), one that says where a speaker spoke ("said
in Pennsylvania") or where a speaking ministry or office sits, a publication, a
place of another clause joined by "and", and a hospital's town ("taken to a
hospital in Hasakah city") are no candidates (`_elsewhere`); nor is the
landmark a distance is measured from ("315 km east of Lima"), which places an
event near it only when the sentence names no other place.  "The city's X
district" is a part of the town told before, not a namesake found elsewhere.

Last, each place gets the spot its event's clause names, when there is one
(`Place.site`, stages/where_site.py: "stabbed in her home"); in an article that
names no place at all, that spot is the place.  A borrowed place keeps the area phrase its
event's clause refers to it by ("killed in the same province": `Place.reference`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from functools import lru_cache

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from eventscope.config import Settings, load_settings
from eventscope.gazetteer import Gazetteer, GazPlace, distance_km
from eventscope.gazetteer import load_gazetteer as _load_gazetteer
from eventscope.gazetteer_build import COMPASS
from eventscope.model import ActorRoles, Mention, Modality, Place, PlacePrecision, Span
from eventscope.ontology import plover_type
from eventscope.stages.actor_nouns import TALK_ABOUT_VERBS, UNDERGO_VERBS
from eventscope.stages.admin_chain import fold_name, refine_places
from eventscope.stages.lexicon import REPORT_NOUNS
from eventscope.stages.nlp import ParsedArticle, english_words, paragraph_numbers
from eventscope.stages.syntax import ANCHOR_MARKS, tree_distance
from eventscope.stages.when import speech_lemmas
from eventscope.stages.where_focus import (
    CORE_LOCATIVES,
    Focus,
    article_focus,
    dateline_place,
    foreign_homonym,
    home_country,
    local_name,
    names_a_capital,
    nationality_focus,
    place_codes,
    resolve_name,
    trusted,
)
from eventscope.stages.where_link import (
    PLACE_NOUNS,
    Toponym,
    best_toponym,
    governing_preposition,
    link_model,
    named_after,
    ranked,
    ranked_with_cutoff,
    read_candidates,
)
from eventscope.stages.where_model import ContextModel, LinkModel, TreeModel
from eventscope.stages.where_site import area_reference, event_site, is_named_site, spot_noun
from eventscope.stages.where_toponyms import blind_caps, toponyms_of

__all__ = ["BORROWED", "borrowed", "event_location_span", "load_gazetteer", "resolve_name", "resolve_places"]

# The reason of every place not named in the event's own sentence starts with this (see `borrowed`).
BORROWED = "borrowed: "

def load_gazetteer(settings: Settings) -> Gazetteer:
    """Open (building once if missing) the compiled gazetteer named by `settings.gazetteer_path`."""
    return _load_gazetteer(settings)


def resolve_places(parsed: ParsedArticle, mentions: Iterable[Mention], gazetteer: Gazetteer,
                   roles: Mapping[str, ActorRoles] | None = None) -> dict[str, Place | None]:
    """The place of each mention (None where the article does not say), keyed by mention id.  With the
    actors' `roles`, a statement whose sentence names no place is put in its speaker's country
    (`_speakers_country`)."""
    doc = parsed.doc
    mentions = sorted(mentions, key=lambda m: m.trigger.start)
    focus = article_focus(parsed, gazetteer)
    model = link_model(doc)
    sents = list(doc.sents)
    starts = [sent.start for sent in sents]
    scenes: dict[int, Place | None] = {}

    def scene(n: int) -> Place | None:
        if n not in scenes:
            scenes[n] = _scene(doc, sents[n].start, sents[n].end, gazetteer, focus)
        return scenes[n]

    def every_scene() -> list[Place | None]:
        return [scene(k) for k in range(len(sents))]

    paragraphs = paragraph_numbers(parsed)

    def paragraph_of(n: int) -> int:
        return paragraphs[n]

    out: dict[str, Place | None] = {}
    events_at: dict[int, Place] = {}  # sentence number -> the last event place named there
    lead_place: Place | None = None
    trigger_tokens = {m.trigger_token for m in mentions}
    sentence_places: dict[int, Place | None] = {}  # trigger token -> the place its own sentence gives

    def sentence_place(trigger: int, sent: SpacySpan) -> Place | None:
        """`_from_sentence` for a trigger of `sent`, read once: an event inside another reads the
        other's too."""
        if trigger not in sentence_places:
            sentence_places[trigger] = _from_sentence(doc, trigger, sent.start, sent.end, gazetteer, focus, model)
        return sentence_places[trigger]

    for mention in mentions:
        trigger = mention.trigger_token
        n = bisect_right(starts, trigger) - 1
        sent = sents[n]
        place = sentence_place(trigger, sent)
        if place is None and (within := _event_it_happened_in(doc, trigger, trigger_tokens)) is not None:
            place = sentence_place(within, sent)  # a dependent of the trigger: the same sentence
            if place is not None:
                place = replace(place, reason=f"sentence: the place of the event it happened in "
                                              f"('{doc[within].text}'); {place.reason}")
        spot = place.span if place is not None and place.reason == UNPLACED_SPOT else None
        if spot is not None:
            place = None  # the town is borrowed below; the named spot becomes the site
        if place is not None:
            if mention.modality is Modality.OCCURRED:
                events_at[n] = place  # "did not respond to requests for comment" places nothing to lend
            if lead_place is None and mention.sentence_index < 2:
                lead_place = place
            if place.precision is PlacePrecision.COUNTRY and place.span is not None \
                    and not _spread_over(doc, place.span):
                place = _narrow_named_country(place, parsed, gazetteer)
            elif place.lat is None and place.span is not None:
                place = _neighbourhood_of_dateline(place, parsed, gazetteer) or place
        else:
            place = _borrow_nearby(n, scene, events_at, paragraph_of, focus)
            place = _refine(place, parsed, gazetteer) if place else _fallback(
                parsed, gazetteer, focus, lead_place, (sent.start_char, sent.end_char), trigger)
            if place is not None and place.precision is PlacePrecision.COUNTRY:
                place = _only_town(place, every_scene()) or place
            if spot is not None:
                place = replace(place, site=spot) if place is not None else Place(
                    name=spot.text, precision=PlacePrecision.POINT, site=spot, reason=f"{UNPLACED_SPOT}; "
                    "the article names no town for it")
        if place is not None and place.country is None:
            place = _home_part(place, gazetteer, focus, every_scene()) or place
        elif place is not None and place.span is not None and _names_neighbourhood(doc, place.span):
            place = _neighbourhood_at_home(place, gazetteer, focus) or place
        out[mention.id] = place
    # the administrative chains the text writes ("Djibo (Djibo, Soum, Sahel)") settle which town of a
    # name is meant
    refined = _namesakes_in_named_divisions(refine_places(parsed, mentions, out, gazetteer), gazetteer)
    if roles:
        refined = {m.id: _speakers_country(m, roles.get(m.id), refined.get(m.id), gazetteer) for m in mentions}
        refined = {m.id: _doers_town(doc, m, roles.get(m.id), refined.get(m.id), gazetteer, focus) for m in mentions}
    triggers = {m.id: m.trigger_token for m in mentions}
    return {key: _with_site(doc, triggers[key], _with_place_noun(doc, place)) for key, place in refined.items()}


def _namesakes_in_named_divisions(places: dict[str, Place | None], gazetteer: Gazetteer) -> dict[str, Place | None]:
    """A town read as the bigger of two namesakes ("Bijapur": Vijayapura, Karnataka) when the article names
    the other's first-level division as a place ("Chhattisgarh state", where Bijapur also lies): the town
    in that division."""
    named = {fold_name(p.admin1 or p.name) for p in places.values()
             if p is not None and p.span is not None and p.precision is PlacePrecision.ADMIN1}
    if not named:
        return places
    out = dict(places)
    for key, place in places.items():
        if place is None or place.span is None or place.precision is not PlacePrecision.TOWN \
                or place.admin1 is None or fold_name(place.admin1) in named:
            continue
        inside = [c.place for c in gazetteer.candidates(place.span.text) if c.place.country == place.country
                  and c.place.precision is PlacePrecision.TOWN and c.place.admin1 is not None
                  and fold_name(c.place.admin1) in named]
        if inside:
            town = max(inside, key=lambda p: p.population)
            out[key] = town.to_place(span=place.span, reason=f"{place.reason}; the namesake in {town.admin1}, "
                                                             "a division the article names")
    return out


def _with_site(doc: Doc, trigger: int, place: Place | None) -> Place | None:
    """The place with the spot its event's clause names ("in her home"), when there is one.  When the
    article names no place at all, the spot is all the text says of where: a place of that name,
    without coordinates or country ("the base of the tomb" in a story that never says which tomb)."""
    site = event_site(doc, trigger)
    if place is not None and place.span is None and place.site is None and site is None:
        # a borrowed place the clause refers to by a common noun: "killed in the same province"
        reference = area_reference(doc, trigger)
        return replace(place, reference=reference) if reference is not None else place
    if place is not None and place.site is not None:
        # a named spot is the site ("El Tobogan"), unless the clause's spot phrase holds it ("the busy
        # Oxford Street bus station")
        return replace(place, site=site) if site is not None and site.overlaps(place.site) else place
    if site is None or (place is not None and place.span is not None and site.overlaps(place.span)):
        return place  # no spot, or the spot is the place's own name ("at the Baghdad airport")
    if place is None:
        return Place(name=site.text, precision=PlacePrecision.POINT, site=site,
                     reason=f"the sentence names a spot ('{site.text}'), and the article no place the gazetteer "
                            "knows: no coordinates, no country")
    return replace(place, site=site)


# PLOVER types of statements: said, wherever the speaker is, not done at a scene.  A meeting (CONSULT) has
# a scene of its own ("Blinken in Rome"), and so has every material type.
STATEMENT_TYPES = frozenset({"AGREE", "SUPPORT", "CONCEDE", "REQUEST", "ACCUSE", "REJECT", "THREATEN"})


def _speakers_country(mention: Mention, roles: ActorRoles | None, place: Place | None,
                      gazetteer: Gazetteer) -> Place | None:
    """A statement whose own sentence names no place is put in its speaker's country, not at the scene
    of the news it is about: "Iraq's military condemned the strikes" is said in Iraq, not in eastern
    Syria where the strikes were.  Only when every speaker named has the same known country."""
    if place is not None and not place.reason.startswith(BORROWED):
        return place
    if roles is None or plover_type(mention.plover).name not in STATEMENT_TYPES:
        return place
    countries = {actor.country for actor in roles.actor1}
    if len(countries) != 1 or None in countries:
        return place
    code = next(iter(countries))
    if place is not None and place.country == code:
        return place
    country = gazetteer.country(code) if code else None
    if country is None:
        return place
    return borrowed(country.to_place(), f"the speaker's country ({country.name}); the sentence names no place")


def _doers_town(doc: Doc, mention: Mention, roles: ActorRoles | None, place: Place | None,
                gazetteer: Gazetteer, focus: Focus) -> Place | None:
    """A deed whose own sentence names no place for it, done by a party the sentence places "in" a town
    ("police in the capital Addis Ababa had detained ..."), happened in that town, not where the
    paragraph before was."""
    if roles is None or (place is not None and not place.reason.startswith(BORROWED)):
        return place
    if plover_type(mention.plover).name in STATEMENT_TYPES or mention.modality is not Modality.OCCURRED:
        return place
    for actor in roles.actor1:
        region = doc.char_span(actor.span.start, actor.span.end, alignment_mode="expand") if actor.span else None
        if region is None:
            continue
        for topo in toponyms_of(doc, region.start, region.end, gazetteer):
            if not _after_in(doc, topo.start, region.start):
                continue
            found, span, how = resolve_name(gazetteer, doc, topo, focus.weights)
            if found is not None and found.precision in (PlacePrecision.POINT, PlacePrecision.TOWN) \
                    and trusted(found, blind_caps(doc, region.start, region.end), focus, topo.label):
                return found.to_place(span=span, reason=f"sentence: where its doer is ('{actor.text}'), {how}")
    return place


_TOWN_TITLES = frozenset({"the", "capital", "city", "town", "village", "district", "province", "region", "of"})


def _after_in(doc: Doc, start: int, floor: int) -> bool:
    """The words before token `start` (down to `floor`) read "in [the capital | the city of]": as the
    text runs, whatever the parse ("police in the capital Addis Ababa", parsed with "Ababa" as subject)."""
    i = start - 1
    while i >= floor and doc[i].lower_ in _TOWN_TITLES:
        i -= 1
    return i >= floor and doc[i].lower_ == "in"


# Nouns for a part of a town or a facility that a place name may modify ("the Markets area", "the
# Oxford Street bus station", "the Zacamil neighborhood"): the phrase they head names the place.
PLACE_HEAD_NOUNS = frozenset({
    "area", "station", "street", "base", "airport", "airfield", "market", "square", "hospital", "building",
    "camp", "checkpoint", "compound", "mosque", "church", "school", "university", "hotel", "restaurant",
    "cafe", "bridge", "road", "highway", "crossing", "prison", "headquarters", "office", "embassy",
    "neighborhood", "neighbourhood", "district", "quarter", "suburb", "club", "nightclub", "mall", "centre",
    "center", "park", "stadium", "port", "village", "town", "city"})


def _with_place_noun(doc: Doc, place: Place | None) -> Place | None:
    """The place's span grown to the place noun its name modifies, within three words: the text that
    names the place is "the Markets area", not "Markets".  The name and coordinates do not change."""
    if place is None or place.span is None:
        return place
    inside = doc.char_span(place.span.start, place.span.end, alignment_mode="expand")
    if inside is None or not len(inside):
        return place
    last, head = inside[-1], inside[-1].head
    if last.dep_ not in ("compound", "nmod", "amod") or not 0 < head.i - last.i <= 3 or head.pos_ != "NOUN" \
            or head.lemma_.lower() not in PLACE_HEAD_NOUNS:
        return place
    if any(t.head.i != head.i or t.dep_ not in ("compound", "amod", "nmod") for t in doc[last.i + 1:head.i]):
        return place  # only the head's own modifiers may stand between ("the Oxford Street bus station")
    end = head.idx + len(head.text)
    return replace(place, span=Span(place.span.start, end, doc.text[place.span.start:end]))


# The linker's threshold is the one that maximises event-location accuracy, where "no place" and a
# place weigh alike.  Here the alternative to a sentence place is a borrowed one, so a weaker tie to
# the trigger may still be the better answer; the scale was chosen on RAMS/WikiEvents place F1.
SENTENCE_THRESHOLD_SCALE = 1.0

# How many sentences back, within the paragraph, a place named earlier still stands for an event.
NEARBY_SENTENCES = 3


# Prepositions that put one event inside another: "killed in IS attacks", "wounded during clashes".
WITHIN_EVENT_PREPS = frozenset({"in", "during"})


def _event_it_happened_in(doc: Doc, trigger: int, triggers: set[int]) -> int | None:
    """The trigger of another event this one happened in ("fighters were killed in IS attacks in Badia
    al-Sukhnah"): the deaths are where the attacks were, though the place hangs from the attacks."""
    for prep in doc[trigger].children:
        if prep.dep_ != "prep" or prep.lower_ not in WITHIN_EVENT_PREPS:
            continue
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            # the object, or a noun hanging from it where the parser took a name for the head ("in IS
            # attacks" parsed with "IS" as the object)
            for token in (obj, *(c for c in obj.children if c.pos_ == "NOUN")):
                if token.i in triggers:
                    return token.i
    return None


def _borrow_nearby(n: int, scene: Callable[[int], Place | None], events_at: dict[int, Place],
                   paragraph_of: Callable[[int], int], focus: Focus) -> Place | None:
    """The place the text last put something at, back through the paragraph: an event's place named
    there, else a toponym under a locative preposition ("... devices at the entrance of his home in the
    Machiliguas neighborhood.  Two of the devices exploded.").  A place of the event's own sentence
    that the linker did not tie to the trigger is not taken: on MUC-4 and RAMS such places were
    mostly another event's.  Nor is one in a country the article names only in passing (`_abroad`):
    the search stops there and the fallbacks (dateline, focus) answer."""
    paragraph = paragraph_of(n)
    for back in range(n - 1, max(-1, n - 1 - NEARBY_SENTENCES), -1):
        if paragraph_of(back) != paragraph:
            break
        if back in events_at:
            previous = events_at[back]
            if _abroad(previous, focus):
                break
            return borrowed(previous, f"same paragraph as the previous event ({previous.name})")
        found = scene(back)
        if found is not None:
            if _abroad(found, focus):
                break
            return borrowed(found, f"same paragraph, the place of an earlier sentence ({found.name})")
    # The paragraph before, when this one names no place: a story goes on about the incident it just
    # placed ("... devices at his home in the Machiliguas neighborhood.  Two exploded. // The
    # perpetrators also fired at the guards ...").  Only a town or finer (a country there is no more
    # than the dateline or the article's focus would say), one the gazetteer knows ("published in the
    # Global New Light of Myanmar" is none), and in the article's own country (a town abroad, "the talks
    # in Caracas", is seldom the scene of the next incident).
    before = [k for k in range(n - 1, max(-1, n - 1 - PREVIOUS_PARAGRAPH_SENTENCES), -1)
              if paragraph_of(k) == paragraph - 1]
    for back in before:
        found = events_at.get(back) or scene(back)
        if (found is not None and found.precision in (PlacePrecision.POINT, PlacePrecision.TOWN)
                and found.lat is not None and found.country is not None and found.country in focus.home):
            return borrowed(found, f"the paragraph before, the place of its sentence ({found.name})")
    return None


# Below this share of the most named country's mentions, a country is a passing mention.
PASSING_WEIGHT = 0.3


def _abroad(place: Place, focus: Focus) -> bool:
    """A place in a country the article only passes through, outside its own: in a Salvadoran
    communique, "the negotiation meeting in Costa Rica" is no scene for the next sentence's murder,
    which the dateline's country places better.  A country the story is about (Iraq in a report
    from Washington on strikes in Iraq) is no passing mention."""
    return bool(focus.home) and place.country is not None and place.country not in focus.home \
        and focus.weights.get(place.country, 0.0) < PASSING_WEIGHT


# How many sentences of the paragraph before are searched for an incident's place.
PREVIOUS_PARAGRAPH_SENTENCES = 3


_COARSE = frozenset({PlacePrecision.COUNTRY, PlacePrecision.REGION, PlacePrecision.ADMIN1})


def _refine(place: Place, parsed: ParsedArticle, gazetteer: Gazetteer) -> Place:
    """A borrowed country or province is made more precise by the dateline's town when the town lies in
    it ("TEGUCIGALPA, 7 JAN 89 -- ... in Honduras ...": the event is in Tegucigalpa as far as the
    article says)."""
    if place.precision not in _COARSE:
        return place
    dated = dateline_place(parsed, gazetteer)
    if dated is None or dated[0].kind in ("country", "region", "compass"):
        return place
    town = dated[0]
    inside = place.country is not None and place.country in place_codes(town) and (
        place.precision is not PlacePrecision.ADMIN1 or place.admin1 == town.admin1)
    if not inside:
        return place
    return borrowed(town.to_place(span=dated[1]), f"dateline, inside {place.name} ({place.reason})")


# How near a world region's centre the article's own country must lie to be taken as the part of the
# region meant ("the fighting ... in Central America" in a report about El Salvador).
REGION_REACH_KM = 1500.0


def _home_part(region: Place, gazetteer: Gazetteer, focus: Focus, scenes: list[Place | None]) -> Place | None:
    """A world region with no country of its own, narrowed to the article's country when that country
    lies in it: the region is where the sentence puts the event, the article says which country."""
    home = home_country(focus)
    country = gazetteer.country(home) if home else None
    if country is None or None in (region.lat, region.lon, country.lat, country.lon):
        return None
    if distance_km(region.lat, region.lon, country.lat, country.lon) > REGION_REACH_KM:  # type: ignore[arg-type]
        return None
    inside = borrowed(country.to_place(), f"{region.name}, in the article's country ({region.reason})")
    narrowed = _only_town(inside, scenes) or inside
    if region.span is None:
        return narrowed
    # the sentence named the region: it stays the text that places the event (an argument), narrowed
    return replace(narrowed, span=region.span, reason=f"sentence names {region.name}; narrowed to the "
                                                     f"article's country: {narrowed.reason}")


def _neighbourhood_at_home(place: Place, gazetteer: Gazetteer, focus: Focus) -> Place | None:
    """A name the text calls a neighbourhood ("the Brooklyn neighbourhood" of Port-au-Prince) that the
    gazetteer knows only abroad: a part of a town of the article's country, not the town abroad."""
    home = home_country(focus)
    country = gazetteer.country(home) if home else None
    if country is None or place.country is None or place.country == home:
        return None
    inside = borrowed(country.to_place(), f"{place.name} is named as a neighbourhood; the gazetteer's is abroad "
                                          f"({place.country}), so it is one in the article's country")
    return replace(inside, span=place.span)


SPREAD_PREPOSITIONS = frozenset({"across", "throughout", "nationwide"})


def _spread_over(doc: Doc, span: Span) -> bool:
    """"struck energy infrastructure across Ukraine": the event covers the country, no town of it."""
    named = doc.char_span(span.start, span.end, alignment_mode="expand")
    return named is not None and named.root.dep_ == "pobj" and named.root.head.lower_ in SPREAD_PREPOSITIONS


def _narrow_named_country(place: Place, parsed: ParsedArticle, gazetteer: Gazetteer) -> Place:
    """A country the event's sentence names ("LIMA, 10 JAN 90 -- ... has made a great impression in
    Peru"), geocoded to the town the article is filed from when that town lies in it -- as ACLED codes an
    event known only by its country at a town of it.  Not to any other town the article names: a story
    filed from Washington about strikes "in Iraq" names Baghdad for an old event, not for these.  The
    span stays the country's name in the sentence."""
    town = _refine(borrowed(place, "sentence names the country"), parsed, gazetteer)
    if town.precision is PlacePrecision.COUNTRY:
        return place
    return replace(town, span=place.span, reason=f"sentence names {place.name}; geocoded to {town.name}: "
                                                 f"{town.reason}")


# Nouns that make a name part of a town: "the Zacamil neighborhood", "the suburbs of Manrique".
NEIGHBOURHOOD_NOUNS = frozenset({"neighborhood", "neighbourhood", "suburb", "sector", "quarter", "barrio",
                                 "colonia"})


def _names_neighbourhood(doc: Doc, span: Span) -> bool:
    """Whether the text calls the name at `span` a neighbourhood: "the ZACAMIL neighborhood" (the
    name modifies the noun) or "the suburbs of Manrique" (the name is the noun's "of" object)."""
    tokens = doc.char_span(span.start, span.end, alignment_mode="expand")
    if tokens is None or not len(tokens):
        return False
    if len(tokens) > 1 and tokens[-1].lemma_.lower() in NEIGHBOURHOOD_NOUNS:
        return True  # the span took the noun in: "the Brooklyn neighbourhood"
    root = tokens.root
    head = root.head
    if head.lower_ == "of" and root.dep_ == "pobj":
        head = head.head
    return head.lemma_.lower() in NEIGHBOURHOOD_NOUNS and head.i != root.i


def _neighbourhood_of_dateline(place: Place, parsed: ParsedArticle, gazetteer: Gazetteer) -> Place | None:
    """A neighbourhood the gazetteer lacks, geocoded to the town the article is filed from when that
    town is in the neighbourhood's country ("MEDELLIN, 4 SEP 89 -- ... a bomb exploded in the suburbs
    of Manrique"), as ACLED codes a neighbourhood at its town.  The span stays the neighbourhood's
    name, so the evidence still shows it."""
    if not _names_neighbourhood(parsed.doc, place.span):  # type: ignore[arg-type]
        return None
    dated = dateline_place(parsed, gazetteer)
    if dated is None or dated[0].kind in ("country", "region", "compass"):
        return None
    town = dated[0]
    if place.country is None or place.country not in place_codes(town):
        return None
    return town.to_place(span=place.span, precision=PlacePrecision.TOWN,
                         reason=f"sentence: the neighbourhood '{place.name}', geocoded to the dateline's "
                                f"town {town.name} ({place.reason})")


def _only_town(country: Place, scenes: list[Place | None]) -> Place | None:
    """A borrowed country narrowed to the one town of it the article puts things in ("... events in
    San Salvador ... no more barbaric actions in San Salvador"): when the article names no other
    town of that country under a locative, that town is where its events are as far as it says."""
    towns = {p.name: p for p in scenes if p is not None and p.country == country.country
             and p.precision in (PlacePrecision.POINT, PlacePrecision.TOWN) and p.lat is not None}
    if len(towns) != 1:
        return None
    town = next(iter(towns.values()))
    return borrowed(town, f"the article's only town in {country.name} ({country.reason})")


def _scene(doc: Doc, start: int, end: int, gazetteer: Gazetteer, focus: Focus) -> Place | None:
    """The first place sentence [start, end) puts something at: a toponym under a locative preposition,
    not where a speaker sits or spoke (`_seat_of_speaker`, `_where_a_source_is`, `_where_said`: "Speaking in
    Ouagadougou, a spokesman vowed ..."), nor the hospital the wounded were taken to."""
    caps = blind_caps(doc, start, end)
    for topo in toponyms_of(doc, start, end, gazetteer):
        root = doc[topo.start:topo.end].root
        if governing_preposition(root)[0] not in CORE_LOCATIVES or _where_a_speaker_is(doc, topo) \
                or _taken_to_hospital(doc, topo):
            continue
        found, span, how = resolve_name(gazetteer, doc, topo, focus.weights)
        if found is not None and foreign_homonym(found, focus, topo.span(doc).text):
            found = None
        if found is not None and trusted(found, caps, focus, _label_in_text(doc, topo)):
            return found.to_place(span=span, reason=f"{how} under '{governing_preposition(root)[0]}'")
        if found is None and not caps and _unknown_place_like(doc, topo) and not is_named_site(doc, topo):
            span = topo.span(doc)
            return Place(name=local_name(span.text), country=home_country(focus), precision=PlacePrecision.TOWN,
                         span=span,
                         reason="not in the gazetteer")
    return None


# Verbs a source tells a figure with besides the verbs of saying: "a security source in Bamako put the toll at 24".
FIGURE_VERBS = frozenset({"put", "give", "estimate", "count"})


def _where_a_source_is(doc: Doc, topo: Toponym) -> bool:
    """The toponym says where the subject of a verb of saying is ("A security source in Bamako put the toll
    at 24"): lent to the next sentence's event it would place the event where the news was heard."""
    _prep, _via, body = governing_preposition(doc[topo.start:topo.end].root)
    if body is None or body.dep_ not in ("nsubj", "nsubjpass") or body.pos_ not in ("NOUN", "PROPN"):
        return False
    verb = body.head.lemma_.lower()
    return verb in speech_lemmas() or verb in FIGURE_VERBS


def borrowed(place: Place, why: str) -> Place:
    """A place the event's own sentence does not name: a geocoding guess, not where the text says it
    happened.  Its span is dropped (the span is the text naming the event's place, and an argument
    scorer or the evidence would take the other sentence's name for this event's), and the reason
    starts with BORROWED and says where the name stands."""
    where = f" at chars {place.span.start}-{place.span.end} '{place.span.text}'" if place.span else ""
    return replace(place, span=None, reason=f"{BORROWED}{why}{where}")


def _from_sentence(doc: Doc, trigger: int, start: int, end: int, gazetteer: Gazetteer, focus: Focus,
                   model: LinkModel | TreeModel | ContextModel) -> Place | None:
    toponyms = toponyms_of(doc, start, end, gazetteer)
    # the place an event is named after ("killed in the Orlando shooting", tagged EVENT as a whole) is a
    # candidate here, for events told in other words; the event-location linker was fitted without them
    toponyms += [name for e in doc[start:end].ents if e.label_ == "EVENT" and not e.start <= trigger < e.end
                 and (name := named_after(e)) is not None]
    toponyms = [topo for topo in toponyms if not _elsewhere(doc, topo, trigger)]
    # a landmark a distance is measured from is no candidate; with no other place it places the event
    # near it (below), unless the distance locates another place ("the town, located 40 km east of Paris")
    landmarks = [topo for topo in toponyms if _a_landmark(doc, topo)]
    toponyms = [topo for topo in toponyms if topo not in landmarks]
    landmarks = [topo for topo in landmarks if not _locates_a_place(doc, topo)]
    caps = blind_caps(doc, start, end)
    candidates = read_candidates(doc, trigger, toponyms, model, gazetteer)
    scored, cutoff = ranked_with_cutoff(model, candidates)
    threshold = cutoff * SENTENCE_THRESHOLD_SCALE
    named = _named_by_trigger(doc, trigger, scored)
    if named is not None:
        found, span, how = resolve_name(gazetteer, doc, named, focus.weights)
    if named is not None and not (_whose_strike(doc, trigger, named, found) and any(
            prob >= threshold and topo != named for prob, topo in scored)):
        if found is not None and trusted(found, caps, focus, named.label):
            return found.to_place(span=span, reason=f"sentence: the event noun names its place "
                                                    f"('{doc[named.start:trigger + 1].text}'), {how}")
        if found is None and not caps and _names_a_spot(doc, named):
            return _unknown_place(doc, named, 1.0, focus)
    rejected: set[Toponym] = set()
    spot: tuple[float, Toponym] | None = None
    for prob, topo in scored:
        if prob < threshold:
            break
        found, span, how = resolve_name(gazetteer, doc, topo, focus.weights)
        if found is not None and foreign_homonym(found, focus, topo.span(doc).text):
            found = None  # read as a local place the gazetteer lacks (below)
        if found is not None and not caps and _part_of_the_town_told(doc, topo):
            # "the city's Oleksandrivskyi district": a part of the town told before, not a namesake elsewhere
            if spot is None:
                spot = (prob, topo)
            continue
        if found is not None and trusted(found, caps, focus, _label_in_text(doc, topo)):
            town = _town_in_division(doc, topo, found, scored, gazetteer, focus, caps) \
                if found.precision in (PlacePrecision.ADMIN1, PlacePrecision.COUNTRY) else None
            if town is not None:
                return town
            return found.to_place(span=span, reason=f"sentence: event place by parse (p={prob:.2f}), {how}")
        if found is not None:
            rejected.add(topo)
        elif not caps and _unknown_place_like(doc, topo):
            if not is_named_site(doc, topo):
                if spot is None:
                    return _unknown_place(doc, topo, prob, focus)
                continue  # after a named spot, only a town the gazetteer knows takes its place
            # "at Al-Shifa Hospital in Gaza City": a named spot is the event's site (where_site), in the
            # town named with it; it stands for the place only when no town is named
            # of two named spots ("near the Beach View hotel at Lido beach") the one nearer the trigger
            nearer = spot is None or tree_distance(doc[trigger], doc[topo.start:topo.end].root) < tree_distance(
                doc[trigger], doc[spot[1].start:spot[1].end].root)
            if nearer:
                spot = (prob, topo)
    if spot is not None and (town := _town_of_spot(doc, spot[1], scored, gazetteer, focus, caps)) is not None:
        return town
    # Second chance, below the linker's threshold: a toponym under a locative preposition inside the
    # event's own clause ("US troops in eastern Syria came under rocket attack": the clause of "attack"
    # is "came").  Tuned for recall on the dev file, the threshold is stricter than resolve_places needs
    # when the alternative is the weaker paragraph/dateline guess.  The chance is the parse's: the
    # plain trees' probability against a third of their threshold, as it was set, whichever model
    # made the first choice (the context model scores a border named beside the militias' bases,
    # "bombed facilities ... on both sides of the Iraq-Syria border", too low for it).
    clause = _event_clause(doc, trigger)
    inside = {t.i for t in clause.subtree}
    parse = model.plain if isinstance(model, ContextModel) else model
    parse_scored = scored if parse is model else ranked(parse, candidates)
    for prob, topo in parse_scored:
        root = doc[topo.start:topo.end].root
        # ("In the Armenian capital, ... rallied": a nationality word the linker scores as a people's, but
        # the phrase names a town)
        if root.i in inside and governing_preposition(root)[0] in CORE_LOCATIVES \
                and (prob >= parse.threshold / 3 or names_a_capital(doc, topo)):
            found, span, how = resolve_name(gazetteer, doc, topo, focus.weights)
            if found is not None and found.precision is PlacePrecision.ADMIN1 \
                    and foreign_homonym(found, focus, topo.span(doc).text):
                continue  # "swift criticism in the West" of Minsk is not Cameroon's West region
            if found is not None and trusted(found, caps, focus, _label_in_text(doc, topo)):
                return found.to_place(span=span, reason=f"sentence: locative phrase in the event's clause "
                                                        f"'{clause.text}' (p={prob:.2f}), {how}")
    for _prob, topo in parse_scored:
        # the town a strike verb takes as its object ("warplanes bombed Mellit", "shelled Tyre"): the
        # small model tags many such towns PERSON or ORG and the linker, fitted mostly on "in X", scores a
        # bare object low; the object counts as a place name the text gives (`_label_in_text`)
        root = doc[topo.start:topo.end].root
        if root.dep_ == "dobj" and root.head.i == trigger and doc[trigger].lemma_.lower() in PLACE_OBJECT_VERBS:
            found, span, how = resolve_name(gazetteer, doc, topo, focus.weights)
            if found is not None and found.precision in (PlacePrecision.TOWN, PlacePrecision.POINT) \
                    and trusted(found, caps, focus, _label_in_text(doc, topo)):
                return found.to_place(span=span, reason=f"sentence: the town '{doc[trigger].text}' takes as "
                                                        f"its object, {how}")
    for topo in landmarks:
        # the landmark a distance is measured from is all the place a sea or desert incident gets
        # ("targeted ... about 55 nautical miles west of Hodeidah"): the event is near it
        if doc[topo.start:topo.end].root.i in inside:
            found, span, how = resolve_name(gazetteer, doc, topo, focus.weights)
            if found is not None and trusted(found, caps, focus, _label_in_text(doc, topo)):
                return found.to_place(span=span, reason=f"sentence: near the landmark the event's clause "
                                                        f"measures a distance from, {how}")
    if spot is not None:
        # "at the entrance of the Beach View hotel at Lido beach": a named spot in no town the sentence
        # names lies in the town the story is about, which resolve_places borrows (the spot is the site)
        return replace(_unknown_place(doc, spot[1], spot[0], focus), reason=UNPLACED_SPOT)
    # a name the gazetteer lacks is a place if the parser called it one, or if the text puts something
    # in it: the small model tags many villages PERSON ("in Shah Wali Kot"), but an unknown PERSON/ORG
    # elsewhere ("FMLN", "Col Emilio") is no place
    if (scored and scored[0][0] >= threshold and not caps and scored[0][1] not in rejected
            and _unknown_place_like(doc, scored[0][1])):
        return _unknown_place(doc, scored[0][1], scored[0][0], focus)
    return None


# Owners a part of a town is told by: "the city's Oleksandrivskyi district", "the capital's Hodan district".
TOWN_OWNERS = frozenset({"city", "town", "capital", "village"})


def _part_of_the_town_told(doc: Doc, topo: Toponym) -> bool:
    """The name is owned by a town told before ("the city's Oleksandrivskyi district"): a part of it."""
    root = doc[topo.start:topo.end].root
    head = root.head if root.dep_ == "compound" else root
    return any(c.dep_ == "poss" and c.lemma_.lower() in TOWN_OWNERS for c in (*head.children, *root.children))


SPOT_REACH = 6  # arcs from a town's name up to the spot it is named with
UNPLACED_SPOT = "sentence: a named spot, in no town the sentence names"


def _town_of_spot(doc: Doc, spot: Toponym, scored: list[tuple[float, Toponym]], gazetteer: Gazetteer,
                  focus: Focus, caps: bool) -> Place | None:
    """The town a named spot is said to be in, whatever the linker made of it: "Calle del Correo,
    Madrid, Spain", "Al-Shifa Hospital in Gaza City" (a name in the spot's noun phrase)."""
    anchor = spot_noun(doc, spot)
    for _prob, topo in sorted(scored, key=lambda pair: pair[1].start):  # the first named is the finest
        if topo == spot or not _hangs_from(doc[topo.start:topo.end].root, anchor):
            continue
        found, span, how = resolve_name(gazetteer, doc, topo, focus.weights)
        if found is not None and trusted(found, caps, focus, _label_in_text(doc, topo)):
            return found.to_place(span=span, reason=f"sentence: the town of '{spot.span(doc).text}', {how}")
    return None


def _town_in_division(doc: Doc, division: Toponym, found: GazPlace, scored: list[tuple[float, Toponym]],
                      gazetteer: Gazetteer, focus: Focus, caps: bool) -> Place | None:
    """"in the Amhara region town of Debre Markos", "Kajuru, in Kaduna state": the division and a town of
    it named in one phrase; the town is the finer answer, whichever the linker ranked first.  So is a
    division or town of a country named with it ("in Colombia's southwestern Cauca department")."""
    country = found.precision is PlacePrecision.COUNTRY
    division_root = doc[division.start:division.end].root
    for _prob, topo in scored:
        if topo == division:
            continue
        root = doc[topo.start:topo.end].root
        if not _same_phrase(root, division_root):
            continue
        town, span, how = resolve_name(gazetteer, doc, topo, focus.weights)
        if town is None or town.country != found.country:
            continue
        inside = town.kind in ("admin1", "city", "capital") if country \
            else town.kind in ("city", "capital") and town.admin1 == (found.admin1 or found.name)
        if inside and trusted(town, caps, focus, _label_in_text(doc, topo)):
            return town.to_place(span=span, reason=f"sentence: a place in {found.name} named with it, {how}")
    return None


def _same_phrase(a: Token, b: Token) -> bool:
    """Both tokens hang, through nouns, prepositions and appositions only, from one noun within SPOT_REACH."""
    return bool(set(_noun_chain(a)) & set(_noun_chain(b)))


def _hangs_from(token: Token, anchor: Token) -> bool:
    """The token lies in the noun phrase of `anchor`, through prepositions, appositions and compounds
    only (no verb between): "cafe in Calle del Correo, Madrid" -> Madrid hangs from "cafe"."""
    return anchor.i in _noun_chain(token)[1:]


def _noun_chain(token: Token) -> list[int]:
    """The token and the words it hangs from, up to SPOT_REACH arcs, stopping below a verb."""
    chain = [token.i]
    for _ in range(SPOT_REACH):
        if token.head.i == token.i or token.head.pos_ in ("VERB", "AUX"):
            break
        token = token.head
        chain.append(token.i)
    return chain


# Nouns that say the name after their "of" is a place of that kind ("the Pakistani city of Shikarpur",
# "the village of Kafr Shams"): the common English words for settlements and divisions.
SETTLEMENT_NOUNS = frozenset({"city", "town", "village", "hamlet", "province", "district", "region", "county",
                              "governorate", "municipality", "suburb", "neighborhood", "neighbourhood", "port",
                              "island", "valley"})


def _label_in_text(doc: Doc, topo: Toponym) -> str:
    """The label `trusted` reads: LOC for a name the text itself calls a city, town or district ("the
    Pakistani city of Shikarpur", which the small model tags PERSON; "Kajuru village"), else the parser's
    label."""
    root = doc[topo.start:topo.end].root
    of = root.head
    if (root.dep_ == "pobj" and of.lower_ == "of" and of.head.i != of.i
            and of.head.lemma_.lower() in SETTLEMENT_NOUNS):
        return "LOC"
    if root.dep_ == "compound" and root.head.lemma_.lower() in SETTLEMENT_NOUNS:
        return "LOC"  # "Kajuru village", "Bannu district"
    if root.dep_ == "dobj" and root.head.lemma_.lower() in PLACE_OBJECT_VERBS:
        return "GPE"  # "warplanes bombed Mellit": what is bombed or shelled is a place (tagged PERSON)
    return topo.label


# Words after a name that make it a division, not a town: "West Gojjam zone", "Sukma district".
DIVISION_WORDS = frozenset({"zone", "district", "county", "municipality", "township", "department", "prefecture",
                            "governorate", "province", "region", "state"})


def _unknown_place(doc: Doc, topo: Toponym, prob: float, focus: Focus) -> Place:
    span = topo.span(doc)
    country = home_country(focus)
    # a division the gazetteer lacks spans towns, and is no town apart from them
    division = span.text.split()[-1].lower() in DIVISION_WORDS or (
        topo.end < len(doc) and doc[topo.end].lower_ in DIVISION_WORDS)
    precision = PlacePrecision.ADMIN2 if division else PlacePrecision.TOWN
    return Place(name=local_name(span.text), country=country, precision=precision, span=span,
                 reason=f"sentence: event place by parse (p={prob:.2f}), not in the gazetteer (or only "
                        "as a town abroad)" + (f"; country from article focus {country}" if country else ""))


# Verbs of striking a place from afar or storming it, whose object is a town when the gazetteer knows the
# name ("bombed Mellit"); not "attack", "capture", "seize", "hit" or "strike", which take people as often
# ("captured Diaz", "the bullets hit Gen. Leigh").
PLACE_OBJECT_VERBS = frozenset({"bomb", "shell", "bombard", "pound", "raid", "storm", "besiege", "overrun", "invade",
                                "strafe", "blitz"})
# Attack nouns a country before them is often the attacker of: "a Myanmar military airstrike", "a US raid".
STRIKE_NOUNS = frozenset({"strike", "airstrike", "bombing", "raid", "attack", "shelling", "bombardment"})


def _whose_strike(doc: Doc, trigger: int, named: Toponym, found: GazPlace | None) -> bool:
    """A country right on an attack noun ("a Myanmar military airstrike on a village in the Sagaing
    region") is often whose strike it was; a place the linker finds in the sentence is where it hit.
    A war is fought where its name says ("the Vietnam War", "the battle for Syria")."""
    root = doc[named.start:named.end].root
    return (found is not None and found.precision == PlacePrecision.COUNTRY and root.head.i == trigger
            and doc[trigger].lemma_.lower() in STRIKE_NOUNS)


def _named_by_trigger(doc: Doc, trigger: int, scored: list[tuple[float, Toponym]]) -> Toponym | None:
    """A toponym that modifies an event noun: "the Orlando shooting", "the Vietnam War", "Iraq's civil
    war".  The linker is fitted on verb triggers, where such a modifier does not occur; for a noun the
    modifier is the place the event is named after."""
    token = doc[trigger]
    if token.pos_ not in ("NOUN", "PROPN"):
        return None
    for _prob, topo in scored:
        root = doc[topo.start:topo.end].root
        if root.head.i == trigger and root.dep_ in ("compound", "poss", "nmod") and topo.end <= trigger:
            if topo.start > 0 and doc[topo.start - 1].lower_ == "of":
                continue  # "the governor of Antioquia's murder": the possessor is the governor
            return topo
    # "the Vietnam War": the parser tags the whole name EVENT, so the place is no toponym of its own
    event = next((e for e in doc.ents if e.label_ == "EVENT" and e.start <= trigger < e.end), None)
    if event is not None and (name := named_after(event)) is not None and name.end <= trigger:
        return name
    # "the battle for Syria", "the fight for Aleppo": the place fought over is where the fighting is
    if token.lemma_.lower() in CONTEST_NOUNS:
        for _prob, topo in scored:
            root = doc[topo.start:topo.end].root
            if root.dep_ == "pobj" and root.head.lower_ == "for" and root.head.head.i == trigger \
                    and topo.label in ("GPE", "LOC"):
                return topo
    # "Chicago recorded 473 homicides", "Syria saw more attacks": the place that underwent them
    head = token.head
    if token.dep_ in ("dobj", "obj") and head.lemma_.lower() in TALLY_VERBS:
        for _prob, topo in scored:
            root = doc[topo.start:topo.end].root
            if root.head.i == head.i and root.dep_ in ("nsubj", "nsubjpass") and topo.label in ("GPE", "LOC"):
                return topo
    return None


# Words for fighting over something: "the battle for X" is fought in X.
CONTEST_NOUNS = frozenset({"battle", "fight", "struggle", "war", "offensive", "siege", "assault"})

# Verbs whose subject is the place a tally of events happened in ("Chicago recorded 473 homicides").
TALLY_VERBS = frozenset({"record", "see", "witness", "register", "experience", "suffer", "log"})


# Prepositions that make an unknown name a place: not "on" ("the attack on Francisco Merino's home" names
# a target) nor the spreading ones ("across", "throughout").
UNKNOWN_LOCATIVES = frozenset({"in", "near", "at", "outside", "inside", "within"})
# A word run into the capitalised function word that opened the next sentence ("SyriaThe desert");
# names with an inner capital ("McAllen", "KwaZulu", "MacArthur") do not end in one.
_RUN_TOGETHER = re.compile(r"[a-z](?:The|A|An|In|On|At|He|She|It|They|We|This|That|Its|His|Her|Their|But|And)\b")


def _elsewhere(doc: Doc, topo: Toponym, trigger: int) -> bool:
    """The toponym is another event's place, where someone spoke, the seat of an institution that
    spoke, a publication or an accord's name, whatever the linker makes of it."""
    return _in_comparison(doc, topo, trigger) or _names_an_accord(doc, topo, trigger) \
        or _where_said(doc, topo, trigger) or _seat_of_speaker(doc, topo, trigger) or _a_publication(doc, topo) \
        or _in_another_conjunct(doc, topo, trigger) or _names_a_hospital(doc, topo, trigger) \
        or _the_doer(doc, topo, trigger) or _in_an_anchor_clause(doc, topo, trigger) \
        or _across_a_contrast(doc, topo, trigger) or _where_taken(doc, topo, trigger)


def _in_an_anchor_clause(doc: Doc, topo: Toponym, trigger: int) -> bool:
    """"The strike came two days after Fano fighters ambushed a convoy on the road between Dangila and Bahir
    Dar": a place in the clause an event is set after or before is that other event's, when the trigger is
    outside the clause."""
    token = doc[topo.start:topo.end].root
    for clause in (token, *token.ancestors):
        if clause.pos_ not in ("VERB", "AUX"):
            continue
        marked = clause.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ANCHOR_MARKS for c in clause.children)
        if marked:
            # (a clause of its own subject: "suffered fatal wounds after falling under militant fire ... in Homs
            # province" is how the wounds came, at one scene)
            own_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children)
            return own_subject and trigger not in {t.i for t in clause.subtree}
        if clause.dep_ in ("ROOT", "ccomp", "conj") or clause.head.i == clause.i:
            return False
    return False


def _the_doer(doc: Doc, topo: Toponym, trigger: int) -> bool:
    """"Washington and London launched strikes against the rebels": a place named as who did the deed,
    alone or coordinated, stands for its government, not for where the deed was done.  A place that
    underwent or counted deeds ("Aleppo suffered heavy shelling", "Chicago recorded 473 homicides") is
    where they were."""
    root = doc[topo.start:topo.end].root
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head
    if root.dep_ != "nsubj":
        return False
    verb, told = root.head, doc[trigger]
    acting = verb.i == trigger or (told.dep_ == "dobj" and told.head.i == verb.i)
    lemma = verb.lemma_.lower()
    return acting and lemma not in TALLY_VERBS and lemma not in UNDERGO_VERBS \
        and not any(c.dep_ == "auxpass" for c in verb.children)


# Verbs of carrying people somewhere: their "to" is where the wounded or the freed were brought.
CARRYING_VERBS = frozenset({"airlift", "evacuate", "rush", "take", "transfer", "transport", "ferry", "carry",
                            "bring", "move"})
# Verbs of going somewhere: their "to" is where the traveller was headed.
TRAVEL_VERBS = frozenset({"travel", "head", "drive", "go", "return", "flee", "journey", "commute", "ride", "sail",
                          "fly"})
# Ways whose "to" names where they lead, not where they are.
ROAD_NOUNS = frozenset({"road", "highway", "route", "motorway", "railway", "railroad", "track", "way", "corridor"})


def _where_taken(doc: Doc, topo: Toponym, trigger: int) -> bool:
    """"Two commandos were wounded and airlifted to Raipur for treatment": where the wounded were brought
    after the event, not where they were wounded; so too the end of a road and where a traveller was headed."""
    prep, _via, head = governing_preposition(doc[topo.start:topo.end].root)
    if head is not None and prep in ("to", "toward", "towards") and head.lemma_.lower() in ROAD_NOUNS:
        return True  # "tea shops near the checkpoint on the road to Mogadishu": where the road leads
    if head is not None and head.i != trigger and (prep in ("toward", "towards") or (
            prep == "to" and head.pos_ == "VERB" and head.lemma_.lower() in TRAVEL_VERBS)) \
            and not (doc[trigger].dep_ == "conj" and doc[trigger].head.i == head.i):
        # "travelling from Finote Selam toward the town of Bure when it was struck": where it was going (but
        # "was driven to Oklahoma City and detonated" went off where it got to)
        return True
    # (carried there after the deed, told after its trigger)
    return prep == "to" and head is not None and head.i > trigger and head.pos_ == "VERB" \
        and head.lemma_.lower() in CARRYING_VERBS


def _names_a_hospital(doc: Doc, topo: Toponym, trigger: int) -> bool:
    """"a health worker at Debre Markos Comprehensive Specialized Hospital, where many of the wounded were
    taken": a town in a hospital's name is where the victims were brought, unless the trigger is a deed done
    at the hospital itself ("gunmen stormed Kabul Military Hospital")."""
    _prep, _via, body = governing_preposition(doc[topo.start:topo.end].root)
    if body is not None and _receives_the_wounded(body) and body.dep_ == "pobj" and body.i != trigger \
            and (body.head.lower_ == "to" or not _done_at(doc, body, trigger)):
        # "were wounded and taken to a hospital in Hasakah city": where the wounded went; "two of the wounded
        # had died at a hospital in neighbouring Guayaquil": where they died of it
        return True
    word = doc[topo.end - 1]
    while word.dep_ == "compound" and word.head.i != word.i:
        word = word.head
    return _receives_the_wounded(word) and not _done_at(doc, word, trigger)


def _taken_to_hospital(doc: Doc, topo: Toponym) -> bool:
    """"The wounded soldier was flown to a hospital in Timika": where the wounded went, which lent to the next
    sentences would put their events there."""
    _prep, _via, body = governing_preposition(doc[topo.start:topo.end].root)
    return body is not None and _receives_the_wounded(body) and body.dep_ == "pobj" \
        and body.head.lower_ == "to"


def _done_at(doc: Doc, spot: Token, trigger: int) -> bool:
    """The trigger's deed was done at the spot: its object, its head, or its own locative ("gunmen stormed
    Kabul Military Hospital", "a bomb exploded at a hospital in Quetta")."""
    told = doc[trigger]
    # (a noun trigger's deed is done by the verb it is the object or subject of: "carried out airstrikes on
    # two hospitals")
    doers = {trigger, told.head.i} if told.pos_ == "NOUN" and told.dep_ in ("dobj", "nsubj", "nsubjpass") else {trigger}
    return any(t.i == spot.i for t in told.children) or told.head.i == spot.i \
        or (spot.dep_ == "pobj" and spot.head.head.i in doers)


def _in_another_conjunct(doc: Doc, topo: Toponym, trigger: int) -> bool:
    """The toponym is in one of two clauses joined by "and", each with its own subject and time, and the
    trigger in the other: "fighters clashed with troops around the town of Merawi late on Sunday, and a
    drone strike hit a crowded market the following afternoon" puts the clash at Merawi, not the strike
    ("no air strikes in Aleppo on Saturday, but by Sunday bombs were dropped" keeps one scene)."""
    place_clause = _conjunct_of(doc[topo.start:topo.end].root)
    event_clause = _conjunct_of(doc[trigger])
    if place_clause.i == event_clause.i:
        return False
    for first, second in ((place_clause, event_clause), (event_clause, place_clause)):
        joined_by_and = any(c.dep_ == "cc" and c.lower_ == "and" for c in first.children)  # "but" keeps the scene
        if second.dep_ == "conj" and second.head.i == first.i and joined_by_and \
                and any(c.dep_ in ("nsubj", "nsubjpass") for c in second.children):
            # each clause with a time of its own: two happenings ("a civilian was killed in the crossfire
            # and a soldier was also killed during clashes in Zaragoza" may be one scene)
            inner = {t.i for t in second.subtree}
            return _has_time(t for t in first.subtree if t.i not in inner) and _has_time(second.subtree)
    return False


# Subordinators that set one happening beside another: "killed nine in Abu Shouk on Monday, while an air
# strike on a market killed 20 the following day".
CONTRAST_MARKS = frozenset({"while", "whereas", "whilst"})


def _across_a_contrast(doc: Doc, topo: Toponym, trigger: int) -> bool:
    """The toponym and the trigger lie on either side of a "while" clause with its own subject, and each side
    has a time of its own: two happenings, each with its own scene ("a man was killed in Gao while a second
    was wounded" may be one scene, and keeps it)."""
    place = doc[topo.start:topo.end].root
    for clause in _contrast_clauses(doc[trigger]) + _contrast_clauses(place):
        inner = {t.i for t in clause.subtree}
        if (trigger in inner) == (place.i in inner):
            continue
        main = clause.head
        return _has_time(t for t in clause.subtree) and _has_time(t for t in main.subtree if t.i not in inner)
    return False


def _contrast_clauses(token: Token) -> list[Token]:
    """The "while" clauses with a subject of their own that the token is inside."""
    return [verb for verb in (token, *token.ancestors)
            if verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in CONTRAST_MARKS for c in verb.children)
            and any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)]


def _has_time(tokens: Iterable[Token]) -> bool:
    return any(t.ent_type_ in ("DATE", "TIME") for t in tokens)


def _conjunct_of(token: Token) -> Token:
    """The head of the clause the token is in, as far as coordination goes: the nearest verb at or above
    it that is a conjunct, a reported clause or the sentence's root."""
    for _ in range(16):
        if token.head.i == token.i or (token.dep_ in ("conj", "ccomp", "parataxis") and token.pos_ in ("VERB", "AUX")):
            return token
        token = token.head
    return token


# Verbs whose "in" names a paper, gazette or site, not a place: "published in the Official Bulletin".
PUBLISHING_VERBS = frozenset({"publish", "print", "post", "reprint", "serialize", "serialise"})


def _a_publication(doc: Doc, topo: Toponym) -> bool:
    """The toponym is where something was published ("the veto, published in the Official Bulletin")."""
    prep, _via, head = governing_preposition(doc[topo.start:topo.end].root)
    return prep == "in" and head is not None and head.lemma_.lower() in PUBLISHING_VERBS


# Bodies that sit in a capital or a see and speak for a whole country, region or movement: where they sit is not where
# the news they give happened ("The health ministry in Sanaa said nine people were killed").  Not local
# sources ("a police source in Ramadi said the blast killed four"), who speak of their own town.
SEATED_BODIES = frozenset({"ministry", "government", "embassy", "consulate", "parliament", "presidency",
                           "cabinet", "headquarters", "command", "administration", "office", "diocese",
                           "archdiocese"})
# Where the dead and wounded are brought: "an official at a hospital in neighbouring al-Zuhra district
# ... had received six bodies" tells where the toll was counted, not where the strike fell.
RECEIVING_PLACES = frozenset({"hospital", "morgue", "mortuary", "clinic", "infirmary"})
# A centre is one when a word says it treats people: "a health centre in Kisoro", "the Federal Medical Centre".
_CARE_WORDS = frozenset({"health", "medical", "trauma", "treatment", "burns", "burn"})


def _receives_the_wounded(noun: Token) -> bool:
    """A hospital, clinic or morgue, or a health or medical centre: where the dead and wounded are brought."""
    lemma = noun.lemma_.lower()
    return lemma in RECEIVING_PLACES or (lemma in ("centre", "center") and any(
        c.dep_ in ("compound", "amod") and c.lower_ in _CARE_WORDS for c in noun.children))
# How a speaker hangs on the body they speak for or work at.
_SPEAKER_OF = frozenset({"at", "for", "of", "from"})


def _seat_of_speaker(doc: Doc, topo: Toponym, trigger: int | None) -> bool:
    """The toponym is where a speaking institution sits ("the ministry in Sanaa said ..."), or the
    hospital a speaker works at, and the trigger (if given) is in what was said, not in the speaker's
    own words."""
    _prep, _via, body = governing_preposition(doc[topo.start:topo.end].root)
    if body is None:
        return False
    speaker = body
    if body.dep_ == "pobj" and body.head.dep_ == "prep" and body.head.lower_ in _SPEAKER_OF \
            and (_receives_the_wounded(body) or body.lemma_.lower() in SEATED_BODIES):
        speaker = body.head.head  # "a medical official at a hospital in X", "a spokesman for the command in X"
    elif body.lemma_.lower() not in SEATED_BODIES:
        return False
    if speaker.dep_ not in ("nsubj", "nsubjpass"):
        return False
    verb = speaker.head
    if trigger is None:
        return verb.lemma_.lower() in speech_lemmas()
    if trigger == verb.i or trigger not in {t.i for t in verb.subtree} or trigger in {t.i for t in speaker.subtree}:
        return False
    said = doc[trigger]
    for _ in range(8):  # a verb of saying (or condemning) between the trigger and the speaker's verb
        if said.i != trigger and (said.lemma_.lower() in speech_lemmas() or said.lemma_.lower() in TALK_ABOUT_VERBS):
            return True
        if said.i == verb.i or said.head.i == said.i:
            return False
        said = said.head
    return False


# Units of a distance from a landmark: "315 km east of Lima", "20 miles north of Kabul".
DISTANCE_UNITS = frozenset({"km", "kms", "kilometer", "kilometers", "kilometre", "kilometres", "mile", "miles"})


# Verbs that set a place somewhere: "the town, located 40 km east of Paris".
LOCATING_VERBS = frozenset({"locate", "situate", "lie", "sit", "base"})


def _locates_a_place(doc: Doc, topo: Toponym) -> bool:
    """The landmark's distance phrase says where a place noun is ("attacked the town, located 40 km east
    of Paris"), not where the event was: that town is the scene, Paris is not."""
    token = doc[topo.start:topo.end].root
    for _ in range(10):
        if token.head.i == token.i:
            return False
        token = token.head
        if token.pos_ in ("VERB", "AUX"):
            return token.lemma_.lower() in LOCATING_VERBS
        if token.pos_ == "NOUN" and token.lemma_.lower() in PLACE_NOUNS and token.lower_ not in COMPASS:
            return True
    return False


def _a_landmark(doc: Doc, topo: Toponym) -> bool:
    """The toponym is the landmark a distance is measured from ("Huancayo, located 315 km east of
    Lima"): it locates another place, and is none itself."""
    root = doc[topo.start:topo.end].root
    while root.dep_ in ("appos", "compound") and root.head.pos_ in ("NOUN", "PROPN") and root.head.i != root.i:
        root = root.head  # "30 km south of the regional capital Bahir Dar"
    prep = root.head
    if root.dep_ != "pobj" or prep.lower_ != "of" or prep.head.i == prep.i:
        return False
    direction = prep.head
    # the distance may hang elsewhere ("Merawi, about 30 km (19 miles) south of ..."): the words just before
    return direction.lower_ in COMPASS and (any(t.lower_ in DISTANCE_UNITS for t in direction.subtree) or any(
        doc[j].lower_ in DISTANCE_UNITS for j in range(max(0, direction.i - 6), direction.i)))


def _where_said(doc: Doc, topo: Toponym, trigger: int | None) -> bool:
    """The toponym says where a speaker spoke ("he said in Pennsylvania, skipping over his support for
    intervention in those conflicts"), and the trigger (None when a sentence's scene is read) is not that verb
    of saying."""
    if _in_a_reports_subject(doc, topo, trigger):
        return True
    _prep, _via, head = governing_preposition(doc[topo.start:topo.end].root)
    if head is None or head.i == trigger or head.pos_ != "VERB":
        return False
    # "in a statement issued in Peshawar": where a report came out
    issued = head.dep_ == "acl" and head.tag_ == "VBN" and head.head.lemma_.lower() in REPORT_NOUNS
    return issued or head.lemma_.lower() in speech_lemmas()


def _in_a_reports_subject(doc: Doc, topo: Toponym, trigger: int | None) -> bool:
    """The toponym tells where a report that speaks came from ("A statement after an emergency meeting
    at Stormont Castle said that ministers had considered the bombing outrages"): it lies in the
    subject of a verb of saying, a report noun, and the trigger does not."""
    token = doc[topo.start:topo.end].root
    for _ in range(8):
        if token.head.i == token.i:
            return False
        if token.dep_ == "nsubj" and token.lemma_.lower() in REPORT_NOUNS \
                and token.head.lemma_.lower() in speech_lemmas():
            subject = {t.i for t in token.subtree}
            return trigger is None or (trigger not in subject and trigger != token.head.i)
        token = token.head
    return False


# Words that bring in another event to compare with: "detonated explosives ..., similar to the
# bombings at the Bataclan", "the deadliest attack since the bombing in Ankara".
# Not "than": "it's easier to obtain a gun than an abortion" compares no events, and a careless parse
# hangs the next sentence's event on it.
COMPARISON_WORDS = frozenset({"similar", "reminiscent", "comparable", "akin", "like", "unlike", "compared",
                              "since"})


def _in_comparison(doc: Doc, topo: Toponym, trigger: int) -> bool:
    """The toponym hangs, below the trigger, from a comparison: it is the place of the event compared
    with, not of this one.  A comparison above the trigger ("similar to the attack in Paris" for the
    trigger "attack", or for "bombings" in "the shootings and bombings at the Bataclan") is the
    trigger's own phrase and does not count."""
    event = doc[trigger]
    own = {trigger, event.head.i} if event.dep_ == "conj" else {trigger}
    token = doc[topo.start:topo.end].root
    for _ in range(12):
        if token.i in own or token.head.i == token.i:
            return False
        token = token.head
        if token.i not in own and token.lower_ in COMPARISON_WORDS:
            return True
    return False


# Nouns of diplomatic processes, named after the town they were made in: "the Vienna process", "the
# Minsk agreements", "the Astana talks" say nothing of where today's event is.
ACCORD_NOUNS = frozenset({"process", "talk", "talks", "agreement", "accord", "deal", "treaty", "protocol",
                          "convention", "conference", "summit", "declaration", "format", "framework",
                          "initiative", "communique", "memorandum", "negotiation"})


def _names_an_accord(doc: Doc, topo: Toponym, trigger: int) -> bool:
    """The toponym only names an accord or a process ("for the sake of the Vienna process"), unless that
    accord is the event itself (the trigger "talks" in "the Geneva talks")."""
    root = doc[topo.start:topo.end].root
    head = root.head
    return root.dep_ in ("compound", "nmod", "amod") and head.i != trigger and head.pos_ == "NOUN" \
        and head.lemma_.lower() in ACCORD_NOUNS


def _names_a_spot(doc: Doc, topo: Toponym) -> bool:
    """A name the gazetteer lacks, that an event is named after, is a place when its last word is a place
    noun ("the Tiananmen Square massacre").  The parser's label is not enough: in wire copy it calls a
    victim's surname GPE ("the assassins of ... Enrique Lopez Albujar Trint, who was murdered")."""
    return topo.end - topo.start > 1 and doc[topo.end - 1].lower_ in PLACE_HEAD_NOUNS


def _unknown_place_like(doc: Doc, topo: Toponym) -> bool:
    """A name the gazetteer lacks stands for a place only when the text puts something in/at/near it or
    calls it one ("the village of X"), and it is not a unit after a number ("at 1900 GMT")."""
    prep, via_place_noun, _ = governing_preposition(doc[topo.start:topo.end].root)
    if prep not in UNKNOWN_LOCATIVES and not via_place_noun:
        return False
    name = doc[topo.start:topo.end].text
    if not any(ch.isalpha() for ch in name):
        return False  # "put the death toll at 104", tagged ORG: a figure, no name
    if "." in name or (topo.end - topo.start == 1 and name.lower() in english_words()):
        return False  # "at 10 A.M.", "he was in disguise": an abbreviation or a common word, no place name
    if _RUN_TOGETHER.search(name):
        return False  # "in SyriaThe desert": two words run together where a page lost its line break
    if any(c.dep_ == "case" for c in doc[topo.start:topo.end].root.children):
        return False  # "a meeting at Rajapaksa's official residence": whose the place is, a name no gazetteer has
    return not (topo.start > 0 and doc[topo.start - 1].like_num)


def _place_like(doc: Doc, topo: Toponym) -> bool:
    if topo.label in ("GPE", "LOC", "FAC"):
        return True
    return governing_preposition(doc[topo.start:topo.end].root)[0] in CORE_LOCATIVES


def _event_clause(doc: Doc, trigger: int) -> Token:
    """The verb whose clause the event is: the trigger itself, or the verb a noun trigger hangs from
    ("came under attack", "carried out airstrikes", "launched an offensive")."""
    token = doc[trigger]
    for _ in range(3):
        if token.pos_ in ("VERB", "AUX") or token.head.i == token.i:
            return token
        token = token.head
    return token


def _toponym_at(doc: Doc, span: Span) -> Toponym | None:
    """The words of a place's span, as a toponym (labelled by their entity type, GPE when none)."""
    words = doc.char_span(span.start, span.end, alignment_mode="expand")
    if words is None or not len(words):
        return None
    return Toponym(words.start, words.end, words.root.ent_type_ or "GPE")


def _put_somewhere(doc: Doc, span: Span, trigger: int | None = None) -> bool:
    """The name stands under a preposition that puts something there ("in Marseille", "near the border")."""
    topo = _toponym_at(doc, span)
    if topo is None:
        return False
    return governing_preposition(doc[topo.start:topo.end].root)[0] in CORE_LOCATIVES \
        and not _seat_of_speaker(doc, topo, None) \
        and not (trigger is not None and (_in_another_conjunct(doc, topo, trigger) or _where_said(doc, topo, trigger)
                                          or _across_a_contrast(doc, topo, trigger)))


def _where_a_speaker_is(doc: Doc, topo: Toponym) -> bool:
    """The toponym names where a speaker sits or spoke ("A spokesman for the military command in Jayapura
    said ...", "Speaking in Ouagadougou, a spokesman vowed ..."): no scene of what they tell."""
    return _seat_of_speaker(doc, topo, None) or _where_a_source_is(doc, topo) or _where_said(doc, topo, None)


_INNER_PRECISIONS = frozenset({PlacePrecision.POINT, PlacePrecision.TOWN, PlacePrecision.ADMIN2, PlacePrecision.ADMIN1})


def _fallback(parsed: ParsedArticle, gazetteer: Gazetteer, focus: Focus, lead_place: Place | None,
              sentence: tuple[int, int], trigger: int | None = None) -> Place | None:
    """The article-level guess for an event whose own sentence (character bounds `sentence`) and
    paragraph gave no place."""
    if lead_place is None and focus.lead_place is not None:
        topo = _toponym_at(parsed.doc, focus.lead_place.span) if focus.lead_place.span else None
        if topo is None or not _where_a_speaker_is(parsed.doc, topo):
            lead_place = focus.lead_place
    dated = dateline_place(parsed, gazetteer, focus) if not focus.foreign_dateline else None
    # "Fans skirmish ahead of the match in ... Marseille": the lead's place is named in this very sentence
    # (the linker found it too weakly tied to the trigger), so nothing is borrowed and its name there is
    # the evidence; not so a place that only sends or asks ("what was needed from Moscow ... to stop the
    # slaughter")
    named_here = None
    if lead_place is not None and lead_place.span is not None and sentence[0] <= lead_place.span.start < sentence[1] \
            and _put_somewhere(parsed.doc, lead_place.span, trigger):
        named_here = replace(lead_place, reason=f"sentence: the lead's place, named in this sentence ({lead_place.reason})")
    if named_here is not None and dated is not None and named_here.country in place_codes(dated[0]):
        # "Clashes between rival militias in the Libyan capital" under a Tripoli dateline: the sentence's
        # own words name the place, in the dateline's country, so the dateline is not borrowed
        return named_here
    if dated is not None:
        place, span = dated
        codes = set(place.countries or ((place.country,) if place.country else ()))
        if lead_place is not None and lead_place.country in codes and lead_place.precision in _INNER_PRECISIONS \
                and lead_place.name != place.name:
            # "ADDIS ABABA -- ... clashed in the Amhara region town of Debre Markos": the story is filed from
            # the capital about a province; what it tells next without a place is the lead's place
            return named_here or borrowed(lead_place, f"lead's event place ({lead_place.name}), inside the "
                                                      "dateline's country")
        if not focus.lead or codes & focus.lead:
            return borrowed(place.to_place(span=span), "dateline; the lead names its country or no country")
        if max((focus.place_uses.get(code, 0.0) for code in codes), default=0.0) >= 0.5:
            return borrowed(place.to_place(span=span), "dateline; the article often puts things in its country")
    if lead_place is not None:
        return named_here or borrowed(lead_place, f"lead's event place ({lead_place.name}); dateline absent or "
                                                  "about another country")
    if dated is not None and (focus.dominant is None or focus.dominant in place_codes(dated[0])):
        # the focus counts the dateline strongly: another country dominates only if named far more often
        return borrowed(dated[0].to_place(span=dated[1]), "dateline; no other country dominates the article")
    if focus.dominant:
        country = gazetteer.country(focus.dominant)
        if country is not None:
            return borrowed(country.to_place(), f"article focus: {country.name} dominates the places named")
    people = nationality_focus(parsed.doc)
    country = gazetteer.country(people) if people else None
    if country is not None:
        return borrowed(country.to_place(), f"article focus: no place named, but '{country.name}' nationality "
                                            "words dominate")
    return None


@lru_cache(maxsize=1)
def _default_gazetteer() -> Gazetteer:
    return _load_gazetteer(load_settings())


def event_location_span(parsed: ParsedArticle, trigger_token: int,
                        gazetteer: Gazetteer | None = None) -> Span | None:
    """The toponym span the event at `trigger_token` happened at, from its own sentence only, as the
    linker alone ranks them (`_elsewhere`'s filters cost 0.001 on the linker's own training file).

    The linker's features include what the gazetteer makes of each name, so without
    one passed in, the default settings' gazetteer is opened (built once if missing).
    """
    doc = parsed.doc
    sent = doc[trigger_token].sent
    gazetteer = gazetteer or _default_gazetteer()
    toponyms = toponyms_of(doc, sent.start, sent.end, gazetteer)
    best = best_toponym(doc, trigger_token, toponyms, gazetteer=gazetteer)
    return best[1].span(doc) if best else None
