"""Turn an uploaded photo into three clean, upright JPEG renditions.

This is a pure module: no Django, no database, no storage. The upload view calls
``process_photo`` and stores what it returns; limits come in as arguments (the
view passes ``settings.PHOTO_MAX_BYTES`` and ``settings.PHOTO_MAX_PIXELS``).

Decisions (see tests/test_imaging.py for each one in action):

* The type is decided by decoding with an allow-list of Pillow decoders
  (JPEG, PNG, WebP, HEIF). File name and browser content type are never read.
* Declared pixel counts (all frames) are checked before any pixel is decoded,
  and Pillow's DecompressionBombWarning is turned into an error, so a small
  file that claims to be huge is refused at once with flat memory.
* Animated PNG/WebP are refused (a moving picture is not a photo). Multi-image
  HEIF and multi-picture JPEG (MPO, e.g. phone gain maps) use the primary image,
  but every image counts towards the pixel limit.
* The EXIF orientation is applied to the pixels first; then nothing but pixels
  is written out: no EXIF, XMP, IPTC, comment, ICC profile or thumbnail.
* Colour: an embedded ICC profile (e.g. Display P3 from an iPhone) is converted
  to sRGB with LittleCMS, and the output carries no profile (browsers assume
  sRGB). A profile whose name says sRGB is trusted and skipped (saves time); a
  broken profile is ignored rather than refusing the photo. HEIF colour given
  only as an nclx box (no ICC) is treated as sRGB.
* Output is always JPEG (one type to serve, compare and export). Transparency
  is flattened onto white: a photo of skin has no meaningful alpha.
* Master: full resolution, quality 92. Screen: <= 1600 px long side, quality
  85. Thumbnail: <= 400 px, quality 85, made from the screen pixels.

Refusals raise ``PhotoRejected`` with a stable ``code`` and a plain English
``message`` (marked for translation with a local ``gettext_noop`` so
``makemessages`` picks it up without importing Django). The view shows
``gettext(exc.message) % exc.params``.
"""

from __future__ import annotations

import hashlib
import io
import warnings
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from typing import BinaryIO

import pillow_heif
from PIL import Image, ImageCms, ImageFile, ImageOps

pillow_heif.register_heif_opener(thumbnails=False, depth_images=False, aux_images=False)

ALLOWED_FORMATS = ("JPEG", "PNG", "WEBP", "HEIF")
CONTENT_TYPE = "image/jpeg"
EXTENSION = "jpg"
SCREEN_LONG_SIDE = 1600
THUMBNAIL_LONG_SIDE = 400
MASTER_QUALITY = 92
SMALL_QUALITY = 85
# Box-average down by whole factors before the final filter: much faster on
# 12 MP photos and visually the same at these sizes.
REDUCING_GAP = 2.0

_EXIF_IFD = 0x8769
_DATETIME_ORIGINAL = 0x9003
_DATETIME_DIGITIZED = 0x9004


def gettext_noop(message: str) -> str:
    """Mark a string for translation without importing Django."""
    return message


MESSAGES = {
    "empty": gettext_noop("This file is empty. Please choose the photo again."),
    "too_large": gettext_noop(
        "This photo is too big to upload. The limit is %(max_mb)s MB for each photo. "
        "Try a smaller copy."
    ),
    "not_image": gettext_noop(
        "This file is not a photo we can use. Please choose a JPEG, PNG, WebP or HEIC photo."
    ),
    "animated": gettext_noop("Moving pictures cannot be used. Please choose a still photo."),
    "too_many_pixels": gettext_noop(
        "This photo has too many pixels for us to handle (the limit is %(max_mp)s "
        "megapixels). Please choose a smaller photo."
    ),
    "corrupt": gettext_noop(
        "This photo seems damaged or only partly uploaded. "
        "Please try again, or choose another photo."
    ),
}


class PhotoRejected(Exception):
    """The upload cannot be used; ``message % params`` tells the patient why."""

    def __init__(self, code: str, **params: object) -> None:
        self.code = code
        self.message = MESSAGES[code]
        self.params = params
        super().__init__(self.message % params if params else self.message)


@dataclass(frozen=True)
class Rendition:
    data: bytes = field(repr=False)
    width: int
    height: int


@dataclass(frozen=True)
class ProcessedPhoto:
    master: Rendition
    screen: Rendition
    thumbnail: Rendition
    sha256: str  # hex digest of master.data, for later integrity checks
    taken_at: datetime | None  # camera's wall-clock time (naive), from EXIF
    source_format: str  # which decoder accepted the upload, e.g. "HEIF"
    content_type: str = CONTENT_TYPE
    extension: str = EXTENSION

    @property
    def width(self) -> int:
        return self.master.width

    @property
    def height(self) -> int:
        return self.master.height


def process_photo(stream: BinaryIO | bytes, *, max_bytes: int, max_pixels: int) -> ProcessedPhoto:
    """Validate, orient, clean and re-encode one uploaded photo.

    ``stream`` is read from its current position (a Django UploadedFile, any
    binary file object, or bytes). Raises ``PhotoRejected`` for anything that
    is not a usable still photo within the limits.
    """
    data = _read_limited(stream, max_bytes=max_bytes)
    im, source_format, taken_at = _decode(data, max_pixels=max_pixels)
    del data
    profile = im.info.get("icc_profile")
    im = _to_srgb(_flatten(im), profile=profile)
    im.info = {}  # nothing but pixels from here on: no EXIF, XMP, comment, ICC

    master = _encode(im, quality=MASTER_QUALITY)
    screen_im = _shrink(im, SCREEN_LONG_SIDE)
    del im
    screen = _encode(screen_im, quality=SMALL_QUALITY)
    thumbnail = _encode(_shrink(screen_im, THUMBNAIL_LONG_SIDE), quality=SMALL_QUALITY)
    return ProcessedPhoto(
        master=master,
        screen=screen,
        thumbnail=thumbnail,
        sha256=hashlib.sha256(master.data).hexdigest(),
        taken_at=taken_at,
        source_format=source_format,
    )


