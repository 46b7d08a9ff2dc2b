import datetime

import factory
from django.utils import timezone

from tracker.models import Entry, Photo, Profile, User, WatchedArea

PASSWORD = "a-long-test-password-42"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.com")
    full_name = factory.Sequence(lambda n: f"Person {n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)
    profile = factory.RelatedFactory("tests.factories.ProfileFactory", factory_related_name="user")

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class ClinicianFactory(UserFactory):
    is_clinician = True
    clinician_role = User.ClinicianRole.BREAST_CARE_NURSE
    organisation = "Test Hospital"


class ProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Profile

    user = factory.SubFactory(UserFactory)


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WatchedArea

    patient = factory.SubFactory(UserFactory)
    site = "scar_left"
    name = factory.Sequence(lambda n: f"Spot {n}")


class EntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Entry

    area = factory.SubFactory(AreaFactory)
    date = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=1))
    signs = factory.LazyFunction(list)
    change = "same"
    created_by = factory.SelfAttribute("area.patient")


class ConcernFactory(factory.django.DjangoModelFactory):
    """A stored open concern opened by a check, for tests that need one without running the
    rules (the check's link is added after creation)."""

    class Meta:
        model = "monitoring.Concern"
        skip_postgeneration_save = True  # the link is a row of its own; the concern is unchanged

    latest_entry = factory.SubFactory(EntryFactory)
    first_entry = factory.SelfAttribute("latest_entry")
    area = factory.SelfAttribute("latest_entry.area")
    patient = factory.SelfAttribute("latest_entry.area.patient")
    rule = "care_test"
    rule_version = 1
    urgency = "soon"
    raised_urgency = factory.SelfAttribute("urgency")
    kind = "entry"
    reason = "A new lump was logged."
    opened_on = factory.SelfAttribute("latest_entry.date")

    @factory.post_generation
    def link(obj, create, extracted, **kwargs):
        if create and obj.latest_entry is not None:
            obj.checks.create(entry=obj.latest_entry, action="opened")


def long_history(patient, *, signs=(), photo_rows=False, count=200):
    """`count` checks (one a day from 1 January 2025, with `signs`) over three new areas of
    `patient`. With photo_rows, each check gets a Photo row (no stored files: for page tests)."""
    areas = [AreaFactory(patient=patient) for _ in range(3)]
    start = datetime.date(2025, 1, 1)
    for i in range(count):
        entry = EntryFactory(
            area=areas[i % 3], date=start + datetime.timedelta(days=i), signs=list(signs)
        )
        if photo_rows:
            Photo.objects.create(
                entry=entry,
                master_name=f"photos/{i:032x}/master.jpg",
                screen_name=f"photos/{i:032x}/screen.jpg",
                thumbnail_name=f"photos/{i:032x}/thumb.jpg",
                width=4,
                height=3,
                sha256=f"{i:064x}",
            )
    return areas
