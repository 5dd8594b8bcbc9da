"""`make bench`: query counts, render times and throughput against a bare WSGI ceiling.

1. Builds a throwaway SQLite database in build/bench/ with the demo content plus a larger data
   set (many more pages per section), using the production settings.
2. In-process (Django test client, page cache bypassed): SQL queries on content tables and
   cache round trips, and median render time of 30 warm requests per page type; then the same
   cold (every cache emptied before each of 10 requests, as right after a publish).
3. Under gunicorn (production settings, 2 sync workers) with wrk on loopback (16 connections):
   requests/second for each page and for bench/bare_wsgi.py (a plain WSGI callable, no Django)
   returning the same bytes, measured alternately, medians of ROUNDS runs; the ratio is site /
   bare WSGI. bench/cache_bench.py adds the other stack, junk query strings and load.
Prints one table and writes build/bench.json. See bench/README.md.
"""

import gzip
import json
import os
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
WORK = REPO / "build" / "bench"
RESULT_FILE = REPO / "build" / "bench.json"
EXTRA_PAGES_PER_SECTION = int(os.environ.get("BENCH_EXTRA_PAGES", "100"))
RENDER_SAMPLES = 30
COLD_SAMPLES = 10
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
WRK_SECONDS = int(os.environ.get("BENCH_WRK_SECONDS", "5"))
CONNECTIONS = 16
SITE_PORT, BARE_PORT = 8701, 8702

ENV = {
    **os.environ,
    "DJANGO_SETTINGS_MODULE": "odi_site.settings.production",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "DATABASE_URL": f"sqlite:///{WORK / 'bench.sqlite3'}",
    "MEDIA_ROOT": str(WORK / "media"),
    "STATIC_ROOT": str(WORK / "static"),
    "SECURE_SSL_REDIRECT": "false",
    "LOG_LEVEL": "WARNING",
    "CEILING_BODY_DIR": str(WORK / "bodies"),
    "PYTHONPATH": str(REPO),
}
sys.path.insert(0, str(REPO))


def manage(*args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=REPO, env=ENV, check=True, stdout=subprocess.DEVNULL)


def build_database():
    shutil.rmtree(WORK, ignore_errors=True)
    (WORK / "bodies").mkdir(parents=True)
    manage("migrate", "--noinput")
    manage("collectstatic", "--noinput")
    manage("load_demo_content")


def setup_django():
    os.environ.update(ENV)
    import django

    django.setup()


def grow_content():
    """Add EXTRA_PAGES_PER_SECTION pages under every top-level section that accepts them."""
    from wagtail.models import Page, Site

    from pages.models import StandardPage

    home = Site.objects.get(is_default_site=True).root_page
    for section in Page.objects.child_of(home).live().specific():
        if StandardPage not in section.specific_class.allowed_subpage_models():
            continue
        for n in range(EXTRA_PAGES_PER_SECTION):
            page = StandardPage(title=f"Extra page {n}", slug=f"extra-{n}", intro="Generated for the benchmark.")
            section.add_child(instance=page)


def targets():
    """One URL per live page type (the first of each), plus search."""
    from wagtail.models import Page

    chosen = {}
    for page in Page.objects.live().public().filter(depth__gt=1).specific().order_by("path"):
        chosen.setdefault(type(page).__name__, page.url)
    return {**chosen, "search": "/search/?q=training"}


class QueryCounter(list):
    """A database execute wrapper that records each SQL statement it lets through."""

    def __call__(self, execute, sql, params, many, context):
        self.append(sql)
        return execute(sql, params, many, context)

    def split(self):
        """(queries on content tables, statements of the database cache). A cache write is a
        transaction of its own (`BEGIN` under autocommit, a savepoint inside one): a page read
        writes nothing else."""
        cache = [sql for sql in self if '"odi_cache"' in sql or sql.startswith(("SAVEPOINT", "RELEASE", "BEGIN"))]
        return len(self) - len(cache), len(cache)


def timed(client, url):
    start = time.perf_counter()
    client.get(url)
    return (time.perf_counter() - start) * 1000


def cold(client, url):
    """One request with every cache empty, as right after a publish: (ms, queries)."""
    from django.core.cache import caches
    from django.db import connection

    for backend in caches.all():
        backend.clear()
    queries = QueryCounter()
    with connection.execute_wrapper(queries):
        ms = timed(client, url)
    return ms, queries.split()[0]


def transfer_kb(html):
    """Gzipped size of the page plus the CSS and JS it links (what a first visit downloads)."""
    assets = re.findall(r'<(?:link[^>]+rel="stylesheet"[^>]+href|script[^>]+src)="/static/([^"?]+)"', html.decode())
    total = len(gzip.compress(html))
    for asset in assets:
        total += len(gzip.compress((WORK / "static" / asset).read_bytes()))
    return round(total / 1024, 1)


