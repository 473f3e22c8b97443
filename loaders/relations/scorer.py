"""The learned decision: a probability for each candidate from weights fitted on the gold
corpus (``bench/fit_relations.py``), shipped as ``relation_model.json`` beside this module.

The file holds, for each candidate group ("party", "covers", "event", "works", "based",
"actors", "resource"), the feature names in order, the weights and the decision threshold
chosen by cross-validation. The weights are a logistic regression (what the fitting script
writes by default: as good as boosted trees in cross-validation, and a candidate's score is a
sum over its few features), or a gradient-boosted ensemble of small regression trees (each as
flat arrays: feature, threshold, left, right, value), walked with numpy level by level over
all candidates of an article at once.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import repeat
from operator import mul
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

    def __post_init__(self) -> None:
        linear = bool(self.groups) and all(g.coef is not None for g in self.groups.values())
        #: a linear model's weights by feature name: a candidate's score is a sum over its few features
        self._weights = (
            {
                name: dict(zip(g.features, g.coef.tolist(), strict=True))
                for name, g in self.groups.items()
                if g.coef is not None
            }
            if linear
            else None
        )
        self._forest = _Forest.of(self.groups) if self.groups and not linear else None

    def only(self, groups: set[str]) -> RelationModel:
        """The same weights for ``groups`` alone (the others are left to their rules)."""
        return RelationModel({name: g for name, g in self.groups.items() if name in groups})

    def set_thresholds(self, thresholds: dict[str, tuple[float, float]]) -> None:
        """Replace the decision thresholds (new candidates, a rule's) of the groups named."""
        for name, (new, rule) in thresholds.items():
            if name in self.groups:
                self.groups[name].threshold, self.groups[name].rule_threshold = new, rule

    def decide(self, cands: list[Candidate]) -> list[bool]:
        """Whether to keep each candidate; a group without weights keeps what a rule states."""
        keep = [c.rule for c in cands]
        idx = [i for i, c in enumerate(cands) if c.group in self.groups]
        if not idx:
            return keep
        if self._weights is not None:
            probs = [self._linear(cands[i]) for i in idx]
        elif self._forest is not None:
            probs = self._forest.probabilities([cands[i] for i in idx]).tolist()
        for i, p in zip(idx, probs, strict=True):
            c = cands[i]
            c.feats["_p"] = p
            gm = self.groups[c.group]
            keep[i] = p >= gm.rule_threshold if c.rule else (p >= gm.threshold and not c.veto)
        return keep

    def _linear(self, c: Candidate) -> float:
        assert self._weights is not None
        f = c.feats
        raw = self.groups[c.group].init + sum(map(mul, map(self._weights[c.group].get, f, repeat(0.0)), f.values()))
        return 1.0 / (1.0 + math.exp(-raw))


@dataclass
class _Forest:
    """Every group's trees in one set of arrays, so that all candidates of an article, whatever
    their group, are scored in one pass: a candidate walks only its own group's trees."""

    index: dict[str, int]
    #: per node: the feature it tests (its column in the shared index; a leaf tests the zero column)
    feature: np.ndarray
    thresh: np.ndarray
    #: per node, its right then its left child (a leaf: itself twice)
    child: np.ndarray
    value: np.ndarray
    #: (groups, trees) root node of each tree; a group with fewer trees points at a zero leaf
    roots: np.ndarray
    init: np.ndarray
    rate: np.ndarray
    depth: int
    group_id: dict[str, int]
    #: groups fitted as a linear model: (shared feature index of each coefficient, coefficients)
    linear: dict[str, tuple[np.ndarray, np.ndarray]]

    @classmethod
    def of(cls, groups: dict[str, GroupModel]) -> _Forest:
        names = sorted({f for g in groups.values() for f in g.features})
        index = {n: j for j, n in enumerate(names)}
        feature, thresh, left, right, value = (
            [np.array([-2])],
            [np.zeros(1)],
            [np.array([-1])],
            [np.array([-1])],
            [np.zeros(1)],
        )  # node 0: the zero leaf
        offset = 1
        n_trees = max((len(g.roots) for g in groups.values()), default=0)
        roots = np.zeros((len(groups), max(n_trees, 1)), dtype=np.int64)
        init = np.zeros(len(groups))
        rate = np.zeros(len(groups))
        linear = {}
        gid = {}
        for k, (name, g) in enumerate(groups.items()):
            gid[name] = k
            init[k], rate[k] = g.init, g.rate
            if g.coef is not None:
                linear[name] = (np.array([index[f] for f in g.features], dtype=np.int64), g.coef)
                continue
            remap = np.array([index[f] for f in g.features], dtype=np.int64)
            f = np.where(g.feature >= 0, remap[np.maximum(g.feature, 0)], -2)
            feature.append(f)
            thresh.append(g.thresh)
            left.append(np.where(g.left >= 0, g.left + offset, -1))
            right.append(np.where(g.right >= 0, g.right + offset, -1))
            value.append(g.value)
            roots[k, : len(g.roots)] = g.roots + offset
            offset += len(g.feature)
        feat = np.concatenate(feature)
        leaf = feat < 0
        nodes = np.arange(len(feat))
        lefts = np.where(leaf, nodes, np.concatenate(left))
        rights = np.where(leaf, nodes, np.concatenate(right))
        return cls(
            index,
            np.where(leaf, len(names), feat),  # a leaf reads the last column, always zero
            np.where(leaf, np.inf, np.concatenate(thresh)),
            np.stack([rights, lefts], axis=1).ravel(),  # child[2 * node + went_left]
            np.concatenate(value),
            roots,
            init,
            rate,
            max((g.depth for g in groups.values()), default=0),
            gid,
            linear,
        )

    def matrix(self, cands: list[Candidate]) -> np.ndarray:
        width = len(self.index) + 1  # the last column: what a leaf reads, and where unknown features go
        get = self.index.get
        cols: list[int] = []
        vals: list[float] = []
        sizes = []
        for c in cands:
            f = c.feats
            cols.extend(map(get, f, repeat(width - 1)))
            vals.extend(f.values())
            sizes.append(len(f))
        x = np.zeros((len(cands), width), dtype=np.float64)
        x[np.repeat(np.arange(len(cands)), sizes), cols] = vals
        x[:, -1] = 0.0
        return x

    def probabilities(self, cands: list[Candidate]) -> np.ndarray:
        x = self.matrix(cands)
        width = x.shape[1]
        flat = x.ravel()
        g = np.array([self.group_id[c.group] for c in cands], dtype=np.int64)
        node = self.roots[g]
        row = (np.arange(len(cands)) * width)[:, None]
        for _ in range(self.depth):  # a leaf is its own child (it reads the zero column, goes left to itself)
            go_left = flat[row + self.feature[node]] <= self.thresh[node]
            node = self.child[2 * node + go_left]
        raw = self.init[g] + self.rate[g] * self.value[node].sum(axis=1)
        for name, (cols, coef) in self.linear.items():
            mask = g == self.group_id[name]
            if mask.any():
                raw[mask] = self.init[g[mask]] + x[np.ix_(mask, cols)] @ coef
        return 1.0 / (1.0 + np.exp(-raw))


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
            float(data.get("rule_threshold", data["threshold"])),
            empty.astype(np.int64),
            empty,
            empty.astype(np.int64),
            empty.astype(np.int64),
            empty,
            empty.astype(np.int64),
            np.asarray(data["coef"], dtype=np.float64),
        )
    feature: list[int] = []
    thresh: list[float] = []
    left: list[int] = []
    right: list[int] = []
    value: list[float] = []
    roots: list[int] = []
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
