"""Actor phrases: from an argument's head token to a coded `Actor`.

The actors stage (`actors.py`) finds which tokens fill actor1 and actor2; this
module turns each into an `Actor`: it expands the head to its noun phrase (no
determiners, relative clauses, appositions or conjuncts), splits coordinated
actors into a list, follows pronouns and relative pronouns to what they stand
for, and fills gaps from an apposition, an earlier mention of the same name or
a fronted "In Iran,".  Every step it takes is added to the actor's reason.
"""

from __future__ import annotations

import dataclasses

from spacy.tokens import Doc, Token

from eventscope.model import Actor, Span
from eventscope.ontology import STATE_SECTORS
from eventscope.stages.actor_dictionary import ActorDictionary
from eventscope.stages.actor_lookup import is_instrument, lookup_actor
from eventscope.stages.counts_figures import is_person
from eventscope.stages.lexicon import COUNT_NOUNS, match_trigger

Found = list[tuple[Token, str]]

SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "csubjpass"})
MEMBER_PREPS = frozenset({"including", "like"})
# Children that are not part of an actor's own noun phrase.
NP_EXCLUDE = frozenset({"relcl", "acl", "appos", "conj", "cc", "advcl", "parataxis"})
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "npadvmod", "poss"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
# Resolved to an antecedent; "I", "you", "we" stay as written (the speaker or reader).
ANAPHORS = frozenset({"he", "she", "they", "it", "him", "her", "them", "its", "their", "his"})
# Object and possessive forms agree in number and person like their subject form.
PRONOUN_FORMS = {"him": "he", "his": "he", "her": "she", "them": "they", "their": "they", "its": "it"}
DEMONSTRATIVES = frozenset({"those", "these"})
MAX_SENTENCES_BACK = 3
HYPHENS = frozenset({"-", "\u2010", "\u2011", "\u2013"})
QUOTES = frozenset({'"', "\u201c", "\u201d", "'", "\u2018", "\u2019"})
TIME_ENTITIES = frozenset({"DATE", "TIME", "ORDINAL", "CARDINAL", "MONEY", "PERCENT"})
# Marks an argument found through a preposition: kept only if it looks like an actor.
VIA_PREP = "object of"
NOUN_TARGET = "target"  # "strike on Abu Kamal": kept if it has a name, a role or an entity
MODIFIED_BY_CLAUSE = "noun modified by clause"  # "militants who attacked": kept if it looks like an actor
OWNER_VICTIM = "victim owning"  # "Valencia's murder": the person it was done to, kept though no party
FIRST_SIDE = "the first side"  # "clashes between police and protesters": police alone, the others are the other side
# Determiners and words that say nobody did it ("no group has claimed ...").
NOBODY = frozenset({"no", "nobody", "none", "noone"})


def code_actors(doc: Doc, found: Found, dictionary: ActorDictionary, trigger: Token,
                agent: bool = False, home: tuple[str, str] | None = None) -> tuple[Actor, ...]:
    """Code each found head (and its conjuncts).  For an `agent` (actor1) a country that
    only says where the thing was ("a rocket attack in Iraq") is dropped: it is
    not who did it.  `home` is the article's (country, where it comes from: the dateline): a state organ with
    no country of its own ("the Education Department") is taken to be local."""
    actors: list[Actor] = []
    seen: set[tuple[int, int, str]] = set()
    for token, reason in found:
        for member, member_reason in _members(token, reason, agent):
            for modifier, modifier_reason in _split_modifiers(member, member_reason):
                actor = _code_one(doc, member, modifier_reason, dictionary, trigger, modifier)
                if agent and actor is not None:
                    actor = _without_platform(doc, actor, member)
                if actor is None or actor.span is None:
                    continue
                span = actor.span
                if agent and actor.country and "is where the head is" in actor.reason:
                    actor = dataclasses.replace(
                        actor, country=None,
                        unknown_reason=_join(actor.unknown_reason or "",
                                             f"country: '{actor.text}' says where, not who acted"))
                if agent and _instrument_only(actor):
                    continue  # "an IED killed ...", "a rocket attack in Iraq killed ...": not who acted
                if _event_word_only(member, actor):
                    continue  # "condemned the strikes": a happening, not who was condemned
                if home and actor.country is None and actor.sector in STATE_SECTORS and not actor.affiliation \
                        and not FOREIGN_WORDS & set(actor.text.lower().split()):
                    actor = dataclasses.replace(actor, country=home[0], unknown_reason=None,
                                                reason=_join(actor.reason, f"country {home[0]} from "
                                                             f"{home[1]} (a state organ, no country named)"))
                key = (span.start, span.end, actor.name)
                if key not in seen:
                    seen.add(key)
                    actors.append(actor)
    return _without_bracketed_restatements(doc.text, actors)


