"""What one sign gets when it is newly logged on its own (the education pages must say the same).

`tests/test_education_agreement.py` holds each sign page's urgency against this function, so the
pages and the rules cannot drift apart.
"""

from __future__ import annotations

from datetime import date

from monitoring.rules.data import Observation
from monitoring.rules.engine import evaluate_entry

_DAY = date(2000, 1, 1)  # any day: the rules judge the check on the day it is logged


def urgency_when_newly_logged(sign: str) -> str | None:
    """The urgency the rules' own catalogue gives `sign` newly logged on its own: an area's first
    check with only that sign (no pain, no treatment, no history), judged the day it is logged.
    None when no rule raises anything."""
    entry = Observation(area="newly-logged", site="chest_wall_left", date=_DAY, signs={sign})
    findings = evaluate_entry(entry=entry, area_history=[entry], today=_DAY)
    return findings[0].urgency if findings else None  # sorted highest urgency first
