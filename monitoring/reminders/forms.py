from django import forms
from django.utils.translation import gettext_lazy as _

from monitoring.models import AlertChoice, ReminderPlan

HOURS = [(h, f"{h:02d}:00") for h in range(24)]


class ReminderPlanForm(forms.ModelForm):
    quiet_from = forms.TypedChoiceField(label=_("No reminders from"), choices=HOURS, coerce=int)
    quiet_until = forms.TypedChoiceField(label=_("until"), choices=HOURS, coerce=int)

    class Meta:
        model = ReminderPlan
        fields = ["every_days", "by_email", "quiet_from", "quiet_until", "paused"]
        labels = {
            "every_days": _("How often should we remind you to check your skin?"),
            "by_email": _("Send me an email when it is time"),
            "paused": _("Pause all reminders for now"),
        }
        help_texts = {
            "every_days": _("Once a month suits most people. Your care team may suggest more."),
        }


class AlertChoiceForm(forms.ModelForm):
    class Meta:
        model = AlertChoice
        fields = ["urgent_email", "soon_digest"]


class WatchPlanForm(forms.Form):
    days = forms.IntegerField(
        label=_("Ask for a new check in (days)"), min_value=1, max_value=90, initial=3
    )
