"""The appointment summary: page, PDF, access and content (issue 8)."""

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from education.vocabulary import Urgency
from monitoring.models import AccessLogEntry, Concern
from monitoring.summary.build import Period, build_summary, default_period
from tests.conftest import client_for
from tests.summary_helpers import (  # noqa: F401 (fixtures)
    LAST_VISIT,
    SUMMARY,
    SUMMARY_PDF,
    TODAY,
    frozen_today,
    log_fixture,
    make_log,
    open_reasons,
    page_text,
    pdf_images,
    pdf_text,
    questions_fixture,
    squash,
)
from tracker.models import CareGrant


def patient_summary_url(patient, pdf=False):
    name = "monitoring:patient_summary_pdf" if pdf else "monitoring:patient_summary"
    return reverse(name, kwargs={"code": patient.code})


# --- The period -------------------------------------------------------------------------------


def test_default_period_is_since_the_last_appointment(patient):
    patient.profile.last_appointment = LAST_VISIT
    assert default_period(profile=patient.profile, today=TODAY) == Period(LAST_VISIT, TODAY)


def test_default_period_without_a_last_appointment_is_about_three_months(patient):
    period = default_period(profile=patient.profile, today=TODAY)
    assert period.end == TODAY
    assert 89 <= (TODAY - period.start).days <= 92


def test_a_last_appointment_in_the_future_is_not_used(patient):
    patient.profile.last_appointment = TODAY + datetime.timedelta(days=3)
    assert default_period(profile=patient.profile, today=TODAY).start < TODAY


@pytest.mark.parametrize(
    "query, message",
    [
        ({"start": "2026-03-10", "end": "2026-03-01"}, "The end date is before the start date"),
        ({"start": "2026-04-02"}, "This date is in the future"),
        ({"end": "2026-05-01"}, "This date is in the future"),
        ({"start": "not a date"}, "Enter a valid date"),
    ],
)
def test_bad_dates_get_a_clear_message(patient_client, log, query, message):
    response = patient_client.get(SUMMARY, query)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert "summary" not in response.context or response.context.get("summary") is None
    assert patient_client.get(SUMMARY_PDF, query).status_code == 400


def test_chosen_dates_narrow_the_summary(patient_client, log):
    response = patient_client.get(SUMMARY, {"start": "2026-02-01", "end": "2026-02-28"})
    assert response.status_code == 200
    summary = response.context["summary"]
    assert summary.period == Period(datetime.date(2026, 2, 1), datetime.date(2026, 2, 28))
    assert [area.name for area in summary.areas] == ["Red patch on chest"]
    assert "Lump under left scar" in summary.quiet_areas


# --- Content ----------------------------------------------------------------------------------


def test_summary_content(patient, log, questions):
    summary = build_summary(patient=patient, period=Period(LAST_VISIT, TODAY), today=TODAY)
    assert summary.patient_name == "Pat Patient"
    assert summary.history == ("Mastectomy, left side", "Radiation to the chest wall")
    assert summary.to_raise, "the demo entries raise concerns"
    assert sorted(f.reason for f in summary.to_raise) == sorted(open_reasons(patient))
    urgencies = [f.urgency for f in summary.to_raise]
    assert urgencies == sorted(urgencies, reverse=True)  # urgent, soon, next_visit
    grouped = [flag for _, _, flags in summary.to_raise_groups for flag in flags]
    assert grouped == list(summary.to_raise)
    assert len({label for _, label, _ in summary.to_raise_groups}) == len(set(urgencies))
    lump = next(a for a in summary.areas if a.name == "Lump under left scar")
    # The entry from before the period is not in it.
    assert [row.date for row in lump.entries] == [
        datetime.date(2026, 1, 12),
        datetime.date(2026, 3, 2),
    ]
    assert lump.size_points == (
        (datetime.date(2026, 1, 12), 6, False),
        (datetime.date(2026, 3, 2), 9, False),
    )
    assert lump.photo_count == 3
    assert lump.first_photo.date == datetime.date(2026, 1, 12)
    assert lump.latest_photo.date == datetime.date(2026, 3, 2)
    patch = next(a for a in summary.areas if a.name == "Red patch on chest")
    assert patch.first_photo is None and patch.latest_photo is None
    assert patch.entries[0].treatment == "A cream or ointment"
    assert patch.entries[0].signs == ("Red skin or a rash",)
    assert summary.quiet_areas == ("Mole on back",)
    assert [q.text for q in summary.questions] == [
        "Should the lump be checked with a scan?",
        "Can I keep using the cream?",
    ]
    assert summary.photo_codes == {lump.first_photo.code, lump.latest_photo.code}


