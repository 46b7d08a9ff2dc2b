"""Helpers of the rule tests: observations by day number, and running the rules on them."""

import json
from datetime import date, timedelta

from monitoring.rules.data import Observation
from monitoring.rules.engine import evaluate
from monitoring.rules.thresholds import DEFAULTS

START = date(2026, 3, 2)


def obs(day=0, area="a1", site="neck", **fields):
    fields.setdefault("signs", frozenset())
    return Observation(area=area, site=site, date=START + timedelta(days=day), **fields)


def run(entries, *, today=None, history=(), others=(), thresholds=DEFAULTS):
    today = today or max(e.date for e in entries)
    found = evaluate(
        area_history=entries,
        other_areas=others,
        history=frozenset(history),
        today=today,
        thresholds=thresholds,
    )
    for finding in found:  # every finding is JSON-ready and renders
        json.dumps(finding.facts)
        json.dumps(finding.as_json())
    return found


def codes(found, entry=None):
    return {f.rule for f in found if entry is None or f.entry_key == entry.key}


def only(found, rule):
    [finding] = [f for f in found if f.rule == rule]
    return finding
