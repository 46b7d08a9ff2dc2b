"""Scenario harness (pure): replay a patient's entries and list the findings open on `today`.

A scenario is a JSON object::

    {"today": "2026-03-30",
     "history": ["mastectomy_left"],
     "thresholds": {"growth_mm": 3},          # optional overrides, see thresholds.Thresholds
     "observations": [
       {"area": "a1", "site": "scar_left", "date": "2026-03-02", "signs": ["new_lump"],
        "change": "new", "size_mm": 6, "pain": 0, "itch": 0,
        "treatment": "none", "treatment_since": null}]}

Only `area`, `site` and `date` are required in an observation. `description` and `expected` keys
at the top level are allowed and ignored (test files keep their expected findings there).

Optional top-level lists mirror what clinicians and patients do besides logging:
``"reviews": [{"area": "a1", "date": "2026-03-10", "outcome": "seen_no_concern"}]`` (a clinician
reviewed that area's open concerns that day, after the checks of that day) and
``"resolved": [{"area": "a1", "date": "2026-03-20"}]`` (the patient marked the area resolved).

The replay is the concern fold (`monitoring.rules.fold.fold_area`), the same function the app's
service runs after each check and in the daily ``evaluate_flags`` command, one area at a time with
the patient's other areas alongside. The output is one finding per open concern on `today`, most
urgent first then newest, with ``urgency`` (as shown: lowered when the area went away) and
``raised_urgency`` (the highest it reached).

`run_scenario` returns the open concerns; `evaluate_scenario` returns the JSON-ready
``{"findings": [...]}`` that ``manage.py evaluate_scenario`` prints.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from education.vocabulary import Change, History, Sign, Site, Treatment
from monitoring.rules.data import Observation
from monitoring.rules.fold import Concern, Resolution, Review, fold_area, sort_concerns
from monitoring.rules.thresholds import DEFAULTS, Thresholds


class ScenarioError(ValueError):
    """A malformed scenario. The message starts with the field at fault."""


@dataclass(frozen=True)
class Scenario:
    today: date
    history: frozenset[str]
    observations: tuple[Observation, ...]
    thresholds: Thresholds = DEFAULTS
    reviews: tuple[Review, ...] = ()
    resolved: tuple[Resolution, ...] = ()


_TOP_KEYS = {
    "today",
    "history",
    "observations",
    "thresholds",
    "reviews",
    "resolved",
    "description",
    "expected",
}
_OBSERVATION_KEYS = {
    "area",
    "site",
    "date",
    "signs",
    "change",
    "size_mm",
    "pain",
    "itch",
    "treatment",
    "treatment_since",
    "notes",
}


def parse_scenario(data: object) -> Scenario:
    """Check and convert a decoded JSON scenario. Raises ScenarioError naming the bad field."""
    if not isinstance(data, Mapping):
        raise ScenarioError("scenario: expected a JSON object")
    _no_unknown_keys(data, _TOP_KEYS, "scenario")
    today = _date(data, "today", "today", required=True)
    history = frozenset(_codes(data.get("history", []), History.codes(), "history", "history code"))
    try:
        thresholds = Thresholds.from_mapping(_mapping(data.get("thresholds"), "thresholds"))
    except ValueError as error:
        raise ScenarioError(f"thresholds: {error}") from None
    raw = data.get("observations")
    if not isinstance(raw, list):
        raise ScenarioError("observations: required, a list of observations")
    observations = []
    sites: dict[str, str] = {}
    for n, item in enumerate(raw):
        where = f"observations[{n}]"
        observation = _observation(item, where, n)
        if observation.date > today:
            raise ScenarioError(f"{where}.date: {observation.date} is after today ({today})")
        if sites.setdefault(observation.area, observation.site) != observation.site:
            raise ScenarioError(
                f"{where}.site: area {observation.area!r} already has site "
                f"{sites[observation.area]!r}"
            )
        observations.append(observation)
    reviews = tuple(
        Review(area=area, date=day, outcome=extra)
        for area, day, extra in _events(data, "reviews", today, sites, "outcome")
    )
    resolved = tuple(
        Resolution(area=area, date=day) for area, day, _ in _events(data, "resolved", today, sites)
    )
    return Scenario(today, history, tuple(observations), thresholds, reviews, resolved)


def run_scenario(scenario: Scenario) -> list[Concern]:
    """Fold every area up to `today` (see the module docstring); the open concerns."""
    by_area: dict[str, list[Observation]] = {}
    for observation in scenario.observations:
        by_area.setdefault(observation.area, []).append(observation)
    concerns: list[Concern] = []
    for area, checks in by_area.items():
        result = fold_area(
            area_checks=checks,
            other_checks=[o for o in scenario.observations if o.area != area],
            reviews=[r for r in scenario.reviews if r.area == area],
            resolutions=[r for r in scenario.resolved if r.area == area],
            history=scenario.history,
            today=scenario.today,
            thresholds=scenario.thresholds,
        )
        concerns += result.open
    return sort_concerns(concerns)


def evaluate_scenario(data: object) -> dict[str, list[dict[str, object]]]:
    """Parse, replay and return ``{"findings": [...]}`` ready for ``json.dumps``."""
    concerns = run_scenario(parse_scenario(data))
    return {"findings": [c.as_json() for c in concerns]}


# --- helpers ------------------------------------------------------------------------------------


def _events(data: Mapping, key: str, today: date, sites: dict, extra: str | None = None):
    raw = data.get(key, [])
    if not isinstance(raw, list):
        raise ScenarioError(f"{key}: expected a list")
    known = {"area", "date"} | ({extra} if extra else set())
    for n, item in enumerate(raw):
        where = f"{key}[{n}]"
        if not isinstance(item, Mapping):
            raise ScenarioError(f"{where}: expected an object")
        _no_unknown_keys(item, known, where)
        area = item.get("area")
        if area not in sites:
            raise ScenarioError(f"{where}.area: no observation has area {area!r}")
        day = _date(item, "date", f"{where}.date", required=True)
        if day > today:
            raise ScenarioError(f"{where}.date: {day} is after today ({today})")
        value = item.get(extra, "") if extra else ""
        if not isinstance(value, str):
            raise ScenarioError(f"{where}.{extra}: expected a string")
        yield area, day, value


def _observation(item: object, where: str, n: int) -> Observation:
    if not isinstance(item, Mapping):
        raise ScenarioError(f"{where}: expected an object")
    _no_unknown_keys(item, _OBSERVATION_KEYS, where)
    area = item.get("area")
    if not isinstance(area, str) or not area.strip():
        raise ScenarioError(f"{where}.area: required, a non-empty string")
    site = _code(item.get("site"), Site.codes(), f"{where}.site", "site", required=True)
    change = _code(item.get("change"), Change.codes(), f"{where}.change", "change")
    treatment = _code(item.get("treatment"), Treatment.codes(), f"{where}.treatment", "treatment")
    entry_date = _date(item, "date", f"{where}.date", required=True)
    since = _date(item, "treatment_since", f"{where}.treatment_since", required=False)
    if since is not None and since > entry_date:
        raise ScenarioError(f"{where}.treatment_since: {since} is after the entry date")
    return Observation(
        area=area,
        site=site,
        date=entry_date,
        signs=frozenset(_codes(item.get("signs", []), Sign.codes(), f"{where}.signs", "sign")),
        change=change,
        size_mm=_number(item.get("size_mm"), f"{where}.size_mm", 0, 1000),
        pain=_score(item.get("pain"), f"{where}.pain"),
        itch=_score(item.get("itch"), f"{where}.itch"),
        treatment=treatment or Treatment.NONE,
        treatment_since=since,
        key=f"{area}#{n}",
    )


def _no_unknown_keys(data: Mapping, known: set[str], where: str) -> None:
    unknown = sorted(str(k) for k in data if k not in known)
    if unknown:
        raise ScenarioError(f"{where}.{unknown[0]}: unknown field")


def _mapping(value: object, where: str) -> Mapping | None:
    if value is not None and not isinstance(value, Mapping):
        raise ScenarioError(f"{where}: expected an object")
    return value


def _date(data: Mapping, key: str, where: str, *, required: bool) -> date | None:
    value = data.get(key)
    if value is None:
        if required:
            raise ScenarioError(f"{where}: required, a date like 2026-03-30")
        return None
    if isinstance(value, str) and len(value) == 10:
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise ScenarioError(f"{where}: bad date {value!r}, expected YYYY-MM-DD")


def _code(value: object, known: tuple[str, ...], where: str, what: str, *, required=False):
    if value is None and not required:
        return None
    if value not in known:
        problem = "required" if value is None else f"unknown {what} code {value!r}"
        raise ScenarioError(f"{where}: {problem}, use one of {', '.join(known)}")
    return value


def _codes(value: object, known: tuple[str, ...], where: str, what: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise ScenarioError(f"{where}: expected a list of {what} codes")
    for n, code in enumerate(value):
        if code not in known:
            raise ScenarioError(f"{where}[{n}]: unknown {what} code {code!r}")
    return list(value)


def _number(value: object, where: str, low: float, high: float) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
        raise ScenarioError(f"{where}: expected a number from {low} to {high}, got {value!r}")
    return value


def _score(value: object, where: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10:
        raise ScenarioError(f"{where}: expected a whole number from 0 to 10, got {value!r}")
    return value
