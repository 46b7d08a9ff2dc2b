"""The flag service on a real database: idempotent, withdraws rather than deletes, escalates.

Dates are fixed with time_machine; the save hook evaluates on `timezone.localdate()`.
"""

import datetime
import json
from pathlib import Path

import pytest
import time_machine
from django.core.checks import run_checks
from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, transaction
from django.test import override_settings

from education.vocabulary import Urgency
from monitoring.flags import evaluation
from monitoring.models import Flag
from tests.factories import AreaFactory, EntryFactory
from tracker.models import Profile

D = datetime.date(2026, 3, 2)
SCENARIOS = sorted((Path(__file__).parent / "scenarios").glob("*.json"))


def day(n):
    return D + datetime.timedelta(days=n)


def travel(n):
    return time_machine.travel(datetime.datetime.combine(day(n), datetime.time(12)), tick=False)


def open_flags(**filters):
    return list(Flag.objects.open().filter(**filters).order_by("rule", "entry__date"))


def rules_of(flags):
    return sorted(flag.rule for flag in flags)


@pytest.fixture
def lump(area):
    with travel(0):
        return EntryFactory(area=area, date=day(0), signs=["new_lump"], change="new", size_mm=6)


def test_saving_an_entry_raises_its_flags(patient, area, lump):
    (flag,) = open_flags(entry=lump)
    assert (flag.rule, flag.rule_version, flag.urgency, flag.kind) == (
        "new_lump",
        1,
        "soon",
        "entry",
    )
    assert flag.patient == patient and flag.area == area
    assert flag.warning_sign == "new_lump"
    assert "new lump or bump on your left surgery scar" in flag.reason
    assert flag.facts["templates"] and flag.facts["date"] == "2026-03-02"


def test_evaluating_again_changes_nothing(area, lump):
    with travel(0):
        result = evaluation.evaluate_entry(entry=lump)
        lump.save()
    assert (result.raised, result.escalated, result.withdrawn) == ([], [], [])
    assert Flag.objects.count() == 1


def test_only_one_open_flag_per_area_rule_and_entry(area, lump):
    flag = Flag.objects.get()
    flag.pk, flag.code = None, None
    with pytest.raises(IntegrityError), transaction.atomic():
        Flag.objects.create(**{f.attname: getattr(flag, f.attname) for f in Flag._meta.fields[2:]})


def test_an_edit_withdraws_the_flag_and_keeps_it(area, lump):
    with travel(1):
        lump.signs, lump.change = [], "same"
        lump.save()
    flag = Flag.objects.get(rule="new_lump")
    assert flag.state == Flag.State.WITHDRAWN
    assert flag.withdrawn_at is not None
    assert "new_lump" in flag.withdrawn_reason and "no longer holds" in flag.withdrawn_reason
    assert open_flags() == []

    with travel(2):  # the edit is undone: a new open flag, the withdrawn one stays as history
        lump.signs = ["new_lump"]
        lump.save()
    assert rules_of(open_flags()) == ["new_lump"]
    assert Flag.objects.filter(state=Flag.State.WITHDRAWN).count() == 1


def test_a_reviewed_flag_is_not_raised_again(area, lump):
    Flag.objects.update(state=Flag.State.REVIEWED, reviewed_at=datetime.datetime.now(datetime.UTC))
    with travel(1):
        lump.notes = "typo fixed"
        lump.save()
    assert open_flags() == []
    assert Flag.objects.count() == 1


def test_editing_an_earlier_entry_judges_the_later_ones_again(area, lump):
    with travel(10):
        later = EntryFactory(area=area, date=day(10), signs=["new_lump"], size_mm=9)
    assert rules_of(open_flags(entry=later)) == ["growth"]
    with travel(11):
        lump.size_mm = 8
        lump.save()
    # 8 -> 9 mm is not growth any more: growth is withdrawn and the floor rule takes its place
    assert rules_of(open_flags(entry=later)) == ["any_sign"]
    assert rules_of(Flag.objects.filter(entry=later, state="withdrawn")) == ["growth"]
    assert rules_of(open_flags(entry=lump)) == ["new_lump"]


