"""Lighthouse 12.2.3 on one page of every type at a 390 px phone viewport, with budgets.

    .venv/bin/python bench/lighthouse.py                         # builds and serves its own site
    .venv/bin/python bench/lighthouse.py http://127.0.0.1:8071   # a running site (make run PORT=8071)

Without an address it builds a throwaway SQLite database in build/lighthouse/ with the production
settings and the demo content (as bench/run.py does) and serves it with gunicorn, WhiteNoise and
the page cache, as deployed, image renditions included (bench/deployed_wsgi.py). The pages are those of the site's sitemap, the first of each page
type (named by the `template-…` class of its <body>). Lighthouse (from package.json, `npm ci
--ignore-scripts`) runs in Chromium (CHROME_PATH, default /usr/bin/chromium) with its default
mobile throttling; the table shows Cumulative Layout Shift and the four category scores. Scores
on a shared machine wobble by a few points (Total Blocking Time), so a page over budget is
measured RUNS_WHEN_OVER more times and judged on the median of its runs.

Exits 1 when a page has CLS above 0.02, a performance, best-practices or SEO score under 98, or an
accessibility score under 100. Writes every report's figures to build/lighthouse.json.
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
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parent.parent
WORK = REPO / "build" / "lighthouse"
RESULT_FILE = REPO / "build" / "lighthouse.json"
LIGHTHOUSE = REPO / "node_modules" / ".bin" / "lighthouse"
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
PORT = int(os.environ.get("LIGHTHOUSE_PORT", "8703"))
VIEWPORT = {"width": 390, "height": 844, "deviceScaleFactor": 3}

RUNS_WHEN_OVER = int(os.environ.get("LIGHTHOUSE_RERUNS", "2"))

MAX_CLS = 0.02
MIN_SCORES = {"performance": 98, "accessibility": 100, "best-practices": 98, "seo": 98}

ENV = {
    **os.environ,
    "DJANGO_SETTINGS_MODULE": "odi_site.settings.production",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "DATABASE_URL": f"sqlite:///{WORK / 'lighthouse.sqlite3'}",
    "MEDIA_ROOT": str(WORK / "media"),
    "STATIC_ROOT": str(WORK / "static"),
    "SECURE_SSL_REDIRECT": "false",
    "LOG_LEVEL": "WARNING",
    "PYTHONPATH": str(REPO),
}


def manage(*args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=REPO, env=ENV, check=True, stdout=subprocess.DEVNULL)


def serve_demo_site():
    """Build the demo site with the production settings and start gunicorn on it."""
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    manage("migrate", "--noinput")
    manage("collectstatic", "--noinput")
    manage("load_demo_content")
    # Renditions are made by the task worker in production; make them now, before measuring.
    subprocess.run(
        [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay", "-v", "0"],
        cwd=REPO,
        env=ENV,
        check=False,
        stdout=subprocess.DEVNULL,
    )
    gunicorn = Path(sys.executable).parent / "gunicorn"
    process = subprocess.Popen(
        [str(gunicorn), "bench.deployed_wsgi:application", "--workers", "2", "--bind", f"127.0.0.1:{PORT}"],
        cwd=REPO,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base_url = f"http://localhost:{PORT}"
    for _ in range(150):
        try:
            urllib.request.urlopen(base_url + "/", timeout=2)
            return process, base_url
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"gunicorn did not start on port {PORT}")


def fetch(url):
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read().decode()


def one_page_per_type(base_url):
    """{page type: path}: the first page of each type listed in the sitemap."""
    paths = []
    tree = ET.fromstring(fetch(base_url + "/sitemap.xml"))
    for loc in tree.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc"):
        paths.append(urlsplit(loc.text.strip()).path)
    chosen = {}
    for path in paths:
        found = re.search(r'<body class="([^"]*)"', fetch(base_url + path))
        kind = next((name for name in (found.group(1).split() if found else []) if name.startswith("template-")), path)
        chosen.setdefault(kind.removeprefix("template-"), path)
    return chosen


def lighthouse(url):
    """The figures of one Lighthouse run on `url` at the phone viewport."""
    command = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        "--output-path=stdout",
        "--only-categories=performance,accessibility,best-practices,seo",
        "--form-factor=mobile",
        f"--screenEmulation.width={VIEWPORT['width']}",
        f"--screenEmulation.height={VIEWPORT['height']}",
        f"--screenEmulation.deviceScaleFactor={VIEWPORT['deviceScaleFactor']}",
        "--screenEmulation.mobile",
        "--chrome-flags=--headless=new --no-sandbox",
    ]
    for attempt in (1, 2):  # Chromium now and then fails to start on a loaded machine: once more
        done = subprocess.run(command, env={**os.environ, "CHROME_PATH": CHROME}, capture_output=True, text=True)
        if done.returncode == 0:
            break
        if attempt == 2:
            raise RuntimeError(f"Lighthouse failed on {url}:\n{done.stderr[-2000:]}")
    report = json.loads(done.stdout)
    scores = {name: round((category["score"] or 0) * 100) for name, category in report["categories"].items()}
    audits = report["audits"]
    failing = {
        audit_id: audit.get("displayValue") or audit["title"]
        for audit_id, audit in sorted(audits.items())
        if audit.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings") and (audit.get("score") or 0) < 0.9
    }
    return {
        "url": url,
        "cls": round(audits["cumulative-layout-shift"]["numericValue"], 3),
        "scores": scores,
        "failing_audits": failing,
    }


def measure(url):
    """One run; more when over budget, then the median of each figure over all runs."""
    runs = [lighthouse(url)]
    if problems_of(runs[0]):
        runs += [lighthouse(url) for _ in range(RUNS_WHEN_OVER)]
    if len(runs) == 1:
        return {**runs[0], "runs": 1}
    return {
        "url": url,
        "cls": statistics.median(run["cls"] for run in runs),
        "scores": {name: statistics.median(run["scores"][name] for run in runs) for name in runs[0]["scores"]},
        "failing_audits": {key: value for run in runs for key, value in run["failing_audits"].items()},
        "runs": len(runs),
    }


def problems_of(row):
    problems = []
    if row["cls"] > MAX_CLS:
        problems.append(f"CLS {row['cls']} > {MAX_CLS}")
    for name, minimum in MIN_SCORES.items():
        if row["scores"].get(name, 0) < minimum:
            problems.append(f"{name} {row['scores'].get(name, 0)} < {minimum}")
    return problems


def main():
    if not LIGHTHOUSE.exists():
        sys.exit("Lighthouse is not installed: run `npm ci --ignore-scripts` (package.json pins 12.2.3)")
    server = None
    if len(sys.argv) > 1:
        base_url = sys.argv[1].rstrip("/")
    else:
        server, base_url = serve_demo_site()
    try:
        results = {kind: measure(base_url + path) for kind, path in one_page_per_type(base_url).items()}
    finally:
        if server:
            server.terminate()
            server.wait()
    RESULT_FILE.parent.mkdir(parents=True, exist_ok=True)
    RESULT_FILE.write_text(json.dumps(results, indent=2) + "\n")

    header = f"{'page type':<28} {'path':<36} {'CLS':>6} {'perf':>5} {'a11y':>5} {'bp':>5} {'seo':>5}"
    print(header)
    print("-" * len(header))
    failed = []
    for kind, row in results.items():
        scores = row["scores"]
        path = urlsplit(row["url"]).path
        print(
            f"{kind:<28} {path:<36} {row['cls']:>6} {scores.get('performance', 0):>5} "
            f"{scores.get('accessibility', 0):>5} {scores.get('best-practices', 0):>5} {scores.get('seo', 0):>5}"
        )
        if problems := problems_of(row):
            audits = "; ".join(f"{key}: {value}" for key, value in row["failing_audits"].items())
            failed.append(f"{path}: {', '.join(problems)} (median of {row['runs']} runs; audits under 90: {audits})")
    if failed:
        print("\nOver budget:\n" + "\n".join(failed))
        sys.exit(1)
    print(f"\nAll pages within budget: CLS <= {MAX_CLS}, scores >= 98 (accessibility 100).")


if __name__ == "__main__":
    main()
