from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from monitoring.summary.build import Period
from tracker.forms import DateInput

PAPER_SIZES = {"a4": "A4", "letter": "letter"}


class PeriodForm(forms.Form):
    """The dates of the summary (GET). Empty fields fall back to the default period."""

    start = forms.DateField(label=_("From"), required=False, widget=DateInput())
    end = forms.DateField(label=_("To"), required=False, widget=DateInput())
    paper = forms.ChoiceField(
        label=_("Paper size"),
        required=False,
        choices=[("a4", _("A4")), ("letter", _("US Letter"))],
    )

    def __init__(self, *args, default, **kwargs):
        super().__init__(*args, **kwargs)
        self.default = default
        # The fields show the dates in use, so nobody has to guess what "empty" means.
        self.fields["start"].initial = default.start
        self.fields["end"].initial = default.end

    def clean(self):
        data = super().clean()
        today = timezone.localdate()
        start = data.get("start") or self.default.start
        end = data.get("end") or self.default.end
        if "start" in self.errors or "end" in self.errors:
            return data
        if start > today:
            self.add_error("start", _("This date is in the future. Please pick today or earlier."))
        if end > today:
            self.add_error("end", _("This date is in the future. Please pick today or earlier."))
        if start > end:
            self.add_error(
                "end", _("The end date is before the start date. Please pick a later end date.")
            )
        data["period"] = Period(start=start, end=end)
        data["paper"] = data.get("paper") or "a4"
        return data
