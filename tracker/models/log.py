"""The patient's log: watched areas, their entries (checks) and the photos of each entry."""

import uuid

from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from education.choices import choices, labels
from education.vocabulary import Change, Sign, Site, Treatment
from tracker.body_map import pin_position
from tracker.models.accounts import User

MAX_SIZE_MM = 300
MAX_SCORE = 10
MAX_NOTES = 2000


class WatchedAreaQuerySet(models.QuerySet):
    def owned_by(self, user):
        return self.filter(patient=user)

    def open(self):
        return self.filter(resolved_at__isnull=True)


class WatchedArea(models.Model):
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    patient = models.ForeignKey(User, on_delete=models.CASCADE, related_name="areas")
    site = models.CharField(_("body area"), max_length=32, choices=choices(Site))
    name = models.CharField(_("short name"), max_length=80)
    first_noticed = models.DateField(_("when you first noticed it"), null=True, blank=True)
    notes = models.TextField(_("notes"), max_length=MAX_NOTES, blank=True)
    # Where the patient tapped on the body map (tracker.body_map coordinates); empty: the site's
    # own place on the map.
    pin_x = models.FloatField(null=True, blank=True)
    pin_y = models.FloatField(null=True, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = WatchedAreaQuerySet.as_manager()

    class Meta:
        ordering = ["resolved_at", "name"]

    def __str__(self):
        return self.name

    @property
    def is_resolved(self):
        return self.resolved_at is not None

    @property
    def pin(self):
        """(x, y) of the area on the body map."""
        return pin_position(self.site, self.pin_x, self.pin_y)


# What a patient describes in one check: the entry form's fields, and the columns of the export.
ENTRY_FIELDS = (
    "date",
    "signs",
    "change",
    "size_mm",
    "pain",
    "itch",
    "treatment",
    "treatment_since",
    "notes",
)


class EntryQuerySet(models.QuerySet):
    def owned_by(self, user):
        return self.filter(area__patient=user)

    def newest_first(self):
        return self.order_by("-date", "-created_at")


class Entry(models.Model):
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    area = models.ForeignKey(WatchedArea, on_delete=models.CASCADE, related_name="entries")
    date = models.DateField(_("date"))
    # A list of Sign codes (education.vocabulary.Sign).
    signs = models.JSONField(_("what you see or feel"), default=list, blank=True)
    change = models.CharField(
        _("change since last time"), max_length=16, choices=choices(Change), blank=True
    )
    size_mm = models.PositiveSmallIntegerField(
        _("longest size in mm"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_SIZE_MM)],
    )
    # Set when the size came from a measurement on a photo (tracker/measurements.py); typing
    # another size clears it.
    size_measurement = models.ForeignKey(
        "tracker.PhotoMeasurement",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    pain = models.PositiveSmallIntegerField(
        _("pain"), default=0, validators=[MaxValueValidator(MAX_SCORE)]
    )
    itch = models.PositiveSmallIntegerField(
        _("itch"), default=0, validators=[MaxValueValidator(MAX_SCORE)]
    )
    treatment = models.CharField(
        _("treatment in use"),
        max_length=16,
        choices=choices(Treatment),
        default=Treatment.NONE.value,
    )
    treatment_since = models.DateField(_("treatment started on"), null=True, blank=True)
    notes = models.TextField(_("notes"), max_length=MAX_NOTES, blank=True)
    created_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EntryQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-created_at"]
        verbose_name_plural = "entries"
        indexes = [
            # The timelines: an area's entries newest first, and "latest entry" per area.
            models.Index(fields=["area", "-date"], name="entry_area_date_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(size_mm__isnull=True) | Q(size_mm__lte=MAX_SIZE_MM),
                name="entry_size_in_range",
            ),
            models.CheckConstraint(
                condition=Q(pain__lte=MAX_SCORE) & Q(itch__lte=MAX_SCORE),
                name="entry_scores_in_range",
            ),
        ]

    def __str__(self):
        return f"{self.area} on {self.date}"

    @property
    def sign_labels(self):
        return labels(Sign, self.signs)

    @property
    def size_is_measured(self):
        """True when the size was measured on a photo, not typed (no query)."""
        return self.size_mm is not None and self.size_measurement_id is not None


class PhotoQuerySet(models.QuerySet):
    def in_entries(self, entries):
        """Photos of the given entries (a queryset already narrowed to what a user may see)."""
        return self.filter(entry__in=entries)

    def oldest_first(self):
        return self.order_by("entry__date", "entry__created_at", "created_at", "pk")


class Photo(models.Model):
    """One uploaded photo of an entry, stored as three clean JPEG renditions (tracker/imaging.py).

    The stored names are generated (``photos/<random hex>/master.jpg`` and so on), never taken
    from the uploaded file. Files live in private storage and are served only through
    ``tracker.photo_views``, after ``tracker.access.get_photo_for_user``.
    """

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="photos")
    master_name = models.CharField(max_length=100, editable=False)
    screen_name = models.CharField(max_length=100, editable=False)
    thumbnail_name = models.CharField(max_length=100, editable=False)
    width = models.PositiveIntegerField(editable=False)
    height = models.PositiveIntegerField(editable=False)
    # Hex SHA-256 of the stored master, so its integrity can be checked later.
    sha256 = models.CharField(max_length=64, editable=False)
    # The camera's clock (EXIF), read as the site's time zone; None when the photo had none.
    taken_at = models.DateTimeField(_("taken at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = PhotoQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [
            # The integrity check (tracker/integrity.py) looks stored names up a batch at a time.
            models.Index(fields=["master_name"], name="photo_master_name_idx"),
            models.Index(fields=["screen_name"], name="photo_screen_name_idx"),
            models.Index(fields=["thumbnail_name"], name="photo_thumbnail_name_idx"),
        ]
        constraints = [
            # The same photo twice on one entry is refused with a plain message before writing
            # (tracker.photos); this catches two uploads racing each other.
            models.UniqueConstraint(fields=["entry", "sha256"], name="photo_unique_per_entry"),
        ]

    def __str__(self):
        return f"Photo {self.code}"

    @property
    def file_names(self):
        return [self.master_name, self.screen_name, self.thumbnail_name]