# Words that say a state organ is another country's: "foreign forces", "international troops".
FOREIGN_WORDS = frozenset({"foreign", "international", "multinational", "coalition", "allied", "peacekeeping",
                           "peacekeepers", "overseas"})


def _without_bracketed_restatements(text: str, actors: list[Actor]) -> tuple[Actor, ...]:
    """One actor for a name and its bracketed other name ("an IS (Islamic State) attack", "the
    Islamic State (IS)"): the bracketed one is the same party told again, not a second actor.  The
    longer name (the one spelt out) stands, and what the other codes fills its gaps."""
    kept: list[Actor] = []
    for actor in actors:
        before = kept[-1] if kept else None
        if before is not None and before.span is not None and actor.span is not None \
                and text[before.span.end:actor.span.start].strip() == "(" \
                and text[actor.span.end:actor.span.end + 1] == ")":
            longer, shorter = (actor, before) if len(actor.text) > len(before.text) else (before, actor)
            kept[-1] = _fill(longer, shorter, f"its other name '{shorter.text}'")
            continue
        kept.append(actor)
    return tuple(kept)


def _event_word_only(head: Token, actor: Actor) -> bool:
    """An event noun of the trigger lexicon ("strikes", "attack") with nobody named in it: the
    happening itself, which says nothing about who did it or to whom."""
    return head.pos_ == "NOUN" and actor.country is None and actor.sector is None \
        and actor.affiliation is None and match_trigger(head) is not None


def _instrument_only(actor: Actor) -> bool:
    """A weapon or an attack with no country or group behind it ("a roadside bomb")."""
    return actor.country is None and actor.affiliation is None and is_instrument(actor) \
        and not _known(actor)


def _split_modifiers(head: Token, reason: str) -> list[tuple[Token | None, str]]:
    """'US and Russian negotiators' are two actors: one per coordinated modifier."""
    for child in head.children:
        if child.dep_ in ("amod", "compound", "nmod") and child.i < head.i and child.conjuncts:
            group = [child, *child.conjuncts]
            if len(group) > 1 and all(g.i < head.i for g in group):
                return [(g, f"{reason}; modifier '{g.text}' of coordinated '{head.text}'") for g in group]
    return [(None, reason)]


# Aircraft, ships and vehicles that strike: the force that flies or sails them is who acted
# ("the warships of Europe and the United States", "Russian government planes").
PLATFORM_NOUNS = frozenset({"plane", "planes", "warplane", "warplanes", "jet", "jets", "aircraft", "helicopter",
                            "helicopters", "gunship", "gunships", "drone", "drones", "bomber", "bombers",
                            "warship", "warships", "ship", "ships", "vessel", "vessels", "tank", "tanks"})


def _operator(token: Token) -> Token | None:
    """The owner named by 'of' or a possessive on a platform noun ("warships of Europe",
    "Russia's jets"), a country, people or organisation."""
    if token.lower_ not in PLATFORM_NOUNS:
        return None
    owners = [c for c in token.children if c.dep_ == "poss"]
    owners += [p for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children
               if p.dep_ == "pobj"]
    return next((o for o in owners if o.pos_ == "PROPN" or o.ent_type_ in ("GPE", "NORP", "ORG")), None)


def _without_platform(doc: Doc, actor: Actor, head: Token) -> Actor:
    """'Russian government planes' -> 'Russian government', 'American fighter planes' -> 'American',
    'an ELN car bomb at the police academy' -> 'ELN': the words before a platform or weapon noun and
    the nouns that name its kind, when they end on a party, are who acted; the actor keeps the coding
    the whole phrase gave it."""
    weapon = head.lower_ not in PLATFORM_NOUNS
    if (weapon and not is_instrument(lookup_actor(head.text))) or actor.span is None:
        return actor
    phrase = doc.char_span(actor.span.start, actor.span.end, alignment_mode="expand")
    if phrase is None or not phrase.start <= head.i < phrase.end:
        return actor
    start, end = phrase.start, head.i
    while end - 1 > start and doc[end - 1].pos_ == "NOUN" and doc[end - 1].dep_ == "compound" \
            and not _party_word(doc[end - 1]):
        end -= 1  # "war planes", "fighter jets", "car bomb", "think tank": the thing's own name
    if end <= start or not _party_word(doc[end - 1]):
        return actor  # "massed warships", "a Clinton-related think tank": no one named just before
    words = doc[start:end]
    thing = doc[end:head.i + 1].text
    # (a coordinated modifier's actor has its own text: "Russian government" of "Russian and Syrian
    # government planes"; a phrase going on after the weapon, "... car bomb at the academy", is cut)
    text = actor.text[:-len(thing)].rstrip() if actor.text.endswith(thing) else words.text
    return dataclasses.replace(actor, text=text, span=Span(words.start_char, words.end_char, words.text),
                               reason=_join(actor.reason, f"the side {'using' if weapon else 'flying or sailing'} "
                                                          f"the '{thing}'"))


