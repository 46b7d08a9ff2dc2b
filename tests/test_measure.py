"""Measuring on a photo: the pure computation, who may measure, and using it as the size."""

import pytest
from django.urls import reverse

from tests.conftest import client_for
from tests.factories import EntryFactory
from tests.photo_helpers import add_photo, storage_fixture  # noqa: F401
from tracker.measurements import PhotoMeasurement
from tracker.measuring import MeasureError, measure

# On the 320 x 240 test photo: a reference of 100 px and a spot of 60 px.
POINTS = {
    "reference": "ruler_10mm",
    "reference_x1": "10",
    "reference_y1": "200",
    "reference_x2": "110",
    "reference_y2": "200",
    "spot_x1": "100",
    "spot_y1": "100",
    "spot_x2": "136",
    "spot_y2": "148",
}


def test_length_is_spot_pixels_times_mm_per_pixel():
    result = measure(reference=((0, 0), (100, 0)), spot=((0, 0), (36, 48)), reference_mm=10)
    assert result.length_mm == 6.0
    coin = measure(reference=((0, 0), (0, 93)), spot=((0, 0), (40, 0)), reference_mm=23.25)
    assert coin.length_mm == 10.0


def test_a_reference_too_short_or_a_spot_of_nothing_is_refused():
    with pytest.raises(MeasureError, match="too close together"):
        measure(reference=((0, 0), (5, 0)), spot=((0, 0), (40, 0)), reference_mm=10)
    with pytest.raises(MeasureError, match="same point"):
        measure(reference=((0, 0), (50, 0)), spot=((3, 3), (3, 3)), reference_mm=10)


@pytest.fixture
def photo(entry, storage):
    return add_photo(entry)


def test_patient_measures_and_uses_it_as_the_size(patient_client, photo):
    response = patient_client.post(reverse("tracker:measure", args=[photo.code]), POINTS)
    measurement = PhotoMeasurement.objects.get()
    assert response.url == reverse("tracker:measurement_detail", args=[measurement.code])
    assert measurement.length_mm == 6.0 and measurement.reference_mm == 10.0
    assert measurement.spot_points == ((100, 100), (136, 148))
    assert not measurement.by_clinician
    page = patient_client.get(response.url).content.decode()
    assert "Use 6 mm as the size of this check" in page
    assert "Measured by the patient" in page

    patient_client.post(reverse("tracker:measurement_use", args=[measurement.code]))
    entry = photo.entry
    entry.refresh_from_db()
    assert entry.size_mm == 6 and entry.size_measurement == measurement
    timeline = patient_client.get(reverse("tracker:area_detail", args=[entry.area.code]))
    assert "Size: 6 mm (measured on the photo)" in timeline.content.decode()
    summary = patient_client.get(reverse("monitoring:summary") + "?start=2000-01-01")
    assert "(measured)" in summary.content.decode()


def test_typing_a_new_size_clears_the_measured_mark(patient_client, photo):
    from tests.test_tracker_forms import entry_data

    patient_client.post(reverse("tracker:measure", args=[photo.code]), POINTS)
    measurement = PhotoMeasurement.objects.get()
    patient_client.post(reverse("tracker:measurement_use", args=[measurement.code]))
    entry = photo.entry
    url = reverse("tracker:entry_edit", args=[entry.code])
    patient_client.post(url, entry_data(date=entry.date.isoformat(), size_mm="9"))
    entry.refresh_from_db()
    assert entry.size_mm == 9 and entry.size_measurement is None
    assert PhotoMeasurement.objects.filter(pk=measurement.pk).exists()  # kept on the photo


def test_points_off_the_photo_are_refused(patient_client, photo):
    bad = {**POINTS, "spot_x2": "5000"}
    response = patient_client.post(reverse("tracker:measure", args=[photo.code]), bad)
    assert "Please keep the points on the photo." in response.content.decode()
    assert not PhotoMeasurement.objects.exists()


def test_reference_too_short_says_so(patient_client, photo):
    short = {**POINTS, "reference_x2": "12"}
    response = patient_client.post(reverse("tracker:measure", args=[photo.code]), short)
    assert "too close together" in response.content.decode()


