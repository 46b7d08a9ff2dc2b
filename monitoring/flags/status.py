"""An area's status for the map and the cards: its most urgent open concern (as shown).

The one place pages ask "how urgent is this area now?" (home cards, body-map pins, the summary
map).
"""

from django.db.models import Max

from monitoring.models import Concern


def most_urgent_open(area_ids):
    """{area id: urgency code} of the most urgent open concern of each area (one query).

    Areas with nothing open are left out. The urgency codes sort so that the maximum is the most
    urgent (see `Urgency`).
    """
    rows = (
        Concern.objects.open()
        .filter(area_id__in=list(area_ids))
        .values("area_id")
        .annotate(top=Max("urgency"))
        .order_by()
    )
    return {row["area_id"]: row["top"] for row in rows}


def with_urgency(areas):
    """The areas as a list, each with `open_urgency` set ("" when nothing is open)."""
    areas = list(areas)
    urgencies = most_urgent_open(area.pk for area in areas)
    for area in areas:
        area.open_urgency = urgencies.get(area.pk, "")
    return areas
