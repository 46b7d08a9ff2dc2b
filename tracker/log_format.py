"""Log formats (LOG_FORMAT): JSON lines for production, plain text for a terminal.

Only a fixed list of fields is written: a record's other attributes (Django attaches the whole
request to some) never reach the log. An exception is written as its traceback and type only:
its message can quote data (PostgreSQL's "Key (email)=(...) already exists").
"""

import json
import logging
import traceback
from datetime import UTC, datetime

from tracker.request_log import request_id

FIELDS = ("method", "path", "status", "duration_ms")


class RequestIdFilter(logging.Filter):
    """Stamp every record with the current request's id ("-" outside a request)."""

    def filter(self, record):
        record.request_id = request_id.get()
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record):
        line = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", "-"),
        }
        line.update({key: getattr(record, key) for key in FIELDS if hasattr(record, key)})
        if record.exc_info:
            line["exception"] = safe_exception(record.exc_info)
        return json.dumps(line, default=str)


class PlainFormatter(logging.Formatter):
    def format(self, record):
        text = f"{record.levelname} {record.name} [{getattr(record, 'request_id', '-')}] "
        text += record.getMessage()
        extra = " ".join(str(getattr(record, key)) for key in FIELDS if hasattr(record, key))
        text += f" {extra}" if extra else ""
        if record.exc_info:
            text += "\n" + safe_exception(record.exc_info)
        return text


def safe_exception(exc_info):
    """Where it happened and what type it was, without the messages (of it and its causes)."""
    _type, error, _tb = exc_info
    parts = []
    while error is not None:
        frames = "".join(traceback.format_tb(error.__traceback__))
        parts.append(f"Traceback (most recent call last):\n{frames}{type(error).__qualname__}")
        error = error.__cause__ or error.__context__
    return "\n\nwhile handling or caused by:\n".join(parts)
