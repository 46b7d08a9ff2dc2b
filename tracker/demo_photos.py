"""Generated demo photos: a skin-toned field with a mark that changes over the months, and a ruler.

Never a real person: every picture is drawn here with Pillow and says "Demo picture" in a corner.
Photos go through the same service as an upload (tracker.photos.attach_photos), so they are
processed, stored and served exactly like a patient's.
"""

import io
import random

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw, ImageFilter

from tracker.photos import attach_photos

SIZE = (1200, 900)
PX_PER_MM = 14
SKIN = (224, 178, 150)


def demo_picture(*, size_mm, signs, seed):
    """A JPEG (bytes) of a mark `size_mm` across, coloured by `signs`, on a skin-toned field."""
    rng = random.Random(seed)
    width, height = SIZE
    field = Image.new("RGB", SIZE, SKIN)
    # Light falling off away from one corner, and a little grain so it looks photographed.
    shade = Image.radial_gradient("L").resize((width * 2, height * 2)).crop((0, 0, width, height))
    field = Image.composite(field, Image.new("RGB", SIZE, (196, 148, 122)), shade)
    grain = Image.effect_noise(SIZE, 6).convert("RGB")
    field = Image.blend(field, grain, 0.04)

    mark = Image.new("L", SIZE, 0)
    draw = ImageDraw.Draw(mark)
    cx, cy = width // 2 + rng.randint(-15, 15), height // 2 - 60 + rng.randint(-15, 15)
    radius = max(6, (size_mm or 3) * PX_PER_MM // 2)
    squash = 0.8 + rng.random() * 0.15
    draw.ellipse((cx - radius, cy - radius * squash, cx + radius, cy + radius * squash), fill=255)
    mark = mark.filter(ImageFilter.GaussianBlur(radius / (3 if "red_patch" in signs else 6)))
    colour = (150, 95, 85)
    if "red_patch" in signs:
        colour = (205, 90, 85)
    if "discoloured" in signs:
        colour = (125, 70, 105)
    if "firm" in signs or "raised_patch" in signs:
        colour = tuple(max(0, c - 15) for c in colour)
    field = Image.composite(Image.new("RGB", SIZE, colour), field, mark)

    draw = ImageDraw.Draw(field)
    _ruler(draw, top=height - 150, left=width // 2 - 50 * PX_PER_MM // 2)
    draw.text((20, 20), "Demo picture - not a real person", fill=(90, 60, 50))
    buffer = io.BytesIO()
    field.save(buffer, "JPEG", quality=88)
    return buffer.getvalue()


def _ruler(draw, *, top, left, length_mm=50):
    right = left + length_mm * PX_PER_MM
    draw.rectangle(
        (left - 10, top, right + 10, top + 70), fill=(245, 240, 220), outline=(60, 60, 60)
    )
    for mm in range(length_mm + 1):
        x = left + mm * PX_PER_MM
        tick = 30 if mm % 10 == 0 else (20 if mm % 5 == 0 else 12)
        draw.line((x, top, x, top + tick), fill=(30, 30, 30), width=2)
        if mm % 10 == 0:
            draw.text((x - 6, top + 40), f"{mm // 10}", fill=(30, 30, 30))


def add_demo_photos(*, entries, author):
    """Give each entry without a photo one generated photo (idempotent)."""
    for entry in entries:
        if entry.photos.exists():
            continue
        data = demo_picture(size_mm=entry.size_mm, signs=entry.signs, seed=entry.pk)
        upload = SimpleUploadedFile("demo.jpg", data, content_type="image/jpeg")
        attach_photos(entry=entry, files=[upload], author=author)


def mark_centre(seed):
    """Where demo_picture puts the mark for this seed (the same random draws, in order)."""
    rng = random.Random(seed)
    width, height = SIZE
    return width // 2 + rng.randint(-15, 15), height // 2 - 60 + rng.randint(-15, 15)


def add_demo_measurement(*, photo, author):
    """Measure the mark of a demo photo against its ruler, as the patient would (idempotent)."""
    from tracker.measurements import save_measurement, use_as_size

    if photo.measurements.exists() or photo.entry.size_mm is None:
        return None
    width, height = SIZE
    ruler_left, ruler_y = width // 2 - 50 * PX_PER_MM // 2, height - 150 + 15
    cx, cy = mark_centre(photo.entry.pk)
    half = photo.entry.size_mm * PX_PER_MM / 2
    measurement = save_measurement(
        photo=photo,
        user=author,
        by_clinician=False,
        reference="ruler_10mm",
        reference_points=((ruler_left, ruler_y), (ruler_left + 10 * PX_PER_MM, ruler_y)),
        spot_points=((cx - half, cy), (cx + half, cy)),
    )
    use_as_size(measurement=measurement)
    return measurement
