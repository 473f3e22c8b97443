"""The learned decision: a probability for each candidate from weights fitted on the gold
corpus (``bench/fit_relations.py``), shipped as ``relation_model.json`` beside this module.

The file holds, for each candidate group ("party", "covers", "event", "works", "based",
"actors", "resource"), the feature names in order, a gradient-boosted ensemble of small
regression trees (each as flat arrays: feature, threshold, left, right, value) and the
decision threshold chosen by cross-validation. Inference needs only numpy: all trees of a
group are walked level by level over all candidates at once.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

from minegraph.loaders.relations.candidates import Candidate

MODEL_FILE = "relation_model.json"


@dataclass
class GroupModel:
    features: list[str]
    index: dict[str, int]
    init: float
    rate: float
    threshold: float
    depth: int
    #: the threshold for a candidate a rule states (a rule is kept unless the weights speak against it)
    rule_threshold: float
    #: all trees stacked: node arrays with per-tree offsets
    feature: np.ndarray
    thresh: np.ndarray
    left: np.ndarray
    right: np.ndarray
    value: np.ndarray
    roots: np.ndarray
    #: a linear model instead of trees (coefficients per feature), when fitted so
    coef: np.ndarray | None = None

    def matrix(self, cands: list[Candidate]) -> np.ndarray:
        x = np.zeros((len(cands), len(self.features)), dtype=np.float64)
        index = self.index
        for i, c in enumerate(cands):
            for name, v in c.feats.items():
                j = index.get(name)
                if j is not None:
                    x[i, j] = v
        return x

    def probabilities(self, cands: list[Candidate]) -> np.ndarray:
        if not cands:
            return np.zeros(0)
        x = self.matrix(cands)
        if self.coef is not None:
            raw = self.init + x @ self.coef
        else:
            n = len(cands)
            node = np.broadcast_to(self.roots, (n, len(self.roots))).copy()
            rows = np.arange(n)[:, None]
            for _ in range(self.depth):
                f = self.feature[node]
                leaf = f < 0
                go_left = x[rows, np.where(leaf, 0, f)] <= self.thresh[node]
                node = np.where(leaf, node, np.where(go_left, self.left[node], self.right[node]))
            raw = self.init + self.rate * self.value[node].sum(axis=1)
        return 1.0 / (1.0 + np.exp(-raw))


@dataclass
class RelationModel:
    groups: dict[str, GroupModel]

    def decide(self, cands: list[Candidate]) -> list[bool]:
        """Whether to keep each candidate; a group without weights keeps what a rule states."""
        keep = [c.rule for c in cands]
        by_group: dict[str, list[int]] = {}
        for i, c in enumerate(cands):
            by_group.setdefault(c.group, []).append(i)
        for group, idx in by_group.items():
            gm = self.groups.get(group)
            if gm is None:
                continue
            probs = gm.probabilities([cands[i] for i in idx])
            for i, p in zip(idx, probs, strict=True):
                cands[i].feats["_p"] = float(p)
                c = cands[i]
                keep[i] = bool(p >= gm.rule_threshold) if c.rule else bool(p >= gm.threshold and not c.veto)
        return keep


def group_from_json(data: dict) -> GroupModel:
    feats = list(data["features"])
    if "coef" in data:
        empty = np.zeros(0)
        return GroupModel(
            feats,
            {f: i for i, f in enumerate(feats)},
            float(data["init"]),
            1.0,
            float(data["threshold"]),
            0,
            empty.astype(np.int64),
            empty,
            empty.astype(np.int64),
            empty.astype(np.int64),
            empty,
            empty.astype(np.int64),
            np.asarray(data["coef"], dtype=np.float64),
        )
    feature, thresh, left, right, value, roots = [], [], [], [], [], []
    depth = 0
    for tree in data["trees"]:
        off = len(feature)
        roots.append(off)
        feature += tree["feature"]
        thresh += tree["threshold"]
        left += [(x + off) if x >= 0 else -1 for x in tree["left"]]
        right += [(x + off) if x >= 0 else -1 for x in tree["right"]]
        value += tree["value"]
        depth = max(depth, int(tree.get("depth", 3)))
    return GroupModel(
        feats,
        {f: i for i, f in enumerate(feats)},
        float(data["init"]),
        float(data["rate"]),
        float(data["threshold"]),
        depth,
        float(data.get("rule_threshold", data["threshold"])),
        np.asarray(feature, dtype=np.int64),
        np.asarray(thresh, dtype=np.float64),
        np.asarray(left, dtype=np.int64),
        np.asarray(right, dtype=np.int64),
        np.asarray(value, dtype=np.float64),
        np.asarray(roots, dtype=np.int64),
    )


def model_from_json(data: dict) -> RelationModel:
    return RelationModel({name: group_from_json(g) for name, g in data.get("groups", {}).items()})


def load_model(path: str | Path) -> RelationModel:
    """Weights from a file written by the fitting script."""
    return model_from_json(json.loads(Path(path).read_text()))


@lru_cache(maxsize=1)
def shipped_model() -> RelationModel:
    """The weights shipped with the package (no groups, so rules decide, when absent)."""
    ref = resources.files("minegraph.loaders.relations").joinpath(MODEL_FILE)
    if not ref.is_file():
        return RelationModel({})
    return model_from_json(json.loads(ref.read_text()))
