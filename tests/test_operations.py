"""Operations: /healthz, the request log (a request id, no patient data, no query strings) and
the error-reporting scrubber."""

import datetime
import io
import json
import logging
import sys

import pytest
from django.core.files.storage import storages
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from tests.test_tracker_forms import entry_data
from tracker import error_reporting, health
from tracker.log_format import JsonFormatter, PlainFormatter, RequestIdFilter

# --- /healthz -------------------------------------------------------------------------------


def get_health(client):
    response = client.get("/healthz")
    return response.status_code, response.json()


def test_healthy_with_a_fresh_worker_heartbeat(client, db):
    health.beat()
    status, body = get_health(client)
    assert status == 200
    assert body == {"database": "ok", "storage": "ok", "worker": "ok"}


def test_no_worker_yet_is_unknown_but_healthy(client, db):
    assert get_health(client) == (200, {"database": "ok", "storage": "ok", "worker": "unknown"})


def test_a_stale_worker_is_unhealthy(client, db, settings):
    settings.WORKER_STALE_MINUTES = 5
    health.beat(at=timezone.now() - datetime.timedelta(minutes=6))
    assert get_health(client) == (503, {"database": "ok", "storage": "ok", "worker": "stale"})


def test_a_failing_database_is_unhealthy(client, db, monkeypatch):
    class Down:
        def cursor(self):
            raise connection.Database.OperationalError("down")

    monkeypatch.setattr(health, "connection", Down())
    status, body = get_health(client)
    assert status == 503 and body["database"] == "fail"


def test_a_store_that_cannot_be_written_is_unhealthy(client, db, settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "tracker.storage.PrivateFileStorage",
            "OPTIONS": {"location": tmp_path / "missing"},
        },
    }
    status, body = get_health(client)
    assert status == 503 and body["storage"] == "fail"
    (tmp_path / "missing").mkdir()
    assert get_health(client)[1]["storage"] == "ok"


def test_a_store_that_errors_is_unhealthy(client, db, monkeypatch):
    def broken(name):
        raise OSError("unreachable")

    monkeypatch.setattr(storages["default"], "exists", broken)
    assert get_health(client)[1]["storage"] == "fail"


def test_healthz_is_public_holds_no_data_and_is_never_cached(client, patient, entry):
    response = client.get("/healthz")
    assert response.status_code == 200  # no login needed
    assert set(response.json().values()) <= {"ok", "fail", "stale", "unknown"}
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    assert client.post("/healthz").status_code == 405


# --- the request log ------------------------------------------------------------------------


@pytest.fixture
def log_lines():
    """Everything logged during the test, formatted as production writes it (JSON lines)."""
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    root = logging.getLogger()
    root.addHandler(handler)
    yield lambda: [json.loads(line) for line in out.getvalue().splitlines()]
    root.removeHandler(handler)


def test_a_patient_page_logs_one_line_with_no_patient_data(
    patient_client, patient, area, entry, log_lines
):
    entry.notes = "a private note about my scar"
    entry.save()
    url = reverse("tracker:area_detail", args=[area.code]) + "?page=1&q=my-secret-search"
    response = patient_client.get(url, headers={"X-Request-ID": "from-proxy-1234"})
    assert response.status_code == 200
    assert response["X-Request-ID"] == "from-proxy-1234"
    [line] = [line for line in log_lines() if line["logger"] == "tracker.requests"]
    assert line["request_id"] == "from-proxy-1234"
    assert line["method"] == "GET" and line["status"] == 200
    assert line["path"] == "/areas/<uuid:code>/"  # the pattern, not the area's code
    assert isinstance(line["duration_ms"], float)
    text = json.dumps(log_lines())
    for private in (patient.full_name, patient.email, area.name, entry.notes, "secret", "?"):
        assert private not in text, private
    assert str(area.code) not in text


