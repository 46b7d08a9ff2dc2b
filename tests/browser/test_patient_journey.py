"""A new patient on a 360 px phone: sign up, add an area, log three entries."""

import datetime
import re

from django.utils import timezone

from tests.browser.conftest import assert_fits_phone
from tracker.models import Entry, User


def sign_up(page, email="new.patient@example.com"):
    page.goto(page.base + "/accounts/signup/")
    page.get_by_label("Your name").fill("Nia New")
    page.get_by_label("Email address").fill(email)
    page.get_by_label(re.compile(r"^\s*Password\*?\s*$")).fill("correct-horse-battery-staple")
    page.get_by_label("Password confirmation").fill("correct-horse-battery-staple")
    page.get_by_role("button", name="Create my account").click()
    page.wait_for_url("**/signup/sent/")
    # The emailed link: its token is in the #fragment, which the page posts.
    from django.core import mail

    link = re.search(r"http\S+/accounts/signup/confirm/#\S+", mail.outbox[-1].body).group(0)
    page.goto(page.base + link[link.index("/accounts/") :])
    page.wait_for_url("**/profile/")


def test_sign_up_add_area_and_log_three_entries(phone):
    page = phone
    sign_up(page)
    assert User.objects.filter(email="new.patient@example.com").exists()
    assert_fits_phone(page)

    page.goto(page.base + "/")
    page.get_by_role("link", name="Add an area to watch").first.click()
    page.get_by_label("Body area").select_option("scar_left")
    page.get_by_label("Short name").fill("Lump under left scar")
    page.get_by_role("button", name="Save").click()
    assert_fits_phone(page)

    today = timezone.localdate()
    for days_ago, size in ((20, "5"), (10, "6"), (0, "8")):
        if days_ago != 20:
            page.goto(page.base + "/")
            page.get_by_role("link", name="Log a check for Lump under left scar").click()
        page.get_by_label(re.compile(r"^\s*Date\*?\s*$")).fill(
            (today - datetime.timedelta(days=days_ago)).isoformat()
        )
        page.get_by_label("A new lump or bump").check()
        page.get_by_label("Longest size in mm").fill(size)
        page.get_by_role("button", name="Save check").click()
        page.get_by_text("Your check is saved.").first.wait_for()
        assert_fits_phone(page)

    assert Entry.objects.filter(area__patient__email="new.patient@example.com").count() == 3
    page.goto(page.base + "/")
    assert page.get_by_text(f"Last checked {today.strftime('%-d %B %Y')} (3 checks)").is_visible()
    # The area's card (the concerns in "Needs attention" above link to the area too).
    page.locator("a.area-link", has_text="Lump under left scar").click()
    assert page.locator("article.timeline-entry").count() == 3
    assert_fits_phone(page)


def test_future_date_is_refused_in_the_browser(phone):
    page = phone
    sign_up(page, email="future@example.com")
    page.goto(page.base + "/areas/new/")
    page.get_by_label("Body area").select_option("neck")
    page.get_by_label("Short name").fill("Neck spot")
    page.get_by_role("button", name="Save").click()
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    page.get_by_label(re.compile(r"^\s*Date\*?\s*$")).fill(tomorrow.isoformat())
    page.get_by_label("Notes").fill("typed text survives")
    page.get_by_role("button", name="Save check").click()
    assert page.get_by_text("This date is in the future").is_visible()
    assert page.get_by_label("Notes").input_value() == "typed text survives"
    assert not Entry.objects.exists()
