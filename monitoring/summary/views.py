"""The appointment summary (page and PDF) and the patient's list of questions for the visit.

Views stay thin: access through `tracker.access`, dates through `PeriodForm`, the content from
`monitoring.summary.build.build_summary`, the PDF from `monitoring.summary.pdf`.
"""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from monitoring import questions as question_services
from monitoring.summary.build import build_summary, default_period
from monitoring.summary.forms import PAPER_SIZES, PeriodForm, QuestionForm
from tracker.access import get_patient_for_user, get_question_for_user, questions_for


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


@require_http_methods(["GET", "POST"])
def questions(request):
    form = QuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        question_services.add_question(patient=request.user, text=form.cleaned_data["text"])
        messages.success(request, _("Your question is saved. It will print on your summary."))
        return redirect("monitoring:questions")
    items = questions_for(request.user).order_by("done_at", "created_at", "pk")
    return render(request, "monitoring/summary/questions.html", {"form": form, "items": items})


@require_http_methods(["GET", "POST"])
def question_edit(request, code):
    question = get_question_for_user(request, code, write=True)
    form = QuestionForm(request.POST or None, instance=question)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your changes are saved."))
        return redirect("monitoring:questions")
    return render(
        request, "monitoring/summary/question_form.html", {"form": form, "question": question}
    )


@require_POST
def question_done(request, code):
    question = get_question_for_user(request, code, write=True)
    done = request.POST.get("done") == "1"
    question_services.set_done(question=question, done=done)
    if done:
        messages.success(request, _("Ticked off. It will not print any more."))
    else:
        messages.success(request, _("Back on your list. It will print on your summary."))
    return redirect("monitoring:questions")


@require_http_methods(["GET", "POST"])
def question_delete(request, code):
    question = get_question_for_user(request, code, write=True)
    if request.method == "POST":
        question.delete()
        messages.success(request, _("The question is deleted."))
        return redirect("monitoring:questions")
    return render(
        request, "monitoring/summary/question_confirm_delete.html", {"question": question}
    )
