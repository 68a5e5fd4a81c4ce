"""Stage where: the place each event mention happened at, resolved in the gazetteer.

The fallback chain, in order, for one mention (each step says why it is trusted):
1. The sentence: the toponym the parse ties to the trigger (stages/where_link.py:
   a locative preposition in the trigger's subtree, "in the town of X", ...).
   Only a place tied to the event counts, not any place in the same sentence.
2. The paragraph: the previous event's place in the same paragraph, because
   follow-up sentences ("Two people were killed.") rarely repeat the place.
3. The dateline, but only if the article is plausibly about that place: its
   country is among the countries the lead (title + first two sentences) names,
   or the lead names none.  A "WASHINGTON:" dateline tops stories about strikes
   in Syria; there the lead names Syria and Iraq, not the US, so the dateline
   is skipped.
4. The lead: the first place the lead ties to an event, else the dateline
   when no other country dominates the article, else the article's focus
   country when one country clearly dominates (country precision).  The focus
   gives the dateline's country DATELINE_VOTES votes at least, so passing
   mentions of another country do not outvote "SAN SALVADOR, 3 JAN 90 --".
5. Otherwise None: no place is better than a wrong one.

A gazetteer match must also be believable (_trusted): names the parser tagged
PERSON/ORG/NORP or left untagged match on spelling only, never on a consonant
skeleton; a PERSON name is a place only as a big city of the article's country;
and once the article's country is known (dateline, dominant country), a small
town abroad is taken for a homonym and the next step of the chain decides.

Names are read with compass words ("eastern Syria"), "X-Y border" / "the
border with X" / "the border region", and a following place noun ("Baghdad
airport", "Kirkuk province") before the bare name is looked up.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache

from spacy.tokens import Doc, Token

from eventscope.config import Settings, load_settings
from eventscope.gazetteer import Gazetteer, GazPlace
from eventscope.gazetteer import load_gazetteer as _load_gazetteer
from eventscope.gazetteer_build import COMPASS
from eventscope.model import Mention, Place, PlacePrecision, Span
from eventscope.stages.nlp import ParsedArticle
from eventscope.stages.where_link import (
    Toponym,
    best_toponym,
    governing_preposition,
    load_link_model,
    score_toponyms,
)
from eventscope.stages.where_toponyms import blind_caps, toponyms_of

__all__ = ["event_location_span", "load_gazetteer", "resolve_name", "resolve_places"]

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
_MAX_LEVEL = {"PERSON": 0, "ORG": 1, "NORP": 1, "PROPN": 1}
# A town smaller than this in a country the article does not name is taken for a homonym of a word of the
# text, not the event place, once the article's own country is known (dateline or focus).
SMALL_HOMONYM = 20_000
# A PERSON-tagged name is a place only when it is this big and in the article's country.
PERSON_PLACE_MIN = 100_000
# Votes the dateline's country gets in the article focus, at least: about three lead mentions, so a few
# passing mentions of another country ("talks on Cambodia") do not outvote "SAN SALVADOR, 3 JAN 90 --".
DATELINE_VOTES = 6
_DATELINE = re.compile(r"^\s*([A-Z][A-Z .'-]{2,40}?)(?:,[^\n]{0,60}?)?(?:\s*\([^)\n]{1,40}\))?\s*(?::|--|—|–|-)\s")


def load_gazetteer(settings: Settings) -> Gazetteer:
    """Open (building once if missing) the compiled gazetteer named by `settings.gazetteer_path`."""
    return _load_gazetteer(settings)


@dataclass(frozen=True)
class _Focus:
    weights: dict[str, float]  # ISO3 -> weight in [0, 1], 1 for the most mentioned country
    lead: frozenset[str]  # countries the lead names as places ("in Syria"), not as actors ("US troops")
    dominant: str | None  # a country mentioned at least twice as often as any other
    lead_place: Place | None = None  # the first place the lead puts something at ("in eastern Syria")
    place_uses: dict[str, float] = field(default_factory=dict)  # like weights, counting "in X" uses only
    home: frozenset[str] = frozenset()  # the dateline's country and the dominant one: where the article is

    def in_home(self, place: GazPlace, min_weight: float) -> bool:
        """Whether the place lies in the article's own country, or one it names with this weight."""
        codes = place.countries or ((place.country,) if place.country else ())
        return any(code in self.home or self.weights.get(code, 0.0) >= min_weight for code in codes)


