"""What comes out of the photo pipeline (tracker/imaging.py): nothing but pixels, the promised
sizes, sRGB colour, the capture time. No database."""

import hashlib
import struct
from datetime import datetime

import pillow_heif
import pytest
from PIL import Image, ImageCms, PngImagePlugin

from tests.images import (
    BLUE,
    LIMITS,
    RED,
    close,
    display_p3_profile,
    encode,
    exif_with,
    noisy_photo,
    process,
    quadrants,
    refused,
    reopen,
    stored_as,
)
from tracker.imaging import PhotoRejected, process_photo

# --- nothing but pixels comes out ---------------------------------------------------------------

ALLOWED_JPEG_MARKERS = {0xD8, 0xE0, 0xDB, 0xC0, 0xC4, 0xDA, 0xDD}  # SOI APP0 DQT SOF0 DHT SOS DRI


def jpeg_markers(data):
    """Markers before the image data (the scan), found by walking the segment lengths."""
    assert data[:2] == b"\xff\xd8"
    markers, pos = [0xD8], 2
    while True:
        assert data[pos] == 0xFF
        marker = data[pos + 1]
        markers.append(marker)
        if marker == 0xDA:
            return markers
        pos += 2 + struct.unpack(">H", data[pos + 2 : pos + 4])[0]


SECRETS = [
    b"Exif",
    b"GPS",
    b"AcmePhone",
    b"Model X9",
    b"SN-4471",
    b"PhotoEditor",
    b"xmpmeta",
    b"secret comment",
]
SECRETS += [b"Photoshop 3.0", b"ICC_PROFILE", b"<script", b"2024:03:05"]


def assert_clean(photo):
    for rendition in (photo.master, photo.screen, photo.thumbnail):
        assert set(jpeg_markers(rendition.data)) <= ALLOWED_JPEG_MARKERS
        for secret in SECRETS:
            assert secret not in rendition.data, secret
        im = reopen(rendition)
        assert not im.getexif()
        assert not {"exif", "xmp", "icc_profile", "comment", "photoshop"} & set(im.info)
        assert im.format == "JPEG" and im.mode in ("RGB", "L")


def loaded_exif():
    exif = exif_with(t010F="AcmePhone", t0110="Model X9", t0131="PhotoEditor 2.0", t0112=1)
    exif.get_ifd(0x8769).update(
        {0x9003: "2024:03:05 14:30:00", 0xA431: "SN-4471", 0x927C: b"SN-4471 maker"}
    )
    exif.get_ifd(0x8825).update({1: "N", 2: (51.0, 30.0, 0.0), 3: "W", 4: (0.0, 7.0, 0.0)})
    return exif


def with_iptc(jpeg):
    """Insert a Photoshop/IPTC APP13 segment right after SOI."""
    body = b"Photoshop 3.0\x008BIM\x04\x04\x00\x00\x00\x00\x00\x0c\x1c\x02\x19\x00\x08patient!"
    return jpeg[:2] + b"\xff\xed" + struct.pack(">H", len(body) + 2) + body + jpeg[2:]


def test_jpeg_renditions_carry_no_metadata():
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    data = encode(
        noisy_photo(),
        exif=loaded_exif().tobytes(),
        xmp=b'<x:xmpmeta xmlns:x="adobe:ns:meta/">GPS</x:xmpmeta>',
        comment=b"secret comment",
        icc_profile=srgb,
    )
    data = with_iptc(data)
    for secret in (
        b"AcmePhone",
        b"SN-4471",
        b"xmpmeta",
        b"secret comment",
        b"Photoshop 3.0",
        b"GPS",
    ):
        assert secret in data  # the fixture really carries it
    photo = process(data)
    assert photo.taken_at == datetime(2024, 3, 5, 14, 30)
    assert_clean(photo)


@pytest.mark.parametrize("fmt", ["PNG", "WEBP", "HEIF"])
def test_other_formats_lose_their_metadata_too(fmt):
    params = {"exif": loaded_exif().tobytes()}
    if fmt == "PNG":
        info = PngImagePlugin.PngInfo()
        info.add_text("Comment", "secret comment")
        info.add_itxt("XML:com.adobe.xmp", "<x:xmpmeta>GPS</x:xmpmeta>")
        params["pnginfo"] = info
    photo = process(encode(noisy_photo(), fmt, **params))
    assert photo.source_format == fmt
    assert_clean(photo)


