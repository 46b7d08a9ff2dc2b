"""Deleting one's own account, after the password (and the second step where it is on)."""

from django.contrib.auth import logout
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from tracker.security.deletion import delete_account as delete
from tracker.security.forms import PasswordCheckForm


@require_http_methods(["GET", "POST"])
def delete_account(request):
    user = request.user
    form = PasswordCheckForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        logout(request)
        delete(user=user)
        return render(request, "registration/account_deleted.html")
    return render(request, "registration/account_delete.html", {"form": form})
