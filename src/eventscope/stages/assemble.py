"""Stage assemble: mentions of one happening in one article become one Event.

Why merge at all: a wire story names the same strike several times ("US
airstrikes", "Sunday's strikes", "the strikes").  Coders that emit one event
per mention over-count (PETRARCH's 315% extra events).  Two mentions merge
when nothing about them disagrees:

- the same PLOVER type, and modes that are equal or unknown on one side;
- dates that overlap; a date only inherited from the publication date (no
  time phrase) agrees with anything, so joining it to a dated event needs
  positive evidence: the same known attacker or the same named victim, or, for
  an event of the news itself (not a recalled one), the same mode or the very
  next sentence at the same place;
- actor1 that shares a country or known group when both sides name one (an
  all-capitals description such as "TERRORISTS" is not a known group), and
  no role reversal (the target of one acting in the other is a reply);
- places that do not name two local spots in different countries, nor two
  towns more than 40 km apart (or, for a town the gazetteer lacks, by another name),
  checked against every place the event was told at, not only its first.

What one incident is (`assemble_incidents`): a casualty tally over a month or
more ("1,600 murdered during the last quarter") or over many places of a country
("killed in various points of the country") is no event; a bare toll with no
time or place of its own ("two people were killed as a result") joins the
latest news incident of its type told before it.

Conflicting casualty claims are never merged into one number: every claim is
kept, and the best figure is ACLED's lowest credible one among the claims the
parse tied to the event, leaving out figures for part of a larger toll.  Negated and
hypothetical mentions are dropped here (they did not happen), and so is a
mention that only names a war or conflict (`STATE_NOUNS`) with no time of its own
and no casualty figure; threatened,
denied and future ones are kept with their modality, so only `occurred`
events are material.  An event dated well before publication is `recalled`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from spacy.tokens import Token

from eventscope.model import (
    Actor,
    ActorRoles,
    Claim,
    ClaimKind,
    Count,
    DatePrecision,
    Event,
    Evidence,
    Mention,
    Modality,
    Place,
    PlacePrecision,
    TimeRef,
)
from eventscope.ontology import ARMED_SECTORS, modes_agree, plover_type
from eventscope.stages.assemble_incidents import (
    CAMPAIGN_NOUNS,
    STATE_NOUNS,
    TALLY_MIN,
    TOLL_REACH,
    came_before,
    contrast_clause,
    countrywide_sentences,
    counts_a_campaign,
    generic_series,
    introduces_new,
    is_accident,
    is_answered,
    is_bare_toll,
    is_habitual,
    is_inquired,
    is_running_total,
    is_self_inflicted,
    is_tally,
    is_toll_word,
    leaves_the_scene,
    names_a_kind,
    names_another,
    names_what_was_fled,
    ranks_in_a_series,
    told_in_passing,
    toll_sentences,
    trigger_lemma_in,
)
from eventscope.stages.assemble_match import (
    actor_keys,
    actor_names,
    actors_agree,
    date_interval,
    dates_agree,
    distinctive_words,
    head_words,
    is_country_word,
    is_empty_reference,
    is_loose_date,
    is_recalled,
    is_stretch_against_day,
    is_weak_date,
    places_conflict,
    same_place,
    says_earlier,
    targets_overlap,
)
from eventscope.stages.counts import (  # ACLED's lowest-credible-figure rule and claim markers, owned by counts
    PART_OF_TOLL,
    UNLINKED,
    best_figure,
)
from eventscope.stages.lexicon import trigger_code
from eventscope.stages.nlp import ParsedArticle, paragraph_numbers
from eventscope.stages.numbers import number_words
from eventscope.stages.syntax import clause_head, relative_clause_noun

__all__ = ["assemble", "best_figure", "date_interval", "is_weak_date", "stable_event_id"]

DROPPED_MODALITIES = frozenset({Modality.NEGATED, Modality.HYPOTHETICAL})
_NO_ROLES = ActorRoles()
# How many sentences on, within one paragraph, a mention still counts as told next to an event.
NEAR_IN_PARAGRAPH = 3
_UNDATED = TimeRef(date=None, reason="no date found")


# Words for the bang itself, which any explosive weapon makes: "a drone circling shortly before the blast".
BLAST_NOUNS = frozenset({"blast", "blasts", "explosion", "explosions", "detonation"})
EXPLOSIVE_MODES = frozenset({"explosives", "aerial", "drone", "heavy-weapons", "suicide-attack"})


def _blast_of(blast: Mention, weapon: Mention) -> bool:
    """`blast` names only the explosion, whose mode the word alone made "explosives", and `weapon`
    the strike that made one: no different deed."""
    return blast.trigger.text.lower() in BLAST_NOUNS and blast.plover_mode == "explosives" \
        and weapon.plover_mode in EXPLOSIVE_MODES


def _missile_of(missile: Mention, strike: Mention) -> bool:
    """`missile` took its mode from the word "missile" alone, which warplanes and drones fire too ("22 people
    were killed when missiles struck the market" after "an air strike hit a crowded market"): no different
    deed from an air or drone strike.  Rockets, shells and artillery stay apart."""
    word = re.search(r"weapon word \w+ '([^']+)'", missile.reasons.get("mode", ""))
    return missile.plover_mode == "heavy-weapons" and word is not None \
        and word.group(1).lower() in ("missile", "missiles") and strike.plover_mode in ("aerial", "drone")


@dataclass
class _Cluster:
    mentions: list[Mention] = field(default_factory=list)
    roles: list[ActorRoles] = field(default_factory=list)
    dates: list[TimeRef] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    paragraph_of: list[int] = field(default_factory=list)  # paragraph number per sentence of the article
    accident: bool = False  # opened by an accident's toll (assemble_incidents.is_accident): no event
    inquired: bool = False  # opened by a deed under inquiry (assemble_incidents.is_inquired): a past one
    answered: set[str] = field(default_factory=set)  # mentions that another act answers (assemble_incidents.is_answered)
    anchors: set[str] = field(default_factory=set)  # mentions told only as what another came after (`_an_anchor`)
    told_earlier: bool = False  # opened by a sentence that sets its event before the story (`opens_earlier`)
    reference: dt.date | None = None  # the article's reference date: what happened is not after it
    # mention id -> the "while" clause it is told in (`contrast_clause`): two sides of one sentence
    contrasts: dict[str, int] = field(default_factory=dict)

    def only_tolls(self, parsed: ParsedArticle) -> bool:
        """Every mention only reports casualties ("killed", "died"), with no attacker; one who killed
        himself is no attacker ("in that aircraft accident, four were killed; another killed himself")."""
        return not any(roles.actor1 for m, roles in zip(self.mentions, self.roles, strict=True)
                       if not is_self_inflicted(parsed, m)) and all(
            (token := parsed.trigger(m)) is not None and is_toll_word(token) for m in self.mentions)

    @property
    def head(self) -> Mention:
        return self.mentions[0]

    def best_date(self) -> TimeRef:
        known = [d for d in self.dates if d.date is not None]
        if self.reference is not None and self.head.modality is Modality.OCCURRED:
            # "the sides agreed to hold talks next month": what happened is dated by its past, not by
            # the time ahead that a complement of it names
            known = [d for d in known if d.date <= self.reference] or known  # type: ignore[operator]
        strong = [d for d in known if not is_weak_date(d)]
        pool = strong or known or [_UNDATED]
        # the most precise; of equal precision, a date of its own beats the report's day
        return min(pool, key=lambda d: (_fineness(d), d.report_bound))

    def best_place(self) -> Place | None:
        """The place named with the earliest mention: a story places an event
        where it first tells it (the lead); later sentences drift to other
        places ("Blinken, speaking in Rome, said the strikes ...")."""
        with_span = [p for p in self.places if p.span is not None]
        pool = with_span or self.places
        if not pool:
            return None
        # "Gunmen killed a leader in Cauca province ... outside his home in the municipality of Suarez":
        # a town inside the lead's country or province, named later, is the finer answer to where
        return next((p for p in with_span[1:] if _town_inside(p, pool[0])), pool[0])

    def actors(self, which: str) -> tuple[Actor, ...]:
        """The role's actors over every mention, once each.  A bare function word left
        unresolved ("those", "it") says nothing when another mention names the actor."""
        merged: dict[str, Actor] = {}
        for roles in self.roles:
            for actor in getattr(roles, which):
                merged.setdefault(actor.name.lower(), actor)
        named = {k: a for k, a in merged.items() if not is_empty_reference(a)}
        return tuple((named or merged).values())

    def same_kind(self, mention: Mention) -> bool:
        head = self.head
        if mention.plover != head.plover or mention.modality != head.modality:
            return False
        return modes_agree(head.plover_mode, mention.plover_mode) or _blast_of(head, mention) \
            or _blast_of(mention, head) or _missile_of(head, mention) or _missile_of(mention, head)

    def shares_actors(self, roles: ActorRoles) -> bool:
        """The same known attacker, or the same victim named."""
        return bool(actor_keys(self.actors("actor1")) & actor_keys(roles.actor1)) \
            or targets_overlap(self.actors("actor2"), roles.actor2)

    def keeps_out_cause(self, mention: Mention, roles: ActorRoles) -> bool:
        """Whether a mention that another act answers ("in response to the attacks") stays out: this
        event is the answering act of its sentence, or, told in passing, the cause names neither its
        attacker nor its victim.  The same cause told on ("a rocket attack that killed one contractor
        and wounded ...") joins."""
        here = [m for m in self.mentions if m.sentence_index == mention.sentence_index]
        if any(m.id not in self.answered for m in here):
            return True
        return not here and not self.shares_actors(roles)

    def roles_reversed(self, roles: ActorRoles) -> bool:
        """The target of this event acts in the other, or the reverse: a reply, not
        the same event ("came under rocket attack ... responded with artillery")."""
        # Names, not countries: in a civil war both sides share one country.
        own1, own2 = actor_names(self.actors("actor1")), actor_names(self.actors("actor2"))
        new1, new2 = actor_names(roles.actor1), actor_names(roles.actor2)
        if (new1 & own2 and not new1 & own1) or (new2 & own1 and not new2 & own2):
            return True
        # Phrases without a name, by their words, when the new mention names who acted: "attacks by
        # militias" after strikes on "mostly Shiite militias".  Only that way round: attackers can die
        # in their own attack ("guerrillas attacked ... six guerrillas were killed").  Words for any
        # person ("people", "soldiers") say nothing.
        # Nor a country's words: "the Pakistani Taliban" and "a police post in northwest Pakistan" are foes.
        acted = {w for w in distinctive_words(roles.actor1) if not is_country_word(w)}
        return bool(acted & distinctive_words(self.actors("actor2")) and not acted & distinctive_words(self.actors("actor1")))

    def affinity(self, mention: Mention, roles: ActorRoles, date: TimeRef, place: Place | None) -> int:
        """How strongly a compatible mention belongs here; the best cluster wins and,
        on a tie, the latest one (a story tells one event, then the next)."""
        score = 0
        cluster_date = self.best_date()
        if not is_loose_date(cluster_date) and not is_loose_date(date):
            score += 3
            if not is_stretch_against_day(cluster_date, date):
                score += 2  # "Sunday's assault": Sunday's event, before a month's that merely holds the day
        if self.same_mode(mention):
            score += 2
        if actor_keys(self.actors("actor1")) & actor_keys(roles.actor1):
            score += 2
        best_place = self.best_place()
        if place and best_place and place.country and place.country == best_place.country:
            score += 1
        if any(abs(m.sentence_index - mention.sentence_index) <= 1 for m in self.mentions):
            score += 1
        if len(self.answered) == len(self.mentions):
            score -= 2  # a cause told in passing is background; the story goes on about its own events
        if len(self.anchors) == len(self.mentions):
            score -= 1  # "a day after rebels killed a village chief": told to date the story's event, which
            # "The clash broke out ..." goes on about
        return score

    def adjacent(self, mention: Mention) -> bool:
        """Told in the same or the next sentence: a story goes on about the event it just named
        ("... was killed today.  Gunmen shot him down ...").  Within one paragraph, a sentence or two
        more still counts: wire copy splits one sentence at brackets and headers ("[TEXT]"), and a
        paragraph that opens with a massacre goes on to tell how the victims were murdered."""
        for m in self.mentions:
            gap = mention.sentence_index - m.sentence_index
            if 0 <= gap <= 1 or (0 <= gap <= NEAR_IN_PARAGRAPH and self.paragraph_of
                                 and self._paragraph(m) == self._paragraph(mention)):
                return True
        return False

    def opens_the_story(self) -> bool:
        """A member is told in the headline or the lead (the first two paragraphs, or sentences)."""
        return any(m.sentence_index < 2 or self._paragraph(m) <= 1 for m in self.mentions)

    def next_paragraph(self, mention: Mention) -> bool:
        """The mention is told in the paragraph right after the last one this event was told in: a lead told
        without a time ("Dissident former FARC rebels killed at least three police officers in an ambush in
        Cauca province") goes on with its dated detail ("The patrol was attacked late on Thursday ... between
        the towns of Corinto and Miranda")."""
        last = max(self._paragraph(m) for m in self.mentions)
        return self._paragraph(mention) == last + 1

    def in_paragraph_of(self, mention: Mention) -> bool:
        """A member is told in the mention's paragraph."""
        return any(self._paragraph(m) == self._paragraph(mention) for m in self.mentions)

    def _paragraph(self, mention: Mention) -> int:
        index = mention.sentence_index
        return self.paragraph_of[index] if 0 <= index < len(self.paragraph_of) else -1

    def same_mode(self, mention: Mention) -> bool:
        # one family counts: "the bombing" tells the suicide car bomber's attack
        return mention.plover_mode is not None and any(
            modes_agree(mode, mention.plover_mode)
            for m in self.mentions for mode in (m.plover_mode, *m.merged_modes) if mode is not None)

    def accepts(self, mention: Mention, roles: ActorRoles, date: TimeRef, place: Place | None,
                published: dt.date | None = None, earlier: bool = False, contrast: int = -1) -> bool:
        """Whether the mention tells this event.  `earlier`: the mention's sentence opens with a time
        that sets it before the story ("Earlier this month, ..."; `opens_earlier`).

        A cluster that holds a report's day is matched by it, even when a member's own day dates the
        event: "2 ambushes" reported on 5 November, the second on 4 November, are no license for any
        other event of 4 November to join without evidence."""
        bounds = [d for d in self.dates if d.report_bound and d.date is not None]
        cluster_date = bounds[0] if bounds else self.best_date()
        if not self.same_kind(mention) or not dates_agree(cluster_date, date):
            return False
        if bounds and not date.report_bound and not dates_agree(self.best_date(), date):
            return False  # "stormed Djibo on Sunday ... JNIM claimed on Monday ... on Monday its aircraft struck"
        if any(m.sentence_index == mention.sentence_index and self.contrasts.get(m.id, -1) != contrast
               for m in self.mentions):
            return False  # "police clashed with riders in Kisumu, while a roadside bomb killed two officers"
        if (earlier or self.told_earlier) and cluster_date.phrase != date.phrase and not self.shares_actors(roles):
            return False  # "Earlier this month, a car bomb ...": another event, unless the same actors
        # (the report's day against another is no doubt when a member was told on that other day)
        if (is_loose_date(cluster_date) or is_loose_date(date) or is_stretch_against_day(cluster_date, date)
                or (_report_day_against_another(cluster_date, date) and not self.told_on(date))) \
                and not (is_weak_date(cluster_date) and is_weak_date(date)):
            # A side dated only by the publication date or dateline, or by a vague stretch
            # ("recently", "since 2017"), agrees with many dates, so ask for positive evidence
            # before calling it one event ("kidnapped ..." vs "murdered ... in February";
            # "Killings recently rocked ..." vs "since 2017"): the same known attacker or
            # victim; or, for an event of the news itself, the same weapon/mode or the
            # very next sentence at the same place.  A mention with no date of its own
            # is news by default, so joining it to a recalled event needs the actors.
            strong = date if is_loose_date(cluster_date) else cluster_date
            same_actors = self.shares_actors(roles)
            # (a mention with no time at all, told next to the event, may name any of its places or a town
            # inside its province: "... near Boni.  An official in Boni said 11 soldiers had been killed";
            # so may the dated detail of a lead told without a time: "Gunmen have killed at least 23
            # people in a raid in Plateau state ... The attackers arrived on Tuesday in Jol")
            here = self.best_place()
            # (a lead dated only by its report, "residents and police said Wednesday", has no day of its own)
            lead_untimed = is_weak_date(cluster_date) or cluster_date.report_bound
            untimed = is_weak_date(date) or lead_untimed
            spots = [here, *self.places] if is_weak_date(date) else [here]
            inside = untimed and place is not None and here is not None and _town_inside(place, here, unknown=True)
            same_story = self.same_mode(mention) or (self.adjacent(mention) and (
                any(same_place(known, place) for known in spots) or inside)) \
                or (inside and lead_untimed and self.opens_the_story() and self.next_paragraph(mention))
            # The same weapon at the same named town is the same event even when it is an old one
            # the story recalls ("the Boston Marathon bombing" ... "Twin bombs exploded near the finish
            # line of the Boston Marathon, killing three").
            same_scene = self.same_mode(mention) and _same_town(self.best_place(), place)
            if not (same_actors or same_scene or (same_story and not is_recalled(strong, published))):
                return False
        # Only the actor must agree: one strike can hit several targets, and each
        # sentence may name a different victim ("killed Soleimani", "al-Muhandis
        # was also killed in the attack").
        if not actors_agree(self.actors("actor1"), roles.actor1) or self.other_speaker(roles):
            return False
        if self.roles_reversed(roles):
            return False
        return self.fits_place(place)

    def told_on(self, date: TimeRef) -> bool:
        """A member has this day (or stretch) of its own, not a report's day."""
        return any(not d.report_bound and d.date is not None and d.date == date.date and d.precision == date.precision
                   for d in self.dates)

    def other_speaker(self, roles: ActorRoles) -> bool:
        """A statement (a verbal PLOVER type) by someone else than this one's speaker: "the public defender
        asked prosecutors to investigate" and "the president called for a rally" are two requests."""
        if plover_type(self.head.plover).quad_class not in (1, 3):
            return False
        # who is who is told by the sector (the country is `actors_agree`'s): "Iraq rebels" and "the militia
        # groups" may well be one speaker, a rights office and the president are not
        own, new = self.actors("actor1"), roles.actor1
        own_sectors, new_sectors = {a.sector for a in own if a.sector}, {a.sector for a in new if a.sector}
        if own_sectors and new_sectors:
            return not own_sectors & new_sectors and not actor_names(own) & actor_names(new)
        # a speaker without a sector is told by its words: "Prime Minister al-Sudani ordered ..." and
        # "Organisers in Nasiriyah called for ..." are two speakers (a pronoun may be either)
        if not own or not new or any(a.text.lower() in _SPEAKER_PRONOUNS for a in (*own, *new)):
            return False
        return not actor_names(own) & actor_names(new) and not head_words(own) & head_words(new)

    def fits_place(self, place: Place | None) -> bool:
        """No place told so far conflicts with `place`: every place, not only the first, since a province
        named first ("the 6th brigade, headquartered in Usulutan department") must not let clashes in
        five towns become one event."""
        return not any(places_conflict(known, place) for known in [self.best_place(), *self.places])


_ORDER = list(DatePrecision)


_SPEAKER_PRONOUNS = frozenset({"it", "he", "she", "they", "we", "i", "you", "its", "their", "his", "her"})


def _fineness(date: TimeRef) -> float:
    """How precise a date is, by the order of DatePrecision; a range by its length, so that "overnight"
    (two days) is finer than "this month"."""
    if date.precision is not DatePrecision.RANGE or date.date is None or date.date_end is None:
        return _ORDER.index(date.precision)
    days = (date.date_end - date.date).days
    finer = DatePrecision.DAY if days <= 2 else DatePrecision.WEEK if days <= 7 else \
        DatePrecision.MONTH if days <= 31 else DatePrecision.YEAR if days <= 366 else DatePrecision.RANGE
    return _ORDER.index(finer) + 0.5  # just after the precision it is as fine as


def _report_day_against_another(a: TimeRef, b: TimeRef) -> bool:
    """One date is only the report's day, an upper bound, and the other a day before it: they agree
    (dates_agree), but a radio roundup "reports that guerrillas carried out 2 ambushes" tells of many
    days' incidents, so calling them one event needs the evidence a loose date needs."""
    return a.report_bound != b.report_bound and a.date != b.date


def _same_town(a: Place | None, b: Place | None) -> bool:
    """Both places are known, town-level or finer, and the same."""
    fine = (PlacePrecision.POINT, PlacePrecision.TOWN)
    return (a is not None and b is not None and a.precision in fine and b.precision in fine
            and same_place(a, b))


# Nouns that name a happening; "the first strike hit ..." refers back to a strike.  So does the weapon
# that made it, as the subject of what it did ("Shells struck a camp ...  The shells landed in ...").
EVENT_NOUNS = frozenset({
    "strike", "airstrike", "attack", "raid", "bombing", "blast", "explosion", "shelling",
    "operation", "assault", "offensive", "clash", "fighting", "ambush", "incident",
    "shell", "rocket", "missile", "mortar", "bomb", "drone", "grenade",
})
ANAPHORIC_DETERMINERS = frozenset({"the", "this", "that", "these", "those", "its", "their"})
ORDINALS = frozenset({"first", "second", "third", "latest", "last", "same"})


def _dated_in_its_phrase(parsed: ParsedArticle, mention: Mention, date: TimeRef) -> bool:
    """The date is a word of the event noun's own phrase ("the June 2021 massacre", "the massacre of May
    2019"), not of a clause hung on it ("this tragic murder that ... voted on 11 March")."""
    token = parsed.trigger(mention)
    if date.phrase is None or token is None:
        return False
    span = parsed.doc.char_span(date.phrase.start, date.phrase.end, alignment_mode="expand")
    word = span.root if span is not None else None
    while word is not None and word.i != token.i:
        if word.pos_ in ("VERB", "AUX") or word.head.i == word.i:
            return False
        word = word.head
    return word is not None


def _refers_back(parsed: ParsedArticle, mention: Mention) -> bool:
    """True when the trigger (or the event noun that is its subject) is a definite
    reference to an event told earlier: "the strikes", "Sunday's attacks",
    "the second strike hit ...".  Such a mention joins the latest compatible event."""
    token = parsed.trigger(mention)
    if token is None:
        return False
    nouns = [token] if token.pos_ in ("NOUN", "PROPN") else _subject_nouns(token)
    for noun in nouns:
        for child in noun.children:
            word = child.lower_
            if child.dep_ == "det" and word in ANAPHORIC_DETERMINERS:
                return True
            if child.dep_ == "poss":  # "Sunday's strikes", "its attack"
                return True
            if child.dep_ == "amod" and word in ORDINALS:
                return True
    return False


# How far a definite reference's own word may outweigh the nearest event, when that one was told only by
# verbs: "The strikes hit a radar installation" follows "U.S. warplanes struck ..., hours after the group
# fired drones" and is the strike, though the drones were told last.
NAMED_AGAIN = 2


def _definite_name(parsed: ParsedArticle, mention: Mention) -> Token | None:
    """The event noun a definite reference names its event by ("the strikes"), when that noun is the
    subject of its clause; else None."""
    token = parsed.trigger(mention)
    if token is None or not _refers_back(parsed, mention):
        return None
    if token.pos_ in ("NOUN", "PROPN"):
        # only as its clause's subject, what the sentence goes on about ("The strikes hit ..."); not
        # "in response to the attacks by militias", which may be any of several
        return token if token.dep_ in ("nsubj", "nsubjpass") else None
    return next(iter(_subject_nouns(token)), None)


def _subject_nouns(verb: Token) -> list[Token]:
    """The event nouns a verb's subject names: "The strikes hit ...", and the noun a relative clause
    hangs on ("the strikes, which hit areas around Kobani, killed ...")."""
    nouns = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in EVENT_NOUNS]
    named = relative_clause_noun(verb) if not nouns else None
    return [*nouns, named] if named is not None and named.lemma_.lower() in EVENT_NOUNS else nouns


def _named_by_a_noun(parsed: ParsedArticle, cluster: _Cluster) -> bool:
    """A member's trigger is a noun ("the attack"), which a definite reference may stand for whatever its
    word ("The strike drew the ire ..." after "... killed Soleimani.  Al-Muhandis was also killed in the
    attack")."""
    return any((token := parsed.trigger(m)) is not None and token.pos_ in ("NOUN", "PROPN") for m in cluster.mentions)


def _told_with(parsed: ParsedArticle, cluster: _Cluster, noun: Token | None) -> bool:
    """A member's trigger has the noun's lemma ("struck" for "the strikes"), as a verb or a noun of the same
    number: "the strike" is one strike, not the "drone strikes" told as a series."""
    return noun is not None and any(
        (token := parsed.trigger(m)) is not None and token.lemma_.lower() == noun.lemma_.lower()
        and (token.pos_ in ("VERB", "AUX") or (token.tag_ == "NNS") == (noun.tag_ == "NNS"))
        for m in cluster.mentions)


def _town_inside(town: Place, area: Place, unknown: bool = False) -> bool:
    """A town of the area's country, or of its province when the area is one; with `unknown`, a name
    the gazetteer lacks, told in the area's country, may be anywhere in it."""
    if town.precision not in (PlacePrecision.TOWN, PlacePrecision.POINT) \
            or town.country is None or town.country != area.country:
        return False
    if town.lat is None:
        return unknown and area.precision in (PlacePrecision.COUNTRY, PlacePrecision.REGION, PlacePrecision.ADMIN1)
    if area.precision in (PlacePrecision.COUNTRY, PlacePrecision.REGION):
        return True
    return area.precision == PlacePrecision.ADMIN1 and town.admin1 is not None and town.admin1 == (area.admin1 or area.name)


def _refers_here(cluster: _Cluster, place: Place | None) -> bool:
    """A definite reference ("the explosion targeted a bakery on Rue Victor Hugo") stands for an event
    told before unless it puts itself at a town the gazetteer places elsewhere ("the 2 April car bomb
    explosion perpetrated in Santa Tecla" is not the bomb thrown in Nejapa); a name the gazetteer
    lacks says too little to tell."""
    return place is None or place.lat is None or cluster.fits_place(place)


def _names_campaign(parsed: ParsedArticle, mention: Mention) -> bool:
    """The trigger is a word for a campaign or a war ("offensive", "campaign", `CAMPAIGN_NOUNS`)."""
    return trigger_lemma_in(parsed, mention, CAMPAIGN_NOUNS)


def stable_event_id(article_id: str, mention: Mention) -> str:
    """Same article, same first mention -> same id on every run."""
    digest = hashlib.sha1(f"{article_id}|{mention.trigger.start}|{mention.plover}".encode()).hexdigest()
    return f"ev_{digest[:16]}"


def _count(claims: list[Claim], kind: ClaimKind) -> Count | None:
    """All claims of one kind; the best figure comes from the claims the parse tied
    to this event, and from loosely attached ("unlinked:") ones only when no
    other claim exists, so a stray figure cannot pull the best one down; likewise
    a figure for part of the victims ("two rebels" of "eight people") counts only
    when the event has no whole toll."""
    of_kind = tuple(c for c in claims if c.kind is kind)
    if not of_kind:
        return None
    linked = [c for c in of_kind if UNLINKED not in c.reason]
    whole = [c for c in linked if PART_OF_TOLL not in c.reason]
    return Count(best=best_figure(_told_in_figures(whole or linked or of_kind)), claims=of_kind)


_FIGURE = re.compile(r"figure '([^']+)'")


def _told_in_figures(claims: Sequence[Claim]) -> Sequence[Claim]:
    """A word for a number ("killing several residents", "dozens") gives way to a figure the story tells
    that agrees with it ("four civilians had been killed"): the word bounds the toll from below, the figure
    says what it is.  A figure below the word's bound ("several" against "two") is a rival, and stays."""
    vague = [c for c in claims if _vague_figure(c)]
    exact = [c for c in claims if c not in vague and c.min is not None]
    if not vague or not exact or min(c.min for c in exact if c.min is not None) < max(
            c.min or 0 for c in vague):
        return claims
    return exact


def _vague_figure(claim: Claim) -> bool:
    """The claim's figure is a number word without a numeral: "several", "a few", "dozens", "hundreds"."""
    found = _FIGURE.search(claim.reason)
    if found is None:
        return False
    words = number_words()
    text = found[1].lower()
    return not any(ch.isdigit() for ch in text) and (entry := words.get(text)) is not None and entry.kind == "at_least"


def _evidence(parsed: ParsedArticle, cluster: _Cluster) -> tuple[Evidence, ...]:
    article_id = parsed.article.id
    items: list[Evidence] = []
    seen: set[tuple[int, int, str]] = set()

    def add(start: int, end: int, text: str, field_name: str) -> None:
        key = (start, end, field_name)
        if key in seen:
            return
        seen.add(key)
        sentence = next((s for s in parsed.sentences if s.start <= start < s.end), parsed.sentences[-1])
        items.append(Evidence(article_id, sentence.index, start, end, text, field_name))

    for mention in cluster.mentions:
        sentence = parsed.sentences[mention.sentence_index]
        add(sentence.start, sentence.end, sentence.text, "event")
        add(mention.trigger.start, mention.trigger.end, mention.trigger.text, "trigger")
    for roles in cluster.roles:
        for name in ("actor1", "actor2"):
            for actor in getattr(roles, name):
                if actor.span:
                    add(actor.span.start, actor.span.end, actor.span.text, name)
    for date in cluster.dates:
        if date.phrase:
            add(date.phrase.start, date.phrase.end, date.phrase.text, "date")
    for place in cluster.places:
        words = place.span or place.reference
        if words:
            add(words.start, words.end, words.text, "place")
    for claim in cluster.claims:
        if claim.span:
            add(claim.span.start, claim.span.end, claim.span.text, f"claim:{claim.kind.value}")
    return tuple(items)


# Triggers of fighting on both sides: their casualties are not targets, so they say nothing about
# whether the other side was armed.
RECIPROCAL_TRIGGERS = frozenset({"clash", "fight", "fighting", "battle", "skirmish", "firefight", "gunfight",
                                 "exchange", "combat"})


def _acled_by_targets(parsed: ParsedArticle, head: Mention, targets: tuple[Actor, ...]) -> tuple[str | None, str | None, str]:
    """ACLED's line between an armed clash and an attack is who was hit: an armed, organised group
    (soldiers, police, rebels: "attacked a military post") makes it a clash; only unarmed people make
    it an attack on civilians.  The mention's sub-type stands unless every target whose sector is
    known says otherwise."""
    sectors = [a.sector for a in targets if a.sector]
    names = ", ".join(a.text for a in targets)
    if not sectors:
        return head.acled_type, head.acled_sub_type, ""
    armed = all(s in ARMED_SECTORS for s in sectors)
    unarmed = not any(s in ARMED_SECTORS for s in sectors)
    if head.acled_sub_type == "Attack" and armed:
        return "Battles", "Armed clash", f"Armed clash, not Attack: the targets ({names}) are armed"
    token = parsed.trigger(head)
    trigger = token.lemma_.lower() if token is not None else ""
    if head.acled_sub_type == "Armed clash" and unarmed and trigger not in RECIPROCAL_TRIGGERS:
        return "Violence against civilians", "Attack", f"Attack, not Armed clash: the targets ({names}) are unarmed"
    return head.acled_type, head.acled_sub_type, ""


# ACLED sub-types told by the weapon: the mention that names it says which (the rest tell what happened).
WEAPON_SUB_TYPES = frozenset({"Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack",
                              "Remote explosive/landmine/IED", "Grenade", "Chemical weapon"})


def _to_event(parsed: ParsedArticle, cluster: _Cluster) -> Event:
    head = cluster.head
    article = parsed.article
    date = cluster.best_date()
    claims = list(dict.fromkeys(cluster.claims))
    sources = list(article.agencies)
    sources += [c.source for c in claims if c.source and c.source not in sources]
    confidence = max(m.confidence for m in cluster.mentions)
    if len(cluster.mentions) > 1:  # repeated mentions corroborate the reading
        confidence = min(1.0, confidence + 0.05 * (len(cluster.mentions) - 1))
    reasons = dict(head.reasons)
    reasons["date"] = date.reason
    place = cluster.best_place()
    if place is not None:
        reasons["place"] = place.reason
    reasons["merge"] = (
        f"{len(cluster.mentions)} mention(s) in this article: "
        + ", ".join(repr(m.trigger.text) for m in cluster.mentions)
    )
    actor1 = _of_the_place(cluster.actors("actor1"), place)
    actor2 = _of_the_place(cluster.actors("actor2"), place)
    # "al Shabaab attacked a hotel ... A suicide bomber blew himself up at the entrance": the mention
    # that says how it was done codes the event (CAMEO, ACLED sub-type), not the lead's bare verb
    # (not the burning of property an attack on people did besides: "set three fuel tankers ablaze")
    coder = head if head.plover_mode else next(
        (m for m in cluster.mentions if m.plover_mode and m.plover_mode != "destroy"), head)
    weapon_named = coder is not head and coder.acled_sub_type in WEAPON_SUB_TYPES
    acled_type, acled_sub_type, why = _acled_by_targets(parsed, coder if weapon_named else head, actor2)
    if why:
        reasons["acled"] = why
    if coder is not head:
        reasons["cameo"] = f"{coder.cameo} from '{coder.trigger.text}', which says how it was done"
    return Event(
        id=stable_event_id(article.id, head),
        plover=head.plover,
        plover_mode=coder.plover_mode,
        cameo=coder.cameo,
        goldstein=coder.goldstein,
        acled_type=acled_type,
        acled_sub_type=acled_sub_type,
        date=date,
        actor1=actor1,
        actor2=actor2,
        place=place,
        fatalities=_count(claims, ClaimKind.KILLED),
        injuries=_count(claims, ClaimKind.INJURED),
        abducted=_count(claims, ClaimKind.ABDUCTED),
        arrested=_count(claims, ClaimKind.ARRESTED),
        modality=head.modality,
        recalled=is_recalled(date, article.reference_date),
        confidence=round(confidence, 3),
        evidence=_evidence(parsed, cluster),
        sources=tuple(sources),
        articles=(article.id,),
        mention_ids=tuple(m.id for m in cluster.mentions),
        reasons=reasons,
    )


def _of_the_place(actors: tuple[Actor, ...], place: Place | None) -> tuple[Actor, ...]:
    """An unnamed group with a role ('two civilians', 'police', 'soldiers') is of the country it acts
    in, as ICEWS ("Citizen (Nigeria)") and ACLED ("Civilians (Syria)") code it; only when the event's
    own sentence names the place, and never for a named group, whose country is the dictionary's."""
    if place is None or place.span is None or not place.country:
        return actors
    coded = []
    for actor in actors:
        if actor.country != place.country and place.span.text.lower() in actor.text.lower() \
                and ("is where the head is" in actor.reason or (actor.country is None and actor.sector is None)):
            # "overran the town of Palma": the town the gazetteer read in the article's context (Palma,
            # Mozambique), not the namesake the actor dictionary knows (Palma de Mallorca)
            actor = replace(actor, country=place.country,
                            reason=f"{actor.reason}; country {place.country} from the event's place '{place.name}'")
        if actor.country is None and actor.affiliation is None and actor.sector is not None \
                and not any(f"({kind} " in actor.reason for kind in ("org", "igo", "person")):
            unknown = "; ".join(part for part in (actor.unknown_reason or "").split("; ")
                                if part and not part.startswith("country:")) or None
            actor = replace(actor, country=place.country, unknown_reason=unknown,
                            reason=f"{actor.reason}; country {place.country} from the event's place "
                                   f"'{place.name}' (an unnamed group is of the country it acts in)")
        coded.append(actor)
    return tuple(coded)


def assemble(
    parsed: ParsedArticle,
    mentions: list[Mention],
    roles: dict[str, ActorRoles],
    dates: dict[str, TimeRef],
    places: dict[str, Place | None],
    claims: dict[str, tuple[Claim, ...]],
) -> list[Event]:
    clusters: list[_Cluster] = []
    paragraphs = paragraph_numbers(parsed)
    countrywide = countrywide_sentences(parsed, toll_sentences(claims, mentions), claims)
    large_tolls = toll_sentences(claims, mentions, TALLY_MIN)
    by_sentence: dict[int, list[Mention]] = defaultdict(list)
    for mention in mentions:
        by_sentence[mention.sentence_index].append(mention)
    for mention in sorted(mentions, key=lambda m: m.trigger.start):
        if mention.modality in DROPPED_MODALITIES:
            continue
        mention_roles = roles.get(mention.id, _NO_ROLES)
        date = dates.get(mention.id, _UNDATED)
        mention = _not_yet(mention, date, parsed.article.reference_date)
        if _only_a_state(parsed, mention, date, claims.get(mention.id, ())) \
                or is_tally(parsed, mention, date, claims.get(mention.id, ())) \
                or mention.trigger_token in countrywide.get(mention.sentence_index, ()) \
                or is_running_total(parsed, mention, large_tolls) \
                or ranks_in_a_series(parsed, mention) or counts_a_campaign(parsed, mention, date) \
                or is_habitual(parsed, mention) or leaves_the_scene(parsed, mention, by_sentence[mention.sentence_index]):
            continue
        place = places.get(mention.id)
        # What an act answers ("in response to the attacks") is another event than that act, and, told
        # in passing, one the story has not told before unless it names the same attacker or victim.
        answered = is_answered(parsed, mention)
        # "other attacks", "another attack", "previous attacks": not the event the story tells.
        another = names_another(parsed, mention) or came_before(parsed, mention)
        in_passing = told_in_passing(parsed, mention, date, claims.get(mention.id, ()))
        if another and in_passing and generic_series(parsed, mention):
            continue  # "other attacks in the past": a series in passing, no event
        if in_passing and (names_a_kind(parsed, mention) or names_what_was_fled(parsed, mention)):
            continue  # "a group that tracks arrests and killings": a kind of deed, no event
        # "the judge who was investigating the governor's murder": a deed done before, apart from the
        # events of the story; nor does a later mention join it
        inquired = is_inquired(parsed, mention)
        earlier = opens_earlier(parsed, date)
        fresh = introduces_new(parsed, mention)
        contrast = contrast_clause(parsed, mention)
        after = _counted_from(parsed, mention, date)
        anchored = _anchor_types(parsed, after, mentions) | _told_later(parsed, mention, date)
        candidates = [] if another or inquired else [
            c for c in clusters if not c.inquired and not (fresh and not c.in_paragraph_of(mention))
            and not any(m.trigger_token in after for m in c.mentions)
            and c.head.plover not in anchored
            and not _recalled_into_untimed_deed(parsed, c, date)
            and c.accepts(mention, mention_roles, date, place, parsed.article.reference_date, earlier, contrast)
            and not (answered and c.keeps_out_cause(mention, mention_roles))]
        affinity = {id(c): c.affinity(mention, mention_roles, date, place) for c in candidates}
        target = max(reversed(candidates), default=None, key=lambda c: affinity[id(c)])
        named = None if answered else _definite_name(parsed, mention)
        if target is not None and named is not None and not _told_with(parsed, target, named) \
                and not _named_by_a_noun(parsed, target):
            # "The strikes hit ..." after "warplanes struck ..., hours after the group fired drones": the
            # event first told with that word, when the nearest was told only by a verb
            same_word = [c for c in candidates if _told_with(parsed, c, named)]
            best = max(reversed(same_word), default=None, key=lambda c: affinity[id(c)])
            if best is not None and affinity[id(best)] + NAMED_AGAIN >= affinity[id(target)]:
                target = best
        if target is None and not another:
            # "Israeli air strikes and artillery fire on southern Lebanon killed seven": event nouns joined as
            # one subject or object tell one event, whatever weapon each names
            target = _conjoined_with(parsed, mention, clusters, place, date)
        if target is None and not another and _refers_back(parsed, mention):
            # "their largest offensive" names a campaign, not the shooting told before it
            campaign = _names_campaign(parsed, mention)
            # (a reference with a time long ago in its own phrase, "the June 2021 massacre", is not to an
            # event told without a time)
            long_ago = is_recalled(date, parsed.article.reference_date) and _dated_in_its_phrase(parsed, mention, date)
            # ("the blast, which destroyed several tea shops": what the blast did is the blast, whatever
            # its mode)
            restates = (token := parsed.trigger(mention)) is not None and token.dep_ == "relcl" \
                and relative_clause_noun(token) is not None
            referred = [c for c in reversed(clusters) if (c.same_kind(mention) or (
                            restates and c.head.plover == mention.plover and c.head.modality == mention.modality))
                        and dates_agree(c.best_date(), date)
                        and not (long_ago and is_weak_date(c.best_date()))
                        and not _recalled_into_untimed_deed(parsed, c, date)
                        and not c.inquired and _refers_here(c, place) and (not campaign or any(_names_campaign(parsed, m) for m in c.mentions))
                        and not c.roles_reversed(mention_roles)
                        and not (answered and c.keeps_out_cause(mention, mention_roles))]
            # "Sunday's assault" is the event of that day, before one of a month that merely holds it
            on_its_day = not is_weak_date(date) and not date.spans_weeks()
            target = next((c for c in referred if on_its_day and not is_weak_date(c.best_date())
                           and not is_stretch_against_day(c.best_date(), date)), None) or next(iter(referred), None)
        if target is None and is_bare_toll(parsed, mention, date, place, claims.get(mention.id, ()),
                                           bool(mention_roles.actor1)):
            target = next((c for c in reversed(clusters)
                           if c.same_kind(mention) and not is_weak_date(c.best_date())
                           and not is_recalled(c.best_date(), parsed.article.reference_date)
                           and mention.sentence_index - c.mentions[-1].sentence_index <= TOLL_REACH
                           and actors_agree(c.actors("actor1"), mention_roles.actor1)
                           and not c.roles_reversed(mention_roles)), None)
        if target is None and answered and in_passing:
            continue  # a cause told in passing, with no time or figure of its own: background, no event
        if target is None:
            # An accident's toll opens a cluster of its own, so that the tolls told after it ("three of
            # the crewmen were killed instantly") join it and go with it.
            accident = is_accident(parsed, mention, bool(mention_roles.actor1), by_sentence[mention.sentence_index])
            target = _Cluster(paragraph_of=paragraphs, accident=accident, inquired=inquired, told_earlier=earlier,
                              reference=parsed.article.reference_date)
            clusters.append(target)
        target.mentions.append(mention)
        target.contrasts[mention.id] = contrast
        if answered:
            target.answered.add(mention.id)
        if _an_anchor(parsed, mention):
            target.anchors.add(mention.id)
        target.roles.append(mention_roles)
        target.dates.append(date)
        if place is not None:
            target.places.append(place)
        target.claims.extend(claims.get(mention.id, ()))
    # a suicide told alone is no event; told with an attack it has joined the attack's cluster
    return [_to_event(parsed, c) for c in clusters if not (c.accident and c.only_tolls(parsed))
            and not all(is_self_inflicted(parsed, m) for m in c.mentions)]


def _conjoined_with(parsed: ParsedArticle, mention: Mention, clusters: list[_Cluster],
                    place: Place | None, date: TimeRef) -> _Cluster | None:
    """The event whose noun the mention's noun is coordinated with, of the same type and modality, at no
    place apart; so too for participles joined in one clause's account of a raid ("stormed Kizara village
    late Thursday, shooting at residents and setting fire to homes"), and for verbs that share one subject
    ("opened fire on traders and set fire to shops"), whatever each did, at one time."""
    token = parsed.trigger(mention)
    if token is None or token.dep_ != "conj":
        return None
    nouns = token.pos_ == "NOUN" and token.head.pos_ == "NOUN"
    participles = token.tag_ == "VBG" and token.head.tag_ == "VBG" and token.head.dep_ == "advcl"
    one_subject = token.pos_ == "VERB" and token.head.pos_ == "VERB" and not any(
        c.dep_ in ("nsubj", "nsubjpass") for c in token.children)
    if not (nouns or participles or one_subject):
        return None
    return next((c for c in clusters if c.head.plover == mention.plover and c.head.modality == mention.modality
                 and any(m.trigger_token == token.head.i for m in c.mentions) and c.fits_place(place)
                 and dates_agree(c.best_date(), date)), None)


# The words that set an event from another: "a day after rebels killed a village chief".  ("Since" recalls a
# landmark the story may go on about: "since a US-directed drone killed Soleimani ... Al-Muhandis was also
# killed in the attack".)
_SET_FROM = frozenset({"after", "before"})


def _an_anchor(parsed: ParsedArticle, mention: Mention) -> bool:
    """The mention is told in the clause another event of its sentence is set after or before ("killed six
    rebels on Tuesday, a day after rebels killed a former village chief")."""
    token = parsed.trigger(mention)
    if token is None:
        return False
    for clause in (token, *token.ancestors):
        if any(c.dep_ == "mark" and c.lower_ in _SET_FROM for c in clause.children) and clause.dep_ == "advcl":
            return True
        if clause.dep_ in ("pcomp", "pobj") and clause.head.lower_ in _SET_FROM:
            return True
        if clause.dep_ in ("ROOT", "ccomp", "conj"):
            return False
    return False


def _recalled_into_untimed_deed(parsed: ParsedArticle, cluster: _Cluster, date: TimeRef) -> bool:
    """A deed recalled from long before ("In August 2023, Fano fighters seized Lalibela") is not one the
    story told as done but without a time ("a commander claimed his forces had seized the police
    station"), though the same group did both.  (A generic noun without a time, "Protests have been a
    recurring flashpoint", may still take the recalled protests' date.)"""
    if not is_recalled(date, cluster.reference) or not all(is_weak_date(d) for d in cluster.dates):
        return False
    return any((token := parsed.trigger(m)) is not None and token.tag_ in ("VBD", "VBN") for m in cluster.mentions)


_LATER = re.compile(r"\b(?:later|afterwards?)\b", re.IGNORECASE)


def _told_later(parsed: ParsedArticle, mention: Mention, date: TimeRef) -> set[str]:
    """The mention's type, when its own phrase puts it a while after what was told ("Hours later,
    unidentified men set fire to a dozen houses"): a deed told as coming later is not the one before it
    (a definite "the attack" named again keeps its event)."""
    token = parsed.trigger(mention)
    if date.phrase is None or token is None or not _LATER.search(date.phrase.text) or _refers_back(parsed, mention):
        return set()
    words = parsed.doc.char_span(date.phrase.start, date.phrase.end, alignment_mode="expand")
    if words is None or words.sent.start != token.sent.start:
        return set()  # a time lent by another sentence
    return {mention.plover}


_OFFSET_WORDS = frozenset({"after", "before"})


def _counted_from(parsed: ParsedArticle, mention: Mention, date: TimeRef) -> set[int]:
    """The tokens of the event the mention's own date phrase counts from ("Hours after the blast, security
    forces killed four militants in a raid"): a deed dated from another event is not that event."""
    if date.phrase is None or not any(w in date.phrase.text.lower().split() for w in _OFFSET_WORDS):
        return set()
    words = parsed.doc.char_span(date.phrase.start, date.phrase.end, alignment_mode="expand")
    trigger = parsed.trigger(mention)
    if words is None or trigger is None or words.sent.start != trigger.sent.start:
        return set()  # a date lent by another sentence
    marker = next((t for t in reversed(words) if t.lower_ in _OFFSET_WORDS), None)
    if marker is None:
        return set()
    clause = clause_head(trigger)
    while clause.dep_ in ("conj", "dep", "advcl") and clause.head.i != clause.i and clause.head.pos_ in ("VERB", "AUX") \
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children):
        # "hours after the ambush, gunmen burst into a house ... and shot dead three men": a verb without a
        # subject of its own shares its governor's time ("reports issued hours after the clashes, the armed
        # forces killed 11", which the parser joins to "issued", has one)
        clause = clause_head(clause.head)
    if clause_head(marker).i != clause.i:
        return set()  # "reports issued eight hours after the clashes" dates the reports, not a killing
    return {t.i for c in marker.children if c.dep_ in ("pobj", "pcomp") for t in c.subtree}


