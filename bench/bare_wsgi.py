"""The throughput ceiling: a plain WSGI callable, no Django, serving a page's bytes.

`bench/run.py` and `bench/cache_bench.py` save each measured page's HTML as
CEILING_BODY_DIR/<name>.html; `/<name>` returns it, with the headers a cached page carries.
Served by the same gunicorn and worker count as the site, so site ÷ this is what the whole
Django stack costs on a cache hit.
"""

import os
from functools import cache
from pathlib import Path


@cache
def body(name):
    return (Path(os.environ["CEILING_BODY_DIR"]) / f"{name}.html").read_bytes()


def application(environ, start_response):
    name = environ.get("PATH_INFO", "/").strip("/") or "homepage"
    try:
        content = body(name)
    except FileNotFoundError:
        start_response("404 Not Found", [("Content-Type", "text/plain")])
        return [b"no such body"]
    start_response(
        "200 OK",
        [
            ("Content-Type", "text/html; charset=utf-8"),
            ("Content-Length", str(len(content))),
            ("Cache-Control", "public, max-age=60, s-maxage=600, stale-while-revalidate=60"),
        ],
    )
    return [content]
