"""Types of the compiled module :mod:`cleannews.line_shape` (see its source, line_shape.pyx)."""

from array import array
from collections.abc import Collection

UPPER: int
STARTS_UPPER: int
END_PERIOD: int
END_QUESTION: int
END_COLON: int
END_ELLIPSIS: int
COLUMNS: tuple[str, ...]
LETTER: int
NUMBER: int
MARK: int
UPPER_LETTER: int
WORD_COLUMNS: tuple[str, ...]

def shape_columns(texts: list[str]) -> tuple[array[int], array[int], array[int], array[int], array[int], array[int]]: ...
def word_columns(texts: list[str], stops: Collection[str],
                 classes: bytes) -> tuple[array[int], array[int], array[int], array[int], array[int]]: ...
def content_words(text: str, stops: Collection[str], min_chars: int, classes: bytes) -> set[str]: ...
def name_tokens(text: str, classes: bytes) -> int: ...
