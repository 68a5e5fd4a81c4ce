"""Near-duplicate articles: MinHash signatures and LSH band keys (datasketch).

Why: agencies syndicate the same copy under different URLs and ids.  A copy
should not count as independent corroboration of an event, and its events
may merge with the original's even when neither has an actor or a place.

The signature is a datasketch `MinHash` over word 3-shingles of the
normalised body text (128 permutations, fixed seed, CRC-32 as the base hash:
stable across runs and machines, and a third cheaper than datasketch's SHA-1).  It is cut into 16 bands of 8 rows; two articles
sharing any band key are candidates (the S-curve puts the 50% point near
Jaccard (1/16)^(1/8) ≈ 0.71), and a candidate is a near-duplicate when the
estimated Jaccard similarity is at least `NEAR_DUPLICATE_JACCARD`.  Band keys
live in the database (`lsh_bands`) so the index survives restarts and needs
no pickled in-memory structure.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from functools import lru_cache
from typing import Any

import numpy as np
from datasketch import MinHash

from eventscope.model import Article

NUM_PERM = 128
BANDS = 16
ROWS = NUM_PERM // BANDS
SHINGLE = 3
SEED = 1
NEAR_DUPLICATE_JACCARD = 0.8  # stated tolerance: estimated Jaccard of 3-shingles

_WORD = re.compile(r"\w+", re.UNICODE)


def normalise(text: str) -> str:
    """Lower case, words only: punctuation and spacing differences do not matter."""
    return " ".join(_WORD.findall(text.casefold()))


def content_hash(article: Article) -> str:
    """Exact identity of what the pipeline reads: title and body, spacing normalised."""
    body = " ".join(article.title.split()) + "\n" + " ".join(article.text.split())
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def shingles(text: str, size: int = SHINGLE) -> list[bytes]:
    words = normalise(text).split()
    if len(words) < size:
        return [" ".join(words).encode("utf-8")] if words else []
    return [" ".join(words[i:i + size]).encode("utf-8") for i in range(len(words) - size + 1)]


@lru_cache(maxsize=1)
def _template() -> tuple[Any, Any]:
    """Drawing the permutations costs more than hashing an article: draw them once."""
    template = MinHash(num_perm=NUM_PERM, seed=SEED)
    return template.permutations, template.scheme


def signature(text: str) -> np.ndarray:
    """The MinHash hash values (uint64, length NUM_PERM) of `text`."""
    permutations, scheme = _template()
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=zlib.crc32, permutations=permutations, scheme=scheme)
    minhash.update_batch(shingles(text))
    return np.asarray(minhash.hashvalues, dtype=np.uint64)


def to_blob(values: np.ndarray) -> bytes:
    return values.astype("<u8").tobytes()


def from_blob(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype="<u8")


def band_keys(values: np.ndarray) -> list[str]:
    """One key per band: band number + a short hash of its rows."""
    keys = []
    for band in range(BANDS):
        rows = values[band * ROWS:(band + 1) * ROWS].astype("<u8").tobytes()
        keys.append(f"{band}:{hashlib.blake2b(rows, digest_size=8).hexdigest()}")
    return keys


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity: the share of equal hash values."""
    if len(a) != len(b) or len(a) == 0:
        return 0.0
    return float(np.count_nonzero(a == b)) / len(a)
