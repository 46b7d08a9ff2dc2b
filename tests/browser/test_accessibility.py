"""axe-core on every main page, patient and clinician, at 360 px and at 1280 px: no serious or
critical violation anywhere (tests/browser/axe.py). Runs on the demo record, as `make run` shows it.
"""

import pytest
from django.utils import timezone

from education.loader import load_content
from monitoring.care.demo import load_demo_care
from tests.browser.axe import assert_accessible
from tests.browser.conftest import log_in
from tests.photo_helpers import storage_fixture  # noqa: F401
from tracker import demo

PUBLIC = [
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/signup/sent/",
    "/accounts/signup/confirm/",
    "/learn/",
    "/learn/signs/new_lump/",
]


@pytest.fixture
def demo_record(transactional_db, storage):
    load_content()
    return load_demo_care(today=timezone.localdate())


def patient_pages(patient):
    area = patient.areas.order_by("name").filter(entries__photos__isnull=False).first()
    photo = area.entries.filter(photos__isnull=False).first().photos.first()
    return [
        "/",
        f"/areas/{area.code}/",
        f"/areas/{area.code}/entries/new/",
        "/areas/new/",
        "/timeline/",
        "/to-raise/",
        "/summary/",
        "/profile/",
        "/sharing/",
        "/sharing/log/",
        f"/areas/{area.code}/compare/",
        f"/photos/{photo.code}/",
        f"/photos/{photo.code}/measure/",
        "/questions/",
        "/export/",
        "/reminders/",
        "/accounts/two-factor/",
        "/accounts/two-factor/setup/",
        "/accounts/delete/",
        "/accounts/sessions/",
        _log_day(patient),
    ]


def _log_day(patient):
    """The details of one person's day in "Who looked at my record" (the demo writes its rows)."""
    from django.utils import timezone

    from monitoring.models import AccessLogEntry

    row = AccessLogEntry.objects.filter(patient=patient).first()
    return f"/sharing/log/{timezone.localdate(row.at).isoformat()}/{row.actor_pseudonym}/"


def clinician_pages(patient):
    return [
        "/care/",
        f"/care/patients/{patient.code}/",
        f"/patients/{patient.code}/summary/",
        "/care/alerts/",
    ]


def visit_all(page, paths):
    for path in paths:
        response = page.goto(page.base + path)
        assert response.status == 200, path
        assert_accessible(page, what=f"{path} at {page.viewport_size['width']} px")


@pytest.mark.parametrize("width", ["phone", "desktop"])
def test_every_main_page_passes_axe(request, width, demo_record, axe):
    page = request.getfixturevalue(width)
    visit_all(page, PUBLIC)
    log_in(page, demo.PATIENT_EMAIL, demo.PATIENT_PASSWORD)
    visit_all(page, patient_pages(demo_record.patient))
    page.context.clear_cookies()
    log_in(page, demo.CLINICIAN_EMAIL, demo.CLINICIAN_PASSWORD, lands_on="/care/")
    visit_all(page, clinician_pages(demo_record.patient))


def test_patient_pages_pass_axe_at_night(browser, live_server, demo_record, axe):
    """Dark mode (the phone's setting): the same pages, the same bar."""
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, color_scheme="dark", is_mobile=True
    )
    page = context.new_page()
    page.base = live_server.url
    log_in(page, demo.PATIENT_EMAIL, demo.PATIENT_PASSWORD)
    assert page.evaluate("document.documentElement.dataset.bsTheme") == "dark"
    visit_all(page, patient_pages(demo_record.patient)[:6])
    context.close()
