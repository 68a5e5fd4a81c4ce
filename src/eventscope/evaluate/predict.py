"""Predictions for each kind of dataset, from the pipeline, its stage functions, or a file.

* Event data (gold, MUC-4, ACLED): `Pipeline.extract_many` → material events
  (modality "occurred"; recalled events included, since gold files label them).
* Trigger data (RAMS, WikiEvents): every mention (any modality: these corpora
  annotate mentions, not facts) plus every casualty claim as its own unit, whose
  targets are the claim's victims (`stages.actors.claim_victims`).
* Dyads (PLV, PLOVER GSR): `stages.detect.code_dyad(parsed, source, target)` for
  the type and `stages.actors.lookup_actor(text)` for each marked actor.
* Snippets (CASE 2021): the ACLED sub-type of the most confident event.
* Event location: `stages.where.event_location_span(parsed, trigger_token)`.
* A coded dataset: `eventscope extract --format jsonl` output, one event per line
  (`to_dict(Event)` plus `article_id`), read by `read_event_lines`.
"""

from __future__ import annotations

import importlib
import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from eventscope.errors import ConfigError, DatasetError
from eventscope.evaluate.records import (
    GoldDocument,
    GoldDyad,
    GoldLocation,
    GoldSnippet,
    PredictedArgument,
    PredictedDyad,
    PredictedEvent,
    PredictedLabel,
    PredictedLocation,
)
from eventscope.model import Article, ClaimKind, Event, Mention, Modality, Span, from_dict
from eventscope.ontology import COMBATANT_SECTORS, HOSTILE_TYPES
from eventscope.stages.acled_refine import snippet_sub_type

Progress = Callable[[int], None]


def stage_function(modules: tuple[str, ...], name: str) -> Callable[..., Any]:
    """A stage function by name (first module that has it), or a ConfigError saying it is not there."""
    for module in modules:
        try:
            return getattr(importlib.import_module(f"eventscope.stages.{module}"), name)
        except (ImportError, AttributeError):
            continue
    raise ConfigError(f"eventscope.stages.{modules[0]}.{name} is not available in this installation")


def article_of(doc: GoldDocument) -> Article:
    return Article(id=doc.id, text=doc.text, title=doc.title, published=doc.published,
                   dateline=doc.dateline, source=doc.source)


def from_event(doc_id: str, event: Event) -> PredictedEvent:
    place = event.place
    arguments = [PredictedArgument("attacker", a.text or a.name, a.span) for a in event.actor1]
    arguments += [PredictedArgument("target", a.text or a.name, a.span) for a in event.actor2]
    if place is not None:
        arguments.append(PredictedArgument("place", place.name, place.span))
    trigger = None
    if event.evidence:
        first = event.evidence[0]
        trigger = Span(first.start, first.end, first.text)
    return PredictedEvent(
        doc_id, frozenset({event.plover}), date=event.date.date, date_end=event.date.date_end,
        countries=event.countries, place_name=place.name if place else None,
        place_text=place.span.text if place and place.span else None,
        site_text=place.site.text if place and place.site else None,
        admin1=place.admin1 if place else None, lat=place.lat if place else None, lon=place.lon if place else None,
        actor1=event.actor1, actor2=event.actor2,
        fatalities=event.fatalities.best if event.fatalities else None,
        died=died(event), target_died=died(event, of_target=True),
        mode=event.plover_mode, acled_sub_type=event.acled_sub_type,
        trigger=trigger, arguments=tuple(arguments), confidence=event.confidence,
        evidence_text=" ".join(e.text for e in event.evidence),
    )


def died(event: Event, *, of_target: bool = False) -> bool:
    """Someone died in the event: a killed claim that is not zero.  A claim without a figure ("the
    mayor was killed", "bodies were found") is a death too, though it gives no fatality count.
    With `of_target`, a human target died: a toll of combatants only (`ontology.COMBATANT_SECTORS`:
    "six guerrillas were killed during the attack", "two soldiers died in the clash") is a combat
    loss, not a death of whom the act targeted."""
    if event.fatalities is None:
        return False
    if not event.fatalities.claims:
        return bool(event.fatalities.best)
    return any(claim.kind == ClaimKind.KILLED and (claim.max is None or claim.max > 0)
               and not (claim.min == 0 and claim.max is None)
               and not (of_target and claim.victim_sectors and set(claim.victim_sectors) <= COMBATANT_SECTORS)
               for claim in event.fatalities.claims)


def events_to_predictions(doc_id: str, events: Iterable[Event]) -> list[PredictedEvent]:
    return [from_event(doc_id, e) for e in events if e.modality == Modality.OCCURRED]


