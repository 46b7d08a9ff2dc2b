"""monitoring.rules.grouping: open flags shown once per (area, rule). Plain objects, no database."""

from datetime import UTC, date, datetime
from types import SimpleNamespace

from monitoring.rules import wording
from monitoring.rules.catalogue import CATALOGUE
from monitoring.rules.grouping import FlagGroup, group_flags

_pk = iter(range(1, 1000))


def flag(area, rule, day, urgency="soon", raised=None):
    entry_date = date(2026, 3, day)
    return SimpleNamespace(
        pk=next(_pk),
        area_id=area,
        area=f"area {area}",
        rule=rule,
        urgency=urgency,
        entry=SimpleNamespace(date=entry_date),
        raised_at=raised or datetime(2026, 3, day, 9, tzinfo=UTC),
    )


def test_no_flags_no_groups():
    assert group_flags([]) == []


def test_one_item_per_area_and_rule_newest_flag_first():
    flags = [
        flag(1, "growth", 2),
        flag(1, "growth", 16),
        flag(1, "growth", 9),
        flag(2, "growth", 5),
    ]
    groups = group_flags(flags)
    assert [(g.latest.area_id, g.rule, len(g.flags)) for g in groups] == [
        (1, "growth", 3),
        (2, "growth", 1),
    ]
    first = groups[0]
    assert first.latest is flags[1]  # the newest check: its reason is shown in full
    assert first.earlier == (flags[2], flags[0])
    assert first.earlier_dates == [date(2026, 3, 9), date(2026, 3, 2)]
    assert first.first_date == date(2026, 3, 2)
    assert groups[1].earlier == ()


def test_group_takes_the_highest_urgency_of_its_flags():
    flags = [flag(1, "any_sign", 2, urgency="soon"), flag(1, "any_sign", 9, urgency="next_visit")]
    [group] = group_flags(flags)
    assert group.urgency == "soon"
    assert group.latest is flags[1]


def test_ordered_by_urgency_then_longest_waiting():
    flags = [
        flag(1, "pain_or_itch", 1, urgency="next_visit"),
        flag(1, "growth", 20),
        flag(2, "new_lump", 10),
        flag(2, "new_lump", 25),
        flag(3, "possible_infection", 28, urgency="urgent"),
    ]
    assert [(g.latest.area_id, g.rule) for g in group_flags(flags)] == [
        (3, "possible_infection"),
        (2, "new_lump"),  # waiting since 10 March
        (1, "growth"),  # since 20 March
        (1, "pain_or_itch"),
    ]


def test_same_day_checks_newest_raised_first():
    early = flag(1, "growth", 5, raised=datetime(2026, 3, 5, 8, tzinfo=UTC))
    late = flag(1, "growth", 5, raised=datetime(2026, 3, 5, 18, tzinfo=UTC))
    [group] = group_flags([early, late])
    assert group.latest is late


def test_a_group_is_a_plain_value():
    group = FlagGroup((flag(1, "growth", 2),))
    assert (group.rule, group.urgency, group.area) == ("growth", "soon", "area 1")


def test_every_rule_has_a_short_title():
    for rule in CATALOGUE:
        assert rule.code in wording.RULE_TITLES
        title = wording.rule_title(rule.code)
        assert len(title.split()) <= 6, title
    assert len(set(wording.RULE_TITLES.values())) == len(wording.RULE_TITLES)
    assert wording.rule_title("a_rule_since_removed") == "Something to raise"
    assert wording.rule_title("growth", gettext=str.upper) == "GETTING BIGGER"
