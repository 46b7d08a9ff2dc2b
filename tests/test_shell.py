"""The page shell: the menu marks the current page, error pages in the app's design (no debug
page), the web app manifest and a service worker that caches only static files."""

import json
import re

import pytest
from django.test import Client
from django.urls import path
from django.views.defaults import server_error

from tracker import urls as tracker_urls


def raise_error(request):
    raise RuntimeError("boom")


urlpatterns = [*tracker_urls.urlpatterns, path("boom/", raise_error)]


def test_menu_marks_the_current_page(patient_client):
    html = patient_client.get("/timeline/").content.decode()
    assert re.search(r'<a class="nav-link active" aria-current="page" href="/timeline/">', html)
    assert html.count("aria-current=") == 1


def test_area_pages_mark_my_skin_as_their_section(patient_client, area):
    html = patient_client.get(f"/areas/{area.code}/").content.decode()
    assert re.search(r'aria-current="true" href="/">My skin', html)


def test_logged_out_pages_mark_log_in(client):
    html = client.get("/accounts/login/").content.decode()
    assert 'aria-current="page" href="/accounts/login/">Log in' in html


@pytest.mark.parametrize("url", ["/no-such-page/", "/areas/00000000-0000-0000-0000-000000000000/"])
def test_not_found_is_our_page_not_the_debug_page(patient_client, settings, url):
    settings.DEBUG = False
    response = patient_client.get(url)
    assert response.status_code == 404
    html = response.content.decode()
    assert "We could not find this page" in html and "This app does not diagnose." in html
    assert "Traceback" not in html and "URLconf" not in html


def test_server_error_page_needs_no_database_and_no_login(rf):
    # No db fixture: pytest-django makes any database access here an error.
    response = server_error(rf.get("/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong on our side" in html
    assert "Log in" in html  # the logged-out menu: nobody's session was read


@pytest.mark.urls(__name__)
def test_an_exception_shows_the_500_page(patient, settings):
    settings.DEBUG = False
    client = Client(raise_request_exception=False)
    client.force_login(patient)
    response = client.get("/boom/")
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()


def test_csrf_failure_is_our_403_page(patient):
    client = Client(enforce_csrf_checks=True)
    client.force_login(patient)
    response = client.post("/profile/", {})
    assert response.status_code == 403
    assert "The form had expired" in response.content.decode()


def test_bad_request_page(client, settings):
    settings.DEBUG = False
    response = client.get("/", HTTP_HOST="bad host name")
    assert response.status_code == 400
    assert "We could not read that request" in response.content.decode()


def test_manifest_is_public_and_lists_icons(client):
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    data = json.loads(response.content)
    assert data["start_url"] == "/" and data["display"] == "standalone"
    sizes = {icon["sizes"] for icon in data["icons"]}
    assert {"any", "192x192", "512x512"} <= sizes
    for icon in data["icons"]:
        assert client.get(icon["src"]).status_code == 200


def test_service_worker_only_handles_static_gets(client, settings):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Cache-Control"] == "no-cache"
    code = response.content.decode()
    assert f'var STATIC_PREFIX = "{settings.STATIC_URL}"' in code
    # The only respondWith is behind the static-GET test (the browser test runs the handler).
    assert code.count("respondWith") == 1
    assert "if (!isAppStatic(event.request)) return;" in code
    assert 'request.method !== "GET"' in code


def test_every_page_links_the_manifest_and_the_worker(client):
    html = client.get("/accounts/login/").content.decode()
    assert '<link rel="manifest" href="/manifest.webmanifest">' in html
    assert 'data-service-worker="/sw.js"' in html
