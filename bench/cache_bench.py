"""`make bench`, part 2: the page cache under gunicorn, on the default stack and on PostgreSQL + Redis.

For each stack (production settings, BENCH_WORKERS sync workers, default 4: two per core here,
the low end of docs/deployment.md's rule of thumb; wrk on loopback, rounds alternated so
machine noise hits every side alike; medians):

1. a cached anonymous hit on `/` against a bare WSGI callable sending the same headers and bytes
   (bench/bare_wsgi.py), for clients without and with `Accept-Encoding: gzip`, and against a
   minimal Django view (bench/ceiling.py);
2. `/?utm_source=<random, never repeated>` against `/`;
3. cache round trips per hit (Redis: its command counter; database: the query count is a test);
4. 64 connections for 20 s on `/` while a page is published every 2 s: errors and p99.

Then, on the default stack, a form page (career consultations) rendered for every visitor, as
the site does, against per-visitor caching through Django's cache middleware (bench/visitor_cache.py).
PostgreSQL and Redis are used when they answer on 127.0.0.1 (BENCH_PG_URL, BENCH_REDIS_URL).
Prints a table and writes build/cache-bench.json.
"""

import json
import os
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
WORK = REPO / "build" / "cache-bench"
RESULT_FILE = REPO / "build" / "cache-bench.json"
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
WRK_SECONDS = int(os.environ.get("BENCH_WRK_SECONDS", "5"))
LOAD_SECONDS = int(os.environ.get("BENCH_LOAD_SECONDS", "20"))
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/odi_bench")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/12")
GUNICORN = str(Path(sys.executable).parent / "gunicorn")
# Site, bare WSGI and minimal view alike. One per core leaves a core idle whenever its worker
# waits on a cache round trip (Redis on loopback: 0.1-0.3 ms here), which the deployment guide's
# two to four per core exist to cover.
WORKERS = int(os.environ.get("BENCH_WORKERS", "4"))
PORTS = iter(range(8721, 8799))
FORM_PAGE = "/career-development/"
GZIP = "Accept-Encoding: gzip, deflate, br"  # what browsers send

# Publishes the first standard page every 2 s for SECONDS, as an editor would; prints the count.
PUBLISHER = """
import time
from pages.models import StandardPage
page = StandardPage.objects.live().first()
end, count = time.monotonic() + SECONDS, 0
while time.monotonic() < end:
    page.save_revision().publish()
    count += 1
    time.sleep(2)
print(count)
"""


def base_env(name):
    work = WORK / name
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "odi_site.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": f"sqlite:///{work / 'site.sqlite3'}",
        "MEDIA_ROOT": str(work / "media"),
        "STATIC_ROOT": str(work / "static"),
        "CEILING_BODY_DIR": str(work / "bodies"),
        "SECURE_SSL_REDIRECT": "false",
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(REPO),
    }


def answers(command):
    return subprocess.run(command, capture_output=True, check=False).returncode == 0


def stacks():
    default = base_env("default")
    found = [("sqlite + database cache", default)]
    if answers(["pg_isready", "-q", "-h", "127.0.0.1"]) and answers(["redis-cli", "-u", REDIS_URL, "ping"]):
        database = PG_URL.rsplit("/", 1)[1]
        subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", database], check=True)
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", database], check=True)
        subprocess.run(["redis-cli", "-u", REDIS_URL, "flushdb"], check=True, capture_output=True)
        found.append(("postgresql + redis", {**base_env("pg-redis"), "DATABASE_URL": PG_URL, "REDIS_URL": REDIS_URL}))
    else:
        print("PostgreSQL or Redis not answering on 127.0.0.1: only the default stack is measured")
    return found


def manage(env, *args, capture=False):
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=REPO, env=env, check=True, capture_output=True, text=True
    )
    return result.stdout if capture else None


def build(env):
    work = Path(env["MEDIA_ROOT"]).parent
    shutil.rmtree(work, ignore_errors=True)
    (work / "bodies").mkdir(parents=True)
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    manage(env, "load_demo_content")


