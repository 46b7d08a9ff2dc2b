from django import forms
from django.utils.translation import gettext_lazy as _

from education.vocabulary import Urgency
from monitoring.models import Concern
from tracker.models import Role

MAX_NOTE = 1000


class InviteForm(forms.Form):
    email = forms.EmailField(
        label=_("Their email address"),
        help_text=_("We send them a link. It works once, for this address only."),
    )
    role = forms.ChoiceField(
        label=_("What do they do?"),
        choices=[
            (Role.CLINICIAN, _("A clinician (doctor or nurse) in my care team")),
            (Role.CAREGIVER, _("A caregiver (family member or friend who helps me)")),
        ],
        widget=forms.RadioSelect,
    )
    caregiver_can_log = forms.BooleanField(
        label=_("A caregiver may also log checks for me"),
        help_text=_("Leave this empty if they should only read. Clinicians can only read."),
        required=False,
    )

    def __init__(self, *args, patient, **kwargs):
        super().__init__(*args, **kwargs)
        self.patient = patient

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if email == self.patient.email.lower():
            raise forms.ValidationError(_("This is your own address. Enter theirs."))
        return email

    def clean(self):
        data = super().clean()
        if data.get("role") != Role.CAREGIVER:
            data["caregiver_can_log"] = False
        return data


class ReviewForm(forms.Form):
    """One concern (`concern`) or every open concern of one area (`area`)."""

    concern = forms.UUIDField(widget=forms.HiddenInput, required=False)
    area = forms.UUIDField(widget=forms.HiddenInput, required=False)
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Concern.Outcome.choices)
    note = forms.CharField(
        label=_("Note to the patient"),
        help_text=_("Plain words. The patient sees this next to their entry."),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=MAX_NOTE,
        required=False,
    )

    def clean(self):
        data = super().clean()
        if bool(data.get("concern")) == bool(data.get("area")):
            raise forms.ValidationError(_("Choose one concern, or one area."))
        return data


class TriageFilterForm(forms.Form):
    urgency = forms.ChoiceField(
        label=_("Open concerns"),
        choices=[("", _("Any")), *((u.value, _(u.short)) for u in Urgency)],
        required=False,
    )
    q = forms.CharField(label=_("Name"), max_length=100, required=False)
