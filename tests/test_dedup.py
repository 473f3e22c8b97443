"""The compact near-duplicate index against datasketch's own LSH: the same matches on a
corpus of generated stories and edited copies (some just above, some just below the
threshold), more articles than one merge of the index holds, and its size."""

from __future__ import annotations

import functools
import random
import tracemalloc

import numpy as np
import pytest
from datasketch import MinHash, MinHashLSH

from minegraph.loaders.sources import dedup
from minegraph.loaders.sources.dedup import (
    _TAIL,
    DEFAULT_THRESHOLD,
    NUM_PERM,
    SCHEME,
    NearDuplicates,
    fingerprint,
    similarity,
)

WORDS = [f"{a}{b}" for a in ("lith", "cobal", "nick", "graph", "tan", "mang", "cop", "zin", "ore", "mine")
         for b in ("ium", "ate", "el", "ite", "ar", "ese", "per", "c", "s", "ral", "ing", "ed")]


class Reference:
    """The index as it was: datasketch's MinHashLSH and tuples of Python ints."""

    def __init__(self, threshold: float) -> None:
        self.threshold = threshold
        self.lsh = MinHashLSH(threshold=max(0.1, threshold * 0.75), num_perm=NUM_PERM)
        self.signatures: dict[str, tuple[int, ...]] = {}

    def match(self, signature: tuple[int, ...]) -> tuple[str, float] | None:
        if not self.signatures:
            return None
        query = MinHash(num_perm=NUM_PERM, hashvalues=np.asarray(signature, dtype=np.uint64), scheme=SCHEME)
        best = None
        for key in self.lsh.query(query):
            score = similarity(signature, self.signatures[key])
            if score >= self.threshold and (best is None or score > best[1] or score == best[1] and key < best[0]):
                best = (key, score)
        return best

    def add(self, key: str, signature: tuple[int, ...]) -> None:
        if key not in self.signatures:
            self.signatures[key] = signature
            self.lsh.insert(key, MinHash(num_perm=NUM_PERM, hashvalues=np.asarray(signature, dtype=np.uint64),
                                         scheme=SCHEME))


@functools.cache
def corpus(stories: int, seed: int = 7) -> list[tuple[str, tuple[int, ...]]]:
    """``stories`` generated texts, a third of them followed by copies with 2 to 40%
    of their words replaced (similarities on both sides of the threshold)."""
    rng = random.Random(seed)
    texts: list[str] = []
    for i in range(stories):
        words = [rng.choice(WORDS) for _ in range(rng.randint(40, 120))]
        texts.append(" ".join(words))
        if i % 3 == 0 and i > 10:
            source = texts[rng.randrange(len(texts))].split()
            rate = rng.choice((0.02, 0.05, 0.08, 0.1, 0.12, 0.15, 0.2, 0.4))
            texts.append(" ".join(rng.choice(WORDS) if rng.random() < rate else w for w in source))
    return [(f"doc-{i:05d}", fingerprint(text)) for i, text in enumerate(texts)]


@pytest.mark.parametrize("threshold", [DEFAULT_THRESHOLD, 0.8])
def test_same_matches_as_datasketch_lsh(threshold: float) -> None:
    docs = corpus(int(_TAIL * 1.6))
    assert len(docs) > 2 * _TAIL  # the sorted part and the tail are both searched
    ours, theirs = NearDuplicates(threshold), Reference(threshold)
    found = 0
    for key, signature in docs:
        expected = theirs.match(signature)
        assert ours.match(signature) == expected, key
        assert ours.match(list(signature)) == expected  # a signature read back from the store
        found += expected is not None
        ours.add(key, signature)
        theirs.add(key, signature)
    assert found > 20  # the corpus does hold copies
    # every stored article finds itself
    for _key, signature in docs[:: 97]:
        assert ours.match(signature) == theirs.match(signature)
        assert ours.match(signature)[1] == 1.0


@pytest.mark.parametrize("chunk", [dedup._MANY, 300])
def test_adding_many_at_once_gives_the_index_one_by_one_adds_give(chunk: int, monkeypatch) -> None:
    """A build reads the stored articles' signatures in one go (add_many): after some
    single adds, in chunks that end inside a block and across blocks, with a repeated
    key and an unreadable signature, the index finds what one add at a time finds."""
    monkeypatch.setattr(dedup, "_MANY", chunk)
    docs = corpus(int(_TAIL * 1.6))
    one, many = NearDuplicates(), NearDuplicates()
    head, middle, rest = docs[:37], docs[37:1500], docs[1500:]
    for key, signature in head:
        one.add(key, signature)
        many.add(key, signature)
    for key, signature in middle:
        one.add(key, signature)
    many.add_many([*middle, middle[5], ("unreadable", [-1] * NUM_PERM)])
    for key, signature in rest:  # single adds go on after a bulk load
        assert many.match(signature) == one.match(signature), key
        one.add(key, signature)
        many.add(key, signature)
    assert len(many) == len(one) == len(docs)
    for key, signature in docs[::7]:
        assert many.match(signature) == one.match(signature), key
        assert many.match(signature)[1] == 1.0  # every stored article finds itself (or its twin)


def test_signatures_that_cannot_be_compared_are_ignored() -> None:
    index = NearDuplicates()
    signature = corpus(3)[0][1]
    index.add("a", signature)
    index.add("a", signature)  # a key is kept once
    assert len(index) == 1
    for bad in (None, signature[:10], [-1] * NUM_PERM, [2**40] * NUM_PERM):
        index.add("b", bad)
        assert index.match(bad) is None
    assert len(index) == 1 and index.match(signature) == ("a", 1.0)


def test_index_keeps_about_one_kilobyte_per_article() -> None:
    docs = [(f"doc-{i}", tuple(int(v) for v in np.random.default_rng(i).integers(0, 2**32, NUM_PERM)))
            for i in range(5000)]
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        index = NearDuplicates()
        for key, signature in docs:
            index.add(key, signature)
        held = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    # 512 bytes of signature + 12 bytes per band (32 bands) + the key's list and dict entries;
    # datasketch's index with tuples of Python ints held about 15 KB an article
    assert held / len(docs) < 1500, held / len(docs)
    assert index.match(docs[1234][1]) == ("doc-1234", 1.0)
