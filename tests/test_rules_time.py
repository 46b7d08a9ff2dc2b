"""Boundary tests of the time rules and the history modifier, the rules' API, configuration,
catalogue and wording (monitoring.rules): plain functions, no database."""

from datetime import timedelta

import pytest

from education.vocabulary import History, Sign, Site, Urgency
from monitoring.rules.catalogue import CATALOGUE, RULES
from monitoring.rules.engine import evaluate, evaluate_entry, evaluate_time
from monitoring.rules.thresholds import DEFAULTS, Thresholds
from monitoring.rules.wording import render_reason
from tests.rules_helpers import START, codes, obs, only, run

# --- time rules ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("days", "flagged"), [(2, False), (3, True)])
def test_antibiotics_boundary(days, flagged):
    # v2, NICE NG141 1.1.6: reassess if not better within 2 to 3 days; urgent.
    entry = obs(
        0, signs={"red_patch"}, change="same", treatment="antibiotics", treatment_since=START
    )
    found = run([entry], today=START + timedelta(days=days))
    assert ("antibiotics_not_better" in codes(found)) is flagged
    if flagged:
        finding = only(found, "antibiotics_not_better")
        assert (finding.urgency, finding.version) == (Urgency.URGENT, 2)
        assert "Contact your care team today." in finding.reason


def test_antibiotics_start_from_entries_when_no_date_given():
    entries = [
        obs(0, signs={"red_patch"}, treatment="none"),
        obs(2, signs={"red_patch"}, treatment="antibiotics"),
        obs(4, signs={"red_patch"}, change="same", treatment="antibiotics"),
    ]
    assert "antibiotics_not_better" not in codes(run(entries, today=START + timedelta(days=4)))
    found = run(entries, today=START + timedelta(days=5))
    finding = only(found, "antibiotics_not_better")
    assert finding.entry_key == entries[2].key
    assert finding.facts["since_date"] == "2026-03-04"


def test_antibiotics_with_nothing_seen_raises_nothing_timed():
    entry = obs(0, change="same", treatment="antibiotics", treatment_since=START)
    assert codes(run([entry], today=START + timedelta(days=20))) == set()


@pytest.mark.parametrize("change", ["smaller", "gone"])
def test_antibiotics_working_raises_nothing_timed(change):
    entry = obs(
        0, signs={"red_patch"}, change=change, treatment="antibiotics", treatment_since=START
    )
    assert "antibiotics_not_better" not in codes(run([entry], today=START + timedelta(days=20)))


@pytest.mark.parametrize(("days", "flagged"), [(13, False), (14, True)])
def test_cream_boundary(days, flagged):
    entry = obs(0, signs={"red_patch"}, change="same", treatment="cream", treatment_since=START)
    found = run([entry], today=START + timedelta(days=days))
    assert ("cream_not_better" in codes(found)) is flagged


@pytest.mark.parametrize("change", ["smaller", "gone"])
def test_cream_working_raises_nothing_timed(change):
    entry = obs(0, signs={"red_patch"}, change=change, treatment="cream", treatment_since=START)
    assert "cream_not_better" not in codes(run([entry], today=START + timedelta(days=30)))


@pytest.mark.parametrize(("days", "flagged"), [(27, False), (28, True)])
def test_persistence_boundary(days, flagged):
    entries = [obs(0, signs={"firm"}), obs(20, signs={"firm"}, change="same")]
    found = run(entries, today=START + timedelta(days=days))
    assert ("persistent_change" in codes(found)) is flagged
    if flagged:
        finding = only(found, "persistent_change")
        assert finding.entry_key == entries[1].key
        assert "You first logged this change on 2 March 2026." in finding.reason


def test_persistence_counts_from_after_a_clear_entry():
    entries = [obs(0, signs={"firm"}), obs(10), obs(20, signs={"firm"})]
    assert "persistent_change" not in codes(run(entries, today=START + timedelta(days=47)))
    assert "persistent_change" in codes(run(entries, today=START + timedelta(days=48)))


@pytest.mark.parametrize(("days", "flagged"), [(27, False), (28, True)])
def test_symptoms_alone_that_last_are_next_visit_never_higher(days, flagged):
    # persistent_change v3 is for visible signs; pain or itch alone is `lasting_symptoms`.
    entries = [obs(0, itch=4), obs(14, itch=5, change="same"), obs(21, itch=3, change="same")]
    found = run(entries, today=START + timedelta(days=days), history={"inflammatory"})
    assert "persistent_change" not in codes(found)
    assert ("lasting_symptoms" in codes(found)) is flagged
    if flagged:
        finding = only(found, "lasting_symptoms")
        assert finding.urgency == Urgency.NEXT_VISIT  # not raised by the history either
        assert finding.entry_key == entries[2].key
        assert finding.reason.startswith("You first logged pain or itching here on 2 March 2026")


def test_cream_with_nothing_seen_raises_nothing():
    # cream_not_better v2: a moisturiser on skin with nothing seen is not a sign being treated.
    entry = obs(0, change="same", treatment="cream", treatment_since=START)
    assert codes(run([entry], today=START + timedelta(days=60))) == set()


def test_no_itch_or_itch_that_stopped_is_not_persistent():
    quiet = [obs(0, itch=0), obs(30, itch=0, change="same")]
    assert codes(run(quiet, today=START + timedelta(days=60))) == set()
    stopped = [obs(0, itch=4), obs(20, itch=0, change="same")]
    assert codes(run(stopped, today=START + timedelta(days=60))) == set()


