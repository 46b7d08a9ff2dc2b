"""Search across every kind of content by the words a patient would type.

Words are compared by their stems (Snowball's English stemmer, from the `snowballstemmer`
package), so "itchy" finds itch, "lumps" finds lump and "bleeds" finds bleeding. The database
narrows the pages with a substring test first; the stems then decide and score.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer
from django.db.models import Q

from education.models import FaqItem, GuidePage, LookAlikePage, SignPage
from education.rendering import internal_url

STOP_WORDS = {
    "a", "an", "and", "are", "at", "be", "can", "do", "does", "for", "how", "i", "in", "is",
    "it", "me", "my", "of", "on", "or", "the", "to", "what", "when", "with", "you",
}  # fmt: skip
MAX_TERMS = 8
# A search word this long or longer also finds longer words that start with it ("lymph").
PREFIX_MIN = 4
# Where a word is found, and how much that counts.
WEIGHTS = {"title": 5, "keywords": 4, "summary": 2, "body": 1}
KINDS = [("sign", SignPage), ("lookalike", LookAlikePage), ("guide", GuidePage), ("faq", FaqItem)]

_WORD = re.compile(r"[^\W_]+")
_stemmer = snowballstemmer.stemmer("english")


@dataclass(frozen=True)
class SearchHit:
    kind: str
    title: str
    summary: str
    url: str
    score: int


def search_terms(query):
    words = _WORD.findall((query or "").lower())
    terms = [w for w in words if w not in STOP_WORDS and len(w) > 1]
    return list(dict.fromkeys(terms))[:MAX_TERMS]


@lru_cache(maxsize=8192)
def word_stems(word):
    """The stems of one lower-case word. Snowball turns a final "y" into "i" ("itchy" ->
    "itchi"); the form without it is kept too, so that "itchy" meets "itch"."""
    stem = _stemmer.stemWord(word)
    if word.endswith("y") and stem.endswith("i") and len(stem) > 3:
        return (stem, stem[:-1])
    return (stem,)


@lru_cache(maxsize=1024)
def text_stems(text):
    """Every stem of every word in `text` (cached: the same page text is searched often)."""
    return frozenset(stem for word in _WORD.findall(text.lower()) for stem in word_stems(word))


def _matches(forms, stems):
    return any(
        form in stems or (len(form) >= PREFIX_MIN and any(s.startswith(form) for s in stems))
        for form in forms
    )


def _term_filter(term, forms):
    # Snowball mostly cuts endings, so a stem is the start of its word forms and a substring test
    # in the database finds the pages that can match (the word itself covers the few stems that
    # are not, like "dying" -> "die"); the stems then decide.
    q = Q()
    for form in (term, *forms):
        for name in WEIGHTS:
            q |= Q(**{f"{name}__icontains": form})
    return q


def _score(obj, term_forms):
    """Each word scores the weights of the fields it is in; 0 when a word is in none."""
    score = 0
    for forms in term_forms:
        found = sum(
            weight
            for name, weight in WEIGHTS.items()
            if _matches(forms, text_stems(getattr(obj, name)))
        )
        if not found:
            return 0
        score += found
    return score


_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")


def _summary(kind, obj):
    if kind == "faq":
        return _MD_LINK.sub(r"\1", obj.body.strip().split("\n")[0]).replace("*", "")
    return obj.summary


def search_content(*, query):
    """Pages that contain every word of `query` (in any field, in any form), best first."""
    terms = search_terms(query)
    term_forms = [word_stems(term) for term in terms]
    if not terms:
        return []
    hits = []
    for kind, model in KINDS:
        condition = Q()
        for term, forms in zip(terms, term_forms, strict=True):
            condition &= _term_filter(term, forms)
        for obj in model.objects.filter(condition):
            score = _score(obj, term_forms)
            if score:
                hits.append(
                    SearchHit(
                        kind=kind,
                        title=obj.title,
                        summary=_summary(kind, obj),
                        url=internal_url(kind, obj.slug),
                        score=score,
                    )
                )
    return sorted(hits, key=lambda hit: (-hit.score, hit.title))
