"""How other apps link to education pages, by sign code, without importing models."""

from django.urls import reverse


def sign_page_url(code):
    """The URL that opens the warning-sign page for a shared sign code (a redirect).

    A sign page slug that is not a code (e.g. "growth") works as well.

    It needs no database query, so a form can link every checkbox cheaply.
    """
    return reverse("education:sign_by_code", args=[code])


def sign_page_for_code(code):
    """The SignPage that covers `code`, or None."""
    from education.models import SignPage

    return SignPage.objects.filter(sign_codes__code=code).first()
