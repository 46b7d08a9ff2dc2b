"""Template helpers of the appointment summary (page and PDF)."""

from django import template
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from monitoring.summary.build import PHOTO_SCHEME
from monitoring.summary.chart import scores_chart_svg, size_chart_svg

register = template.Library()

_CSS_PLAIN = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ,.")


@register.filter
def css_string(value):
    """`value` as the inside of a double-quoted CSS string: anything but letters, digits, spaces,
    commas and full stops becomes a CSS hex escape, so no text can end the string or the style."""
    return mark_safe(  # noqa: S308 - only letters, digits, spaces, ",", "." and CSS escapes
        "".join(ch if ch in _CSS_PLAIN else f"\\{ord(ch):x} " for ch in str(value))
    )


@register.simple_tag
def size_chart(points):
    """The area's size chart as inline SVG. Only dates, numbers and our own labels go in, and
    `size_chart_svg` escapes every text it writes."""
    return mark_safe(  # noqa: S308 - built by size_chart_svg, which escapes all text
        size_chart_svg(
            points,
            title=_("Longest size in mm, over time"),
            empty_text=_("No size logged in this period"),
            unit=_("mm"),
            format_date=lambda day: date_format(day, "j M"),
            measured_text=_("filled: measured on a photo"),
        )
    )


@register.simple_tag
def scores_chart(points):
    """Pain and itch over time ((date, pain, itch) points) as inline SVG, escaped like above."""
    return mark_safe(  # noqa: S308 - built by scores_chart_svg, which escapes all text
        scores_chart_svg(
            points,
            title=_("Pain and itch, from 0 to 10, over time"),
            pain=_("pain"),
            itch=_("itch"),
            empty_text=_("No checks yet"),
            format_date=lambda day: date_format(day, "j M"),
        )
    )


@register.simple_tag(takes_context=True)
def photo_src(context, photo):
    """Where the document loads a photo's screen rendition from: the access-checked photo view
    on the page, the PDF fetcher's internal scheme in the PDF."""
    if context.get("pdf"):
        return f"{PHOTO_SCHEME}{photo.code}/screen"
    return reverse("tracker:photo_file", kwargs={"code": photo.code, "rendition": "screen"})
