"""Public education pages. Anyone may read them (no login), so a patient can show family."""

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from education import pictures
from education.links import sign_page_for_code
from education.models import FaqItem, FaqSection, GuidePage, LookAlikePage, LookAlikeSign, SignPage
from education.search import search_content, search_terms


def _faq_sections():
    items = list(FaqItem.objects.all())
    return {
        "faq_items": [item for item in items if item.section != FaqSection.HARDER],
        "harder_items": [item for item in items if item.section == FaqSection.HARDER],
    }


@login_not_required
@require_safe
def index(request):
    context = {
        "signs": SignPage.objects.all(),
        "lookalikes": LookAlikePage.objects.all(),
        "guides": GuidePage.objects.all(),
        **_faq_sections(),
    }
    return render(request, "education/index.html", context)


@login_not_required
@require_safe
def sign_detail(request, slug):
    page = get_object_or_404(SignPage, slug=slug)
    codes = page.sign_codes.values_list("code", flat=True)
    lookalikes = LookAlikePage.objects.filter(signs__code__in=codes).distinct()
    context = {"page": page, "lookalikes": lookalikes, "pictures": pictures.views_of(slug)}
    return render(request, "education/sign_detail.html", context)


@login_not_required
@require_safe
def sign_by_code(request, code):
    # A sign code of the shared vocabulary; a page slug such as "growth" works too.
    page = sign_page_for_code(code) or SignPage.objects.filter(slug=code).first()
    if page is None:
        raise Http404("No page for this sign code.")
    return redirect("education:sign", slug=page.slug)


@login_not_required
@require_safe
def lookalike_detail(request, slug):
    page = get_object_or_404(LookAlikePage, slug=slug)
    codes = LookAlikeSign.objects.filter(page=page).values_list("code", flat=True)
    signs = SignPage.objects.filter(sign_codes__code__in=codes).distinct()
    context = {"page": page, "signs": signs, "pictures": pictures.views_of(slug)}
    return render(request, "education/lookalike_detail.html", context)


@login_not_required
@require_safe
@cache_control(public=True, max_age=24 * 60 * 60)
def picture(request, name, tone):
    """One drawing on one skin tone, as an SVG image (public, like the pages)."""
    if name not in pictures.PICTURES or tone not in pictures.TONES:
        raise Http404("No such drawing.")
    svg = render_to_string(f"education/drawings/{name}.svg", {"t": pictures.TONES[tone]})
    return HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")


@login_not_required
@require_safe
def guide_detail(request, slug):
    page = get_object_or_404(GuidePage, slug=slug)
    return render(request, "education/guide_detail.html", {"page": page})


@login_not_required
@require_safe
def faq(request):
    return render(request, "education/faq.html", _faq_sections())


@login_not_required
@require_safe
def search(request):
    query = request.GET.get("q", "").strip()[:200]
    context = {
        "query": query,
        "searched": bool(search_terms(query)),
        "hits": search_content(query=query),
    }
    return render(request, "education/search.html", context)
