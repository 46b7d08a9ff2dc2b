"""The appointment summary, as a page and as a PDF.

Views stay thin: access through `tracker.access`, dates through `PeriodForm`, the content from
`monitoring.summary.build.build_summary`, the PDF from `monitoring.summary.pdf`.
"""

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from monitoring.summary.build import build_summary, default_period
from monitoring.summary.forms import PAPER_SIZES, PeriodForm
from tracker.access import get_patient_for_user


def _patient(request, code):
    """The patient whose summary this is: the reader themselves, or someone who shared with them.

    Reads by anyone but the patient go through `get_patient_for_user`, which 404s for strangers
    and writes the access log (what="summary") for everyone else.
    """
    if code is None or str(code) == str(request.user.code):
        return request.user
    return get_patient_for_user(request, code, what="summary")


def _summary_context(request, patient, code):
    profile = getattr(patient, "profile", None)
    form = PeriodForm(request.GET or None, default=default_period(profile=profile))
    context = {"patient": patient, "form": form, "patient_code": code}
    if request.GET and not form.is_valid():
        return context, False
    data = form.cleaned_data if request.GET else {"period": form.default, "paper": "a4"}
    context.update(
        summary=build_summary(patient=patient, period=data["period"]),
        paper=PAPER_SIZES[data["paper"]],
        paper_code=data["paper"],
        is_own=patient.pk == request.user.pk,
        pdf_url=_pdf_url(code, data),
    )
    return context, True


def _pdf_url(code, data):
    if code is None:
        url = reverse("monitoring:summary_pdf")
    else:
        url = reverse("monitoring:patient_summary_pdf", kwargs={"code": code})
    period = data["period"]
    return f"{url}?start={period.start:%Y-%m-%d}&end={period.end:%Y-%m-%d}&paper={data['paper']}"


@require_GET
def summary(request, code=None):
    patient = _patient(request, code)
    context, ok = _summary_context(request, patient, code)
    return render(request, "monitoring/summary/page.html", context, status=200 if ok else 400)


@require_GET
def summary_pdf(request, code=None):
    patient = _patient(request, code)
    context, ok = _summary_context(request, patient, code)
    if not ok:
        return render(request, "monitoring/summary/page.html", context, status=400)
    try:
        # Imported here: WeasyPrint needs the Pango system library, and a machine without it
        # should still serve everything else (the printable page included).
        from monitoring.summary.pdf import render_summary_pdf
    except (ImportError, OSError):
        return render(request, "monitoring/summary/pdf_unavailable.html", context, status=503)
    pdf = render_summary_pdf(
        summary=context["summary"], request=request, patient=patient, context=context
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    # The file name names no patient: it may end up in a shared downloads folder.
    name = f"visit-summary-{timezone.localdate():%Y-%m-%d}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
