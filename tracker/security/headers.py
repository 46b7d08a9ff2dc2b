"""Headers on every response: private pages are never stored by a browser or a proxy, no page may
use a device feature but the camera, and no other site may embed our files."""

# The camera is for taking photos of the skin, on our own pages only; every other powerful
# feature is off. Passkeys (publickey-credentials-*) keep their default: our own pages only.
PERMISSIONS_POLICY = ", ".join(
    ["camera=(self)"]
    + [
        f"{feature}=()"
        for feature in (
            "accelerometer",
            "autoplay",
            "bluetooth",
            "browsing-topics",
            "display-capture",
            "geolocation",
            "gyroscope",
            "hid",
            "magnetometer",
            "microphone",
            "midi",
            "payment",
            "screen-wake-lock",
            "serial",
            "usb",
            "xr-spatial-tracking",
        )
    ]
)


class PrivacyHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            # A shared or public computer must not keep a copy of anyone's record (ASVS V8.2.1).
            if "no-store" not in response.get("Cache-Control", ""):
                response["Cache-Control"] = "no-store, private"
            response.headers.pop("Expires", None)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response
