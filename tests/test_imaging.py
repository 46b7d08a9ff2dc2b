"""The pure photo pipeline (tracker/imaging.py): no database, fixtures made with Pillow here."""

import hashlib
import io
import struct
from datetime import datetime

import pillow_heif
import pytest
from PIL import Image, ImageCms, ImageFile, PngImagePlugin

from tests.photo_helpers import bomb_png, gif_animation
from tracker import imaging
from tracker.imaging import PhotoRejected, process_photo

MB = 1024 * 1024
LIMITS = {"max_bytes": 25 * MB, "max_pixels": 50_000_000}
RED, GREEN, BLUE, YELLOW = (255, 0, 0), (0, 255, 0), (0, 0, 255), (255, 255, 0)


def encode(im, fmt="JPEG", **params):
    buffer = io.BytesIO()
    im.save(buffer, fmt, **params)
    return buffer.getvalue()


def process(data, **limits):
    return process_photo(io.BytesIO(data), **{**LIMITS, **limits})


def refused(data, **limits):
    with pytest.raises(PhotoRejected) as caught:
        process(data, **limits)
    return caught.value.code


def reopen(rendition):
    im = Image.open(io.BytesIO(rendition.data), formats=["JPEG"])
    im.load()
    return im


def quadrants(width=60, height=40):
    """Upright pattern: red top-left, green top-right, blue bottom-left, yellow bottom-right."""
    im = Image.new("RGB", (width, height), RED)
    im.paste(GREEN, (width // 2, 0, width, height // 2))
    im.paste(BLUE, (0, height // 2, width // 2, height))
    im.paste(YELLOW, (width // 2, height // 2, width, height))
    return im


def close(actual, expected, tolerance):
    return all(abs(a - e) <= tolerance for a, e in zip(actual, expected, strict=True))


def noisy_photo(size=(640, 480)):
    return Image.merge(
        "RGB", [Image.effect_noise(size, 40).point(lambda v, o=o: v // 2 + o) for o in (90, 60, 50)]
    )


# --- refusals: one per class ------------------------------------------------------------------


def psd_bytes():
    """A tiny raw RGB Photoshop file that Pillow itself would open."""
    width, height = 4, 4
    header = b"8BPS" + struct.pack(">H6xHIIHH", 1, 3, height, width, 8, 3)
    sections = struct.pack(">III", 0, 0, 0)  # colour mode data, resources, layers
    return header + sections + struct.pack(">H", 0) + bytes(3 * width * height)


def fits_bytes():
    """A tiny FITS image (astronomy format) that Pillow itself would open."""
    cards = [
        "SIMPLE  =                    T",
        "BITPIX  =                    8",
        "NAXIS   =                    2",
    ]
    cards += ["NAXIS1  =                    4", "NAXIS2  =                    4", "END"]
    header = "".join(card.ljust(80) for card in cards).ljust(2880).encode("ascii")
    return header + bytes(16).ljust(2880, b"\0")


def test_foreign_formats_open_in_pillow_without_the_allow_list():
    # Proves the refusals below come from the allow-list, not from unreadable fixtures.
    for data in (psd_bytes(), fits_bytes(), gif_animation()):
        Image.open(io.BytesIO(data)).load()


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', id="svg"
        ),
        pytest.param(encode(Image.new("RGB", (20, 20)), "PDF"), id="pdf"),
        pytest.param(encode(Image.new("RGB", (20, 20)), "EPS"), id="eps"),
        pytest.param(psd_bytes(), id="psd"),
        pytest.param(fits_bytes(), id="fits"),
        pytest.param(gif_animation(), id="gif-animation"),
        pytest.param(encode(Image.new("RGB", (20, 20)), "GIF"), id="gif-still"),
        pytest.param(encode(Image.new("RGB", (20, 20)), "TIFF"), id="tiff"),
        pytest.param(encode(Image.new("RGB", (20, 20)), "BMP"), id="bmp"),
        pytest.param(
            b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>", id="html"
        ),
        pytest.param(b"My skin looked red on Tuesday.\n", id="text"),
    ],
)
def test_files_that_are_not_allowed_photos_are_refused(data):
    assert refused(data) == "not_image"


def test_empty_file_is_refused():
    assert refused(b"") == "empty"


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP", "HEIF"])
def test_truncated_file_is_refused(fmt):
    data = encode(noisy_photo(), fmt)
    assert refused(data[: len(data) // 2]) in {"corrupt", "not_image"}


def test_truncated_jpeg_is_refused_as_damaged():
    data = encode(noisy_photo())
    assert refused(data[: len(data) // 2]) == "corrupt"


def test_truncated_jpeg_is_refused_even_after_weasyprint_allowed_truncation(monkeypatch):
    # Importing weasyprint sets ImageFile.LOAD_TRUNCATED_IMAGES = True for the whole process.
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)
    data = encode(noisy_photo())
    assert refused(data[: len(data) // 2]) == "corrupt"


def test_corrupt_bytes_after_a_valid_header_are_refused():
    data = bytearray(encode(noisy_photo(), "PNG"))
    data[200:400] = bytes(200)
    assert refused(bytes(data)) == "corrupt"


@pytest.mark.parametrize("fmt", ["PNG", "WEBP"])
def test_animations_are_refused(fmt):
    frames = [Image.new("RGB", (20, 20), colour) for colour in (RED, GREEN)]
    data = encode(frames[0], fmt, save_all=True, append_images=frames[1:], duration=100)
    assert refused(data) == "animated"


@pytest.fixture
def decode_spy(monkeypatch):
    """Records every pixel decode, to prove a refusal came before it."""
    calls = []
    real_load = ImageFile.ImageFile.load

    def load(self):
        calls.append(self.size)
        return real_load(self)

    monkeypatch.setattr(ImageFile.ImageFile, "load", load)
    return calls


def test_decompression_bomb_is_refused_before_decoding(decode_spy):
    data = bomb_png()
    assert len(data) < 20_000
    assert refused(data) == "too_many_pixels"
    assert decode_spy == []


def test_pillow_bomb_warning_is_an_error_even_with_a_generous_limit(decode_spy):
    # 100 MP is over Pillow's own bomb threshold; the warning must refuse, not just warn.
    assert refused(bomb_png(), max_pixels=500_000_000) == "too_many_pixels"
    assert decode_spy == []


def test_jpeg_declaring_a_huge_size_is_refused_before_decoding(decode_spy):
    data = bytearray(encode(Image.new("RGB", (16, 16))))
    sof = data.index(b"\xff\xc0")
    data[sof + 5 : sof + 9] = struct.pack(">HH", 20_000, 20_000)  # height, width: 400 MP
    assert refused(bytes(data), max_pixels=10**9) == "too_many_pixels"
    assert decode_spy == []


def test_image_over_the_pixel_limit_is_refused_before_decoding(decode_spy):
    data = encode(Image.new("RGB", (100, 60)))
    assert refused(data, max_pixels=5_000) == "too_many_pixels"
    assert decode_spy == []
    assert process(data, max_pixels=6_000).width == 100


def test_pixel_limit_counts_every_image_in_a_heif_file():
    frames = [Image.new("RGB", (60, 60), colour) for colour in (RED, GREEN)]
    buffer = io.BytesIO()
    frames[0].save(buffer, "HEIF", save_all=True, append_images=frames[1:])
    data = buffer.getvalue()
    assert refused(data, max_pixels=5_000) == "too_many_pixels"  # 2 x 3,600
    assert process(data, max_pixels=8_000).width == 60


def test_file_over_the_byte_limit_is_refused():
    data = encode(noisy_photo())
    assert refused(data, max_bytes=len(data) - 1) == "too_large"
    assert process(data, max_bytes=len(data)).width == 640


def test_only_the_byte_limit_is_read_from_the_stream():
    class Stream(io.BytesIO):
        def read(self, size=-1):
            assert 0 < size <= 1001
            return super().read(size)

    with pytest.raises(PhotoRejected) as caught:
        process_photo(Stream(bytes(5000)), max_bytes=1000, max_pixels=10)
    assert caught.value.code == "too_large"


def test_refusal_messages_are_plain_sentences_with_their_limits():
    with pytest.raises(PhotoRejected) as caught:
        process(bytes(3 * MB), max_bytes=2 * MB)
    assert "The limit is 2 MB for each photo." in str(caught.value)
    with pytest.raises(PhotoRejected) as caught:
        process(encode(Image.new("RGB", (3000, 2000))), max_pixels=5_000_000)
    assert "the limit is 5 megapixels" in str(caught.value)
    for code, message in imaging.MESSAGES.items():
        assert message.endswith("."), code
        assert not any(word in message.lower() for word in ("pillow", "decompression", "error"))


# --- orientation ---------------------------------------------------------------------------------

# For each EXIF orientation, where the upright pixel (x, y) of a w x h picture is stored, and the
# stored size. Written from the EXIF definitions (row 0 / column 0 placement), not from Pillow.
STORED_AT = {
    1: lambda x, y, w, h: (x, y),
    2: lambda x, y, w, h: (w - 1 - x, y),  # mirrored left-right
    3: lambda x, y, w, h: (w - 1 - x, h - 1 - y),
    4: lambda x, y, w, h: (x, h - 1 - y),  # mirrored top-bottom
    5: lambda x, y, w, h: (y, x),  # mirrored along the main diagonal
    6: lambda x, y, w, h: (y, w - 1 - x),  # display needs a 90 degree clockwise turn
    7: lambda x, y, w, h: (h - 1 - y, w - 1 - x),  # mirrored along the other diagonal
    8: lambda x, y, w, h: (h - 1 - y, x),
}


def stored_as(upright, orientation):
    w, h = upright.size
    size = (w, h) if orientation <= 4 else (h, w)
    stored = Image.new("RGB", size)
    for y in range(h):
        for x in range(w):
            stored.putpixel(STORED_AT[orientation](x, y, w, h), upright.getpixel((x, y)))
    return stored


def exif_with(**tags):
    exif = Image.Exif()
    for tag, value in tags.items():
        exif[int(tag.removeprefix("t"), 16)] = value
    return exif


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP", "HEIF"])
@pytest.mark.parametrize("orientation", range(1, 9))
def test_every_exif_orientation_comes_out_upright_and_unmirrored(orientation, fmt):
    exif = exif_with(t0112=orientation)
    data = encode(stored_as(quadrants(), orientation), fmt, exif=exif.tobytes(), quality=95)
    photo = process(data)
    assert (photo.width, photo.height) == (60, 40)
    for rendition in (photo.master, photo.screen, photo.thumbnail):
        im = reopen(rendition)
        assert im.size == (60, 40)
        for (x, y), colour in {
            (15, 10): RED,
            (45, 10): GREEN,
            (15, 30): BLUE,
            (45, 30): YELLOW,
        }.items():
            assert close(im.getpixel((x, y)), colour, 40), (
                orientation,
                (x, y),
                im.getpixel((x, y)),
            )


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


def icc_text_description(text):
    ascii_text = text.encode("ascii") + b"\0"
    return (
        b"desc"
        + bytes(4)
        + struct.pack(">I", len(ascii_text))
        + ascii_text
        + bytes(4 + 4 + 2 + 1 + 67)
    )


def display_p3_profile():
    """A minimal ICC v2 matrix/curve profile for Display P3 (D50-adapted colourants, sRGB curve)."""

    def s15(value):
        return struct.pack(">i", round(value * 65536))

    def xyz(x, y, z):
        return b"XYZ " + bytes(4) + s15(x) + s15(y) + s15(z)

    curve = b"para" + bytes(4) + struct.pack(">HH", 3, 0)
    curve += b"".join(s15(v) for v in (2.4, 1 / 1.055, 0.055 / 1.055, 1 / 12.92, 0.04045))
    tags = [
        (b"desc", icc_text_description("Display P3 (test)")),
        (b"wtpt", xyz(0.9642, 1.0, 0.8249)),
        (b"rXYZ", xyz(0.51512, 0.24119, -0.00105)),
        (b"gXYZ", xyz(0.29198, 0.69225, 0.04189)),
        (b"bXYZ", xyz(0.15710, 0.06657, 0.78407)),
        (b"rTRC", curve),
        (b"gTRC", curve),
        (b"bTRC", curve),
    ]
    offset = 128 + 4 + 12 * len(tags)
    table, body = b"", b""
    for signature, data in tags:
        data += bytes(-len(data) % 4)
        table += signature + struct.pack(">II", offset + len(body), len(data))
        body += data
    size = offset + len(body)
    header = struct.pack(">I4sI4s4s4s", size, b"lcms", 0x02100000, b"mntr", b"RGB ", b"XYZ ")
    header += bytes(12) + b"acsp" + bytes(24 + 4) + s15(0.9642) + s15(1.0) + s15(0.8249)
    header = header.ljust(128, b"\0")
    return header + struct.pack(">I", len(tags)) + table + body


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
