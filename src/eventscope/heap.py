"""Keep long-lived loaded objects out of the garbage collector's way.

Why this exists: after the spaCy model, the gazetteer and the dictionaries are
loaded, the heap holds a few million objects that live as long as the process.
Python's cyclic collector walks every tracked object at each full collection,
and the pipeline allocates enough small objects (tokens, spans, candidate
tuples) to trigger those collections often.  `eventscope gazetteer bench`, five
runs each way alternated on 2026-11-28: 25,600-38,100 lookups per CPU second
(median 37,700) frozen, 24,200-30,000 (median 28,200) not.  Whole articles
(`eventscope bench`, 100 articles, two runs each way): 707 and 763 words/s
frozen, 682 and 732 not, within the machine's noise.
"""

from __future__ import annotations

import gc

__all__ = ["freeze_loaded"]


def freeze_loaded() -> None:
    """Collect once, then move every object alive now to the collector's permanent generation.

    Frozen objects are still freed by reference counting; only cycles among them
    wait until the process ends, which is when loaded models go anyway.
    """
    gc.collect()
    gc.freeze()
