"""Navigation chrome: icon and logo labels, breadcrumb trails, menus, and widget labels in a
foreign script."""

from __future__ import annotations

from dataclasses import dataclass

import regex

from ..cleaner import Cleaner, LineCleaner
from ..page import Page
from ..text import announces_list, ends_sentence, is_prose, is_title_like, main_script, word_count

_CRUMB_SEPARATORS = regex.compile(r"\s*(?:[>›»/|→]|\s-\s)\s*")
_CAMEL_BOUNDARY = regex.compile(r"(?<=\p{Ll})(?=\p{Lu})")


@dataclass(frozen=True)
class IconLabels(LineCleaner):
    """A short line naming an icon or logo ("Menü Icon", "Newszone-Logo") is the alt text of a
    picture in the page's chrome. Every other word must be capitalised, so that a phrase such
    as "das neue Logo" in the text is left alone."""

    name = "icons"
    description = "removes icon and logo labels such as 'Such Icon' or 'Newszone-Logo'"
    max_words: int = 4

    def reason(self, text: str, page: Page) -> str | None:
        assert page.lexicon is not None
        if ends_sentence(text) or word_count(text) > self.max_words:  # (prose needs no counting)
            return None
        suffix = page.lexicon.pattern("icons", "suffixes", "end")
        m = suffix.search(text)
        if not m or (m.start() > 0 and text[m.start() - 1] not in " -_"):
            return None
        rest = text[:m.start()].replace("-", " ").split()
        if all(w[:1].isupper() or not w[:1].isalpha() for w in rest):
            return f"icon or logo label: {text[:60]!r}"
        return None


@dataclass(frozen=True)
class Breadcrumbs(Cleaner):
    """A line that starts with "Home"/"Startseite" and continues with section names, separated
    by > › / | or glued together ("HomePolitikAusland"), is a breadcrumb trail. The last crumb
    may be the page's own title ("Home » Rezepte » Kuchen » Saftiger Zitronenkuchen vom
    Blech"). The section crumbs are kept for the section field."""

    name = "breadcrumbs"
    description = "removes breadcrumb trails (Home > Politik > Ausland), remembering the crumbs"
    max_crumbs: int = 8
    max_crumb_words: int = 4
    max_title_words: int = 20

    def __call__(self, page: Page) -> None:
        assert page.lexicon is not None
        home = page.lexicon.words("navigation", "home")
        for i, line in list(page.kept()):
            crumbs = self.crumbs(line.text, home)
            if crumbs:
                page.fields.setdefault("_breadcrumbs", crumbs)
                page.remove(i, self.name, f"breadcrumb trail: {' > '.join(crumbs)}")

    def crumbs(self, text: str, home: frozenset[str]) -> list[str] | None:
        """The trail's crumbs, or None when the line is not a trail."""
        if len(text) > 200 or ends_sentence(text):
            return None
        folded = text.casefold()  # (the first crumb must be a home word: most lines have none)
        if not any(word in folded for word in home):
            return None
        parts = [p for p in _CRUMB_SEPARATORS.split(text) if p]
        if len(parts) == 1:  # glued: "HomePolitikAusland"
            parts = _CAMEL_BOUNDARY.split(text)
            if any(" " in p for p in parts):
                return None
        if not 2 <= len(parts) <= self.max_crumbs or parts[0].casefold() not in home:
            return None
        if any(word_count(p) > self.max_crumb_words for p in parts[:-1]):
            return None
        if word_count(parts[-1]) > self.max_crumb_words:  # the page's title closes the trail
            if len(parts) < 3 or word_count(parts[-1]) > self.max_title_words:
                return None
            return parts[:-1]
        return parts


@dataclass(frozen=True)
class MenuRuns(Cleaner):
    """Four or more short lines in a row (no blank line between, each at most a few words and
    no sentence) are a menu or a link list, not article text. A run introduced by a line that
    ends with a colon or names a list ("Zutaten", "Ingredients": the lexicon's ``[lists]``) is
    a list the text announces, and stays. A run's last line of two words or more stays when
    the article starts right under the run (a byline or date line, or a paragraph of prose):
    it is the headline, printed under the menu without a blank line."""

    name = "menus"
    description = "removes runs of 4+ consecutive short link-like lines (menus, link lists)"
    min_run: int = 4
    max_words: int = 3
    look_back: int = 4
    #: a paragraph of at least this many words under a run starts the article
    article_words: int = 12
    #: how many removed lines may stand between the run and the article's start
    look_ahead: int = 4

    def _short(self, text: str) -> bool:
        return (len(text) <= 40 and word_count(text) <= self.max_words and not ends_sentence(text)
                and not text.endswith(":") and not text.startswith(("•", "-", "–", "*", "·")))

    def _announced(self, page: Page, i: int, headers: regex.Pattern[str]) -> bool:
        """True when the line right above the run ends with a colon, or a list heading
        ("Zutaten") stands at the run's head or a few lines above it (``look_back`` lines of its
        block at most)."""
        lines = page.lines
        if announces_list(lines[i].text, headers, colon=False):
            return True
        j = i - 1
        while j >= 0 and i - j <= self.look_back:
            # a colon announces what follows at once; a list heading may have a note under it
            if lines[j].text and lines[j].kept and announces_list(lines[j].text, headers, colon=j == i - 1):
                return True
            if not lines[j].text and i - j > 1:  # the block above ends (one blank line may separate it)
                return False
            j -= 1
        return False

    def _title_over_article(self, page: Page, last: int) -> bool:
        """True when the run's last line is title-shaped and the next line that counts under
        it (past blank lines and a few lines already removed) starts the article: a byline or
        date line, or a paragraph of prose."""
        if not is_title_like(page.lines[last].text):  # (two words or more, no full stop)
            return False
        j = last
        for _ in range(self.look_ahead):
            nxt = page.next_nonblank(j)
            if nxt is None:
                return False
            j = nxt
            line = page.lines[j]
            if line.field in ("byline", "date"):
                return True
            if line.kept:
                return is_prose(line.text, min_words=self.article_words)
        return False

    def __call__(self, page: Page) -> None:
        assert page.lexicon is not None
        headers = page.lexicon.pattern("lists", "headers", "word")
        lines = page.lines
        i = 0
        while i < len(lines):
            if not (lines[i].kept and lines[i].text and self._short(lines[i].text)):
                i += 1
                continue
            j, short = i, []
            while j < len(lines) and lines[j].text and (not lines[j].kept or self._short(lines[j].text)):
                if lines[j].kept:
                    short.append(j)
                j += 1
            announced = self._announced(page, i, headers)
            if len(short) >= self.min_run and not announced:
                if self._title_over_article(page, short[-1]):
                    short.pop()
                for k in short:
                    page.remove(k, self.name, f"menu or link list ({len(short)} short lines in a row)")
            i = max(j, i + 1)


@dataclass(frozen=True)
class ForeignScriptLabels(LineCleaner):
    """A short line in another script than the page's ("Видео по теме" on a German page) is a
    label of a widget made for another locale."""

    name = "foreign_labels"
    full_page_only = True
    description = "removes short lines written in another script than the page's"
    max_words: int = 6

    def reason(self, text: str, page: Page) -> str | None:
        page_script = page.fields.get("_script")
        if page_script is None:
            page_script = page.fields["_script"] = main_script(" ".join(l.text for l in page.lines)) or ""
        if page_script in ("", "Latin") and text.isascii():  # (an ASCII line is Latin or has no letter)
            return None
        if word_count(text) > self.max_words:
            return None
        script = main_script(text)
        if script and page_script and script != page_script:
            return f"{script} label on a {page_script} page"
        return None