def test_reviewed_concerns_show_apart_with_outcome_and_note(patient, log, clinician):
    flag = Concern.objects.filter(patient=patient).open().first()
    flag.state = Concern.State.REVIEWED
    flag.reviewed_at = timezone.now()
    flag.reviewed_by = clinician
    flag.outcome = Concern.Outcome.BOOK_APPOINTMENT
    flag.note_to_patient = "Please book a visit <soon>."
    flag.save()
    summary = build_summary(patient=patient, period=Period(LAST_VISIT, TODAY))
    assert flag.reason_text() not in [f.reason for f in summary.to_raise]
    (reviewed,) = [f for f in summary.reviewed if f.reason == flag.reason_text()]
    assert reviewed.outcome_label == "Book an appointment"
    assert reviewed.note_to_patient == "Please book a visit <soon>."


def test_withdrawn_concerns_are_not_listed(patient, log):
    flag = Concern.objects.filter(patient=patient).open().first()
    flag.state = Concern.State.WITHDRAWN
    flag.withdrawn_at = timezone.now()
    flag.save()
    summary = build_summary(patient=patient, period=Period(LAST_VISIT, TODAY))
    assert flag.reason_text() not in [f.reason for f in summary.to_raise + summary.reviewed]


def test_summary_is_built_in_a_fixed_number_of_queries(
    patient, log, questions, django_assert_max_num_queries
):
    # 7: entries, photos, profile, open areas, concerns, questions, and the map's urgencies.
    with django_assert_max_num_queries(7):
        build_summary(patient=patient, period=Period(LAST_VISIT, TODAY))


def test_empty_summary_never_reassures(patient_client):
    response = patient_client.get(SUMMARY)
    text = page_text(response)
    assert response.status_code == 200
    assert "This is not an all-clear" in text
    assert "No checks were logged in this period." in text
    assert "This app does not diagnose." in text


def test_page_content(patient_client, log, questions):
    response = patient_client.get(SUMMARY)
    assert response.status_code == 200
    html = response.content.decode()
    text = page_text(response)
    assert "Pat Patient" in text
    assert "5 January 2026 to 31 March 2026" in text
    assert "Mastectomy, left side; Radiation to the chest wall" in text
    assert "Printed on 31 March 2026" in text
    for reason in open_reasons(response.wsgi_request.user):
        assert squash(reason) in text
    assert "Should the lump be checked with a scan?" in text
    assert "An answered question" not in text
    assert "Lump under left scar" in text and "Red patch on chest" in text
    assert "<svg" in html and "Longest size in mm, over time" in html
    # The page is laid out for printing: the print stylesheet and script, a print button, A4.
    assert "css/summary.css" in html and "js/summary.js" in html
    assert "data-print-page" in html
    assert "size: A4;" in html
    assert "<script>" not in html.split("</footer>")[0].split("<main")[1]  # no inline script
    # Photos come from the access-checked photo view, screen rendition.
    summary = response.context["summary"]
    lump = next(a for a in summary.areas if a.name == "Lump under left scar")
    assert (
        reverse("tracker:photo_file", kwargs={"code": lump.first_photo.code, "rendition": "screen"})
        in html
    )
    assert response.context["pdf_url"].startswith(SUMMARY_PDF)


# --- Access -----------------------------------------------------------------------------------


def test_owner_reads_own_summary_by_code_too(patient_client, patient, log):
    assert patient_client.get(patient_summary_url(patient)).status_code == 200
    assert patient_client.get(patient_summary_url(patient, pdf=True)).status_code == 200
    assert not AccessLogEntry.objects.exists()  # the patient's own reads are not logged


def test_invited_clinician_reads_the_summary_and_the_read_is_logged(
    patient, log, questions, invited_clinician
):
    invited = invited_clinician
    client = client_for(Client(), invited)
    response = client.get(patient_summary_url(patient))
    assert response.status_code == 200
    text = page_text(response)
    assert "Pat Patient" in text
    assert "Should the lump be checked with a scan?" in text
    pdf = client.get(patient_summary_url(patient, pdf=True))
    assert pdf.status_code == 200
    assert "Should the lump be checked with a scan?" in pdf_text(pdf.content)
    assert len(pdf_images(pdf.content)) == 2  # the photos, fetched through the clinician's grant
    rows = AccessLogEntry.objects.filter(actor=invited, patient=patient, what="summary")
    assert rows.count() == 2
    assert all(row.allowed and row.actor_role == "clinician" for row in rows)


