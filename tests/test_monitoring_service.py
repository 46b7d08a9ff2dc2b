"""The concern service on a real database: one open concern per (area, rule), idempotent,
withdraws rather than deletes, escalates, and agrees with the pure scenario harness.

Dates are fixed with time_machine; the save hook evaluates on `timezone.localdate()`.
"""

import datetime
from pathlib import Path

import pytest
import time_machine
from django.core.checks import run_checks
from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, transaction
from django.test import override_settings

from education.vocabulary import Urgency
from monitoring.flags import evaluation
from monitoring.models import Concern, ConcernCheck
from tests.factories import AreaFactory, EntryFactory
from tracker.models import Profile

D = datetime.date(2026, 3, 2)
SCENARIOS = sorted((Path(__file__).parent / "scenarios").glob("*.json"))


def day(n):
    return D + datetime.timedelta(days=n)


def travel(n):
    return time_machine.travel(datetime.datetime.combine(day(n), datetime.time(12)), tick=False)


def open_concerns(**filters):
    return list(Concern.objects.open().filter(**filters).order_by("rule"))


def rules_of(concerns):
    return sorted(concern.rule for concern in concerns)


def actions(entry):
    return sorted((link.concern.rule, link.action) for link in entry.concern_checks.all())


@pytest.fixture
def lump(area):
    with travel(0):
        return EntryFactory(area=area, date=day(0), signs=["new_lump"], change="new", size_mm=6)


def test_saving_a_check_opens_its_concern(patient, area, lump):
    (concern,) = open_concerns()
    assert (concern.rule, concern.rule_version, concern.urgency, concern.kind) == (
        "new_lump",
        2,
        "soon",
        "entry",
    )
    assert concern.raised_urgency == "soon"
    assert concern.patient == patient and concern.area == area
    assert concern.first_entry == lump and concern.latest_entry == lump
    assert concern.opened_on == day(0)
    assert concern.warning_sign == "new_lump"
    assert "new lump or bump on your left surgery scar" in concern.reason
    assert concern.facts["templates"] and concern.facts["date"] == "2026-03-02"
    assert actions(lump) == [("new_lump", "opened")]


def test_evaluating_again_changes_nothing(area, lump):
    with travel(0):
        result = evaluation.evaluate_entry(entry=lump)
        lump.save()
    assert (result.raised, result.escalated, result.withdrawn) == ([], [], [])
    assert Concern.objects.count() == 1 and ConcernCheck.objects.count() == 1


def test_a_later_check_updates_the_open_concern_instead_of_adding_one(area, lump):
    with travel(7):
        again = EntryFactory(area=area, date=day(7), signs=["new_lump"], change="same", size_mm=6)
    (concern,) = open_concerns()
    assert concern.rule == "new_lump" and concern.latest_entry == again
    assert actions(again) == [("new_lump", "updated")]
    assert Concern.objects.count() == 1


def test_only_one_open_concern_per_area_and_rule(area, lump):
    concern = Concern.objects.get()
    fields = {f.attname: getattr(concern, f.attname) for f in Concern._meta.concrete_fields}
    fields.pop("id"), fields.pop("code")
    with pytest.raises(IntegrityError), transaction.atomic():
        Concern.objects.create(**fields)


def test_an_edit_withdraws_the_concern_and_keeps_it(area, lump):
    with travel(1):
        lump.signs, lump.change = [], "same"
        lump.save()
    concern = Concern.objects.get(rule="new_lump")
    assert concern.state == Concern.State.WITHDRAWN
    assert concern.withdrawn_at is not None
    assert "new_lump" in concern.withdrawn_reason and "no longer holds" in concern.withdrawn_reason
    assert open_concerns() == []

    with travel(2):  # the edit is undone: a new open concern, the withdrawn one stays as history
        lump.signs = ["new_lump"]
        lump.save()
    assert rules_of(open_concerns()) == ["new_lump"]
    assert Concern.objects.filter(state=Concern.State.WITHDRAWN).count() == 1


def test_a_reviewed_concern_is_not_opened_again_without_new_evidence(area, lump):
    with travel(0):
        Concern.objects.update(
            state=Concern.State.REVIEWED, reviewed_at=datetime.datetime.now(datetime.UTC)
        )
    with travel(1):
        lump.notes = "typo fixed"
        lump.save()
        EntryFactory(area=area, date=day(1), signs=["new_lump"], change="same", size_mm=6)
    assert open_concerns() == []
    with travel(2):  # new evidence: bleeding
        EntryFactory(area=area, date=day(2), signs=["new_lump", "bleeding"], size_mm=6)
    assert rules_of(open_concerns()) == ["new_sore"]


