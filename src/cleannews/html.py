"""HTML input: trafilatura extracts the article's text and the page's metadata, the cleaner
pipeline cleans what it leaves.

One lxml parse per page: the tree is handed to :func:`trafilatura.bare_extraction`, which also
reads the page's metadata (JSON-LD, meta tags, htmldate) from it. Its text becomes the
:class:`Page`'s lines, one paragraph per line, and the default pipeline runs over them as over
any text dump. The metadata fills the fields the page declares (headline, authors, date, site
name, address); the pipeline's own field steps fill what it does not.

What trafilatura dropped is worked out only for :meth:`Pipeline.explain
<cleannews.pipeline.Pipeline.explain>` (see :meth:`HtmlPage.add_dropped_lines`): the page's
visible text, line by line, against trafilatura's output, so cleaning costs nothing for it.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from dataclasses import dataclass, field
from collections.abc import Callable, Sequence
from typing import Any

from .article import Article, Removal, RemovalCode
from .cleaners.end_headers import end_headers
from .cleaners.repair import repair
from .decode import decode_bytes
from .fields.agreement import Choice
from .fields.html_fields import (byline_choice, date_choice, date_near_headline, headline_choice, kicker_choice,
                                 shown_dates, shown_in)
from .fields.structured import Structured, read_structured
from .language import detect_language
from .lexicon import Lexicon
from .page import Line, Page
from .text import is_title_like, overlap, title_key, word_count

#: The step name and reason that lines trafilatura left out carry in an explanation.
EXTRACTOR = "trafilatura"
DROPPED_REASON = "dropped by trafilatura's extraction"
#: The step name of the title line removed because the page's metadata names it the headline.
METADATA = "metadata"
#: The step name of lines removed because they are nothing but links.
LINKS = "link_lines"

#: Attribute values and script texts longer than this are cut before extraction (a page larger
#: than ``_BIG_PAGE`` is checked): date and metadata search would crawl through them.
_MAX_ATTRIBUTE = 20_000
_MAX_SCRIPT = 500_000
_BIG_PAGE = 1_000_000
_MAX_SHARE_ANCHORS = 3000
_GIANT_ATTRIBUTE = re.compile(r"""(=\s*)(?:"[^"]{%d,}"|'[^']{%d,}')""" % (_MAX_ATTRIBUTE, _MAX_ATTRIBUTE))
#: The language is told from the extracted text's first words (enough for stopword counts).
_LANGUAGE_WORDS = 1000

#: With ``favor_precision``, a precise extraction shorter than this (characters) is checked
#: against a balanced one, whose text is taken when it is ``WIDER_RATIO`` times longer.
SHORT_TEXT = 800
WIDER_RATIO = 1.5
#: trafilatura's fast mode (no second opinion from its readability/jusText fallbacks): off. The
#: fallbacks rescue articles the first pass cuts short; the cleaners then take out the chrome
#: that a wider extraction lets in.
FAST = False
#: The extraction's default mode: trafilatura's balanced one (its precise mode drops parts of
#: articles on many sites, which no cleaner can bring back).
FAVOR_PRECISION = False

# Where an HTML or XML document names its charset (read as bytes).
_META_CHARSET = re.compile(rb"""<meta\b[^>]{0,500}?\bcharset\s*=\s*["']?\s*([A-Za-z0-9._:\-]{2,40})""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml\b[^>]{0,200}?\bencoding\s*=\s*["']([A-Za-z0-9._:\-]{2,40})["']""", re.I)
#: Single-byte charsets under which valid UTF-8 with multi-byte sequences is almost surely mislabelled.
_SINGLE_BYTE = re.compile(r"^(?:cp125\d|windows-125\d|iso-?8859-\d+|latin-?\d|l\d|us-ascii|ascii|koi8-[ru])$", re.I)

#: Visible lines with at least this many characters are looked for anywhere further on in the
#: extracted text; shorter ones only as a whole extracted line or in the one the walk has reached.
_FIND_ANYWHERE = 20

