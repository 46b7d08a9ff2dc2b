"""Shared set-up of the summary tests: a patient with a period of checks, photos and concerns."""

import datetime
import functools
import html
import io
import random
import re

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image, ImageDraw
from pypdf import PdfReader

from monitoring.models import Concern
from tests.factories import AreaFactory, EntryFactory
from tracker.models import Question
from tracker.photos import attach_photos

TODAY = datetime.date(2026, 3, 31)
LAST_VISIT = datetime.date(2026, 1, 5)


def photo_upload(seed, *, size=(640, 480), noise=12):
    """A generated JPEG upload: a skin-toned field with a darker mark, plus grain (never a real
    person)."""
    name = f"p{seed}-{random.Random(seed).random()}.jpg"
    return SimpleUploadedFile(name, photo_jpeg(seed, size, noise), "image/jpeg")


@functools.cache  # made once per (seed, size, noise): bytes are immutable, safe to share
def photo_jpeg(seed, size, noise):
    image = Image.new("RGB", size, (224, 180, 150))
    draw = ImageDraw.Draw(image)
    r = 20 + seed % 30
    cx, cy = size[0] // 2, size[1] // 2
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(150, 80, 90))
    if noise:
        grain = Image.effect_noise(size, noise).convert("RGB")
        image = Image.blend(image, grain, 0.15)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def add_photos(entry, count, *, seed=0, **kwargs):
    files = [photo_upload(seed + n, **kwargs) for n in range(count)]
    return attach_photos(entry=entry, files=files, author=entry.area.patient)


def make_log(patient, *, notes=""):
    """Two areas in the period (one growing lump with photos, one red patch), one old entry."""
    lump = AreaFactory(patient=patient, name="Lump under left scar", site="scar_left")
    patch = AreaFactory(patient=patient, name="Red patch on chest", site="chest_wall_left")
    AreaFactory(patient=patient, name="Mole on back", site="back")
    old = EntryFactory(area=lump, date=LAST_VISIT - datetime.timedelta(days=20), size_mm=3)
    first = EntryFactory(
        area=lump, date=datetime.date(2026, 1, 12), signs=["new_lump"], change="new", size_mm=6
    )
    latest = EntryFactory(
        area=lump,
        date=datetime.date(2026, 3, 2),
        signs=["new_lump", "firm"],
        change="larger",
        size_mm=9,
        pain=2,
        notes=notes,
    )
    red = EntryFactory(
        area=patch,
        date=datetime.date(2026, 2, 9),
        signs=["red_patch"],
        change="new",
        treatment="cream",
        treatment_since=datetime.date(2026, 2, 1),
    )
    add_photos(first, 1, seed=1)
    add_photos(latest, 2, seed=2)
    return {"lump": lump, "patch": patch, "old": old, "first": first, "latest": latest, "red": red}


def pdf_text(data):
    """All text of a PDF, whitespace collapsed (a reason may wrap across lines)."""
    reader = PdfReader(io.BytesIO(data))
    return squash(" ".join(page.extract_text() for page in reader.pages))


def pdf_images(data):
    """(width, height) of every image object embedded in a PDF."""
    reader = PdfReader(io.BytesIO(data))
    objects = (reader.get_object(n) for n in range(1, reader.trailer["/Size"]))
    return [
        (obj["/Width"], obj["/Height"])
        for obj in objects
        if hasattr(obj, "get") and obj.get("/Subtype") == "/Image"
    ]


def page_text(response):
    """The visible text of an HTML page: tags dropped, entities decoded, whitespace collapsed."""
    body = response.content.decode()
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S)
    return squash(html.unescape(re.sub(r"<[^>]+>", " ", body)))


def squash(text):
    return re.sub(r"\s+", " ", text).strip()


# --- fixtures of the summary tests: import them (`log_fixture` is the fixture `log`) ----------

SUMMARY = reverse("monitoring:summary")
SUMMARY_PDF = reverse("monitoring:summary_pdf")


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(datetime.datetime(2026, 3, 31, 12, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture(name="log")
def log_fixture(patient):
    patient.profile.last_appointment = LAST_VISIT
    patient.profile.next_appointment = datetime.date(2026, 4, 7)
    patient.profile.history = ["mastectomy_left", "chest_wall_radiation"]
    patient.profile.save()
    return make_log(patient)


@pytest.fixture(name="questions")
def questions_fixture(patient):
    Question.objects.create(patient=patient, text="Should the lump be checked with a scan?")
    Question.objects.create(patient=patient, text="Can I keep using the cream?")
    Question.objects.create(patient=patient, text="An answered question", done_at=timezone.now())


def open_reasons(patient):
    """The reasons "To raise" shows: one per open concern."""
    concerns = Concern.objects.filter(patient=patient).open().select_related("area")
    return [concern.reason_text() for concern in concerns]
