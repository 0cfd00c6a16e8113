"""Closing-section headers: the lines that head a page's end sections ("Kommentare", "Mehr zum
Thema", "Quellen", "Impressum"). Read by the main-text step (a header ends a block of prose)
and by the end-section steps (a header starts what they remove)."""

from __future__ import annotations

import regex

from ..lexicon.scan import lexicon_class
from ..page import Page
from .labels import label_text

#: The end-section families, each a lexicon section with ``headers`` and/or ``headers_re``.
FAMILIES = ("sources", "comments", "donation", "related", "footer")
#: Lines longer than this head no section.
MAX_HEADER_CHARS = 300


def header_text(text: str) -> str:
    """The part of a line a header is read in: its label (see :func:`label_text`) without
    brackets ("[ 167 comments ]")."""
    return label_text(text).strip("[]() ")


#: Each family's headers as the whole line: where the page's scan rules out every one of them
#: (with re2: no line has their bits), a line is no header; on the others one look-up of the
#: five families' lists says which family's section the line heads (the first that matches).
HEADERS = tuple(lexicon_class(family, ("headers", "headers_re"), "line", view=header_text) for family in FAMILIES)


#: a comment counter at zero: no thread can start under it
_NO_COMMENTS = regex.compile(r"0\s+\p{L}")


def end_headers(page: Page) -> list[tuple[int, str]]:
    """(index, family) of every line that heads an end section, top to bottom (found once per
    version of the page's lines: they depend on the lines' text alone)."""
    cached = page.state.end_headers
    if cached is not None and cached[0] == page.version:
        return list(cached[1])
    assert page.lexicon is not None
    scan = page.scan
    bits = scan.bits(HEADERS)  # (None: any line may head a section, the lists decide)
    headers = page.lexicon.whole_line(FAMILIES, ("headers", "headers_re"))
    found: list[tuple[int, str]] = []
    for i, line in enumerate(page.lines):
        text = line.text
        if not text or len(text) > MAX_HEADER_CHARS or (bits is not None and not scan.mask(text) & bits):
            continue
        core = header_text(text)
        m = headers.match(core)
        if m:
            family = next(f for n, f in enumerate(FAMILIES) if m.group(f"_s{n}") is not None)
            if family == "comments" and _NO_COMMENTS.match(core):
                continue  # "0 Comments": a counter by the byline, no thread follows it
            found.append((i, family))
    page.state.end_headers = (page.version, tuple(found))
    return found
