"""Pages of the reminders room. The patient's own settings are narrowed to request.user; the
watch plan goes through `tracker.access` like every other read of a shared record. The calendar
feed and the unsubscribe link are public on purpose: each is opened by a secret in its URL."""

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from monitoring.models import AccessLogEntry, PushSubscription, ReminderPlan
from monitoring.models.reminders import new_calendar_token
from monitoring.reminders import alerts, calendar_feed, patients, push
from monitoring.reminders.forms import AlertChoiceForm, ReminderPlanForm, WatchPlanForm
from monitoring.reminders.mail import site_url
from tracker.access import get_area_for_user, get_grant_for_user
from tracker.models import Role


@require_http_methods(["GET", "POST"])
def reminders(request):
    plan = patients.plan_for(request.user)
    form = ReminderPlanForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your reminder settings are saved."))
        return redirect("monitoring:reminders")
    calendar_url = site_url(reverse("monitoring:calendar", kwargs={"token": plan.calendar_token}))
    return render(
        request,
        "monitoring/reminders/reminders.html",
        {
            "form": form,
            "plan": plan,
            "calendar_url": calendar_url,
            "vapid_public_key": settings.VAPID_PUBLIC_KEY if push.enabled() else "",
            "n_devices": plan.patient.push_subscriptions.count(),
        },
    )


@require_POST
def calendar_reset(request):
    plan = patients.plan_for(request.user)
    plan.calendar_token = new_calendar_token()
    plan.save(update_fields=["calendar_token"])
    messages.success(
        request, _("Your calendar link is new. The old link stops working now; add the new one.")
    )
    return redirect("monitoring:reminders")


@login_not_required
@never_cache
@require_GET
def calendar(request, token):
    plan = get_object_or_404(ReminderPlan.objects.select_related("patient"), calendar_token=token)
    response = HttpResponse(calendar_feed.build(plan=plan), content_type="text/calendar")
    response["Content-Disposition"] = 'attachment; filename="skin-checks.ics"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_not_required
@csrf_exempt  # RFC 8058 one-click unsubscribe: the mail client POSTs with no cookie or token
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    patient = patients.patient_for_unsubscribe(token)
    if patient is None:
        raise Http404
    done = request.method == "POST"
    if done:
        ReminderPlan.objects.update_or_create(patient=patient, defaults={"by_email": False})
    return render(request, "monitoring/reminders/unsubscribe.html", {"done": done})


@require_http_methods(["GET", "POST"])
def alert_choice(request):
    if not request.user.is_clinician:
        raise Http404
    form = AlertChoiceForm(request.POST or None, instance=alerts.choice_for(request.user))
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your alert settings are saved."))
        return redirect("monitoring:alert_choice")
    return render(request, "monitoring/reminders/alert_choice.html", {"form": form})


@require_POST
def watch_plan(request, code, area_code):
    grant = get_grant_for_user(request, code, role=Role.CLINICIAN, what=AccessLogEntry.What.AREA)
    area = get_area_for_user(request, area_code)
    if area.patient_id != grant.patient_id or not request.user.is_clinician:
        raise Http404
    form = WatchPlanForm(request.POST)
    if form.is_valid():
        plan = patients.ask_to_watch(
            area=area, clinician=request.user, days=form.cleaned_data["days"]
        )
        day = date_format(plan.due_on, "j F Y")
        if patients.gets_reminders(grant.patient):
            text = _("The patient will be reminded to check this area on %(day)s.")
        else:  # never promise a reminder that is off
            text = _(
                "The patient has turned reminders off, so they will not be reminded. If the "
                "area is not checked by %(day)s, it will show as missed on your list."
            )
        messages.success(request, text % {"day": day})
    else:
        messages.error(request, _("Choose a number of days from 1 to 90."))
    return redirect("monitoring:record", code=grant.patient.code)


@require_POST
def push_subscribe(request):
    """The reminders page's script sends the browser's push subscription here (JSON)."""
    if not push.enabled():
        raise Http404
    try:
        data = json.loads(request.body)
        endpoint, keys = data["endpoint"], data["keys"]
        fields = {"endpoint": endpoint, "p256dh": keys["p256dh"], "auth": keys["auth"]}
        if not all(isinstance(v, str) and v for v in fields.values()):
            raise ValueError
        URLValidator(schemes=["https"])(endpoint)
        if len(endpoint) > 1000 or len(fields["p256dh"]) > 200 or len(fields["auth"]) > 100:
            raise ValueError
    except (ValueError, KeyError, TypeError, ValidationError):
        return JsonResponse(
            {"error": _("This browser sent a subscription we cannot use.")}, status=400
        )
    push.subscribe(patient=request.user, **fields)
    return JsonResponse({"ok": True, "message": _("This device will show your reminders.")})


@require_POST
def push_unsubscribe(request):
    """Forget this browser (only if it is the user's own)."""
    try:
        endpoint = json.loads(request.body)["endpoint"]
    except (ValueError, KeyError, TypeError):
        return JsonResponse(
            {"error": _("This browser sent a subscription we cannot use.")}, status=400
        )
    PushSubscription.objects.filter(patient=request.user, endpoint=endpoint).delete()
    return JsonResponse({"ok": True, "message": _("This device will not show reminders.")})