@contextmanager
def gunicorn(app, env):
    port = next(PORTS)
    process = subprocess.Popen(
        [GUNICORN, app, "--workers", str(WORKERS), "--bind", f"127.0.0.1:{port}"],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            if answers(["curl", "-sf", "-o", "/dev/null", "-m", "2", f"{base}/healthz"]) or answers(
                ["curl", "-sf", "-o", "/dev/null", "-m", "2", f"{base}/homepage"]
            ):
                break
            time.sleep(0.2)
        else:
            raise RuntimeError(f"{app} did not start")
        yield base
    finally:
        process.terminate()
        process.wait()


def wrk(url, *, connections=16, seconds=WRK_SECONDS, script=None, headers=()):
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "10s"]
    for header in ("Host: localhost", *headers):
        command += ["-H", header]
    if script:
        command += ["-s", str(REPO / "bench" / script)]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", output))
    errors += sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)\b", output)
    scale = {"us": 0.001, "ms": 1, "s": 1000}
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p99_ms": round(float(p99.group(1)) * scale[p99.group(2)], 1) if p99 else None,
        "errors": errors,
    }


def alternate(runs):
    """Run each named wrk call ROUNDS times, alternately; the median req/s of each."""
    results = {name: [] for name in runs}
    for _ in range(ROUNDS):
        for name, run in runs.items():
            results[name].append(run()["rps"])
    return {name: round(statistics.median(values)) for name, values in results.items()}


def redis_commands():
    info = subprocess.run(["redis-cli", "-u", REDIS_URL, "info", "stats"], capture_output=True, text=True).stdout
    return int(re.search(r"total_commands_processed:(\d+)", info).group(1))


def round_trips_per_hit(site):
    subprocess.run(["curl", "-s", "-o", "/dev/null", f"{site}/"], check=True)
    before, hits = redis_commands(), 200
    for _ in range(hits):
        subprocess.run(["curl", "-s", "-o", "/dev/null", "-H", "Host: localhost", f"{site}/"], check=True)
    return round((redis_commands() - before - 1) / hits, 2)  # less the INFO call itself


