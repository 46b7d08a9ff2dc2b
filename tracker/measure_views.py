"""Measuring a spot on a photo: the tool, one measurement (to check it), and using it as the size.

Every view fetches through tracker.access on its first line; a stranger gets a 404.
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from tracker.access import entries_for, get_measurement_for_user, get_photo_for_user
from tracker.measure_forms import POINTS, MeasureForm
from tracker.measurements import REFERENCES, save_measurement, use_as_size
from tracker.measuring import MeasureError


@require_http_methods(["GET", "POST"])
def measure(request, code):
    photo = get_photo_for_user(request, code, measure=True)
    form = MeasureForm(request.POST or None, photo=photo)
    if request.method == "POST" and form.is_valid():
        reference, spot = form.points()
        try:
            measurement = save_measurement(
                photo=photo,
                user=request.user,
                by_clinician=request.user.is_clinician and request.user != photo.entry.area.patient,
                reference=form.cleaned_data["reference"],
                reference_points=reference,
                spot_points=spot,
            )
        except MeasureError as error:
            form.add_error(None, _(str(error)))
        else:
            return redirect("tracker:measurement_detail", code=measurement.code)
    return render(
        request,
        "tracker/measure.html",
        {
            "photo": photo,
            "entry": photo.entry,
            "area": photo.entry.area,
            "form": form,
            "points": [(form[x], form[y], label) for x, y, label in POINTS],
            "reference_mm": {code: mm for code, (_label, mm) in REFERENCES.items()},
        },
    )


@require_safe
def measurement_detail(request, code):
    measurement = get_measurement_for_user(request, code)
    entry = measurement.photo.entry
    may_use = entries_for(request.user, write=True).filter(pk=entry.pk).exists()
    return render(
        request,
        "tracker/measurement.html",
        {
            "measurement": measurement,
            "photo": measurement.photo,
            "entry": entry,
            "area": entry.area,
            "may_use": may_use and entry.size_measurement_id != measurement.pk,
            "is_used": entry.size_measurement_id == measurement.pk,
        },
    )


@require_POST
def measurement_use(request, code):
    measurement = get_measurement_for_user(request, code, write=True)
    entry = use_as_size(measurement=measurement)
    messages.success(
        request,
        _("The size of this check is now %(mm)s mm, measured on the photo.")
        % {"mm": entry.size_mm},
    )
    return redirect("tracker:entry_saved", code=entry.code)
