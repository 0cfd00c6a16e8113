"""The lexicon schema (``schema.toml``): every section and key a lexicon file may hold, its kind,
the modes the code matches it in, and what it holds.

:func:`check` refuses a lexicon file's data with a section or key the schema does not name, or
with a value of the wrong kind (:class:`LexiconError`, naming the file, section and key);
:func:`entry` is the schema's entry of one key, and a KeyError for a key it does not name.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

SCHEMA_FILE = Path(__file__).with_name("schema.toml")
#: The kinds of key: two kinds of list, a table and two kinds of single value.
PHRASES, PATTERNS, TABLE, NUMBER, STRING = "phrases", "patterns", "table", "number", "string"
KINDS = (PHRASES, PATTERNS, TABLE, NUMBER, STRING)
LISTS = (PHRASES, PATTERNS)
#: The suffix of the keys that hold regular expressions.
PATTERN_SUFFIX = "_re"
#: How a list is turned into one pattern (``Lexicon.pattern(section, key, mode)``).
MODES = {
    "line": r"^(?:{})$",          # the whole line is one of the phrases
    "start": r"^(?:{})",          # the line starts with one
    "end": r"(?:{})$",            # the line ends with one
    "search": r"(?:{})",          # one occurs anywhere
    "word": r"(?<!\w)(?:{})(?!\w)",  # one occurs as a whole word
}
#: The kinds of value a table may map its names to.
TABLE_VALUES = ("integer", "number", "string")


class LexiconError(ValueError):
    """A lexicon file (or the schema itself) that does not fit the schema."""


@dataclass(frozen=True)
class Entry:
    """What the schema says of one key: its ``kind``, the ``modes`` the code matches it in (lists
    only), the kind of its ``values`` (tables only) and ``about``, what it holds."""

    section: str
    key: str
    kind: str
    about: str
    modes: tuple[str, ...] = ()
    values: str | None = None


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


_VALUE_CHECKS = {
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": _is_number,
    "string": lambda v: isinstance(v, str),
}


def _read_schema(path: Path = SCHEMA_FILE) -> dict[str, dict[str, Entry]]:
    """The schema file's entries by section and key (checked: a malformed schema is an error)."""
    with path.open("rb") as fh:
        raw = tomllib.load(fh)
    schema: dict[str, dict[str, Entry]] = {}
    for section, keys in raw.items():
        for key, spec in keys.items():
            where = f"{path.name}: [{section}] {key}"
            if not isinstance(spec, dict) or set(spec) - {"kind", "about", "modes", "values"}:
                raise LexiconError(f"{where}: an entry is a table of kind, about, modes and values")
            kind, about = spec.get("kind"), spec.get("about")
            modes, values = tuple(spec.get("modes", ())), spec.get("values")
            if kind not in KINDS:
                raise LexiconError(f"{where}: kind {kind!r} is not one of {', '.join(KINDS)}")
            if (kind == PATTERNS) != key.endswith(PATTERN_SUFFIX):
                raise LexiconError(f"{where}: a key ending in {PATTERN_SUFFIX} holds patterns, no other key does")
            if not isinstance(about, str) or not about.strip():
                raise LexiconError(f"{where}: says nothing about what it holds")
            if modes and (kind not in LISTS or set(modes) - set(MODES)):
                raise LexiconError(f"{where}: modes are for lists, and are among {', '.join(MODES)}")
            if (kind == TABLE) != (values is not None) or (values is not None and values not in TABLE_VALUES):
                raise LexiconError(f"{where}: a table (and only a table) names its values: {', '.join(TABLE_VALUES)}")
            schema.setdefault(section, {})[key] = Entry(section, key, kind, about.strip(), modes, values)
    return schema


#: The schema: section -> key -> entry.
SCHEMA: dict[str, dict[str, Entry]] = _read_schema()


def entry(section: str, key: str) -> Entry:
    """The schema's entry for ``[section] key``; a KeyError naming it when the schema has none."""
    found = SCHEMA.get(section, {}).get(key)
    if found is None:
        if section not in SCHEMA:
            raise KeyError(f"the lexicon schema has no section [{section}] (asked for [{section}] {key})")
        raise KeyError(f"the lexicon schema has no key [{section}] {key} (keys of [{section}]: {', '.join(SCHEMA[section])})")
    return found


def _kind_error(spec: Entry, value: Any) -> str | None:
    """What is wrong with a value for a key of this entry, or None."""
    if spec.kind in LISTS:
        if not isinstance(value, list):
            return f"must be a list of strings ({spec.kind}), not {type(value).__name__}"
        bad = next((v for v in value if not isinstance(v, str)), None)
        return None if bad is None else f"must hold strings only, not {bad!r}"
    if spec.kind == TABLE:
        if not isinstance(value, dict):
            return f"must be a table, not {type(value).__name__}"
        check = _VALUE_CHECKS[spec.values or "string"]
        bad_name = next((k for k, v in value.items() if not check(v)), None)
        return None if bad_name is None else f"maps {bad_name!r} to {value[bad_name]!r}: its values are {spec.values}s"
    if not _VALUE_CHECKS[spec.kind](value):
        return f"must be a {spec.kind}, not {type(value).__name__} {value!r}"
    return None


def check(data: Mapping[str, Any], source: str) -> None:
    """Refuse lexicon data (one file's, named ``source``) that does not fit the schema: a
    :class:`LexiconError` naming the file, section and key."""
    for section, table in data.items():
        if section not in SCHEMA:
            raise LexiconError(f"{source}: unknown section [{section}] (known: {', '.join(sorted(SCHEMA))})")
        if not isinstance(table, dict):
            raise LexiconError(f"{source}: [{section}] must be a section (a table of keys), not {table!r}")
        for key, value in table.items():
            spec = SCHEMA[section].get(key)
            if spec is None:
                raise LexiconError(f"{source}: unknown key [{section}] {key} "
                                   f"(keys of [{section}]: {', '.join(SCHEMA[section])})")
            problem = _kind_error(spec, value)
            if problem:
                raise LexiconError(f"{source}: [{section}] {key} {problem}")
