"""The daily `evaluate_flags` command (the concerns' daily run) and the scenario harness."""

import datetime
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
import time_machine
from django.core.management import CommandError, call_command

from monitoring.models import Concern
from tests.factories import EntryFactory

SCENARIOS = Path(__file__).parent / "scenarios"
ROOT = Path(__file__).resolve().parent.parent
GOOD = {
    "today": "2026-03-30",
    "history": ["mastectomy_left", "chest_wall_radiation"],
    "observations": [
        {
            "area": "a1",
            "site": "scar_left",
            "date": "2026-03-02",
            "signs": ["new_lump"],
            "change": "new",
            "size_mm": 6,
            "pain": 0,
            "itch": 0,
            "treatment": "none",
            "treatment_since": None,
        }
    ],
}


def run(*args, stdin=None):
    out = io.StringIO()
    if stdin is not None:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(sys, "stdin", io.StringIO(stdin))
            call_command(*args, stdout=out)
    else:
        call_command(*args, stdout=out)
    return out.getvalue()


def at(day):
    return time_machine.travel(datetime.datetime.combine(day, datetime.time(6)), tick=False)


# --- evaluate_flags -----------------------------------------------------------------------------


def test_daily_command_is_safe_to_run_twice(area):
    start = datetime.date(2026, 1, 5)
    with at(start):
        EntryFactory(
            area=area, date=start, signs=["red_patch"], treatment="cream", treatment_since=start
        )
    with at(start + datetime.timedelta(days=13)):
        assert "0 concern(s) opened" in run("evaluate_flags")
    with at(start + datetime.timedelta(days=14)):
        assert "1 concern(s) opened" in run("evaluate_flags")
        assert "0 concern(s) opened" in run("evaluate_flags")
    assert Concern.objects.filter(rule="cream_not_better").count() == 1
    with at(start + datetime.timedelta(days=30)):
        run("evaluate_flags")
    assert Concern.objects.filter(rule="cream_not_better").count() == 1
    assert Concern.objects.filter(rule="persistent_change").count() == 1


def test_daily_command_options(patient, area):
    EntryFactory(area=area, signs=["firm"])
    out = run("evaluate_flags", "--today", "2099-01-01", "--patient", patient.email.upper())
    assert "2099-01-01: 1 concern(s) opened" in out
    with pytest.raises(CommandError, match="--today"):
        run("evaluate_flags", "--today", "tomorrow")
    with pytest.raises(CommandError, match="--patient"):
        run("evaluate_flags", "--patient", "nobody@example.com")


# --- evaluate_scenario --------------------------------------------------------------------------


def test_scenario_from_a_file_prints_the_expected_findings(tmp_path):
    path = SCENARIOS / "antibiotics_day_3.json"
    findings = json.loads(run("evaluate_scenario", str(path)))["findings"]
    expected = json.loads(path.read_text())["expected"]["findings"]
    keys = ("rule", "version", "urgency", "raised_urgency", "area", "date", "warning_sign")
    assert [(f["rule"], f["urgency"]) for f in findings] == [
        ("antibiotics_not_better", "urgent"),
        ("new_patch", "soon"),
    ]
    assert sorted(tuple(f[k] for k in keys) for f in findings) == sorted(
        tuple(f[k] for k in keys) for f in expected
    )
    assert set(findings[0]) == {*keys, "reason", "opened_on"}


def test_scenario_from_standard_input():
    findings = json.loads(run("evaluate_scenario", "-", stdin=json.dumps(GOOD)))["findings"]
    (lump,) = [f for f in findings if f["rule"] == "new_lump"]
    assert lump["urgency"] == "soon" and lump["date"] == "2026-03-02"
    assert "same side as your first breast cancer" in lump["reason"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"today": "30/03/2026"}, "today"),
        ({"history": ["mastectomy_middle"]}, "history[0]"),
        ({"observations": [{"area": "a1", "date": "2026-03-02"}]}, "observations[0].site"),
        ({"observations": [{**GOOD["observations"][0], "signs": ["lumpy"]}]}, "signs[0]"),
        ({"observations": [{**GOOD["observations"][0], "pain": 11}]}, "observations[0].pain"),
        ({"thresholds": {"growth_mm": 0}}, "thresholds"),
    ],
)
def test_malformed_scenario_names_the_field_and_exits_2(change, field):
    with pytest.raises(CommandError) as error:
        run("evaluate_scenario", "-", stdin=json.dumps({**GOOD, **change}))
    assert error.value.returncode == 2
    assert field in str(error.value)


def test_invalid_json_and_missing_file_exit_2(tmp_path):
    with pytest.raises(CommandError, match="not valid JSON") as error:
        run("evaluate_scenario", "-", stdin="{nope")
    assert error.value.returncode == 2
    with pytest.raises(CommandError, match="file") as error:
        run("evaluate_scenario", str(tmp_path / "missing.json"))
    assert error.value.returncode == 2


def test_exit_status_from_the_shell():
    bad = json.dumps({**GOOD, "today": "yesterday"})
    done = subprocess.run(
        [sys.executable, "manage.py", "evaluate_scenario", "-"],
        input=bad,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"DJANGO_SETTINGS_MODULE": "tests.settings", "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert done.returncode == 2
    assert "today" in done.stderr and done.stdout == ""
