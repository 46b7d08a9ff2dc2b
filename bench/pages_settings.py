"""Bench-only settings for bench_pages.py and bench_load.py: the app's settings, plus the bare
view's URL (pages_urls.py). Never used by the deployed site (its DJANGO_SETTINGS_MODULE is
tracker.settings, and bench/ is not a package the app imports)."""

from tracker.settings import *  # noqa: F403
from tracker.settings import STORAGES

ROOT_URLCONF = "bench.pages_urls"
# The pages are measured, not their stylesheets: plain static URLs spare a collectstatic run.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