def _party_word(token: Token) -> bool:
    """A word that names a country, people or organisation ("Russian", "NATO", "government")."""
    if token.ent_type_ in ("GPE", "NORP", "ORG") or token.pos_ == "PROPN":
        return True
    coded = lookup_actor(token.text)
    return not is_instrument(coded) and bool(coded.country or coded.affiliation or coded.sector in STATE_SECTORS)


def _members(token: Token, reason: str, agent: bool = False) -> list[tuple[Token, str]]:
    """The token and its conjuncts; named members after 'including' replace the umbrella; an
    `agent` that is a platform with an owner ("the warships of Europe") is that owner."""
    owner = _operator(token) if agent else None
    if owner is not None:
        token, reason = owner, f"{reason}; owner of the '{token.text}'"
    # (the first side of a fight "between" two stands alone: its conjuncts are the other side)
    heads = [token] if reason.startswith(FIRST_SIDE) else [token] + [c for c in token.conjuncts if c.i > token.i]
    result = []
    for i, head in enumerate(heads):
        why = reason if i == 0 else f"{reason}, coordinated with '{token.text}'"
        named = [p for c in head.children if c.dep_ == "prep" and c.lower_ in MEMBER_PREPS
                 for p in c.children if p.dep_ == "pobj" and p.pos_ == "PROPN"]
        if named:
            umbrella = noun_phrase(head)
            for member in named:
                for part in [member, *member.conjuncts]:
                    result.append((part, f"{why}; member named after 'including' in '{umbrella}'"))
        else:
            result.append((head, why))
    return result


