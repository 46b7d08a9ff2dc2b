"""Patient pages of the concerns: what to raise, one concern, "I have contacted my care team",
and the public list of rules."""

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.views.decorators.http import require_POST, require_safe

from education.vocabulary import Urgency
from monitoring.flags import evaluation
from monitoring.flags.access import all_urgent, get_concern_for_user, own_open_concerns
from monitoring.rules import wording
from monitoring.rules.catalogue import CATALOGUE, RULES
from tracker.services import profile_for

TO_RAISE_PAGE_SIZE = 20


@require_safe
def to_raise(request):
    """The patient's open concerns: one card per concern, most urgent first, then newest, a page
    at a time (at most one open concern per area and rule, but a patient may watch many areas).
    The urgent box covers every urgent concern, not just this page's."""
    concerns = own_open_concerns(request.user)
    page = Paginator(concerns, TO_RAISE_PAGE_SIZE).get_page(request.GET.get("page"))
    urgent = all_urgent(page.object_list, concerns, shown_from_start=page.number == 1)
    return render(
        request,
        "monitoring/flags/to_raise.html",
        {
            "page": page,
            "concerns": page.object_list,
            "urgent": urgent,
            "contacted_at": _contacted_at(urgent),
            "phone": profile_for(request.user).care_team_phone,
        },
    )


@require_safe
def concern_detail(request, code):
    concern = get_concern_for_user(request, code)
    facts = {k: v for k, v in concern.facts.items() if k != "templates"}
    links = concern.checks.select_related("entry").order_by("entry__date", "pk")
    return render(
        request,
        "monitoring/flags/concern_detail.html",
        {
            "concern": concern,
            "rule": RULES.get(concern.rule),
            "facts": sorted(facts.items()),
            "links": links,
            "is_patient": concern.patient_id == request.user.pk,
        },
    )


@require_POST
def contacted(request):
    """The patient says they contacted their care team about their urgent concerns: recorded
    (and shown to the clinician); it lowers nothing and closes nothing."""
    own_open_concerns(request.user).filter(
        urgency=Urgency.URGENT, contacted_at__isnull=True
    ).update(contacted_at=timezone.now())
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = "tracker:home"
    return redirect(target)


@login_not_required
@require_safe
def rule_list(request):
    """Every rule the app checks, with the thresholds configured here (public)."""
    limits = evaluation.thresholds()
    catalogue = [
        {"rule": rule, "trigger": rule.describe(limits, gettext=gettext)} for rule in CATALOGUE
    ]
    values = {k: _number(v) for k, v in limits.as_dict().items()}
    plain = {urgency: [] for urgency in Urgency}
    for rule in CATALOGUE:
        if rule.code in wording.RULE_PLAIN and rule.urgency:
            text = gettext(wording.RULE_PLAIN[rule.code]).format(**values)
            plain[Urgency(rule.urgency)].append(text)
    return render(
        request,
        "monitoring/flags/rules.html",
        {
            "catalogue": catalogue,
            "plain": [(urgency, texts) for urgency, texts in plain.items() if texts],
            "thresholds": sorted(limits.as_dict().items()),
        },
    )


def _number(value):
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _contacted_at(urgent):
    if urgent and all(c.contacted_at for c in urgent):
        return min(c.contacted_at for c in urgent)
    return None
