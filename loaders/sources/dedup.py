"""Near-duplicate articles: one wire story republished by several outlets.

Texts are compared by MinHash signatures (datasketch) of their word 3-shingles; a
locality-sensitive hash index finds the candidates, and two articles are copies when
the estimated Jaccard similarity of their shingles is at least the threshold (a new
headline and one sentence changed in a five-sentence story still scores about 0.7).

A build keeps one signature per article for the whole run, so the index is compact:
signatures as rows of 32-bit integers (each MinHash value is below 2**32) and the LSH
bands as sorted 64-bit keys, about 1 KB an article (datasketch's own index and a tuple
of Python ints took about 15 KB).  The bands are datasketch's own (``b`` bands of ``r``
values for the same threshold), so it proposes the same candidates.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterable, Sequence

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


def encode_signature(signature: Sequence[int]) -> str:
    """A signature as stored on its Document: base64 of its little-endian 32-bit values
    (684 characters; a store returns one string far faster than a list of 128 numbers)."""
    return base64.b64encode(np.asarray(signature, dtype="<u4").tobytes()).decode("ascii")


def decode_signature(value: str | Sequence[int]) -> np.ndarray | Sequence[int] | None:
    """A stored signature back as 32-bit values; a list (the form earlier versions
    stored) is returned as it is (:class:`NearDuplicates` checks what it is given), and a
    string that is not base64 of 32-bit values gives None."""
    if not isinstance(value, str):
        return value
    try:
        raw = base64.b64decode(value.encode("ascii"), validate=True)
    except (ValueError, UnicodeEncodeError):
        return None
    return np.frombuffer(raw, dtype="<u4") if raw and len(raw) % 4 == 0 else None


def similarity(a: Sequence[int] | np.ndarray, b: Sequence[int] | np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return float(np.mean(np.asarray(a, dtype=np.uint64) == np.asarray(b, dtype=np.uint64)))


_BLOCK = 1024  # signature rows per block (blocks are never copied when the index grows)
_TAIL = 1024  # articles added since the last merge, compared band by band
_MANY = 8 * _BLOCK  # signatures per merge of add_many (bounds its arrays)
_MAX_VALUE = 0xFFFFFFFF
_MIX = np.uint64(0x9E3779B97F4A7C15)
_MIX2 = np.uint64(0xBF58476D1CE4E5B9)


def _band_params(threshold: float, num_perm: int) -> tuple[int, int]:
    """datasketch's number of bands and rows per band for this threshold."""
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    return lsh.b, lsh.r


