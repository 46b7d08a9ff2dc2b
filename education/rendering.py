"""Safe Markdown: raw HTML in content is escaped, and the output is cleaned by nh3 as well.

Content may link to other pages with `sign:<slug>`, `lookalike:<slug>`, `guide:<slug>` and
`faq:<slug>` addresses.
"""

import re

import markdown
import nh3
from django.urls import NoReverseMatch, reverse

ALLOWED_TAGS = {
    "a", "blockquote", "br", "code", "em", "h2", "h3", "h4", "hr", "li", "ol", "p", "pre",
    "strong", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}

_INTERNAL_LINK = re.compile(r"\]\((sign|lookalike|guide|faq):([\w-]+)\)")


def internal_url(kind, slug):
    try:
        if kind == "faq":
            return f"{reverse('education:faq')}#{slug}"
        return reverse(f"education:{kind}", args=[slug])
    except NoReverseMatch:
        return "#"


def _rewrite_internal_links(text):
    return _INTERNAL_LINK.sub(lambda m: f"]({internal_url(m.group(1), m.group(2))})", text)


def render_markdown(text):
    """Markdown to clean HTML. Raw HTML in `text` is shown as text, never as markup."""
    md = markdown.Markdown(extensions=["sane_lists"], output_format="html")
    # Escape raw HTML instead of passing it through.
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    html = md.convert(_rewrite_internal_links(text or ""))
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener",
    )
