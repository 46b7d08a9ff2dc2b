"""Appointment summary benchmark: the PDF of three months with 20 entries and 30 photos.

Run: .venv/bin/python bench/bench_summary.py [--repeat N] [--photo-size WxH] [--quick]

Set-up (not timed), in a throw-away in-memory SQLite database with in-memory file storage: one
patient, three watched areas, 20 entries over three months (signs, sizes, notes; the rules raise
their concerns as the entries are saved), 30 photos through the real upload pipeline
(`tracker.photos.attach_photos`), five questions. The photos are generated, photo-like (skin tone,
a mark, grain) at 2400 x 1800, so their screen renditions (1600 px) weigh what a phone's do.

Timed, best of N: `build_summary` (the database reads) and the whole PDF (`build_summary` + the
template + WeasyPrint, fetching the stylesheet and each area's first and latest photo through the
summary's URL fetcher). Printed: the times, the PDF size against the 10 MB limit, the pages, and
how many photos the PDF embeds.
"""

import argparse
import datetime
import io
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django  # noqa: E402

LIMIT_BYTES = 10 * 1024 * 1024


def configure():
    from django.conf import settings

    settings.DATABASES["default"] = {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def photo_like(seed, size):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image, ImageDraw, ImageFilter

    rng = random.Random(seed)
    image = Image.new("RGB", size, (222, 178, 148))
    draw = ImageDraw.Draw(image)
    for _ in range(40):
        x, y, r = rng.randrange(size[0]), rng.randrange(size[1]), rng.randrange(20, 160)
        tone = rng.randrange(-25, 25)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=(210 + tone, 165 + tone, 140 + tone))
    image = image.filter(ImageFilter.GaussianBlur(12))
    draw = ImageDraw.Draw(image)
    r = 60 + seed * 3
    cx, cy = size[0] // 2, size[1] // 2
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(140, 75, 85))
    grain = Image.effect_noise(size, 40).convert("RGB")
    image = Image.blend(image, grain, 0.12)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=92)
    return SimpleUploadedFile(f"IMG_{seed:04d}.jpg", buffer.getvalue(), "image/jpeg")


def make_patient(photo_size):
    from monitoring.models import Concern
    from tracker.models import Entry, Photo, Profile, Question, User, WatchedArea
    from tracker.photos import attach_photos

    today = datetime.date.today()
    start = today - datetime.timedelta(days=91)
    patient = User.objects.create_user("bench@example.com", "x", full_name="Bench Patient")
    profile, _ = Profile.objects.get_or_create(user=patient)
    profile.last_appointment = start
    profile.history = ["mastectomy_left", "chest_wall_radiation"]
    profile.save()
    areas = [
        WatchedArea.objects.create(patient=patient, site=site, name=name)
        for site, name in (
            ("scar_left", "Lump under left scar"),
            ("chest_wall_left", "Red patch on chest"),
            ("upper_arm_left", "Spot on left arm"),
        )
    ]
    rng = random.Random(8)
    photos_left = 30
    for n in range(20):
        area = areas[n % 3]
        entry = Entry.objects.create(
            area=area,
            date=start + datetime.timedelta(days=4 + n * 4),
            signs=rng.sample(["new_lump", "firm", "raised_patch", "red_patch", "discoloured"], 2),
            change=rng.choice(["same", "larger", "smaller"]),
            size_mm=5 + n // 3,
            pain=rng.randint(0, 6),
            itch=rng.randint(0, 6),
            notes="Looked the same in the mirror, a bit sore after the shower.",
            created_by=patient,
        )
        count = 2 if photos_left > (19 - n) else 1
        count = min(count, photos_left)
        if count:
            attach_photos(
                entry=entry,
                files=[photo_like(30 - photos_left + i, photo_size) for i in range(count)],
                author=patient,
            )
            photos_left -= count
    for text in (
        "Should the lump be checked with a scan?",
        "Can I keep using the cream?",
        "Is the soreness after radiation normal?",
        "When is my next scan?",
        "Who do I call at the weekend?",
    ):
        Question.objects.create(patient=patient, text=text)
    counts = {
        "entries": Entry.objects.filter(area__patient=patient).count(),
        "photos": Photo.objects.filter(entry__area__patient=patient).count(),
        "concerns": Concern.objects.filter(patient=patient).count(),
    }
    return patient, counts


def best(repeat, run):
    times, result = [], None
    for _ in range(repeat):
        began = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - began)
    return min(times), result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--photo-size", default="2400x1800")
    parser.add_argument("--quick", action="store_true", help="600x450 photos, one run (CI)")
    args = parser.parse_args()
    if args.quick:
        args.repeat, args.photo_size = 1, "600x450"
    photo_size = tuple(int(v) for v in args.photo_size.split("x"))
    configure()

    from django.test import RequestFactory
    from pypdf import PdfReader

    from monitoring.summary.build import build_summary, default_period
    from monitoring.summary.pdf import SummaryURLFetcher, render_summary_pdf

    began = time.perf_counter()
    patient, counts = make_patient(photo_size)
    setup = time.perf_counter() - began
    period = default_period(profile=patient.profile)
    request = RequestFactory().get("/summary.pdf")
    request.user = patient
    fetchers = []

    def pdf():
        summary = build_summary(patient=patient, period=period)
        fetcher = SummaryURLFetcher(
            request=request, patient=patient, photo_codes=summary.photo_codes
        )
        fetchers.append(fetcher)
        return render_summary_pdf(
            summary=summary,
            request=request,
            patient=patient,
            context={"paper": "A4"},
            fetcher=fetcher,
        )

    build_time, summary = best(args.repeat, lambda: build_summary(patient=patient, period=period))
    pdf_time, data = best(args.repeat, pdf)
    pages = len(PdfReader(io.BytesIO(data)).pages)
    embedded = sum(1 for url in fetchers[-1].requested if url.startswith("photo:"))
    size_mb = len(data) / 1024 / 1024
    print(
        f"set-up: {counts['entries']} entries, {counts['photos']} photos "
        f"({photo_size[0]}x{photo_size[1]}), {counts['concerns']} concerns, "
        f"period {period.start} to {period.end} ({setup:.1f} s, not timed)"
    )
    print(f"build_summary:            {build_time * 1000:8.1f} ms (best of {args.repeat})")
    print(f"PDF (summary + render):   {pdf_time * 1000:8.1f} ms (best of {args.repeat})")
    print(
        f"PDF size:                 {size_mb:8.2f} MB ({len(data):,} bytes; limit 10 MB: "
        f"{'OK' if len(data) < LIMIT_BYTES else 'OVER'})"
    )
    print(f"pages: {pages}; photos embedded: {embedded} (first and latest of each area)")
    if len(data) >= LIMIT_BYTES:
        sys.exit("the PDF is over the 10 MB limit")


if __name__ == "__main__":
    main()
