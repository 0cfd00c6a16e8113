"""From a page's text or HTML (str or bytes) to the :class:`~cleannews.page.Page` a pipeline starts from."""

from __future__ import annotations

import regex

from .decode import decode_bytes
from .language import detect_language, normalize_language
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


def read_source(source: str | bytes, input_format: str = "auto") -> tuple[str, str]:
    """The page as text, and how it is to be read: "text" or "html".

    Bytes are decoded (HTML by the charset the page declares; other bytes by BOM, UTF-8 or
    detection). ``input_format`` "auto" decides by the content (:func:`looks_like_html`). HTML
    given as a str that was decoded from UTF-8 as Latin-1 (``requests``' ``r.text`` when the
    server names no charset) is decoded again, so that every field is read from the same text.
    """
    if input_format not in INPUT_FORMATS:
        raise ValueError(f"input_format must be one of {INPUT_FORMATS}, not {input_format!r}")
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        # HTML bytes are decoded by the charset the page declares; other bytes by detection
        as_html = input_format == "html" or (input_format == "auto" and looks_like_html(data[:5000].decode("latin-1")))
        source = _decode_html(data) if as_html else decode_bytes(data)
    elif isinstance(source, str):
        if input_format != "text" and not source.isascii() and (input_format == "html" or looks_like_html(source)):
            from .html import redecode_mis_decoded
            source = redecode_mis_decoded(source)
    else:
        raise TypeError(f"clean() takes the page as str or bytes, not {type(source).__name__}")
    if input_format == "auto":
        input_format = "html" if looks_like_html(source) else "text"
    return source, input_format


def prepare(source: str | bytes, *, language: str | None = None, input_format: str = "auto",
            url: str | None = None) -> Page:
    """The :class:`Page` a pipeline starts from: lines, language (detected unless given), lexicon.

    ``source`` is the page's text or HTML, as str or bytes (see :func:`read_source`).
    ``input_format`` is "text", "html" or "auto" (decide by content). ``language`` is normalised
    (:func:`cleannews.language.normalize_language`: "DE", "de-AT" -> "de"); an unknown one raises
    ValueError.
    """
    text, fmt = read_source(source, input_format)
    language = normalize_language(language) if language else None
    page: Page
    if fmt == "html":
        from .html import html_to_page
        page = html_to_page(text, url=url, language=language)
    else:
        lang = language or detect_language(text[:_LANGUAGE_SAMPLE])
        page = Page.from_text(text, language=lang, lexicon=Lexicon.load(lang))
        if url:
            page.fields["url"] = url
    page.set_aside_giant_lines()
    return page


def _decode_html(data: bytes) -> str:
    from .html import decode_html
    return decode_html(data)