def _code_one(doc: Doc, token: Token, reason: str, dictionary: ActorDictionary,
              trigger: Token, modifier: Token | None = None) -> Actor | None:
    if token.lower_ in RELATIVE_PRONOUNS and token.head.dep_ in ("relcl", "acl") and token.i < token.head.i:
        # ("charges that he denies": the small model may call the relative clause acl)
        relative = token.lower_
        modified = token.head.head  # "militants who attacked": the noun the clause modifies
        before = doc[token.i - 2] if token.i >= 2 and doc[token.i - 1].text == "," else None
        comma = before is not None and before.pos_ == "PROPN" and before.i != modified.i
        if comma and before is not None:
            # "the strategy pursued by Russia, which will not stop bombing it": after a comma the
            # clause is about the name just before it, wherever the parser hung the clause
            modified = before
        reason = f"{reason}; relative '{token.text}' -> '{modified.text}'" + (" (the name before the comma)" if comma else "")
        token = modified
        # the noun with its modifiers, not its "in Madrid" phrase, says whether it is an actor
        words = doc[token.left_edge.i:token.i + 1].text
        coded = lookup_actor(words, dictionary)
        place = "(place " in coded.reason and coded.sector is None  # "in Aleppo, which killed 13" (tagged LANGUAGE)
        # a town is where, but a state acts ("Russia, which will not stop bombing it")
        town = token.ent_type_ in ("GPE", "LOC", "FAC") and "(country " not in coded.reason
        if relative not in ("who", "whom") and (town or place or not actor_like(coded, token, reason)):
            return None  # "the cafe which killed 13": the parser's noun is no actor; "who" names a person
    elif token.lower_ in DEMONSTRATIVES and token.pos_ in ("PRON", "DET") and (umbrella := _umbrella(token)):
        # "militias, including those targeted by the strikes": those are some of the militias
        reason = f"{reason}; '{token.text}' -> '{umbrella.text}' it is one of"
        token = umbrella
    elif token.lower_ in ANAPHORS and token.pos_ == "PRON":
        antecedent = _antecedent(doc, token)
        if antecedent is not None:
            # Code the antecedent but keep the pronoun's own span: that is where the text says it.
            start, end = _np_bounds(antecedent)
            coded = lookup_actor(doc[start:end].text, dictionary)
            span = Span(token.idx, token.idx + len(token.text), token.text)
            how = "object of the clause it is coordinated with" if antecedent.dep_ in ("dobj", "dative") \
                else "nearest earlier subject"
            return dataclasses.replace(
                coded, text=token.text, span=span,
                reason=_join(reason, f"pronoun '{token.text}' -> {how} '{doc[start:end].text}'", coded.reason))
    elif (group := _named_group_before(doc, token, dictionary) or _same_noun_before(doc, token, dictionary)) is not None:
        # "U.S. warplanes struck Houthi targets ... after the Iran-aligned group fired drones": the group
        # named last ("the coalition": the Saudi-led one named before); keep the definite noun's own span,
        # that is where the text says it
        start, end = _np_bounds(token)
        return dataclasses.replace(
            group, text=doc[start:end].text, span=Span(doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text),
                                                       doc[start:end].text),
            reason=_join(reason, f"'the {token.text}' -> named before as '{group.text}', {group.reason}"))
    if token.dep_ in ("csubj", "csubjpass") and token.pos_ in ("VERB", "AUX"):
        return None  # "what was needed from Moscow was ...": a clause, not anyone who acts
    if token.dep_ in ("nsubj", "nsubjpass") and token.tag_ == "VBG" and match_trigger(token) is not None:
        return None  # "Fighting between the ELN and dissidents has killed 40": a deed, not anyone who acts
    token = _counted_group(token)
    if (token.ent_type_ in TIME_ENTITIES and not _counted_people(token)) or not any(ch.isalnum() for ch in token.text):
        return None
    if token.lower_ in NOBODY or any(c.dep_ == "det" and c.lower_ in NOBODY for c in token.children):
        return None  # "no group has claimed responsibility": nobody is named
    start, end = _np_bounds(token)
    lookup_end = end
    modifier_of_trigger = _modifies(token, trigger)
    lookup_text = ""
    if modifier_of_trigger:
        # "Israeli airstrikes": code the modifier with the noun it modifies, but the actor's
        # words in the text are the modifier's own ("Israeli", "the IRA's"), not the event noun;
        # other modifiers between them are left out ("previous terrorist attacks": "previous" alone).
        end = min(max(t.i for t in token.subtree) + 1, trigger.i)
        while end > token.i + 1 and doc[end - 1].is_punct:
            end -= 1  # "an IS (Islamic State) attack": not "IS ("
        if reason.startswith(OWNER_VICTIM):
            # "Justice Valencia's murder": the victim is coded by his own words, not with the deed
            lookup_end = token.i + 1
        else:
            lookup_end = trigger.i + 1
            lookup_text = f"{doc[start:end].text} {trigger.text}"
    span_text = doc[start:end].text
    span = Span(doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text), span_text)
    lookup_text = lookup_text or doc[start:lookup_end].text
    if modifier is not None:  # "Russian negotiators" out of "US and Russian negotiators"
        last = max(t.i for g in [modifier, *modifier.conjuncts] for t in g.subtree)
        lookup_text = f"{doc[modifier.left_edge.i:modifier.i + 1].text} {doc[last + 1:lookup_end].text}"
    actor = lookup_actor(lookup_text, dictionary, span=span)
    if lookup_end != end:
        actor = dataclasses.replace(actor, text=span_text)
    actor = _with_apposition(actor, token, dictionary)
    named = next((c for c in token.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"), None)
    if named is not None and token.pos_ == "NOUN" and not modifier_of_trigger:
        # "Honduras's elected president, José Manuel Zelaya": the person is who the phrase is about
        n_start, n_end = _np_bounds(named)
        name = doc[n_start:n_end]
        actor = dataclasses.replace(actor, text=name.text,
                                    span=Span(name.start_char, name.end_char, name.text))
    if actor.country is None and token.pos_ == "PROPN":
        actor = _with_left_apposition(actor, doc, start, dictionary)
        actor = _with_earlier_mention(actor, doc, token, dictionary)
    actor = _with_locative(actor, trigger, dictionary)
    if actor.country is None:
        actor = _with_owner_pronoun(actor, doc, token, dictionary)
    if (token.dep_ in MODIFIER_DEPS or modifier_of_trigger) and not _names_a_party(actor) \
            and not reason.startswith(OWNER_VICTIM):
        return None  # "rocket attack", "Manchester bombing": a weapon or a place, not an actor
    if reason.startswith(MODIFIED_BY_CLAUSE) and not actor_like(actor, token, reason):
        return None  # "an opportunity to attack", "the cafe which killed": not who acted
    if reason.startswith(NOUN_TARGET) and not (actor_like(actor, token, VIA_PREP) or token.pos_ == "PROPN"):
        return None
    if reason.startswith(VIA_PREP) and not actor_like(actor, token, reason):
        return None  # "wrote on Twitter", "on Monday": not actors
    return dataclasses.replace(actor, reason=_join(reason, actor.reason))


def _modifies(token: Token, trigger: Token) -> bool:
    """A modifier of the trigger noun, or a conjunct of one ("van-and-knife attack")."""
    first = token
    while first.dep_ == "conj" and first.head is not first:
        first = first.head
    return first.dep_ in MODIFIER_DEPS and first.head.i == trigger.i


# Words that count a group rather than name it: "hundreds of thousands of Iraqis", "dozens of civilians",
# "some of these guys" -- the lexicon's count nouns, their plurals, and quantifiers.
QUANTITY_NOUNS = COUNT_NOUNS | frozenset({"hundreds", "thousands", "dozens", "scores", "millions", "lot", "lots",
                                          "some", "many", "most", "several", "few", "all", "both"})


def _counted_group(token: Token) -> Token:
    """The people a count stands for: "executed hundreds of thousands of Iraqis" -> Iraqis.  The
    count says how many; who they are (and their sector) is the "of" object."""
    for _ in range(3):
        if not (token.like_num or token.lower_ in QUANTITY_NOUNS):
            return token
        of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if obj is None:
            return token
        token = obj
    return token


def _counted_people(token: Token) -> bool:
    """A bare figure as a verb's subject or object stands for people ("wounded 71", "496 had been
    killed", "killing the three", "the slaughter of hundreds"); a figure anywhere else is a date,
    an amount or a quantity."""
    if token.ent_type_ != "CARDINAL":
        return False
    if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.pos_ == "NOUN":
        return True
    return token.dep_ in ("dobj", "nsubj", "nsubjpass", "dative") and token.head.pos_ in ("VERB", "AUX")


def _join(*parts: str) -> str:
    return "; ".join(part for part in parts if part)


def _names_a_party(actor: Actor) -> bool:
    """A modifier of an event noun that names who: a country, people or group ("US",
    "Israeli", "Taliban"), not where ("Manchester", "Kabul")."""
    first = actor.reason.split(";")[0]
    if not _known(actor):
        return "(role " in actor.reason  # "police raids", "coalition air strike", "rebel attack"
    return not any(f"({kind} " in first for kind in ("place", "capital", "region"))


def _known(actor: Actor) -> bool:
    """The dictionary recognised a country or a named group in it (not merely a role word)."""
    return actor.country is not None or actor.affiliation is not None or "org " in actor.reason \
        or "igo " in actor.reason or "person " in actor.reason


def actor_like(actor: Actor, token: Token, reason: str) -> bool:
    """A prepositional object is an actor if the dictionary knows it, it has a role word, it
    names a person ("torture against prisoners", `data/person_nouns.tsv`), or the parser calls
    it a person/organisation/place -- except after 'on', which introduces dates and media
    ("on Twitter", "on state TV") as often as targets: there only a known name, a person noun or a
    word for civilians ("opened fire on protesters", "on the crowd")."""
    if _known(actor):
        return True
    if reason.startswith(f"{VIA_PREP} 'on'"):
        return token.pos_ == "NOUN" and (is_person(token) or actor.sector == "CVL")
    return actor.sector is not None or token.pos_ == "PROPN" or token.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") \
        or (token.pos_ == "NOUN" and is_person(token))


def _np_bounds(head: Token) -> tuple[int, int]:
    """The head's noun phrase without clauses, appositions, conjuncts or leading determiners."""
    excluded = {t.i for c in head.children if _outsidenoun_phrase(c) for t in c.subtree}
    allowed = {t.i for t in head.subtree} - excluded
    start = end = head.i
    doc = head.doc
    # a line break ends a noun phrase: a headline's last word is not part of the next line's phrase
    while start - 1 in allowed and "\n" not in doc[start - 1].text_with_ws:
        start -= 1
    while end + 1 in allowed and "\n" not in doc[end].text_with_ws:
        end += 1
    # nor a preposition or relative word the parser hung inside it ("in which ... Mateen slaughtered")
    while start < head.i and (doc[start].dep_ in ("det", "punct", "cc", "predet") or doc[start].is_punct
                              or doc[start].is_space or (doc[start].pos_ == "ADP" and not _counts(doc, start))
                              or doc[start].tag_ in ("WDT", "WP")):
        start += 1
    while end > head.i and (doc[end].is_punct or doc[end].is_space):
        end -= 1
    return start, end + 1


def _counts(doc: Doc, i: int) -> bool:
    """'At least 12 civilians', 'at most five': the preposition is part of the figure."""
    return doc[i].lower_ == "at" and i + 1 < len(doc) and doc[i + 1].lower_ in ("least", "most")


def _outsidenoun_phrase(child: Token) -> bool:
    if child.dep_ == "punct":
        return child.text not in HYPHENS | QUOTES  # keep "al-Shuhada" and the "Islamic State" group whole
    if child.dep_ in NP_EXCLUDE:
        return True
    if child.dep_ == "amod" and child.i > child.head.i and child.n_rights:
        return True  # "explosives strapped to their bodies": a participle clause the parser calls amod
    if child.dep_ == "prep":
        if child.lower_ in MEMBER_PREPS:
            return True
        return any(p.ent_type_ in TIME_ENTITIES for p in child.children if p.dep_ == "pobj")
    return child.dep_ == "npadvmod" and child.ent_type_ in TIME_ENTITIES


def noun_phrase(head: Token) -> str:
    start, end = _np_bounds(head)
    return head.doc[start:end].text


def _with_apposition(actor: Actor, head: Token, dictionary: ActorDictionary) -> Actor:
    """'a spokesman for the mission, Col. Wayne Marotto': the apposition fills gaps."""
    if actor.country and _strong_sector(actor):
        return actor
    for child in head.children:
        if child.dep_ != "appos":
            continue
        other = lookup_actor(noun_phrase(child), dictionary)
        country = actor.country or other.country
        sector = other.sector if _strong_sector(other) and not _strong_sector(actor) else actor.sector
        sector = sector or other.sector
        if (country, sector) != (actor.country, actor.sector):
            note = f"apposition '{noun_phrase(child)}' gives {other.country or '-'}/{other.sector or '-'}"
            return dataclasses.replace(actor, country=country, sector=sector,
                                       reason=_join(actor.reason, note), unknown_reason=None
                                       if country and sector else actor.unknown_reason)
    return actor


def _with_owner_pronoun(actor: Actor, doc: Doc, token: Token, dictionary: ActorDictionary) -> Actor:
    """'Russia's defence ministry said its forces had struck ...': the owner a possessive pronoun stands
    for gives the country of "its forces", "their fighters"; an armed group's man ("a Fano commander
    ... his forces") makes them that group's."""
    owner = next((c for c in token.children if c.dep_ == "poss" and c.lower_ in ("its", "their", "his", "her")), None)
    antecedent = _antecedent(doc, owner) if owner is not None else None
    if owner is None or antecedent is None:
        return actor
    start, end = _np_bounds(antecedent)
    other = lookup_actor(doc[start:end].text, dictionary)
    note = f"'{owner.text}' -> '{doc[start:end].text}'"
    if other.sector in ARMED_GROUP_SECTORS and other.name and actor.sector in STATE_SECTORS | ARMED_GROUP_SECTORS \
            and "(role " in actor.reason:
        # "A Fano commander claimed his forces had killed ...": the forces are the group's, not the state's
        return dataclasses.replace(actor, name=other.name, country=other.country, sector=other.sector,
                                   unknown_reason=None, reason=_join(actor.reason, f"{note}, whose group it is"))
    if owner.lower_ in ("his", "her"):
        return actor  # a person's country says little of "his men"; only a group's does
    return _fill(actor, other, note) if other.country else actor


def _fill(actor: Actor, other: Actor, note: str) -> Actor:
    """Take the country (and a stronger sector) from `other`, saying where from."""
    sector = other.sector if other.sector and not _strong_sector(actor) else actor.sector
    country = actor.country or other.country
    unknown = None if country and sector else actor.unknown_reason
    note = f"{note} gives {other.country or '-'}/{other.sector or '-'}"
    return dataclasses.replace(actor, country=country, sector=sector, unknown_reason=unknown,
                               affiliation=actor.affiliation or other.affiliation,
                               reason=_join(actor.reason, note))


def _with_left_apposition(actor: Actor, doc: Doc, start: int, dictionary: ActorDictionary) -> Actor:
    """'A Pentagon spokeswoman, Navy Cmdr. Jessica McNulty, said': the parser often
    leaves the title phrase before a name unattached (or cuts a sentence at
    "Cmdr."); read the words before the name when no verb intervenes."""
    first = doc[start].sent.start
    while first > 0:
        previous = doc[first - 1].sent
        if any(t.pos_ in ("VERB", "AUX") for t in previous) or "\n" in previous.text:
            break
        first = previous.start
    prefix = doc[first:start]
    if not prefix.text.strip() or prefix[0].pos_ == "ADP" or not prefix.text.rstrip().endswith((",", ".")) or \
            any(t.pos_ in ("VERB", "AUX") for t in prefix):
        return actor
    other = lookup_actor(prefix.text, dictionary)
    if not other.country:
        return actor
    return _fill(actor, other, f"title phrase '{prefix.text.strip()}' before the name")


def _with_earlier_mention(actor: Actor, doc: Doc, head: Token, dictionary: ActorDictionary) -> Actor:
    """'Marotto later tweeted': the same name introduced earlier with a title ('a
    spokesman for the US military mission, Col. Wayne Marotto') -- coreference by name."""
    for earlier in reversed(doc[:head.i]):
        if earlier.text != head.text or earlier.pos_ != "PROPN":
            continue
        holder = earlier  # climb to the phrase the name sits in
        while holder.dep_ in ("appos", "compound", "pobj", "prep", "flat", "acl") and holder.head is not holder:
            holder = holder.head
        start, end = _np_bounds(holder)
        phrase = doc[start:max(end, earlier.i + 1)].text
        other = lookup_actor(phrase, dictionary)
        if not other.country:
            other = _with_left_apposition(other, doc, start, dictionary)
        if other.country:
            return _fill(actor, other, f"earlier mention '{phrase}'")
    return actor


def _strong_sector(actor: Actor) -> bool:
    """The sector came from a name or an organisation noun, not from "spokesman"."""
    return any(f"sector {actor.sector} from '" in part and f"({kind} " in part
               for part in actor.reason.split("; ") for kind in ("role", "org", "igo", "person"))


def _with_locative(actor: Actor, trigger: Token, dictionary: ActorDictionary) -> Actor:
    """'In Iran, foreign ministry spokesman X accused ...': a state organ takes that country."""
    if actor.country or actor.sector not in STATE_SECTORS or is_instrument(actor):
        return actor  # "In Mogadishu, mortar shells landed": a weapon has no state
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ == "in" and prep.i < verb.i:
            for pobj in prep.children:
                place = lookup_actor(pobj.text, dictionary)
                if place.country and pobj.ent_type_ in ("GPE", "LOC", "NORP", ""):
                    return dataclasses.replace(
                        actor, country=place.country, unknown_reason=None,
                        reason=_join(actor.reason, f"country {place.country} from fronted 'In {pobj.text}'"))
    return actor


def _parallel_object(pronoun: Token) -> Token | None:
    """'two people approached Valencia and began shooting at him': an object pronoun in a clause
    coordinated with an earlier one stands for that clause's one person object."""
    verb = pronoun.head.head if pronoun.dep_ == "pobj" else pronoun.head
    for _ in range(4):
        if verb.dep_ == "conj" and verb.head is not verb:
            first = verb.head
            objects = [c for c in first.children if c.dep_ in ("dobj", "dative") and c.tag_ in ("NN", "NNP")]
            persons = [o for o in objects if _person_like(o)]
            return persons[0] if len(persons) == 1 else None
        if verb.dep_ not in ("xcomp", "advcl") or verb.head is verb:
            return None
        verb = verb.head
    return None


def _clause_subjects(verb: Token) -> set[int]:
    """Token indices of the subject of the clause `verb` heads; a subjectless participle or
    coordinated verb ("put bags over her head, beating and kicking them") shares its governor's."""
    for _ in range(4):
        subjects = {c.i for c in verb.children if c.dep_ in SUBJECT_DEPS}
        if subjects or verb.dep_ not in ("conj", "advcl", "xcomp") or verb.head is verb:
            return subjects
        verb = verb.head
    return set()


def _person_like(token: Token) -> bool:
    """Who "he" or "she" can stand for: a PERSON, a person noun or title, or a name that is no place,
    organisation or people."""
    return token.ent_type_ == "PERSON" or _person_noun(token) or (
        token.pos_ == "PROPN" and token.ent_type_ not in ("GPE", "ORG", "NORP", "LOC", "FAC"))


def _person_noun(token: Token) -> bool:
    """'spokesman', 'Blinken', 'man': a title or a person the dictionary lists, or a person noun."""
    if is_person(token):
        return True
    actor = lookup_actor(token.text)
    return actor.sector is not None and ("(title " in actor.reason or "(person " in actor.reason)


def _umbrella(pronoun: Token) -> Token | None:
    """The noun a demonstrative picks members of: "militias including those ...", "those among the
    rebels", "some of those": None when the parse shows no such noun."""
    prep = pronoun.head
    if pronoun.dep_ != "pobj" or prep.lower_ not in ("including", "among", "like"):
        return None
    noun = prep.head
    return noun if noun.pos_ in ("NOUN", "PROPN") else None


# Nouns by which a story names again an armed group it has named: "the group", "the militia".
GROUP_NOUNS = frozenset({"group", "militia", "movement", "faction", "outfit", "organisation", "organization"})
# Sectors of the groups such a noun can stand for.
ARMED_GROUP_SECTORS = frozenset({"REB", "INS", "SEP"})


def _named_group_before(doc: Doc, noun: Token, dictionary: ActorDictionary) -> Actor | None:
    """The armed group a definite group noun ("the group", "the Iran-aligned group") stands for: the
    nearest group named before it, in its sentence or up to three before it in the paragraph.  None
    when the noun names its group itself ("the group Hamas", "the Wagner group", "the group's leader"
    is the owner's business) or says which kind it is ("a rights group", "the group of protesters")."""
    if noun.lemma_.lower() not in GROUP_NOUNS or noun.pos_ != "NOUN" or noun.tag_ != "NN" \
            or not any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children) \
            or any(c.dep_ in ("compound", "poss", "appos", "prep", "nmod") for c in noun.children):
        return None
    floor = _search_floor(doc, noun)
    paragraph = max((t.i + 1 for t in doc[floor:noun.i] if "\n\n" in t.text_with_ws), default=floor)
    for entity in reversed([e for e in doc.ents if e.label_ in ("ORG", "NORP") and paragraph <= e.start and e.end <= noun.i]):
        coded = lookup_actor(entity.text, dictionary)
        if coded.sector in ARMED_GROUP_SECTORS and coded.name:
            return coded
    return None


def _same_noun_before(doc: Doc, noun: Token, dictionary: ActorDictionary) -> Actor | None:
    """The actor a bare definite noun names again ("the coalition" after "the Saudi-led coalition"): the
    nearest earlier use of the same noun with words of its own that give it a country."""
    if noun.pos_ != "NOUN" or not any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children) \
            or any(c.dep_ != "det" for c in noun.children if c.i < noun.i) \
            or lookup_actor(noun.text, dictionary).country:
        return None
    for earlier in reversed(doc[:noun.i]):
        if earlier.lemma_ != noun.lemma_ or earlier.pos_ != "NOUN":
            continue
        if not any(c.dep_ in ("amod", "compound", "nmod", "poss") and c.i < earlier.i for c in earlier.children):
            continue
        start, _end = _np_bounds(earlier)
        coded = lookup_actor(doc[start:earlier.i + 1].text, dictionary)
        if coded.country:
            return coded
        return None  # the nearest named one decides
    return None