def test_deleting_an_entry_deletes_its_flags(area, lump):
    lump.delete()
    assert Flag.objects.count() == 0


def test_profile_history_raises_next_visit_flags_to_soon(patient, area):
    with travel(0):
        entry = EntryFactory(area=area, date=day(0), pain=8)
    (flag,) = open_flags(entry=entry)
    assert (flag.rule, flag.urgency) == ("pain_or_itch", "next_visit")

    with travel(1):
        profile = Profile.objects.get(user=patient)
        profile.history = ["inflammatory"]
        profile.save()
    flag.refresh_from_db()
    assert (flag.rule, flag.urgency, flag.state) == ("pain_or_itch", "soon", "open")
    assert flag.facts["raised_from"] == "next_visit"
    assert "inflammatory breast cancer" in flag.reason
    assert Flag.objects.count() == 1

    with travel(2):  # never lowered automatically
        profile.history = []
        profile.save()
    flag.refresh_from_db()
    assert flag.urgency == "soon"


def test_daily_command_adds_time_flags_once(area):
    with travel(0):
        entry = EntryFactory(
            area=area,
            date=day(0),
            signs=["red_patch"],
            change="new",
            treatment="antibiotics",
            treatment_since=day(0),
        )
    assert rules_of(open_flags()) == ["new_patch"]  # a new red patch: soon, on save
    with travel(6):
        assert evaluation.evaluate_time().raised == []
    with travel(7):
        first = evaluation.evaluate_time()
        second = evaluation.evaluate_time()
    assert rules_of(first.raised) == ["antibiotics_not_better"]
    assert second.raised == [] and second.escalated == []
    (flag,) = open_flags(rule="antibiotics_not_better")
    assert flag.entry == entry and flag.kind == "time" and flag.facts["days"] == 7


def test_a_later_entry_leaves_time_flags_of_earlier_entries_open(area):
    with travel(0):
        EntryFactory(area=area, date=day(0), signs=["firm"], change="new")
    with travel(28):
        evaluation.evaluate_time()
    assert "persistent_change" in rules_of(open_flags())
    with travel(30):
        EntryFactory(area=area, date=day(30), signs=[], change="gone")
        assert evaluation.evaluate_time(today=day(60)).raised == []  # gone stops time rules
    assert "persistent_change" in rules_of(open_flags())  # earlier flags stay until reviewed


def test_time_rules_on_save_judge_the_entry_on_its_own_date(area):
    with travel(40):  # logged late, dated 40 days ago: the daily command judges it on `today`
        EntryFactory(area=area, date=day(0), signs=["firm"], change="new")
        assert rules_of(open_flags()) == ["any_sign"]
        assert rules_of(evaluation.evaluate_time().raised) == ["persistent_change"]


def test_evaluate_time_for_one_patient(patient, other_patient, area):
    other_area = AreaFactory(patient=other_patient)
    with travel(0):
        EntryFactory(area=area, date=day(0), signs=["firm"])
        EntryFactory(area=other_area, date=day(0), signs=["firm"])
    with travel(30):
        result = evaluation.evaluate_time(patient=patient)
    assert {flag.patient_id for flag in result.raised} == {patient.pk}


@override_settings(MONITORING_THRESHOLDS={"growth_mm": 5, "growth_percent": 60})
def test_thresholds_come_from_settings(area, lump):
    with travel(10):
        later = EntryFactory(area=area, date=day(10), signs=["new_lump"], size_mm=9)
    assert rules_of(open_flags(entry=later)) == ["any_sign"]


@pytest.mark.parametrize("bad", [{"growth_mm": -1}, {"nonsense": 3}, ["growth_mm"]])
def test_bad_thresholds_are_refused(bad):
    with override_settings(MONITORING_THRESHOLDS=bad):
        with pytest.raises(ImproperlyConfigured):
            evaluation.thresholds()
        assert [e.id for e in run_checks() if e.id.startswith("monitoring")] == ["monitoring.E001"]


