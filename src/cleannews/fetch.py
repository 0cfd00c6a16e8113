"""Fetching a page from its address (``cleannews clean https://…``), with the standard library.

A fetch follows redirects (urllib's limit of 10), gives up after :data:`TIMEOUT` seconds without
an answer, refuses a body over :data:`MAX_BYTES`, and names itself with :data:`USER_AGENT`.
Proxies are taken from the environment (``https_proxy``, ``no_proxy``...), as urllib does.
"""

from __future__ import annotations

import codecs
import urllib.error
import urllib.request
from email.message import Message

from . import __version__

#: Seconds to wait for the server (to connect, and between two pieces of the answer).
TIMEOUT = 20.0
#: The largest page fetched (bytes); a larger one is an error.
MAX_BYTES = 20 * 1024 * 1024
USER_AGENT = f"cleannews/{__version__} (news page cleaner; Python urllib)"
_SCHEMES = ("http://", "https://")
_CHUNK = 1 << 16


class FetchError(OSError):
    """A page could not be fetched (the message says why)."""


def is_url(path: str) -> bool:
    """True for an http:// or https:// address."""
    return path.lower().startswith(_SCHEMES)


def fetch(url: str, *, timeout: float = TIMEOUT, max_bytes: int = MAX_BYTES) -> tuple[bytes | str, str]:
    """The page at ``url`` and how to read it ("html", "text" or "auto", from its Content-Type).

    The page comes as bytes, or as str when the server names a charset (the HTTP header wins
    over the page's own declaration, as in a browser). Raises :class:`FetchError`.
    """
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "text/html, text/plain;q=0.9, */*;q=0.5"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            headers: Message = response.headers
            fmt = _input_format(headers.get_content_type(), headers.get("Content-Type") is not None)
            data = _read_limited(response, max_bytes)
    except urllib.error.HTTPError as exc:
        raise FetchError(f"cannot fetch {url}: HTTP {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        reason = getattr(exc.reason, "strerror", None) or exc.reason
        raise FetchError(f"cannot fetch {url}: {reason}") from None
    except (OSError, ValueError) as exc:  # a timeout, a reset connection, a malformed address
        raise FetchError(f"cannot fetch {url}: {getattr(exc, 'strerror', None) or str(exc) or type(exc).__name__}") from None
    charset = headers.get_content_charset()
    if charset and not data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode(charset), fmt
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown label: the bytes are decoded like a file's
    return data, fmt


def _read_limited(response: object, max_bytes: int) -> bytes:
    parts: list[bytes] = []
    size = 0
    while True:
        chunk = response.read(_CHUNK)  # type: ignore[attr-defined]
        if not chunk:
            return b"".join(parts)
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(f"the page is larger than {max_bytes:,} bytes")
        parts.append(chunk)


def _input_format(content_type: str, declared: bool) -> str:
    if not declared:
        return "auto"
    if content_type in ("text/html", "application/xhtml+xml"):
        return "html"
    if content_type == "text/plain":
        return "text"
    if content_type.startswith("text/") or content_type in ("application/xml", "application/octet-stream"):
        return "auto"
    raise FetchError(f"not a web page: the server sent {content_type}")
