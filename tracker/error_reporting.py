"""Optional error reporting with Sentry (sentry-sdk), switched on by SENTRY_DSN alone.

Personal data stays out: ``send_default_pii=False``, no request bodies, no local variables in
stack frames, and ``scrub_event`` removes what could still carry health data or identify a
person (request body, cookies, query string, headers but a few, user fields, breadcrumb data,
SQL breadcrumbs) before anything leaves the server.
"""

from urllib.parse import urlsplit, urlunsplit

SAFE_HEADERS = {"content-type", "content-length", "x-request-id", "user-agent"}


def init(dsn, *, environment=None, release=None):
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        environment=environment or None,
        release=release or None,
        integrations=[DjangoIntegration()],
        send_default_pii=False,
        include_local_variables=False,
        max_request_body_size="never",
        traces_sample_rate=0,
        before_send=scrub_event,
        before_breadcrumb=scrub_breadcrumb,
    )


def scrub_event(event, hint=None):
    request = event.get("request")
    if request:
        for key in ("data", "cookies", "query_string", "env"):
            request.pop(key, None)
        if "url" in request:
            request["url"] = strip_query(request["url"])
        headers = request.get("headers") or {}
        request["headers"] = {k: v for k, v in headers.items() if k.lower() in SAFE_HEADERS}
    event.pop("user", None)
    crumbs = event.get("breadcrumbs")
    values = crumbs.get("values", []) if isinstance(crumbs, dict) else crumbs or []
    kept = [crumb for crumb in (scrub_breadcrumb(c) for c in values) if crumb is not None]
    if isinstance(crumbs, dict):
        crumbs["values"] = kept
    elif crumbs is not None:
        event["breadcrumbs"] = kept
    for exception in (event.get("exception") or {}).get("values", []):
        for frame in (exception.get("stacktrace") or {}).get("frames", []):
            frame.pop("vars", None)
    return event


def scrub_breadcrumb(crumb, hint=None):
    if crumb.get("category") in {"query", "http", "httplib"}:
        return None  # SQL values and URLs with query strings
    crumb.pop("data", None)
    return crumb


def strip_query(url):
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))
