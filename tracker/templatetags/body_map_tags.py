"""The body map in templates (tracker.body_map draws it; every text in it is escaped)."""

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from education.choices import choices
from education.vocabulary import Site
from tracker.body_map import Pin, body_map_svg

register = template.Library()


@register.simple_tag
def body_map(
    pins=(), shaded=(), interactive=False, element_id="body-map", title="", description=""
):
    return mark_safe(  # noqa: S308 - body_map_svg escapes every text it writes
        body_map_svg(
            title=title or _("Body map, front and back"),
            description=description,
            pins=pins,
            shaded=shaded or (),
            shaded_label=_("Shaded: had radiation"),
            # Tooltips name each place on the map one taps; printed maps need none.
            labels={code: str(label) for code, label in choices(Site)} if interactive else None,
            front=_("Front view"),
            back=_("Back view"),
            left=_("L"),
            right=_("R"),
            interactive=interactive,
            element_id=element_id,
        )
    )


@register.filter
def map_pins(areas):
    """Pins for the open areas among `areas` (numbered by `map_number`, coloured by
    `open_urgency` when a page set them)."""
    pins = []
    for area in areas:
        if area.is_resolved or getattr(area, "map_number", None) is None:
            continue
        x, y = area.pin
        pins.append(Pin(x, y, area.map_number, getattr(area, "open_urgency", "")))
    return pins