def test_png_with_a_script_glued_on_comes_out_clean():
    info = PngImagePlugin.PngInfo()
    info.add_text("Description", "<script>alert(1)</script>")
    data = encode(noisy_photo(), "PNG", pnginfo=info) + b"<script>alert(document.cookie)</script>"
    photo = process(data)
    assert_clean(photo)


def test_jpeg_polyglot_tail_is_dropped():
    data = encode(noisy_photo()) + b"<?php system($_GET['c']); ?><script>alert(1)</script>"
    photo = process(data)
    assert b"<?php" not in photo.master.data
    assert_clean(photo)


# --- formats, sizes, colour ----------------------------------------------------------------------


def test_heic_from_an_iphone_is_accepted():
    exif = exif_with(t010F="Apple", t0110="iPhone 15", t0112=6)
    exif.get_ifd(0x8769)[0x9003] = "2023:11:20 08:15:42"
    data = encode(stored_as(quadrants(), 6), "HEIF", exif=exif.tobytes(), quality=90)
    assert pillow_heif.is_supported(data)
    photo = process(data)
    assert photo.source_format == "HEIF"
    assert photo.taken_at == datetime(2023, 11, 20, 8, 15, 42)
    assert (photo.width, photo.height) == (60, 40)
    assert b"Apple" not in photo.master.data and b"iPhone" not in photo.master.data


def test_renditions_have_the_promised_sizes():
    photo = process(encode(noisy_photo((2000, 1000))))
    assert (photo.master.width, photo.master.height) == (2000, 1000)
    assert (photo.screen.width, photo.screen.height) == (1600, 800)
    assert (photo.thumbnail.width, photo.thumbnail.height) == (400, 200)
    for rendition in (photo.master, photo.screen, photo.thumbnail):
        assert reopen(rendition).size == (rendition.width, rendition.height)
    assert (photo.content_type, photo.extension) == ("image/jpeg", "jpg")


def test_portrait_and_small_photos_are_never_enlarged():
    portrait = process(encode(noisy_photo((900, 1800))))
    assert (portrait.screen.width, portrait.screen.height) == (800, 1600)
    assert (portrait.thumbnail.width, portrait.thumbnail.height) == (200, 400)
    small = process(encode(noisy_photo((300, 200))))
    assert {(r.width, r.height) for r in (small.master, small.screen, small.thumbnail)} == {
        (300, 200)
    }


def test_sha256_is_of_the_stored_master_and_repeatable():
    data = encode(noisy_photo())
    photo = process(data)
    assert photo.sha256 == hashlib.sha256(photo.master.data).hexdigest()
    assert process(data).sha256 == photo.sha256  # the same photo twice can be spotted


def p3_to_srgb(rgb):
    """Reference conversion, by hand: decode the curve, P3->sRGB matrix (both D65), encode."""

    def linear(v):
        v /= 255
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

    def encoded(v):
        v = min(max(v, 0.0), 1.0)
        return round(255 * (12.92 * v if v <= 0.0031308 else 1.055 * v ** (1 / 2.4) - 0.055))

    r, g, b = (linear(v) for v in rgb)
    matrix = ((1.2249, -0.2247, 0.0), (-0.0420, 1.0419, 0.0), (-0.0197, -0.0786, 1.0979))
    return tuple(encoded(m[0] * r + m[1] * g + m[2] * b) for m in matrix)


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "HEIF"])
def test_display_p3_photo_is_converted_to_srgb(fmt):
    p3_colours = [(200, 100, 100), (255, 0, 0), (60, 160, 90)]
    im = Image.new("RGB", (90, 30))
    for i, colour in enumerate(p3_colours):
        im.paste(colour, (30 * i, 0, 30 * i + 30, 30))
    photo = process(encode(im, fmt, icc_profile=display_p3_profile(), quality=98))
    out = reopen(photo.master)
    assert "icc_profile" not in out.info
    for i, colour in enumerate(p3_colours):
        expected = p3_to_srgb(colour)
        assert close(out.getpixel((30 * i + 15, 15)), expected, 4), (colour, expected)
    assert not close(p3_to_srgb(p3_colours[0]), p3_colours[0], 4)  # the conversion is visible
    red = out.getpixel((45, 15))
    assert red[0] >= 245 and red[1] <= 20 and red[2] <= 20  # P3 red stays a strong red


