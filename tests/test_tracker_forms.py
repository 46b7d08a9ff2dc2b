"""Bad input re-renders the form with a clear message and saves nothing."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from tracker.models import Entry, WatchedArea

TODAY = timezone.localdate


def entry_data(**overrides):
    data = {
        "date": TODAY().isoformat(),
        "signs": ["new_lump"],
        "change": "new",
        "size_mm": "6",
        "pain": "0",
        "itch": "0",
        "treatment": "none",
        "notes": "my words stay here",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_logging_an_entry_saves_it_with_its_author(patient_client, patient, area):
    response = patient_client.post(reverse("tracker:entry_create", args=[area.code]), entry_data())
    entry = Entry.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("tracker:entry_saved", args=[entry.code])
    assert entry.signs == ["new_lump"] and entry.size_mm == 6 and entry.created_by == patient


def test_entry_date_defaults_to_today(patient_client, area):
    response = patient_client.get(reverse("tracker:entry_create", args=[area.code]))
    assert f'value="{TODAY().isoformat()}"' in response.content.decode()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"date": (TODAY() + datetime.timedelta(days=1)).isoformat()}, "in the future"),
        ({"size_mm": "301"}, "Please type a size of 300 mm or less, or leave it empty."),
        ({"size_mm": "-1"}, "Please type a size of 0 mm or more."),
        ({"pain": "11"}, "Please choose a number from 0 to 10."),
        ({"itch": "-2"}, "Please choose a number of 0 or more."),
        ({"signs": ["not_a_sign"]}, "Please choose from the list."),
        ({"change": "exploded"}, "Please choose from the list."),
        ({"date": "30/02/2026"}, "Enter a valid date"),
        ({"notes": "x" * 2001}, "up to 2000 characters. It has 2001 now."),
        (
            {"treatment": "cream", "treatment_since": (TODAY() + datetime.timedelta(days=3))},
            "in the future",
        ),
    ],
)
def test_invalid_entry_rerenders_with_message_and_saves_nothing(
    patient_client, area, overrides, message
):
    url = reverse("tracker:entry_create", args=[area.code])
    response = patient_client.post(url, entry_data(**overrides))
    body = response.content.decode()
    assert response.status_code == 200
    assert message in body
    assert "Nothing has been saved yet" in body
    # Django's stock wording is not plain, and would echo a raw code back to the patient.
    assert "Ensure this value" not in body
    assert "not one of the available choices" not in body
    assert not Entry.objects.exists()


def test_treatment_start_after_entry_date_is_refused(patient_client, area):
    url = reverse("tracker:entry_create", args=[area.code])
    data = entry_data(
        date=(TODAY() - datetime.timedelta(days=5)).isoformat(),
        treatment="antibiotics",
        treatment_since=TODAY().isoformat(),
    )
    response = patient_client.post(url, data)
    assert "on or before the entry date" in response.content.decode()
    assert not Entry.objects.exists()


def test_failed_submission_keeps_what_was_typed(patient_client, area):
    url = reverse("tracker:entry_create", args=[area.code])
    response = patient_client.post(url, entry_data(size_mm="999"))
    body = response.content.decode()
    assert "my words stay here" in body
    assert 'value="new_lump" id="id_signs_0" checked' in body


def test_unknown_site_code_is_refused(patient_client):
    response = patient_client.post(
        reverse("tracker:area_create"), {"site": "left_elbow_of_mars", "name": "Spot"}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Please choose a body area from the list." in body
    assert "left_elbow_of_mars" not in body
    assert not WatchedArea.objects.exists()


def test_empty_choices_say_what_they_mean(patient_client, area):
    """Selects start with words, not Django's "---------"."""
    area_form = patient_client.get(reverse("tracker:area_create")).content.decode()
    entry_form = patient_client.get(reverse("tracker:entry_create", args=[area.code]))
    assert '<option value="" selected>Choose a body area</option>' in area_form
    # "Change since last time" is a set of large radio choices; "Not sure" is ticked at first.
    assert re.search(
        r'type="radio" name="change" value="" id="id_change_5" checked>\s*<span>Not sure</span>',
        entry_form.content.decode(),
    )
    assert "---------" not in area_form + entry_form.content.decode()


def test_area_first_noticed_cannot_be_in_the_future(patient_client):
    tomorrow = (TODAY() + datetime.timedelta(days=1)).isoformat()
    response = patient_client.post(
        reverse("tracker:area_create"), {"site": "neck", "name": "Spot", "first_noticed": tomorrow}
    )
    assert "in the future" in response.content.decode()
    assert not WatchedArea.objects.exists()


def test_adding_an_area_leads_to_logging_a_check(patient_client, patient):
    response = patient_client.post(
        reverse("tracker:area_create"), {"site": "scar_left", "name": "Lump under left scar"}
    )
    area = WatchedArea.objects.get()
    assert area.patient == patient
    assert response.url == reverse("tracker:entry_create", args=[area.code])


def test_edit_entry(patient_client, entry):
    url = reverse("tracker:entry_edit", args=[entry.code])
    response = patient_client.post(url, entry_data(size_mm="9", change="larger"))
    entry.refresh_from_db()
    assert response.status_code == 302 and entry.size_mm == 9 and entry.change == "larger"


def test_delete_entry_asks_first_then_deletes(patient_client, entry):
    url = reverse("tracker:entry_delete", args=[entry.code])
    assert "You cannot undo this" in patient_client.get(url).content.decode()
    assert Entry.objects.filter(pk=entry.pk).exists()
    patient_client.post(url)
    assert not Entry.objects.filter(pk=entry.pk).exists()


def test_resolve_and_reopen_area(patient_client, area):
    url = reverse("tracker:area_resolve", args=[area.code])
    patient_client.post(url, {"resolved": "1"})
    area.refresh_from_db()
    assert area.is_resolved
    patient_client.post(url, {"resolved": "0"})
    area.refresh_from_db()
    assert not area.is_resolved


def test_profile_saves_history_and_explains_each_field(patient_client, patient):
    url = reverse("tracker:profile")
    body = patient_client.get(url).content.decode()
    assert "We show this number next to anything that needs a call" in body
    response = patient_client.post(
        url,
        {
            "history": ["mastectomy_left", "chest_wall_radiation"],
            "care_team_phone": "+44 (0)20 7946 0000",
            "next_appointment": "2031-01-02",
        },
    )
    assert response.status_code == 302
    patient.profile.refresh_from_db()
    assert patient.profile.history == ["mastectomy_left", "chest_wall_radiation"]
    assert patient.profile.care_team_phone == "+44 (0)20 7946 0000"


def test_profile_refuses_a_phone_number_with_letters(patient_client, patient):
    response = patient_client.post(reverse("tracker:profile"), {"care_team_phone": "call Bob"})
    assert "Please type only the phone number" in response.content.decode()
