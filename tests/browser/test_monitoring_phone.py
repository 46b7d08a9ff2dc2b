"""The monitoring pages of the demo patient on a 360 px phone: they fit, urgent comes first."""

import pytest
from django.utils import timezone

from tests.browser.conftest import assert_fits_phone
from tests.factories import EntryFactory
from tracker import demo
from tracker.models import Profile


@pytest.fixture
def demo_patient(transactional_db):
    accounts = demo.load_demo(today=timezone.localdate())
    return accounts.patient


def log_in(page):
    page.goto(page.base + "/accounts/login/")
    page.get_by_label("Email address").fill(demo.PATIENT_EMAIL)
    page.get_by_label("Password").fill(demo.PATIENT_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(page.base + "/")


def test_monitoring_pages_fit_a_phone(phone, demo_patient):
    page = phone
    page.goto(page.base + "/rules/")  # public
    assert page.get_by_text("possible_infection").first.is_visible()
    assert_fits_phone(page)

    urgent = EntryFactory(
        area=demo_patient.areas.first(), signs=["red_patch", "fever"], change="new"
    )
    assert Profile.objects.get(user=demo_patient).care_team_phone
    log_in(page)
    concern = urgent.concerns.first()
    for path in (
        "/",
        "/to-raise/",
        f"/entries/{urgent.code}/",
        "/timeline/",
        f"/concerns/{concern.code}/",
    ):
        page.goto(page.base + path)
        assert_fits_phone(page)
    page.goto(page.base + f"/entries/{urgent.code}/")
    alert = page.get_by_role("alert")
    assert "Contact your care team today" in alert.inner_text()
    assert alert.get_by_role("link").first.get_attribute("href").startswith("tel:")
