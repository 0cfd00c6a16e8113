"""A web server on 127.0.0.1 for one test: started on a free port, stopped when the test ends."""

from __future__ import annotations

import contextlib
import http.server
import threading
from collections.abc import Callable, Iterator
from typing import Any


@contextlib.contextmanager
def serve(handler: Callable[..., Any]) -> Iterator[str]:
    """Serve with ``handler`` (a request handler class or factory); yields the base URL
    (``http://127.0.0.1:PORT``). Request threads are daemons, so a slow handler never holds the
    test up."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=10)