def resolve_name(gazetteer: Gazetteer, doc: Doc, topo: Toponym,
                 focus: Mapping[str, float] | None = None) -> tuple[GazPlace | None, Span, str]:
    """The gazetteer entry for a toponym read in context, the span it covers, and how it was read.

    How loose a spelling match may be depends on the toponym's label (see _MAX_LEVEL)."""
    start, end = topo.start, topo.end
    level = _MAX_LEVEL.get(topo.label, 2)
    words = [t.lower_ for t in doc[max(0, start - 2):start]]
    # compass word just before: "eastern Syria", "north-east Syria"
    for width in (2, 1):
        if len(words) >= width:
            phrase = " ".join(words[-width:]).replace("-", " ")
            if phrase in COMPASS:
                place = gazetteer.lookup(f"{phrase} {doc[start:end].text}", focus, max_level=level)
                if place is not None:
                    return place, _span(doc, start - width, end), f"compass '{phrase}'"
    nxt = doc[end] if end < len(doc) else None
    # "X-Y border" / "Syrian-Iraqi border" style and "X border"
    border = _border_phrase(gazetteer, doc, start, end, focus)
    if border is not None:
        return border
    if nxt is not None and nxt.lower_ in RIGHT_NOUNS:
        widest = end + 1 if nxt.lower_ != "air" else min(len(doc), end + 2)
        place = gazetteer.lookup(doc[start:widest].text, focus, max_level=level)
        if place is not None:
            return place, _span(doc, start, widest), f"name with '{doc[end:widest].text}'"
    admin_hint = nxt is not None and nxt.lower_ in ADMIN_WORDS
    text = doc[start:end].text
    place = gazetteer.lookup(text, focus, admin_hint=admin_hint, max_level=level)
    if place is None and text.lower().startswith("the "):
        place = gazetteer.lookup(text[4:], focus, admin_hint=admin_hint, max_level=level)
    return place, _span(doc, start, end), "name"


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
            return place, _span(doc, start, last), "border of " + "/".join(countries[:2])
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


def _span(doc: Doc, start: int, end: int) -> Span:
    piece = doc[max(0, start):end]
    return Span(start=piece.start_char, end=piece.end_char, text=piece.text)


def _trusted(place: GazPlace, caps: bool, focus: _Focus, label: str = "GPE") -> bool:
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


def article_focus(parsed: ParsedArticle, gazetteer: Gazetteer) -> _Focus:
    """Countries the article talks about, and the lead's first place.

    Every toponym whose country is unambiguous votes for it (lead sentences
    twice): a homonym like "Tripoli" does not vote, since its country is what
    the focus is meant to decide.
    """
    doc = parsed.doc
    counts: Counter[str] = Counter()
    place_uses: Counter[str] = Counter()  # "in Syria", not "US troops"
    lead: set[str] = set()
    lead_place: Place | None = None
    for n, sent in enumerate(doc.sents):
        caps = blind_caps(doc, sent.start, sent.end)
        for topo in toponyms_of(doc, sent.start, sent.end, gazetteer):
            doubtful = caps or topo.label not in ("GPE", "LOC", "FAC")
            codes = _unambiguous_countries(gazetteer, doc[topo.start:topo.end].text, doubtful,
                                           _MAX_LEVEL.get(topo.label, 2))
            is_place_use = governing_preposition(doc[topo.start:topo.end].root)[0] in CORE_LOCATIVES
            for code in codes:
                counts[code] += 2 if n < 2 else 1
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
    dateline_codes = _codes(dated[0]) if dated is not None else ()
    top = max(counts.values(), default=0)
    for code in dateline_codes:
        counts[code] += max(DATELINE_VOTES, top // 2)
    title = parsed.article.title
    for word in re.findall(r"[A-Z][\w'-]+(?: [A-Z][\w'-]+)?", title):
        country = gazetteer.country_named(word)
        if country is not None and country.country:
            counts[country.country] += 2
    top = max(counts.values(), default=0)
    weights = {code: count / top for code, count in counts.items()} if top else {}
    ranked = counts.most_common(2)
    dominant = ranked[0][0] if ranked and (len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1]) else None
    top_use = max(place_uses.values(), default=0)
    uses = {code: count / top_use for code, count in place_uses.items()} if top_use else {}
    home = frozenset(dateline_codes) | ({dominant} if dominant else set())
    return _Focus(weights=weights, lead=frozenset(lead), dominant=dominant, lead_place=lead_place,
                  place_uses=uses, home=home)