def test_clinician_measures_without_changing_the_check(client, photo, invited_clinician):
    client_for(client, invited_clinician)
    size_before = photo.entry.size_mm
    response = client.post(reverse("tracker:measure", args=[photo.code]), POINTS)
    measurement = PhotoMeasurement.objects.get()
    assert measurement.by_clinician and measurement.measured_by == invited_clinician
    page = client.get(response.url).content.decode()
    assert "Use 6 mm" not in page
    assert "Measured by Dr Invited (care team)" in page
    use = client.post(reverse("tracker:measurement_use", args=[measurement.code]))
    assert use.status_code == 404
    photo.entry.refresh_from_db()
    assert photo.entry.size_mm == size_before and photo.entry.size_measurement is None


def test_patient_sees_the_clinicians_measurement_on_the_photo(
    client, patient_client, photo, invited_clinician
):
    client_for(client, invited_clinician)
    client.post(reverse("tracker:measure", args=[photo.code]), POINTS)
    page = patient_client.get(reverse("tracker:photo_detail", args=[photo.code])).content.decode()
    assert "6.0 mm" in page and "Measured by Dr Invited (care team)" in page


def test_strangers_and_read_only_caregivers_cannot_measure(
    client, photo, stranger_clients, caregiver
):
    url = reverse("tracker:measure", args=[photo.code])
    for who, other in stranger_clients.items():
        assert other.get(url).status_code == 404, who
        assert other.post(url, POINTS).status_code == 404, who
    client.force_login(caregiver)
    assert client.get(url).status_code == 404
    assert not PhotoMeasurement.objects.exists()


def test_measurement_pages_need_login_and_the_right_method(patient_client, photo, client):
    patient_client.post(reverse("tracker:measure", args=[photo.code]), POINTS)
    measurement = PhotoMeasurement.objects.get()
    use = reverse("tracker:measurement_use", args=[measurement.code])
    assert patient_client.get(use).status_code == 405
    assert patient_client.put(reverse("tracker:measure", args=[photo.code])).status_code == 405
    client.logout()
    assert client.get(
        reverse("tracker:measurement_detail", args=[measurement.code])
    ).url.startswith("/accounts/login/")


def test_strangers_get_404_on_a_measurement(patient_client, photo, stranger_clients):
    patient_client.post(reverse("tracker:measure", args=[photo.code]), POINTS)
    measurement = PhotoMeasurement.objects.get()
    for who, other in stranger_clients.items():
        detail = reverse("tracker:measurement_detail", args=[measurement.code])
        assert other.get(detail).status_code == 404, who
        use = reverse("tracker:measurement_use", args=[measurement.code])
        assert other.post(use).status_code == 404, who


def test_measured_growth_is_judged_like_a_typed_size(patient_client, area, storage):
    EntryFactory(area=area, size_mm=2, signs=["new_lump"], change="new", date="2026-01-01")
    later = EntryFactory(area=area, signs=["new_lump"], change="same", date="2026-02-01")
    photo = add_photo(later)
    patient_client.post(reverse("tracker:measure", args=[photo.code]), POINTS)
    measurement = PhotoMeasurement.objects.get()
    patient_client.post(reverse("tracker:measurement_use", args=[measurement.code]))
    assert later.concern_checks.filter(concern__rule="growth", concern__state="open").exists()


def test_export_holds_the_measurements_and_the_pin(patient_client, photo):
    import io
    import json
    import zipfile

    patient_client.post(reverse("tracker:measure", args=[photo.code]), POINTS)
    patient_client.post(
        reverse("tracker:measurement_use", args=[PhotoMeasurement.objects.get().code])
    )
    response = patient_client.get(reverse("tracker:export_download"))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    record = json.loads(archive.read("record.json"))
    check = record["areas"][0]["checks"][0]
    assert check["size_mm"] == 6 and check["size_measured_on_photo"] is True
    measured = check["photos"][0]["measurements"][0]
    assert measured["length_mm"] == 6.0 and measured["used_as_size"] is True
    assert measured["spot_points"] == [[100.0, 100.0], [136.0, 148.0]]
    assert "pin" in record["areas"][0] and "radiation_sites" in record["profile"]


def test_demo_measures_its_latest_photo_against_the_ruler(db, storage):
    import datetime

    from tracker import demo

    accounts = demo.load_demo(today=datetime.date(2026, 3, 30))
    measurement = PhotoMeasurement.objects.get()
    entry = measurement.photo.entry
    assert entry.area.patient == accounts.patient and entry.size_is_measured
    assert measurement.length_mm == entry.size_mm  # the ruler in the picture gives the drawn size
    demo.load_demo(today=datetime.date(2026, 3, 30))
    assert PhotoMeasurement.objects.count() == 1  # nothing twice
