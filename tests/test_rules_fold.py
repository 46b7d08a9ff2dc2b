"""The concern fold and the revised catalogue's boundaries (monitoring.rules): no database."""

import json
from datetime import timedelta

import pytest

from education.vocabulary import Urgency
from monitoring.rules.fold import OPENED, RAISED, UPDATED, Resolution, Review, fold_area
from tests.rules_helpers import START, obs


def fold(checks, *, today=None, others=(), reviews=(), resolved=(), history=()):
    today = today or max(c.date for c in checks)
    result = fold_area(
        area_checks=checks,
        other_checks=others,
        reviews=reviews,
        resolutions=resolved,
        history=history,
        today=today,
    )
    json.dumps(result.as_json())  # the state is serialisable
    return result


def rules(result):
    return {c.rule: (c.urgency, c.raised_urgency) for c in result.open}


def day(n):
    return START + timedelta(days=n)


# --- boundaries of the changed rules ------------------------------------------------------------


@pytest.mark.parametrize(("gap", "urgent"), [(0, True), (1, True), (2, False)])
def test_fever_elsewhere_window_is_one_day(gap, urgent):
    arm = obs(0, area="arm", site="upper_arm_right", signs={"swelling"})
    fever = obs(gap, area="neck", site="neck", signs={"fever"})
    result = fold([arm], others=[fever], today=day(gap))
    assert ("fever" in rules(result)) is urgent


def test_fever_before_the_redness_counts_too():
    fever = obs(0, area="neck", site="neck", signs={"fever"})
    arm = obs(1, area="arm", site="upper_arm_right", signs={"red_patch"})
    assert rules(fold([arm], others=[fever]))["fever"] == ("urgent", "urgent")


@pytest.mark.parametrize(
    ("signs", "rule", "urgency"),
    [
        ({"warm"}, "new_sign", "soon"),
        ({"warm", "swelling"}, "possible_infection", "urgent"),
        ({"red_patch", "warm", "swelling"}, "possible_infection", "urgent"),
    ],
)
def test_infection_pattern_needs_two_of_red_warm_swollen(signs, rule, urgency):
    assert rules(fold([obs(0, signs=signs)]))[rule][0] == urgency


@pytest.mark.parametrize(
    ("site", "history", "at_risk"),
    [
        ("upper_arm_left", {"mastectomy_left", "node_dissection"}, True),
        ("armpit_left", {"lumpectomy_left", "node_dissection"}, True),
        ("upper_arm_right", {"mastectomy_left", "node_dissection"}, False),
        ("upper_arm_left", {"mastectomy_left"}, False),  # no lymph nodes removed
        ("upper_arm_right", {"node_dissection"}, True),  # no side known: both arms
        ("upper_arm_right", {"mastectomy_left", "mastectomy_right", "node_dissection"}, True),
        ("neck", {"mastectomy_left", "node_dissection"}, False),
    ],
)
def test_at_risk_arm(site, history, at_risk):
    found = fold([obs(0, site=site, signs={"swelling"})], history=history)
    assert ("at_risk_arm" in rules(found)) is at_risk
    if at_risk:
        [concern] = [c for c in found.open if c.rule == "at_risk_arm"]
        assert "Lymph nodes were taken out on this side" in concern.reason


@pytest.mark.parametrize(("size", "worse"), [(30, False), (30.5, True)])
def test_antibiotics_worse_at_any_check(size, worse):
    on = {"treatment": "antibiotics", "treatment_since": START}
    checks = [
        obs(0, signs={"red_patch"}, size_mm=30, **on),
        obs(1, signs={"red_patch"}, size_mm=size, **on),
    ]
    assert ("antibiotics_worse" in rules(fold(checks))) is worse


@pytest.mark.parametrize(("pain", "urgency"), [(0, "soon"), (1, "urgent")])
def test_band_of_spots_urgent_with_pain(pain, urgency):
    found = fold([obs(0, signs={"band_along_nerve"}, pain=pain)])
    assert rules(found)["band_of_spots"][0] == urgency


# --- the lifecycle ----------------------------------------------------------------------------


def test_one_concern_per_rule_updated_by_later_checks():
    checks = [obs(7 * n, signs={"new_lump"}, change="same") for n in range(6)]
    result = fold(checks, today=day(35))
    assert [c.rule for c in result.open] == ["new_lump", "persistent_change"]
    lump = result.open[0]
    assert lump.opened_on == START and lump.latest_key == checks[-1].key
    assert [link.action for link in lump.links] == [OPENED] + [UPDATED] * 5


def test_urgency_rises_and_the_check_is_linked_as_raised():
    checks = [obs(0, signs={"band_along_nerve"}), obs(1, signs={"band_along_nerve"}, pain=4)]
    [concern] = fold(checks).open
    assert (concern.rule, concern.urgency) == ("band_of_spots", Urgency.URGENT)
    assert [(link.entry_key, link.action) for link in concern.links] == [
        (checks[0].key, OPENED),
        (checks[1].key, RAISED),
    ]


def test_review_closes_and_sets_the_baseline():
    checks = [obs(0, signs={"new_lump"}, size_mm=5), obs(14, signs={"new_lump"}, size_mm=8)]
    result = fold(checks, reviews=[Review("a1", day(14), outcome="seen_no_concern")])
    assert result.open == ()
    assert {c.rule for c in result.reviewed} == {"new_lump", "growth"}
    assert (result.reviewed_on, result.review_size) == (day(14), 8)
    later = fold(
        [*checks, obs(20, signs={"new_lump"}, size_mm=8, change="same")],
        reviews=[Review("a1", day(14))],
    )
    assert later.open == ()  # stable at the reviewed size: nothing re-fires


def test_a_check_logged_after_the_review_the_same_day_is_new_evidence():
    first = obs(0, signs={"warm", "swelling"}, key="first")
    again = obs(0, signs={"warm", "swelling", "fever"}, key="after-review")
    review = Review("a1", START, seen=frozenset({first.key}))
    assert rules(fold([first, again], reviews=[review])) == {"fever": ("urgent", "urgent")}


def test_gone_lowers_urgent_to_soon_and_keeps_the_raised_urgency():
    checks = [obs(0, signs={"warm", "swelling"}), obs(3, change="gone")]
    [concern] = fold(checks).open
    assert (concern.urgency, concern.raised_urgency, concern.lowered) == ("soon", "urgent", True)
    assert "Still mention it to your care team" in concern.reason


def test_resolved_area_lowers_to_next_visit():
    result = fold([obs(0, signs={"firm"})], resolved=[Resolution("a1", day(2))], today=day(3))
    assert rules(result) == {"new_sign": ("next_visit", "soon")}


def test_rules_package_imports_no_django():
    import ast
    from pathlib import Path

    import monitoring.rules

    imported = set()
    for path in Path(monitoring.rules.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                imported |= {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module:
                imported.add(node.module)
    assert not {name for name in imported if name.split(".")[0] == "django"}
    assert not {name for name in imported if name.split(".")[0] in ("tracker", "monitoring")} - {
        name for name in imported if name.startswith("monitoring.rules")
    }


def test_every_rule_has_a_short_title():
    from monitoring.rules import wording
    from monitoring.rules.catalogue import CATALOGUE

    for rule in CATALOGUE:
        assert rule.code in wording.RULE_TITLES
        title = wording.rule_title(rule.code)
        assert len(title.split()) <= 6, title
    assert len(set(wording.RULE_TITLES.values())) == len(wording.RULE_TITLES)
    assert wording.rule_title("a_rule_since_removed") == "Something to raise"
    assert wording.rule_title("growth", gettext=str.upper) == "GETTING BIGGER"
