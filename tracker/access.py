"""The one place that decides who may see or change a patient's log.

Every view that reads or writes patient data fetches its object through these helpers, on its first
line. They look the object up by its public code in a queryset already narrowed to what the user
may see, so anyone else gets a 404 and learns nothing.

Who may do what:
- the patient reads and changes everything they logged;
- someone the patient shared their record with (an active, not revoked, care grant) reads it:
  clinicians and caregivers alike;
- a caregiver whom the patient allowed to log entries adds entries, and edits the ones they added;
- nobody else, and clinicians never change what a patient logged.

The `get_*_for_user` helpers take the request: when the reader is not the patient they send
`patient_data_accessed` (monitoring writes the access log), and when a logged-in user is refused
they send it with allowed=False. Nothing is cached: a revoked grant stops working on the very next
request. The grants are tracker's own (`tracker.models.CareGrant`); tracker never imports
monitoring.
"""

from django.db.models import Exists, OuterRef, Q
from django.dispatch import Signal
from django.http import Http404

from tracker.models import (
    CareGrant,
    Entry,
    Photo,
    PhotoMeasurement,
    Question,
    Role,
    StagedPhoto,
    User,
    WatchedArea,
)

# Sent with: request, patient_ids (list; None where a refused code matched nothing), what (a short
# code such as "area", "entry", "photo", "timeline"), object_code (UUID or None), allowed (bool).
patient_data_accessed = Signal()


def grants_for(user, *, role=None):
    """The active grants to `user` (optionally in one role): the records shared with them."""
    if not user.is_authenticated:
        return CareGrant.objects.none()
    if role == Role.CLINICIAN and not user.is_clinician:
        return CareGrant.objects.none()  # an administrator removed their clinician mark
    grants = CareGrant.objects.active().to(user)
    return grants.in_role(role) if role else grants


def _shared(user, patient_ref, *, add_entries=False):
    """True where the patient at `patient_ref` has an active grant to `user` (with add_entries,
    one that lets a caregiver log entries)."""
    grants = CareGrant.objects.active().to(user).filter(patient=OuterRef(patient_ref))
    return Exists(grants.allowing_entries() if add_entries else grants)


def patients_for(user, *, role=None):
    """Patients who shared their record with `user` (optionally only in one role)."""
    return User.objects.filter(pk__in=grants_for(user, role=role).values("patient"))


def areas_for(user, *, write=False, add_entries=False):
    """Watched areas `user` may read; with add_entries=True, log entries in; with write=True,
    change or delete (the patient only)."""
    if not user.is_authenticated:
        return WatchedArea.objects.none()
    if write:
        return WatchedArea.objects.owned_by(user)
    shared = _shared(user, "patient", add_entries=add_entries)
    return WatchedArea.objects.filter(Q(patient=user) | shared)


def entries_for(user, *, write=False):
    """Entries `user` may read; with write=True, edit or delete: the patient, or a caregiver who
    may still log entries, for the entries they added themselves."""
    if not user.is_authenticated:
        return Entry.objects.none()
    if write:
        mine = Q(created_by=user) & _shared(user, "area__patient", add_entries=True)
        return Entry.objects.filter(Q(area__patient=user) | mine)
    return Entry.objects.filter(Q(area__patient=user) | _shared(user, "area__patient"))


def editable_entries(user, entries):
    """The primary keys of those of `entries` (say, one page of a timeline) that `user` may edit
    or delete, by the rule of `entries_for(write=True)`, in one query.

    Pages compute it once and pass it to their templates, which show the Edit, Delete and
    "Add photos" links for `entry.pk in editable_entries`: the rule is never restated there.
    """
    pks = [entry.pk for entry in entries]
    if not pks:
        return frozenset()
    editable = entries_for(user, write=True).filter(pk__in=pks)
    return frozenset(editable.values_list("pk", flat=True))


def may_change_area(user, area):
    """Whether `user` may change or delete `area`: the rule of `areas_for(write=True)` (only the
    patient), for one area already fetched, with no query."""
    return user.is_authenticated and area.patient_id == user.pk


def _patient_id(obj, patient_path):
    *relations, last = patient_path.split("__")
    for name in relations:
        obj = getattr(obj, name)
    return obj.pk if last == "pk" else getattr(obj, f"{last}_id")


def record_access(
    request, *, patient_ids, what, object_code=None, allowed=True, wrote=False, role=None
):
    """Tell the access log that request.user read (or was refused) these patients' data.

    Called by `get_for_user` below; call it directly only for reads that are not one object fetched
    by code (a list of patients). Reads by the patient themselves are not logged.
    """
    others = [pid for pid in patient_ids if pid != request.user.pk]
    if others or not allowed:
        patient_data_accessed.send(
            sender=None,
            request=request,
            patient_ids=others if allowed else list(patient_ids),
            what=what,
            object_code=object_code,
            allowed=allowed,
            wrote=wrote,
            role=role,
        )


