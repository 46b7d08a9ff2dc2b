"""The visit summary as a PDF: what it reads back, the photos it embeds, its size, and a plain
message when WeasyPrint cannot load."""

import datetime

from django.urls import reverse

from monitoring.summary.build import Period, build_summary
from tests.summary_helpers import (  # noqa: F401 (fixtures)
    LAST_VISIT,
    SUMMARY,
    SUMMARY_PDF,
    TODAY,
    frozen_today,
    log_fixture,
    open_reasons,
    pdf_images,
    pdf_text,
    questions_fixture,
    squash,
)


def test_letter_paper(patient_client, log):
    response = patient_client.get(SUMMARY, {"paper": "letter"})
    assert "size: letter;" in response.content.decode()
    assert "paper=letter" in response.context["pdf_url"]


def test_pdf_reads_back_with_reasons_dates_and_questions(patient_client, patient, log, questions):
    response = patient_client.get(SUMMARY_PDF)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="visit-summary-2026-03-31.pdf"'
    assert response["Cache-Control"] == "private, no-store"
    text = pdf_text(response.content)
    reasons = open_reasons(patient)
    assert reasons
    for reason in reasons:
        assert squash(reason) in text
    for day in (
        "5 January 2026 to 31 March 2026",
        "Printed on 31 March 2026",
        "12 Jan 2026",
        "2 Mar 2026",
        "9 Feb 2026",
        "First: 12 January 2026",
        "Latest: 2 March 2026",
    ):
        assert day in text
    assert "Should the lump be checked with a scan?" in text
    assert "Can I keep using the cream?" in text
    assert "An answered question" not in text
    # The footer on every page: the notice and the page number.
    assert "This app does not diagnose" in text
    assert "Page 1 of" in text


def test_pdf_embeds_the_screen_renditions_of_first_and_latest_photo(
    patient_client, patient, log, monkeypatch
):
    from monitoring.summary import pdf as summary_pdf

    fetchers = []

    class Recording(summary_pdf.SummaryURLFetcher):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            fetchers.append(self)

    monkeypatch.setattr(summary_pdf, "SummaryURLFetcher", Recording)
    response = patient_client.get(SUMMARY_PDF)
    assert response.status_code == 200
    (fetcher,) = fetchers
    photos = sorted(url for url in fetcher.requested if url.startswith("photo:"))
    summary = build_summary(patient=patient, period=Period(LAST_VISIT, TODAY))
    assert photos == sorted(f"photo:{code}/screen" for code in summary.photo_codes)
    assert fetcher.refused == []
    assert all(url.startswith(("static:", "photo:")) for url in fetcher.requested)
    assert len(pdf_images(response.content)) == 2


def test_pdf_of_three_months_with_30_photos_stays_under_10_mb(patient_client, patient):
    from tests.factories import AreaFactory, EntryFactory
    from tests.summary_helpers import add_photos

    patient.profile.last_appointment = TODAY - datetime.timedelta(days=91)
    patient.profile.save()
    areas = [AreaFactory(patient=patient, name=f"Area {n}") for n in range(3)]
    photos = 0
    for n in range(20):
        entry = EntryFactory(
            area=areas[n % 3],
            date=TODAY - datetime.timedelta(days=88 - 4 * n),
            signs=["raised_patch"],
            size_mm=5 + n // 4,
        )
        count = 2 if n < 10 else 1
        add_photos(entry, count, seed=10 * n, size=(1000, 750), noise=40)
        photos += count
    assert photos == 30
    response = patient_client.get(SUMMARY_PDF)
    assert response.status_code == 200
    assert len(response.content) < 10 * 1024 * 1024
    text = pdf_text(response.content)
    for n in range(3):
        assert f"Area {n}" in text
    # The first and the latest photo of each area, resampled for print (screen rendition in).
    images = pdf_images(response.content)
    assert len(images) == 6
    assert all(max(size) <= 1600 for size in images)


def test_pdf_says_so_plainly_when_weasyprint_cannot_load(patient_client, monkeypatch):
    # A machine without the Pango library cannot import WeasyPrint; the rest of the app still runs.
    import sys

    monkeypatch.setitem(sys.modules, "monitoring.summary.pdf", None)
    response = patient_client.get(reverse("monitoring:summary_pdf"))
    assert response.status_code == 503
    assert "cannot make PDF files" in response.content.decode()