def _codes(place: GazPlace) -> tuple[str, ...]:
    return place.countries or ((place.country,) if place.country else ())


def _unambiguous_countries(gazetteer: Gazetteer, text: str, caps: bool = False,
                           max_level: int = 2) -> tuple[str, ...]:
    ranked = gazetteer.rank(tuple(c for c in gazetteer.candidates(text) if c.level <= max_level))
    if not ranked:
        return ()
    best = ranked[0][1].place
    codes = best.countries or ((best.country,) if best.country else ())
    if best.kind in ("country", "region", "compass"):
        return codes
    if caps and best.population < 1_000_000:
        return ()  # all-caps text: only country names and big cities say what the article is about
    # a town votes only if every sizeable homonym lies in the same country
    rivals = {c.place.country for _, c in ranked[:8] if c.place.population >= best.population / 20}
    return codes if len(rivals) <= 1 else ()


def dateline_place(parsed: ParsedArticle, gazetteer: Gazetteer,
                   focus: _Focus | None = None) -> tuple[GazPlace, Span | None] | None:
    """The dateline's place, from Article.dateline or a leading 'CITY, date --' / 'CITY:' in the text."""
    text, span = parsed.article.dateline, None
    if not text:
        match = _DATELINE.match(parsed.article.text)
        if not match:
            return None
        text = match.group(1).strip()
        span = Span(match.start(1), match.start(1) + len(text), text)
    place = gazetteer.lookup(text)  # datelines name well-known cities: no focus, population decides
    return (place, span) if place is not None else None


def resolve_places(parsed: ParsedArticle, mentions: Iterable[Mention],
                   gazetteer: Gazetteer) -> dict[str, Place | None]:
    """The place of each mention (None where the article does not say), keyed by mention id."""
    doc = parsed.doc
    mentions = sorted(mentions, key=lambda m: m.trigger.start)
    focus = article_focus(parsed, gazetteer)
    model = load_link_model()
    out: dict[str, Place | None] = {}
    last_in_paragraph: tuple[int, Place] | None = None
    lead_place: Place | None = None
    for mention in mentions:
        trigger = mention.trigger_token
        sent = doc[trigger].sent
        paragraph = parsed.article.text.count("\n\n", 0, doc[trigger].idx)
        place = _from_sentence(doc, trigger, sent.start, sent.end, gazetteer, focus, model.threshold)
        if place is None and last_in_paragraph and last_in_paragraph[0] == paragraph:
            previous = last_in_paragraph[1]
            place = replace(previous, reason=f"same paragraph as the previous event ({previous.name})")
        if place is None:
            place = _fallback(parsed, gazetteer, focus, lead_place)
        if place is not None and place.span is not None:
            last_in_paragraph = (paragraph, place)
            if lead_place is None and mention.sentence_index < 2:
                lead_place = place
        out[mention.id] = place
    return out