def test_urgency_codes_sort_highest_first():
    # The clinician queue index and Flag ordering sort urgency codes descending.
    assert sorted(Urgency.codes(), reverse=True) == ["urgent", "soon", "next_visit"]
    assert sorted(Urgency.codes(), key=Urgency.rank_of, reverse=True) == sorted(
        Urgency.codes(), reverse=True
    )


def test_flags_list_highest_urgency_first(patient, area):
    with travel(0):
        EntryFactory(area=area, date=day(0), signs=["red_patch", "fever"], pain=9, change="new")
    urgencies = [f.urgency for f in Flag.objects.open().by_urgency()]
    assert urgencies == sorted(urgencies, key=Urgency.rank_of, reverse=True)
    assert urgencies[0] == "urgent"


def test_reason_is_rendered_again_in_the_reader_format(area, lump):
    flag = Flag.objects.get()
    text = flag.reason_text(gettext=lambda s: s, format_date=lambda d: d.isoformat())
    assert text.startswith("On 2026-03-02 you logged a new lump")


# --- The database service agrees with the pure scenario harness --------------------------------


def replay(data, patient):
    """Log the scenario's entries on their dates and run the daily command every day."""
    Profile.objects.filter(user=patient).update(history=data.get("history", []))
    observations = sorted(data["observations"], key=lambda o: o["date"])
    today = datetime.date.fromisoformat(data["today"])
    areas, names = {}, {}
    current = datetime.date.fromisoformat(observations[0]["date"]) if observations else today
    n = 0
    while current <= today:
        with time_machine.travel(datetime.datetime.combine(current, datetime.time(12)), tick=False):
            while n < len(observations) and observations[n]["date"] == current.isoformat():
                o = observations[n]
                if o["area"] not in areas:
                    areas[o["area"]] = AreaFactory(patient=patient, site=o["site"], name=o["area"])
                    names[areas[o["area"]].pk] = o["area"]
                EntryFactory(
                    area=areas[o["area"]],
                    date=current,
                    signs=o.get("signs", []),
                    change=o.get("change") or "",
                    size_mm=o.get("size_mm"),
                    pain=o.get("pain") or 0,
                    itch=o.get("itch") or 0,
                    treatment=o.get("treatment") or "none",
                    treatment_since=o.get("treatment_since"),
                )
                n += 1
            evaluation.evaluate_time(patient=patient)
        current += datetime.timedelta(days=1)
    return [
        (
            f.rule,
            f.rule_version,
            f.urgency,
            names[f.area_id],
            f.entry.date.isoformat(),
            f.warning_sign or None,
        )
        for f in Flag.objects.open().select_related("entry")
    ]


def fits_the_entry_form(data):
    """The entry form stores whole millimetres, and always a pain score (0 unless changed), so
    a scenario with a pain score on some observations only means something else in the app."""
    observations = data["observations"]
    whole = all(float(o.get("size_mm") or 0).is_integer() for o in observations)
    pain_given = {o.get("pain") is not None for o in observations}
    return whole and pain_given != {True, False}


DB_SCENARIOS = [p for p in SCENARIOS if fits_the_entry_form(json.loads(p.read_text()))]


def test_most_scenarios_replay_through_the_database():
    assert len(DB_SCENARIOS) >= len(SCENARIOS) - 2


@pytest.mark.parametrize("path", DB_SCENARIOS, ids=[p.stem for p in DB_SCENARIOS])
def test_database_service_matches_the_harness(path, patient):
    data = json.loads(path.read_text())
    thresholds = data.get("thresholds") or {}
    with override_settings(MONITORING_THRESHOLDS=thresholds):
        got = replay(data, patient)
    keys = ("rule", "version", "urgency", "area", "date", "warning_sign")
    expected = [tuple(f[k] for k in keys) for f in data["expected"]["findings"]]
    assert sorted(got, key=str) == sorted(expected, key=str)
