"""The client's real address behind TRUSTED_PROXY_COUNT reverse proxies (README: Behind a reverse
proxy). Each proxy appends the address it received the request from to X-Forwarded-For, so the
client is the entry TRUSTED_PROXY_COUNT places from the right; anything further left was sent by
the client and is not trusted. REMOTE_ADDR is set to it, for the access log and the throttles."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_ipv46_address


def client_address(meta, proxies: int) -> str | None:
    if proxies <= 0:
        return meta.get("REMOTE_ADDR")
    hops = [part.strip() for part in meta.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    hops = [hop for hop in hops if hop]
    if len(hops) < proxies:
        return meta.get("REMOTE_ADDR")  # not through the expected proxies: keep the peer
    candidate = hops[-proxies]
    try:
        validate_ipv46_address(candidate)
    except ValidationError:
        return meta.get("REMOTE_ADDR")
    return candidate


class TrustedProxyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if proxies := settings.TRUSTED_PROXY_COUNT:
            request.META["REMOTE_ADDR"] = client_address(request.META, proxies)
        return self.get_response(request)