def _anchor_types(parsed: ParsedArticle, after: set[int], mentions: list[Mention]) -> set[str]:
    """The PLOVER types of an event noun the mention's date counts from that is no mention of its own
    ("Hours after the bombing, several mortar shells landed"): the bombing told before is another event
    of that type than the shelling, whichever cluster it stands for."""
    told = {m.trigger_token for m in mentions}
    if after & told:
        return set()  # the anchor is a mention: only its own event is kept apart
    codes = (trigger_code(parsed.doc[i]) for i in after)
    return {code.plover for code in codes if code is not None and code.plover}


def _not_yet(mention: Mention, date: TimeRef, reference: dt.date | None) -> Mention:
    """A deed told as done but dated after the article was written ("a reward for information leading to
    the engineers' release", beside "troops will be sent next week") has not happened: it is ahead."""
    if mention.modality is not Modality.OCCURRED or reference is None or date.date is None or date.date <= reference:
        return mention
    reasons = {**mention.reasons, "modality": f"future: dated {date.date}, after the article's date {reference}"}
    return replace(mention, modality=Modality.FUTURE, reasons=reasons)


def opens_earlier(parsed: ParsedArticle, date: TimeRef) -> bool:
    """The date's phrase opens its sentence and says "earlier" ("Earlier this month, a car bomb killed
    eight"): the writer turns from the event told to another, before it.  Inside a sentence ("retaliation
    for a rocket attack earlier that month") it dates one thing the sentence names, not all of it."""
    if not says_earlier(date) or date.phrase is None:
        return False
    sentence = next((s for s in parsed.sentences if s.start <= date.phrase.start < s.end), None)
    return sentence is not None and not parsed.article.text[sentence.start:date.phrase.start].strip(" \n\t\"'[]-")


