"""Email as tasks: store the message with its record, let the worker send it, exactly once if it can.

`queue_email()` is called inside the transaction that writes the record, so the message exists
if and only if the record does. Once the transaction commits, a `send_email` task is enqueued
with the message's id; the task re-reads the row, claims it (a row that is sent, failed or held
by another worker is left alone) and sends it with the SMTP timeout of the settings. A failure
is retried with a doubling delay; `requeue_due_emails()` (run every minute by
`run_periodic_tasks`) enqueues messages whose task was lost, e.g. with a worker killed
mid-send, once that worker's claim has run out.

A request never talks to the mail server. Failures are logged and stored by their kind only:
SMTP servers name the refused addresses in their messages.
"""

import logging
import smtplib
from datetime import timedelta
from email.utils import parseaddr

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMessage
from django.core.mail.message import make_msgid
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django_tasks import task

from .choices import EmailStatus
from .models.mail import OutgoingEmail

logger = logging.getLogger(__name__)

# EMAIL_TIMEOUT bounds each SMTP operation and odi_site.smtp six times it the whole conversation;
# a claim lasts longer than that, so a worker still sending always holds its claim.
CLAIM_TIMEOUTS = 10


def claim_seconds():
    """How long a worker holds a message it is sending; after that another may take it over."""
    return CLAIM_TIMEOUTS * settings.EMAIL_TIMEOUT


def sender_domain():
    """The From address's domain, for Message-IDs (make_msgid would otherwise look up this host's name)."""
    return parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "localhost"


def queue_email(record, *, kind, to, subject, body, reply_to="", attachment=None, headers=None):
    """Store a message about `record` and send it from the worker once the transaction commits.

    `attachment` is (file name, text, MIME type) or None; `headers` a dict of extra headers (the
    newsletter's List-Unsubscribe). Call inside the record's transaction.
    """
    name, content, mimetype = attachment or ("", "", "")
    message = OutgoingEmail.objects.create(
        content_type=ContentType.objects.get_for_model(record),
        object_id=record.pk,
        kind=kind,
        to=to,
        reply_to=reply_to,
        subject=subject,
        body=body,
        attachment_name=name,
        attachment=content,
        attachment_type=mimetype,
        headers=headers or {},
        message_id=make_msgid(domain=sender_domain()),
    )
    # robust: the record is committed either way; if the queue cannot take the task now, the
    # message stays pending and requeue_due_emails() enqueues it later.
    transaction.on_commit(lambda: enqueue_send(message.pk), robust=True)
    return message


def enqueue_send(message_id, run_after=None):
    queued = run_after or timezone.now()
    OutgoingEmail.objects.filter(pk=message_id).update(queued_at=queued)
    (send_email.using(run_after=run_after) if run_after else send_email).enqueue(message_id)


def resend(message):
    """A fresh copy of `message` (sent or failed) to go out again; the original stays as it was."""
    with transaction.atomic():
        return queue_email(
            message.record,
            kind=message.kind,
            to=message.to,
            reply_to=message.reply_to,
            subject=message.subject,
            body=message.body,
            attachment=(message.attachment_name, message.attachment, message.attachment_type)
            if message.attachment_name
            else None,
            headers=message.headers,
        )


@task()
def send_email(message_id):
    """Send one stored message; returns what happened ("sent", "retry", "failed" or "skipped")."""
    now = timezone.now()
    # The sent flag and the claim are checked and taken in one UPDATE, so a retried or duplicate
    # task, or a second worker, never sends a message twice.
    claimed = (
        OutgoingEmail.objects.filter(pk=message_id, status=EmailStatus.PENDING)
        .filter(Q(locked_until__isnull=True) | Q(locked_until__lt=now))
        .update(locked_until=now + timedelta(seconds=claim_seconds()), attempts=F("attempts") + 1)
    )
    if not claimed:
        return "skipped"
    message = OutgoingEmail.objects.get(pk=message_id)
    try:
        as_email_message(message).send()
    except Exception as error:  # noqa: BLE001  (SMTP, socket and TLS errors alike: recorded, then retried)
        return record_failure(message, error)
    OutgoingEmail.objects.filter(pk=message_id).update(
        status=EmailStatus.SENT, sent_at=timezone.now(), locked_until=None, last_error=""
    )
    return "sent"


def as_email_message(message):
    email = EmailMessage(
        subject=message.subject,
        body=message.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.to],
        reply_to=[message.reply_to] if message.reply_to else None,
        headers={**message.headers, "Message-ID": message.message_id},
    )
    if message.attachment_name:
        email.attach(message.attachment_name, message.attachment, message.attachment_type)
    return email


def is_permanent(error):
    """A 5xx answer (e.g. "user unknown") will not change on retry; timeouts and 4xx may."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _text in error.recipients.values())
    return isinstance(error, smtplib.SMTPResponseException) and error.smtp_code >= 500


def describe(error):
    code = getattr(error, "smtp_code", None)
    return f"{type(error).__name__} {code}" if code else type(error).__name__


def record_failure(message, error):
    now = timezone.now()
    attempts = message.attempts
    failed = is_permanent(error) or attempts >= settings.EMAIL_MAX_ATTEMPTS
    next_attempt = now + timedelta(seconds=settings.EMAIL_RETRY_DELAY * 2 ** (attempts - 1))
    OutgoingEmail.objects.filter(pk=message.pk).update(
        status=EmailStatus.FAILED if failed else EmailStatus.PENDING,
        next_attempt_at=next_attempt,
        locked_until=None,
        last_error=describe(error)[:200],
    )
    log = logger.error if failed else logger.warning
    log(
        "Email %s (%s) not sent on attempt %s: %s; %s",
        message.pk,
        message.kind,
        attempts,
        describe(error),
        "giving up" if failed else f"next try at {next_attempt:%Y-%m-%d %H:%M:%S}",
        extra={"email_id": message.pk, "attempts": attempts, "error": type(error).__name__},
    )
    if failed:
        return "failed"
    if send_email.get_backend().supports_defer:
        enqueue_send(message.pk, run_after=next_attempt)
    return "retry"


def requeue_due_emails():
    """Enqueue pending messages that are due and whose last task is older than a claim lasts.

    That covers a task lost with its worker (killed mid-send), a queue that refused the task
    after the record was committed, and retries on a backend that cannot defer tasks.
    """
    now = timezone.now()
    stale = now - timedelta(seconds=claim_seconds())
    due = (
        OutgoingEmail.objects.filter(status=EmailStatus.PENDING, next_attempt_at__lte=now)
        .filter(Q(locked_until__isnull=True) | Q(locked_until__lt=now))
        .filter(Q(queued_at__isnull=True) | Q(queued_at__lt=stale))
    )
    ids = list(due.values_list("pk", flat=True)[:500])
    for message_id in ids:
        enqueue_send(message_id)
    return len(ids)
