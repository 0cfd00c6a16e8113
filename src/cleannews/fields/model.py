"""Small learned scorers: a logistic regression (in plain Python) or a few small boosted trees
(walked in compiled code, :mod:`cleannews.fields.forest`) over named features, read from a JSON
file (written by ``training/train_fields.py``).

The file holds one model per field::

    {"version": 1, "trained_on": [...], "models": {
      "headline": {"kind": "trees", "features": [...], "init": -2.1, "rate": 0.1,
                   "trees": [[[feature, threshold, left, right, value], ...], ...], "threshold": 0.0},
      "kicker": {"kind": "logistic", "features": [...], "mean": [...], "scale": [...],
                 "coef": [...], "intercept": 0.0, "threshold": 0.5}, ...}}

A tree is a list of nodes; a node with ``feature`` -1 is a leaf whose ``value`` is added to the
score; any other goes ``left`` when the feature's value is at most ``threshold``.
"""

from __future__ import annotations

import functools
import json
import math
import operator
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from .forest import Forest

#: The model file shipped with the package.
DEFAULT_MODEL = "fields_model.json"


@dataclass(frozen=True)
class LinearModel:
    """One field's logistic regression: features standardised, then a weighted sum."""

    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    #: the least probability at which the best candidate is taken (below it: no value)
    threshold: float = 0.0

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> LinearModel:
        """From the JSON form; raises ValueError when the lists do not match."""
        features = tuple(data["features"])
        parts = [tuple(float(x) for x in data[k]) for k in ("mean", "scale", "coef")]
        if any(len(p) != len(features) for p in parts):
            raise ValueError("a field model's mean, scale and coef must have one value per feature")
        return cls(features, parts[0], parts[1], parts[2], float(data["intercept"]),
                   float(data.get("threshold", 0.0)))

    def to_dict(self) -> dict[str, Any]:
        """The JSON form."""
        return {"kind": "logistic", "features": list(self.features), "mean": list(self.mean), "scale": list(self.scale),
                "coef": list(self.coef), "intercept": self.intercept, "threshold": self.threshold}

    def score(self, features: dict[str, float]) -> float:
        """The probability (0..1) that a line with these features is the field's line; a feature
        the dict lacks counts as 0."""
        z = self.intercept
        for name, m, s, c in zip(self.features, self.mean, self.scale, self.coef):
            z += c * (features.get(name, 0.0) - m) / s
        if z < -30:
            return 0.0
        return 1.0 / (1.0 + math.exp(-z))

    def contributions(self, features: dict[str, float], top: int = 3) -> list[tuple[str, float]]:
        """The features that pushed the score most (name, signed contribution), largest first."""
        parts = [(name, c * (features.get(name, 0.0) - m) / s)
                 for name, m, s, c in zip(self.features, self.mean, self.scale, self.coef)]
        return sorted(parts, key=lambda p: -abs(p[1]))[:top]


Node = tuple[int, float, int, int, float]


@dataclass(frozen=True)
class TreeModel:
    """Gradient-boosted regression trees over the log-odds: ``init + rate * sum(leaf values)``."""

    features: tuple[str, ...]
    init: float
    rate: float
    trees: tuple[tuple[Node, ...], ...]
    threshold: float = 0.0

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TreeModel:
        """From the JSON form; raises ValueError when a node is malformed."""
        features = tuple(data["features"])
        trees = tuple(tuple((int(f), float(t), int(l), int(r), float(v)) for f, t, l, r, v in tree)
                      for tree in data["trees"])
        model = cls(features, float(data["init"]), float(data["rate"]), trees, float(data.get("threshold", 0.0)))
        model._forest  # noqa: B018 - built now, so that a malformed node is refused when the file is read
        return model

    def to_dict(self) -> dict[str, Any]:
        """The JSON form."""
        return {"kind": "trees", "features": list(self.features), "init": self.init, "rate": self.rate,
                "trees": [[list(n) for n in tree] for tree in self.trees], "threshold": self.threshold}

    def score(self, features: dict[str, float]) -> float:
        """The probability (0..1) that a line with these features is the field's line; a feature
        the dict lacks counts as 0."""
        x: Sequence[float]
        try:
            x = self._vector(features)  # (every feature there: one C call)
        except KeyError:
            x = [features.get(name, 0.0) for name in self.features]
        z = self._forest.log_odds(x)
        z = max(-30.0, min(30.0, z))
        return 1.0 / (1.0 + math.exp(-z))

    @functools.cached_property
    def _vector(self) -> Callable[[dict[str, float]], tuple[float, ...]]:
        """The values of :attr:`features` in a dict, in order (KeyError when one is missing)."""
        if len(self.features) == 1:
            name = self.features[0]
            return lambda features: (features[name],)
        return operator.itemgetter(*self.features)

    def walk(self, x: Sequence[float]) -> float:
        """The log-odds of a feature vector (values in :attr:`features` order): each tree walked
        node by node, its leaf's value times ``rate`` added to ``init`` tree after tree (in
        compiled code, :class:`~cleannews.fields.forest.Forest`)."""
        return self._forest.log_odds(x)

    @functools.cached_property
    def _forest(self) -> Forest:
        """The trees in the compiled walker's arrays (built once per model)."""
        return Forest(self.trees, len(self.features), self.init, self.rate)

    def contributions(self, features: dict[str, float], top: int = 3) -> list[tuple[str, float]]:
        """The features the trees split on for this line, most used first (unsigned counts)."""
        x = [features.get(name, 0.0) for name in self.features]
        used = [(self.features[f], float(n)) for f, n in self._forest.used_features(x)]  # (in first-use order)
        return sorted(used, key=lambda p: -p[1])[:top]


Model = LinearModel | TreeModel


def model_from_dict(data: dict[str, Any]) -> Model:
    """A model from its JSON form (``kind``: "logistic", the default, or "trees")."""
    if data.get("kind", "logistic") == "trees":
        return TreeModel.from_dict(data)
    return LinearModel.from_dict(data)


@dataclass(frozen=True)
class FieldModels:
    """The models of a model file, by field name."""

    models: dict[str, Model]
    trained_on: tuple[str, ...] = ()

    def get(self, name: str) -> Model | None:
        """The model of a field, or None when the file has none."""
        return self.models.get(name)


def parse_models(data: Any) -> FieldModels:
    """A model file's content (parsed JSON) as :class:`FieldModels`; ValueError when bad."""
    if not isinstance(data, dict) or not isinstance(data.get("models"), dict):
        raise ValueError("a field model file holds an object with a 'models' object")
    try:
        models = {name: model_from_dict(m) for name, m in data["models"].items()}
    except (KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"bad field model: {exc}") from exc
    return FieldModels(models, tuple(data.get("trained_on", ())))


@functools.lru_cache(maxsize=8)
def load_models(path: str = "") -> FieldModels:
    """The models in the file at ``path`` ("": the shipped file); ValueError when unreadable."""
    try:
        if path:
            text = Path(path).read_text(encoding="utf-8")
        else:
            text = resources.files("cleannews").joinpath(DEFAULT_MODEL).read_text(encoding="utf-8")
        data = json.loads(text)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"cannot read the field model {path or DEFAULT_MODEL!r}: {exc}") from exc
    return parse_models(data)
