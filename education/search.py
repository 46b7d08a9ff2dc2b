"""Search across every kind of content by the words a patient would type."""

import re
from dataclasses import dataclass

from django.db.models import Q

from education.models import FaqItem, GuidePage, SignPage
from education.rendering import internal_url

STOP_WORDS = {
    "a", "an", "and", "are", "at", "be", "can", "do", "does", "for", "how", "i", "in", "is",
    "it", "me", "my", "of", "on", "or", "the", "to", "what", "when", "with", "you",
}  # fmt: skip
MAX_TERMS = 8
# Where a word is found, and how much that counts.
WEIGHTS = {"title": 5, "keywords": 4, "summary": 2, "body": 1}
KINDS = [("sign", SignPage), ("guide", GuidePage), ("faq", FaqItem)]


@dataclass(frozen=True)
class SearchHit:
    kind: str
    title: str
    summary: str
    url: str
    score: int


def search_terms(query):
    words = re.findall(r"[\w'-]+", (query or "").lower())
    terms = [w for w in words if w not in STOP_WORDS and len(w) > 1]
    return list(dict.fromkeys(terms))[:MAX_TERMS]


def _variants(term):
    """A word and its simple singular: "lumps" -> "lump", "rashes" -> "rash"."""
    forms = [term]
    if term.endswith("es") and len(term) > 4:
        forms.append(term[:-2])
    if term.endswith("s") and len(term) > 3:
        forms.append(term[:-1])
    return forms


def _term_filter(term):
    q = Q()
    for form in _variants(term):
        for name in WEIGHTS:
            q |= Q(**{f"{name}__icontains": form})
    return q


def _score(obj, terms):
    score = 0
    for term in terms:
        forms = _variants(term)
        best = 0
        for name, weight in WEIGHTS.items():
            text = getattr(obj, name).lower()
            if any(form in text for form in forms):
                best = max(best, weight)
        if best == 0:
            return 0
        score += best
    return score


_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")


def _summary(kind, obj):
    if kind == "faq":
        return _MD_LINK.sub(r"\1", obj.body.strip().split("\n")[0]).replace("*", "")
    return obj.summary


def search_content(*, query):
    """Pages that contain every word of `query` (in any field), best matches first."""
    terms = search_terms(query)
    if not terms:
        return []
    hits = []
    for kind, model in KINDS:
        condition = Q()
        for term in terms:
            condition &= _term_filter(term)
        for obj in model.objects.filter(condition):
            hits.append(
                SearchHit(
                    kind=kind,
                    title=obj.title,
                    summary=_summary(kind, obj),
                    url=internal_url(kind, obj.slug),
                    score=_score(obj, terms),
                )
            )
    return sorted(hits, key=lambda hit: (-hit.score, hit.title))
