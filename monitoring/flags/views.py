"""Patient pages of the monitoring rules: flags to raise, one flag, and the public rule list."""

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.utils.translation import gettext
from django.views.decorators.http import require_safe

from education.vocabulary import Urgency
from monitoring.flags import evaluation
from monitoring.flags.access import get_flag_for_user, own_open_flags
from monitoring.rules.catalogue import CATALOGUE, RULES
from monitoring.rules.grouping import group_flags
from tracker.services import profile_for


@require_safe
def to_raise(request):
    """Open flags across all the patient's areas, one item per (area, rule), highest urgency
    first (see `monitoring.rules.grouping`)."""
    flags = list(own_open_flags(request.user))
    return render(
        request,
        "monitoring/flags/to_raise.html",
        {
            "flags": flags,
            "groups": group_flags(flags),
            "urgent": [f for f in flags if f.urgency == Urgency.URGENT],
            "phone": profile_for(request.user).care_team_phone,
        },
    )


@require_safe
def flag_detail(request, code):
    flag = get_flag_for_user(request, code)
    facts = {k: v for k, v in flag.facts.items() if k != "templates"}
    return render(
        request,
        "monitoring/flags/flag_detail.html",
        {"flag": flag, "rule": RULES.get(flag.rule), "facts": sorted(facts.items())},
    )


@login_not_required
@require_safe
def rule_list(request):
    """Every rule the app checks, with the thresholds configured here (public)."""
    limits = evaluation.thresholds()
    catalogue = [
        {"rule": rule, "trigger": rule.describe(limits, gettext=gettext)} for rule in CATALOGUE
    ]
    return render(
        request,
        "monitoring/flags/rules.html",
        {"catalogue": catalogue, "thresholds": sorted(limits.as_dict().items())},
    )
