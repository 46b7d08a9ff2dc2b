"""Export and integrity-check benchmark: do time-to-first-byte and memory stay flat as a record
grows?

Run: .venv/bin/python bench/bench_export.py [--small N] [--large N] [--repeat N] [--quick]

Each case runs in a fresh process with a throwaway SQLite database and local photo store in a
temporary folder (nothing of the app's data is touched). One patient gets `small`, then `large`
photos (full-size files of 512 KB of random bytes, written straight to the store; the export and
the check never decode them). Measured, alternating small and large runs (the machine is shared):

- export first byte:  time until the streamed ZIP yields its first bytes (the download starts);
- export peak MB:     rise of the peak resident set size (VmHWM) while the whole ZIP is streamed;
- check_photos peak:  the same for a full integrity check (hashes every master);
- baseline:           a ZIP built whole in memory, photos read whole (what the stream avoids),
                      to show the measurement sees memory that grows with the record.

Targets: first byte of the large record within 2x of the small one; peak memory of the large
record within 1.5x (+5 MB) of the small one (flat, not proportional to the photos).
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MASTER_BYTES = 512 * 1024


def child(task, photos):
    folder = tempfile.mkdtemp(prefix="bench-export-")
    os.environ.update(DATA_DIR=folder, DEBUG="true", SECRET_KEY="bench-only", LOG_LEVEL="ERROR")
    os.environ.update(LOG_REQUESTS="false", DJANGO_SETTINGS_MODULE="tracker.settings")
    for name in ("DATABASE_URL", "S3_BUCKET"):
        os.environ.pop(name, None)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    patient = _record(photos)
    Path("/proc/self/clear_refs").write_text("5")  # reset VmHWM to the current RSS
    before = _status_kb("VmRSS")
    start = time.perf_counter()
    if task == "export":
        from tracker.export import stream_export

        parts = (part for part in stream_export(patient=patient) if part)
        next(parts)
        first = time.perf_counter() - start
        size = sum(len(part) for part in parts)
        assert size > photos * MASTER_BYTES * 0.9
    elif task == "naive":  # the baseline: the whole ZIP built in memory, photos read whole
        import io
        import zipfile

        from django.core.files.storage import default_storage

        from tracker.models import Photo

        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            for photo in Photo.objects.all():
                with default_storage.open(photo.master_name, "rb") as stored:
                    archive.writestr(photo.master_name, stored.read())
        first = time.perf_counter() - start
    else:
        from tracker.integrity import check_photos

        first = 0.0
        check_photos()
    peak = (_status_kb("VmHWM") - before) / 1024
    print(json.dumps({"first": first, "peak": peak}))


def _record(photos):
    import hashlib
    import uuid
    from datetime import date, timedelta

    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from tracker.models import Entry, Photo, User, WatchedArea

    patient = User.objects.create_user("bench@example.com", "x", full_name="Bench")
    area = WatchedArea.objects.create(patient=patient, site="scar_left", name="Scar")
    rows = []
    for n in range(photos):
        entry = Entry.objects.create(area=area, date=date(2024, 1, 1) + timedelta(days=n))
        master = os.urandom(MASTER_BYTES)
        folder = f"photos/{uuid.uuid4().hex}"
        names = {}
        for field, kind, data in (
            ("master_name", "master", master),
            ("screen_name", "screen", master[:50_000]),
            ("thumbnail_name", "thumb", master[:8_000]),
        ):
            names[field] = default_storage.save(f"{folder}/{kind}.jpg", ContentFile(data))
        sha = hashlib.sha256(master).hexdigest()
        rows.append(Photo(entry=entry, width=1, height=1, sha256=sha, **names))
    Photo.objects.bulk_create(rows)
    return patient


def _status_kb(field):
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise RuntimeError(field)


def run(task, photos):
    result = subprocess.run(  # noqa: S603
        [sys.executable, __file__, "--child", task, str(photos)],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=10)
    parser.add_argument("--large", type=int, default=150)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="few photos, one run (CI)")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], int(args.child[1]))
        return
    if args.quick:
        args.small, args.large, args.repeat = 5, 30, 1

    results = {}
    for task in ("export", "naive", "check"):
        for _ in range(args.repeat):  # alternate small and large
            for photos in (args.small, args.large):
                got = run(task, photos)
                best = results.setdefault((task, photos), {"first": 1e9, "peak": 1e9})
                best["first"] = min(best["first"], got["first"])
                best["peak"] = min(best["peak"], got["peak"])
    small, large = args.small, args.large
    print(f"{small} vs {large} photos (512 KB each), best of {args.repeat}, fresh process each\n")
    first_s, first_l = results[("export", small)]["first"], results[("export", large)]["first"]
    print(
        f"export first byte   {first_s * 1000:7.1f} ms  {first_l * 1000:7.1f} ms"
        f"  ratio {first_l / first_s:5.2f}x  (target <= 2x)"
    )
    ok = first_l <= 2 * first_s
    naive_s, naive_l = results[("naive", small)], results[("naive", large)]
    print(
        f"baseline: a ZIP built in memory  first byte {naive_s['first'] * 1000:.0f} ms -> "
        f"{naive_l['first'] * 1000:.0f} ms, peak {naive_s['peak']:.1f} MB -> "
        f"{naive_l['peak']:.1f} MB (what streaming avoids)"
    )
    for task, label in (("export", "export peak"), ("check", "check_photos peak")):
        peak_s, peak_l = results[(task, small)]["peak"], results[(task, large)]["peak"]
        print(
            f"{label:<19} {peak_s:7.1f} MB  {peak_l:7.1f} MB"
            f"  ratio {peak_l / max(peak_s, 0.1):5.2f}x  (target <= 1.5x + 5 MB)"
        )
        ok = ok and peak_l <= 1.5 * peak_s + 5
    print("\nwithin targets" if ok else "\nOUTSIDE TARGETS")


if __name__ == "__main__":
    main()
