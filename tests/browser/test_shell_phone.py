"""The installable shell in Chromium: the service worker installs, and it answers (and stores)
only GET requests for the app's static files: never a page or a photo of a patient."""

import pytest

from tests.browser.axe import assert_accessible
from tests.factories import PASSWORD, AreaFactory, EntryFactory, UserFactory
from tests.photo_helpers import add_photo, storage_fixture  # noqa: F401

# Runs sw.js with a stand-in `self`, then sends it fetch events and records which it answered.
RUN_HANDLER = """async ([code, urls]) => {
  const listeners = {};
  const fakeSelf = {
    location: new URL(location.origin + "/sw.js"),
    addEventListener: (type, fn) => { listeners[type] = fn; },
  };
  const fakeCaches = { open: () => new Promise(() => {}) };
  const offline = () => Promise.reject("no network");
  new Function("self", "caches", "fetch", code)(fakeSelf, fakeCaches, offline);
  const answered = [];
  for (const [method, url] of urls) {
    let responded = false;
    const request = new Request(url, { method });
    listeners.fetch({ request, respondWith: () => { responded = true; } });
    if (responded) answered.push(method + " " + new URL(url).pathname);
  }
  return answered;
}"""


@pytest.fixture
def photo(transactional_db, storage):
    patient = UserFactory(email="sw.patient@example.com")
    entry = EntryFactory(area=AreaFactory(patient=patient))
    return add_photo(entry)


def test_fetch_handler_answers_only_static_gets(phone, photo):
    page = phone
    page.goto(page.base + "/accounts/login/")
    code = page.evaluate("() => fetch('/sw.js').then(r => r.text())")
    origin = page.base
    urls = [
        ["GET", f"{origin}/static/css/app.css"],
        ["GET", f"{origin}/static/bootstrap/js/bootstrap.bundle.min.js"],
        ["POST", f"{origin}/static/css/app.css"],
        ["GET", f"{origin}/"],
        ["GET", f"{origin}/areas/{photo.entry.area.code}/"],
        ["GET", f"{origin}/photos/{photo.code}/screen/"],
        ["GET", f"{origin}/kept-photos/{photo.code}/thumb/"],
        ["GET", f"{origin}/summary.pdf"],
        ["GET", "https://elsewhere.example/static/css/app.css"],
    ]
    answered = page.evaluate(RUN_HANDLER, [code, urls])
    assert answered == [
        "GET /static/css/app.css",
        "GET /static/bootstrap/js/bootstrap.bundle.min.js",
    ]


def test_installed_worker_caches_static_files_only(phone, photo):
    page = phone
    page.goto(page.base + "/accounts/login/")
    page.get_by_label("Email address").fill("sw.patient@example.com")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(page.base + "/")
    page.evaluate("() => navigator.serviceWorker.ready")
    page.reload()  # now controlled by the worker
    assert page.evaluate("() => !!navigator.serviceWorker.controller")
    for path in (f"/areas/{photo.entry.area.code}/", f"/photos/{photo.code}/"):
        page.goto(page.base + path)
        page.wait_for_load_state("networkidle")
    cached = page.evaluate(
        """async () => {
          const urls = [];
          for (const key of await caches.keys()) {
            const cache = await caches.open(key);
            for (const request of await cache.keys()) urls.push(new URL(request.url).pathname);
          }
          return urls;
        }"""
    )
    assert "/static/css/app.css" in cached
    assert cached and all(url.startswith("/static/") for url in cached), cached


def test_error_page_is_accessible_in_dark_mode(browser, live_server, axe, transactional_db):
    context = browser.new_context(viewport={"width": 360, "height": 740}, color_scheme="dark")
    page = context.new_page()
    response = page.goto(live_server.url + "/no-such-page/")
    assert response.status == 404
    assert page.evaluate("document.documentElement.dataset.bsTheme") == "dark"
    assert_accessible(page, what="404 in dark mode")
    page.goto(live_server.url + "/accounts/login/")
    assert_accessible(page, what="login in dark mode")
    context.close()
