"""Shared by bench_pages.py and bench_load.py: a seeded throw-away database, gunicorn serving the
app and the bare view (bench/pages_settings.py), and a small HTTP client.

The seed: one patient with 600 checks in one area (and a few other areas, with open and reviewed
concerns), and a clinician with 500 patients (one area and two checks each, rules run) who also
sees that patient's record. Checks are bulk-inserted and then judged once per area, as
bench_monitoring.py does, so seeding takes seconds rather than minutes.
"""

import http.client
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIGN_POOL = ("firm", "raised_patch", "red_patch", "discoloured", "new_lump", "open_sore")
TODAY = date(2026, 6, 1)


def environment(folder, database_url=""):
    """The variables both the seeding process and gunicorn run with (production-like: DEBUG off)."""
    env = {
        "DJANGO_SETTINGS_MODULE": "bench.pages_settings",
        "DATA_DIR": folder,
        "SECRET_KEY": "bench-only-not-secret",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DEBUG": "false",
        "LOG_LEVEL": "ERROR",
        "SECURE_COOKIES": "false",
        "PYTHONPATH": str(ROOT),
    }
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def _entries(area, patient, count, *, seed, end):
    from tracker.models import Entry

    rng, size, rows = random.Random(seed), 5, []
    for n in range(count):
        size = max(1, size + rng.choice((-1, 0, 0, 1)))
        rows.append(
            Entry(
                area=area,
                date=end - timedelta(days=count - 1 - n),
                signs=rng.sample(SIGN_POOL, rng.randint(0, 2)),
                change=rng.choice(("new", "larger", "same", "smaller")),
                size_mm=size,
                pain=rng.randint(0, 6),
                itch=rng.randint(0, 6),
                treatment="none",
                notes=f"Check number {n}." if n % 5 == 0 else "",
                created_by=patient,
            )
        )
    return rows


def _judge(area):
    from monitoring.flags import evaluation

    latest = area.entries.order_by("-date").first()
    if latest is not None:
        evaluation.evaluate_entry(entry=latest, today=TODAY)


@dataclass
class Seeded:
    patient_cookie: str
    clinician_cookie: str
    pages: dict = field(default_factory=dict)  # name -> (path, cookie)


def seed(*, checks=600, patients=500):
    """Fill the (migrated, empty) database; return the pages to measure and whose cookie each
    uses. Runs in this process with environment() applied."""
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.test import Client
    from django.utils import timezone

    from monitoring.models import Concern
    from tracker.models import CareGrant, Entry, Profile, User, WatchedArea

    call_command("migrate", verbosity=0, interactive=False)
    password = make_password("bench-password")
    patient = User.objects.create(email="pat@bench.test", full_name="Pat Bench", password=password)
    Profile.objects.create(
        user=patient,
        history=["mastectomy_left", "chest_wall_radiation"],
        care_team_phone="0300 000 0000",
        next_appointment=TODAY + timedelta(days=20),
    )
    big = WatchedArea.objects.create(patient=patient, site="scar_left", name="Left scar")
    Entry.objects.bulk_create(_entries(big, patient, checks, seed=1, end=TODAY))
    areas = [big]
    for n, site in enumerate(("neck", "chest_wall_right", "upper_arm_left", "back")):
        area = WatchedArea.objects.create(patient=patient, site=site, name=f"Area {site}")
        Entry.objects.bulk_create(_entries(area, patient, 30, seed=10 + n, end=TODAY))
        areas.append(area)
    doctor = User.objects.create(
        email="dr@bench.test", full_name="Dr Bench", password=password, is_clinician=True
    )
    for area in areas:
        _judge(area)
    # Reviewed concerns too: review what is open, then judge again (later checks reopen some).
    Concern.objects.open().filter(patient=patient).update(
        state=Concern.State.REVIEWED,
        reviewed_by=doctor,
        reviewed_at=timezone.now(),
        outcome="seen_no_concern",
        note_to_patient="Seen at clinic.",
    )
    Entry.objects.bulk_create(
        _entries(big, patient, 20, seed=99, end=TODAY + timedelta(days=20))[-10:]
    )
    for area in areas:
        _judge(area)
    CareGrant.objects.create(patient=patient, member=doctor, role="clinician")

    others = User.objects.bulk_create(
        User(email=f"p{n:04d}@bench.test", full_name=f"Patient {n:04d}", password=password)
        for n in range(patients)
    )
    CareGrant.objects.bulk_create(
        CareGrant(patient=p, member=doctor, role="clinician") for p in others
    )
    their_areas = WatchedArea.objects.bulk_create(
        WatchedArea(patient=p, site="scar_right", name="Scar") for p in others
    )
    rows = []
    for n, (p, area) in enumerate(zip(others, their_areas, strict=True)):
        rows += _entries(area, p, 2, seed=1000 + n, end=TODAY - timedelta(days=n % 40))
    Entry.objects.bulk_create(rows)
    for area in their_areas:
        _judge(area)

    def cookie(user):
        from tracker.security import two_factor

        client = Client()
        client.force_login(user)
        # A session past the second step, as after a real login with a code (tests do the same).
        session = client.session
        session[two_factor.VERIFIED] = "bench"
        session.pop(two_factor.PENDING, None)
        session.save()
        name = settings.SESSION_COOKIE_NAME
        return f"{name}={client.cookies[name].value}"

    pat, dr = cookie(patient), cookie(doctor)
    result = Seeded(pat, dr)
    result.pages = {
        "home": ("/", pat),
        f"area page ({checks} checks)": (f"/areas/{big.code}/", pat),
        f"triage ({patients} patients)": ("/care/", dr),
        "record": (f"/care/patients/{patient.code}/", dr),
        "to raise": ("/to-raise/", pat),
        "visit summary": ("/summary/", pat),
        "/learn/": ("/learn/", pat),
    }
    return result