def test_growth_is_judged_from_the_size_at_the_review(area, lump):
    with travel(10):
        EntryFactory(area=area, date=day(10), signs=["new_lump"], size_mm=9, change="larger")
    assert rules_of(open_concerns()) == ["growth", "new_lump"]
    with travel(10):
        Concern.objects.update(
            state=Concern.State.REVIEWED,
            reviewed_at=datetime.datetime.now(datetime.UTC) + datetime.timedelta(hours=1),
        )
    with travel(20):
        EntryFactory(area=area, date=day(20), signs=["new_lump"], size_mm=9, change="same")
    assert open_concerns() == []  # stable at the reviewed size
    with travel(25):
        EntryFactory(area=area, date=day(25), signs=["new_lump"], size_mm=11, change="same")
    assert rules_of(open_concerns()) == ["growth"]


def test_editing_an_earlier_check_judges_the_later_ones_again(area, lump):
    with travel(10):
        later = EntryFactory(area=area, date=day(10), signs=["new_lump"], size_mm=9)
    assert "growth" in rules_of(open_concerns())
    with travel(11):
        lump.size_mm = 8
        lump.save()
    # 8 -> 9 mm is not growth any more: growth is withdrawn, the lump concern stays
    assert rules_of(open_concerns()) == ["new_lump"]
    assert rules_of(Concern.objects.filter(state="withdrawn")) == ["growth"]
    assert actions(later) == [("growth", "opened"), ("new_lump", "updated")]


def test_deleting_a_check_keeps_the_concern_as_history(
    area, lump, django_capture_on_commit_callbacks
):
    with travel(1), django_capture_on_commit_callbacks(execute=True):
        lump.delete()
    concern = Concern.objects.get()
    assert concern.state == Concern.State.WITHDRAWN and concern.latest_entry is None
    assert ConcernCheck.objects.count() == 0


def test_a_gone_check_lowers_the_shown_urgency_and_keeps_the_raised_one(area):
    with travel(0):
        EntryFactory(area=area, date=day(0), signs=["warm", "swelling"], change="new")
    (concern,) = open_concerns()
    assert (concern.rule, concern.urgency) == ("possible_infection", "urgent")
    with travel(3):
        EntryFactory(area=area, date=day(3), signs=[], change="gone")
    concern.refresh_from_db()
    assert (concern.urgency, concern.raised_urgency, concern.state) == ("soon", "urgent", "open")


def test_an_area_marked_resolved_lowers_its_concerns(area, lump):
    with travel(3):
        area.resolved_at = datetime.datetime.now(datetime.UTC)
        area.save()
    (concern,) = open_concerns()
    assert (concern.urgency, concern.raised_urgency) == ("next_visit", "soon")


def test_a_fever_on_another_area_makes_redness_urgent(patient, area):
    arm = AreaFactory(patient=patient, site="upper_arm_left")
    with travel(0):
        EntryFactory(area=arm, date=day(0), signs=["red_patch"], change="new")
    assert rules_of(open_concerns(area=arm)) == ["new_patch"]
    with travel(1):
        EntryFactory(area=area, date=day(1), signs=["fever"])
    assert rules_of(open_concerns(area=arm)) == ["fever", "new_patch"]
    assert open_concerns(area=arm, rule="fever")[0].urgency == "urgent"


def test_profile_history_raises_next_visit_concerns_to_soon(patient, area):
    with travel(0):
        EntryFactory(area=area, date=day(0), signs=["firm"])
    with travel(7):
        EntryFactory(area=area, date=day(7), signs=["firm", "spider_veins"], change="same")
    with travel(8):
        Concern.objects.update(state="reviewed", reviewed_at=datetime.datetime.now(datetime.UTC))
    with travel(9):
        entry = EntryFactory(area=area, date=day(9), signs=["firm"], pain=8)
    (flag,) = open_concerns(latest_entry=entry)
    assert (flag.rule, flag.urgency) == ("pain_or_itch", "next_visit")

    with travel(10):
        profile = Profile.objects.get(user=patient)
        profile.history = ["inflammatory"]
        profile.save()
    flag.refresh_from_db()
    assert (flag.rule, flag.urgency, flag.state) == ("pain_or_itch", "soon", "open")
    assert flag.facts["raised_from"] == "next_visit"
    assert "inflammatory breast cancer" in flag.reason
    assert Concern.objects.open().count() == 1

    with travel(11):  # never lowered automatically
        profile.history = []
        profile.save()
    flag.refresh_from_db()
    assert flag.urgency == "soon"


