"""The names on a byline line: persons (or agencies) only, with prefixes ("Von", "By", "Par",
"Escribe"), roles and titles ("Landespolitische Korrespondentin", "Staff Writer"), places,
addresses and dates stripped, several names split."""

from __future__ import annotations

import regex

from ..language import stopwords
from ..lexicon import Lexicon
from ..text import INITIALS, NAME_TOKEN, looks_like_name
from .byline import before_date_label, split_names, strip_role
from .dates import find_dates
from .fields_util import byline_prefix
from .meta import parse_meta_line

#: Where the names of a byline line end: a separator, a handle, an opening bracket.
_NAMES_END = regex.compile(r"\s*(?:[|·•@(]|\s[–—\-]\s).*$")
#: Words after the names that are no part of them: an address, a handle, a lower-case word.
_TRAILING_JUNK = regex.compile(r"(?:\s+(?:\S*[@/]\S*|\p{Ll}[\p{L}.]*|\S*\d\S*))+\s*$")
#: A name holds at most this many words before a role ("Eva Beispiel Landespolitische
#: Korrespondentin": the name is the first two).
NAME_WORDS_BEFORE_ROLE = 2
#: A person's name (or an agency's) is at most this long.
MAX_NAME_CHARS = 80


def names_in_line(text: str, lexicon: Lexicon, language: str) -> list[str]:
    """The person names (or agencies) on a byline line: "Von Anna Muster und Max Muster",
    "By Jane Doe | Nov 19, 2019", "Eva Beispiel Landespolitische Korrespondentin" (roles,
    titles, places, dates and date labels stripped); [] when the line holds no name."""
    text = before_date_label(text, lexicon)
    meta = parse_meta_line(text, lexicon, month_first=language == "en", stopwords=stopwords(language))
    if meta is not None and meta.names:
        return [n for n in (_strip_trailing_role(n, lexicon) for n in meta.names) if not _word_twice(n)]
    rest = text.strip()
    m = byline_prefix(lexicon).match(rest)
    if m:
        rest = m.group("rest")
    dates = find_dates(rest, lexicon)
    if dates:
        rest = rest[:dates[0].start]
    rest = _NAMES_END.sub("", rest).strip(" ,;:-–")
    rest = _TRAILING_JUNK.sub("", rest)
    rest = strip_role(rest, lexicon)
    rest = _strip_trailing_role(rest, lexicon)
    if not rest:
        return []
    names = split_names(rest, lexicon)
    if names:
        return [n for n in (_strip_trailing_role(n, lexicon) for n in names) if n and not _word_twice(n)]
    return []


def written_in_lower_case(word: str, text: str) -> bool:
    """Whether the text writes the word in lower case as a word of its own: not inside another
    word nor inside an address ("jane.doe@example.org", "example.org/jane-doe")."""
    lower = word.casefold()
    return regex.search(rf"(?<![\w@./\-]){regex.escape(lower)}(?![\w@/\-]|\.\w)", text) is not None


def common_words_only(name: str, text: str) -> bool:
    """Whether every capitalised word of a "name" is one the text also writes in lower case: a
    label or a title in title case ("Our Economists", "Company Size", "Keine Kommentare"), no
    person's name. A name of lower-case words only (a handle, "dpa") is not judged."""
    capitalised = [t for t in name.split() if t[:1].isupper()]
    return bool(capitalised) and all(written_in_lower_case(t, text) for t in capitalised)


def _word_twice(name: str) -> bool:
    """A "name" that says one word twice ("Tag für Tag") is a slogan or a label; one
    longer than :data:`MAX_NAME_CHARS` is no name at all."""
    tokens = [t.casefold() for t in name.split()]
    return len(set(tokens)) < len(tokens) or len(name) > MAX_NAME_CHARS


def _strip_trailing_role(name: str, lexicon: Lexicon) -> str:
    """A name without a role or title after it ("Eva Beispiel Landespolitische
    Korrespondentin" -> "Eva Beispiel", "Jane Doe Staff Writer" -> "Jane Doe")."""
    roles = lexicon.pattern("byline", "roles", "word")
    m = roles.search(name)
    if m is None or m.start() == 0:
        return name
    before = name[:m.start()].split()
    particles = lexicon.words("byline", "particles")
    if len(before) > NAME_WORDS_BEFORE_ROLE and not any(t.casefold() in particles for t in before[1:-1]):
        before = before[:NAME_WORDS_BEFORE_ROLE]
    candidate = " ".join(before).strip(" ,;:-–")
    if looks_like_name(candidate, particles=particles) and all(NAME_TOKEN.match(t) or t.casefold() in particles
                                                               for t in candidate.split()):
        return candidate
    return name