def _from_sentence(doc: Doc, trigger: int, start: int, end: int, gazetteer: Gazetteer, focus: _Focus,
                   threshold: float) -> Place | None:
    toponyms = toponyms_of(doc, start, end, gazetteer)
    caps = blind_caps(doc, start, end)
    scored = score_toponyms(doc, trigger, toponyms, gazetteer=gazetteer)
    rejected: set[Toponym] = set()
    for prob, topo in scored:
        if prob < threshold:
            break
        found, span, how = resolve_name(gazetteer, doc, topo, focus.weights)
        if found is not None and _trusted(found, caps, focus, topo.label):
            return found.to_place(span=span, reason=f"sentence: event place by parse (p={prob:.2f}), {how}")
        if found is not None:
            rejected.add(topo)
    # Second chance, below the linker's threshold: a toponym under a locative preposition inside the
    # event's own clause ("US troops in eastern Syria came under rocket attack": the clause of "attack"
    # is "came").  Tuned for recall on the dev file, the threshold is stricter than resolve_places needs
    # when the alternative is the weaker paragraph/dateline guess.
    clause = _event_clause(doc, trigger)
    inside = {t.i for t in clause.subtree}
    for prob, topo in scored:
        root = doc[topo.start:topo.end].root
        if root.i in inside and governing_preposition(root)[0] in CORE_LOCATIVES and prob >= threshold / 3:
            found, span, how = resolve_name(gazetteer, doc, topo, focus.weights)
            if found is not None and _trusted(found, caps, focus, topo.label):
                return found.to_place(span=span, reason=f"sentence: locative phrase in the event's clause "
                                                        f"'{clause.text}' (p={prob:.2f}), {how}")
    # a name the gazetteer lacks is a place if the parser called it one, or if the text puts something
    # in it: the small model tags many villages PERSON ("in Shah Wali Kot"), but an unknown PERSON/ORG
    # elsewhere ("FMLN", "Col Emilio") is no place
    if (scored and scored[0][0] >= threshold and not caps and scored[0][1] not in rejected
            and _place_like(doc, scored[0][1])):
        prob, topo = scored[0]
        span = topo.span(doc)
        return Place(name=span.text, country=focus.dominant, precision=PlacePrecision.TOWN, span=span,
                     reason=f"sentence: event place by parse (p={prob:.2f}), not in the gazetteer"
                            + (f"; country from article focus {focus.dominant}" if focus.dominant else ""))
    return None


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


def _fallback(parsed: ParsedArticle, gazetteer: Gazetteer, focus: _Focus, lead_place: Place | None) -> Place | None:
    dated = dateline_place(parsed, gazetteer, focus)
    if dated is not None:
        place, span = dated
        codes = set(place.countries or ((place.country,) if place.country else ()))
        if not focus.lead or codes & focus.lead:
            return place.to_place(span=span, reason="dateline; the lead names its country or no country")
        if max((focus.place_uses.get(code, 0.0) for code in codes), default=0.0) >= 0.5:
            return place.to_place(span=span, reason="dateline; the article often puts things in its country")
    lead_place = lead_place or focus.lead_place
    if lead_place is not None:
        return replace(lead_place, reason=f"lead's event place ({lead_place.name}); dateline absent or about "
                                          "another country")
    if dated is not None and (focus.dominant is None or focus.dominant in _codes(dated[0])):
        # the focus counts the dateline strongly: another country dominates only if named far more often
        return dated[0].to_place(span=dated[1], reason="dateline; no other country dominates the article")
    if focus.dominant:
        country = gazetteer.country(focus.dominant)
        if country is not None:
            return country.to_place(reason=f"article focus: {country.name} dominates the places named")
    return None


@lru_cache(maxsize=1)
def _default_gazetteer() -> Gazetteer:
    return _load_gazetteer(load_settings())


def event_location_span(parsed: ParsedArticle, trigger_token: int,
                        gazetteer: Gazetteer | None = None) -> Span | None:
    """The toponym span the event at `trigger_token` happened at, from its own sentence only.

    The linker's features include what the gazetteer makes of each name, so without
    one passed in, the default settings' gazetteer is opened (built once if missing).
    """
    doc = parsed.doc
    sent = doc[trigger_token].sent
    gazetteer = gazetteer or _default_gazetteer()
    toponyms = toponyms_of(doc, sent.start, sent.end, gazetteer)
    best = best_toponym(doc, trigger_token, toponyms, gazetteer=gazetteer)
    return best[1].span(doc) if best else None