# `STATE_NOUNS` (assemble_incidents) name a state of affairs rather than a happening: "the Syrian conflict",
# "the war in Yemen".  They stay mentions (detect finds them, trigger-level scoring counts them), but an
# event needs more than the name of a war: a time of its own (in its phrase or clause), or a casualty figure.
def _only_a_state(parsed: ParsedArticle, mention: Mention, date: TimeRef, claims: tuple[Claim, ...]) -> bool:
    """A mention that names a war or conflict without a time of its own or a figure."""
    token = parsed.trigger(mention)
    if claims or token is None or token.pos_ != "NOUN" or token.lemma_.lower() not in STATE_NOUNS:
        return False
    sentence = parsed.sentence_of_token(mention.trigger_token)
    if date.phrase is None or not sentence.start <= date.phrase.start < sentence.end:
        return True
    if date.phrase.text.lower().startswith("since") or (
            token.dep_ == "pobj" and token.head.lower_ == "at" and token.head.head.lemma_ == "be"):
        return True  # "which has been at war since September": a state that goes on, not a happening
    # the time must be the war's: in its phrase or its clause, not another verb's ("met on Monday to
    # discuss the war in Ukraine" tells a meeting; "the war broke out on Monday" tells the war)
    phrase = parsed.doc.char_span(date.phrase.start, date.phrase.end, alignment_mode="expand")
    if phrase is None:
        return False
    return phrase.root.i not in {t.i for t in token.subtree} and clause_head(phrase.root).i != clause_head(token).i
