"""Stage actors: who acts (actor1) on whom (actor2), from the dependency parse.

For each mention the trigger's arguments are read off the parse; the phrase
module (`actor_phrases.py`) expands each to its noun phrase and codes it with
`lookup_actor` (`actor_lookup.py`, the dictionary in `data/actors.tsv`).

Verb triggers
- actor1: nsubj; the "by" agent of a passive; a verb without a subject of its
  own borrows it from the verb it is coordinated with or complements ("vowed
  to avenge", "is ready to contribute") or from the noun its clause modifies
  ("militias that attacked"), the owner of a plan ("the IRA's decision to
  carry out") or the object of a call ("called on Muslims to kill") --
  `actor_clauses.py`; none for a participle on a noun ("the soldiers
  killed"), whose noun is actor2;
- actor2, in tiers (the first that finds something wins): the passive subject,
  an object, or the object of against/on/at/into...; the object of to/with when
  the verb's object is a thing ("sent experts to Saudi Arabia"); when the
  object is a thing, what its clause names ("a report accusing the army",
  "threats made by X"), the country where a measure applies ("a curfew in
  Montenegro", as CAMEO coders do) or a target one phrase down ("called for
  revenge against the US"); the subject of a non-finite object clause ("found
  X guilty"); the target of a complement verb ("threatened to break relations
  with Russia"); coordinated verbs share an object ("beating and kicking
  them"); a weapon that is set off or fired is no target, and "on/at X" after
  a harmed person is where, not whom ("wounding 13 people on a street").
Noun triggers ("US airstrikes on Iran-backed militias"): `actor_nouns.py`.
Everything
- coordination gives a list ("Kata'ib Hezbollah and Kata'ib Sayyid al-Shuhada",
  "US and Russian negotiators"); named members after "including" replace the
  umbrella term; appositions, a title phrase before a name, an earlier mention
  of the same name and a fronted "In Iran," fill a missing country; pronouns
  take the object of the clause they are coordinated with ("approached the
  judge and began shooting at him"), else the nearest earlier subject of the
  paragraph that agrees in number and person; the person owning a personal
  deed is its victim ("Valencia's murder"); an attacker named by the aircraft or
  ships it used is the force named on them ("Russian war planes" -> Russian, "the
  warships of Europe" -> Europe).  Each actor carries its span and a
  reason naming every rule used.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from spacy.tokens import Token

from eventscope.model import ActorRoles, Mention
from eventscope.ontology import HOSTILE_TYPES
from eventscope.stages.actor_clauses import (
    DEVICE_OBJECT_VERBS,
    OBJECT_DEPS,
    device_subject,
    inherited_subject,
    is_passive,
    passive_complement,
    reduced_passive,
)
from eventscope.stages.actor_dictionary import ActorDictionary, load_dictionary
from eventscope.stages.actor_lookup import is_instrument, lookup_actor
from eventscope.stages.actor_nouns import TARGET_PREPS, UNDERGO_VERBS, known_phrase, noun_arguments
from eventscope.stages.actor_phrases import (
    PASSIVE_SUBJECT_DEPS,
    SUBJECT_DEPS,
    VIA_PREP,
    Found,
    actor_like,
    code_actors,
    noun_phrase,
)
from eventscope.stages.actor_victims import claim_victims
from eventscope.stages.lexicon import trigger_code
from eventscope.stages.nlp import ParsedArticle
from eventscope.stages.where_focus import dateline_span
from eventscope.stages.where_site import site_kinds

__all__ = ["claim_victims", "lookup_actor", "resolve_actors"]

PARTNER_PREPS = frozenset({"to", "with"})
# Verbs whose subject undergoes the event ("Scores died"): the subject is actor2.
PATIENT_SUBJECT_VERBS = frozenset({"die", "perish", "drown", "succumb", "starve", "suffocate"})
# Verbs whose object is the weapon used ("detonated a car bomb", "fired rockets").
WEAPON_VERBS = frozenset({"detonate", "explode", "fire", "launch", "plant", "hurl", "throw", "drop", "set", "lob",
                          "use", "deploy", "carry", "trigger", "pelt"})
# What rioters throw: no weapon an actor is named by, but never the target ("threw stones at police").
THROWN_NOUNS = frozenset({"stone", "rock", "brick", "firework", "bottle", "projectile", "debris", "molotov", "egg"})


# "a vehicle hit a landmine", "their truck struck the device": who or what touched it off was hit.
CONTACT_VERBS = frozenset({"hit", "strike"})
MINE_WORDS = frozenset({"mine", "landmine", "device", "ied", "bomb", "explosive"})


def _set_off_by_contact(verb: Token) -> bool:
    return verb.lemma_.lower() in CONTACT_VERBS and any(
        c.dep_ == "dobj" and c.lemma_.lower() in MINE_WORDS for c in verb.children)


NOMINAL_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "appos", "attr", "compound"})


def resolve_actors(parsed: ParsedArticle, mentions: Iterable[Mention],
                   dictionary: ActorDictionary | None = None) -> dict[str, ActorRoles]:
    """actor1/actor2 for every mention, keyed by mention id."""
    dictionary = dictionary or load_dictionary()
    home = _dateline_country(parsed, dictionary)
    # "DHAKA, Bangladesh (AP) — Police fired ...": the parser may join the dateline to the subject
    opening = dateline_span(parsed.article.text)
    return {m.id: _roles(parsed, m, dictionary, home, opening) for m in mentions}


def _dateline_country(parsed: ParsedArticle, dictionary: ActorDictionary) -> tuple[str, str] | None:
    """(ISO3, where it comes from) when the dateline names a country or its places ("WASHINGTON").  A
    dateline whose country the body never names, while the body names another country at least twice,
    says where the report was filed ("BANGKOK (AP) — A Myanmar military jet bombed ..."): that other
    country is the one whose state organs the story is about."""
    dateline = parsed.article.dateline
    named = _countries_named(parsed, dictionary)
    if not dateline:
        # no dateline: a country the story names again and again, far more than any other, is its own
        ranked = named.most_common(2)
        if ranked and ranked[0][1] >= STORY_COUNTRY_MIN and (
                len(ranked) == 1 or ranked[0][1] >= STORY_COUNTRY_LEAD * ranked[1][1]):
            return ranked[0][0], f"the country the story names ({ranked[0][1]} times; no dateline)"
        return None
    place = lookup_actor(dateline.title() if dateline.isupper() else dateline, dictionary)
    if not place.country or place.country not in dictionary.countries:
        return None
    top = named.most_common(1)
    if not named[place.country] and top and top[0][1] >= 2:
        return top[0][0], f"the country the story names ({top[0][1]} times; the dateline '{dateline}' is where it was filed)"
    return place.country, f"the dateline '{dateline}'"


# Times a story without a dateline must name a country to be taken as the country it is about, and how many
# times as often as the next country (a story of two countries' war names both about as often).
STORY_COUNTRY_MIN = 3
STORY_COUNTRY_LEAD = 1.5


def _countries_named(parsed: ParsedArticle, dictionary: ActorDictionary) -> Counter[str]:
    """How often the body (not the dateline) names each country, by its name or a place of it."""
    named: Counter[str] = Counter()
    start, end = dateline_span(parsed.article.text)
    for ent in parsed.doc.ents:
        if start <= ent.start_char < end:
            continue
        country = lookup_actor(ent.text, dictionary).country
        # besides places, a country's own name the small model tags a person or an organisation ("Niger")
        own_name = country is not None and dictionary.countries.get(country, "").casefold() == ent.text.casefold()
        if (ent.label_ in ("GPE", "NORP", "LOC") or own_name) and country in dictionary.countries:
            named[country] += 1
    return named


def _roles(parsed: ParsedArticle, mention: Mention, dictionary: ActorDictionary,
           home: tuple[str, str] | None = None, opening: tuple[int, int] = (0, 0)) -> ActorRoles:
    """The mention's actor1/actor2; `opening` is the dateline's (start, end), whose words are no actor."""
    doc = parsed.doc
    trigger = doc[mention.trigger_token]
    if _is_noun(trigger):
        a1, a2, why = noun_arguments(trigger, violent=mention.plover in HOSTILE_TYPES)
    else:
        a1, a2, why = _verb_arguments(trigger)
    a1, a2 = _past_the_dateline(a1, opening), _past_the_dateline(a2, opening)
    actor1 = code_actors(doc, a1, dictionary, trigger, agent=True, home=home)
    actor2 = code_actors(doc, a2, dictionary, trigger, home=home)
    return ActorRoles(actor1=actor1, actor2=actor2, reason="; ".join(why))


def _past_the_dateline(found: list[tuple[Token, str]], dateline: tuple[int, int]) -> list[tuple[Token, str]]:
    """The arguments outside the dateline.  The parser may make the dateline's city the subject and the
    real one its apposition ("MOGADISHU (AFP) - Al-Shabaab gunmen attacked ..."): that one stands."""
    start, end = dateline
    out = []
    for token, reason in found:
        if not start <= token.idx < end:
            out.append((token, reason))
            continue
        after = next((c for c in token.children if c.dep_ == "appos" and c.idx >= end), None)
        if after is not None:
            out.append((after, f"{reason}; the apposition after the dateline"))
    return out


def _is_noun(trigger: Token) -> bool:
    """A nominal trigger; the tagger sometimes calls "airstrikes" a verb, its relation does not.  A
    direct object says the opposite: in "fight IS and battle one another" "battle" is a verb."""
    if any(c.dep_ == "dobj" for c in trigger.children):
        return False
    return trigger.tag_.startswith("NN") or trigger.dep_ in NOMINAL_DEPS


# ---------------------------------------------------------------------------
# Finding argument head tokens.  Each finder returns (token, reason) pairs.


REFLEXIVE_PRONOUNS = frozenset({"himself", "herself", "themselves", "itself", "myself", "ourselves", "yourself"})


def _verb_arguments(verb: Token) -> tuple[Found, Found, list[str]]:
    a1: Found = []
    patient_subject: Found = []
    # "Elie Wiesel passed away": a phrasal verb of dying has its patient as subject too
    dying = verb.lemma_.lower() in PATIENT_SUBJECT_VERBS or (
        verb.lemma_.lower() == "pass" and any(c.lower_ == "away" for c in verb.children)) \
        or _set_off_by_contact(verb) or _absolute_passive(verb)
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS and dying:
            patient_subject.append((child, f"nsubj of '{verb.text}', who undergoes it"))
        elif child.dep_ in SUBJECT_DEPS and _elided_passive(verb):
            patient_subject.append((child, f"subject of '{verb.text}', a passive that shares "
                                           f"'{verb.head.text}''s auxiliary"))
        elif child.dep_ in SUBJECT_DEPS:
            a1.append((child, f"nsubj of '{verb.text}'"))
        elif child.dep_ == "agent":
            a1 += [(p, f"agent 'by' of '{verb.text}'") for p in child.children if p.dep_ == "pobj"]
    a1 = [_doer_of_deed(token, reason) for token, reason in _one_subject(verb, a1)]
    if not a1 and _is_passive_clause(verb):
        a1 = _stray_agent(verb)
    if not a1 and verb.tag_ == "VBN":
        a1 = _shared_agent(verb)
    why: list[str] = []
    device = device_subject(verb)
    if device:
        a1 = []  # "the bomb exploded": the subject is the weapon; "a man detonated it" has an object
    if not a1 and not patient_subject:
        a1 = _agent_of_attack_noun(verb)
    # A clause of its own whose subject is the weapon ("police defused it before it exploded") takes no
    # doer from the clause it hangs on; a conjunct may ("the bomber approached and his vest exploded").
    if not a1 and not patient_subject and not (device and verb.dep_ in ("advcl", "relcl", "ccomp")):
        a1, inherited = inherited_subject(verb)
        if inherited:
            why.append(inherited)
    if not a1 and verb.dep_ == "acl" and verb.i > verb.head.i and verb.head.pos_ in ("NOUN", "PROPN") \
            and any(c.dep_ == "dobj" for c in verb.children) and not any(c.dep_ in SUBJECT_DEPS for c in verb.children):
        # "Armed youths killed at least 32 people" parsed as a noun with a participle: a participle with
        # an object of its own is active, and the noun it hangs on did it
        a1 = [(verb.head, f"the noun '{verb.head.text}' that '{verb.text}' (with its object) hangs on")]
    if not a1 and _stranded_predicate(verb):
        a1 = [(verb.head, f"the noun '{verb.head.text}' that past-tense '{verb.text}' hangs on")]
    a2 = patient_subject or _verb_targets(verb)
    # "a suicide bomber blew himself up", "killed himself": the doer, not a victim of his own act
    a2 = [(t, r) for t, r in a2 if t.lower_ not in REFLEXIVE_PRONOUNS]
    if verb.lemma_.lower() in DEVICE_OBJECT_VERBS:
        # "carried the bombs ... before detonating them", "defused it": the pronoun is the device
        a2 = [(t, r) for t, r in a2 if not (t.dep_ in OBJECT_DEPS and t.head.i == verb.i and t.pos_ == "PRON")]
    if not a2:
        # "bombarding and starving people", "beating and kicking them": coordinated verbs share the object
        a2 = [(o, f"dobj of '{c.text}', coordinated with '{verb.text}'") for c in verb.children
              if c.dep_ == "conj" and c.pos_ == "VERB" for o in c.children if o.dep_ in OBJECT_DEPS and _is_party(o)]
    if not a2 and verb.dep_ == "conj" and verb.tag_ == "VBN":
        # "opponents can be thrown in jail or exterminated": the passive subject is shared
        a2 = [(c, f"passive subject of '{verb.head.text}', shared by '{verb.text}'")
              for c in verb.head.children if c.dep_ in PASSIVE_SUBJECT_DEPS]
    if not a2 and reduced_passive(verb):
        a2 = [(verb.head, f"noun modified by passive '{verb.text}'")]
    if not a2 and passive_complement(verb):
        a2 = [(c, f"subject of '{verb.head.text}', who was '{verb.text}'") for c in verb.head.children
              if c.dep_ in ("nsubj", "nsubjpass") and _is_party(c)]
    described = verb.head
    while described.pos_ == "ADJ" and described.dep_ == "amod" and described.head.i != described.i:
        described = described.head  # "the slain military officials": parsed as modifying "military"
    if not a2 and verb.dep_ == "amod" and verb.tag_ in ("VBN", "JJ") and described.pos_ in ("NOUN", "PROPN") \
            and _is_party(described):
        a2 = [(described, f"noun described as '{verb.text}'")]  # "the slain generals", "wounded soldiers"
    wound = verb.head
    if not a2 and verb.dep_ == "amod" and wound.dep_ in OBJECT_DEPS and wound.head.lemma_.lower() in UNDERGO_VERBS:
        # "Anton Erygin suffered fatal wounds": who suffered them
        a2 = [(c, f"nsubj of '{wound.head.text}' the {verb.text} {wound.text}") for c in wound.head.children
              if c.dep_ in SUBJECT_DEPS]
    if not a2:
        # "threatened to break relations with Russia", "is ready to send troops to X":
        # the complement verb's target.
        complements = [c for c in verb.children if c.dep_ == "xcomp"]
        complements += [x for c in verb.children if c.dep_ == "acomp" for x in c.children if x.dep_ == "xcomp"]
        for comp in complements:
            if comp.pos_ in ("VERB", "AUX"):
                a2 = [(t, f"{r}, complement of '{verb.text}'") for t, r in _verb_targets(comp)]
                if a2:
                    break
    if not a2 and verb.dep_ in ("acl", "relcl") and is_passive(verb):
        a2.append((verb.head, f"noun modified by passive '{verb.text}'"))
    return a1, a2, why


PARTITIVE_HEADS = frozenset({"some", "most", "many", "all", "several", "one", "none", "half", "few", "both"})
PARTITIVE_PRONOUNS = frozenset({"them", "whom", "those", "these"})


def _absolute_passive(verb: Token) -> bool:
    """"four civilians had been killed, two of them beheaded": a participle after a comma, with no
    auxiliary or object, whose subject picks some of those just named, tells what was done to them."""
    if verb.tag_ not in ("VBD", "VBN") or any(c.dep_ in ("aux", "auxpass", "dobj") for c in verb.children):
        return False
    for subject in (c for c in verb.children if c.dep_ in SUBJECT_DEPS and c.i < verb.i):
        if _headline_passive(verb, subject):
            return True
        partitive = subject.tag_ == "CD" or subject.lower_ in PARTITIVE_HEADS
        of_them = any(p.dep_ == "prep" and p.lower_ == "of" and any(o.lower_ in PARTITIVE_PRONOUNS for o in p.children)
                      for p in subject.children)
        if partitive and of_them and subject.left_edge.i > 0 and verb.doc[subject.left_edge.i - 1].text == ",":
            return True
    return False


# Deeds done to people that a count alone cannot do without an object: "Dozens detained as ...".
HEADLINE_PASSIVE_VERBS = frozenset({"kill", "detain", "arrest", "wound", "injure", "abduct", "kidnap", "hurt",
                                    "shoot", "capture", "displace", "evacuate", "free", "release", "rescue",
                                    "ambush", "behead", "execute", "massacre", "lynch", "torture", "stab"})
COUNT_WORDS = frozenset({"dozens", "scores", "hundreds", "thousands", "many", "several"})
# Deeds a building or a road can undergo but never do: "Istanbul airport attacked", "Kabul hospital bombed".
SITE_PASSIVE_VERBS = frozenset({"attack", "bomb", "shell", "raid", "storm", "torch", "burn", "loot", "hit",
                                "strike", "target", "destroy", "damage", "ransack", "vandalize", "besiege"})


def _headline_passive(verb: Token, subject: Token) -> bool:
    """"Dozens detained as young demonstrators accuse ...", "Five killed in Kabul blast": a count (bare
    or of people) as the subject of a deed done to people, with no auxiliary and no object, is who
    underwent it.  So is a site noun ("Istanbul airport attacked"): a building does not attack."""
    lemma = verb.lemma_.lower()
    if subject.pos_ == "NOUN" and subject.lemma_.lower() in site_kinds():
        return lemma in SITE_PASSIVE_VERBS
    count = (subject.tag_ == "CD" or subject.ent_type_ == "CARDINAL" or subject.lower_ in COUNT_WORDS) \
        and not any(c.dep_ in ("prep", "compound", "amod") for c in subject.children)
    # "Two journalists shot dead in Mexico", "Five soldiers killed in ambush": people counted
    counted = subject.pos_ == "NOUN" and any(c.dep_ == "nummod" for c in subject.children)
    aimed = any(c.dep_ == "prep" and c.lower_ == "at" for c in verb.children)  # "two gunmen shot at the crowd"
    return (count or counted) and lemma in HEADLINE_PASSIVE_VERBS and not aimed


def _stranded_predicate(verb: Token) -> bool:
    """"The rebels attacked at dawn, residents said": the parser made the verb a participle on a noun
    it could hang on nothing (dep "dep"), yet tagged it past tense; that noun is its subject.  A count
    ("Five soldiers ambushed near Gao, officials said"), a site, or a deed done to people reads as a
    headline passive instead."""
    noun = verb.head
    return verb.dep_ == "acl" and verb.tag_ == "VBD" and verb.i > noun.i and noun.dep_ == "dep" \
        and noun.pos_ in ("NOUN", "PROPN") and _is_party(noun) \
        and not any(c.dep_ == "nummod" or c.tag_ == "CD" for c in noun.children) \
        and noun.lemma_.lower() not in site_kinds() and verb.lemma_.lower() not in HEADLINE_PASSIVE_VERBS \
        and not any(c.dep_ in SUBJECT_DEPS for c in verb.children)


def _one_subject(verb: Token, found: Found) -> Found:
    """A clause has one subject (coordinated ones hang on it as conjuncts), so two subjects of one verb
    are a misparse: "the act of war, in which Mateen slaughtered 49" lent the verb its antecedent.  The
    subject nearest before the verb is the one its clause gives."""
    subjects = [(t, r) for t, r in found if t.dep_ in SUBJECT_DEPS]
    if len(subjects) < 2:
        return found
    # "The assailants, armed with rifles, hand grenades and night-vision gear, struck the post": the
    # weapons of the participle are no subject when a party is
    parties = [(t, r) for t, r in subjects if _is_party(t)]
    subjects = parties or subjects
    before = [(t, r) for t, r in subjects if t.i < verb.i]
    keep = max(before, key=lambda pair: pair[0].i) if before else min(subjects, key=lambda pair: pair[0].i)
    return [(t, r) for t, r in found if t.dep_ not in SUBJECT_DEPS or t.i == keep[0].i]


def _stray_agent(verb: Token) -> Found:
    """The 'by' phrase of a passive that the parser hung on the noun of another phrase ("were shot
    dead in their home by Azerbaijani special forces", "killed in an ambush by rebels"): a party
    named there is the agent.  A thing is not ("wounded near the market by a roadside bomb")."""
    found: Found = []
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ != "by"):
        for noun in (p for p in prep.children if p.dep_ == "pobj"):
            found += [(agent, f"'by' after '{prep.text} {noun.text}' of passive '{verb.text}'")
                      for by in noun.children if by.dep_ == "prep" and by.lower_ == "by"
                      for agent in by.children if agent.dep_ == "pobj" and _is_party(agent)]
    return found


def _shared_agent(verb: Token) -> Found:
    """Coordinated passives share their 'by' phrase: "were beaten and detained by police", "were
    detained by police and beaten".  The parser hangs it on one of them only.  A party only: in
    "victimized by a violent crime, and 40 percent would be injured" the crime injured nobody itself."""
    partners = [c for c in verb.children if c.dep_ == "conj" and c.tag_ == "VBN"]
    if verb.dep_ == "conj" and verb.head.tag_ == "VBN":
        partners.append(verb.head)
    if not any(_is_passive_clause(v) for v in (verb, *partners)):
        return []  # "police have beaten and detained": active, the subject acts
    return [(p, f"agent 'by' of '{partner.text}', coordinated with passive '{verb.text}'")
            for partner in partners for by in partner.children if by.dep_ == "agent"
            for p in by.children if p.dep_ == "pobj" and _is_party(p)]


def _elided_passive(verb: Token) -> bool:
    """'11 soldiers were killed and several vehicles destroyed': a participle coordinated with a
    passive, with no auxiliary of its own, is passive too; its subject is what was destroyed."""
    return verb.tag_ == "VBN" and verb.dep_ == "conj" and _is_passive_clause(verb.head) \
        and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)


def _is_passive_clause(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", *PASSIVE_SUBJECT_DEPS) for c in verb.children)


def _shared_passive_subject(verb: Token) -> Found:
    """"Two men were shot and killed": the second participle's patient is the first one's passive subject."""
    if verb.dep_ != "conj" or verb.tag_ != "VBN" or not _is_passive_clause(verb.head) \
            or any(c.dep_ in (*SUBJECT_DEPS, *PASSIVE_SUBJECT_DEPS) for c in verb.children):
        return []
    return [(c, f"passive subject of '{verb.head.text}', coordinated with '{verb.text}'")
            for c in verb.head.children if c.dep_ in PASSIVE_SUBJECT_DEPS]


# Objects that are part of the verb's idiom, never what it was done to.
IDIOM_OBJECTS = frozenset({("open", "fire"), ("return", "fire"), ("cease", "fire"), ("hold", "fire")})


# Words that rank an event among others: ", the latest in a string of kidnappings", ", the third this year".
RANKING_WORDS = frozenset({"latest", "first", "second", "third", "fourth", "fifth", "last", "deadliest",
                           "worst", "biggest", "largest", "most"})
# ... or that says what the telling of it is: ", a claim Moscow denied", ", a move condemned by ...".
TELLING_NOUNS = frozenset({"claim", "assertion", "allegation", "accusation", "charge", "move", "step",
                           "decision", "development", "escalation"})


def _describes_the_event(obj: Token) -> bool:
    """An object set off by a comma that ranks or names the event ("abducted 25 students, police said, the
    latest in a string of kidnappings"; "fired drones at a vessel, the latest exchange in a campaign";
    "shot down a jet, a claim Moscow denied"): the parser's object,
    but a description of the deed, not who it hit."""
    ranked = any(c.dep_ == "amod" and (c.lower_ in RANKING_WORDS or c.tag_ == "JJS") for c in obj.children)
    return (obj.lower_ in RANKING_WORDS or obj.tag_ == "JJS" or obj.lemma_.lower() in TELLING_NOUNS or ranked) \
        and _after_comma(obj)


def _second_object(obj: Token) -> bool:
    """A direct object set off by a comma after the verb's first one ("hurled stones at officers, who
    responded with tear gas and, according to witnesses, live ammunition"): the parser has hung a
    phrase of another clause on the verb; a verb has one direct object."""
    return obj.dep_ == "dobj" and _after_comma(obj) and any(c.dep_ == "dobj" and c.i < obj.i for c in obj.head.children)


def _after_comma(phrase: Token) -> bool:
    """The phrase the token heads is set off by a comma before it."""
    before = phrase.left_edge.i - 1
    return before >= 0 and phrase.doc[before].text == ","


def _verb_targets(verb: Token) -> Found:
    """actor2 candidates in tiers; the first tier that finds anything wins.

    1. passive subject (a coordinated passive's too: "were shot and killed"), dative, an object,
       or the object of against/on/at/into...
    2. the object of to/with ("sent experts to Saudi Arabia", "talks with Russia"),
       directly or under the object ("halted aid to Serbia");
    3. the subject of an object clause ("found Barbarin guilty", "convicted the
       bank to pay") -- the small model parses object control this way;
    4. a target one phrase down ("called for revenge against the US").
    Tier 2 and 4 prepositional objects are kept only if they look like actors
    (see `_code_one`).
    """
    tier1: Found = _shared_passive_subject(verb)
    objects: list[Token] = []
    for child in verb.children:
        if child.dep_ in OBJECT_DEPS and (verb.lemma_.lower(), child.lemma_.lower()) in IDIOM_OBJECTS:
            continue  # "opened fire on protesters": the fire is the deed, the protesters were hit
        if child.dep_ in OBJECT_DEPS and (_describes_the_event(child) or _second_object(child)):
            continue
        if child.dep_ in PASSIVE_SUBJECT_DEPS:
            tier1.append((child, f"passive subject of '{verb.text}'"))
        elif child.dep_ in OBJECT_DEPS or (child.dep_ == "oprd" and child.pos_ != "ADJ"):
            objects.append(child)
            tier1.append(_through_light_object(child, verb))
        elif child.dep_ == "prep" and child.lower_ in TARGET_PREPS and child.i > verb.i:
            # a fronted "At Oxford St, four workers were killed" sets the scene
            tier1 += [(p, f"object of '{child.text}' after '{verb.text}'") for p in child.children if p.dep_ == "pobj"]
    people = [obj for obj in objects if _is_party(obj)]
    if people:
        # "wounding 13 people on a busy street": with whom it was done to named, "on/at X" is where
        tier1 = [(t, r) for t, r in tier1 if not (t.dep_ == "pobj" and t.head.head.i == verb.i)]
    if verb.lemma_.lower() in WEAPON_VERBS:
        # "detonated his belt", "fired rockets", "bombs being dropped": what is set off or fired is no target
        weapons = {obj.i for obj in objects if _is_weapon(obj) or obj.lemma_.lower() in THROWN_NOUNS}
        weapons |= {t.i for t, _ in tier1 if t.dep_ in PASSIVE_SUBJECT_DEPS and _is_weapon(t)}
        tier1 = [(t, r) for t, r in tier1 if t.i not in weapons]
    elif len(tier1) > len(objects) and any(_is_weapon(obj) for obj in objects):
        # "detonated the bomb at the base", "fired rockets at the airport": the object is the
        # weapon, the prepositional object is what was hit.
        weapons = {obj.i for obj in objects if _is_weapon(obj)}
        tier1 = [(t, r) for t, r in tier1 if t.i not in weapons]
    light = [obj for obj in objects if not obj.ent_type_ and obj.pos_ == "NOUN"]
    tier2: Found = [
        (p, f"object of '{prep.text}' after '{holder.text}'")
        for holder in [verb, *light] for prep in holder.children
        if prep.dep_ == "prep" and prep.lower_ in PARTNER_PREPS
        for p in prep.children if p.dep_ == "pobj"]
    tier2 = [(p, r) for p, r in tier2 if (_is_party(p) or not _is_thing(p))  # "stabbed to death": no partner
             and not _is_weapon(p)]  # "bombed the base with drones": the means, not a partner
    if tier2 and all(_is_thing(obj) for obj in objects):
        return tier2
    if tier1 and not all(_is_thing(obj) and not known_phrase(obj) for obj, _ in tier1):
        return tier1
    # The object is a thing ("a report", "the threats"): look inside and around it.
    inner = _inside_thing(objects) or _place_target(verb, objects) or _deeper_target(verb)
    if inner:
        return inner
    if tier1:
        return tier1
    tier3: Found = [(s, f"subject of the object clause '{c.text}' of '{verb.text}'")
                    for c in verb.children if c.dep_ in ("ccomp", "xcomp") and c.i > verb.i
                    and not _finite(c)
                    for s in c.children if s.dep_ in SUBJECT_DEPS and s.i < c.i and verb.i < s.i]
    if tier3:
        return tier3
    return _deeper_target(verb)


def _deeper_target(verb: Token) -> Found:
    """'called for revenge against the US', 'filed a lawsuit in a court against X'."""
    return [(t, f"{VIA_PREP} '{p2.text}' under '{p.text} {pobj.text}' after '{verb.text}'")
            for p in verb.children if p.dep_ == "prep"
            for pobj in p.children if pobj.dep_ == "pobj"
            for p2 in pobj.children if p2.dep_ == "prep" and p2.lower_ in TARGET_PREPS
            for t in p2.children if t.dep_ == "pobj"]


def _inside_thing(objects: list[Token]) -> Found:
    """'a report accusing the army', 'threats made by the US government': the clause
    on the object names whom the event is about."""
    found: Found = []
    for obj in [o for head in objects for o in [head, *head.conjuncts]]:
        for clause in obj.children:
            if clause.dep_ not in ("acl", "relcl"):
                continue
            for arg in clause.children:
                if arg.dep_ in ("dobj", "dative"):
                    found.append((arg, f"object of '{clause.text}', the clause on '{obj.text}'"))
                elif arg.dep_ == "agent":
                    found += [(p, f"agent of '{clause.text}', the clause on '{obj.text}'")
                              for p in arg.children if p.dep_ == "pobj"]
    return found


def _is_weapon(token: Token) -> bool:
    """A weapon or blast with no one named behind it ("the bomb", "explosives", "rockets")."""
    actor = lookup_actor(noun_phrase(token))
    return actor.country is None and actor.affiliation is None and is_instrument(actor)


def _place_target(verb: Token, objects: list[Token]) -> Found:
    """'Serbia lifted a curfew in Montenegro', 'protesters demonstrated in Serbia':
    with no actor as object, event coders (CAMEO, the PLOVER GSR) code the country
    where the measure applies as the target.  Only countries and capitals count."""
    found: Found = []
    for holder in [verb, *objects]:
        for prep in holder.children:
            if prep.dep_ != "prep" or prep.lower_ not in ("in", "of"):
                continue
            if prep.lower_ == "of" and holder is verb:
                continue
            for pobj in prep.children:
                actor = lookup_actor(noun_phrase(pobj))
                bare_place = actor.sector in (None, "GOV") and "(role " not in actor.reason \
                    and "(title " not in actor.reason
                if pobj.dep_ == "pobj" and actor.country and bare_place and any(
                        f"({kind} " in actor.reason for kind in ("country", "capital")):
                    found.append((pobj, f"place '{prep.text} {pobj.text}' as target of '{verb.text}' (no actor object)"))
    return found[:1]


def _finite(clause: Token) -> bool:
    """'said the army attacked' is a report, not 'found X guilty' / 'convicted X to pay'."""
    if any(c.dep_ == "mark" for c in clause.children):
        return True
    if clause.tag_ in ("VBD", "VBZ", "VBP", "MD"):
        return True
    return any(c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBD", "VBZ", "VBP", "MD") for c in clause.children)


def _is_party(obj: Token) -> bool:
    """Someone, not something: a name, a pronoun, a counted group or a noun with a sector ("13 people")."""
    if obj.pos_ in ("PROPN", "PRON") or obj.ent_type_ in ("PERSON", "ORG", "NORP", "GPE", "CARDINAL"):
        return True
    return lookup_actor(noun_phrase(obj)).sector is not None and not _is_weapon(obj)


def _is_thing(obj: Token) -> bool:
    """An object that is not an actor ("aid", "relations"): no name, no entity, not plural people."""
    return obj.pos_ == "NOUN" and not obj.ent_type_ and not any(
        c.dep_ in ("poss", "compound", "amod") and (c.ent_type_ in ("GPE", "NORP", "ORG") or c.pos_ == "PROPN")
        for c in obj.children)


def _through_light_object(obj: Token, verb: Token) -> tuple[Token, str]:
    """'carried out airstrikes against X': the target is X, not the strikes --
    unless X is not an actor ("comments on farm seizures")."""
    for prep in obj.children:
        if prep.dep_ == "prep" and prep.lower_ in TARGET_PREPS:
            for pobj in prep.children:
                reason = f"{VIA_PREP} '{prep.text}' under dobj '{obj.text}' of '{verb.text}'"
                if pobj.dep_ == "pobj" and actor_like(lookup_actor(noun_phrase(pobj)), pobj, reason):
                    return pobj, reason
        if prep.dep_ == "prep" and prep.lower_ == "of" and obj.lemma_.lower() in HOLD_NOUNS:
            # "took control of the town of Debre Tabor": what was taken is the town
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                return pobj, f"what '{obj.text}' of was taken, dobj of '{verb.text}'"
    return obj, f"dobj of '{verb.text}'"


# Nouns of holding: "took control of X", "seized command of X": X is what was taken.
HOLD_NOUNS = frozenset({"control", "command", "possession", "hold", "charge", "ownership"})


def _names_violence(noun: Token) -> bool:
    """The noun is a violent event in the trigger lexicon ("ambush", "massacre", "clashes")."""
    code = trigger_code(noun)
    return code is not None and code.plover in HOSTILE_TYPES


def _doer_of_deed(subject: Token, reason: str) -> tuple[Token, str]:
    """'An air strike by the Saudi-led coalition hit a market': a subject that names the deed or its weapon
    stands for whoever its "by" names."""
    if subject.pos_ != "NOUN" or not (_names_violence(subject) or is_instrument(lookup_actor(subject.text))):
        return subject, reason
    agent = next((p for by in subject.children if by.dep_ == "prep" and by.lower_ == "by"
                  for p in by.children if p.dep_ == "pobj"), None)
    return (agent, f"{reason}: 'by' of the {subject.text}") if agent is not None else (subject, reason)


def _agent_of_attack_noun(verb: Token) -> Found:
    """'killed in IS attacks', 'wounded in a Taliban ambush': the attack noun's modifier acted."""
    found: Found = []
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ in ("in", "during", "by"):
            for noun in prep.children:
                if noun.dep_ == "pobj" and noun.pos_ == "NOUN":
                    # "shot in their home": a pronoun owner counts only if the noun is an attack word;
                    # "killed in the southern Mexican state": a noun that names no violence has no doer
                    attack_word = is_instrument(lookup_actor(noun.text))
                    if not (attack_word or _names_violence(noun)):
                        continue
                    a1, _a2, _why = noun_arguments(noun)
                    found += [(tok, f"{reason}, the attack '{noun.text}' in which '{verb.text}' happened")
                              for tok, reason in a1 if tok.dep_ in ("compound", "amod", "nmod", "poss")
                              and (attack_word or tok.pos_ != "PRON")]
    return found