def _search_floor(doc: Doc, token: Token) -> int:
    """The first token of the sentence MAX_SENTENCES_BACK before the token's: how far back an antecedent
    is looked for."""
    sentence_starts = [s.start for s in doc.sents]
    current = max(i for i, s in enumerate(sentence_starts) if s <= token.i)
    return sentence_starts[max(0, current - MAX_SENTENCES_BACK)]


def _antecedent(doc: Doc, pronoun: Token) -> Token | None:
    """Nearest earlier non-pronoun subject in this sentence or up to three before it (same paragraph)."""
    floor = _search_floor(doc, pronoun)
    form = PRONOUN_FORMS.get(pronoun.lower_, pronoun.lower_)
    if form in ("he", "she") and pronoun.dep_ in ("dobj", "pobj", "dative"):
        parallel = _parallel_object(pronoun)
        if parallel is not None:
            return parallel
    bound = _clause_subjects(pronoun.head)
    plural = form == "they"
    named: Token | None = None  # "they" for a name in the singular, if no plural subject comes first
    for i in range(pronoun.i - 1, floor - 1, -1):
        candidate = doc[i]
        if "\n\n" in candidate.text_with_ws and i < pronoun.i - 1:
            break  # paragraph boundary
        if candidate.dep_ not in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS:
            continue
        if pronoun.dep_ in ("dobj", "dative") and candidate.i in bound:
            continue  # "soldiers beat him": an object pronoun is never its own clause's subject
        if candidate.pos_ == "PRON":
            if candidate.lower_ not in RELATIVE_PRONOUNS or candidate.head.dep_ != "relcl" \
                    or candidate.head.head.pos_ not in ("NOUN", "PROPN"):
                continue
            candidate = candidate.head.head  # "terrorists who secured weapons for their slaughter"
        # ("the Huthis", "the Kurds": a people or group named in the plural, which the tagger calls NNP)
        is_plural = candidate.tag_ in ("NNS", "NNPS") or (
            candidate.tag_ == "NNP" and candidate.lower_.endswith("s") and not candidate.lower_.endswith("ss")
            and any(c.dep_ == "det" and c.lower_ == "the" for c in candidate.children))
        person = _person_like(candidate)
        if form in ("he", "she") and (is_plural or not person):
            continue
        if form == "it" and (is_plural or candidate.ent_type_ == "PERSON"):
            continue
        if plural and not is_plural:
            # "the Huthis ... in Gaza, where Israel has been at war ... they hijacked": a group named in the
            # plural before a name in the singular
            if candidate.pos_ == "PROPN" and named is None:
                named = candidate
            continue
        return candidate
    return named
