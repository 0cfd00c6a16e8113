"""Boosted trees over a fixed feature row, as the training scripts write them to a JSON data file:
the feature names, the prior's log-odds (``init``), the rate and the trees (see
:class:`cleannews.fields.model.TreeModel`; walked in compiled code).

A tree's inner nodes carry the mean of the leaf values under them (weighted by the training lines
that reached each leaf), so that a line's log-odds can be told as a sum of steps: at each split
on its path, the value moves from the node's mean to the child's, and that step is the split
feature's contribution (:meth:`BoostedTrees.explain`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..fields.model import TreeModel
from .logistic import check_features, sigmoid


class BoostedTrees:
    """P(y) = sigmoid(init + rate * sum of the trees' leaf values) over named features."""

    def __init__(self, data: dict[str, Any], features: tuple[str, ...], what: str) -> None:
        """Read the trees in ``data``; raises ValueError when its feature names are not
        ``features`` or a node is malformed (``what`` names the model in the message)."""
        check_features(tuple(data["features"]), features, what)
        self.features = features
        self.trees = TreeModel.from_dict({"features": list(features), "init": data["init"], "rate": data["rate"],
                                          "trees": data["trees"]})

    def logit(self, row: Sequence[float]) -> float:
        """The log-odds of the row."""
        return self.trees.walk(row)

    def probability(self, row: Sequence[float]) -> float:
        """P(y) of the row."""
        return sigmoid(self.logit(row))

    def explain(self, row: Sequence[float], top: int = 3) -> list[tuple[str, float]]:
        """The ``top`` features whose splits moved the row's log-odds most from the trees' mean,
        with their contribution rounded to two places (positive: toward y); none that rounds to 0."""
        totals: dict[int, float] = {}
        rate = self.trees.rate
        for tree in self.trees.trees:
            node = tree[0]
            while node[0] >= 0:
                feature, threshold, left, right, value = node
                child = tree[left] if row[feature] <= threshold else tree[right]
                totals[feature] = totals.get(feature, 0.0) + rate * (child[4] - value)
                node = child
        parts = sorted(totals.items(), key=lambda p: -abs(p[1]))
        return [(self.features[f], round(v, 2)) for f, v in parts[:top] if round(v, 2)]