def get_for_user(request, queryset, code, *, what, patient_path, wrote=False):
    """Fetch the object with public `code` from `queryset` (already narrowed by one of the
    `*_for` functions) or 404; log the read when it is someone else's data, and log refusals.

    `patient_path` leads from the object to its patient ("patient", "area__patient", "pk").
    The mechanism behind the `get_*_for_user` helpers, photos and flags included;
    `get_grant_for_user` (found by the patient's code) refuses and logs the same way.
    """
    _check_request(request)
    obj = queryset.filter(code=code).first()
    if obj is None:
        owner = queryset.model._default_manager.filter(code=code)
        _refuse(request, owner=owner.values_list(patient_path, flat=True), what=what, code=code)
    record_access(
        request,
        patient_ids=[_patient_id(obj, patient_path)],
        what=what,
        object_code=code,
        # A page that could change something but was only shown (GET) is a read.
        wrote=wrote and request.method not in ("GET", "HEAD"),
    )
    return obj


def _check_request(request):
    if not hasattr(request, "user"):
        raise TypeError("Access helpers take the request, not the user.")


def _refuse(request, *, owner, what, code):
    """Log a logged-in user's refused attempt and answer 404. `owner` is a lazy query of the
    patient's id (run only to log the refusal; None when the code matches nothing)."""
    if request.user.is_authenticated:
        record_access(
            request, patient_ids=[owner.first()], what=what, object_code=code, allowed=False
        )
    raise Http404


def get_area_for_user(request, code, *, write=False, add_entries=False):
    areas = areas_for(request.user, write=write, add_entries=add_entries)
    return get_for_user(
        request,
        areas.select_related("patient"),
        code,
        what="area",
        patient_path="patient",
        wrote=write or add_entries,
    )


def get_entry_for_user(request, code, *, write=False):
    entries = entries_for(request.user, write=write).select_related("area", "area__patient")
    return get_for_user(
        request, entries, code, what="entry", patient_path="area__patient", wrote=write
    )


def get_grant_for_user(request, patient_code, *, role=None, what="timeline"):
    """The active grant through which request.user reads the patient whose public code is
    `patient_code` (optionally only in one role), with the patient and profile loaded, in one
    query; 404 otherwise. Logged like every read of someone else's record, refusals included.

    A page that needs the grant (its role, whether a caregiver may log) takes it from here, so it
    never looks the grant up a second time, which a revocation in between could make fail.
    """
    _check_request(request)
    grants = grants_for(request.user, role=role).select_related("patient__profile")
    grant = grants.filter(patient__code=patient_code).first()
    if grant is None:
        owner = User.objects.filter(code=patient_code).values_list("pk", flat=True)
        _refuse(request, owner=owner, what=what, code=patient_code)
    record_access(request, patient_ids=[grant.patient_id], what=what, object_code=patient_code)
    return grant


def get_patient_for_user(request, code, *, role=None, what="timeline"):
    """A patient who shared their record with request.user (by the patient's public code)."""
    patients = patients_for(request.user, role=role).select_related("profile")
    return get_for_user(request, patients, code, what=what, patient_path="pk")


def photos_for(user, *, write=False):
    """Photos of the entries `user` may read (or, with write=True, change): grants carry over."""
    return Photo.objects.in_entries(entries_for(user, write=write))


def measurable_photos_for(user):
    """Photos `user` may measure on: the patient's own, a clinician's who shares the record, and
    those of checks the user may change (a caregiver who logged them). Measuring never changes
    the check: it adds a measurement to the photo (tracker.measurements)."""
    if not user.is_authenticated:
        return Photo.objects.none()
    allowed = Q(entry__area__patient=user) | Q(entry__in=entries_for(user, write=True))
    if user.is_clinician:
        clinician = grants_for(user, role=Role.CLINICIAN).filter(
            patient=OuterRef("entry__area__patient")
        )
        allowed |= Exists(clinician)
    return Photo.objects.in_entries(entries_for(user)).filter(allowed)


def get_photo_for_user(request, code, *, write=False, measure=False):
    if measure:
        photos = measurable_photos_for(request.user)
    else:
        photos = photos_for(request.user, write=write)
    photos = photos.select_related("entry", "entry__area")
    return get_for_user(
        request,
        photos,
        code,
        what="photo",
        patient_path="entry__area__patient",
        wrote=write or measure,
    )


def questions_for(user, *, write=False):
    """The patient's own questions for their visit: only the patient reads or changes them here
    (people they shared their record with see the open ones on the summary)."""
    if not user.is_authenticated:
        return Question.objects.none()
    return Question.objects.owned_by(user)


def get_question_for_user(request, code, *, write=False):
    return get_for_user(
        request,
        questions_for(request.user, write=write),
        code,
        what="other",
        patient_path="patient",
    )


def staged_photos_for(user):
    """Photos kept across a validation error (tracker.staging): only ever their owner's."""
    return StagedPhoto.objects.owned_by(user)


def get_staged_photo_for_user(request, code):
    return get_for_user(
        request, staged_photos_for(request.user), code, what="photo", patient_path="owner"
    )


def get_measurement_for_user(request, code, *, write=False):
    """A measurement on a photo the user may see; with write=True, one on a check the user may
    change (to make it the check's size)."""
    entries = entries_for(request.user, write=write)
    measurements = PhotoMeasurement.objects.filter(photo__entry__in=entries).select_related(
        "photo", "photo__entry", "photo__entry__area", "measured_by"
    )
    return get_for_user(
        request, measurements, code, what="photo", patient_path="photo__entry__area__patient"
    )