_LIST_MARK = re.compile(r"^(?:[-*•]|\d+[.)])\s+")
_SPACE = re.compile(r"\s+")
_ADDRESS = re.compile(r"://|www\.|@|\.(?:com|org|net)\b")

# Tags whose text a reader never sees; tags that start a new line of visible text.
_INVISIBLE = frozenset({"script", "style", "noscript", "template", "head", "title", "meta", "link", "svg",
                        "iframe", "object", "embed", "select", "option", "button"})
_BLOCK = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "table",
                    "tr", "td", "th", "caption", "thead", "tbody", "tfoot", "br", "hr", "section", "article",
                    "header", "footer", "nav", "aside", "main", "blockquote", "pre", "figure", "figcaption",
                    "form", "fieldset", "legend", "address", "details", "summary", "label", "body", "html"})

class HtmlError(ValueError):
    """The HTML could not be read or extracted (the message says why)."""


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML/XML document declares in its first 16 KB (``<meta charset>``,
    ``<meta http-equiv="Content-Type" content="…; charset=…">``, ``<?xml … encoding="…"?>``)."""
    head = data[:16384]
    m = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    return m.group(1).decode("ascii").strip(".:-").lower() if m else None


def decode_html(data: bytes) -> str:
    """An HTML page's bytes as text: BOM, then the charset the page declares, then UTF-8, then
    detection (:func:`cleannews.decode.decode_bytes`). A page declared in a single-byte charset
    (latin-1, windows-1252, …) whose bytes are valid UTF-8 with non-ASCII characters is read as
    UTF-8: the label is wrong, not the bytes. Mojibake left over is repaired by the pipeline's
    ``repair`` step. Raises :class:`~cleannews.decode.DecodeError` for binary data."""
    declared = declared_charset(data)
    if declared and _SINGLE_BYTE.match(declared) and not data.isascii():
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            pass
    return decode_bytes(data, declared=declared)


#: The codecs a UTF-8 page is wrongly decoded with when no charset is named (``requests``
#: falls back to ISO-8859-1; others to windows-1252).
_WRONG_CODECS = ("latin-1", "cp1252")


def redecode_mis_decoded(html: str) -> str:
    """An HTML page given as a str that was decoded from UTF-8 bytes as Latin-1 or windows-1252,
    decoded again as UTF-8 (else unchanged). Only a str whose bytes under that codec are valid
    UTF-8 with multi-byte sequences is taken for mis-decoded: correctly decoded text almost never
    is. Done before the page is parsed, so the headline, the authors and every other field get
    the same repair as the body."""
    if html.isascii():
        return html
    for codec in _WRONG_CODECS:
        try:
            data = html.encode(codec)
        except UnicodeEncodeError:
            continue
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            return html
    return html


@dataclass
class HtmlPage(Page):
    """A :class:`Page` made from HTML: trafilatura's text as lines, plus what the page's
    metadata says (``meta``: title, authors, date, site name, url) and what is needed to show
    what trafilatura dropped (``tree``, ``extracted``)."""

    meta: dict[str, Any] = field(default_factory=dict)
    tree: Any = field(default=None, repr=False)
    extracted: list[str] = field(default_factory=list, repr=False)
    #: what the page's own structured data states (JSON-LD, meta tags, h1, time elements)
    structured: Structured = field(default_factory=Structured, repr=False)
    _visible: list[str] | None = field(default=None, repr=False)
    _shown: Callable[[str], bool] | None = field(default=None, repr=False)

    def to_article(self) -> Article:
        """The Article, its headline, authors and date chosen by agreement between the page's
        structured data, trafilatura's metadata and the text path's fields; the choices (value,
        sources, runner-up) are kept in ``metadata["field_sources"]`` for explain."""
        article = super().to_article()
        sources = self.metadata.setdefault("field_sources", {})
        visible = self.visible()
        byline = self.byline_choice(article.byline, self.metadata.get("byline_source", "text"))
        near = date_near_headline(visible, self.meta.get("headline"), self.lexicon, self.language)
        date = date_choice(self.structured, self.meta, article.date,
                           shown_dates(visible, self.lexicon, self.language) if visible else None, near)
        sources["byline"] = byline.to_dict()
        sources["date"] = date.to_dict()
        changes: dict[str, Any] = {"byline": tuple(byline.value or ()), "date": date.value}
        if self.meta.get("headline"):
            changes["headline"] = self.meta["headline"]
        return dataclasses.replace(article, **changes)

    def byline_choice(self, text_byline: Sequence[str], text_source: str = "text") -> Choice:
        """The authors chosen among the page's structured data, trafilatura's metadata and
        ``text_byline`` (names found in the page's text, from ``text_source``), only names the
        page shows unless enough sources state them (see :func:`byline_choice`)."""
        if self._shown is None and self.tree is not None:
            self._shown = shown_in(self.visible())
        return byline_choice(self.structured, self.meta, text_byline, self.lexicon, self._shown, text_source)

    def visible(self) -> list[str]:
        """The page's visible text as lines (:func:`visible_lines`), read once."""
        if self._visible is None:
            self._visible = visible_lines(self.tree) if self.tree is not None else []
        return self._visible

    def add_dropped_lines(self) -> None:
        """Put the lines of the page's visible text that trafilatura left out into ``lines``,
        removed by the step "trafilatura", each before the extracted line that follows it on
        the page. Called by ``Pipeline.explain`` after the pipeline ran (so no step sees them);
        a dropped line carries the number of the extracted line before it (0 at the top)."""
        if self.tree is None or self.metadata.get("dropped_added"):
            return
        self.metadata["dropped_added"] = True
        dropped = dropped_lines(self.visible(), self.extracted)
        if not dropped:
            return
        out: list[Line] = []
        k = 0  # next dropped line to place

        def flush(upto: int) -> None:
            nonlocal k
            while k < len(dropped) and dropped[k][0] < upto:
                number, text = dropped[k]
                line = Line(text, number)
                line.removal = Removal(text, EXTRACTOR, DROPPED_REASON, number, RemovalCode.EXTRACTOR_DROPPED)
                out.append(line)
                k += 1

        for line in self.lines:
            if line.text:
                flush(line.number)  # lines dropped after extracted line n-1 come before line n
            out.append(line)
        flush(len(self.extracted) + 1)
        self.lines = out


def html_to_page(html: str, *, url: str | None = None, language: str | None = None,
                 favor_precision: bool = FAVOR_PRECISION) -> HtmlPage:
    """Extract an HTML page with trafilatura into an :class:`HtmlPage` for the pipeline.

    ``url`` is the page's address (else the one the page declares). ``language`` forces the
    lexicon (else detected from the extracted text). A page with no extractable text (empty,
    script-only, broken beyond repair) gives a page with no lines, hence an empty Article.
    Raises :class:`HtmlError` when trafilatura fails on the page.
    """
    tree = _parse(html)
    structured = read_structured(tree)  # (before trafilatura, which may change the tree)
    doc = _extract(tree, url, favor_precision) if tree is not None else None
    text = (doc.text or "") if doc is not None else ""
    extracted = [_SPACE.sub(" ", t).strip() for t in text.splitlines()]
    extracted = [t for t in extracted if t]
    lines: list[Line] = []
    for n, t in enumerate(extracted, 1):
        if lines:
            lines.append(Line("", n))  # one paragraph per line
        lines.append(Line(t, n))
    meta = _metadata(doc, url)
    lang = language or (detect_language(text, max_words=_LANGUAGE_WORDS) if text else (meta.get("language") or "en"))
    headline = headline_choice(structured, meta, url)
    if meta.get("headline"):
        meta["title"] = meta["headline"]  # trafilatura's: its copies in the text go
    if headline.value:
        meta["headline"] = headline.value
    page = HtmlPage(lines=lines, language=lang, lexicon=Lexicon.load(lang), meta=meta, tree=tree,
                    extracted=extracted, structured=structured)
    page.metadata["field_sources"] = {"headline": headline.to_dict()}
    kicker = kicker_choice(structured, headline.value)
    if kicker.value:
        page.fields["kicker"] = kicker.value
        page.metadata["field_sources"]["kicker"] = kicker.to_dict()
    for key in ("url", "site_name"):
        if meta.get(key):
            page.fields[key] = meta[key]
    page.metadata["extracted"] = True  # full_page_only steps do not run on extracted text
    if meta.get("headline"):
        page.fields["headline"] = meta["headline"]  # the headline step keeps a known headline
    _remove_title_lines(page)
    if tree is not None:
        _remove_link_lines(page, tree)
    return page


def _parse(html: str) -> Any:
    """The page's lxml tree (trafilatura's parser), or None when there is no HTML to speak of."""
    if not html or not html.strip():
        return None
    from trafilatura.utils import load_html

    if len(html) > _BIG_PAGE:
        # libxml2 stops parsing (silently dropping the rest of the page) once attribute values
        # add up to 10 MB, so giant values are emptied in the text, before the parse
        html = _GIANT_ATTRIBUTE.sub(r'\1""', html)
    try:
        tree = load_html(html)
    except Exception as exc:  # lxml gives up on some inputs; say so plainly
        raise HtmlError(f"cannot parse the HTML: {type(exc).__name__}: {exc}") from None
    if tree is not None and len(html) > _BIG_PAGE:
        _trim_giants(tree)
    return tree


def _trim_giants(tree: Any) -> None:
    """Cut oversized attribute values and script texts (a 10 MB data attribute would make the
    date search take seconds); they never hold article text."""
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        for key, value in el.attrib.items():
            if len(value) > _MAX_ATTRIBUTE:
                del el.attrib[key]
        if el.tag in ("script", "style") and el.text and len(el.text) > _MAX_SCRIPT:
            el.text = ""


def _extract(tree: Any, url: str | None, favor_precision: bool) -> Any:
    """trafilatura's Document for the tree (text and metadata), or None when it finds no text.

    A precise, fast extraction first; when that finds little (under ``SHORT_TEXT`` characters,
    or nothing), trafilatura's full balanced cascade (with its readability and jusText second
    opinions) is run too and its text taken if it is clearly longer (``WIDER_RATIO`` times):
    precise fast mode sometimes drops most of an article.
    """
    doc = _bare(tree, url, favor_precision=favor_precision, with_metadata=True)
    found = len(doc.text or "") if doc is not None else 0
    if favor_precision and found < SHORT_TEXT:
        wider = _bare(tree, url, favor_precision=False, with_metadata=doc is None, fast=False)
        if wider is not None and len(wider.text or "") > WIDER_RATIO * found:
            if doc is None:
                return wider
            doc.text = wider.text
    return doc


def _bare(tree: Any, url: str | None, *, favor_precision: bool, with_metadata: bool, fast: bool = FAST) -> Any:
    import trafilatura

    try:
        return trafilatura.bare_extraction(tree, url=url, with_metadata=with_metadata, include_comments=False,
                                           include_tables=True, favor_precision=favor_precision, fast=fast)
    except RecursionError:
        raise HtmlError("the HTML is nested too deeply to extract") from None
    except Exception as exc:
        raise HtmlError(f"trafilatura failed on the page: {type(exc).__name__}: {exc}") from None


def _metadata(doc: Any, url: str | None) -> dict[str, Any]:
    """headline, byline (list), date (datetime.date), site_name, url, language from trafilatura's
    Document (JSON-LD, meta tags, htmldate), repaired like the text."""
    meta: dict[str, Any] = {"url": url}
    if doc is None:
        return meta
    title = _clean(doc.title)
    if title:
        meta["headline"] = title
    authors = [_clean(a) for a in re.split(r";|\s+(?:and|und)\s+", doc.author or "")]
    authors = [a for a in authors if a and len(a) <= 100]  # 5,000 characters are no name: a lie
    if authors:
        meta["byline"] = list(dict.fromkeys(authors))
    if doc.date:
        try:
            meta["date"] = datetime.date.fromisoformat(str(doc.date)[:10])
        except ValueError:
            pass
    if _clean(doc.sitename):
        meta["site_name"] = _clean(doc.sitename)
    meta["url"] = url or doc.url or None
    if _clean(doc.description):
        meta["description"] = _clean(doc.description)
    if getattr(doc, "language", None):
        meta["language"] = str(doc.language)[:2].lower()
    return meta


def _clean(value: Any) -> str:
    return repair(str(value)) if value else ""


def _remove_title_lines(page: HtmlPage, *, look: int = 5, variant_look: int = 3,
                        variant_overlap: float = 0.7) -> None:
    """Remove trafilatura's title where trafilatura repeats it at the top of the body: the same
    text among the first ``look`` lines, or a variant of it (a title-shaped line sharing most of
    its words) among the first ``variant_look``. Where the chosen headline differs from
    trafilatura's title, a line holding it stays in the body, as trafilatura left it."""
    title = page.meta.get("title")
    if not title:
        return
    key = title_key(title)
    for n, (i, line) in enumerate(list(page.kept())):
        if n >= look:
            break
        if title_key(line.text) == key:
            page.claim(i, "headline", METADATA, "title repeated in the body (the page's metadata names it)")
        elif (n < variant_look and is_title_like(line.text) and overlap(line.text, title) >= variant_overlap
              and abs(word_count(line.text) - word_count(title)) <= 4):
            page.claim(i, "headline", METADATA, "variant of the title the page's metadata names")


def _remove_link_lines(page: HtmlPage, tree: Any, *, min_share: float = 0.9, min_words: int = 3,
                       max_label_words: int = 5) -> None:
    """Remove lines that are links and nothing else: a paragraph or list item whose whole text
    is the text of one or more ``<a href>`` on the page is a teaser, a "read more" or a menu
    item pointing elsewhere, not the article's text. The short label standing right above a
    run of them ("Don't miss", "You may also like") goes with them."""
    anchors = _link_texts(tree)
    if not anchors:
        return
    # Anchors long enough to count towards a line's link share (capped: a page of 10,000 links
    # would make the share test slow, and exact matches still work there).
    long_anchors = [a for a in anchors if len(a) >= 12][:_MAX_SHARE_ANCHORS]
    links = []
    for i, line in list(page.kept()):
        key = _key(line.text)
        if not key or len(key) > 300 or word_count(line.text) < min_words or _ADDRESS.search(key):
            continue
        if key in anchors or _link_share(key, long_anchors) >= min_share:
            links.append(i)
    removed_any = False
    for i in _at_the_edges(page, links):
        page.remove(i, LINKS, "the whole line is a link (a teaser or menu item)", RemovalCode.LINK)
        removed_any = True
    if not removed_any:
        return

    def link_line(j: int | None) -> bool:
        removal = page.lines[j].removal if j is not None else None
        return removal is not None and removal.code is RemovalCode.LINK

    for i, line in list(page.kept()):
        first = page.next_nonblank(i)
        second = page.next_nonblank(first) if first is not None else None
        if (link_line(first) and link_line(second) and word_count(line.text) <= max_label_words
                and not line.text.rstrip().endswith((".", ":", "!", "?"))):
            page.remove(i, LINKS, "label of a list of links", RemovalCode.LINK)


def _at_the_edges(page: HtmlPage, links: list[int]) -> list[int]:
    """Of the link lines, those in a run of link lines (kept lines in a row) with no other
    kept line above it or none below it, or right under a section header ("More on this",
    "Related"), or of two lines or more that are all titles (no sentence): teasers and menus
    stand around the article the extractor found, or under such a header, or as a list of
    headlines; a lone link line inside it, or a run of linked sentences, is the article's own
    (a listicle's linked heading, a linked list item) and stays."""
    kept = [i for i, _ in page.kept()]
    is_link = set(links)
    headers = {i for i, _ in end_headers(page)}
    out: list[int] = []
    n = 0
    while n < len(kept):
        if kept[n] not in is_link:
            n += 1
            continue
        end = n
        while end + 1 < len(kept) and kept[end + 1] in is_link:
            end += 1
        titles = end > n and all(is_title_like(page.lines[i].text) and not page.lines[i].text.rstrip().endswith(
            ("!", "?")) for i in kept[n:end + 1])
        if n == 0 or end == len(kept) - 1 or kept[n - 1] in headers or titles:
            out.extend(kept[n:end + 1])
        n = end + 1
    return out


def _link_texts(tree: Any) -> set[str]:
    """The texts (keys) of the page's links that lead elsewhere: a link to a place on the same
    page ("#costs": a table of contents) names the article's own headings, which stay."""
    out = set()
    for a in tree.iterfind(".//a[@href]"):
        if a.get("href", "").lstrip().startswith("#"):
            continue
        text = _key(a.text_content())
        if len(text) >= 3:
            out.add(text)
    return out


def _link_share(key: str, anchors: list[str]) -> float:
    """Share of the line's characters that the texts of links on the page cover."""
    covered = sum(len(a) for a in anchors if a in key)
    return covered / len(key)


# -- what trafilatura dropped (for explain) ------------------------------------------------------

def visible_lines(tree: Any) -> list[str]:
    """The page's visible text as lines: text outside scripts, styles and the head, a new line
    at every block element. Walks the tree without recursion (deep pages are fine)."""
    from lxml import etree

    parts: list[str] = []
    hidden = 0
    for event, el in etree.iterwalk(tree, events=("start", "end")):
        tag = el.tag if isinstance(el.tag, str) else ""
        tag = tag.lower()
        if event == "start":
            if tag in _INVISIBLE or not tag:
                hidden += 1
                continue
            if hidden:
                continue
            if tag in _BLOCK:
                parts.append("\n")
            if el.text:
                parts.append(el.text)
        else:
            if tag in _INVISIBLE or not tag:
                hidden -= 1
            elif not hidden and tag in _BLOCK:
                parts.append("\n")
            if not hidden and el.tail:
                parts.append(el.tail)
    lines = (_SPACE.sub(" ", t).strip() for t in "".join(parts).split("\n"))
    return [t for t in lines if t]


def dropped_lines(visible: list[str], extracted: list[str]) -> list[tuple[int, str]]:
    """The visible lines that are not in the extracted text, each with the number (1-based) of
    the extracted line it follows (0: before the first).

    The page is walked in order. A visible line is found in the extracted text as a whole
    extracted line, or, when it is long enough to say where it stands (``_FIND_ANYWHERE``), as
    a part of one (trafilatura joins a paragraph's pieces); a short line only as a part of the
    extracted line the walk has reached: a menu's "Media" occurs somewhere in many articles."""
    keys = [_key(t) for t in extracted]
    joined = "\n".join(keys)
    starts, pos = [], 0  # character offset in ``joined`` of each extracted line
    for k in keys:
        starts.append(pos)
        pos += len(k) + 1
    whole: dict[str, list[int]] = {}
    for n, k in enumerate(keys):
        whole.setdefault(k, []).append(n)
    out: list[tuple[int, str]] = []
    cursor, current = 0, 0
    for text in visible:
        key = _key(text)
        if not key:
            continue
        at = next((starts[n] for n in whole.get(key, ()) if starts[n] >= cursor), -1)
        if at < 0 and len(key) >= _FIND_ANYWHERE:
            at = joined.find(key, cursor)
        elif at < 0 and current:  # the rest of the extracted line the walk is in
            at = joined.find(key, cursor, starts[current] - 1 if current < len(starts) else len(joined))
        if at >= 0:  # found further on: the extracted text has reached this point of the page
            current = _line_at(starts, at) + 1
            cursor = at + len(key)
        elif key not in whole and (len(key) < _FIND_ANYWHERE or key not in joined) \
                and not any(len(k) >= _FIND_ANYWHERE and k in key for k in keys):
            out.append((current, text))
    return out


def _key(text: str) -> str:
    return _SPACE.sub(" ", _LIST_MARK.sub("", text.replace("|", " "))).strip().casefold()


def _line_at(starts: list[int], offset: int) -> int:
    lo, hi = 0, len(starts) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if starts[mid] <= offset:
            lo = mid
        else:
            hi = mid - 1
    return lo


__all__ = ["EXTRACTOR", "DROPPED_REASON", "HtmlError", "HtmlPage", "declared_charset", "decode_html", "dropped_lines",
           "html_to_page", "redecode_mis_decoded", "visible_lines"]