def _read_limited(stream: BinaryIO | bytes, *, max_bytes: int) -> bytes:
    data = bytes(stream) if isinstance(stream, bytes | bytearray) else stream.read(max_bytes + 1)
    if not data:
        raise PhotoRejected("empty")
    if len(data) > max_bytes:
        raise PhotoRejected("too_large", max_mb=f"{max_bytes / (1024 * 1024):g}")
    return data


def _decode(data: bytes, *, max_pixels: int) -> tuple[Image.Image, str, datetime | None]:
    """Open with the allow-list, check declared sizes, then decode and orient."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            im = Image.open(io.BytesIO(data), formats=ALLOWED_FORMATS)
            source_format = "JPEG" if im.format == "MPO" else im.format
            _check_frames(im, max_pixels=max_pixels)
            # A process-wide Pillow switch that other libraries flip on import (WeasyPrint sets
            # it True): a truncated upload must be refused, never padded with grey.
            ImageFile.LOAD_TRUNCATED_IMAGES = False
            im.load()
            taken_at = _taken_at(im)
            # Before anything is stripped; a wrong guess here would swap the
            # patient's left and right, so a broken EXIF block refuses the photo.
            ImageOps.exif_transpose(im, in_place=True)
    except PhotoRejected:
        raise
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise PhotoRejected("too_many_pixels", max_mp=f"{max_pixels / 1_000_000:g}") from None
    except Image.UnidentifiedImageError:
        raise PhotoRejected("not_image") from None
    except Exception:  # any decoder failure is a damaged upload, never a 500
        raise PhotoRejected("corrupt") from None
    return im, source_format, taken_at


def _check_frames(im: Image.Image, *, max_pixels: int) -> None:
    """Refuse animations and count declared pixels of every frame, decoding nothing."""
    n_frames = getattr(im, "n_frames", 1)
    if n_frames > 1 and im.format in ("PNG", "WEBP"):
        raise PhotoRejected("animated")
    total = im.width * im.height
    if n_frames > 1:  # HEIF collections and MPO: images may differ in size
        primary = im.tell()
        total = 0
        for index in range(n_frames):
            im.seek(index)
            total += im.width * im.height
        im.seek(primary)
    if total > max_pixels:
        raise PhotoRejected("too_many_pixels", max_mp=f"{max_pixels / 1_000_000:g}")


def _taken_at(im: Image.Image) -> datetime | None:
    exif_ifd = im.getexif().get_ifd(_EXIF_IFD)
    raw = exif_ifd.get(_DATETIME_ORIGINAL) or exif_ifd.get(_DATETIME_DIGITIZED)
    if isinstance(raw, bytes):
        raw = raw.decode("ascii", "replace")
    if not isinstance(raw, str):
        return None
    raw = raw.strip("\x00 ")[:19]
    for pattern in ("%Y:%m:%d %H:%M:%S", "%Y-%m-%d %H:%M:%S"):
        try:
            return datetime.strptime(raw, pattern)
        except ValueError:
            continue
    return None


def _flatten(im: Image.Image) -> Image.Image:
    """Return an RGB, L or CMYK image with no transparency (flattened on white)."""
    if im.has_transparency_data:
        rgba = im.convert("RGBA")
        flat = Image.new("RGB", im.size, "white")
        flat.paste(rgba, mask=rgba.getchannel("A"))
        return flat
    if im.mode in ("RGB", "L", "CMYK"):
        return im
    if im.mode.startswith("I"):  # 16-bit greyscale PNG: scale, do not clip
        return im.convert("I").point(lambda v: v / 256).convert("L")
    return im.convert("RGB")


def _to_srgb(im: Image.Image, *, profile: bytes | None) -> Image.Image:
    """Convert pixels described by an embedded ICC profile to sRGB (RGB or L out)."""
    transform = _transform_to_srgb(profile, im.mode) if profile and im.mode != "L" else None
    if transform is None:
        return im.convert("RGB") if im.mode == "CMYK" else im
    if im.mode == "RGB":
        ImageCms.applyTransform(im, transform, inPlace=True)
        return im
    return ImageCms.applyTransform(im, transform)


@lru_cache(maxsize=8)
def _transform_to_srgb(profile: bytes, mode: str) -> ImageCms.ImageCmsTransform | None:
    """A cached transform, or None for sRGB profiles and ones LittleCMS cannot use."""
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
        if "srgb" in ImageCms.getProfileDescription(source).lower() and mode == "RGB":
            return None
        return ImageCms.buildTransform(source, _SRGB, mode, "RGB")
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        return None  # a broken profile: keep the pixels as they are


_SRGB = ImageCms.createProfile("sRGB")


def _shrink(im: Image.Image, long_side: int) -> Image.Image:
    width, height = im.size
    if max(width, height) <= long_side:
        return im
    scale = long_side / max(width, height)
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    return im.resize(size, Image.Resampling.LANCZOS, reducing_gap=REDUCING_GAP)


def _encode(im: Image.Image, *, quality: int) -> Rendition:
    buffer = io.BytesIO()
    # Only pixels: no exif=, icc_profile=, xmp= or comment= is ever passed.
    im.save(buffer, "JPEG", quality=quality)
    return Rendition(data=buffer.getvalue(), width=im.width, height=im.height)
