"""Turn every flag into a concern; nothing is lost.

- Open flags are grouped per (area, rule) into one open concern: the most urgent flag's urgency
  (shown and raised), opened when the first flag was raised, the newest flag's reason and facts,
  and every flag's check linked (the first "opened", the others "updated").
- Each reviewed flag becomes a reviewed concern with its outcome, note, reviewer and time.
- Each withdrawn flag becomes a withdrawn concern with its reason and time.

The next evaluation of an area brings its concerns up to the current rules; concerns from rule
versions that changed are left open for the care team's review (monitoring.flags.evaluation).
"""

import uuid

from django.db import migrations

RANK = {"urgent": 3, "soon": 2, "next_visit": 1}


def _concern(Concern, flag, **extra):
    return Concern(
        code=uuid.uuid4(),
        patient_id=flag.patient_id,
        area_id=flag.area_id,
        rule=flag.rule,
        rule_version=flag.rule_version,
        kind=flag.kind,
        urgency=flag.urgency,
        raised_urgency=flag.urgency,
        warning_sign=flag.warning_sign,
        reason=flag.reason,
        facts=flag.facts,
        opened_on=flag.entry.date,
        first_entry_id=flag.entry_id,
        latest_entry_id=flag.entry_id,
        **extra,
    )


def flags_to_concerns(apps, schema_editor):
    Flag = apps.get_model("monitoring", "Flag")
    Concern = apps.get_model("monitoring", "Concern")
    ConcernCheck = apps.get_model("monitoring", "ConcernCheck")
    flags = Flag.objects.select_related("entry").order_by("raised_at", "pk")
    groups: dict = {}
    for flag in flags.iterator(chunk_size=500):
        if flag.state == "open":
            groups.setdefault((flag.area_id, flag.rule), []).append(flag)
            continue
        concern = _concern(
            Concern,
            flag,
            state=flag.state,
            withdrawn_at=flag.withdrawn_at,
            withdrawn_reason=flag.withdrawn_reason,
            reviewed_by_id=flag.reviewed_by_id,
            reviewed_at=flag.reviewed_at,
            outcome=flag.outcome,
            note_to_patient=flag.note_to_patient,
        )
        concern.save()
        Concern.objects.filter(pk=concern.pk).update(opened_at=flag.raised_at)
        ConcernCheck.objects.create(concern=concern, entry_id=flag.entry_id, action="opened")
    for found in groups.values():
        by_date = sorted(found, key=lambda f: (f.entry.date, f.raised_at, f.pk))
        first, newest = by_date[0], by_date[-1]
        top = max((f.urgency for f in found), key=lambda u: RANK.get(u, 0))
        concern = _concern(Concern, newest, state="open")
        concern.urgency = concern.raised_urgency = top
        concern.opened_on, concern.first_entry_id = first.entry.date, first.entry_id
        concern.save()
        Concern.objects.filter(pk=concern.pk).update(
            opened_at=min(f.raised_at for f in found)
        )
        links, seen = [], set()
        for n, flag in enumerate(by_date):
            if flag.entry_id in seen:
                continue
            seen.add(flag.entry_id)
            action = "opened" if n == 0 else "updated"
            links.append(ConcernCheck(concern=concern, entry_id=flag.entry_id, action=action))
        ConcernCheck.objects.bulk_create(links)


def concerns_to_flags(apps, schema_editor):
    """Back to one flag per linked check (the flags' partial unique key allows it)."""
    Flag = apps.get_model("monitoring", "Flag")
    Concern = apps.get_model("monitoring", "Concern")
    for concern in Concern.objects.prefetch_related("checks").iterator(chunk_size=200):
        for link in concern.checks.all():
            Flag.objects.create(
                code=uuid.uuid4(),
                patient_id=concern.patient_id,
                area_id=concern.area_id,
                entry_id=link.entry_id,
                rule=concern.rule,
                rule_version=concern.rule_version,
                urgency=concern.raised_urgency,
                kind=concern.kind,
                warning_sign=concern.warning_sign,
                reason=concern.reason,
                facts=concern.facts,
                state=concern.state,
                withdrawn_at=concern.withdrawn_at,
                withdrawn_reason=concern.withdrawn_reason,
                reviewed_by_id=concern.reviewed_by_id,
                reviewed_at=concern.reviewed_at,
                outcome=concern.outcome,
                note_to_patient=concern.note_to_patient,
            )


class Migration(migrations.Migration):
    dependencies = [
        ("monitoring", "0008_concerns"),
    ]

    operations = [
        migrations.RunPython(flags_to_concerns, concerns_to_flags),
    ]
