"""Boundary tests of the entry rules (monitoring.rules): plain functions, no database."""

import pytest

from education.vocabulary import Urgency
from monitoring.rules.thresholds import Thresholds
from tests.rules_helpers import codes, obs, only, run

# --- any sign (floor) -------------------------------------------------------------------------


def test_no_signs_raises_nothing():
    assert run([obs(0, change="same"), obs(30, change="same")]) == []


def test_any_sign_is_the_floor_for_a_sign_no_rule_finds():
    # A sign still there from the previous check: no "newly seen" rule fires, the floor does
    # (the fold then counts it as an update of the open concern that covers that sign).
    entries = [obs(0, signs={"firm"}), obs(7, signs={"firm"}, change="same")]
    found = run(entries)
    assert codes(found, entries[1]) == {"any_sign"}
    finding = only([f for f in found if f.entry_key == entries[1].key], "any_sign")
    assert (finding.urgency, finding.version, finding.warning_sign) == ("next_visit", 2, "firm")
    assert finding.reason.startswith("On 9 March 2026 you logged a firm or hard spot on your neck.")


def test_any_sign_is_a_floor_not_a_duplicate():
    assert codes(run([obs(0, signs={"new_lump", "firm"})])) == {"new_lump", "new_sign"}


# --- new lump ---------------------------------------------------------------------------------


def test_new_lump_soon_and_says_same_side():
    found = run([obs(0, site="scar_left", signs={"new_lump"})], history={"mastectomy_left"})
    finding = only(found, "new_lump")
    assert finding.urgency == Urgency.SOON
    assert finding.facts["same_side_as_cancer"] is True
    assert "same side as your first breast cancer" in finding.reason


@pytest.mark.parametrize(
    ("site", "history"),
    [("scar_right", {"mastectomy_left"}), ("neck", {"lumpectomy_left"}), ("scar_left", set())],
)
def test_new_lump_other_side_or_site_no_side_sentence(site, history):
    finding = only(run([obs(0, site=site, signs={"new_lump"})], history=history), "new_lump")
    assert "same side" not in finding.reason


def test_new_lump_only_when_not_in_previous_entry():
    lump = {"new_lump"}
    entries = [obs(0, signs=lump), obs(7, signs=lump), obs(14), obs(20, signs=lump)]
    found = run(entries)
    assert "new_lump" in codes(found, entries[0])
    assert codes(found, entries[1]) == {"any_sign"}
    assert "new_lump" in codes(found, entries[3])  # back after an entry without it


# --- growth -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "after", "flagged"),
    [
        (20, 21, False),  # +1 mm, 5 %
        (20, 22, True),  # +2 mm
        (6.1, 8.1, True),  # +2 mm, with float rounding
        (5, 5.95, False),  # 19 %, under 1 mm
        (5, 6, True),  # 20 %
    ],
)
def test_growth_boundaries(before, after, flagged):
    entries = [obs(0, size_mm=before), obs(7, size_mm=after)]
    assert ("growth" in codes(run(entries), entries[1])) is flagged


def test_growth_against_first_measurement_quotes_it():
    entries = [obs(0, size_mm=6), obs(14, size_mm=7), obs(28, size_mm=8)]
    finding = only(run(entries), "growth")
    assert finding.entry_key == entries[2].key
    assert finding.urgency == Urgency.SOON
    assert finding.reason.startswith("The size went from 6 mm on 2 March 2026 to 8 mm on 30 March")


def test_growth_v2_is_judged_against_the_first_size_not_the_previous():
    entries = [obs(0, size_mm=10), obs(7, size_mm=8), obs(14, size_mm=10)]
    assert "growth" not in codes(run(entries), entries[2])  # back to the first size


def test_growth_when_patient_says_larger_needs_something_seen():
    finding = only(run([obs(0, signs={"new_lump"}, change="larger")]), "growth")
    assert "you said it looked bigger" in finding.reason
    assert codes(run([obs(0, change="larger")])) == {"new_change"}


