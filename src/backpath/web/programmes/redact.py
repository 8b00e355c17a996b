"""A logging filter that takes patient-link tokens out of every log line.

Django logs the path of a 404 or 400 (``Not Found: /p/<token>/``), and the development server
logs every request line; a token in a log would open the patient's programme for whoever reads
the logs. The filter sits on the handlers, so it covers every logger that writes through them.
"""

from __future__ import annotations

import logging
import re

__all__ = ["RedactLinkTokens", "redact"]

_TOKEN = re.compile(r"/p/[^/\s\"?#]+")


def redact(text: str) -> str:
    return _TOKEN.sub("/p/<token>", text)


class RedactLinkTokens(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if "/p/" in message:
            record.msg, record.args = redact(message), None
        return True