def test_saving_a_check_and_a_404_log_no_health_data(patient_client, area, log_lines):
    url = reverse("tracker:entry_create", args=[area.code])
    patient_client.post(url, entry_data(notes="lump hurts at night", size_mm="7"))
    patient_client.get("/no-such-page/?email=pat@example.com")
    lines = log_lines()
    assert [line["status"] for line in lines if line["logger"] == "tracker.requests"] == [302, 404]
    text = json.dumps(lines)
    assert "lump hurts" not in text and "pat@example.com" not in text and area.name not in text
    assert all(len(line["request_id"]) == 32 for line in lines)  # one id on every line


def test_an_untidy_request_id_is_replaced(client, db):
    response = client.get("/healthz", headers={"X-Request-ID": "bad id\nwith newline"})
    assert len(response["X-Request-ID"]) == 32 and "\n" not in response["X-Request-ID"]


def test_plain_format_for_a_terminal():
    record = logging.LogRecord("tracker.requests", logging.INFO, "", 0, "request", (), None)
    record.request_id, record.method, record.path, record.status = "abc", "GET", "/", 200
    assert PlainFormatter().format(record) == "INFO tracker.requests [abc] request GET / 200"


# --- error reporting ------------------------------------------------------------------------


def test_sentry_is_started_with_personal_data_off(monkeypatch):
    import sentry_sdk

    seen = {}
    monkeypatch.setattr(sentry_sdk, "init", lambda **kwargs: seen.update(kwargs))
    error_reporting.init("https://key@sentry.invalid/1", environment="test")
    assert seen["send_default_pii"] is False
    assert seen["include_local_variables"] is False
    assert seen["max_request_body_size"] == "never"
    assert seen["before_send"] is error_reporting.scrub_event


def test_the_scrubber_strips_everything_personal():
    event = {
        "request": {
            "url": "https://tracker.example.org/areas/x/?q=lump&email=pat@example.com",
            "method": "POST",
            "query_string": "q=lump",
            "data": {"notes": "lump hurts"},
            "cookies": {"sessionid": "abc"},
            "headers": {"Cookie": "sessionid=abc", "User-Agent": "Phone", "Referer": "/?q=x"},
            "env": {"REMOTE_ADDR": "10.0.0.1"},
        },
        "user": {"id": 3, "email": "pat@example.com", "ip_address": "10.0.0.1"},
        "breadcrumbs": {
            "values": [
                {"category": "query", "message": "SELECT ... 'lump hurts'"},
                {"category": "django.request", "message": "Not Found", "data": {"q": "x"}},
            ]
        },
        "exception": {
            "values": [{"stacktrace": {"frames": [{"function": "f", "vars": {"notes": "x"}}]}}]
        },
    }
    scrubbed = error_reporting.scrub_event(event)
    assert scrubbed["request"] == {
        "url": "https://tracker.example.org/areas/x/",
        "method": "POST",
        "headers": {"User-Agent": "Phone"},
    }
    assert "user" not in scrubbed
    assert scrubbed["breadcrumbs"]["values"] == [
        {"category": "django.request", "message": "Not Found"}
    ]
    assert scrubbed["exception"]["values"][0]["stacktrace"]["frames"] == [{"function": "f"}]
    text = json.dumps(scrubbed)
    assert "lump" not in text and "pat@example.com" not in text and "sessionid" not in text


def test_an_exception_is_logged_without_its_message():
    email = "pat@" + "example.com"  # built, so the traceback's source lines do not quote it
    try:
        try:
            raise KeyError(email)
        except KeyError as error:
            raise ValueError(f"Key (email)=({email}) already exists") from error
    except ValueError:
        record = logging.LogRecord(
            "django.request", logging.ERROR, "", 0, "Internal Server Error: /x/", (), sys.exc_info()
        )
    for formatter in (JsonFormatter(), PlainFormatter()):
        text = formatter.format(record)
        assert "ValueError" in text and "KeyError" in text and "test_operations.py" in text
        assert email not in text
