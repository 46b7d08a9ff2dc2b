"""Public education pages. Anyone may read them (no login), so a patient can show family."""

from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_safe

from education.links import sign_page_for_code
from education.models import FaqItem, GuidePage, SignPage
from education.search import search_content, search_terms


@login_not_required
@require_safe
def index(request):
    return render(
        request,
        "education/index.html",
        {
            "signs": SignPage.objects.all(),
            "guides": GuidePage.objects.all(),
            "faq_items": FaqItem.objects.all(),
        },
    )


@login_not_required
@require_safe
def sign_detail(request, slug):
    page = get_object_or_404(SignPage, slug=slug)
    return render(request, "education/sign_detail.html", {"page": page})


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
def guide_detail(request, slug):
    page = get_object_or_404(GuidePage, slug=slug)
    return render(request, "education/guide_detail.html", {"page": page})


@login_not_required
@require_safe
def faq(request):
    return render(request, "education/faq.html", {"items": FaqItem.objects.all()})


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
