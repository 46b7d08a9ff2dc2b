"""Every patient-log view: the owner succeeds, strangers get 404, anonymous users go to login,
and the wrong HTTP method is refused."""

import pytest
from django.urls import reverse

# (url name, object it is keyed by, methods it accepts, method that is refused)
OBJECT_VIEWS = [
    ("tracker:area_detail", "area", {"GET"}, "POST"),
    ("tracker:area_edit", "area", {"GET", "POST"}, "PUT"),
    ("tracker:area_resolve", "area", {"POST"}, "GET"),
    ("tracker:area_delete", "area", {"GET", "POST"}, "PUT"),
    ("tracker:entry_create", "area", {"GET", "POST"}, "PUT"),
    ("tracker:entry_saved", "entry", {"GET"}, "POST"),
    ("tracker:entry_edit", "entry", {"GET", "POST"}, "PUT"),
    ("tracker:entry_delete", "entry", {"GET", "POST"}, "PUT"),
    ("tracker:entry_use_photo_date", "entry", {"POST"}, "GET"),
]
OWN_VIEWS = [
    ("tracker:home", {"GET"}, "POST"),
    ("tracker:timeline", {"GET"}, "POST"),
    ("tracker:profile", {"GET", "POST"}, "PUT"),
    ("tracker:area_create", {"GET", "POST"}, "PUT"),
]


def object_url(name, area, entry):
    obj = {"area": area, "entry": entry}
    return lambda kind: reverse(name, kwargs={"code": obj[kind].code})


@pytest.mark.parametrize(("name", "kind", "methods", "refused"), OBJECT_VIEWS)
def test_owner_can_open(name, kind, methods, refused, patient_client, area, entry):
    url = object_url(name, area, entry)(kind)
    method = "get" if "GET" in methods else "post"
    response = getattr(patient_client, method)(url)
    assert response.status_code in (200, 302)


@pytest.mark.parametrize(("name", "kind", "methods", "refused"), OBJECT_VIEWS)
def test_strangers_get_404(name, kind, methods, refused, stranger_clients, area, entry):
    url = object_url(name, area, entry)(kind)
    for who, client in stranger_clients.items():
        for method in methods:
            response = getattr(client, method.lower())(url)
            assert response.status_code == 404, f"{who} {method} {name}"
    area.refresh_from_db()
    entry.refresh_from_db()
    assert area.resolved_at is None


@pytest.mark.parametrize(("name", "kind", "methods", "refused"), OBJECT_VIEWS)
def test_anonymous_is_sent_to_login(name, kind, methods, refused, client, area, entry):
    url = object_url(name, area, entry)(kind)
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize(("name", "kind", "methods", "refused"), OBJECT_VIEWS)
def test_wrong_method_is_refused(name, kind, methods, refused, patient_client, area, entry):
    url = object_url(name, area, entry)(kind)
    response = patient_client.generic(refused, url)
    assert response.status_code == 405


@pytest.mark.parametrize(("name", "methods", "refused"), OWN_VIEWS)
def test_own_views(name, methods, refused, patient_client):
    url = reverse(name)
    assert patient_client.get(url).status_code == 200
    assert patient_client.generic(refused, url).status_code == 405


@pytest.mark.parametrize(("name", "methods", "refused"), OWN_VIEWS)
def test_own_views_need_login(name, methods, refused, db, client):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_lists_show_only_my_own_areas_and_entries(patient_client, area, entry, other_patient):
    from tests.factories import AreaFactory, EntryFactory

    theirs = AreaFactory(patient=other_patient, name="Not yours at all")
    EntryFactory(area=theirs, notes="private note of someone else")
    home = patient_client.get(reverse("tracker:home")).content.decode()
    timeline = patient_client.get(reverse("tracker:timeline")).content.decode()
    assert area.name in home and "Not yours at all" not in home
    assert "private note of someone else" not in timeline
