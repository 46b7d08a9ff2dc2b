"""Generated image bytes for the tests and the benchmarks: Pillow only, no Django.

Every generator is cached: a test gets the same bytes for the same arguments without encoding the
picture again (bytes are immutable, so sharing them is safe). Benchmarks import this module
without Django set up.
"""

import functools
import io
import random
import struct
import zlib

from PIL import Image

from tracker import imaging  # noqa: F401  (registers the HEIF opener; pure, no Django)
from tracker.imaging import PhotoRejected, process_photo

GPS_IFD, EXIF_IFD = 0x8825, 0x8769
MAKE, MODEL, SOFTWARE, BODY_SERIAL = 0x010F, 0x0110, 0x0131, 0xA431
DATETIME_ORIGINAL = 0x9003


def picture(size=(320, 240), colour=(200, 150, 130), seed=0):
    im = Image.new("RGB", size, colour)
    # A dark mark, different per seed, so two pictures never hash the same.
    im.paste((90 + seed % 100, 50, 40), (40 + seed % 50, 40, 120 + seed % 50, 120))
    return im


def phone_exif(taken="2026:03:12 14:05:00"):
    exif = Image.Exif()
    exif[MAKE] = "Acme"
    exif[MODEL] = "Phone 12"
    exif[SOFTWARE] = "AcmeOS 1.0"
    exif.get_ifd(EXIF_IFD)[DATETIME_ORIGINAL] = taken
    exif.get_ifd(EXIF_IFD)[BODY_SERIAL] = "SN-123456"
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (51.0, 30.0, 0.0), 3: "W", 4: (0.0, 7.0, 0.0)})
    return exif


@functools.cache
def photo_bytes(fmt="JPEG", *, seed=0, size=(320, 240), exif=True, taken="2026:03:12 14:05:00"):
    buffer = io.BytesIO()
    params = {"exif": phone_exif(taken).tobytes()} if exif and fmt != "PNG" else {}
    if fmt == "PNG" and exif:
        params = {"exif": phone_exif(taken)}
    picture(size, seed=seed).save(buffer, fmt, **params)
    return buffer.getvalue()


@functools.cache
def gif_animation():
    """A three-frame animated GIF (refused: only still photos are allowed)."""
    frames = [Image.new("P", (20, 20), colour) for colour in (1, 2, 3)]
    buffer = io.BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:], duration=100)
    return buffer.getvalue()


@functools.cache
def bomb_png(width=10_000, height=10_000):
    """A ~12 KB 1-bit PNG that declares width x height pixels."""

    def chunk(kind, body):
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    compressor = zlib.compressobj(9)
    row = bytes(1 + (width + 7) // 8)
    idat = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def icc_text_description(text):
    ascii_text = text.encode("ascii") + b"\0"
    return (
        b"desc"
        + bytes(4)
        + struct.pack(">I", len(ascii_text))
        + ascii_text
        + bytes(4 + 4 + 2 + 1 + 67)
    )


@functools.cache
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


# --- the pipeline, as the tests of tracker/imaging.py call it --------------------------------

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
    """The code of the pipeline's refusal (fails if the photo is accepted)."""
    try:
        process(data, **limits)
    except PhotoRejected as refusal:
        return refusal.code
    raise AssertionError("the photo was accepted")


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


def noisy_photo(size=(640, 480), seed=0):
    """Grain in skin-like tones: hard to compress, like a real photo. Always the same pixels for
    the same size and seed (random grain could, once in a while, spell a "secret" that the
    metadata tests look for), so it is made once and copied."""
    return _noisy_photo(size, seed).copy()


@functools.cache
def _noisy_photo(size, seed):
    rng = random.Random(seed)
    count = size[0] * size[1]
    return Image.merge(
        "RGB",
        [
            Image.frombytes("L", size, rng.randbytes(count)).point(lambda v, o=o: v // 2 + o)
            for o in (90, 60, 50)
        ],
    )


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
