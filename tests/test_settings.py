"""Start-up with DEBUG off: a missing SECRET_KEY or ALLOWED_HOSTS stops it with a clear message.

Each case runs `manage.py check` in a fresh process with the real settings (tracker.settings),
because settings are read once per process.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Variables the settings read that must not leak in from the test run or the shell.
CLEARED = ("DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "DJANGO_SETTINGS_MODULE")


def manage_check(tmp_path, **variables):
    environ = {k: v for k, v in os.environ.items() if k not in CLEARED}
    environ.update(DJANGO_SETTINGS_MODULE="tracker.settings", DATA_DIR=str(tmp_path), **variables)
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("debug", [None, "false"])
def test_missing_secret_key_stops_start_up(tmp_path, debug):
    variables = {"ALLOWED_HOSTS": "tracker.example.org"}
    if debug is not None:
        variables["DEBUG"] = debug
    result = manage_check(tmp_path, **variables)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY is not set" in result.stderr


def test_missing_allowed_hosts_stops_start_up(tmp_path):
    result = manage_check(tmp_path, SECRET_KEY="a-long-random-production-secret")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "ALLOWED_HOSTS is not set" in result.stderr


def test_production_starts_when_both_are_set(tmp_path):
    result = manage_check(
        tmp_path,
        SECRET_KEY="a-long-random-production-secret",
        ALLOWED_HOSTS="tracker.example.org",
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_local_demo_mode_needs_no_configuration(tmp_path):
    result = manage_check(tmp_path, DEBUG="true")
    assert result.returncode == 0, result.stderr
