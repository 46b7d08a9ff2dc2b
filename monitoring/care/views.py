"""Care team: the patient's sharing pages, the invitation link, and the clinician's pages.

Every read of a patient's record goes through `tracker.access` (404 for anyone not allowed; the
access log is written there). The patient's own sharing objects go through `_own_grant` and
`_own_invitation`, narrowed to the patient.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from monitoring.care import clinician, invitations, log_view
from monitoring.care.forms import InviteForm, ReviewForm, TriageFilterForm
from monitoring.models import AccessLogEntry, Invitation
from monitoring.reminders.health import daily_rules_warning
from monitoring.reminders.patients import missed_watch_plans, with_watch_plans
from tracker.access import (
    editable_entries,
    entries_for,
    get_grant_for_user,
    grants_for,
    record_access,
)
from tracker.models import CareGrant, Role
from tracker.security.rate_limits import limited

TRIAGE_PAGE_SIZE = 50
LOG_PAGE_SIZE = 50
SHARED_PAGE_SIZE = 50
RECORD_PAGE_SIZE = 20


def _page(request, items, size):
    return Paginator(items, size).get_page(request.GET.get("page"))


# --- The patient's side -----------------------------------------------------------------------


def _own_grant(user, code):
    return get_object_or_404(CareGrant.objects.active().filter(patient=user), code=code)


def _own_invitation(user, code):
    return get_object_or_404(Invitation.objects.pending().filter(patient=user), code=code)


@require_GET
def sharing(request):
    grants, pending = invitations.sharing_for(patient=request.user)
    return render(
        request, "monitoring/care/sharing.html", {"grants": grants, "invitations": pending}
    )


@require_http_methods(["GET", "POST"])
@limited("invitation", per="user")
def invite(request):
    form = InviteForm(request.POST or None, patient=request.user)
    if request.method == "POST" and form.is_valid():
        invitation = invitations.invite(
            patient=request.user,
            email=form.cleaned_data["email"],
            role=form.cleaned_data["role"],
            caregiver_can_log=form.cleaned_data["caregiver_can_log"],
        )
        messages.success(
            request,
            _("We sent an invitation to %(email)s. The link works for %(days)s days.")
            % {"email": invitation.email, "days": invitations.invitation_days()},
        )
        return redirect("monitoring:sharing")
    return render(request, "monitoring/care/invite.html", {"form": form})


@require_http_methods(["GET", "POST"])
def grant_revoke(request, code):
    grant = _own_grant(request.user, code)
    if request.method == "POST":
        invitations.revoke_grant(grant=grant)
        messages.success(
            request, _("%(name)s can no longer see your record.") % {"name": grant.member}
        )
        return redirect("monitoring:sharing")
    return render(request, "monitoring/care/revoke.html", {"grant": grant})


@require_http_methods(["GET", "POST"])
def invitation_revoke(request, code):
    invitation = _own_invitation(request.user, code)
    if request.method == "POST":
        invitations.revoke_invitation(invitation=invitation)
        messages.success(request, _("The invitation is cancelled. Its link no longer works."))
        return redirect("monitoring:sharing")
    return render(request, "monitoring/care/revoke.html", {"invitation": invitation})


@require_GET
def access_log(request):
    page = _page(request, log_view.groups(request.user), LOG_PAGE_SIZE)
    return render(
        request,
        "monitoring/care/access_log.html",
        {"page": page, "days": log_view.describe(list(page))},
    )


@require_GET
def access_log_day(request, day, who):
    rows = log_view.rows_of(request.user, pseudonym=who, day=day).select_related("actor")
    page = _page(request, rows, LOG_PAGE_SIZE)
    if not page.object_list:
        raise Http404
    return render(
        request,
        "monitoring/care/access_log_day.html",
        {"page": page, "day": day, "person": page[0].actor},
    )


# --- The invitation link ----------------------------------------------------------------------

# Lazy: the module is imported once, the message is shown in each reader's language.
PROBLEMS = {
    invitations.REVOKED: gettext_lazy("The person who sent this invitation has cancelled it."),
    invitations.USED: gettext_lazy(
        "This invitation has already been used. Each link works only once."
    ),
    invitations.EXPIRED: gettext_lazy(
        "This invitation has expired. Ask the person who sent it to send you a new one."
    ),
    invitations.WRONG_ACCOUNT: gettext_lazy(
        "This invitation was sent to a different email address. Log out, then log in or sign up "
        "with the address the invitation was sent to."
    ),
    invitations.NOT_CLINICIAN: gettext_lazy(
        "This invitation is for a clinician, and your account is not marked as a clinician "
        "account. Ask your hospital's administrator to mark it, then open the link again."
    ),
    invitations.OWN: gettext_lazy(
        "This is an invitation you sent. Send the link to the person it is for."
    ),
}


INVITATION_SESSION_KEY = "invitation"


@login_not_required
@require_http_methods(["GET", "POST"])
def invitation_open(request):
    """The emailed link: /invitations/open/#<token>. Browsers never send the #fragment, so the
    token is in no server's access log; the page posts it (static/js/fragment-token.js), and it is
    kept in the session behind the token-less /invitations/current/."""
    if request.method == "POST":
        token = request.POST.get("token", "").strip()
        if invitations.find_invitation(token) is None:
            return render(request, "monitoring/care/invitation_unknown.html", status=404)
        request.session[INVITATION_SESSION_KEY] = token
        return redirect("monitoring:invitation_current")
    return render(request, "monitoring/care/invitation_open.html")


@login_not_required
@require_http_methods(["GET", "POST"])
def invitation(request):
    found = invitations.find_invitation(request.session.get(INVITATION_SESSION_KEY, ""))
    if found is None:
        return render(request, "monitoring/care/invitation_unknown.html", status=404)
    if not request.user.is_authenticated:
        if request.method == "POST":
            return redirect(f"{reverse('login')}?next={request.path}")
        return render(
            request, "monitoring/care/invitation.html", {"invitation": found, "next": request.path}
        )
    problem = invitations.problem_with(found, user=request.user)
    if request.method == "POST" and problem is None:
        grant, problem = invitations.accept(invitation=found, user=request.user)
        if grant is not None:
            messages.success(
                request,
                _("You can now see the record of %(name)s.") % {"name": found.patient},
            )
            return redirect("monitoring:record", code=found.patient.code)
    status = 409 if problem and request.method == "POST" else 200
    return render(
        request,
        "monitoring/care/invitation.html",
        {"invitation": found, "problem": PROBLEMS.get(problem)},
        status=status,
    )


# --- People who shared with me, and the clinician's side --------------------------------------


@require_GET
def shared_with_me(request):
    grants = grants_for(request.user).select_related("patient").order_by("patient__full_name", "pk")
    page = _page(request, grants, SHARED_PAGE_SIZE)
    return render(request, "monitoring/care/shared_with_me.html", {"page": page})


@require_GET
def triage(request):
    if not request.user.is_clinician:
        raise Http404
    form = TriageFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    patients = clinician.triage(
        clinician=request.user, urgency=filters.get("urgency", ""), query=filters.get("q", "")
    )
    page = _page(request, patients, TRIAGE_PAGE_SIZE)
    # The list shows each patient's concern counts: that is a read of their record, logged once per
    # patient on the page and day (monitoring.care.access_log.ONCE_A_DAY), in one insert.
    record_access(request, patient_ids=[p.pk for p in page], what=AccessLogEntry.What.PATIENT_LIST)
    missed = set(
        missed_watch_plans(patients=[p.pk for p in page]).values_list("patient_id", flat=True)
    )
    for patient in page:
        patient.missed_watch_plan = patient.pk in missed
    context = {"form": form, "page": page, "rules_warning": daily_rules_warning()}
    return render(request, "monitoring/care/triage.html", context)


def _record_context(request, grant):
    """The record page of `grant`'s patient, as its member may see it (one grant, looked up
    once by `get_grant_for_user`)."""
    patient = grant.patient
    entries = clinician.record_timeline(
        entries=entries_for(request.user).filter(area__patient=patient)
    )
    areas = with_watch_plans(patient.areas.all())
    page = _page(request, entries, RECORD_PAGE_SIZE)
    can_review = grant.role == Role.CLINICIAN and request.user.is_clinician
    return {
        "patient": patient,
        "profile": getattr(patient, "profile", None),
        "grant": grant,
        "areas": areas,
        "page": page,
        "editable_entries": editable_entries(request.user, page),
        "area_concerns": clinician.record_concerns(patient=patient),
        "can_review": can_review,
        "can_log": grant.role == Role.CAREGIVER and grant.caregiver_can_log,
        "review_form": ReviewForm() if can_review else None,
        "review_url": reverse("monitoring:review", args=[patient.code]),
        "outcome_options": _outcome_options() if can_review else "",
    }


def _outcome_options():
    """The outcome choices of every review form on the record page, as <option>s, rendered once
    for the page rather than once per open concern. No outcome is chosen for the clinician:
    saving needs a deliberate choice."""
    empty = format_html('<option value="">{}</option>', _("Choose an outcome"))
    choices = ReviewForm.base_fields["outcome"].choices
    return empty + format_html_join("", '<option value="{}">{}</option>', choices)


@require_GET
def record(request, code):
    grant = get_grant_for_user(request, code, what=AccessLogEntry.What.TIMELINE)
    return render(request, "monitoring/care/record.html", _record_context(request, grant))


@require_POST
def review(request, code):
    # Only a clinician the patient shared with may review: caregivers and everyone else get 404.
    grant = get_grant_for_user(
        request, code, role=Role.CLINICIAN, what=AccessLogEntry.What.FLAG_REVIEW
    )
    patient = grant.patient
    form = ReviewForm(request.POST)
    if not form.is_valid():
        context = _record_context(request, grant)
        context["review_form"] = form
        context["failed_form"] = request.POST.get("concern") or request.POST.get("area")
        return render(request, "monitoring/care/record.html", context, status=400)
    done = clinician.review_concerns(
        patient=patient,
        reviewer=request.user,
        outcome=form.cleaned_data["outcome"],
        note=form.cleaned_data["note"],
        concern_code=form.cleaned_data["concern"],
        area_code=form.cleaned_data["area"],
    )
    if done:
        messages.success(request, _("Review saved. The patient can see the outcome and your note."))
    else:
        messages.warning(request, _("This was already closed, so nothing was changed."))
    return redirect("monitoring:record", code=patient.code)
