"""Bytes to text: BOMs, declared charsets, UTF-8, then detection; mojibake is repaired later.

Binary files (PDF, images, archives, random bytes) are refused with :class:`DecodeError`
rather than turned into garbage text. Text that is almost all UTF-8 keeps its UTF-8 (a stray
bad byte becomes U+FFFD); other text is read as charset-normalizer detects it, except
that short text is read as Windows-1252 when that gives Western text (detection guesses
wrong on a few words of Latin-1 German).
"""

from __future__ import annotations

import codecs

import regex

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# Magic numbers of common binary formats: these are not pages.
_BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\x1f\x8b", b"PK\x03\x04", b"BZh",
                 b"\xfd7zXZ", b"7z\xbc\xaf", b"Rar!", b"\x7fELF", b"MZ", b"RIFF", b"OggS", b"ID3", b"\x00\x00\x01\x00",
                 b"wOFF", b"wOF2", b"\x28\xb5\x2f\xfd")
#: Bytes that text does not hold (C0 controls other than tab, line breaks, vertical tab, form feed).
_CONTROL_BYTES = frozenset(range(0, 9)) | frozenset(range(14, 32))
#: Input larger than this is judged by its first and last chunk (detection reads this much).
_SAMPLE = 200_000
#: Below this size, statistical detection guesses wrong too often: Western text is assumed.
_DETECTABLE = 1000
_HIGH = regex.compile(rb"[\x80-\xff]")
_LETTER = regex.compile(r"\p{L}")


class DecodeError(ValueError):
    """The bytes are not text (a binary file) or no encoding decodes them."""


def looks_binary(data: bytes) -> bool:
    """True for a known binary format, or for control bytes that text does not have: more than
    10 % of the first 4 KB, or more than 1 % when the bytes are not UTF-8 either (random data)."""
    head = data[:4096]
    if any(head.startswith(m) for m in _BINARY_MAGIC):
        return True
    if not head:
        return False
    if any(head.startswith(bom) for bom, _ in _BOMS) or _utf16_without_bom(head):
        return False
    share = sum(1 for b in head if b in _CONTROL_BYTES) / len(head)
    if share > 0.10:
        return True
    return share > 0.01 and _invalid_utf8(head[:-3]) > 0.02 * len(head)


def decode_bytes(data: bytes, *, declared: str | None = None) -> str:
    """Decode a page's bytes: BOM first, then the declared charset, then UTF-8 (also when a few
    bytes are broken), then Windows-1252 for Western text, then detection.

    Raises :class:`DecodeError` for binary data, with a one-line message.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    if data.endswith(b"\x00" * 16):  # NUL padding after the text (a preallocated file)
        data = data.rstrip(b"\x00")
    if looks_binary(data):
        raise DecodeError("binary data, not a text or HTML page")
    if declared:
        try:
            return data.decode(_normalise_charset(declared))
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    utf16 = _utf16_without_bom(data[:4096])
    if utf16:
        return data.decode(utf16, errors="replace")
    if _mostly_utf8(data):
        return data.decode("utf-8", errors="replace")
    short = len(data) < _DETECTABLE
    if short and _western(data):
        return data.decode("cp1252", errors="replace")
    detected = _detect(data)
    if detected is not None:
        return detected
    return data.decode("cp1252", errors="replace")


def _detect(data: bytes) -> str | None:
    """The text as charset-normalizer reads it (None when it finds nothing plausible)."""
    from charset_normalizer import from_bytes  # only for input that is not UTF-8

    best = from_bytes(data[:_SAMPLE]).best()
    if best is None or not best.encoding or best.encoding.startswith(("utf_16", "utf_32")):
        return None
    try:
        return data.decode(best.encoding, errors="replace")
    except LookupError:
        return None


def _invalid_utf8(data: bytes) -> int:
    """How many bytes of ``data`` are not part of a valid UTF-8 sequence."""
    return data.decode("utf-8", errors="replace").count("\ufffd") - data.count(b"\xef\xbf\xbd")


def _mostly_utf8(data: bytes) -> bool:
    """True when the non-ASCII bytes are nearly all valid UTF-8 (a few broken bytes in a UTF-8 page)."""
    sample = data[:_SAMPLE]
    high = len(_HIGH.findall(sample))
    bad = _invalid_utf8(sample)
    return high > 0 and bad <= 0.05 * high and high - bad >= 4 * bad


def _western(data: bytes) -> bool:
    """True when the bytes read as Windows-1252 give Western text: accented letters are a small
    share of the letters (German, French, ... accents), not most of them (which is how Cyrillic
    or Greek bytes look when read as Windows-1252)."""
    try:
        text = data[:_SAMPLE].decode("cp1252")
    except UnicodeDecodeError:
        return False
    letters = _LETTER.findall(text)
    accented = sum(1 for ch in letters if ch > "\x7f")
    return bool(letters) and accented <= 0.3 * len(letters)


def _utf16_without_bom(head: bytes) -> str | None:
    """"utf-16-le"/"utf-16-be" when every other byte is NUL (ASCII-range text in UTF-16)."""
    if len(head) < 16:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) >= 0.9 * len(odd) and even.count(0) <= 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) >= 0.9 * len(even) and odd.count(0) <= 0.1 * len(odd):
        return "utf-16-be"
    return None


def _normalise_charset(name: str) -> str:
    name = name.strip().strip("'\"").lower()
    # Browsers read latin-1 and ascii labels as windows-1252 (WHATWG encoding standard).
    return {"iso-8859-1": "cp1252", "latin-1": "cp1252", "latin1": "cp1252", "us-ascii": "cp1252",
            "ascii": "cp1252"}.get(name, name)
