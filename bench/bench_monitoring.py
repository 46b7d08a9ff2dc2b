"""Concern service benchmark: one watched area with 1,000 entries, through the database.

Run: .venv/bin/python bench/bench_monitoring.py [--entries N] [--repeat N] [--quick]

Uses a throwaway SQLite database in a temporary folder (migrated here, deleted afterwards), so it
never touches the app's data. The entries are bulk-inserted (no save hook), then timed:

- first evaluation:  `evaluate_entry` on the newest entry when no concern exists yet (the whole area
                     is judged and every finding is stored);
- evaluate_entry:    the same again, nothing to change (what an edit costs: load, judge, compare);
- save + hook:       saving one more entry through the ORM (post_save runs the service);
- evaluate_time:     the daily command's work for this area.
"""

import argparse
import os
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
START = date(2022, 1, 3)
SIGN_POOL = ("firm", "raised_patch", "red_patch", "discoloured", "new_lump", "open_sore")


def setup_django(folder):
    os.environ.update(DATA_DIR=folder, DEBUG="true", SECRET_KEY="bench-only", LOG_LEVEL="ERROR")
    os.environ.pop("DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "tracker.settings"
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def make_entries(area, patient, count, seed=6):
    from tracker.models import Entry

    rng, size, entries = random.Random(seed), 5, []
    for n in range(count):
        size = max(1, size + rng.choice((-1, 0, 0, 1)))
        treatment = rng.choice(("none", "none", "cream", "antibiotics"))
        entries.append(
            Entry(
                area=area,
                date=START + timedelta(days=2 * n),
                signs=rng.sample(SIGN_POOL, rng.randint(0, 3)),
                change=rng.choice(("new", "larger", "same", "smaller", "gone")),
                size_mm=size,
                pain=rng.randint(0, 10),
                itch=rng.randint(0, 10),
                treatment=treatment,
                created_by=patient,
            )
        )
    return entries


def timed(run):
    began = time.perf_counter()
    result = run()
    return time.perf_counter() - began, result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="100 entries, one run (CI)")
    args = parser.parse_args()
    if args.quick:
        args.entries, args.repeat = 100, 1

    with tempfile.TemporaryDirectory(prefix="bench-monitoring-") as folder:
        setup_django(folder)
        from monitoring.flags import evaluation
        from monitoring.models import Concern
        from tracker.models import Entry, Profile, User, WatchedArea

        patient = User.objects.create_user("bench@example.com", "x", full_name="Bench")
        Profile.objects.create(user=patient, history=["mastectomy_left", "inflammatory"])
        area = WatchedArea.objects.create(patient=patient, site="scar_left", name="Bench area")
        Entry.objects.bulk_create(make_entries(area, patient, args.entries))
        for n, site in enumerate(("neck", "scalp", "back")):
            other = WatchedArea.objects.create(patient=patient, site=site, name=site)
            Entry.objects.bulk_create(make_entries(other, patient, args.entries // 15, seed=n))
        latest = Entry.objects.filter(area=area).order_by("-date").first()
        today = latest.date

        print(f"One area, {args.entries} entries, 3 other areas (SQLite, throwaway database)")
        seconds, result = timed(lambda: evaluation.evaluate_entry(entry=latest, today=today))
        print(
            f"  {'first evaluation':<17} {seconds * 1000:9.1f} ms  ({len(result.raised)} concerns)"
        )
        best = min(
            timed(lambda: evaluation.evaluate_entry(entry=latest, today=today))[0]
            for _ in range(args.repeat)
        )
        print(f"  {'evaluate_entry':<17} {best * 1000:9.1f} ms  (nothing to change)")
        new = make_entries(area, patient, 1, seed=99)[0]
        new.date = today
        seconds, _ = timed(new.save)
        print(f"  {'save + hook':<17} {seconds * 1000:9.1f} ms")
        best = min(
            timed(lambda: evaluation.evaluate_time(patient=patient, today=today))[0]
            for _ in range(args.repeat)
        )
        print(f"  {'evaluate_time':<17} {best * 1000:9.1f} ms  (4 areas)")
        print(f"  open concerns: {Concern.objects.open().count()}")


if __name__ == "__main__":
    main()