def triggers_to_predictions(doc_id: str, extraction: Any) -> list[PredictedEvent]:
    """Mentions and casualty claims as separate units, each carrying its mention's arguments."""
    out = []
    for mention in extraction.mentions:
        roles = extraction.roles.get(mention.id)
        place = extraction.places.get(mention.id)
        arguments = []
        if roles is not None:
            # an argument is a span of text (RAMS and WikiEvents score spans): actors read out of one
            # coordinated phrase ("Russian and Syrian government planes" -> two governments) that the
            # actors stage gave one span are one argument.  (Event data scored by text, MUC-4, keeps
            # both names: each may fill its own gold slot.)
            arguments += _one_per_span("attacker", roles.actor1)
            arguments += _one_per_span("target", roles.actor2)
        if place is not None and place.site is not None:
            # The spot the trigger's clause names ("stabbed in her home in a West Bank settlement") is
            # the nearest text for where it happened, as argument annotation marks it.
            arguments.append(PredictedArgument("place", place.site.text, place.site))
        elif place is not None and place.span is not None:
            # The place argument is the text that names where the event happened; a place the
            # where stage inferred without naming it here (the article's dominant country) is
            # a geocoding guess, not an argument, and would be matched by its name anywhere.
            arguments.append(PredictedArgument("place", place.name, place.span))
        elif place is not None and place.reference is not None:
            # a borrowed place the trigger's clause refers to ("killed in the same province"): those words
            # say where, as argument annotation marks them
            arguments.append(PredictedArgument("place", place.reference.text, place.reference))
        common = dict(arguments=tuple(arguments), confidence=mention.confidence,
                      acled_sub_type=mention.acled_sub_type)
        out.append(PredictedEvent(doc_id, frozenset({mention.plover}), trigger=mention.trigger, **common))
        for claim in extraction.claims.get(mention.id, ()):
            if claim.span is not None:
                kind = getattr(claim.kind, "value", str(claim.kind))
                out.append(PredictedEvent(doc_id, frozenset({f"claim:{kind}"}), trigger=claim.span,
                                          **{**common, "arguments": _claim_arguments(
                                              extraction, claim, arguments, violent=mention.plover in HOSTILE_TYPES)}))
    return out


def _one_per_span(role: str, actors: Any) -> list[PredictedArgument]:
    out: list[PredictedArgument] = []
    seen: set[tuple[int, int]] = set()
    for actor in actors:
        if actor.span is not None:
            if (actor.span.start, actor.span.end) in seen:
                continue
            seen.add((actor.span.start, actor.span.end))
        out.append(PredictedArgument(role, actor.text, actor.span))
    return out


def _claim_arguments(extraction: Any, claim: Any, arguments: list[PredictedArgument], *,
                     violent: bool = True) -> tuple[PredictedArgument, ...]:
    """A casualty claim is its own death/injury unit: its targets are the people it counts
    (`stages.actors.claim_victims`), not what the attack hit; place stays the mention's, and so does
    the attacker when the mention is violent (`ontology.HOSTILE_TYPES`: the actor1 of a claim on any
    other mention, "Maduro defends the troops who killed ...", is no attacker).  Without victims read off the claim, the mention's
    targets stand."""
    if not violent:
        arguments = [a for a in arguments if a.role != "attacker"]
    parsed = getattr(extraction, "parsed", None)
    victims = stage_function(("actors",), "claim_victims")(parsed, claim) if parsed is not None else ()
    if not victims:
        return tuple(arguments)
    kept = [a for a in arguments if a.role != "target"]
    return tuple(kept + [PredictedArgument("target", v.text, v.span) for v in victims])


def predict_documents(docs: Sequence[GoldDocument], pipeline: Any, unit: str,
                      progress: Progress | None = None) -> dict[str, list[PredictedEvent]]:
    out: dict[str, list[PredictedEvent]] = {}
    for count, extraction in enumerate(pipeline.extract_many(article_of(d) for d in docs), 1):
        doc_id = extraction.article.id
        if unit == "trigger":
            out[doc_id] = triggers_to_predictions(doc_id, extraction)
        else:
            out[doc_id] = events_to_predictions(doc_id, extraction.events)
        if progress:
            progress(count)
    return out


def _parsed(texts: Sequence[tuple[str, str]], nlp_model: Any) -> Iterator[Any]:
    from eventscope.stages import nlp

    articles = [Article(id=item_id, text=text) for item_id, text in texts]
    yield from nlp.parse_many(articles, nlp_model, batch_size=64)


def predict_dyads(items: Sequence[GoldDyad], nlp_model: Any, progress: Progress | None = None) -> list[PredictedDyad]:
    code_dyad = stage_function(("detect", "dyad"), "code_dyad")
    lookup_actor = stage_function(("actors", "actor_lookup"), "lookup_actor")
    out = []
    for count, (item, parsed) in enumerate(zip(items, _parsed([(i.id, i.text) for i in items], nlp_model),
                                               strict=True), 1):
        coded = code_dyad(parsed, item.source_span, item.target_span)  # one actor may be unmarked
        label = coded if isinstance(coded, str) or coded is None else getattr(coded, "plover", None)
        source = lookup_actor(item.source_span.text) if item.source_span else None
        target = lookup_actor(item.target_span.text) if item.target_span else None
        out.append(PredictedDyad(item.id, label, source, target, float(getattr(coded, "confidence", 0.5))))
        if progress:
            progress(count)
    return out


