"""Patient text in the summary is text, and WeasyPrint fetches nothing it was not meant to."""

import datetime
import uuid

import pytest
import time_machine
from django.test import RequestFactory
from django.urls import reverse
from weasyprint import HTML

from monitoring.summary import pdf as summary_pdf
from monitoring.summary.pdf import RefusedURL, SummaryURLFetcher
from tests.factories import AreaFactory, EntryFactory
from tests.summary_helpers import LAST_VISIT, add_photos, make_log, pdf_text
from tracker.models import Photo, Question

METADATA = '<img src="http://169.254.169.254/latest/meta-data/">'
PASSWD = '<img src="file:///etc/passwd"> file:///etc/passwd'
SCRIPT = "<script>alert('x')</script>"
STYLE = '<link rel="stylesheet" href="http://169.254.169.254/x.css">'
NOTE = f"{METADATA} {PASSWD} {SCRIPT} {STYLE}"
FORBIDDEN = (
    "http://169.254.169.254/latest/meta-data/",
    "file:///etc/passwd",
    "http://169.254.169.254/x.css",
)


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(datetime.datetime(2026, 3, 31, 12, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def hostile_log(patient):
    patient.profile.last_appointment = LAST_VISIT
    patient.profile.save()
    patient.full_name = "Pat <b>Patient</b>"
    patient.save()
    log = make_log(patient, notes=NOTE)
    log["lump"].name = f"Lump {SCRIPT}"
    log["lump"].save()
    Question.objects.create(patient=patient, text=f"Is this ok? {METADATA}")
    return log


@pytest.fixture
def recorded(monkeypatch):
    fetchers = []

    class Recording(SummaryURLFetcher):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            fetchers.append(self)

    monkeypatch.setattr(summary_pdf, "SummaryURLFetcher", Recording)
    return fetchers


def test_page_escapes_patient_text(patient_client, hostile_log):
    html = patient_client.get(reverse("monitoring:summary")).content.decode()
    assert '<img src="http://169.254.169.254' not in html
    assert '<img src="file:///etc/passwd">' not in html
    assert "<script>alert" not in html
    assert "<b>Patient</b>" not in html
    assert "&lt;img src=&quot;http://169.254.169.254/latest/meta-data/&quot;&gt;" in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert "Pat &lt;b&gt;Patient&lt;/b&gt;" in html


def test_pdf_prints_patient_text_as_text_and_fetches_none_of_it(
    patient_client, hostile_log, recorded
):
    response = patient_client.get(reverse("monitoring:summary_pdf"))
    assert response.status_code == 200
    text = pdf_text(response.content)
    assert 'src="http://169.254.169.254/latest/meta-data/"' in text
    assert "file:///etc/passwd" in text
    assert "<script>alert('x')</script>" in text
    assert "Pat <b>Patient</b>" in text
    assert "Is this ok? <img" in text
    (fetcher,) = recorded
    assert fetcher.requested, "the stylesheet and the photos were fetched"
    for url in fetcher.requested:
        assert url.startswith(("static:", "photo:")), url
    assert fetcher.refused == []


# --- The fetcher on its own --------------------------------------------------------------------


@pytest.fixture
def fetcher(patient, hostile_log):
    request = RequestFactory().get("/summary.pdf")
    request.user = patient
    codes = [str(p.code) for p in Photo.objects.filter(entry__area__patient=patient)]
    return SummaryURLFetcher(request=request, patient=patient, photo_codes=codes)


@pytest.mark.parametrize(
    "url",
    [
        "http://169.254.169.254/latest/meta-data/",
        "https://example.com/x.css",
        "file:///etc/passwd",
        "data:image/png;base64,iVBORw0KGgo=",
        "ftp://example.com/x",
        "static:../../etc/passwd",
        "static:/etc/passwd",
        "static:css/../../../tracker/settings.py",
        "static:css/nothing-here.css",
        "static:css/app.css?x=file:///etc/passwd",
        "photo:not-a-code/screen",
        "photo:../../etc/passwd",
        "STATIC:css/summary.css",
    ],
)
def test_fetcher_refuses(fetcher, url):
    with pytest.raises(RefusedURL):
        fetcher.fetch(url)
    assert fetcher.refused == [url]


def test_fetcher_serves_own_static_files(fetcher):
    response = fetcher.fetch("static:css/summary.css")
    assert response.content_type == "text/css"
    assert b"@media print" in response.read()


def test_fetcher_serves_the_screen_rendition_of_the_patients_photo(fetcher, patient):
    photo = Photo.objects.filter(entry__area__patient=patient).first()
    response = fetcher.fetch(f"photo:{photo.code}/screen")
    assert response.content_type == "image/jpeg"
    from django.core.files.storage import default_storage

    with default_storage.open(photo.screen_name) as stored:
        assert response.read() == stored.read()


def test_fetcher_refuses_other_renditions_and_photos_not_in_the_summary(
    fetcher, patient, other_patient
):
    photo = Photo.objects.filter(entry__area__patient=patient).first()
    for rendition in ("full", "thumb", "master", "screen/../full"):
        with pytest.raises(RefusedURL):
            fetcher.fetch(f"photo:{photo.code}/{rendition}")
    with pytest.raises(RefusedURL):
        fetcher.fetch(f"photo:{uuid.uuid4()}/screen")
    # Another patient's photo, even if its code were somehow listed.
    other_entry = EntryFactory(area=AreaFactory(patient=other_patient))
    (other_photo,) = add_photos(other_entry, 1, seed=99)
    fetcher.photo_codes = fetcher.photo_codes | {str(other_photo.code)}
    with pytest.raises(RefusedURL):
        fetcher.fetch(f"photo:{other_photo.code}/screen")


def test_weasyprint_never_loads_a_refused_url(fetcher):
    """Even markup that reached WeasyPrint (it cannot: the template escapes it) fetches nothing."""
    html = (
        f"<html><head>{STYLE}<link rel='stylesheet' href='file:///etc/passwd'></head>"
        f"<body>{METADATA}<img src='file:///etc/passwd'>"
        "<div style=\"background: url('http://169.254.169.254/bg')\">x</div></body></html>"
    )
    pdf = HTML(string=html, url_fetcher=fetcher, base_url=None).write_pdf()
    assert pdf.startswith(b"%PDF")
    assert set(fetcher.requested) == set(fetcher.refused)
    assert set(fetcher.refused) >= {
        "http://169.254.169.254/latest/meta-data/",
        "file:///etc/passwd",
        "http://169.254.169.254/x.css",
        "http://169.254.169.254/bg",
    }


def test_css_string_cannot_end_the_string_or_the_style():
    from monitoring.templatetags.summary_tags import css_string

    escaped = css_string('Page "1" </style><script>x</script>\\ \n')
    # Only letters, digits, spaces, ",", "." and backslash escapes remain.
    assert set(escaped) <= set(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ,.\\"
    )
    assert escaped.startswith("Page \\22 1\\22  \\3c \\2f style\\3e ")