#: A user name after a byline word ("by ibby"): one word of letters, digits, "_", "." or "-".
_HANDLE = regex.compile(r"^\p{L}[\p{L}\p{N}_.\-]{1,30}$")
#: What a cut date leaves in the text: the names end there.
_CUT = " | "
#: Separators before the names of a line (a cut date, "·", "•"), skipped.
_LEADING_SEPARATORS = regex.compile(r"^[\s|·•●▪/–—\-:,]+")
#: The same separators at the end of a line's start before its date.
_TRAILING_SEPARATORS = regex.compile(r"[\s|·•●▪/–—\-:,]+$")
#: A name read off a chosen byline line has at most this many capitalised words (initials and
#: particles apart): the words after them are a role or a section ("Will Judd Former Deputy
#: Tech Editor").
MAX_NAME_WORDS = 2


def names_on_byline_line(text: str, lexicon: Lexicon, language: str) -> list[str]:
    """The names on a line already taken for the byline (the byline model chose it), read
    more loosely than :func:`names_in_line`, which wants the line to hold names only: the names
    right after the line's byline word wherever it stands ("July 24, 2019 by Amy Motroni 5
    Comments", "Written by Kristin", "by ibby"), else those right after a date ("28. Jan. 2022
    Paula Balov"). A name is cut after two capitalised words, a role after it is dropped, and of
    several names only those of two words or more are kept ("By Jane Doe, MS, RD"); [] when
    there is none."""
    names = names_in_line(text, lexicon, language)
    if names:
        return names
    dates = find_dates(text, lexicon, month_first=language == "en")
    for d in reversed(dates):
        text = text[:d.start] + _CUT + text[d.end:]
    m = lexicon.pattern("byline", "prefixes", "word").search(text)
    if m is not None:
        out = _names_of_run(text[m.end():], lexicon, least=1)
    elif dates and _CUT in text:
        out = _names_of_run(text[text.index(_CUT):], lexicon, least=2) \
            or _names_before_date(text[:text.index(_CUT)], lexicon)
    else:
        return []
    return [n for n in out if not _word_twice(n)]


def _names_before_date(head: str, lexicon: Lexicon) -> list[str]:
    """The names that make up the whole of a line's start before its first date ("Jane Doe
    March 5, 2025 0 Comments", "Paddy · April 19, 2019"); [] when anything else stands there,
    or when a comma ends it: a dateline's place or weekday ("Berlin, 28.10.2021")."""
    if head.rstrip(" |").endswith(","):
        return []
    head = _TRAILING_SEPARATORS.sub("", head).strip()
    if not head:
        return []
    groups = _name_run(head, lexicon)
    if sum(len(g) for g in groups) != len(head.split()):
        return []
    return _names_of_run(head, lexicon, least=1)


def _names_of_run(rest: str, lexicon: Lexicon, *, least: int) -> list[str]:
    """The names at the start of ``rest`` (see :func:`_name_run`), each of at least ``least``
    words, a role after each dropped; of several names, only those of two words or more ("Jane
    Doe, MS, RD": "MS" and "RD" are no names, nor are "Risiken und Nebenwirkungen")."""
    groups = _name_run(_LEADING_SEPARATORS.sub("", rest), lexicon)
    if len(groups) > 1:
        groups = [g for g in groups if len(g) > 1]
    particles = lexicon.words("byline", "particles")
    out: list[str] = []
    for words in groups:
        name = _strip_trailing_role(" ".join(words), lexicon)
        if len(name.split()) < least or strip_role(name, lexicon) != name:
            continue
        if " " in name and not looks_like_name(name, particles=particles):
            continue
        out.append(name)
    return out


def _name_run(text: str, lexicon: Lexicon) -> list[list[str]]:
    """The words at the start of text that may be names, grouped by name (split at commas and
    joiners: "Anna Muster, Max Muster and Eva Beispiel"), each name at most
    :data:`MAX_NAME_WORDS` capitalised words; the run ends at the first word of another shape
    (a digit, a separator, a lower-case word that is no particle). A lower-case first word is a
    user name when the line ends or a separator or number comes after it."""
    particles = lexicon.words("byline", "particles")
    joiners = {j.casefold() for j in lexicon.words("byline", "joiners")} | {"&"}
    tokens = text.split()
    if tokens and not NAME_TOKEN.match(tokens[0]) and _HANDLE.match(tokens[0]) \
            and (len(tokens) == 1 or not any(c.isalpha() for c in tokens[1]) or any(c.isdigit() for c in tokens[1])):
        return [[tokens[0]]]
    groups: list[list[str]] = [[]]
    full = 0  # capitalised words (no initials) of the name being read
    for tok in tokens:
        word = tok.rstrip(",;")
        if word.casefold() in joiners and groups[-1]:
            groups.append([])
            full = 0
            continue
        initials = bool(INITIALS.match(word))
        if (NAME_TOKEN.match(word) or initials) and (initials or full < MAX_NAME_WORDS):
            groups[-1].append(word)
            full += not initials
        elif groups[-1] and word.casefold() in particles and full < MAX_NAME_WORDS:
            groups[-1].append(word)
        else:
            break
        if tok != word:  # "Muster," ends a name
            groups.append([])
            full = 0
    for g in groups:  # (a capitalised particle at the end is a surname: "Mahua Das")
        while g and g[-1].casefold() in particles and not g[-1][:1].isupper():
            g.pop()
    return [g for g in groups if g]
