#!/usr/bin/env bash
# Load test: the production settings under gunicorn (as `make serve` runs them) on loopback,
# wrk with 64 connections for 30 s against the home page, an event page and a survey view.
# Fails on any socket error or non-2xx/3xx response. Bounded in time; sends traffic only to
# 127.0.0.1. Usage: bench/load.sh [seconds]   (needs wrk: apt-get install wrk)
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-30}
PORT=8711
WORK=build/load
rm -rf "$WORK" && mkdir -p "$WORK"

export DJANGO_SETTINGS_MODULE=odi_site.settings.production
export DJANGO_SECRET_KEY=${DJANGO_SECRET_KEY:-$(.venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(64))')}
export ALLOWED_HOSTS=127.0.0.1,localhost SECURE_SSL_REDIRECT=false LOG_LEVEL=WARNING
export DATABASE_URL="sqlite:///$PWD/$WORK/load.sqlite3" MEDIA_ROOT="$PWD/$WORK/media" STATIC_ROOT="$PWD/$WORK/static"

.venv/bin/python manage.py migrate --noinput -v0
.venv/bin/python manage.py collectstatic --noinput -v0
.venv/bin/python manage.py load_demo_content >/dev/null
# One URL per kind of page the issue names; each falls back to the home page if absent.
paths=$(.venv/bin/python manage.py shell --no-imports -c '
from wagtail.models import Page
def first(model):
    page = Page.objects.live().filter(content_type__model=model).first()
    return page.url if page else "/"
print("/", first("eventpage"), first("surveyresultspage"))' | tail -n 1)

.venv/bin/gunicorn odi_site.wsgi:application --workers "${WEB_CONCURRENCY:-2}" --bind "127.0.0.1:$PORT" \
    --log-level warning >"$WORK/gunicorn.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT
up=
for _ in $(seq 100); do
    if curl -sf -o /dev/null "http://127.0.0.1:$PORT/healthz"; then up=1; break; fi
    sleep 0.2
done
[ -n "$up" ] || { echo "gunicorn did not start; see $WORK/gunicorn.log" >&2; exit 1; }
# Warm each worker's caches so the numbers describe steady state, not the first renders.
for path in $paths; do
    for _ in 1 2 3 4; do curl -sf -o /dev/null -H "X-Forwarded-Proto: https" "http://127.0.0.1:$PORT$path"; done
done

status=0
printf '%-32s %10s %10s %8s\n' "path" "req/s" "p99" "errors"
for path in $paths; do
    out=$(wrk -t2 -c64 -d"${DURATION}s" --timeout 10s --latency -H "Host: localhost" \
        -H "X-Forwarded-Proto: https" "http://127.0.0.1:$PORT$path")
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
    bad=$(awk '/Non-2xx or 3xx/ {print $NF}' <<<"$out")
    sock=$(awk -F'[ ,]+' '/Socket errors/ {print $4+$6+$8+$10}' <<<"$out")
    errors=$(( ${bad:-0} + ${sock:-0} ))
    printf '%-32s %10s %10s %8s\n' "$path" "$rps" "$p99" "$errors"
    [ "$errors" -eq 0 ] || status=1
done
exit $status
