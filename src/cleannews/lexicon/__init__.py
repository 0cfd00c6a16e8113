"""Per-language phrase lists and patterns, read from the TOML data files in this folder.

A page's lexicon layers ``common.toml`` (language-neutral: social networks, agencies, wire
caption conventions), ``en.toml`` (English UI words appear on sites in every language) and the
page's own language file. Each file has sections (``[share]``, ``[captions]``, ...) holding
lists; a key ending in ``_re`` holds regular expressions, any other list holds literal phrases.
Lists with the same section and key are concatenated across layers; tables (such as month
names) are merged. Adding a language is adding a file: see docs/lexicons.md.

Every section and key is declared in ``schema.toml`` (:mod:`cleannews.lexicon.schema`): a file
holding a key the schema does not name, or a value of the wrong kind, is refused when it is read
(:class:`LexiconError`), and asking for a key the schema does not name is a KeyError. A key the
schema names that no layer holds is empty.

Patterns are compiled once per (language, section, key, mode), on first use.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import regex

from .needles import Needles, needles_for
from .schema import MODES, SCHEMA_FILE, LexiconError, check, entry
from .whole_line import WholeLine

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

DATA_DIR = Path(__file__).parent
#: The layer under every language.
COMMON = "common"


def available_languages() -> tuple[str, ...]:
    """The languages that have a lexicon file (ISO 639-1 codes)."""
    return tuple(sorted(p.stem for p in DATA_DIR.glob("*.toml") if p.stem not in (COMMON, SCHEMA_FILE.stem)))


@functools.lru_cache(maxsize=None)
def _read(name: str) -> dict[str, Any]:
    """One layer's data (none for a language without a file)."""
    if name != COMMON and name not in available_languages():
        return {}
    return read_file(DATA_DIR / f"{name}.toml")


def read_file(path: Path) -> dict[str, Any]:
    """A lexicon file's data, checked against the schema: a :class:`LexiconError` naming the
    file, section and key of what does not fit it."""
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise LexiconError(f"{path}: not valid TOML: {exc}") from exc
    check(data, str(path))
    return data


