"""Types of the compiled module :mod:`cleannews.fields.forest` (see its source, forest.pyx)."""

from collections.abc import Sequence

class Forest:
    n_features: int
    init: float
    rate: float
    def __init__(self, trees: Sequence[Sequence[tuple[int, float, int, int, float]]], n_features: int,
                 init: float, rate: float) -> None: ...
    def log_odds(self, x: Sequence[float]) -> float: ...
    def used_features(self, x: Sequence[float]) -> list[tuple[int, int]]: ...