def test_daily_command_adds_time_concerns_once(area):
    with travel(0):
        entry = EntryFactory(
            area=area,
            date=day(0),
            signs=["red_patch"],
            change="new",
            treatment="antibiotics",
            treatment_since=day(0),
        )
    assert rules_of(open_concerns()) == ["new_patch"]  # a new red patch: soon, on save
    with travel(2):
        assert evaluation.evaluate_time().raised == []
    with travel(3):
        first = evaluation.evaluate_time()
        second = evaluation.evaluate_time()
    assert rules_of(first.raised) == ["antibiotics_not_better"]
    assert second.raised == [] and second.escalated == []
    (concern,) = open_concerns(rule="antibiotics_not_better")
    assert concern.latest_entry == entry and concern.kind == "time"
    assert (concern.urgency, concern.facts["days"]) == ("urgent", 3)


def test_a_later_check_leaves_time_concerns_open_and_lowered(area):
    with travel(0):
        EntryFactory(area=area, date=day(0), signs=["firm"], change="new")
    with travel(28):
        evaluation.evaluate_time()
    assert "persistent_change" in rules_of(open_concerns())
    with travel(30):
        EntryFactory(area=area, date=day(30), signs=[], change="gone")
        assert evaluation.evaluate_time(today=day(60)).raised == []  # gone stops time rules
    assert "persistent_change" in rules_of(open_concerns())  # stays until reviewed
    assert {c.urgency for c in open_concerns()} == {"next_visit"}  # shown lowered


def test_a_back_dated_check_is_judged_up_to_today(area):
    with travel(40):  # logged late, dated 40 days ago: the firm spot has lasted 40 days
        EntryFactory(area=area, date=day(0), signs=["firm"], change="new")
        assert rules_of(open_concerns()) == ["new_sign", "persistent_change"]
        assert evaluation.evaluate_time().raised == []


def test_evaluate_time_for_one_patient(patient, other_patient, area):
    other_area = AreaFactory(patient=other_patient)
    with travel(0):
        EntryFactory(area=area, date=day(0), signs=["firm"])
        EntryFactory(area=other_area, date=day(0), signs=["firm"])
    with travel(28):
        result = evaluation.evaluate_time(patient=patient)
    assert result.raised and {c.patient_id for c in result.raised} == {patient.pk}


@override_settings(MONITORING_THRESHOLDS={"growth_mm": 5, "growth_percent": 60})
def test_thresholds_come_from_settings(area, lump):
    with travel(10):
        EntryFactory(area=area, date=day(10), signs=["new_lump"], size_mm=9)
    assert rules_of(open_concerns()) == ["new_lump"]  # +3 mm, +50%: under 5 mm and 60%


@pytest.mark.parametrize("bad", [{"growth_mm": -1}, {"nonsense": 3}, ["growth_mm"]])
def test_bad_thresholds_are_refused(bad):
    with override_settings(MONITORING_THRESHOLDS=bad):
        with pytest.raises(ImproperlyConfigured):
            evaluation.thresholds()
        assert [e.id for e in run_checks() if e.id.startswith("monitoring")] == ["monitoring.E001"]


def test_urgency_codes_sort_highest_first():
    # The clinician queue index and Concern ordering sort urgency codes descending.
    assert sorted(Urgency.codes(), reverse=True) == ["urgent", "soon", "next_visit"]
    assert sorted(Urgency.codes(), key=Urgency.rank_of, reverse=True) == sorted(
        Urgency.codes(), reverse=True
    )


def test_concerns_list_highest_urgency_first(patient, area):
    with travel(0):
        EntryFactory(area=area, date=day(0), signs=["red_patch", "fever"], pain=9, change="new")
    urgencies = [c.urgency for c in Concern.objects.open().by_urgency()]
    assert urgencies == sorted(urgencies, key=Urgency.rank_of, reverse=True)
    assert urgencies[0] == "urgent"


def test_reason_is_rendered_again_in_the_reader_format(area, lump):
    concern = Concern.objects.get()
    text = concern.reason_text(gettext=lambda s: s, format_date=lambda d: d.isoformat())
    assert text.startswith("On 2026-03-02 you logged a new lump")


def test_a_concern_opened_by_a_concurrent_evaluation_is_updated_not_duplicated(
    area, lump, monkeypatch
):
    # As if another evaluation opened the concern between this one's read and its insert.
    monkeypatch.setattr(evaluation, "_open_by_rule", lambda area: {})
    with travel(7):
        again = EntryFactory(area=area, date=day(7), signs=["new_lump"], change="same", size_mm=6)
    (concern,) = open_concerns()
    assert concern.latest_entry == again
    assert Concern.objects.count() == 1