def _merge(layers: Iterable[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    merged: dict[str, dict[str, Any]] = {}
    for layer in layers:
        for section, table in layer.items():
            if not isinstance(table, dict):
                continue
            target = merged.setdefault(section, {})
            for key, value in table.items():
                if isinstance(value, list):
                    old = target.get(key, [])
                    target[key] = old + [v for v in value if v not in old]
                elif isinstance(value, dict):
                    target[key] = {**target.get(key, {}), **value}
                else:
                    target[key] = value
    return merged


#: What a section no layer has holds (read only).
_NO_SECTION: dict[str, Any] = {}


class Lexicon:
    """The phrase lists and patterns for one language (layered over common and English)."""

    def __init__(self, language: str, data: dict[str, dict[str, Any]]) -> None:
        self.language = language
        self._data = data
        self._compiled: dict[tuple[object, ...], regex.Pattern[str]] = {}
        self._needles: dict[tuple[object, ...], Needles | None] = {}
        self._whole: dict[tuple[object, ...], WholeLine] = {}

    @classmethod
    def load(cls, language: str) -> Lexicon:
        """The lexicon for ``language`` (cached; unknown languages get common + English)."""
        return _load(language)

    def list(self, section: str, key: str) -> tuple[Any, ...]:
        """The entries of one list (empty when no layer has it; a KeyError when the schema does
        not name it)."""
        found = self._data.get(section, _NO_SECTION).get(key)
        if found is None:
            entry(section, key)
            return ()
        return tuple(found)

    def table(self, section: str, key: str) -> dict[str, Any]:
        """One table (e.g. month names to numbers); empty when no layer has it, a KeyError when
        the schema does not name it."""
        found = self._data.get(section, _NO_SECTION).get(key)
        if found is None:
            entry(section, key)
            return {}
        return dict(found)

    def value(self, section: str, key: str, default: Any = None) -> Any:
        """A single setting (``default`` when no layer has it; a KeyError when the schema does
        not name it)."""
        found = self._data.get(section, _NO_SECTION).get(key)
        if found is None:
            entry(section, key)
            return default
        return found

    @functools.lru_cache(maxsize=256)  # noqa: B019 - lexicons are cached for the process anyway
    def words(self, section: str, key: str) -> frozenset[str]:
        """A list as a set of casefolded strings, for token look-ups."""
        return frozenset(str(w).casefold() for w in self.list(section, key))

    def pattern(self, section: str, key: str, mode: str = "line", *, flags: int = regex.I,
                before: str = "", after: str = "") -> regex.Pattern[str]:
        r"""One compiled pattern matching any entry of a list, in the given mode.

        Literal phrases are escaped and whitespace in them matches any run of spaces; entries
        of a ``*_re`` key are used as written. An empty list gives a pattern that never matches.
        ``before``/``after`` are regex text put around the moded alternation, for a pattern built
        on a list ("Von" + names: ``mode="start", after=r"\s*(?P<rest>.+)$"``); it is cached too.
        """
        # (the default flags keep a short key: hashing a RegexFlag is slow, and this is hot)
        cache_key: tuple[object, ...] = (
            (section, key, mode) if flags is regex.I else (section, key, mode, int(flags)))
        if before or after:
            cache_key += (before, after)
        compiled = self._compiled.get(cache_key)
        if compiled is None:
            compiled = self._build(section, (key,), mode, flags, before, after)
            self._compiled[cache_key] = compiled
        return compiled

    def combined(self, section: str, keys: tuple[str, ...], mode: str = "line", *,
                 flags: int = regex.I) -> regex.Pattern[str]:
        """One compiled pattern matching any entry of several lists of a section (e.g. a literal
        list and its ``*_re`` companion): it matches where :meth:`pattern` of one of the keys
        would, in one call instead of one per key. (Entries must not refer to groups by number:
        the groups of the lists are numbered together.)"""
        cache_key = ("+", section, keys, mode, int(flags))
        compiled = self._compiled.get(cache_key)
        if compiled is None:
            compiled = self._build(section, keys, mode, flags, "", "")
            self._compiled[cache_key] = compiled
        return compiled

    def first_of(self, sections: tuple[str, ...], keys: tuple[str, ...], mode: str = "line", *,
                 flags: int = regex.I) -> regex.Pattern[str]:
        """One pattern for the lists ``keys`` of several sections: where it matches, group
        ``_s<n>`` tells the first of the sections (by position n) whose :meth:`combined`
        pattern matches there too (for the "line" mode: the whole text, the first section that
        matches it). Entries must not refer to groups by number."""
        cache_key = ("first", sections, keys, mode, int(flags))
        compiled = self._compiled.get(cache_key)
        if compiled is None:
            bodies = [f"(?P<_s{n}>{self._body(section, keys)})" for n, section in enumerate(sections)]
            compiled = _compile(MODES[mode].format("|".join(bodies)), int(flags | regex.V0))
            self._compiled[cache_key] = compiled
        return compiled

    def whole_line(self, sections: tuple[str, ...], keys: tuple[str, ...], *,
                   flags: int = regex.I) -> WholeLine:
        """:meth:`first_of` in the "line" mode (for one section: :meth:`combined`), behind a
        set look-up of the lists' literal phrases: the same matches, with the regex engine run
        on far fewer lines (see :mod:`cleannews.lexicon.whole_line`)."""
        cache_key = (sections, keys, int(flags))
        found = self._whole.get(cache_key)
        if found is None:
            full = (self.combined(sections[0], keys, "line", flags=flags) if len(sections) == 1
                    else self.first_of(sections, keys, "line", flags=flags))
            phrases = [str(e) for s in sections for k in keys if not k.endswith("_re") for e in self.list(s, k)]
            expressions = [f"(?:{e})" for s in sections for k in keys if k.endswith("_re") for e in self.list(s, k)]
            found = WholeLine(full, phrases, _compile(MODES["line"].format("|".join(expressions)),
                                                      int(flags | regex.V0)) if expressions else None)
            self._whole[cache_key] = found
        return found

    def needles(self, section: str, keys: tuple[str, ...], *, flags: int = regex.I) -> Needles | None:
        """Strings of which every match of the pattern of these lists (any mode, these flags)
        contains one, or None when they cannot be read off every entry (see
        :mod:`cleannews.lexicon.needles`): a step skips the lines that contain none."""
        cache_key = (section, keys, int(flags))
        if cache_key not in self._needles:
            ignore_case = bool(flags & regex.I)
            entries = [(str(e), key.endswith("_re")) for key in keys for e in self.list(section, key)]
            self._needles[cache_key] = (None if flags & regex.X
                                        else needles_for(entries, ignore_case=ignore_case))
        return self._needles[cache_key]

    def _build(self, section: str, keys: tuple[str, ...], mode: str, flags: int, before: str,
               after: str) -> regex.Pattern[str]:
        return _compile(before + MODES[mode].format(self._body(section, keys)) + after, int(flags | regex.V0))

    def source(self, section: str, keys: tuple[str, ...]) -> str:
        """The regex source of the alternation of the entries of some lists of a section, as
        every mode wraps it (see :data:`~cleannews.lexicon.schema.MODES`)."""
        return self._body(section, keys)

    def _body(self, section: str, keys: tuple[str, ...]) -> str:
        """The alternation of the entries of some lists of a section (never matches if empty)."""
        parts: list[str] = []
        for key in keys:
            entries = self.list(section, key)
            if key.endswith("_re"):
                parts += [f"(?:{e})" for e in entries]
            else:  # longest first so alternation prefers the longer phrase
                parts += [regex.escape(e).replace(r"\ ", r"\s+") for e in sorted(entries, key=len, reverse=True)]
        return "|".join(parts) if parts else r"(?!x)x"

    def __repr__(self) -> str:
        return f"Lexicon({self.language!r})"


@functools.lru_cache(maxsize=1024)
def _compile(source: str, flags: int) -> regex.Pattern[str]:
    """Compile once per process: languages whose lists are the same share their patterns
    (compiling a long phrase list takes milliseconds)."""
    return regex.compile(source, flags)


@functools.lru_cache(maxsize=64)
def _load(language: str) -> Lexicon:
    names = ["common", "en"] + ([language] if language != "en" else [])
    return Lexicon(language, _merge(_read(n) for n in names))
