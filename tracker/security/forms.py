"""Forms for the second factor and for deleting an account."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tracker.security import two_factor


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        help_text=_("The 6-digit code from your authenticator app, or one of your recovery codes."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}),
    )


class SetupForm(forms.Form):
    code = forms.CharField(
        label=_("The 6-digit code your app shows now"),
        max_length=12,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class PasswordCheckForm(forms.Form):
    """Re-enter the password (and a second factor code where it is on) before a big change."""

    password = forms.CharField(
        label=_("Your password"),
        max_length=256,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user, ask_code=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.ask_code = two_factor.has_device(user) if ask_code is None else ask_code
        if self.ask_code:
            self.fields["code"] = CodeForm.base_fields["code"]

    def clean(self):
        data = super().clean()
        password = data.get("password")
        if password and not self.user.check_password(password):
            raise forms.ValidationError(_("That is not your password."))
        code = data.get("code")
        if self.ask_code and code and two_factor.check_code(self.user, code) is None:
            self.add_error("code", _("That code did not work. Try the newest one."))
        return data
