"""Log formats (LOG_FORMAT): JSON lines for production, plain text for a terminal.

Only a fixed list of fields is written: a record's other attributes (Django attaches the whole
request to some) never reach the log.
"""

import json
import logging
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
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, default=str)


class PlainFormatter(logging.Formatter):
    def format(self, record):
        text = f"{record.levelname} {record.name} [{getattr(record, 'request_id', '-')}] "
        text += record.getMessage()
        extra = " ".join(str(getattr(record, key)) for key in FIELDS if hasattr(record, key))
        text += f" {extra}" if extra else ""
        if record.exc_info:
            text += "\n" + self.formatException(record.exc_info)
        return text
