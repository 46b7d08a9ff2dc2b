"""The page shell: menu links that mark the page the reader is on (aria-current)."""

from django import template
from django.urls import reverse
from django.utils.html import format_html

register = template.Library()

# Each menu link also stands for the pages under it (an area belongs to "My skin").
SECTIONS = {
    "tracker:home": ("/areas/", "/entries/", "/photos/"),
    "tracker:timeline": (),
    "monitoring:to_raise": ("/concerns/",),
    "monitoring:triage": ("/care/patients/",),
    "monitoring:sharing": ("/sharing/",),
    "education:index": ("/learn/",),
    "tracker:profile": ("/summary/", "/questions/", "/export/"),
    "password_change": ("/accounts/password_change/",),
}


@register.simple_tag(takes_context=True)
def nav_link(context, name, label):
    """A menu link; `aria-current="page"` on the page itself, `"true"` on the pages under it.

    Works without a request (the 500 page renders with none): nothing is marked then.
    """
    url = reverse(name)
    request = context.get("request")
    path = getattr(request, "path", None)
    current = ""
    if path == url:
        current = "page"
    elif path and any(path.startswith(prefix) for prefix in SECTIONS.get(name, ())):
        current = "true"
    if current:
        return format_html(
            '<a class="nav-link active" aria-current="{}" href="{}">{}</a>', current, url, label
        )
    return format_html('<a class="nav-link" href="{}">{}</a>', url, label)