def test_gone_without_signs_stops_time_rules():
    entries = [
        obs(0, signs={"red_patch"}, treatment="cream", treatment_since=START),
        obs(10, change="gone", treatment="cream", treatment_since=START),
    ]
    assert evaluate_time(area_history=entries, today=START + timedelta(days=90)) == []


def test_gone_with_signs_does_not_stop_time_rules():
    entries = [obs(0, signs={"firm"}), obs(10, signs={"firm"}, change="gone")]
    found = evaluate_time(area_history=entries, today=START + timedelta(days=28))
    assert codes(found) == {"persistent_change"}


def test_time_rules_ignore_entries_after_today():
    entries = [obs(0, signs={"firm"}), obs(40, change="gone")]
    found = evaluate_time(area_history=entries, today=START + timedelta(days=30))
    assert codes(found) == {"persistent_change"}


# --- history raises next-visit findings ---------------------------------------------------------


@pytest.mark.parametrize(
    ("history", "urgency"),
    [
        ({"inflammatory"}, Urgency.SOON),
        ({"triple_negative"}, Urgency.SOON),
        ({"her2_positive"}, Urgency.NEXT_VISIT),
    ],
)
def test_history_raises_next_visit(history, urgency):
    entries = [obs(0, signs={"firm"}), obs(7, signs={"firm"}, change="same")]
    found = [f for f in run(entries, history=history) if f.entry_key == entries[1].key]
    assert {f.urgency for f in found} == {urgency}
    if urgency == Urgency.SOON:
        assert all(f.facts["raised_from"] == Urgency.NEXT_VISIT for f in found)
        assert "Because of your history of" in found[0].reason


def test_history_does_not_raise_pain_with_nothing_seen():
    [finding] = run([obs(0, pain=8)], history={"triple_negative"})
    assert (finding.rule, finding.urgency) == ("pain_or_itch", Urgency.NEXT_VISIT)


def test_history_leaves_urgent_urgent():
    found = run([obs(0, signs={"red_patch", "fever"})], history={"inflammatory"})
    assert [(f.rule, f.urgency) for f in found] == [
        ("fever", Urgency.URGENT),
        ("new_patch", Urgency.SOON),
    ]
    assert all("raised_from" not in f.facts for f in found)


# --- API, configuration, catalogue, wording -----------------------------------------------------


def test_evaluate_entry_matches_evaluate_for_latest_entry():
    entries = [obs(0, size_mm=6, signs={"firm"}), obs(28, size_mm=9, signs={"firm"}, pain=8)]
    today = entries[1].date
    whole = [
        f for f in evaluate(area_history=entries, today=today) if f.entry_key == entries[1].key
    ]
    one = evaluate_entry(entry=entries[1], area_history=entries, today=today)
    assert one == whole
    assert [f.urgency for f in one] == sorted(
        (f.urgency for f in one), key=lambda u: -Urgency(u).rank
    )


def test_sizes_from_the_database_may_be_decimals():
    from decimal import Decimal

    entries = [obs(0, size_mm=Decimal("5.0")), obs(7, size_mm=Decimal("6.0"))]
    assert codes(run(entries)) == {"growth"}


def test_thresholds_from_mapping_rejects_bad_config():
    with pytest.raises(ValueError, match="unknown monitoring threshold 'growth'"):
        Thresholds.from_mapping({"growth": 2})
    with pytest.raises(ValueError, match="antibiotics_days"):
        Thresholds.from_mapping({"antibiotics_days": 2.5})
    with pytest.raises(ValueError, match="cream_days"):
        Thresholds.from_mapping({"cream_days": True})
    with pytest.raises(ValueError, match="escalating_history"):
        Thresholds.from_mapping({"escalating_history": ["lobular", "nope"]})
    assert Thresholds.from_mapping(None) == DEFAULTS


def test_catalogue_is_complete_and_well_formed():
    assert len({rule.code for rule in CATALOGUE}) == len(CATALOGUE)
    for rule in CATALOGUE:
        assert rule.version >= 1
        assert Urgency.get(rule.urgency) or (rule.kind, rule.urgency) == ("modifier", None)
        assert rule.source
        assert rule.warning_sign is None or Sign.get(rule.warning_sign)
        assert "{" not in rule.describe()
        for name in rule.thresholds:
            assert hasattr(DEFAULTS, name)
    assert "3 days" in RULES["antibiotics_not_better"].describe()
    longer = Thresholds.from_mapping({"antibiotics_days": 10})
    assert "10 days" in RULES["antibiotics_not_better"].describe(longer)


def test_reason_is_translated_through_the_given_functions():
    finding = only(run([obs(0, signs={"firm"})]), "new_sign")
    catalog = {"your neck": "YOUR NECK", "a firm or hard spot": "A FIRM SPOT"}
    shown = render_reason(
        finding, gettext=lambda s: catalog.get(s, s), format_date=lambda d: d.isoformat()
    )
    assert shown.startswith("On 2026-03-02 you logged A FIRM SPOT on YOUR NECK.")


def test_every_site_and_sign_has_a_phrase_for_the_reasons():
    # The wording falls back to the bare code for a code without a phrase: never for these.
    assert all(site.phrase for site in Site) and all(sign.phrase for sign in Sign)
    for code in DEFAULTS.escalating_history:
        assert History(code).phrase, code
