from django import forms
from django.contrib.auth.forms import UserCreationForm
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from education.choices import choices, sign_help
from education.vocabulary import Change, History, Sign, Site, Treatment
from tracker import body_map
from tracker.models import (
    ENTRY_FIELDS,
    MAX_NOTES,
    MAX_QUESTION,
    MAX_SCORE,
    MAX_SIZE_MM,
    Entry,
    Profile,
    Question,
    User,
    WatchedArea,
)
from tracker.services import EntryValues

# The checklist of the entry form, in a few plain groups (each sign in exactly one; a sign added
# to the vocabulary later and not listed here shows under "More signs").
SIGN_GROUPS = (
    (
        _("Lumps and how it feels"),
        (Sign.NEW_LUMP, Sign.FIRM, Sign.RAISED_PATCH, Sign.THICKENED, Sign.SWELLING),
    ),
    (
        _("Colour and the look of the skin"),
        (
            Sign.RED_PATCH,
            Sign.DISCOLOURED,
            Sign.SPIDER_VEINS,
            Sign.DIMPLED,
            Sign.BAND_ALONG_NERVE,
            Sign.HAIR_LOSS,
        ),
    ),
    (_("Broken skin"), (Sign.OPEN_SORE, Sign.BLEEDING, Sign.WEEPING)),
    (_("Heat and fever"), (Sign.WARM, Sign.FEVER)),
)
OTHER_SIGNS = _("More signs")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


# Shown instead of Django's defaults, which quote the raw code sent ("moon is not one of ...").
NOT_IN_LIST = _("Please choose from the list.")
TOO_LONG = {
    "max_length": _(
        "Please make this shorter: up to %(limit_value)d characters. It has %(show_value)d now."
    )
}


def reject_future(value):
    if value and value > timezone.localdate():
        raise forms.ValidationError(_("This date is in the future. Please pick today or earlier."))
    return value


class SignUpForm(UserCreationForm):
    class Meta:
        model = User
        fields = ("full_name", "email")
        help_texts = {
            "full_name": _("Shown to the care team members you invite."),
            "email": _("You log in with this. We send password reset links here."),
        }

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def validate_unique(self):
        """Say nothing about whether the address has an account (tracker.security.signup)."""


# The places the profile asks about for radiation: where breast cancer is usually treated.
RADIATION_SITES = (
    Site.CHEST_WALL_LEFT,
    Site.CHEST_WALL_RIGHT,
    Site.BREAST_LEFT,
    Site.BREAST_RIGHT,
    Site.ARMPIT_LEFT,
    Site.ARMPIT_RIGHT,
    Site.SUPRACLAVICULAR_LEFT,
    Site.SUPRACLAVICULAR_RIGHT,
)


class ProfileForm(forms.ModelForm):
    radiation_sites = forms.MultipleChoiceField(
        label=_("Where did you have radiation?"),
        choices=[(code, label) for code, label in choices(Site) if code in RADIATION_SITES],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "Tick the places, if you know. Your body map shades them, because skin that had "
            "radiation can change in its own ways."
        ),
        error_messages={"invalid_choice": NOT_IN_LIST},
    )
    history = forms.MultipleChoiceField(
        label=_("Your treatment and cancer type"),
        choices=choices(History),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "Tick what applies, if you know. Some types of cancer and treatment make some skin "
            "changes more worth a quick check, so the app uses this to decide how soon to suggest "
            "a visit."
        ),
    )

    class Meta:
        model = Profile
        fields = (
            "history",
            "radiation_sites",
            "care_team_phone",
            "last_appointment",
            "next_appointment",
        )
        labels = {
            "care_team_phone": _("Your care team's phone number"),
            "last_appointment": _("Date of your last appointment"),
            "next_appointment": _("Date of your next appointment"),
        }
        help_texts = {
            "care_team_phone": _(
                "We show this number next to anything that needs a call, so you don't have to "
                "look for it."
            ),
            "last_appointment": _("Your visit summary starts from this date."),
            "next_appointment": _("We remind you what to bring up at this visit."),
        }
        widgets = {"last_appointment": DateInput(), "next_appointment": DateInput()}

    def clean_care_team_phone(self):
        phone = self.cleaned_data["care_team_phone"].strip()
        allowed = set("0123456789+()-. ")
        if phone and (not set(phone) <= allowed or sum(c.isdigit() for c in phone) < 3):
            raise forms.ValidationError(
                _("Please type only the phone number: digits, spaces, +, - and brackets.")
            )
        return phone


