"""The installable shell: the web app manifest and the service worker (both public).

The service worker caches only the app's own static files (`STATIC_URL`), never a page, a photo
or anything else that could hold patient data: its fetch handler ignores every request that is
not a GET under `STATIC_URL` on this origin, and the browser then fetches it as usual.
"""

import hashlib

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

# The files the app needs on every page: fetched when the worker installs.
SHELL_FILES = (
    "bootstrap/css/bootstrap.min.css",
    "bootstrap/js/bootstrap.bundle.min.js",
    "css/app.css",
    "js/app.js",
    "js/theme.js",
    "icons/icon.svg",
)


@login_not_required
@require_safe
def manifest(request):
    data = {
        "name": _("Skin Change Tracker"),
        "short_name": _("My skin"),
        "description": _("Log, photograph and review skin changes, with your care team."),
        "start_url": reverse("tracker:home"),
        "scope": "/",
        "display": "standalone",
        "background_color": "#f4f7f8",
        "theme_color": "#1d5c7a",
        "icons": [
            {"src": static("icons/icon.svg"), "sizes": "any", "type": "image/svg+xml"},
            {"src": static("icons/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("icons/icon-512.png"), "sizes": "512x512", "type": "image/png"},
            {
                "src": static("icons/icon-maskable-512.png"),
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "maskable",
            },
        ],
    }
    return JsonResponse(data, content_type="application/manifest+json")


@login_not_required
@require_safe
def service_worker(request):
    shell = [static(name) for name in SHELL_FILES]
    # A new version (new cache) whenever a shell file's hashed name changes in production.
    version = hashlib.sha256("\n".join(shell).encode()).hexdigest()[:12]
    response = render(
        request,
        "pwa/sw.js",
        {"static_prefix": settings.STATIC_URL, "shell": shell, "version": version},
        content_type="text/javascript",
    )
    # Browsers check for a new worker on each visit; never serve a stale one from a cache.
    response["Cache-Control"] = "no-cache"
    return response
