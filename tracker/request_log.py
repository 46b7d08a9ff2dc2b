"""One log line per request, and a request id that ties every log line of a request together.

The line holds the request id, method, the URL pattern (``photos/<uuid:code>/<str:rendition>/``,
not the codes; the bare path, without its query string, when nothing matched), status and
duration. Never a query string, a form value, a name, an email or any health data. The id is
also sent back as the ``X-Request-ID`` header (a well-formed one from the proxy is kept).
"""

import logging
import re
import time
import uuid
from contextvars import ContextVar

from django.conf import settings

logger = logging.getLogger("tracker.requests")
request_id = ContextVar("request_id", default="-")
GOOD_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
MAX_PATH = 200


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        rid = incoming if GOOD_ID.match(incoming) else uuid.uuid4().hex
        # Set, not reset at the end: Django logs a 4xx/5xx ("Not Found: ...") after the last
        # middleware returns, and that line must carry the id too. The next request sets its own.
        request_id.set(rid)
        if settings.SENTRY_DSN:
            import sentry_sdk

            sentry_sdk.set_tag("request_id", rid)
        started = time.perf_counter()
        response = self.get_response(request)
        response["X-Request-ID"] = rid
        logger.info(
            "request",
            extra={
                "method": request.method,
                "path": path_template(request),
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - started) * 1000, 1),
            },
        )
        return response


def path_template(request):
    match = getattr(request, "resolver_match", None)
    if match is not None and match.route:
        return "/" + match.route.lstrip("^").rstrip("$")
    return request.path[:MAX_PATH]
