"""Photo pages: the stored files (behind the access helper), a photo page, delete and compare.

Every view fetches through tracker.access on its first line; a stranger gets a 404.
"""

import logging
from collections import Counter

from django.contrib import messages
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from tracker import photos, staging
from tracker.access import (
    editable_entries,
    get_area_for_user,
    get_photo_for_user,
    get_staged_photo_for_user,
    measurable_photos_for,
    photos_for,
)
from tracker.imaging import CONTENT_TYPE, EXTENSION
from tracker.storage import failure_types

logger = logging.getLogger(__name__)

# Photos are health data: never kept by a browser or proxy cache, never sniffed as another type,
# never run as a document, never embedded by another site.
PHOTO_HEADERS = {
    "Cache-Control": "private, no-store",
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'",
    "Cross-Origin-Resource-Policy": "same-origin",
}


@require_GET
def photo_file(request, code, rendition):
    photo = get_photo_for_user(request, code)
    return _serve(photo, rendition)


@require_GET
def staged_file(request, code, rendition):
    """A photo kept across a validation error: to its owner only, like any photo."""
    staged = get_staged_photo_for_user(request, code)
    return _serve(staged, rendition, prefix="kept")


def _serve(photo, rendition, prefix="photo"):
    if rendition not in photos.RENDITIONS:
        raise Http404
    name = getattr(photo, photos.RENDITIONS[rendition])
    try:
        stored = default_storage.open(name, "rb")
    except FileNotFoundError:
        logger.error("Stored file missing for photo %s (%s)", photo.code, rendition)
        raise Http404 from None
    except failure_types() as error:  # the store is down: say so, not a 500
        logger.warning("Photo store unavailable: %s", type(error).__name__)
        return HttpResponse(
            _("This photo cannot be shown just now."), status=503, content_type="text/plain"
        )
    # The download name is the photo's random code: it names no patient, area or date.
    response = FileResponse(
        stored, content_type=CONTENT_TYPE, filename=f"{prefix}-{photo.code}-{rendition}.{EXTENSION}"
    )
    if not response.has_header("Content-Length"):  # an S3 stream cannot seek to measure itself
        response["Content-Length"] = stored.size
    for header, value in PHOTO_HEADERS.items():
        response[header] = value
    return response


@require_GET
def photo_detail(request, code):
    photo = get_photo_for_user(request, code)
    entry = photo.entry
    siblings = list(entry.photos.all())
    return render(
        request,
        "tracker/photo_detail.html",
        {
            "photo": photo,
            "entry": entry,
            "area": entry.area,
            "position": siblings.index(photo) + 1,
            "count": len(siblings),
            "measurements": photo.measurements.select_related("measured_by"),
            "can_measure": measurable_photos_for(request.user).filter(pk=photo.pk).exists(),
            "editable_entries": editable_entries(request.user, [entry]),
        },
    )


@require_http_methods(["GET", "POST"])
def photo_delete(request, code):
    photo = get_photo_for_user(request, code, write=True)
    if request.method == "POST":
        area = photo.entry.area
        photos.delete_photo(photo=photo)
        messages.success(request, _("The photo is deleted."))
        return redirect("tracker:area_detail", code=area.code)
    return render(
        request,
        "tracker/photo_confirm_delete.html",
        {"photo": photo, "entry": photo.entry, "area": photo.entry.area},
    )


@require_GET
def compare(request, code):
    area = get_area_for_user(request, code)
    choices = list(
        photos_for(request.user).filter(entry__area=area).select_related("entry").oldest_first()
    )
    _label(choices)
    by_code = {str(photo.code): photo for photo in choices}
    # By default: the first and the latest checks that have photos (each one's first photo).
    latest_check = [p for p in choices if p.entry_id == choices[-1].entry_id] if choices else []
    first = by_code.get(request.GET.get("a", "")) or (choices[0] if choices else None)
    second = by_code.get(request.GET.get("b", "")) or (latest_check[0] if latest_check else None)
    return render(
        request,
        "tracker/compare.html",
        {"area": area, "choices": choices, "first": first, "second": second},
    )


def _label(choices):
    """Name each photo in the selects by its check's date, numbered when a check has several."""
    per_entry = Counter(photo.entry_id for photo in choices)
    seen = Counter()
    for photo in choices:
        day = date_format(photo.entry.date, "j F Y")
        seen[photo.entry_id] += 1
        if per_entry[photo.entry_id] > 1:
            photo.label = _("%(day)s, photo %(n)s") % {"day": day, "n": seen[photo.entry_id]}
        else:
            photo.label = day


# --- used by the entry form views (tracker.views) -------------------------------------------


def save_entry_and_photos(request, *, form, photo_form, entry=None, area=None):
    """Validate both forms and save `entry` edited (or a new entry of `area`) with its new photos,
    as one unit.

    Returns the entry, or None with every problem added to the forms (nothing saved).
    """
    valid = form.is_valid()
    valid = photo_form.is_valid() and valid  # both run, so every problem shows at once
    if not valid:
        if photo_form.is_valid():
            _keep_photos(request, photo_form)
        return None
    try:
        return photos.save_entry_with_photos(
            values=form.values(),
            files=photo_form.chosen_files(),
            staged=photo_form.cleaned_data["staged"],
            author=request.user,
            entry=entry,
            area=area,
        )
    except photos.PhotosRefused as refused:
        for message in refused.messages:
            photo_form.add_error(None, message)
        if refused.per_file:
            _keep_photos(request, photo_form, report=False)
        return None
    except photos.StorageFailed as failed:
        photo_form.add_error(None, failed.message)
        photo_form.storage_failed = failed.message
        return None


def form_page(request, context):
    """The entry form again, with its problems. When the photo store failed (the server's fault,
    nothing saved) it answers 503, and the upload script gets the sentence as JSON so it can
    show it while keeping everything typed and chosen on the page."""
    failed = getattr(context["photo_form"], "storage_failed", None)
    if failed and _from_script(request):
        return JsonResponse({"error": failed}, status=503)
    return render(request, "tracker/entry_form.html", context, status=503 if failed else 200)


def _keep_photos(request, photo_form, *, report=True):
    """Nothing retaken: hold the usable new photos for the next try (tracker.staging)."""
    kept, problems = staging.stage_files(owner=request.user, files=photo_form.chosen_files())
    photo_form.kept(kept)
    if report:
        for message in problems:
            photo_form.add_error(None, message)


def finish(request, to, code):
    """Redirect after a successful save; the upload script gets the address as JSON instead,
    so the message is shown on the page it then opens."""
    response = redirect(to, code=code)
    if _from_script(request):
        return JsonResponse({"location": response.url})
    return response


def _from_script(request):
    return request.headers.get("X-Requested-With") == "XMLHttpRequest"
