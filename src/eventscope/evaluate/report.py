"""The readable output of `eventscope eval` and `eventscope bench`."""

from __future__ import annotations

from typing import Any, TextIO

from eventscope.evaluate.runner import EvalResult, worst_errors


def _table(rows: list[dict[str, Any]], out: TextIO) -> None:
    if not rows:
        return
    headers = list(rows[0])

    def shown(value: Any) -> str:
        return f"{value:.3f}" if isinstance(value, float) else " ".join(str(value).split())

    widths = {h: min(60, max(len(h), *(len(shown(r.get(h, ""))) for r in rows))) for h in headers}

    def cell(h: str, value: Any) -> str:
        text = shown(value)
        text = text if len(text) <= widths[h] else text[: widths[h] - 1] + "…"
        return text.rjust(widths[h]) if isinstance(value, int | float) else text.ljust(widths[h])

    out.write("  " + "  ".join(h.upper().ljust(widths[h]) for h in headers).rstrip() + "\n")
    for row in rows:
        out.write("  " + "  ".join(cell(h, row.get(h, "")) for h in headers).rstrip() + "\n")


def print_eval(result: EvalResult, out: TextIO) -> None:
    out.write(f"dataset {result.dataset}  ({result.path})  n={result.n}  {result.seconds:.1f} s\n")
    for note in result.notes:
        out.write(f"  note: {note}\n")
    out.write("\nmetrics\n")
    _table([{"metric": k, "value": v, "over": result.score.support.get(k, "")}
            for k, v in result.score.metrics.items()], out)
    if result.score.per_class:
        out.write("\nper class\n")
        _table(result.score.per_class, out)
    errors = worst_errors(result.score)
    if errors:
        out.write(f"\n{len(errors)} worst errors (of {len(result.score.errors)})\n")
        _table([{"item": e.item_id, "what": e.what, "gold": e.gold, "predicted": e.predicted} for e in errors], out)


def print_bench(report: dict[str, Any], out: TextIO) -> None:
    out.write(f"bench {report['path']}: {report['articles']} articles, {report['words']} words\n")
    _table([
        {"measure": "eventscope articles/s", "value": report["articles_per_second"]},
        {"measure": "eventscope words/s", "value": report["words_per_second"]},
        {"measure": "spaCy parse alone words/s", "value": report["spacy_words_per_second"]},
        {"measure": "ratio eventscope / spaCy", "value": report["ratio_to_spacy"]},
        {"measure": "eventscope seconds", "value": report["seconds"]},
        {"measure": "spaCy alone seconds", "value": report["spacy_seconds"]},
        {"measure": "peak RSS MB", "value": report["peak_rss_mb"]},
    ], out)
    out.write("\nseconds per stage\n")
    _table([{"stage": k, "seconds": v} for k, v in report["stage_seconds"].items()], out)
