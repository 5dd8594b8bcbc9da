"""A loopback SMTP server for fault tests, switchable between the ways real ones fail.

Modes: "accept" (a minimal, correct SMTP exchange; each message is recorded when it gets its
final 250), "hang" (accepts the connection and never says a word), "trickle" (a greeting that
never ends, one line at a time, so no single read ever times out) and "refuse" (nothing
listens: connections are refused).
"""

import socket
import threading
import time
from email import message_from_bytes


class FakeSMTPServer:
    def __init__(self):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.mode = "accept"
        self.messages = []
        self.connections = 0
        self.connected = threading.Event()
        self._listener = None
        self._stopping = threading.Event()
        self._lock = threading.Lock()

    # -- control ---------------------------------------------------------------------------------
    def start(self, mode="accept"):
        self.mode = mode
        if mode == "refuse":
            self._close_listener()
        elif self._listener is None:
            listener = socket.socket()
            listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            listener.bind(("127.0.0.1", self.port))
            listener.listen(16)
            self._listener = listener
            threading.Thread(target=self._accept_loop, args=(listener,), daemon=True).start()
        return self

    def stop(self):
        self._stopping.set()
        self._close_listener()

    def message_ids(self):
        with self._lock:
            return [message["Message-ID"] for message in self.messages]

    # -- serving -------------------------------------------------------------------------------
    def _close_listener(self):
        if self._listener is not None:
            self._listener.close()
            self._listener = None

    def _accept_loop(self, listener):
        while not self._stopping.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            with self._lock:
                self.connections += 1
            self.connected.set()
            threading.Thread(target=self._serve, args=(conn, self.mode), daemon=True).start()

    def _serve(self, conn, mode):
        with conn:
            try:
                if mode == "hang":
                    while not self._stopping.wait(0.2):
                        pass
                    return
                if mode == "trickle":
                    while not self._stopping.is_set():
                        conn.sendall(b"220-still saying hello\r\n")
                        time.sleep(0.3)
                    return
                self._converse(conn)
            except OSError:
                return

    def _converse(self, conn):
        stream = conn.makefile("rb")
        conn.sendall(b"220 fake ESMTP\r\n")
        while True:
            line = stream.readline()
            if not line:
                return
            command = line.strip().upper()
            if command.startswith((b"EHLO", b"HELO")):
                conn.sendall(b"250 fake\r\n")
            elif command == b"DATA":
                conn.sendall(b"354 end with .\r\n")
                data = []
                while (chunk := stream.readline()) not in (b".\r\n", b""):
                    data.append(chunk[1:] if chunk.startswith(b"..") else chunk)
                with self._lock:
                    self.messages.append(message_from_bytes(b"".join(data)))
                conn.sendall(b"250 queued\r\n")
            elif command == b"QUIT":
                conn.sendall(b"221 bye\r\n")
                return
            else:  # MAIL, RCPT, RSET, NOOP
                conn.sendall(b"250 ok\r\n")
