from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.db.models import F
from django.http import StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tracker import services
from tracker.access import (
    areas_for,
    editable_entries,
    entries_for,
    get_area_for_user,
    get_entry_for_user,
    may_change_area,
)
from tracker.export import export_filename, stream_export
from tracker.forms import AreaForm, EntryForm, ProfileForm, SignUpForm
from tracker.photo_forms import PhotoForm
from tracker.photo_views import finish, form_page, save_entry_and_photos
from tracker.security import signup as signup_service
from tracker.security.rate_limits import limited

SIGNUP_NEXT = "signup_next"

TIMELINE_PAGE_SIZE = 20


def _timeline(request, entries):
    """One page of entries, and which of them the reader may edit (one query for the page)."""
    page = Paginator(entries, TIMELINE_PAGE_SIZE).get_page(request.GET.get("page"))
    return {"page": page, "editable_entries": editable_entries(request.user, page)}


def _safe_next(request, value):
    if value and url_has_allowed_host_and_scheme(
        value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return value
    return ""


@login_not_required
@require_http_methods(["GET", "POST"])
@limited("signup")
def signup(request):
    if request.user.is_authenticated:
        return redirect("tracker:home")
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        signup_service.sign_up(
            full_name=form.cleaned_data["full_name"],
            email=form.cleaned_data["email"],
            password=form.cleaned_data["password1"],
        )
        # Back to where they came from (e.g. an invitation) once confirmed, in this browser.
        request.session[SIGNUP_NEXT] = _safe_next(request, request.GET.get("next", ""))
        return redirect("signup_sent")
    return render(request, "registration/signup.html", {"form": form})


@login_not_required
@require_GET
def signup_sent(request):
    return render(request, "registration/signup_sent.html")


@login_not_required
@require_http_methods(["GET", "POST"])
def signup_confirm(request):
    failed = False
    if request.method == "POST":
        user = signup_service.confirm(request.POST.get("token", "")[:200])
        if user is not None:
            services.profile_for(user)
            next_url = request.session.pop(SIGNUP_NEXT, "")
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Welcome. Your account is ready."))
            return redirect(next_url or "tracker:profile")
        failed = True
    return render(
        request,
        "registration/signup_confirm.html",
        {"failed": failed},
        status=400 if failed else 200,
    )


@require_GET
def home(request):
    if request.user.is_clinician and not request.user.areas.exists():
        return redirect("monitoring:triage")  # clinicians land on their triage list
    areas = services.number_for_map(
        # Open areas first on every database (SQLite and PostgreSQL sort NULLs differently).
        services.areas_with_latest_entry(areas_for(request.user, write=True)).order_by(
            F("resolved_at").asc(nulls_first=True), "name", "pk"
        )
    )
    return render(
        request,
        "tracker/home.html",
        {"areas": areas, "profile": services.profile_for(request.user)},
    )


@require_http_methods(["GET", "POST"])
def profile(request):
    form = ProfileForm(request.POST or None, instance=services.profile_for(request.user))
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your profile is saved."))
        return redirect("tracker:home")
    return render(request, "tracker/profile.html", {"form": form})


@require_http_methods(["GET", "POST"])
def area_create(request):
    form = AreaForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        area = services.create_area(patient=request.user, **form.cleaned_data)
        messages.success(request, _("Area added. You can log your first check now."))
        return redirect("tracker:entry_create", code=area.code)
    return render(
        request,
        "tracker/area_form.html",
        {"form": form, "profile": services.profile_for(request.user)},
    )


@require_GET
def area_detail(request, code):
    area = get_area_for_user(request, code)
    entries = services.timeline(area.entries.all())
    rows, sizes, scores = services.area_trend(area)
    context = {
        "area": area,
        "can_change_area": may_change_area(request.user, area),
        "latest_photo": services.latest_photo(area),
        "size_points": sizes,
        "score_points": scores,
        "trend_rows": rows,
        "charted": len(rows),
        "chart_limit": services.CHART_CHECKS,
    }
    return render(request, "tracker/area_detail.html", {**context, **_timeline(request, entries)})


@require_http_methods(["GET", "POST"])
def area_edit(request, code):
    area = get_area_for_user(request, code, write=True)
    form = AreaForm(request.POST or None, instance=area)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your changes are saved."))
        return redirect("tracker:area_detail", code=area.code)
    return render(
        request,
        "tracker/area_form.html",
        {"form": form, "area": area, "profile": services.profile_for(request.user)},
    )


@require_POST
def area_resolve(request, code):
    area = get_area_for_user(request, code, write=True)
    resolved = request.POST.get("resolved") == "1"
    services.set_area_resolved(area=area, resolved=resolved)
    if resolved:
        messages.success(request, _("Marked as resolved. You can reopen it at any time."))
    else:
        messages.success(request, _("Reopened. It is back on your list."))
    return redirect("tracker:area_detail", code=area.code)


@require_http_methods(["GET", "POST"])
def area_delete(request, code):
    area = get_area_for_user(request, code, write=True)
    if request.method == "POST":
        services.delete_area(area=area)
        messages.success(request, _("The area and all its entries are deleted."))
        return redirect("tracker:home")
    return render(request, "tracker/area_confirm_delete.html", {"area": area})


@require_http_methods(["GET", "POST"])
@limited("upload", per="user")
def entry_create(request, code):
    area = get_area_for_user(request, code, add_entries=True)
    form = EntryForm(request.POST or None)
    photo_form = PhotoForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and (
        entry := save_entry_and_photos(request, form=form, photo_form=photo_form, area=area)
    ):
        # No flash message: the page it leads to says the check is saved, with its findings.
        return finish(request, "tracker:entry_saved", code=entry.code)
    return form_page(
        request,
        {
            "form": form,
            "area": area,
            "photo_form": photo_form,
            "ghost_photo": services.latest_photo(area),
        },
    )


@require_GET
def entry_saved(request, code):
    entry = get_entry_for_user(request, code)
    editable = editable_entries(request.user, [entry])
    context = {"entry": entry, "area": entry.area, "editable_entries": editable}
    if entry.pk in editable:
        context["photo_date"] = services.photo_date_suggestion(entry)
    return render(request, "tracker/entry_saved.html", context)


@require_POST
def entry_use_photo_date(request, code):
    entry = get_entry_for_user(request, code, write=True)
    day = services.photo_date_suggestion(entry)
    if day is not None:
        services.move_entry_to(entry=entry, day=day)
        messages.success(request, _("The check's date now matches the day the photo was taken."))
    return redirect("tracker:entry_saved", code=entry.code)


@require_http_methods(["GET", "POST"])
@limited("upload", per="user")
def entry_edit(request, code):
    entry = get_entry_for_user(request, code, write=True)
    form = EntryForm(request.POST or None, instance=entry)
    photo_form = PhotoForm(
        request.POST or None, request.FILES or None, entry=entry, user=request.user
    )
    if request.method == "POST" and save_entry_and_photos(
        request, form=form, photo_form=photo_form, entry=entry
    ):
        messages.success(request, _("Your changes are saved."))
        return finish(request, "tracker:entry_saved", code=entry.code)
    return form_page(
        request,
        {
            "form": form,
            "area": entry.area,
            "entry": entry,
            "photo_form": photo_form,
            "ghost_photo": services.latest_photo(entry.area, other_than=entry),
        },
    )


@require_http_methods(["GET", "POST"])
def entry_delete(request, code):
    entry = get_entry_for_user(request, code, write=True)
    if request.method == "POST":
        area = entry.area
        services.delete_entry(entry=entry)
        messages.success(request, _("The entry is deleted."))
        return redirect("tracker:area_detail", code=area.code)
    return render(request, "tracker/entry_confirm_delete.html", {"entry": entry})


@require_GET
def timeline(request):
    entries = services.timeline(entries_for(request.user).filter(area__patient=request.user))
    return render(request, "tracker/timeline.html", _timeline(request, entries))


@require_GET
def export(request):
    return render(request, "tracker/export.html")


@require_GET
def export_download(request):
    # Only the patient exports their own record: there is no object to look up, so no helper.
    # Streamed: the first bytes leave at once, and memory does not grow with the photos.
    response = StreamingHttpResponse(
        (part for part in stream_export(patient=request.user) if part),
        content_type="application/zip",
    )
    filename = export_filename(today=timezone.localdate())
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