def test_growth_threshold_from_configuration():
    entries = [obs(0, size_mm=20), obs(7, size_mm=22)]
    relaxed = Thresholds.from_mapping({"growth_mm": 3, "growth_percent": 50})
    assert "growth" not in codes(run(entries, thresholds=relaxed))


# --- sores, infection, unusual forms, colour ----------------------------------------------------


@pytest.mark.parametrize("sign", ["open_sore", "bleeding", "weeping"])
def test_new_sore_soon(sign):
    finding = only(run([obs(0, signs={sign})]), "new_sore")
    assert (finding.urgency, finding.warning_sign) == (Urgency.SOON, sign)


def test_sore_already_in_previous_entry_is_not_new():
    entries = [obs(0, signs={"open_sore"}), obs(7, signs={"open_sore"})]
    assert "new_sore" not in codes(run(entries), entries[1])


@pytest.mark.parametrize("sign", ["red_patch", "warm", "swelling"])
def test_skin_sign_with_fever_is_urgent(sign):
    finding = only(run([obs(0, signs={sign, "fever"})]), "fever")
    assert finding.urgency == Urgency.URGENT
    assert "Contact your care team today." in finding.reason


def test_repeated_fever_stays_urgent():
    entries = [obs(0, signs={"red_patch", "fever"}), obs(1, signs={"red_patch", "fever"})]
    assert "fever" in codes(run(entries), entries[1])


@pytest.mark.parametrize(("signs", "rule"), [({"red_patch"}, "new_patch"), ({"warm"}, "new_sign")])
def test_one_infection_sign_alone_is_soon(signs, rule):
    [finding] = run([obs(0, signs=signs)])
    assert (finding.rule, finding.urgency) == (rule, Urgency.SOON)


# --- new red or raised patch ------------------------------------------------------------------


@pytest.mark.parametrize("sign", ["red_patch", "raised_patch"])
def test_new_patch_is_soon_and_replaces_the_floor(sign):
    found = run([obs(0, signs={sign})])
    assert codes(found) == {"new_patch"}  # no any_sign beside it
    finding = only(found, "new_patch")
    assert (finding.urgency, finding.version, finding.warning_sign) == (Urgency.SOON, 2, sign)
    assert finding.reason.startswith("On 2 March 2026 you logged ")
    assert "should be checked soon" in finding.reason


@pytest.mark.parametrize("sign", ["red_patch", "raised_patch"])
def test_patch_already_in_previous_entry_is_not_new(sign):
    entries = [
        obs(0, signs={sign}),
        obs(7, signs={sign}, change="same"),
        obs(14),
        obs(21, signs={sign}),
    ]
    found = run(entries)
    assert codes(found, entries[0]) == {"new_patch"}
    assert codes(found, entries[1]) == {"any_sign"}  # still there: the floor, not a new patch
    assert codes(found, entries[3]) == {"new_patch"}  # back after an entry without it


def test_new_patch_names_only_the_newly_logged_patch():
    entries = [obs(0, signs={"raised_patch"}), obs(7, signs={"raised_patch", "red_patch"})]
    [finding] = [f for f in run(entries) if f.entry_key == entries[1].key]
    assert finding.rule == "new_patch"
    assert (finding.warning_sign, finding.facts["signs"]) == ("red_patch", ["red_patch"])


def test_new_red_patch_with_fever_is_urgent_first_and_soon_beside_it():
    found = run([obs(0, signs={"red_patch", "fever"})])
    assert [(f.rule, f.urgency) for f in found] == [
        ("fever", Urgency.URGENT),
        ("new_patch", Urgency.SOON),
    ]


def test_red_patch_already_there_then_fever_is_urgent_only():
    entries = [obs(0, signs={"red_patch"}), obs(2, signs={"red_patch", "fever"})]
    assert codes(run(entries), entries[1]) == {"fever"}


def test_raised_patch_with_fever_is_urgent_for_the_fever():
    assert codes(run([obs(0, signs={"raised_patch", "fever"})])) == {"fever", "new_patch"}