def measure_in_process(urls):
    from django.db import connection
    from django.test import Client, override_settings

    client = Client(HTTP_HOST="localhost", secure=True)
    results = {}
    with override_settings(PAGE_CACHE_SECONDS=0):
        for name, url in urls.items():
            client.get(url)
            queries = QueryCounter()
            with connection.execute_wrapper(queries):
                response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            content_queries, cache_round_trips = queries.split()
            timings = [timed(client, url) for _ in range(RENDER_SAMPLES)]
            colds = [cold(client, url) for _ in range(COLD_SAMPLES)]
            (WORK / "bodies" / f"{name.lower()}.html").write_bytes(response.content)
            results[name] = {
                "url": url,
                "queries": content_queries,
                "cache_round_trips": cache_round_trips,
                "render_ms_median": round(statistics.median(timings), 2),
                "cold_ms_median": round(statistics.median(ms for ms, _ in colds), 2),
                "cold_queries": max(count for _, count in colds),
                "bytes": len(response.content),
                "transfer_kb_gzip": transfer_kb(response.content),
            }
    return results


def start_gunicorn(app, port):
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), app, "--workers", "2", "--bind", f"127.0.0.1:{port}"],
        cwd=REPO,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            subprocess.run(
                ["curl", "-sf", "-o", "/dev/null", f"http://127.0.0.1:{port}/healthz"], check=False, timeout=2
            )
            if (
                subprocess.run(["curl", "-s", "-o", "/dev/null", f"http://127.0.0.1:{port}/"], timeout=2).returncode
                == 0
            ):
                return process
        except subprocess.TimeoutExpired:
            pass
        time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"gunicorn {app} did not start on port {port}")


def wrk(url):
    output = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{CONNECTIONS}",
            f"-d{WRK_SECONDS}s",
            "-H",
            "Host: localhost",
            "-H",
            "X-Forwarded-Proto: https",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if errors:
        raise RuntimeError(f"{url}: {errors.group(1)} error responses under load")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))


def measure_throughput(results):
    if not shutil.which("wrk"):
        print("wrk not found (apt-get install wrk): throughput skipped")
        return
    site = start_gunicorn("odi_site.wsgi:application", SITE_PORT)
    bare = start_gunicorn("bench.bare_wsgi:application", BARE_PORT)
    try:
        for name, row in results.items():
            site_url = f"http://127.0.0.1:{SITE_PORT}{row['url']}"
            bare_url = f"http://127.0.0.1:{BARE_PORT}/{name.lower()}"
            site_runs, bare_runs = [], []
            for _ in range(ROUNDS):  # alternate, so machine noise hits both alike
                site_runs.append(wrk(site_url))
                bare_runs.append(wrk(bare_url))
            row["rps"] = round(statistics.median(site_runs))
            row["bare_wsgi_rps"] = round(statistics.median(bare_runs))
            row["ratio"] = round(row["rps"] / row["bare_wsgi_rps"], 2)
    finally:
        site.terminate()
        bare.terminate()
        site.wait()
        bare.wait()


def main():
    build_database()
    setup_django()
    grow_content()
    results = measure_in_process(targets())
    measure_throughput(results)
    RESULT_FILE.write_text(json.dumps(results, indent=2) + "\n")
    header = (
        f"{'page type':<28} {'queries':>7} {'cache':>5} {'ms':>6} {'cold q':>6} {'cold ms':>7} {'KB':>6} "
        f"{'gz KB*':>7} {'req/s':>7} {'bare':>7} {'ratio':>6}"
    )
    print(header)
    print("-" * len(header))
    for name, row in results.items():
        print(
            f"{name:<28} {row['queries']:>7} {row['cache_round_trips']:>5} {row['render_ms_median']:>6} "
            f"{row['cold_queries']:>6} {row['cold_ms_median']:>7} {row['bytes'] / 1024:>6.1f} "
            f"{row['transfer_kb_gzip']:>7} "
            f"{row.get('rps', '-'):>7} {row.get('bare_wsgi_rps', '-'):>7} {row.get('ratio', '-'):>6}"
        )
    print("queries: SQL on content tables per warm render; cache: database-cache round trips;")
    print("cold: every cache emptied first; bare: a plain WSGI callable serving the same bytes")
    print("* gz KB: HTML + linked CSS and JS, gzip-compressed (images excluded)")
    print(f"\nWritten to {RESULT_FILE.relative_to(REPO)}")


if __name__ == "__main__":
    main()