class NearDuplicates:
    """An index of signatures: :meth:`match` finds a stored copy, :meth:`add` stores one.

    A candidate is an article that agrees with the signature on every value of at least
    one band (as in datasketch's ``MinHashLSH``); each band's values are folded into one
    64-bit key with the band's number (a collision can only add a candidate, which the
    similarity check then judges).  Keys of older articles sit in one sorted array
    searched with ``searchsorted``; the last ``_TAIL`` articles' keys are scanned, then
    merged in."""

    def __init__(self, threshold: float = DEFAULT_THRESHOLD, num_perm: int = NUM_PERM) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"near-duplicate threshold {threshold} is not in (0, 1]")
        self.threshold = threshold
        self.num_perm = num_perm
        # the index only proposes candidates: ask it for a lower similarity so that copies just
        # above the threshold are not missed by chance, then check each candidate's estimate
        self.bands, self.rows = _band_params(max(0.1, threshold * 0.75), num_perm)
        self._keys: list[str] = []
        self._row_of: dict[str, int] = {}
        self._blocks: list[np.ndarray] = []  # signatures, _BLOCK rows of num_perm uint32 each
        self._sorted = np.empty(0, dtype=np.uint64)  # band keys of rows < self._merged, sorted
        self._sorted_rows = np.empty(0, dtype=np.uint32)
        self._merged = 0
        self._tail = np.empty((_TAIL, self.bands), dtype=np.uint64)  # band keys of the rows after

    def __len__(self) -> int:
        return len(self._keys)

    def _array(self, signature: Sequence[int] | np.ndarray | None) -> np.ndarray | None:
        """The signature as uint32 values, or None when it cannot be compared (missing,
        of another length, or with a value no MinHash gives)."""
        if signature is None or len(signature) != self.num_perm:
            return None
        values = np.asarray(signature)
        if values.dtype.kind not in "iu" or values.min() < 0 or values.max() > _MAX_VALUE:
            return None
        return values.astype(np.uint32)

    def _band_keys(self, signature: np.ndarray) -> np.ndarray:
        """One 64-bit key per band, from its ``rows`` values and the band's number (of
        one signature, or of each row of a matrix of them)."""
        shape = (*signature.shape[:-1], self.bands, self.rows)
        bands = signature[..., : self.bands * self.rows].reshape(shape).astype(np.uint64)
        key = np.arange(1, self.bands + 1, dtype=np.uint64) * _MIX
        with np.errstate(over="ignore"):
            for column in range(self.rows):
                key = (key ^ bands[..., column]) * _MIX2
                key ^= key >> np.uint64(31)
        return key

    def _signature(self, row: int) -> np.ndarray:
        return self._blocks[row // _BLOCK][row % _BLOCK]

    def match(self, signature: Sequence[int] | np.ndarray | None) -> tuple[str, float] | None:
        """The key of the most similar stored copy at or above the threshold, and its similarity."""
        values = self._array(signature)
        if values is None or not self._keys:
            return None
        keys = self._band_keys(values)
        left = np.searchsorted(self._sorted, keys, side="left")
        right = np.searchsorted(self._sorted, keys, side="right")
        rows = {int(r) for lo, hi in zip(left, right, strict=True) if hi > lo for r in self._sorted_rows[lo:hi]}
        tail = len(self._keys) - self._merged
        rows.update(self._merged + int(i) for i in np.flatnonzero((self._tail[:tail] == keys).any(axis=1)))
        best: tuple[str, float] | None = None
        for row in rows:
            key = self._keys[row]
            score = float(np.mean(self._signature(row) == values))
            if score >= self.threshold and (best is None or score > best[1] or score == best[1] and key < best[0]):
                best = (key, score)
        return best

    def add(self, key: str, signature: Sequence[int] | np.ndarray | None) -> None:
        values = self._array(signature)
        if values is None or key in self._row_of:
            return
        row = len(self._keys)
        if row % _BLOCK == 0:
            self._blocks.append(np.empty((_BLOCK, self.num_perm), dtype=np.uint32))
        self._blocks[-1][row % _BLOCK] = values
        self._tail[row - self._merged] = self._band_keys(values)
        self._keys.append(key)
        self._row_of[key] = row
        if len(self._keys) - self._merged == _TAIL:
            self._merge()

    def add_many(self, items: Iterable[tuple[str, Sequence[int] | np.ndarray | None]]) -> None:
        """:meth:`add` each (key, signature), the band keys of thousands at a time
        computed as one array and merged once (a store's signatures, read at the start
        of a build)."""
        self._merge()
        chunk: list[np.ndarray] = []
        for key, signature in items:
            values = self._array(signature)
            if values is None or key in self._row_of:
                continue
            self._row_of[key] = len(self._keys)
            self._keys.append(key)
            chunk.append(values)
            if len(chunk) == _MANY:
                self._store_rows(chunk)
                chunk = []
        if chunk:
            self._store_rows(chunk)

    def _store_rows(self, rows: list[np.ndarray]) -> None:
        """Keep the signatures of the last ``len(rows)`` keys and merge their band keys."""
        matrix = np.stack(rows)
        row, done = len(self._keys) - len(rows), 0
        while done < len(rows):
            at = (row + done) % _BLOCK
            if at == 0:
                self._blocks.append(np.empty((_BLOCK, self.num_perm), dtype=np.uint32))
            take = min(_BLOCK - at, len(rows) - done)
            self._blocks[-1][at: at + take] = matrix[done: done + take]
            done += take
        self._merge(self._band_keys(matrix))

    def _merge(self, fresh: np.ndarray | None = None) -> None:
        """Move the tail's band keys (or ``fresh``: those of every row after the merged
        ones) into the sorted array."""
        count = len(self._keys) - self._merged
        if not count:
            return
        keys = (self._tail[:count] if fresh is None else fresh).ravel()
        rows = np.repeat(np.arange(self._merged, self._merged + count, dtype=np.uint32), self.bands)
        order = np.argsort(keys, kind="stable")
        keys, rows = keys[order], rows[order]
        at = np.searchsorted(self._sorted, keys, side="right")
        self._sorted = np.insert(self._sorted, at, keys)
        self._sorted_rows = np.insert(self._sorted_rows, at, rows)
        self._merged += count
