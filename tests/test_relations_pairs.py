"""Pair candidates the shipped weights would surely leave out are never built (their features are
not worked out), and what the weights keep is unchanged. Sentences invented for the test."""

from __future__ import annotations

import numpy as np
import pytest

import minegraph.loaders.relations as R
from minegraph.loaders.documents import Document
from minegraph.loaders.extract import document_context
from minegraph.loaders.relations.candidates import Candidate
from minegraph.loaders.relations.scorer import GroupModel, shipped_model

TEXT = (
    "Chile's mining minister Ana Torres said on Monday that Peru and Bolivia would study the plan. "
    "Officials from Kenya, Ghana, Zambia, Namibia and Angola met in Geneva, and analysts said Canada, "
    "Japan and Norway watched the talks. "
    "Kestrel Metals and Harrow Lithium agreed to work together on a refinery, the Ruritanian Mining Agency said."
)


def _both(monkeypatch, text: str) -> tuple[list[Candidate], list[Candidate]]:
    """The pair candidates of ``text`` as extraction builds them (with the shipped weights) and all
    of them (no weights to leave any out)."""
    real = R.pair_candidates
    got: dict[str, list[Candidate]] = {}

    def both(ctx, out, facts, groups=None, model=None):
        got["all"] = real(ctx, out, facts, groups, None)
        got["built"] = real(ctx, out, facts, groups, model)
        return got["built"]

    monkeypatch.setattr(R, "pair_candidates", both)
    R.extract_relations(document_context(Document("t", "t.txt", text, "0" * 64)))
    return got["built"], got["all"]


def test_hopeless_pairs_are_not_built_and_the_kept_are_unchanged(monkeypatch):
    built, every = _both(monkeypatch, TEXT)
    model = shipped_model()
    kept_all = dict(zip(((c.group, c.source, c.target) for c in every), model.decide(every), strict=True))
    kept_built = dict(zip(((c.group, c.source, c.target) for c in built), model.decide(built), strict=True))
    left = set(kept_all) - set(kept_built)
    # two actors far below the threshold (a crowded list of countries) and a person with a country
    # that is not their stated employer's
    assert {g for g, _, _ in left} >= {"actors", "works"}
    assert not any(kept_all[k] for k in left)
    assert set(kept_built) <= set(kept_all)
    assert all(kept_built[k] == kept_all[k] for k in kept_built)
    feats = {(c.group, c.source, c.target): c.feats for c in every}
    assert all(c.feats == feats[(c.group, c.source, c.target)] for c in built)


def _linear(threshold: float) -> GroupModel:
    coef = np.array([1.0, -2.0, 0.5])
    return GroupModel(
        ["a", "b", "c"],
        {"a": 0, "b": 1, "c": 2},
        0.0,
        1.0,
        threshold,
        0,
        0.0,
        np.zeros(0, dtype=np.int64),
        np.zeros(0),
        np.zeros(0, dtype=np.int64),
        np.zeros(0, dtype=np.int64),
        np.zeros(0),
        np.zeros(0, dtype=np.int64),
        coef,
    )


def _below(gm: GroupModel, known: dict[str, float], most: dict[str, float]) -> bool:
    bound = gm.bound(lambda f: f in known, most)
    if bound is None:
        return False
    weights, ceiling, need = bound
    return ceiling + sum(weights[f] * v for f, v in known.items()) < need


@pytest.mark.parametrize(
    ("a", "threshold", "surely_below"),
    [
        # raw at most a + 0.5 (c may reach 1, b only lowers it): logit(0.8) = 1.386
        (0.5, 0.8, True),
        (0.9, 0.8, False),  # 0.9 + 0.5 = 1.4 may reach it
        (0.5, 0.5, False),  # logit(0.5) = 0
        (-5.0, 1.0, False),  # a threshold nothing reaches: no bound worked out
    ],
)
def test_a_linear_model_bounds_what_it_does_not_know_yet(a, threshold, surely_below):
    assert _below(_linear(threshold), {"a": a}, {}) is surely_below


def test_a_feature_that_may_reach_more_than_one_is_bounded_by_its_most():
    gm = _linear(0.8)
    assert _below(gm, {"a": 0.5}, {"c": 1.0})
    assert not _below(gm, {"a": 0.5}, {"c": 3.0})
