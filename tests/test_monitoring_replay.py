"""The database service agrees with the pure scenario harness: every scenario the entry form can
express is replayed through the app (checks saved on their dates, reviews, resolutions, and the
daily command every day) and must leave the same open concerns."""

import datetime
import json
from pathlib import Path

import pytest
import time_machine
from django.test import override_settings

from monitoring.flags import evaluation
from monitoring.models import Concern
from tests.factories import AreaFactory, EntryFactory
from tracker.models import Profile

SCENARIOS = sorted((Path(__file__).parent / "scenarios").glob("*.json"))


def replay(data, patient):
    """Log the scenario's checks on their dates (at noon), record its reviews (at 1 pm) and
    resolutions, and run the daily command every day."""
    Profile.objects.filter(user=patient).update(history=data.get("history", []))
    observations = sorted(data["observations"], key=lambda o: o["date"])
    today = datetime.date.fromisoformat(data["today"])
    areas, names = {}, {}
    current = datetime.date.fromisoformat(observations[0]["date"]) if observations else today
    n = 0
    while current <= today:
        noon = datetime.datetime.combine(current, datetime.time(12), tzinfo=datetime.UTC)
        with time_machine.travel(noon, tick=False):
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
        with time_machine.travel(noon + datetime.timedelta(hours=1), tick=False):
            for review in data.get("reviews", []):
                if review["date"] == current.isoformat():
                    Concern.objects.open().filter(area=areas[review["area"]]).update(
                        state="reviewed",
                        reviewed_at=noon + datetime.timedelta(hours=1),
                        outcome=review.get("outcome") or "other",
                    )
            for resolved in data.get("resolved", []):
                if resolved["date"] == current.isoformat():
                    area = areas[resolved["area"]]
                    area.resolved_at = noon + datetime.timedelta(hours=1)
                    area.save()
            evaluation.evaluate_time(patient=patient)
        current += datetime.timedelta(days=1)
    return [
        (
            c.rule,
            c.rule_version,
            c.urgency,
            c.raised_urgency,
            names[c.area_id],
            c.latest_entry.date.isoformat(),
            c.warning_sign or None,
        )
        for c in Concern.objects.open().select_related("latest_entry")
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
    keys = ("rule", "version", "urgency", "raised_urgency", "area", "date", "warning_sign")
    expected = [tuple(f[k] for k in keys) for f in data["expected"]["findings"]]
    assert sorted(got, key=str) == sorted(expected, key=str)
