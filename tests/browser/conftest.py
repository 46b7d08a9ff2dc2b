"""Real-browser tests: Playwright drives Debian's Chromium (Playwright cannot download browsers
here). Without /usr/bin/chromium these tests skip with a visible reason, unless
REQUIRE_BROWSER_TESTS is set (CI), where a missing browser is an error."""

import os
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
CHROMIUM_ARGS = [
    # A fake camera (a moving test pattern) that needs no permission prompt.
    "--use-fake-device-for-media-stream",
    "--use-fake-ui-for-media-stream",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        message = f"Chromium not found at {CHROMIUM}: install it with `apt-get install chromium`."
        if os.environ.get("REQUIRE_BROWSER_TESTS"):
            pytest.fail(message)
        pytest.skip(message)
    # Playwright's sync API runs an event loop in this thread; Django's ORM calls from the test
    # body are still synchronous, so tell Django that is intended.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def axe():
    """axe-core's source, downloaded once per session (see tests/browser/axe.py)."""
    from tests.browser.axe import axe_source

    return axe_source()


def _new_page(browser, live_server, **options):
    context = browser.new_context(**options)
    context.grant_permissions(["camera"], origin=live_server.url)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.base = live_server.url
    # Anything the Content Security Policy blocks is a broken feature for the user: fail on it.
    blocked = []
    page.on(
        "console",
        lambda message: (
            blocked.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return context, page, blocked


@pytest.fixture
def phone(browser, live_server):
    """A fresh 360 px wide page with the live server's address as `phone.base`."""
    context, page, blocked = _new_page(
        browser, live_server, viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True
    )
    yield page
    context.close()
    assert not blocked, f"the page broke its Content Security Policy: {blocked}"


@pytest.fixture
def desktop(browser, live_server):
    """A fresh 1280 px wide page (a clinician's or a patient's computer), like `phone`."""
    context, page, blocked = _new_page(browser, live_server, viewport=DESKTOP)
    yield page
    context.close()
    assert not blocked, f"the page broke its Content Security Policy: {blocked}"


def assert_fits_phone(page):
    """Nothing on the page is wider than the phone's screen (no sideways scrolling)."""
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"page is {overflow}px wider than a 360px phone"


def log_in(page, email, password=None, *, lands_on="/"):
    """Log in through the login page (password: the factories' one unless given). Patients land
    on home; clinicians without areas of their own on their triage list (`lands_on="/care/"`)."""
    if password is None:
        from tests.factories import PASSWORD

        password = PASSWORD
    page.goto(page.base + "/accounts/login/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()
    if "/accounts/two-factor/" in page.url:
        second_step(page, email)
    page.wait_for_url(page.base + lands_on)


def second_step(page, email):
    """Clinicians and staff: set up the authenticator on first login (reading the key off the
    page, as a person types it into an app), or type a recovery code on later ones (an
    authenticator code can be used once only, and tests log in more often than every 30 s)."""
    from base64 import b32decode

    from django_otp.oath import totp
    from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

    if page.url.split("?")[0].endswith("/setup/"):
        secret = page.get_by_test_id("totp-secret").inner_text().replace(" ", "")
        key = b32decode(secret + "=" * (-len(secret) % 8))
        page.get_by_label("The 6-digit code your app shows now").fill(f"{totp(key):06d}")
        page.get_by_role("button", name="Turn it on").click()
        page.get_by_role("link", name="I have kept them").click()
        return
    device = StaticDevice.objects.get(user__email__iexact=email)
    token = StaticToken.random_token()
    StaticToken.objects.create(device=device, token=token)
    page.get_by_label("Code").fill(token)
    page.get_by_role("button", name="Continue").click()