class AreaForm(forms.ModelForm):
    class Meta:
        model = WatchedArea
        fields = ("site", "name", "first_noticed", "notes", "pin_x", "pin_y")
        help_texts = {
            "name": _('A few words so you know which spot this is, like "lump under left scar".'),
            "first_noticed": _("Leave it empty if you are not sure."),
        }
        error_messages = {
            "site": {"invalid_choice": _("Please choose a body area from the list.")},
            "name": TOO_LONG,
            "notes": TOO_LONG,
        }
        widgets = {
            "first_noticed": DateInput(),
            "notes": forms.Textarea(attrs={"rows": 3, "maxlength": MAX_NOTES}),
            "pin_x": forms.HiddenInput,
            "pin_y": forms.HiddenInput,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["first_noticed"].widget.attrs["max"] = timezone.localdate().isoformat()
        self.fields["site"].choices = [("", _("Choose a body area")), *choices(Site)]
        self.fields["site"].help_text = _("Or tap the place on the body map.")

    def clean(self):
        cleaned = super().clean()
        x, y = cleaned.get("pin_x"), cleaned.get("pin_y")
        # A pin off the drawing (or only half given) is dropped: the site's own place is used.
        # So is an old pin when the site changed without a new tap (the list was used instead).
        moved = {"pin_x", "pin_y"} & set(self.changed_data)
        site_changed = self.instance.pk and "site" in self.changed_data and not moved
        off_map = not (0 <= (x or 0) <= body_map.WIDTH and 0 <= (y or 0) <= body_map.HEIGHT)
        if x is None or y is None or off_map or site_changed:
            cleaned["pin_x"] = cleaned["pin_y"] = None
        return cleaned

    def clean_first_noticed(self):
        return reject_future(self.cleaned_data["first_noticed"])


class EntryForm(forms.ModelForm):
    signs = forms.MultipleChoiceField(
        label=_("What do you see or feel?"),
        choices=choices(Sign),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Tick all that apply. Leave all empty if you see no change today."),
        error_messages={"invalid_choice": NOT_IN_LIST},
    )

    class Meta:
        model = Entry
        fields = ENTRY_FIELDS
        labels = {
            "pain": _("Pain, from 0 (none) to 10 (worst)"),
            "itch": _("Itch, from 0 (none) to 10 (worst)"),
        }
        help_texts = {
            "size_mm": _(
                "Measure the longest part with a ruler, if you can. 10 mm is 1 cm. You can also "
                "measure it on the photo after saving."
            ),
            "treatment_since": _("When you started it, if you are using something."),
            "notes": _("Anything else you want to remember or tell your care team."),
        }
        # %(limit_value)s is filled in by Django (from the model's limits).
        error_messages = {
            "size_mm": {
                "max_value": _(
                    "Please type a size of %(limit_value)s mm or less, or leave it empty."
                ),
                "min_value": _("Please type a size of %(limit_value)s mm or more."),
                "invalid": _("Please type the size as a whole number of mm."),
            },
            **{
                name: {
                    "max_value": _("Please choose a number from 0 to %(limit_value)s."),
                    "min_value": _("Please choose a number of %(limit_value)s or more."),
                    "invalid": _("Please type a whole number, like 3."),
                }
                for name in ("pain", "itch")
            },
            "change": {"invalid_choice": NOT_IN_LIST},
            "treatment": {"invalid_choice": NOT_IN_LIST},
            "notes": TOO_LONG,
        }
        widgets = {
            "date": DateInput(),
            "treatment_since": DateInput(),
            "size_mm": forms.NumberInput(
                attrs={"min": 0, "max": MAX_SIZE_MM, "inputmode": "numeric"}
            ),
            "pain": forms.NumberInput(attrs={"min": 0, "max": MAX_SCORE, "inputmode": "numeric"}),
            "itch": forms.NumberInput(attrs={"min": 0, "max": MAX_SCORE, "inputmode": "numeric"}),
            "notes": forms.Textarea(attrs={"rows": 3, "maxlength": MAX_NOTES}),
            "change": forms.RadioSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate().isoformat()
        for name in ("date", "treatment_since"):
            self.fields[name].widget.attrs["max"] = today
        self.fields["change"].required = False
        self.fields["change"].choices = [*choices(Change), ("", _("Not sure"))]
        if not self.instance.pk and not self.is_bound:
            self.initial.setdefault("date", timezone.localdate())

    def sign_groups(self):
        """[(group label, [(checkbox, help line), ...]), ...] for the grouped checklist."""
        boxes = {box.data["value"]: box for box in self["signs"]}
        groups, listed = [], set()
        for label, codes in SIGN_GROUPS:
            members = [(boxes[c], sign_help(c)) for c in codes if c in boxes]
            listed.update(codes)
            if members:
                groups.append((label, members))
        rest = [(box, sign_help(code)) for code, box in boxes.items() if code not in listed]
        if rest:
            groups.append((OTHER_SIGNS, rest))
        return groups

    def clean_date(self):
        return reject_future(self.cleaned_data["date"])

    def clean_treatment_since(self):
        return reject_future(self.cleaned_data["treatment_since"])

    def values(self) -> EntryValues:
        """The cleaned check, for `tracker.services.save_entry`."""
        data = {name: self.cleaned_data[name] for name in ENTRY_FIELDS}
        return EntryValues(**{**data, "signs": tuple(data["signs"])})

    def clean(self):
        cleaned = super().clean()
        since, day = cleaned.get("treatment_since"), cleaned.get("date")
        if cleaned.get("treatment") == Treatment.NONE:
            cleaned["treatment_since"] = None
        elif since and day and since > day:
            self.add_error(
                "treatment_since", _("The treatment start should be on or before the entry date.")
            )
        return cleaned


class QuestionForm(forms.ModelForm):
    class Meta:
        model = Question
        fields = ("text",)
        labels = {"text": _("Your question")}
        help_texts = {
            "text": format_lazy(
                _("One question at a time, in your own words (up to {max} letters)."),
                max=MAX_QUESTION,
            )
        }
        widgets = {"text": forms.Textarea(attrs={"rows": 2, "maxlength": MAX_QUESTION})}
        error_messages = {"text": {"required": _("Please type your question.")}}

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError(_("Please type your question."))
        return text
