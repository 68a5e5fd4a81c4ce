"""`lookup_actor`: a surface string ("Iraq's military") to a coded `Actor`.

Works without a parse, so it serves both the actors stage and anyone coding a
name by hand.  The steps, in order:

1. tokenise and find the longest dictionary matches (`actor_dictionary`);
2. set aside country words that are not the actor's own country: sponsors
   ("Iran-backed", "pro-Iran", "backed by Iran" -> affiliation) and targets of
   opposition ("anti-American" -> ignored);
3. split off the head phrase: the words before the first preposition, comma or
   conjunction ("A court | in Bishkek", "A spokesman | for President Ghani");
   the head decides, the rest only fills gaps;
4. country: a known name in the head, else a country word in the head, else
   the same in the rest; sector: the strongest word in the head (known name >
   organisation noun such as "army" > person/thing noun such as "spokesman" >
   capital), falling back to a name or organisation noun in the rest.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from eventscope.model import Actor, Span
from eventscope.stages.actor_dictionary import (
    NAMED_KINDS,
    ActorDictionary,
    Match,
    Token,
    load_dictionary,
    tokenize,
)

# Words that end the head phrase of an actor string.
BOUNDARY_WORDS = frozenset({
    "of", "for", "in", "from", "at", "on", "with", "to", "by", "near", "against", "based",
    "who", "which", "that", "including", "under", "into", "during", "after", "before",
    "across", "inside", "outside", "within", "among", "between", "and", "or", "but", "as",
    "over", "while", "when", "whose", "said", "says", "like", "such", "along", "than",
})
BOUNDARY_MARKS = frozenset({",", "(", ")", ";", ":", "\"", "[", "]"})
# "<country>-backed" names a sponsor, not the actor's own country.
SPONSOR_WORDS = frozenset({"backed", "supported", "sponsored", "funded", "allied", "aligned", "affiliated"})
# ... and these only when hyphenated: "Iran-trained", but "Iraqi armed forces".
SPONSOR_HYPHENATED = frozenset({"armed", "linked", "trained", "equipped", "controlled", "influenced",
                                "financed", "inspired", "friendly", "leaning", "oriented", "loyal"})
# "<country>-occupied West Bank", "anti-American": the country is not the actor.
# "<name>-led <noun>": the name is a modifier; its country counts, its sector does not.
LEADER_WORDS = frozenset({"led", "run", "dominated", "ruled", "administered", "directed", "owned"})
IGNORE_AFTER = frozenset({"occupied", "held", "bound", "made"})
IGNORE_BEFORE = frozenset({"anti", "non"})
WEAK_AFTER = frozenset({"based", "born", "registered"})
# Heads naming people by whom they follow, oppose or belong to: a person named after them is not them.
FOLLOWER_NOUNS = frozenset({"supporter", "supporters", "follower", "followers", "loyalist", "loyalists", "critic",
                            "critics", "opponent", "opponents", "relative", "relatives", "family", "families"})
# "X's critics": nouns for people defined by opposing X, who are not X.
RELATIONAL_NOUNS = frozenset({"critic", "critics", "opponent", "opponents", "enemy", "enemies", "rival",
                              "rivals", "foe", "foes", "detractors", "victim", "victims", "challenger"})
# Quantities before the real head: "up to 100 ...", "a group of ...", "one of ...".
COLLECTIVE_WORDS = frozenset({
    "group", "groups", "thousands", "hundreds", "dozens", "scores", "millions", "tens", "number",
    "members", "member", "some", "many", "most", "all", "one", "two", "three", "four", "five", "several",
    "both", "each", "none", "majority", "team", "band", "handful", "couple", "pair", "rest", "half",
})
QUANTITY_WORDS = COLLECTIVE_WORDS | frozenset({
    "a", "an", "the", "up", "to", "at", "least", "more", "than", "about", "around", "nearly", "almost",
    "over", "some", "another", "other", "few", "of", "estimated",
})
DETERMINERS = frozenset({"the", "a", "an", "some", "two", "three", "several", "many", "both",
                         "these", "those", "this", "that", "its", "their", "his", "her"})

PRIORITY = {"org": 3, "igo": 3, "person": 3, "role": 2, "title": 1, "instrument": 1, "capital": 0, "region": 0}


@dataclass(frozen=True)
class _Candidate:
    match: Match
    in_head: bool
    weak: bool = False


# Capitalised words that describe an organisation without being part of its name ("the Marxist National
# Liberation Army" is still Colombia's ELN).
_NOT_NAME_WORDS = frozenset({"marxist", "maoist", "leftist", "rightist", "islamist", "jihadist", "separatist",
                             "rebel", "militant", "outlawed", "banned", "powerful", "shadowy", "notorious"})
# Words of a title-case headline that join names rather than begin one ("Officials From Scotland Yard").
_LINK_WORDS = frozenset({"from", "of", "for", "by", "with", "and", "or", "in", "at", "to", "on", "against"})


def _local_namesakes(matches: list[Match], tokens: list[Token]) -> list[Match]:
    """"the Dhaka Metropolitan Police": an organisation's name right after a place of another country is
    that place's body of the same kind (Dhaka's police, not London's), so it is coded as a role there.
    So is one whose name, as written, begins with a capitalised word of its own ("the West Papua National
    Liberation Army" is not Colombia's National Liberation Army): another group with the same sort of name."""
    out: list[Match] = []
    covered = {i for m in matches for i in range(m.start, m.end)}
    for match in matches:
        before = out[-1] if out else None
        word = tokens[match.start - 1] if match.start > 1 else None
        # (not the first word, which a sentence may capitalise, "Seven Taliban militants"; nor a word written
        # in capitals, as all of an upper-case wire is)
        longer_name = (word is not None and match.entry.kind == "org" and match.start - 1 not in covered
                       and word.text[:1].isupper() and word.text[1:].islower() and word.text.isalpha()
                       and word.key not in _NOT_NAME_WORDS | DETERMINERS | _LINK_WORDS)
        if longer_name or (before is not None and before.end == match.start and match.entry.kind == "org"
                           and before.entry.kind in ("capital", "place") and before.entry.country
                           and match.entry.country and before.entry.country != match.entry.country):
            match = replace(match, entry=replace(match.entry, kind="role", name=match.surface, country=None))
        out.append(match)
    return out


def is_instrument(actor: Actor) -> bool:
    """The actor was coded from a weapon or attack word of the dictionary ("airstrikes", "an IED"):
    what `_describe` writes into the reason for an instrument entry."""
    return "(instrument " in actor.reason


def lookup_actor(text: str, dictionary: ActorDictionary | None = None, span: Span | None = None) -> Actor:
    """Resolve `text` to canonical name, country, sector and affiliation, with reasons."""
    dictionary = dictionary or load_dictionary()
    tokens = tokenize(text)
    matches = _local_namesakes(dictionary.matches(tokens), tokens)
    head_start = _skip_quantity(tokens, matches)
    head_end = head_start + _head_end(tokens[head_start:], [_shift(m, head_start) for m in matches
                                                           if m.start >= head_start])
    head_start = _head_start(tokens, head_start, head_end)

    countries: list[_Candidate] = []
    sectors: list[_Candidate] = []
    sponsor: Match | None = None
    notes: list[str] = []
    for match in matches:
        in_head = head_start <= match.start < head_end
        role = _country_role(tokens, match)
        if role == "sponsor" and match.entry.country:
            sponsor = sponsor or match
            notes.append(f"'{match.surface}' names a sponsor")
            continue
        if role == "ignore":
            notes.append(f"'{match.surface}' is not the actor's country")
            continue
        if match.entry.country and match.entry.kind not in ("title", "instrument"):
            countries.append(_Candidate(match, in_head, weak=role == "weak"))
        if match.entry.sector and match.entry.kind in PRIORITY and role != "modifier":
            sectors.append(_Candidate(match, in_head))

    # "supporters of jailed former Prime Minister Imran Khan", "critics of President Putin": the people
    # are not the person they follow or oppose, nor of that person's sector; his country they may share
    followers = any(t.key in FOLLOWER_NOUNS for t in tokens[head_start:head_end])
    if followers:
        sectors = [c for c in sectors if c.in_head or c.match.entry.kind not in ("person", "title")]
    sector_pick = _pick_sector(sectors)
    country_pick = _pick_country(countries)
    # A weapon or an attack in the head is no actor word: in "a rocket attack in Iraq" the
    # country is where it struck, not whose it was ("US airstrikes" names it in the head).
    head_is_actor = any(c.in_head and c.match.entry.kind != "instrument" for c in sectors) \
        or any(c.in_head for c in countries)
    if country_pick and not head_is_actor and not followers \
            and country_pick.match.entry.kind not in NAMED_KINDS:
        # "facilities in Syria": event coders (CAMEO, the PLOVER GSR) code the place
        # a thing is in as its country; say so, since it is not an actor word.  (A body or person
        # owns the head instead: "the office of U.N. Secretary-General Guterres" is the UN's.)
        notes.append(f"'{country_pick.match.surface}' is where the head is, no actor word in it")
    named = _named(country_pick if head_is_actor else None, sector_pick)
    if followers and named is not None and named.entry.kind == "person":
        named = None

    affiliation = sponsor.entry.country if sponsor else None
    if affiliation is None and named is not None:
        affiliation = named.entry.affiliation
    country = country_pick.match.entry.country if country_pick else None
    sector = sector_pick.match.entry.sector if sector_pick else None

    reasons = list(notes)
    unknown: list[str] = []
    quoted = text.strip()
    if country_pick:
        reasons.insert(0, f"country {country} from '{country_pick.match.surface}' ({_describe(country_pick)})")
    else:
        unknown.append(f"country: no country word or known name in '{quoted}'")
    if sector_pick:
        reasons.insert(1 if country_pick else 0,
                       f"sector {sector} from '{sector_pick.match.surface}' ({_describe(sector_pick)})")
    elif country_pick is not None and _people(country_pick, head_end):
        sector = "CVL"  # "Palestinians", "three Iraqis": a plural demonym as head names people
        reasons.insert(1, f"sector CVL: '{country_pick.match.surface}' (plural demonym) names people")
    elif country_pick and country_pick.match.entry.kind == "country":
        unknown.append(f"sector: '{country_pick.match.surface}' names the state as a whole, no role word")
    else:
        unknown.append(f"sector: no role word or known name in '{quoted}'")
    if affiliation and sponsor:
        reasons.append(f"affiliation {affiliation} from '{sponsor.surface}'")

    # "a bus in central Mali" is a bus, of Mali by where it is: named by its head, not as the country
    name_text = " ".join(t.text for t in tokens[head_start:head_end]) if country_pick and not head_is_actor \
        and sector_pick is None and head_end > head_start else None
    return Actor(
        text=text,
        name=_canonical_name(name_text or text, dictionary, named, None if name_text else country, sector_pick),
        country=country,
        sector=sector,
        affiliation=affiliation,
        span=span,
        reason="; ".join(reasons),
        unknown_reason="; ".join(unknown) or None,
    )


def _shift(match: Match, offset: int) -> Match:
    return Match(match.start - offset, match.end - offset, match.entry, match.surface)


def _skip_quantity(tokens: list[Token], matches: list[Match]) -> int:
    """'A group of Moroccan diplomats', 'Up to 100 ethnic Albanians', 'one of the
    Kremlin's critics': the words after the quantity are the head."""
    inside = {i for m in matches for i in range(m.start, m.end)}
    i = 0
    while i < len(tokens) and i not in inside and (tokens[i].key in QUANTITY_WORDS or tokens[i].key[:1].isdigit()):
        i += 1
    if i < len(tokens) and tokens[i].key == "of" and i > 0 and any(
            tokens[k].key in COLLECTIVE_WORDS or tokens[k].key[:1].isdigit() for k in range(i)):
        return i + 1
    return 0 if i < len(tokens) and tokens[i].key in BOUNDARY_WORDS else min(i, len(tokens) - 1) if tokens else 0


def _people(cand: _Candidate | None, head_end: int) -> bool:
    surface = cand.match.surface if cand else ""
    return bool(cand and cand.in_head and cand.match.entry.kind == "demonym" and cand.match.end == head_end
                and surface.endswith("s") and not surface.endswith(("ss", "ese")))


def _head_start(tokens: list[Token], start: int, head_end: int) -> int:
    """Skip a leading preposition ("on Hamid Karzai airport") so the head is not empty."""
    while start < len(tokens) and start < head_end and tokens[start].key in BOUNDARY_WORDS:
        start += 1
    return start


def _head_end(tokens: list[Token], matches: list[Match]) -> int:
    inside = {i for m in matches for i in range(m.start, m.end)}
    seen_word = False
    for i, token in enumerate(tokens):
        if i in inside:
            seen_word = True
            continue
        boundary = token.text in BOUNDARY_MARKS or token.key in BOUNDARY_WORDS
        if boundary and seen_word:
            return i
        if not boundary:
            seen_word = True
    return len(tokens)


def _country_role(tokens: list[Token], match: Match) -> str:
    """'own', 'sponsor', 'ignore' or 'weak' for a country-bearing match, from its neighbours."""
    after = tokens[match.end].key if match.end < len(tokens) else ""
    before = tokens[match.start - 1].key if match.start > 0 else ""
    before2 = tokens[match.start - 2].key if match.start > 1 else ""
    hyphen = tokens[match.end - 1].hyphen_after
    if (after in SPONSOR_WORDS or (hyphen and after in SPONSOR_HYPHENATED) or before == "pro"
            or (before == "by" and before2 in SPONSOR_WORDS)):
        return "sponsor"
    if after in IGNORE_AFTER or before in IGNORE_BEFORE:
        return "ignore"
    if after == "'s" and any(t.key in RELATIONAL_NOUNS for t in tokens[match.end + 1:match.end + 4]):
        return "ignore"  # "the Kremlin's critics" are not the Kremlin
    if after in WEAK_AFTER:
        return "weak"
    if hyphen and after in LEADER_WORDS:
        return "modifier"  # "Taliban-led government": the group leads, the head is the government
    return "own"


def _pick_country(candidates: list[_Candidate]) -> _Candidate | None:
    def rank(c: _Candidate) -> tuple[int, int, int, int]:
        kind = c.match.entry.kind
        order = 0 if kind in NAMED_KINDS else 2 if kind in ("place", "region") else 1
        return (0 if not c.weak else 1, 0 if c.in_head else 1, order, c.match.start)

    return min(candidates, key=rank) if candidates else None


def _pick_sector(candidates: list[_Candidate]) -> _Candidate | None:
    head = [c for c in candidates if c.in_head]
    best = max(head, key=lambda c: (_priority(c), c.match.start), default=None)
    if best is None or _priority(best) < 2:
        # A weak head ("a spokesman") borrows the organisation it speaks for.
        rest = [c for c in candidates if not c.in_head and _priority(c) >= 2]
        if rest:
            return min(rest, key=lambda c: c.match.start)
    if best is None:  # a capital in a modifier phrase ("Afghans in Kabul") says where, not which organ
        rest = [c for c in candidates if not c.in_head and _priority(c) >= 1]
        return max(rest, key=_priority, default=None)
    return best


def _priority(cand: _Candidate) -> int:
    """Known name > organisation noun > person/thing noun > capital.

    An IGO coded with the generic sector IGO yields to any role word, so "United
    Nations military personnel" is MIL.
    """
    entry = cand.match.entry
    if entry.sector == "IGO":
        return 1
    return PRIORITY[entry.kind]


def _named(country: _Candidate | None, sector: _Candidate | None) -> Match | None:
    for cand in (sector, country):
        if cand is not None and cand.match.entry.kind in NAMED_KINDS:
            return cand.match
    return None


def _describe(cand: _Candidate) -> str:
    where = "" if cand.in_head else ", in a modifier phrase"
    if cand.weak:
        where += ", base only"
    return f"{cand.match.entry.kind} {cand.match.entry.source}{where}"


def _canonical_name(text: str, dictionary: ActorDictionary, named: Match | None,
                    country: str | None, sector: _Candidate | None) -> str:
    if named is not None:
        return named.entry.name
    place = dictionary.countries.get(country, country) if country else None
    if place and sector and sector.match.entry.kind in ("role", "title", "instrument", "capital"):
        label = dictionary.sector_labels.get(sector.match.entry.sector or "", sector.match.entry.sector)
        return f"{place} {label}"
    if place and sector is None:
        return place
    words = text.strip().split()
    while words and words[0].lower() in DETERMINERS:
        words.pop(0)
    if words and words[-1][-2:] in ("'s", "’s") and len(words[-1]) > 2:
        words[-1] = words[-1][:-2]  # "the government's decision": the actor is the government
    return " ".join(words) or text.strip()
