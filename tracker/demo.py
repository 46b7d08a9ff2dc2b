"""A demo patient and clinician with about six months of entries (and generated photos), for
`make run`.

Idempotent: running it again finds the demo accounts and adds nothing.
"""

import datetime
from dataclasses import dataclass

from django.db import transaction

from tracker.demo_photos import add_demo_measurement, add_demo_photos
from tracker.models import Entry, Photo, Profile, User, WatchedArea

PATIENT_EMAIL = "demo.patient@example.com"
CLINICIAN_EMAIL = "demo.clinician@example.com"
PATIENT_PASSWORD = "demo-patient-2026"  # noqa: S105 - printed for the local demo on purpose
CLINICIAN_PASSWORD = "demo-clinician-2026"  # noqa: S105

# (days before today, signs, change, size_mm, pain, itch, treatment, treatment started days ago)
AREAS = [
    {
        "site": "scar_left",
        "name": "Lump under left scar",
        "first_noticed_days": 175,
        "entries": [
            (170, ["new_lump"], "new", 4, 0, 1, "none", None),
            (140, ["new_lump"], "same", 4, 0, 1, "none", None),
            (112, ["new_lump", "firm"], "same", 5, 0, 2, "none", None),
            (84, ["new_lump", "firm"], "larger", 5, 1, 2, "none", None),
            (56, ["new_lump", "firm"], "larger", 6, 1, 2, "none", None),
            (28, ["new_lump", "firm", "discoloured"], "larger", 8, 1, 3, "none", None),
            (6, ["new_lump", "firm", "discoloured"], "larger", 9, 2, 3, "none", None),
        ],
    },
    {
        "site": "chest_wall_left",
        "name": "Red patch on left chest",
        "first_noticed_days": 60,
        "entries": [
            (58, ["red_patch"], "new", 15, 0, 4, "none", None),
            (40, ["red_patch"], "same", 16, 0, 5, "cream", 38),
            (20, ["red_patch", "raised_patch"], "same", 16, 0, 5, "cream", 38),
            (3, ["red_patch", "raised_patch"], "same", 17, 1, 6, "cream", 38),
        ],
    },
    {
        "site": "armpit_right",
        "name": "Old scar, right armpit",
        "first_noticed_days": None,
        "entries": [(d, [], "same", None, 0, 0, "none", None) for d in (178, 148, 118, 88, 58, 29)],
    },
    {
        "site": "upper_arm_left",
        "name": "Itchy spot, upper left arm",
        "first_noticed_days": 100,
        "entries": [
            (98, ["raised_patch"], "new", 3, 0, 7, "cream", 97),
            (70, ["raised_patch"], "smaller", 2, 0, 4, "cream", 97),
            (45, [], "gone", None, 0, 1, "none", None),
        ],
        "resolved_days": 40,
    },
]


# Areas with a mark to photograph: each of their entries gets a generated photo.
PHOTO_AREAS = ["Lump under left scar", "Red patch on left chest"]


def login_lines():
    """What `make run` prints so a newcomer can log in."""
    return [
        "Log in with one of these demo accounts:",
        f"  patient:   {PATIENT_EMAIL}  password: {PATIENT_PASSWORD}",
        f"  clinician: {CLINICIAN_EMAIL}  password: {CLINICIAN_PASSWORD}",
        "  The clinician sets up a second step at first login: scan the QR code it shows with an",
        "  authenticator app (or type its key into one), then keep the recovery codes it gives.",
    ]


def refuse_without_debug():
    """The demo's passwords are published: never load it on a site that is not a local demo."""
    from django.conf import settings
    from django.core.management.base import CommandError

    if not settings.DEBUG:
        raise CommandError(
            "The demo loads only with DEBUG=true (a local demo): its passwords are published."
        )


@dataclass(frozen=True)
class DemoAccounts:
    patient: User
    clinician: User
    created: bool


def _user(email, password, **fields):
    user, created = User.objects.get_or_create(email=email, defaults=fields)
    if created:
        user.set_password(password)
        user.save()
    return user, created


def load_demo(*, today):
    accounts = _load_records(today=today)
    # After the records commit: each photo is its own all-or-nothing unit (tracker.photos).
    add_demo_photos(
        entries=Entry.objects.filter(area__patient=accounts.patient, area__name__in=PHOTO_AREAS),
        author=accounts.patient,
    )
    # The latest photo of the first area is measured against its ruler (shown as measured).
    latest = (
        Photo.objects.filter(
            entry__area__patient=accounts.patient, entry__area__name=AREAS[0]["name"]
        )
        .select_related("entry")
        .order_by("-entry__date", "-created_at")
        .first()
    )
    if latest is not None:
        add_demo_measurement(photo=latest, author=accounts.patient)
    return accounts


@transaction.atomic
def _load_records(*, today):
    patient, created = _user(PATIENT_EMAIL, PATIENT_PASSWORD, full_name="Alex Demo")
    clinician, _ = _user(
        CLINICIAN_EMAIL,
        CLINICIAN_PASSWORD,
        full_name="Dr Sam Demo",
        is_clinician=True,
        clinician_role=User.ClinicianRole.BREAST_CARE_NURSE,
        organisation="Demo Hospital",
    )
    Profile.objects.get_or_create(
        user=patient,
        defaults={
            "history": [
                "mastectomy_left",
                "chest_wall_radiation",
                "node_dissection",
                "ductal",
                "hormone_receptor_positive",
            ],
            "radiation_sites": ["chest_wall_left", "armpit_left"],
            "care_team_phone": "020 7946 0000",
            "last_appointment": today - datetime.timedelta(days=85),
            "next_appointment": today + datetime.timedelta(days=12),
        },
    )
    if not patient.areas.exists():
        for spec in AREAS:
            _create_area(patient, spec, today)
    return DemoAccounts(patient=patient, clinician=clinician, created=created)


def _create_area(patient, spec, today):
    def ago(days):
        return None if days is None else today - datetime.timedelta(days=days)

    area = WatchedArea.objects.create(
        patient=patient,
        site=spec["site"],
        name=spec["name"],
        first_noticed=ago(spec["first_noticed_days"]),
    )
    for days, signs, change, size, pain, itch, treatment, since in spec["entries"]:
        Entry.objects.create(
            area=area,
            date=ago(days),
            signs=signs,
            change=change,
            size_mm=size,
            pain=pain,
            itch=itch,
            treatment=treatment,
            treatment_since=ago(since),
            created_by=patient,
        )
    if "resolved_days" in spec:
        area.resolved_at = datetime.datetime.combine(
            ago(spec["resolved_days"]), datetime.time(12), tzinfo=datetime.UTC
        )
        area.save(update_fields=["resolved_at"])
    return area
