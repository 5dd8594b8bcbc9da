"""Django's SMTP backend with a limit on the whole conversation, not only on each read.

EMAIL_TIMEOUT bounds each socket operation, so a server that answers one byte at a time (or a
greeting that never ends) could hold a worker for ever, and outlive the claim the worker holds
on the message (pages.mail): another worker would then send it again. Here a watchdog shuts the
socket after CONVERSATION_TIMEOUTS × EMAIL_TIMEOUT, which the send sees as a lost connection
and retries later.
"""

import contextlib
import smtplib
import socket
import threading

from django.conf import settings
from django.core.mail.backends import smtp

# Less than pages.mail.CLAIM_TIMEOUTS, so a claim always outlives the send that holds it.
CONVERSATION_TIMEOUTS = 6


class ConversationDeadlineMixin:
    def __init__(self, *args, **kwargs):
        self._watchdog = None
        super().__init__(*args, **kwargs)

    def getreply(self):
        # The first reply is the greeting, read right after the socket connected.
        if self._watchdog is None and self.sock is not None:
            self._watchdog = threading.Timer(CONVERSATION_TIMEOUTS * settings.EMAIL_TIMEOUT, self._cut_off)
            self._watchdog.daemon = True
            self._watchdog.start()
        return super().getreply()

    def _cut_off(self):
        sock = self.sock
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    def close(self):
        if self._watchdog is not None:
            self._watchdog.cancel()
        super().close()


class DeadlineSMTP(ConversationDeadlineMixin, smtplib.SMTP):
    pass


class DeadlineSMTPSSL(ConversationDeadlineMixin, smtplib.SMTP_SSL):
    pass


class EmailBackend(smtp.EmailBackend):
    @property
    def connection_class(self):
        return DeadlineSMTPSSL if self.use_ssl else DeadlineSMTP
