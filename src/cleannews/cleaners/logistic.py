"""A standardised logistic model as the training scripts write it to a JSON data file: feature
names, each feature's mean and scale, the weights and the intercept."""

from __future__ import annotations

import math
import operator
from collections.abc import Sequence
from typing import Any


def sigmoid(z: float) -> float:
    """The logistic function, without overflow for large ``|z|``."""
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def check_features(names: tuple[str, ...], features: tuple[str, ...], what: str) -> None:
    """Raise ValueError when a model file's feature ``names`` are not the code's ``features``
    (``what`` names the model in the message)."""
    if names != features:
        missing = sorted(set(features) - set(names))
        extra = sorted(set(names) - set(features))
        raise ValueError(f"{what} model features differ from the code's (missing {missing}, unknown {extra})")


class StandardLogistic:
    """P(y) = sigmoid(intercept + sum(coef_k * (x_k - mean_k) / scale_k)) over named features."""

    def __init__(self, data: dict[str, Any], features: tuple[str, ...], what: str) -> None:
        """Read the weights in ``data``; raises ValueError when its feature names are not
        ``features`` (``what`` names the model in the message)."""
        check_features(tuple(data["features"]), features, what)
        self.features = features
        self.mean: list[float] = [float(x) for x in data["mean"]]
        self.scale: list[float] = [float(x) or 1.0 for x in data["scale"]]
        self.coef: list[float] = [float(x) for x in data["coef"]]
        self.intercept = float(data["intercept"])
        # folded: w_k * (x_k - m_k) / s_k summed = sum(a_k * x_k) + b
        self._a = [c / s for c, s in zip(self.coef, self.scale)]
        self._b = self.intercept - sum(c * m / s for c, m, s in zip(self.coef, self.mean, self.scale))

    def logit(self, row: Sequence[float]) -> float:
        """The log-odds of the row."""
        return self._b + sum(map(operator.mul, self._a, row))

    def probability(self, row: Sequence[float]) -> float:
        """P(y) of the row."""
        return sigmoid(self.logit(row))

    def explain(self, row: Sequence[float], top: int = 3) -> list[tuple[str, float]]:
        """The ``top`` features that moved the log-odds most from the average row's, with their
        contribution rounded to two places (positive: toward y); none that rounds to 0."""
        parts = [(name, c * (x - m) / s) for name, c, x, m, s in zip(self.features, self.coef, row, self.mean, self.scale)]
        parts.sort(key=lambda p: -abs(p[1]))
        return [(n, round(v, 2)) for n, v in parts[:top] if round(v, 2)]


def described(label: str, probability: float, parts: Sequence[tuple[str, float]]) -> str:
    """"model 0.12 (bad +1.30, rule_after -0.90)": a decision's probability and its top features."""
    named = ", ".join(f"{name} {value:+.2f}" for name, value in parts)
    return f"{label} {probability:.2f}" + (f" ({named})" if named else "")
