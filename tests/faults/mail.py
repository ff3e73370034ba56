"""A test-only e-mail backend for the fault tests: the real SMTP backend, then a pause.

After the mail server has ACCEPTED a message (the SMTP transaction is complete and the
connection closed), the backend writes the message's Message-ID to FAULT_ACCEPTED_FILE and then
waits until FAULT_RELEASE_FILE exists (or FAULT_HOLD_SECONDS pass). That holds the worker exactly
in the window between the server's acceptance and the sent mark, so a test can SIGKILL it there,
or cut its database connection, deterministically. Only the first message of the whole test
pauses: once FAULT_ACCEPTED_FILE exists, every later send (by this worker or a new one) is plain.
"""

import os
import time
from pathlib import Path

from django.core.mail.backends.smtp import EmailBackend as SMTPBackend


class AcceptThenPauseBackend(SMTPBackend):
    def send_messages(self, email_messages):
        sent = super().send_messages(email_messages)
        accepted = Path(os.environ["FAULT_ACCEPTED_FILE"])
        if sent and not accepted.exists():
            message_id = email_messages[0].extra_headers.get("Message-ID", "")
            partial = accepted.with_suffix(".partial")
            partial.write_text(message_id)
            partial.rename(accepted)  # the test never reads half a file
            release = os.environ.get("FAULT_RELEASE_FILE")
            deadline = time.monotonic() + float(os.environ.get("FAULT_HOLD_SECONDS", "120"))
            while time.monotonic() < deadline and not (release and Path(release).exists()):
                time.sleep(0.05)
        return sent
