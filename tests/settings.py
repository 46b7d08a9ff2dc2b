"""Test settings: the real settings module, with fast hashing and in-memory file storage."""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-not-a-secret")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("SECURE_COOKIES", "false")

from tracker.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Serve static files from the finders, as `runserver` does: tests never run collectstatic.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# The same databases through test-only backends that lift the access log's seal around the test
# runner's flush (tests/db/); every other statement meets the seal as in production.
DATABASES["default"]["ENGINE"] = {  # noqa: F405
    "django.db.backends.sqlite3": "tests.db.sqlite3",
    "django.db.backends.postgresql": "tests.db.postgresql",
}[DATABASES["default"]["ENGINE"]]  # noqa: F405
