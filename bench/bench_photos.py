"""Photo upload benchmark: tracker.imaging.process_photo against the bare minimum with Pillow.

Run: .venv/bin/python bench/bench_photos.py [--repeat N] [--quick]

Inputs are generated here: a 12-megapixel (4032 x 3024) photo-like picture (skin-toned gradient,
blotches and fine grain, so it compresses like a real photo), saved as a phone would save it:
a JPEG (quality 92, EXIF orientation 6 = held upright) and a HEIC (same, via pillow-heif), and
a HEIC carrying a Display P3 profile like an iPhone's (the pipeline converts it to sRGB, which the
bare minimum does not do, so that line is not like-for-like).

"Bare minimum" = decode, orient, resize to the two smaller sizes, encode all three; it uses the
same resize strategy and JPEG qualities as the pipeline, so the ratio measures what the pipeline
adds (allow-list, frame and pixel checks, EXIF date, metadata stripping, colour, hashing).
Times are the best of N runs in this process, the pipeline and the minimum taking turns (the
machine is shared and noisy). `--quick` (for CI: does every step still run?) uses a 1 MP picture
and one run. Peak memory is measured in a fresh child process
per case, as the rise of the peak resident set size (VmHWM) during one upload: Pillow allocates
pixel memory in C, which tracemalloc cannot see.
"""

import argparse
import io
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PIL import Image, ImageDraw, ImageFilter, ImageOps  # noqa: E402

from tests.images import display_p3_profile  # noqa: E402  (pure: no Django needed)
from tracker import imaging  # noqa: E402  (also registers the HEIF opener)

SIZE = (4032, 3024)
QUICK_SIZE = (1344, 1008)
LIMITS = {"max_bytes": 25 * 1024 * 1024, "max_pixels": 50_000_000}


