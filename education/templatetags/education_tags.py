from django import template
from django.utils.safestring import mark_safe

from education.rendering import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text):
    """Render content Markdown; the result is already sanitised (see education.rendering)."""
    return mark_safe(render_markdown(text))  # noqa: S308 - cleaned by nh3 in render_markdown
