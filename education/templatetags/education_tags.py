from django import template
from django.utils.safestring import mark_safe

from education import links
from education.rendering import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text):
    """Render content Markdown; the result is already sanitised (see education.rendering)."""
    return mark_safe(render_markdown(text))  # noqa: S308 - cleaned by nh3 in render_markdown


@register.simple_tag
def sign_guides():
    """{sign code: SignGuide} for a form's sign checklist: `{% sign_guides as guides %}`."""
    return links.sign_guides()


@register.inclusion_tag("education/_sign_look.html")
def sign_look(guides, code):
    """Under a sign's checkbox: "What does this look like?", opening its drawing on two skin
    tones, a link to its page and to the look-alikes it relates to."""
    return {"code": code, "guide": guides.get(code)}


@register.simple_tag
def lookalikes_for(code):
    """The look-alike pages a sign code relates to (one query): for a concern's page."""
    return links.lookalikes_for_sign(code) if code else []