def publish_under_load(env, site):
    publisher = subprocess.Popen(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", PUBLISHER.replace("SECONDS", str(LOAD_SECONDS))],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    result = wrk(f"{site}/", connections=64, seconds=LOAD_SECONDS)
    result["publishes"] = int(publisher.communicate()[0].strip().splitlines()[-1])
    return result


def save_cached_copy(site, bodies, name, *headers):
    """The home page's cached copy as a client sending `headers` gets it: body and headers."""
    command = ["curl", "-s", "-H", "Host: localhost", *(arg for header in headers for arg in ("-H", header))]
    for _ in range(WORKERS + 1):  # each worker's first render, then the cached copy
        subprocess.run([*command, "-o", "/dev/null", f"{site}/"], check=True)
    head, body = bodies / f"{name}.headers", bodies / f"{name}.html"
    subprocess.run([*command, "-D", str(head), "-o", str(body), f"{site}/"], check=True)


def measure_stack(name, env):
    build(env)
    bodies = Path(env["CEILING_BODY_DIR"])
    with gunicorn("odi_site.wsgi:application", env) as site:
        save_cached_copy(site, bodies, "homepage")
        save_cached_copy(site, bodies, "homepage-gzip", GZIP)
        with gunicorn("bench.bare_wsgi:application", env) as bare, gunicorn("bench.ceiling:application", env) as view:
            rps = alternate(
                {
                    "site": lambda: wrk(f"{site}/"),
                    "bare_wsgi": lambda: wrk(f"{bare}/homepage"),
                    "site_gzip": lambda: wrk(f"{site}/", headers=(GZIP,)),
                    "bare_wsgi_gzip": lambda: wrk(f"{bare}/homepage-gzip"),
                    "django_view": lambda: wrk(f"{view}/homepage"),
                    "random_utm": lambda: wrk(f"{site}/", script="random_query.lua"),
                }
            )
        row = {
            "stack": name,
            **{f"{key}_rps": value for key, value in rps.items()},
            "ratio_to_bare_wsgi": round(rps["site"] / rps["bare_wsgi"], 2),
            "gzip_ratio_to_bare_wsgi": round(rps["site_gzip"] / rps["bare_wsgi_gzip"], 2),
            "ratio_to_django_view": round(rps["site"] / rps["django_view"], 2),
            "random_utm_ratio": round(rps["random_utm"] / rps["site"], 2),
            "redis_round_trips_per_hit": round_trips_per_hit(site) if "REDIS_URL" in env else None,
            "under_publishing": publish_under_load(env, site),
        }
    return row


def measure_form_pages(env):
    """A form page rendered for every visitor, against Django's per-visitor cache."""
    cookie = "Cookie: csrftoken=" + secrets.token_hex(16)
    with gunicorn("odi_site.wsgi:application", env) as site:
        per_visitor_env = {**env, "DJANGO_SETTINGS_MODULE": "bench.visitor_cache"}
        with gunicorn("odi_site.wsgi:application", per_visitor_env) as cached:
            subprocess.run(["curl", "-s", "-o", "/dev/null", "-H", cookie, f"{cached}{FORM_PAGE}"], check=True)
            return alternate(
                {
                    "rendered_for_everyone": lambda: wrk(f"{site}{FORM_PAGE}"),
                    "per_visitor_cache_repeat_visitor": lambda: wrk(f"{cached}{FORM_PAGE}", headers=(cookie,)),
                    "per_visitor_cache_new_visitors": lambda: wrk(f"{cached}{FORM_PAGE}"),
                }
            )


def main():
    if not shutil.which("wrk"):
        print("wrk not found (apt-get install wrk): cache benchmark skipped")
        return
    found = stacks()
    rows = [measure_stack(name, env) for name, env in found]
    forms = measure_form_pages(found[0][1])
    RESULT_FILE.write_text(json.dumps({"stacks": rows, "form_pages": forms}, indent=2) + "\n")
    print(f"\nCached home page under gunicorn ({WORKERS} workers), req/s, medians of {ROUNDS} alternated runs")
    header = (
        f"{'stack':<24} {'site':>6} {'bare':>6} {'ratio':>5} {'gz site':>7} {'gz bare':>7} {'ratio':>5} "
        f"{'view':>6} {'ratio':>5} {'utm':>6} {'ratio':>5} {'RTT':>4}"
    )
    print(header)
    print("-" * len(header))
    for row in rows:
        print(
            f"{row['stack']:<24} {row['site_rps']:>6} {row['bare_wsgi_rps']:>6} {row['ratio_to_bare_wsgi']:>5} "
            f"{row['site_gzip_rps']:>7} {row['bare_wsgi_gzip_rps']:>7} {row['gzip_ratio_to_bare_wsgi']:>5} "
            f"{row['django_view_rps']:>6} {row['ratio_to_django_view']:>5} {row['random_utm_rps']:>6} "
            f"{row['random_utm_ratio']:>5} {row['redis_round_trips_per_hit'] or '-':>4}"
        )
    print("bare: a plain WSGI callable sending the same headers and bytes; gz: clients sending")
    print("Accept-Encoding: gzip, as browsers do; view: a minimal Django view behind the whole")
    print("middleware stack; utm: /?utm_source=<never repeated>; RTT: Redis commands per hit")
    print(f"\n64 connections for {LOAD_SECONDS} s on /, publishing a page every 2 s")
    for row in rows:
        load = row["under_publishing"]
        print(
            f"{row['stack']:<26} {load['rps']:>8} req/s  p99 {load['p99_ms']} ms  errors {load['errors']}  "
            f"publishes {load['publishes']}"
        )
    print(f"\nForm page {FORM_PAGE} (default stack), req/s")
    for name, value in forms.items():
        print(f"  {name:<36} {value:>7}")
    print(f"\nWritten to {RESULT_FILE.relative_to(REPO)}")


if __name__ == "__main__":
    main()