def test_revoked_clinician_gets_404_on_the_next_request(patient, log, invited_clinician):
    invited = invited_clinician
    client = client_for(Client(), invited)
    assert client.get(patient_summary_url(patient)).status_code == 200
    CareGrant.objects.filter(member=invited).update(revoked_at=timezone.now())
    assert client.get(patient_summary_url(patient)).status_code == 404
    assert client.get(patient_summary_url(patient, pdf=True)).status_code == 404


def test_caregiver_reads_the_summary_too(patient, log, caregiver):
    """A caregiver the patient shared their record with reads it (e.g. to help prepare a visit)."""
    client = client_for(Client(), caregiver)
    assert client.get(patient_summary_url(patient)).status_code == 200
    row = AccessLogEntry.objects.get(actor=caregiver, what="summary")
    assert row.allowed and row.actor_role == "caregiver"


@pytest.mark.parametrize("pdf", [False, True])
def test_strangers_get_404(stranger_clients, patient, log, pdf):
    for who, client in stranger_clients.items():
        response = client.get(patient_summary_url(patient, pdf=pdf))
        assert response.status_code == 404, who
    assert AccessLogEntry.objects.filter(patient=patient, allowed=False).count() == 2


def test_unknown_patient_code_is_404(patient_client):
    url = reverse(
        "monitoring:patient_summary", kwargs={"code": "00000000-0000-4000-8000-000000000000"}
    )
    assert patient_client.get(url).status_code == 404


@pytest.mark.parametrize("name", ["summary", "summary_pdf"])
def test_anonymous_is_sent_to_login(client, name):
    response = client.get(reverse(f"monitoring:{name}"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_anonymous_is_sent_to_login_for_a_patient_summary(client, patient):
    response = client.get(patient_summary_url(patient))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_wrong_method(patient_client, patient, method):
    for url in (SUMMARY, SUMMARY_PDF, patient_summary_url(patient)):
        assert getattr(patient_client, method)(url).status_code == 405


# --- Links ------------------------------------------------------------------------------------


def test_profile_links_to_the_summary(patient_client):
    html = patient_client.get(reverse("tracker:profile")).content.decode()
    assert f'href="{SUMMARY}"' in html


def test_home_links_to_the_summary(patient_client, patient):
    patient.profile.next_appointment = datetime.date(2026, 4, 7)
    patient.profile.save()
    html = patient_client.get(reverse("tracker:home")).content.decode()
    assert f'href="{SUMMARY}"' in html
    assert "Prepare for my visit" in html


def test_date_fields_show_the_period_in_use(patient_client, log):
    """Empty date fields left the patient guessing: they show the default period's dates."""
    html = patient_client.get(SUMMARY).content.decode()
    start = re.search(r'<input[^>]*name="start"[^>]*>', html).group(0)
    end = re.search(r'<input[^>]*name="end"[^>]*>', html).group(0)
    assert f'value="{LAST_VISIT:%Y-%m-%d}"' in start
    assert f'value="{TODAY:%Y-%m-%d}"' in end


def test_pain_and_itch_scores_do_not_break_across_lines(patient_client, log):
    html = patient_client.get(SUMMARY).content.decode()
    assert re.search(r'<td class="nowrap">\d+/10</td>\s*<td class="nowrap">\d+/10</td>', html)


def test_to_raise_has_one_item_per_concern_most_urgent_then_newest(patient, patient_client, log):
    summary = build_summary(patient=patient, period=Period(LAST_VISIT, TODAY), today=TODAY)
    keys = [(item.area_name, item.title) for item in summary.to_raise]
    assert all(title for _, title in keys) and len(keys) == len(set(keys))
    assert len(summary.to_raise) == Concern.objects.filter(patient=patient).open().count()
    order = [(-Urgency.rank_of(i.urgency), -i.date.toordinal()) for i in summary.to_raise]
    assert order == sorted(order)  # most urgent first, then newest
    lasting = [item for item in summary.to_raise if item.first_date]
    assert lasting, "the demo log updates a concern on several checks"
    assert all(item.first_date < item.date for item in lasting)
    page = patient_client.get(SUMMARY, {"start": LAST_VISIT.isoformat(), "end": TODAY.isoformat()})
    assert "First seen on" in page.content.decode()
