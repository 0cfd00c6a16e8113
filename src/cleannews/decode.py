"""Bytes to text: BOMs, declared charsets, detection (charset-normalizer), then mojibake repair.

Binary files (PDF, images, archives) are refused with :class:`DecodeError` rather than turned
into garbage text.
"""

from __future__ import annotations

import codecs
import re

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# Magic numbers of common binary formats: these are not pages.
_BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\x1f\x8b", b"PK\x03\x04", b"BZh",
                 b"\xfd7zXZ", b"7z\xbc\xaf", b"Rar!", b"\x7fELF", b"MZ", b"RIFF", b"OggS", b"ID3", b"\x00\x00\x01\x00",
                 b"wOFF", b"wOF2", b"\x28\xb5\x2f\xfd")


# Where an HTML or XML document names its charset: <meta charset>, <meta http-equiv="Content-Type"
# content="text/html; charset=...">, <?xml ... encoding="..."?>. Read from the first 16 KB as bytes.
_META_CHARSET = re.compile(rb"""<meta\b[^>]{0,500}?\bcharset\s*=\s*["']?\s*([A-Za-z0-9._:\-]{2,40})""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml\b[^>]{0,200}?\bencoding\s*=\s*["']([A-Za-z0-9._:\-]{2,40})["']""", re.I)
#: Single-byte charsets under which valid UTF-8 with multi-byte sequences is almost surely mislabelled.
_SINGLE_BYTE = re.compile(r"^(?:cp125\d|windows-125\d|iso-?8859-\d+|latin-?\d|l\d|us-ascii|ascii|koi8-[ru])$", re.I)


class DecodeError(ValueError):
    """The bytes are not text (a binary file) or no encoding decodes them."""


def looks_binary(data: bytes) -> bool:
    """True for a known binary format, or many NUL/control bytes in the first 4 KB."""
    head = data[:4096]
    if any(head.startswith(m) for m in _BINARY_MAGIC):
        return True
    if not head:
        return False
    if any(head.startswith(bom) for bom, _ in _BOMS):
        return False
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return controls / len(head) > 0.10


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML/XML document declares in its first 16 KB (meta charset, http-equiv
    Content-Type, XML declaration), or None."""
    head = data[:16384]
    m = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    return m.group(1).decode("ascii").strip(".:-").lower() if m else None


def decode_bytes(data: bytes, *, declared: str | None = None) -> str:
    """Decode a page's bytes: BOM first, then the declared charset (given, or declared by the
    document itself in a meta tag or XML declaration), then UTF-8, then detection.

    A document declared in a single-byte charset (latin-1, windows-1252, ...) that is valid
    UTF-8 with non-ASCII characters is read as UTF-8: the label is wrong, not the bytes.
    Raises :class:`DecodeError` for binary data.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    if looks_binary(data):
        raise DecodeError("binary data, not a text or HTML page")
    declared = declared or declared_charset(data)
    if declared and _SINGLE_BYTE.match(declared) and not data.isascii():
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            pass
    if declared:
        try:
            return data.decode(_normalise_charset(declared))
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # only for non-UTF-8 input

    best = from_bytes(data[:200_000]).best()
    if best is not None and best.encoding:
        try:
            return data.decode(best.encoding, errors="replace")
        except LookupError:
            pass
    return data.decode("cp1252", errors="replace")


def _normalise_charset(name: str) -> str:
    name = name.strip().strip("'\"").lower()
    # Browsers read latin-1 and ascii labels as windows-1252 (WHATWG encoding standard).
    return {"iso-8859-1": "cp1252", "latin-1": "cp1252", "latin1": "cp1252", "us-ascii": "cp1252",
            "ascii": "cp1252"}.get(name, name)