@contextmanager
def seeded_environment(prefix, *, database_url="", quick=False):
    """A throw-away database (SQLite in a temporary folder, or the empty PostgreSQL one given),
    seeded at the issue's scale (one patient with 600 checks, a clinician with 500 patients;
    smaller with `quick`); yields the server environment and the `Seeded` accounts."""
    checks, patients = (100, 50) if quick else (600, 500)
    with tempfile.TemporaryDirectory(prefix=prefix) as folder:
        env = environment(folder, database_url)
        os.environ.update(env)
        yield env, seed(checks=checks, patients=patients)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Gunicorn:
    """gunicorn with 2 sync workers serving bench.pages_settings on a free local port."""

    def __init__(self, env, workers=2):
        self.port = free_port()
        self.env = {**os.environ, **env}
        self.workers = workers

    def __enter__(self):
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "--workers",
            str(self.workers),
            "--worker-class",
            "sync",
            "--bind",
            f"127.0.0.1:{self.port}",
            "--log-level",
            "warning",
            "--backlog",
            "2048",
            "tracker.wsgi:application",
        ]
        # The request log (one line per request) goes to a file, not over the results.
        self.log_path = Path(self.env["DATA_DIR"]) / "gunicorn.log"
        self.log = open(self.log_path, "wb")  # noqa: SIM115 (closed in __exit__)
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=self.env, stdout=self.log, stderr=subprocess.STDOUT
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                get(self.port, "/healthz", "")  # any answer: it is up (health may say 503)
                return self
            except OSError:
                time.sleep(0.2)
        self.__exit__()
        raise RuntimeError(f"gunicorn did not start: {self.log_path.read_text()[-2000:]}")

    def __exit__(self, *exc):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


def get(port, path, cookie, timeout=30):
    """One GET on a new connection (gunicorn's sync workers close each one): (status, bytes)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path, headers={"Cookie": cookie, "Host": "127.0.0.1"})
        response = connection.getresponse()
        body = response.read()
        return response.status, len(body)
    finally:
        connection.close()


def hammer(port, targets, *, seconds, concurrency):
    """Request `targets` ((path, cookie) pairs, taken in turn) from `concurrency` threads for
    `seconds`. Returns (latencies in seconds of the successful requests, errors, elapsed)."""
    latencies, errors, lock = [], [0], threading.Lock()
    stop = time.monotonic() + seconds

    def worker(offset):
        n = offset
        mine, bad = [], 0
        while time.monotonic() < stop:
            path, cookie = targets[n % len(targets)]
            n += 1
            began = time.perf_counter()
            try:
                status, _ = get(port, path, cookie)
            except OSError:
                status = 0
            if status == 200:
                mine.append(time.perf_counter() - began)
            else:
                bad += 1
        with lock:
            latencies.extend(mine)
            errors[0] += bad

    began = time.monotonic()
    threads = [threading.Thread(target=worker, args=(i,)) for i in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, errors[0], time.monotonic() - began


def percentile(values, fraction):
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]
