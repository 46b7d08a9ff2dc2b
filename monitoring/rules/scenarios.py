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

Simulation, mirroring the app (the flag service and the daily ``evaluate_flags`` command):

1. Days run from the first observation's date to `today`. On each day the observations of that
   day are logged one by one, in file order. Right after each is logged it is evaluated with
   `engine.evaluate_entry` on that day: entry rules against the earlier entries of its area and
   the entries logged so far in other areas, and time rules taking it as the area's latest entry.
2. At the end of each day the daily command runs `engine.evaluate_time` on every area.
3. Each finding opens a flag keyed by (area, rule, entry). A key that already has a flag is left
   alone (idempotent), so a flag keeps the urgency and reason it was raised with.
4. Nobody reviews flags in a scenario, so a flag raised on an earlier day stays open, with one
   exception mirroring the edit path of the service: on `today` each open flag is checked again
   against the data (`evaluate_entry` for its entry, time rules as of `today`); if its rule no
   longer holds for that entry the flag is *withdrawn* and not listed. Scenarios hold no edits,
   and entry rules only look back, so in practice nothing is withdrawn. In particular an area
   later marked "gone" keeps its earlier flags: "gone" only stops new time findings.

`run_scenario` returns the open findings, highest urgency first; `evaluate_scenario` returns the
JSON-ready ``{"findings": [...]}`` that ``manage.py evaluate_scenario`` prints.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from education.vocabulary import Change, History, Sign, Site, Treatment
from monitoring.rules import engine
from monitoring.rules.data import Finding, Observation
from monitoring.rules.thresholds import DEFAULTS, Thresholds


class ScenarioError(ValueError):
    """A malformed scenario. The message starts with the field at fault."""


@dataclass(frozen=True)
class Scenario:
    today: date
    history: frozenset[str]
    observations: tuple[Observation, ...]
    thresholds: Thresholds = DEFAULTS


_TOP_KEYS = {"today", "history", "observations", "thresholds", "description", "expected"}
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
    return Scenario(today, history, tuple(observations), thresholds)


def run_scenario(scenario: Scenario) -> list[Finding]:
    """Replay the scenario (see the module docstring); the findings open on `today`."""
    pending = sorted(scenario.observations, key=lambda o: o.date)  # stable: file order per day
    if not pending:
        return []
    options = {"history": scenario.history, "thresholds": scenario.thresholds}
    logged: dict[str, list[Observation]] = {}
    flags: dict[tuple[str, str, str], Finding] = {}
    day, n = pending[0].date, 0
    while day <= scenario.today:
        while n < len(pending) and pending[n].date == day:
            entry = pending[n]
            others = _others(logged, entry.area)
            area = logged.setdefault(entry.area, [])
            area.append(entry)
            found = engine.evaluate_entry(
                entry=entry, area_history=area, other_areas=others, today=day, **options
            )
            _open(flags, found)
            n += 1
        for area in logged.values():
            _open(flags, engine.evaluate_time(area_history=area, today=day, **options))
        day += timedelta(days=1)
    still_open = [f for f in flags.values() if _still_holds(f, logged, scenario)]
    return engine.sort_findings(still_open)


def evaluate_scenario(data: object) -> dict[str, list[dict[str, object]]]:
    """Parse, replay and return ``{"findings": [...]}`` ready for ``json.dumps``."""
    findings = run_scenario(parse_scenario(data))
    return {"findings": [f.as_json() for f in findings]}


# --- helpers ------------------------------------------------------------------------------------


def _open(flags: dict, findings: list[Finding]) -> None:
    for finding in findings:
        flags.setdefault(finding.key, finding)


def _others(logged: dict[str, list[Observation]], area: str) -> list[Observation]:
    return [entry for name, entries in logged.items() if name != area for entry in entries]


def _still_holds(flag: Finding, logged: dict[str, list[Observation]], scenario: Scenario) -> bool:
    area = logged[flag.area]
    entry = next(e for e in area if e.key == flag.entry_key)
    again = engine.evaluate_entry(
        entry=entry,
        area_history=area,
        other_areas=_others(logged, flag.area),
        history=scenario.history,
        today=scenario.today,
        thresholds=scenario.thresholds,
    )
    return any(f.rule == flag.rule for f in again)


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