@pytest.mark.parametrize("sign", ["thickened", "spider_veins", "dimpled"])
def test_unusual_forms_soon(sign):
    finding = only(run([obs(0, signs={sign})]), "unusual_form")
    assert (finding.urgency, finding.version, finding.warning_sign) == (Urgency.SOON, 2, sign)


def test_colour_change_against_previous_entry():
    entries = [obs(0, signs={"raised_patch"}), obs(7, signs={"raised_patch", "discoloured"})]
    finding = only(run(entries), "colour_change")
    assert finding.entry_key == entries[1].key
    assert "A patch that changes colour should be checked soon." in finding.reason


def test_colour_in_the_first_check_is_newly_seen_but_not_again():
    entries = [obs(0, signs={"discoloured"}), obs(7, signs={"discoloured"})]
    found = run(entries)
    assert codes(found, entries[0]) == {"colour_change"}
    assert "colour_change" not in codes(found, entries[1])


# --- pain and itch ------------------------------------------------------------------------------


@pytest.mark.parametrize(("score", "flagged"), [(6, False), (7, True)])
@pytest.mark.parametrize("kind", ["pain", "itch"])
def test_symptom_score_boundary(kind, score, flagged):
    assert ("pain_or_itch" in codes(run([obs(0, **{kind: score})]))) is flagged


@pytest.mark.parametrize(("rise", "flagged"), [(2, False), (3, True)])
def test_pain_rise_boundary(rise, flagged):
    entries = [obs(0, pain=1), obs(7, pain=None), obs(14, pain=1 + rise)]
    found = run(entries)
    assert ("pain_or_itch" in codes(found)) is flagged
    if flagged:
        assert (
            "Your pain went from 1 on 2 March 2026 to 4 on 16 March 2026."
            in only(found, "pain_or_itch").reason
        )


def test_pain_is_next_visit():
    assert only(run([obs(0, pain=7)]), "pain_or_itch").urgency == Urgency.NEXT_VISIT


# --- several areas ------------------------------------------------------------------------------


@pytest.mark.parametrize(("gap", "flagged"), [(30, True), (31, False)])
def test_two_areas_within_window(gap, flagged):
    other = obs(0, area="a2", site="scalp", signs={"firm"})
    entry = obs(gap, signs={"raised_patch"})
    found = run([entry], others=[other])
    assert ("several_areas" in codes(found)) is flagged
    if flagged:
        assert "and on your scalp on 2 March 2026" in only(found, "several_areas").reason


def test_same_area_twice_is_not_several_areas():
    entries = [obs(0, signs={"firm"}), obs(5, signs={"firm", "raised_patch"})]
    assert "several_areas" not in codes(run(entries))


def test_other_area_without_new_signs_does_not_count():
    others = [obs(-5, area="a2", signs={"firm"}), obs(0, area="a2", signs={"firm"})]
    assert "several_areas" not in codes(run([obs(40, signs={"firm"})], others=others))


def test_several_areas_count_from_configuration():
    others = [obs(0, area="a2", signs={"firm"})]
    three = Thresholds.from_mapping({"several_areas_count": 3})
    assert "several_areas" not in codes(
        run([obs(1, signs={"firm"})], others=others, thresholds=three)
    )
    others.append(obs(0, area="a3", signs={"firm"}))
    assert "several_areas" in codes(run([obs(1, signs={"firm"})], others=others, thresholds=three))


def test_reasons_never_talk_about_how_often_cancer_comes_back():
    import json

    from monitoring.rules.scenarios import evaluate_scenario
    from tests.test_scenarios import SCENARIOS

    for path in SCENARIOS:
        for finding in evaluate_scenario(json.loads(path.read_text()))["findings"]:
            reason = finding["reason"].lower()
            assert "come back" not in reason and "comes back" not in reason, path.stem
            assert "recur" not in reason and "chance" not in reason, path.stem