def test_srgb_and_broken_profiles_leave_pixels_alone():
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    for profile in (srgb, b"not a colour profile at all"):
        photo = process(
            encode(Image.new("RGB", (30, 30), (200, 100, 100)), icc_profile=profile, quality=98)
        )
        assert close(reopen(photo.master).getpixel((15, 15)), (200, 100, 100), 3)


@pytest.mark.parametrize("mode", ["RGBA", "LA", "P"])
def test_transparency_is_flattened_on_white(mode):
    im = Image.new("RGBA", (40, 20), (0, 0, 0, 0))
    im.paste((0, 0, 255, 255), (20, 0, 40, 20))
    if mode == "P":
        im = im.convert("P", palette=Image.Palette.ADAPTIVE)
        im.info["transparency"] = im.getpixel((0, 0))
    else:
        im = im.convert(mode)
    photo = process(encode(im, "PNG"))
    out = reopen(photo.master).convert("RGB")
    assert close(out.getpixel((5, 10)), (255, 255, 255), 3)
    assert not close(out.getpixel((35, 10)), (255, 255, 255), 60)


@pytest.mark.parametrize(
    ("im", "fmt", "expected"),
    [
        (Image.new("I;16", (20, 20), 40_000), "PNG", 156),  # 16-bit grey is scaled, not clipped
        (Image.new("L", (20, 20), 90), "JPEG", 90),
        (Image.new("1", (20, 20), 1), "PNG", 255),
        (Image.new("CMYK", (20, 20), (0, 0, 0, 0)), "JPEG", 255),
    ],
)
def test_other_pixel_modes_become_plain_grey_or_rgb(im, fmt, expected):
    out = reopen(process(encode(im, fmt)).master)
    assert out.mode in ("L", "RGB")
    assert abs(out.convert("L").getpixel((10, 10)) - expected) <= 3


def test_multi_picture_jpeg_uses_the_first_picture():
    frames = [Image.new("RGB", (40, 30), RED), Image.new("RGB", (20, 15), BLUE)]
    data = encode(frames[0], "MPO", save_all=True, append_images=frames[1:])
    photo = process(data)
    assert photo.source_format == "JPEG"
    assert close(reopen(photo.master).getpixel((5, 5)), RED, 10)
    assert refused(data, max_pixels=1_300) == "too_many_pixels"  # 1,200 + 300 pixels


# --- capture time -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("exif_ifd", "expected"),
    [
        ({0x9003: "2024:03:05 14:30:00"}, datetime(2024, 3, 5, 14, 30)),
        ({0x9004: "2022:01:02 03:04:05"}, datetime(2022, 1, 2, 3, 4, 5)),  # digitized as fallback
        ({0x9003: "2024-03-05 14:30:00\x00"}, datetime(2024, 3, 5, 14, 30)),
        ({0x9003: "0000:00:00 00:00:00"}, None),
        ({0x9003: "yesterday"}, None),
        ({}, None),
    ],
)
def test_taken_at_is_read_from_exif(exif_ifd, expected):
    exif = exif_with(t0132="2030:01:01 00:00:00")  # file modification time: ignored
    exif.get_ifd(0x8769).update(exif_ifd)
    assert process(encode(noisy_photo(), exif=exif.tobytes())).taken_at == expected


def test_no_exif_means_no_capture_time():
    assert process(encode(noisy_photo(), "PNG")).taken_at is None


# --- file names and content types are irrelevant -------------------------------------------------


def test_file_name_and_content_type_are_ignored():
    from django.core.files.uploadedfile import SimpleUploadedFile

    jpeg = encode(noisy_photo())
    disguised = SimpleUploadedFile("../../etc/passwd.svg", jpeg, content_type="image/svg+xml")
    assert process_photo(disguised, **LIMITS).sha256 == process(jpeg).sha256
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"/>'
    honest_looking = SimpleUploadedFile("IMG_0001.jpg", svg, content_type="image/jpeg")
    with pytest.raises(PhotoRejected):
        process_photo(honest_looking, **LIMITS)


def test_bytes_are_accepted_as_well_as_streams():
    jpeg = encode(noisy_photo())
    assert process_photo(jpeg, **LIMITS).sha256 == process(jpeg).sha256
