"""Near-duplicate articles: one wire story republished by several outlets.

Texts are compared by MinHash signatures (datasketch) of their word 3-shingles; a
locality-sensitive hash index finds the candidates, and two articles are copies when
the estimated Jaccard similarity of their shingles is at least the threshold (a new
headline and one sentence changed in a five-sentence story still scores about 0.7).
"""

from __future__ import annotations

import re

import numpy as np

DEFAULT_THRESHOLD = 0.5  # an edited wire copy scores 0.6-0.9, another story on the same event < 0.1
NUM_PERM = 128
SCHEME = "affine32"  # datasketch 2 names its permutation scheme; signatures are kept, so fix it
_WORD = re.compile(r"\w+")


def fingerprint(text: str, num_perm: int = NUM_PERM) -> tuple[int, ...] | None:
    """The MinHash signature of ``text`` (None for a text of fewer than 20 words)."""
    from datasketch import MinHash

    words = _WORD.findall(text.lower())
    if len(words) < 20:
        return None
    shingles = {" ".join(words[i:i + 3]).encode() for i in range(len(words) - 2)}
    minhash = MinHash(num_perm=num_perm, scheme=SCHEME)
    minhash.update_batch(list(shingles))
    return tuple(int(v) for v in minhash.hashvalues)


def similarity(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return float(np.mean(np.asarray(a, dtype=np.uint64) == np.asarray(b, dtype=np.uint64)))


class NearDuplicates:
    """An index of signatures: :meth:`match` finds a stored copy, :meth:`add` stores one."""

    def __init__(self, threshold: float = DEFAULT_THRESHOLD, num_perm: int = NUM_PERM) -> None:
        from datasketch import MinHashLSH

        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"near-duplicate threshold {threshold} is not in (0, 1]")
        self.threshold = threshold
        self.num_perm = num_perm
        # the index only proposes candidates: ask it for a lower similarity so that copies just
        # above the threshold are not missed by chance, then check each candidate's estimate
        self._lsh = MinHashLSH(threshold=max(0.1, threshold * 0.75), num_perm=num_perm)
        self._signatures: dict[str, tuple[int, ...]] = {}

    def _minhash(self, signature: tuple[int, ...]):  # type: ignore[no-untyped-def]
        from datasketch import MinHash

        return MinHash(num_perm=self.num_perm, hashvalues=np.asarray(signature, dtype=np.uint64), scheme=SCHEME)

    def match(self, signature: tuple[int, ...] | None) -> tuple[str, float] | None:
        """The key of the most similar stored copy at or above the threshold, and its similarity."""
        if signature is None or len(signature) != self.num_perm or not self._signatures:
            return None
        best: tuple[str, float] | None = None
        for key in self._lsh.query(self._minhash(signature)):
            score = similarity(signature, self._signatures[key])
            if score >= self.threshold and (best is None or score > best[1] or score == best[1] and key < best[0]):
                best = (key, score)
        return best

    def add(self, key: str, signature: tuple[int, ...] | None) -> None:
        if signature is None or len(signature) != self.num_perm or key in self._signatures:
            return
        self._signatures[key] = tuple(signature)
        self._lsh.insert(key, self._minhash(signature))
