"""The pure photo pipeline (tracker/imaging.py): no database, fixtures made with Pillow here."""

import io
import struct

import pytest
from PIL import Image, ImageFile

from tests.images import (
    BLUE,
    GREEN,
    MB,
    RED,
    YELLOW,
    bomb_png,
    close,
    encode,
    exif_with,
    gif_animation,
    noisy_photo,
    process,
    quadrants,
    refused,
    reopen,
    stored_as,
)
from tracker import imaging
from tracker.imaging import PhotoRejected, process_photo

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
