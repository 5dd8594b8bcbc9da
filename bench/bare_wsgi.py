"""The throughput ceiling: a plain WSGI callable, no Django, serving a page's bytes.

`bench/run.py` and `bench/cache_bench.py` save each measured page's HTML as
CEILING_BODY_DIR/<name>.html; `/<name>` returns it. When the site's own response headers were
saved beside it (`<name>.headers`, as curl -D writes them: bench/cache_bench.py does), they are
replayed, so the ceiling sends the very bytes a cached hit sends (a gzip body included).
Served by the same gunicorn and worker count as the site, so site ÷ this is what the whole
Django stack costs on a cache hit.
"""

import os
from functools import cache
from pathlib import Path

DEFAULT_HEADERS = (
    ("Content-Type", "text/html; charset=utf-8"),
    ("Cache-Control", "public, max-age=60, s-maxage=600, stale-while-revalidate=60"),
)
# Written by the server itself, whatever the application says.
SERVER_HEADERS = {"date", "server", "connection", "keep-alive", "transfer-encoding", "content-length"}


@cache
def response(name):
    directory = Path(os.environ["CEILING_BODY_DIR"])
    content = (directory / f"{name}.html").read_bytes()
    saved = directory / f"{name}.headers"
    headers = list(DEFAULT_HEADERS)
    if saved.exists():
        lines = saved.read_text().splitlines()[1:]  # after the status line
        headers = [tuple(part.strip() for part in line.split(":", 1)) for line in lines if ":" in line]
        headers = [(key, value) for key, value in headers if key.lower() not in SERVER_HEADERS]
    return [*headers, ("Content-Length", str(len(content)))], content


def application(environ, start_response):
    name = environ.get("PATH_INFO", "/").strip("/") or "homepage"
    try:
        headers, content = response(name)
    except FileNotFoundError:
        start_response("404 Not Found", [("Content-Type", "text/plain")])
        return [b"no such body"]
    start_response("200 OK", headers)
    return [content]
