"""The author's bio box under an article: "Jane Doe is a reporter covering …"."""

from __future__ import annotations

from dataclasses import dataclass

from ..article import RemovalCode
from ..cleaner import Cleaner
from ..page import Page
from ..text import LETTER_WORD, looks_like_name, word_count


@dataclass(frozen=True)
class AuthorBio(Cleaner):
    """Among the article's last paragraphs, one that starts with the name of its author (the
    byline) and goes on to say who they are ("Jane Doe is a reporter …", "Anna Muster, Jahrgang
    1979, ist Redakteurin …") is the author's bio box, not the article; so is a paragraph under a
    line holding only that name (the box's title: "Jane Doe" / "Senior editor with a focus on
    …"), and that line. A box titled "About Jane Doe" over a paragraph naming her goes whatever
    the byline says; otherwise pages without a byline are left alone."""

    name = "author_bio"
    code = RemovalCode.AUTHOR_BIO
    uses = ("byline",)
    description = "removes the author's bio box (a paragraph about the byline's author) under the article"
    last_paragraphs: int = 4
    max_words: int = 120
    min_article_lines: int = 3
    max_title_chars: int = 80

    def __call__(self, page: Page) -> None:
        self._about_boxes(page)
        names = [name for name in page.fields.get("byline") or () if len(name.split()) >= 2]
        if not names:
            return
        kept = page.kept_indices()
        for n in range(max(len(kept) - self.last_paragraphs, self.min_article_lines), len(kept)):
            i = kept[n]
            text = page.lines[i].text
            if word_count(text) > self.max_words:
                continue
            above = page.next_nonblank(i, -1)
            title = page.lines[above].text if above is not None else ""
            titled = next((name for name in names if _same_name(title, name)), None)
            name = titled or next((name for name in names if _about(text, name)), None)
            if name is None:
                continue
            if titled and above is not None and page.lines[above].kept:
                page.remove(above, self.name, f"title of the author's bio box ({name})", self.code)
            page.remove(i, self.name, f"the author's bio: a paragraph about {name}" if not titled
                        else f"the author's bio: under a line holding only {name}", self.code)

    def _about_boxes(self, page: Page) -> None:
        """A box titled "About Jane Doe" / "Über Anna Muster" over a paragraph that names her,
        among the article's last paragraphs: an author box, whoever the byline names."""
        assert page.lexicon is not None
        about = page.lexicon.pattern("byline", "about", "start", after=r"\s+(?P<name>.+?)\s*:?\s*$")
        particles = page.lexicon.words("byline", "particles")
        kept = page.kept_indices()
        for n in range(max(len(kept) - self.last_paragraphs, self.min_article_lines), len(kept) - 1):
            i, nxt = kept[n], kept[n + 1]
            if len(page.lines[i].text) > self.max_title_chars:  # (a box title is short; the
                continue  # pattern's lazy name could backtrack quadratically on a long line)
            m = about.match(page.lines[i].text)
            if m is None or not looks_like_name(m.group("name"), particles=particles):
                continue
            last = _tokens(m.group("name"))[-1]
            bio = page.lines[nxt].text
            if last in _tokens(bio) and word_count(bio) <= self.max_words:
                page.remove(i, self.name, f"title of an author box ({m.group('name')})", self.code)
                page.remove(nxt, self.name, f"the author's bio: under {page.lines[i].text!r}", self.code)


def _tokens(text: str) -> list[str]:
    return [w.casefold() for w in LETTER_WORD.findall(text)]


def _same_name(text: str, name: str) -> bool:
    """True for a line that holds only the name."""
    return _tokens(text) == _tokens(name)


def _about(text: str, name: str) -> bool:
    """True when the text opens with the name (a middle name or initial may stand between the
    first and the last) and goes on with a lower-case word or a comma: a sentence about the
    person ("Evan V. Symon is …"), not a label ("Jane Doe: …") or a line of names."""
    wanted = name.split()
    first, last = wanted[0].casefold(), wanted[-1].casefold()
    words = text.split()
    if not words or words[0].casefold().rstrip(",") != first:
        return False
    for k in range(1, min(len(wanted) + 2, len(words))):
        if words[k].casefold().rstrip(",") == last:
            rest = " ".join(words[k + 1:])
            if words[k].endswith(","):
                return bool(rest)
            return bool(rest) and rest[0].islower()
    return False
