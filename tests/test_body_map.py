"""The body map: every place drawn on the right side, pins where the patient tapped, coloured by
the area's most urgent open finding, radiation fields shaded."""

import re

import pytest
from django.urls import reverse

from education.vocabulary import Site
from tests.factories import AreaFactory, EntryFactory
from tests.photo_helpers import storage_fixture  # noqa: F401
from tracker import body_map
from tracker.models import Profile, WatchedArea


def test_every_site_but_other_has_a_place_on_the_map():
    drawn = {region.site for region in body_map.REGIONS}
    assert drawn == set(Site.codes()) - {"other"}
    assert set(body_map.CENTRES) == set(Site.codes())


@pytest.mark.parametrize("site", [s for s in Site.codes() if s.endswith("_left")])
def test_left_is_the_patients_left_in_both_views(site):
    for region in body_map.REGIONS:
        if region.site != site:
            continue
        x = region.centre[0]
        if x < body_map.WIDTH / 2:  # front view: the patient's left is on the viewer's right
            assert x > body_map.FRONT_X, site
        else:  # back view: the patient's left is on the viewer's left
            assert x < body_map.BACK_X, site


def test_svg_escapes_every_text_and_draws_pins():
    svg = body_map.body_map_svg(
        title="<script>", labels={"neck": "Neck & <b>"}, pins=[body_map.Pin(10, 20, 1, "urgent")]
    )
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert "Neck &amp; &lt;b&gt;" in svg
    assert 'data-urgency="urgent"' in svg and 'fill="#a61e2d"' in svg


def test_pin_falls_back_to_the_sites_place():
    assert body_map.pin_position("neck", None, None) == body_map.CENTRES["neck"]
    assert body_map.pin_position("neck", 12, 34) == (12.0, 34.0)
    assert body_map.pin_position("neck", -5, 34) == body_map.CENTRES["neck"]


def test_area_form_saves_the_tapped_pin(patient_client):
    response = patient_client.post(
        reverse("tracker:area_create"),
        {"site": "breast_left", "name": "Dimple", "pin_x": "85.5", "pin_y": "96"},
    )
    assert response.status_code == 302
    area = WatchedArea.objects.get()
    assert (area.site, area.pin) == ("breast_left", (85.5, 96.0))


def test_pin_off_the_map_is_dropped(patient_client):
    patient_client.post(
        reverse("tracker:area_create"),
        {"site": "neck", "name": "Spot", "pin_x": "9999", "pin_y": "1"},
    )
    area = WatchedArea.objects.get()
    assert area.pin_x is None and area.pin == body_map.CENTRES["neck"]


def test_changing_the_site_from_the_list_drops_the_old_pin(patient_client, area):
    area.pin_x, area.pin_y = 90, 100
    area.save()
    url = reverse("tracker:area_edit", args=[area.code])
    patient_client.post(url, {"site": "neck", "name": area.name, "pin_x": "90", "pin_y": "100"})
    area.refresh_from_db()
    assert area.site == "neck" and area.pin_x is None


def test_area_form_shows_the_map_and_keeps_the_list(patient_client):
    html = patient_client.get(reverse("tracker:area_create")).content.decode()
    assert 'class="body-map is-interactive"' in html
    assert 'data-site="supraclavicular_left"' in html
    assert '<select name="site"' in html


def test_profile_marks_radiation_and_the_map_shades_it(patient_client, patient, area):
    response = patient_client.post(
        reverse("tracker:profile"), {"radiation_sites": ["chest_wall_left", "armpit_left"]}
    )
    assert response.status_code == 302
    assert Profile.objects.get(user=patient).radiation_sites == ["chest_wall_left", "armpit_left"]
    html = patient_client.get(reverse("tracker:home")).content.decode()
    assert html.count("bm-region bm-rect bm-shaded") == 1  # the left chest wall
    assert html.count("bm-region bm-ellipse bm-shaded") == 1  # the left armpit
    assert "Shaded: had radiation" in html


def test_profile_refuses_unknown_radiation_places(patient_client):
    response = patient_client.post(reverse("tracker:profile"), {"radiation_sites": ["moon"]})
    assert "Please choose from the list." in response.content.decode()


def test_home_pins_are_coloured_by_the_most_urgent_open_flag(patient_client, patient):
    urgent = AreaFactory(patient=patient, name="A urgent", site="chest_wall_left")
    EntryFactory(area=urgent, signs=["red_patch", "fever"], change="new")
    quiet = AreaFactory(patient=patient, name="B quiet", site="neck")
    EntryFactory(area=quiet, signs=[], change="same")
    AreaFactory(patient=patient, name="C gone", site="back", resolved_at="2026-01-01T00:00Z")
    html = patient_client.get(reverse("tracker:home")).content.decode()
    pins = re.findall(r'<g class="bm-pin" data-urgency="(\w*)">', html)
    assert pins == ["urgent", ""]  # the resolved area has no pin
    assert "Contact your care team today" in html  # the card says it in words too
    assert "Nothing open" in html


def test_home_shows_each_areas_latest_thumbnail(patient_client, area, storage):
    from tests.photo_helpers import add_photo

    photo = add_photo(EntryFactory(area=area))
    html = patient_client.get(reverse("tracker:home")).content.decode()
    assert reverse("tracker:photo_file", args=[photo.code, "thumb"]) in html
    assert f'alt="Latest photo of {area.name}"' in html


def test_summary_shows_the_map_with_every_open_area(patient_client, patient, area):
    EntryFactory(area=area, signs=["new_lump"], change="new")
    html = patient_client.get(reverse("monitoring:summary")).content.decode()
    assert 'id="summary-map"' in html
    assert f"<strong>{area.name}</strong>: Book a visit within about a week" in html
