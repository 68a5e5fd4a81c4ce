"""The numpy MiniLM encoder: reference values, invariants, and the erf it relies on."""

from __future__ import annotations

import math

import numpy as np
import pytest

from eventscope.stages.encoder import DIM, _erf, load_encoder


@pytest.fixture(scope="module")
def enc():
    return load_encoder()


def test_matches_sentence_transformers_reference(enc):
    # The sentence-transformers quickstart prints these cosines for all-MiniLM-L6-v2.
    v = enc.encode(["The weather is lovely today.", "It's so sunny outside!", "He drove to the stadium."])
    sims = v @ v.T
    assert sims[0, 1] == pytest.approx(0.6660, abs=2e-3)
    assert sims[0, 2] == pytest.approx(0.1046, abs=2e-3)
    assert sims[1, 2] == pytest.approx(0.1411, abs=2e-3)


def test_unit_norm_and_shape(enc):
    v = enc.encode(["Troops shelled the town.", "", "a " * 400])
    assert v.shape == (3, DIM)
    assert v.dtype == np.float32
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-5)


def test_paraphrase_closer_than_unrelated(enc):
    a, b, c = enc.encode(["Rebels attacked an army base.", "Insurgents assaulted a military post.",
                          "The central bank raised interest rates."])
    assert a @ b > 0.6
    assert a @ c < 0.2


def test_padding_and_batching_do_not_change_vectors(enc):
    texts = ["Short.", "A much longer sentence about protesters marching through the capital on Friday."]
    together = enc.encode(texts)
    enc._cache.clear()
    alone = np.stack([enc.encode([t])[0] for t in texts])
    assert np.abs(together - alone).max() < 1e-5


def test_cache_returns_same_vector(enc):
    first = enc.encode(["Police arrested two journalists."])
    second = enc.encode(["Police arrested two journalists."])
    assert np.array_equal(first, second)


def test_tokenizer_round_trip(enc):
    ids = enc.token_ids("Kata'ib Hezbollah fired rockets.")
    assert ids[0] == 101 and ids[-1] == 102  # [CLS] ... [SEP]
    assert enc.tokenizer.decode(ids) == "kata ' ib hezbollah fired rockets."
    assert len(enc.token_ids("word " * 1000)) == 256  # sentence-transformers' max_seq_length


def test_token_states_mean_is_the_sentence_embedding(enc):
    text = "The militias vowed revenge."
    [(layers, offsets)] = enc.token_states([text], layers=(4, 6))
    assert set(layers) == {4, 6}
    assert layers[6].shape == (len(offsets), DIM)
    assert text[offsets[2][0]:offsets[2][1]] == "militias"
    mean = layers[6].mean(axis=0)
    enc._cache.clear()
    assert np.allclose(mean / np.linalg.norm(mean), enc.encode([text])[0], atol=1e-5)


def test_token_states_are_kept_for_the_next_reader(enc):
    text = "Rockets hit the base near Deir ez-Zor."
    [first] = enc.token_states([text], layers=(4, 6))
    [again, other] = enc.token_states([text, "Another sentence."], layers=(4, 6))
    assert again is first  # the PLOVER classifier and the event-location linker share one pass
    assert other is not first
    [fresh] = enc._token_states([text], (4, 6), 32)
    assert np.allclose(fresh[0][6], first[0][6]) and fresh[1] == first[1]


def test_erf_approximation():
    xs = np.linspace(-5, 5, 101, dtype=np.float32)
    exact = np.array([math.erf(float(x)) for x in xs])
    assert np.abs(_erf(xs.copy()) - exact).max() < 1e-6
