"""Liveness and readiness probes for load balancers and orchestrators."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .task_queue import oldest_waiting_age


@require_GET
@never_cache
def healthz(request):
    """The process is up and answering; touches nothing else."""
    return JsonResponse({"status": "ok"})


@require_GET
@never_cache
def readyz(request):
    """Ready for traffic only when the database and the cache both answer."""
    checks = {"database": _database_ok(), "cache": _cache_ok()}
    ready = all(checks.values())
    body = {"status": "ok" if ready else "unavailable", **{k: "ok" if v else "down" for k, v in checks.items()}}
    body["task_queue"] = _task_queue_state() if checks["database"] else "unknown"
    if ready and body["task_queue"] != "ok":
        # Still ready: this server can serve pages; a stalled worker needs an operator, not a reroute.
        body["status"] = "degraded"
    return JsonResponse(body, status=200 if ready else 503)


def _database_ok():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except DatabaseError:
        return False


def _cache_ok():
    """A value written now reads back: the cache fails open (a miss), so a miss means down."""
    nonce = secrets.token_hex(8)
    try:
        cache.set("readyz", nonce, 5)
        return cache.get("readyz") == nonce
    except Exception:  # noqa: BLE001  (any backend failure means "not ready")
        return False


def _task_queue_state():
    """ "degraded" when a task has waited longer than TASK_QUEUE_MAX_AGE (the worker is down or stuck)."""
    try:
        age = oldest_waiting_age()
    except Exception:  # noqa: BLE001  (a queue store that does not answer cannot vouch for the queue)
        return "unknown"
    return "degraded" if age is not None and age > timedelta(seconds=settings.TASK_QUEUE_MAX_AGE) else "ok"
