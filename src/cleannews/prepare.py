"""From a page's text or HTML (str or bytes) to the :class:`~cleannews.page.Page` a pipeline starts from."""

from __future__ import annotations

import regex

from .decode import decode_bytes
from .language import detect_language
from .lexicon import Lexicon
from .page import Page

INPUT_FORMATS = ("auto", "text", "html")
#: How much of a text the language is detected from (detection reads 3,000 words at most).
_LANGUAGE_SAMPLE = 300_000
_HTML_START = regex.compile(r"^\ufeff?\s*(?:<\?xml[^>]{0,200}>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|style|link)\b",
                            regex.I | regex.S)
_TAG = regex.compile(r"</?(?:p|div|span|a|br|li|ul|h[1-6]|article|section|table|td|img|script)\b[^>]*>", regex.I)


def looks_like_html(text: str) -> bool:
    """True when the text is an HTML document (or a fragment dense with tags)."""
    head = text[:5000]
    return bool(_HTML_START.match(head)) or len(_TAG.findall(head)) >= 5


def prepare(source: str | bytes, *, language: str | None = None, input_format: str = "auto",
            url: str | None = None) -> Page:
    """The :class:`Page` a pipeline starts from: lines, language (detected unless given), lexicon.

    ``source`` is the page's text or HTML, as str or bytes (bytes are decoded: BOM, declared
    charset, detection). ``input_format`` is "text", "html" or "auto" (decide by content).
    """
    if input_format not in INPUT_FORMATS:
        raise ValueError(f"input_format must be one of {INPUT_FORMATS}, not {input_format!r}")
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        # HTML bytes are decoded by the charset the page declares; other bytes by detection
        as_html = input_format == "html" or (input_format == "auto" and looks_like_html(data[:5000].decode("latin-1")))
        source = _decode_html(data) if as_html else decode_bytes(data)
    elif not isinstance(source, str):
        raise TypeError(f"clean() takes the page as str or bytes, not {type(source).__name__}")
    page: Page
    if input_format == "html" or (input_format == "auto" and looks_like_html(source)):
        from .html import html_to_page
        page = html_to_page(source, url=url, language=language)
    else:
        lang = language or detect_language(source[:_LANGUAGE_SAMPLE])
        page = Page.from_text(source, language=lang, lexicon=Lexicon.load(lang))
        if url:
            page.fields["url"] = url
    page.set_aside_giant_lines()
    return page


def _decode_html(data: bytes) -> str:
    from .html import decode_html
    return decode_html(data)
