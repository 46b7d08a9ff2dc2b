"""How other apps link to education pages, by sign code or slug, without importing models."""

from dataclasses import dataclass, field

from django.urls import reverse

from education import pictures


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


def lookalike_page_url(slug):
    """The URL of a look-alike page (no query), e.g. for a concern that names "cellulitis"."""
    return reverse("education:lookalike", args=[slug])


@dataclass(frozen=True)
class PageLink:
    title: str
    url: str


def lookalikes_for_sign(code):
    """The look-alike pages a sign code can be taken for, as links (one query)."""
    from education.models import LookAlikeSign

    rows = LookAlikeSign.objects.filter(code=code).values_list("page__slug", "page__title")
    return [PageLink(title, lookalike_page_url(slug)) for slug, title in rows]


@dataclass
class SignGuide:
    """What the entry form shows under one sign's checkbox."""

    code: str
    url: str
    pictures: list = field(default_factory=list)  # pictures.ToneView, one a tone
    lookalikes: list = field(default_factory=list)  # PageLink


def sign_guides():
    """{sign code: SignGuide} for every code that has a page: its drawing (the drawing of the
    page that explains it) and the look-alikes it relates to. Two queries, whatever the count."""
    from education.models import LookAlikeSign, SignCode

    guides = {
        code: SignGuide(code, sign_page_url(code), pictures.views_of(slug))
        for code, slug in SignCode.objects.values_list("code", "page__slug")
    }
    for code, slug, title in LookAlikeSign.objects.values_list("code", "page__slug", "page__title"):
        if code in guides:
            guides[code].lookalikes.append(PageLink(title, lookalike_page_url(slug)))
    return guides