def main_event(extraction: Any) -> Event | Mention | None:
    """The event a snippet reports: the ACLED-coded mention that occurred and is told first, as the
    event it belongs to.  A snippet names its event first; the details that follow (who was hurt,
    what the police did) are parts of it.  A deed told inside a by-phrase of a participle ("youths
    angered by the police shooting of a teenager set cars alight", "a protest sparked by the
    killing") is its cause, told before the event but not the event."""
    doc = extraction.parsed.doc

    def order(mention: Mention) -> tuple[bool, int, bool, int]:
        return (mention.modality != Modality.OCCURRED, mention.sentence_index,
                _told_as_cause(doc[mention.trigger_token]), mention.trigger.start)

    coded = sorted((m for m in extraction.mentions if m.acled_sub_type and 0 <= m.trigger_token < len(doc)),
                   key=order)
    for mention in coded:
        for event in extraction.events:
            if event.acled_sub_type and mention.id in event.mention_ids:
                return event
    return coded[0] if coded else None


def _told_as_cause(token: Any) -> bool:
    """Whether the word lies in the by-agent of a participle modifying a noun ("angered by ...")."""
    return any(a.dep_ == "agent" and a.head.dep_ == "acl" and a.head.tag_ == "VBN" for a in token.ancestors)


def predict_snippets(items: Sequence[GoldSnippet], pipeline: Any, progress: Progress | None = None) -> list[PredictedLabel]:
    out = []
    articles = (Article(id=i.id, text=i.text) for i in items)
    for count, extraction in enumerate(pipeline.extract_many(articles), 1):
        best = main_event(extraction)
        # a sub-type read off the sentence's structure ("soldiers found and detonated an IED": a
        # controlled detonation) stands; the snippet classifier weighs wordings, not who did what
        structural = best is not None and best.reasons.get("acled_by") == "structure"
        found = None if structural else snippet_sub_type(extraction.article.text, best.acled_sub_type if best else None)
        if found is not None:  # the classifier, reading the whole snippet, decides
            out.append(PredictedLabel(extraction.article.id, found[1], found[2]))
        else:
            out.append(PredictedLabel(extraction.article.id, best.acled_sub_type if best else None,
                                      best.confidence if best else 0.0))
        if progress:
            progress(count)
    return out


def predict_locations(items: Sequence[GoldLocation], nlp_model: Any,
                      progress: Progress | None = None) -> list[PredictedLocation]:
    event_location_span = stage_function(("where", "where_link"), "event_location_span")
    out = []
    # Sentences repeat (one item per VERB): parse each text once.
    unique = list(dict.fromkeys(i.text for i in items))
    parsed_by_text = dict(zip(unique, _parsed([(str(n), t) for n, t in enumerate(unique)], nlp_model), strict=True))
    for count, item in enumerate(items, 1):
        parsed = parsed_by_text[item.text]
        token = next((t.i for t in parsed.doc if t.idx <= item.trigger.start < t.idx + max(len(t.text), 1)), None)
        found = event_location_span(parsed, token) if token is not None else None
        span = None
        if found is not None:
            start, end = getattr(found, "start", None), getattr(found, "end", None)
            if isinstance(start, int) and isinstance(end, int):
                span = Span(start, end, item.text[start:end])
        out.append(PredictedLocation(item.id, span))
        if progress:
            progress(count)
    return out


def read_event_lines(path: Path) -> dict[str, list[Event]]:
    """`eventscope extract --format jsonl` output: article id -> events (article_id, else articles[0])."""
    out: dict[str, list[Event]] = defaultdict(list)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise DatasetError(str(path), f"cannot read ({exc.strerror})") from None
    except UnicodeDecodeError as exc:
        raise DatasetError(str(path), f"not UTF-8 text ({exc.reason})") from None
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            article_id = data.get("article_id") or (data.get("articles") or [None])[0]
            event = from_dict(Event, data)
        except json.JSONDecodeError as exc:
            raise DatasetError(str(path), f"line {number}: not valid JSON ({exc.msg})") from None
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise DatasetError(str(path), f"line {number}: not an event record ({type(exc).__name__}: {exc})") from None
        if not article_id:
            raise DatasetError(str(path), f"line {number}: event without article_id")
        out[str(article_id)].append(event)
    return out


def predictions_from_file(docs: Sequence[GoldDocument], path: Path) -> dict[str, list[PredictedEvent]]:
    """Events of a coded dataset, assigned to gold documents by id, path, file name or stem."""
    events = read_event_lines(path)
    keys: dict[str, str] = {}
    for doc in docs:
        for key in (doc.id, *doc.aliases):
            keys.setdefault(key, doc.id)
            keys.setdefault(Path(key).stem, doc.id)
    out: dict[str, list[PredictedEvent]] = defaultdict(list)
    for article_id, found in events.items():
        doc_id = keys.get(article_id) or keys.get(Path(article_id).name) or keys.get(Path(article_id).stem)
        if doc_id is not None:
            out[doc_id].extend(events_to_predictions(doc_id, found))
    return out