def photo_like(size=SIZE):
    """Skin with blotches, pores and grain, a dark mark and a ruler: a realistic codec load."""
    width, height = size
    s = width / SIZE[0]  # the mark and the ruler are drawn for 12 MP; scale them to `size`
    blotches = Image.new("L", size, 128)
    for scale, blur in ((32, 3), (8, 4), (2, 2)):  # coarse to fine texture
        noise = Image.effect_noise((width // scale, height // scale), 60)
        noise = ImageOps.autocontrast(noise.filter(ImageFilter.GaussianBlur(blur)))
        blotches = Image.blend(blotches, noise.resize(size, Image.Resampling.BICUBIC), 0.4)
    shade = Image.linear_gradient("L").resize(size).point(lambda v: 40 + v // 3)
    channels = []
    # Each channel = a * blotches + b * shade + c * grain + offset (a skin tone, roughly).
    for matrix in ((0.30, 0.40, 0.25, 95), (0.35, 0.40, 0.25, 35), (0.30, 0.35, 0.25, 15)):
        grain = Image.effect_noise(size, 18)
        channels.append(Image.merge("RGB", (blotches, shade, grain)).convert("L", matrix))
    im = Image.merge("RGB", channels)
    draw = ImageDraw.Draw(im)
    draw.ellipse([v * s for v in (1800, 1300, 2250, 1650)], fill=(120, 60, 70))  # the mark
    draw.rectangle([v * s for v in (300, 2600, 3700, 2800)], fill=(235, 235, 225))  # a ruler
    for x in range(300, 3700, 40):
        tick = (x, 2600, x, 2660 if x % 200 else 2720)
        draw.line([v * s for v in tick], fill=(20, 20, 20), width=max(1, round(4 * s)))
    return im


def make_inputs(size=SIZE):
    im = photo_like(size)
    exif = Image.Exif()
    exif[0x0112] = 6  # phone held upright: the pixels need a quarter turn
    exif[0x010F] = "BenchPhone"
    exif.get_ifd(0x8769)[0x9003] = "2024:05:01 09:30:00"
    inputs = {}
    for name, fmt, extra in (
        ("jpeg", "JPEG", {"quality": 92}),
        ("heic", "HEIF", {"quality": 80}),
        ("heic-p3", "HEIF", {"quality": 80, "icc_profile": display_p3_profile()}),
    ):
        buffer = io.BytesIO()
        im.save(buffer, fmt, exif=exif.tobytes(), **extra)
        inputs[name] = buffer.getvalue()
    return inputs


def bare_minimum(data):
    im = Image.open(io.BytesIO(data))
    im.load()
    ImageOps.exif_transpose(im, in_place=True)
    screen = _contain(im, imaging.SCREEN_LONG_SIDE)
    thumb = _contain(screen, imaging.THUMBNAIL_LONG_SIDE)
    out = []
    for image, quality in ((im, 92), (screen, 85), (thumb, 85)):
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=quality)
        out.append(buffer.getvalue())
    return out


def _contain(im, long_side):
    scale = long_side / max(im.size)
    size = (round(im.width * scale), round(im.height * scale))
    return im.resize(size, Image.Resampling.LANCZOS, reducing_gap=imaging.REDUCING_GAP)


def pipeline(data):
    return imaging.process_photo(io.BytesIO(data), **LIMITS)


RUNNERS = {"pipeline": pipeline, "minimum": bare_minimum}


def best_times(data, repeat):
    """Best time of each runner, the runners taking turns so that noise hits both alike."""
    best = dict.fromkeys(RUNNERS, float("inf"))
    for _ in range(repeat):
        for name, func in RUNNERS.items():
            start = time.perf_counter()
            func(data)
            best[name] = min(best[name], time.perf_counter() - start)
    return best["pipeline"], best["minimum"]


def _status_kb(field):
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise RuntimeError(field)


def peak_memory_child(runner, path):
    """In a fresh process: rise of peak RSS (MB) while processing one upload."""
    data = Path(path).read_bytes()
    Path("/proc/self/clear_refs").write_text("5")  # reset VmHWM to the current RSS
    before = _status_kb("VmRSS")
    RUNNERS[runner](data)
    print((_status_kb("VmHWM") - before) / 1024)


def peak_memory(runner, data):
    with tempfile.NamedTemporaryFile(suffix=".bin") as handle:
        handle.write(data)
        handle.flush()
        result = subprocess.run(  # noqa: S603
            [sys.executable, __file__, "--memory", runner, handle.name],
            check=True,
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
    return float(result.stdout.strip())


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=None, help="runs per input (default 5)")
    parser.add_argument("--quick", action="store_true", help="a 1 MP picture, one run (CI)")
    parser.add_argument("--memory", nargs=2, metavar=("RUNNER", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.memory:
        peak_memory_child(*args.memory)
        return

    size = QUICK_SIZE if args.quick else SIZE
    repeat = args.repeat or (1 if args.quick else 5)
    print(
        f"Generating {size[0] * size[1] / 1e6:.0f} MP inputs ({size[0]} x {size[1]}) ...",
        flush=True,
    )
    inputs = make_inputs(size)
    print(f"Best of {repeat} runs; Pillow {Image.__version__}, {os.cpu_count()} CPUs\n")
    header = f"{'input':<9}{'size':>8}{'pipeline':>11}{'minimum':>10}{'ratio':>7}"
    print(header + f"{'peak MB pipeline':>19}{'minimum':>9}")
    for name, data in inputs.items():
        pipeline(data)  # warm up (codec initialisation, profile cache)
        bare_minimum(data)
        ours, floor = best_times(data, repeat)
        print(
            f"{name:<9}{len(data) / 1e6:>6.1f}MB{ours * 1000:>9.0f}ms{floor * 1000:>8.0f}ms"
            f"{ours / floor:>6.2f}x{peak_memory('pipeline', data):>16.0f}MB"
            f"{peak_memory('minimum', data):>7.0f}MB",
            flush=True,
        )
    print("\nTarget: pipeline within 1.3x of the minimum (heic-p3 also converts colour to sRGB).")


if __name__ == "__main__":
    main()
