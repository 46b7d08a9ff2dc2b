"""The summary as a PDF, made by WeasyPrint from the same document template as the page.

WeasyPrint fetches every image and stylesheet through `SummaryURLFetcher`, which serves only two
internal schemes and refuses everything else (http, https, file, data, ftp, ...):

- ``static:<path>``: one of the app's own static files, found by the staticfiles finders (or the
  collected static storage), e.g. ``static:css/summary.css``;
- ``photo:<code>/screen``: the screen rendition of one of the photos this summary shows, looked up
  through ``tracker.access.get_photo_for_user`` for the reader (grants apply; a read by someone
  other than the patient is logged), checked to belong to the summary's patient, and read through
  the storage API.

Patient text never becomes a URL: the template escapes it, so a note holding ``<img src=...>`` is
text. The fetcher is the second wall: even a URL it was never meant to see is refused.
"""

from __future__ import annotations

import mimetypes
import re

from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.files.storage import default_storage
from django.http import Http404
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from monitoring.summary.build import PHOTO_SCHEME, STATIC_SCHEME
from tracker.access import get_photo_for_user

# Static files the PDF may use: stylesheets, fonts and images of the app itself.
STATIC_PATH = re.compile(r"^[A-Za-z0-9_-]+(?:/[A-Za-z0-9_.-]+)*\.(?:css|svg|png|jpg|woff2?)$")
PHOTO_PATH = re.compile(
    r"^(?P<code>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/screen$"
)
# Photos print at most about 65 mm tall: WeasyPrint resamples the screen rendition (1600 px) to
# 300 dpi at its printed size (about 1000 px wide) and re-encodes it at the app's screen quality.
# bench/bench_summary.py: 0.2 MB instead of 1.2 MB for the same summary, for 0.2 s more.
PDF_OPTIONS = {"dpi": 300, "jpeg_quality": 85}


class RefusedURL(ValueError):
    """WeasyPrint asked for a URL the summary may not fetch."""


class SummaryURLFetcher(URLFetcher):
    """Serves the app's static files and this summary's photos; refuses every other URL."""

    def __init__(self, *, request, patient, photo_codes):
        # No network handler is ever used: `fetch` below answers or raises.
        super().__init__(allowed_protocols=("static", "photo"))
        self.request = request
        self.patient = patient
        self.photo_codes = frozenset(str(code) for code in photo_codes)
        self.requested = []  # every URL WeasyPrint asked for (tests read it)
        self.refused = []

    def fetch(self, url, headers=None):
        self.requested.append(url)
        if url.startswith(STATIC_SCHEME):
            return self._static(url, url.removeprefix(STATIC_SCHEME))
        if url.startswith(PHOTO_SCHEME):
            return self._photo(url, url.removeprefix(PHOTO_SCHEME))
        return self._refuse(url)

    def _refuse(self, url):
        self.refused.append(url)
        raise RefusedURL(f"The summary does not fetch {url[:80]!r}.")

    def _static(self, url, path):
        if not STATIC_PATH.match(path) or ".." in path.split("/"):
            return self._refuse(url)
        found = finders.find(path)
        if found:
            with open(found, "rb") as file:
                body = file.read()
        elif staticfiles_storage.exists(path):
            with staticfiles_storage.open(path) as file:
                body = file.read()
        else:
            return self._refuse(url)
        content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body, headers={"Content-Type": content_type})

    def _photo(self, url, rest):
        match = PHOTO_PATH.match(rest)
        if not match or match["code"] not in self.photo_codes:
            return self._refuse(url)
        try:
            photo = get_photo_for_user(self.request, match["code"])
        except Http404:
            return self._refuse(url)
        if photo.entry.area.patient_id != self.patient.pk:
            return self._refuse(url)
        with default_storage.open(photo.screen_name, "rb") as file:
            body = file.read()
        return URLFetcherResponse(url, body, headers={"Content-Type": "image/jpeg"})


def render_summary_pdf(*, summary, request, patient, context, fetcher=None):
    """The PDF bytes of `summary` (the same document template as the page, in PDF mode)."""
    html = render_to_string("monitoring/summary/pdf.html", {**context, "summary": summary})
    fetcher = fetcher or SummaryURLFetcher(
        request=request, patient=patient, photo_codes=summary.photo_codes
    )
    return HTML(string=html, url_fetcher=fetcher, base_url=None).write_pdf(**PDF_OPTIONS)
