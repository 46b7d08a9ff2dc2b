"""tracker.services takes plain, typed values (never a form): usable from a view, a command or a
test alike."""

import datetime
from dataclasses import fields

from tracker import services
from tracker.models import ENTRY_FIELDS, Entry
from tracker.services import EntryValues

DAY = datetime.date(2026, 3, 2)


def test_entry_values_are_the_fields_of_the_entry_form_and_export():
    assert tuple(f.name for f in fields(EntryValues)) == ENTRY_FIELDS


def test_create_area_from_plain_values(patient):
    area = services.create_area(patient=patient, site="neck", name="Spot on neck")
    assert (area.patient, area.site, area.name, area.first_noticed, area.notes) == (
        patient,
        "neck",
        "Spot on neck",
        None,
        "",
    )


def test_save_entry_creates_then_edits_from_plain_values(area, caregiver):
    values = EntryValues(date=DAY, signs=("new_lump", "firm"), change="new", size_mm=6, pain=2)
    entry = services.save_entry(values=values, area=area, author=caregiver)
    entry = Entry.objects.get(pk=entry.pk)
    assert (entry.area, entry.created_by, entry.signs, entry.size_mm) == (
        area,
        caregiver,
        ["new_lump", "firm"],
        6,
    )
    edited = EntryValues(date=DAY, signs=(), change="smaller", treatment="cream")
    services.save_entry(values=edited, entry=entry)
    entry.refresh_from_db()
    assert (entry.signs, entry.change, entry.size_mm, entry.treatment) == (
        [],
        "smaller",
        None,
        "cream",
    )
    assert entry.created_by == caregiver  # an edit keeps who logged it
