"""How long the oldest waiting task has waited, whichever task backend the settings chose.

Used by /readyz: a queue that stops moving means the worker is down or stuck, which a load
balancer cannot fix but an operator must hear about.
"""

from django.utils import timezone
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends


def oldest_waiting_age():
    """A timedelta for the task that has been ready longest, None when nothing waits."""
    backend = type(task_backends[DEFAULT_TASK_BACKEND_ALIAS]).__module__
    if backend.startswith("django_tasks_db"):
        return _database_oldest()
    if backend.startswith("django_tasks_rq"):
        return _rq_oldest()
    return None  # the immediate (and dummy) backends run or drop tasks at once


def _database_oldest():
    from django_tasks_db.models import DBTaskResult, get_date_max

    now = timezone.now()
    ready = DBTaskResult.objects.ready()
    # A task without run_after waits from when it was enqueued; a deferred one from when it fell due.
    since = [
        ready.filter(run_after=get_date_max()).order_by("enqueued_at").values_list("enqueued_at", flat=True).first(),
        ready.exclude(run_after=get_date_max()).order_by("run_after").values_list("run_after", flat=True).first(),
    ]
    since = [moment for moment in since if moment is not None]
    return now - min(since) if since else None


def _rq_oldest():
    import django_rq

    queue = django_rq.get_queue("default")
    job_ids = queue.get_job_ids(0, 0)
    job = queue.fetch_job(job_ids[0]) if job_ids else None
    if job is None or job.enqueued_at is None:
        return None
    enqueued = (
        job.enqueued_at if timezone.is_aware(job.enqueued_at) else timezone.make_aware(job.enqueued_at, timezone.utc)
    )
    return timezone.now() - enqueued
