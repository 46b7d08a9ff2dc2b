"""Tiny helpers that read settings from the environment and fail loudly (ImproperlyConfigured)
on a value they cannot use. Used by tracker/settings.py, the one settings module."""

import os

from django.core.exceptions import ImproperlyConfigured


def env(name, default=""):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def env_int(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


def env_list(name, default=()):
    value = os.environ.get(name, "")
    return [item.strip() for item in value.split(",") if item.strip()] or list(default)


def env_secret(name, *, debug, debug_default):
    """A secret that production must set; DEBUG (local demo) falls back to a fixed dev value."""
    value = os.environ.get(name, "")
    if value:
        return value
    if debug:
        return debug_default
    raise ImproperlyConfigured(
        f"{name} is not set. Set it in the environment, or set DEBUG=true for local use only."
    )
