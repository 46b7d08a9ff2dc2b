"""Pages for the second factor: prove it after the password, set up an authenticator app, see
or replace recovery codes, turn it off (patients only)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from tracker.security import sessions, two_factor
from tracker.security.forms import CodeForm, PasswordCheckForm, SetupForm


def _next(request, default="tracker:home"):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


@require_GET
def overview(request):
    user = request.user
    return render(
        request,
        "registration/two_factor/overview.html",
        {
            "app": two_factor.app_device(user),
            "codes_left": two_factor.recovery_codes_left(user),
            "passkeys": two_factor.passkey_count(user),
            "required": two_factor.required_for(user),
        },
    )


@require_http_methods(["GET", "POST"])
def verify(request):
    user = request.user
    if not two_factor.has_device(user):
        if two_factor.required_for(user):
            messages.info(request, _("Your account needs a second step at login. Set it up now."))
            return redirect("two_factor_setup")
        request.session.pop(two_factor.PENDING, None)
        return redirect(_next(request))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = two_factor.check_code(user, form.cleaned_data["code"])
        if device is not None:
            two_factor.mark_verified(request, device)
            left = two_factor.recovery_codes_left(user)
            if device.name == two_factor.RECOVERY_NAME:
                messages.warning(
                    request,
                    _("You used a recovery code. You have %(left)s left.") % {"left": left},
                )
            return redirect(_next(request))
        form.add_error("code", _("That code did not work. Try the newest one."))
    return render(
        request, "registration/two_factor/verify.html", {"form": form, "next": _next(request, "")}
    )


@require_http_methods(["GET", "POST"])
def setup(request):
    user = request.user
    if two_factor.has_device(user) and not two_factor.is_verified(request):
        return redirect("two_factor_verify")
    device = two_factor.pending_app_device(user)
    form = SetupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = two_factor.confirm_app_device(request, device, form.cleaned_data["code"])
        if codes is not None:
            return render(request, "registration/two_factor/recovery_codes.html", {"codes": codes})
        form.add_error(
            "code",
            _("That code did not work. Check the time on your phone and try the newest code."),
        )
    return render(
        request,
        "registration/two_factor/setup.html",
        {
            "form": form,
            "qr_svg": two_factor.qr_svg(device),
            "secret": two_factor.secret_text(device),
        },
    )


@require_http_methods(["GET", "POST"])
def recovery_codes(request):
    form = PasswordCheckForm(request.POST or None, user=request.user, ask_code=False)
    if request.method == "POST" and form.is_valid() and two_factor.has_device(request.user):
        codes = two_factor.new_recovery_codes(request.user)
        return render(request, "registration/two_factor/recovery_codes.html", {"codes": codes})
    return render(
        request, "registration/two_factor/confirm.html", {"form": form, "action": "codes"}
    )


@require_http_methods(["GET", "POST"])
def turn_off(request):
    if two_factor.required_for(request.user):
        messages.error(request, _("Your account must keep a second step at login."))
        return redirect("two_factor")
    form = PasswordCheckForm(request.POST or None, user=request.user, ask_code=False)
    if request.method == "POST" and form.is_valid():
        two_factor.turn_off(request.user)
        request.session.pop(two_factor.VERIFIED, None)
        messages.success(request, _("The second step at login is off."))
        return redirect("two_factor")
    return render(request, "registration/two_factor/confirm.html", {"form": form, "action": "off"})


@require_http_methods(["GET", "POST"])
def session_list(request):
    current = request.session.session_key
    if request.method == "POST":
        everywhere = request.POST.get("which") == "all"
        ended = sessions.end_sessions(request.user, keep_key=None if everywhere else current)
        if everywhere:
            return redirect("login")
        messages.success(request, _("Logged out of %(count)s other places.") % {"count": ended})
        return redirect("sessions")
    rows = sessions.sessions_of(request.user)
    return render(request, "registration/sessions.html", {"rows": rows, "current_key": current})
