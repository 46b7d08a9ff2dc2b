"""Patient pages of the rules: findings after saving, flags on timelines, the list to raise at the
next visit, one flag, and the public rule list. Owner, strangers, anonymous, wrong method."""

import datetime
import re

import pytest
from django.test import override_settings
from django.urls import reverse

from education.vocabulary import Urgency
from monitoring.models import Flag
from monitoring.rules.catalogue import CATALOGUE
from monitoring.rules.grouping import group_flags
from tests.factories import AreaFactory, EntryFactory
from tracker.models import Profile


def text(response):
    html = response.content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main))


@pytest.fixture
def flag(entry):
    return Flag.objects.get(entry=entry, rule="new_lump")


@pytest.fixture
def urgent_entry(area):
    return EntryFactory(area=area, signs=["red_patch", "warm", "fever"], change="new", pain=8)


def set_phone(user, phone):
    Profile.objects.filter(user=user).update(care_team_phone=phone)


# --- Right after saving an entry ----------------------------------------------------------------


def test_saved_page_lists_findings_with_reason_and_education_link(patient_client, entry):
    response = patient_client.get(reverse("tracker:entry_saved", args=[entry.code]))
    page = text(response)
    assert "What to raise with your care team" in page
    assert "a new lump or bump on your left surgery scar" in page
    assert "Book a visit within about a week" in page
    assert reverse("education:sign_by_code", args=["new_lump"]) in response.content.decode()
    assert 'role="alert"' not in response.content.decode()  # nothing urgent here


def test_each_education_link_names_its_sign_for_screen_readers(patient_client, urgent_entry):
    # Several "Read about this sign" links on one page: each must say which sign it opens.
    html = patient_client.get(reverse("tracker:entry_saved", args=[urgent_entry.code])).content
    html = html.decode()
    assert html.count("Read about this sign") >= 1
    for link in re.findall(r"Read about this sign(.*?)</a>", html):
        assert re.fullmatch(r'<span class="visually-hidden">: [^<]+</span>', link), link


def test_urgent_finding_comes_first_in_a_box_with_the_phone(patient_client, patient, urgent_entry):
    set_phone(patient, "+44 20 7946 0000")
    response = patient_client.get(reverse("tracker:entry_saved", args=[urgent_entry.code]))
    html = response.content.decode()
    box = html[html.index('role="alert"') :]
    assert "Contact your care team today" in box
    assert 'href="tel:+442079460000"' in box and "+44 20 7946 0000" in box
    reasons = [m.start() for m in re.finditer(r"could be an infection|rated your pain", html)]
    assert html.index("could be an infection") == reasons[0]  # urgent finding listed first
    assert html.index('role="alert"') < html.index("could be an infection")


def test_urgent_box_without_a_phone_points_to_the_profile(patient_client, urgent_entry):
    response = patient_client.get(reverse("tracker:entry_saved", args=[urgent_entry.code]))
    html = response.content.decode()
    assert 'role="alert"' in html and "tel:" not in html
    assert reverse("tracker:profile") in html[html.index('role="alert"') :]


def test_no_findings_is_never_an_all_clear(patient_client, area):
    quiet = EntryFactory(area=area, signs=[], change="same")
    assert not quiet.flags.exists()
    page = text(patient_client.get(reverse("tracker:entry_saved", args=[quiet.code])))
    assert "Nothing in this check matched the warning signs the app looks for" in page
    assert "contact your care team" in page
    for reassurance in ("all clear", "all-clear", "nothing to worry", "you are fine", "normal"):
        assert reassurance not in page.lower()


# --- Timelines ----------------------------------------------------------------------------------


def test_timelines_show_open_flags_next_to_entries(patient_client, area, entry, flag):
    for url in (reverse("tracker:timeline"), reverse("tracker:area_detail", args=[area.code])):
        html = patient_client.get(url).content.decode()
        assert reverse("monitoring:flag_detail", args=[flag.code]) in html


def test_timelines_show_a_short_title_not_a_cut_reason(patient_client, area):
    lasting_lump(area, checks=3)
    html = patient_client.get(reverse("tracker:area_detail", args=[area.code])).content.decode()
    flags = html[html.index('aria-label="Flags on this check"') :]
    assert "…" not in flags and "The size went from" not in flags  # the reason is one click away
    links = re.findall(r'<a href="/flags/[^"]+/">(.*?)</a>', html)
    titles = [re.sub(r"<[^>]+>.*", "", link) for link in links]
    assert sorted(titles) == sorted(["A new lump", "Getting bigger", "Getting bigger"])
    # Each link says which check it is about (the same title repeats on a timeline).
    assert len(set(links)) == len(links)
    assert all(
        re.search(r'<span class="visually-hidden">, check of \d+ \w+ 2026</span>$', link)
        for link in links
    )


def test_timelines_hide_withdrawn_flags(patient_client, area, entry, flag):
    entry.signs = []
    entry.save()
    html = patient_client.get(reverse("tracker:timeline")).content.decode()
    assert reverse("monitoring:flag_detail", args=[flag.code]) not in html


def test_timeline_queries_stay_bounded_with_many_flags(
    patient_client, patient, area, django_assert_max_num_queries
):
    start = datetime.date(2025, 1, 1)
    for i in range(60):
        signs = ["new_lump"] if i % 2 else ["red_patch", "open_sore"]
        EntryFactory(area=area, date=start + datetime.timedelta(days=i), signs=signs, pain=i % 11)
    assert Flag.objects.count() > 60
    # One query of these says which entries of the page the reader may edit (editable_entries).
    with django_assert_max_num_queries(7):
        assert patient_client.get(reverse("tracker:timeline")).status_code == 200
    with django_assert_max_num_queries(10):  # 8, plus the latest photo and the chart's checks
        response = patient_client.get(reverse("tracker:area_detail", args=[area.code]))
    assert response.status_code == 200


# --- To raise at my next visit ------------------------------------------------------------------


def test_to_raise_lists_my_open_flags_highest_urgency_first(
    patient_client, patient, area, entry, urgent_entry, other_patient
):
    AreaFactory(patient=other_patient, name="Someone else's")
    EntryFactory(area=other_patient.areas.get(), signs=["new_lump"], change="new")
    response = patient_client.get(reverse("monitoring:to_raise"))
    assert response.status_code == 200
    flags = response.context["flags"]
    assert {f.patient_id for f in flags} == {patient.pk}
    ranks = [Urgency.rank_of(f.urgency) for f in flags]
    assert ranks == sorted(ranks, reverse=True) and ranks[0] == 3
    assert 'role="alert"' in response.content.decode()
    assert "Someone else" not in response.content.decode()


def lasting_lump(area, checks=6):
    """A lump logged again every week, 1 mm bigger each time: growth on every check after the
    first, and persistent_change as time passes (the daily command)."""
    from monitoring.flags import evaluation

    start = datetime.date(2026, 1, 5)
    for i in range(checks):
        EntryFactory(
            area=area,
            date=start + datetime.timedelta(days=7 * i),
            signs=["new_lump"],
            change="new" if i == 0 else "larger",
            size_mm=6 + i,
        )
    evaluation.evaluate_time(today=start + datetime.timedelta(days=7 * (checks - 1)))


def test_to_raise_shows_one_item_per_area_and_rule(patient_client, area):
    lasting_lump(area)
    growth = list(Flag.objects.open().filter(rule="growth").order_by("entry__date"))
    assert len(growth) == 5  # kept one per check: the data model is unchanged
    response = patient_client.get(reverse("monitoring:to_raise"))
    groups = response.context["groups"]
    assert sorted(g.rule for g in groups) == ["growth", "new_lump", "persistent_change"]
    assert len(groups) < len(response.context["flags"])
    [group] = [g for g in groups if g.rule == "growth"]
    assert group.latest == growth[-1] and len(group.earlier) == 4
    html = response.content.decode()
    page = text(response)
    # The title, the hidden text of each earlier date and of "Why the app flagged this".
    assert page.count("Getting bigger") == 1 + 4 + 1
    assert "The size went from 6 mm on 5 January 2026 to 11 mm on 9 February 2026." in page
    assert "Also on 4 earlier checks" in page
    for flag in growth:  # the newest and every earlier one stay one click away
        assert reverse("monitoring:flag_detail", args=[flag.code]) in html
    # Growth and persistent_change have earlier flags; new_lump has one, so no <details>.
    assert html.count("<details") == 2


def test_to_raise_items_by_urgency_then_longest_waiting(patient_client, patient, area):
    lasting_lump(area, checks=2)
    later = AreaFactory(patient=patient, name="Red patch", site="chest_wall_right")
    EntryFactory(area=later, date=datetime.date(2026, 2, 1), signs=["red_patch", "fever"])
    EntryFactory(area=later, date=datetime.date(2026, 2, 2), signs=["firm"], pain=8)
    groups = patient_client.get(reverse("monitoring:to_raise")).context["groups"]
    assert [(g.area.name, g.rule, g.urgency) for g in groups] == [
        ("Red patch", "possible_infection", "urgent"),
        ("Lump under left scar", "new_lump", "soon"),  # since 5 January
        ("Lump under left scar", "growth", "soon"),  # since 12 January
        ("Red patch", "new_patch", "soon"),  # since 1 February
        ("Red patch", "several_areas", "soon"),  # 1 and 2 February
        ("Red patch", "pain_or_itch", "next_visit"),
    ]


def test_to_raise_queries_stay_bounded(patient_client, area, django_assert_max_num_queries):
    lasting_lump(area, checks=2)
    with django_assert_max_num_queries(5) as few:
        patient_client.get(reverse("monitoring:to_raise"))
    lasting_lump(AreaFactory(patient=area.patient, site="neck"), checks=12)
    assert Flag.objects.open().count() > 20
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert patient_client.get(reverse("monitoring:to_raise")).status_code == 200


def test_to_raise_links_say_what_they_open_for_screen_readers(patient_client, area):
    lasting_lump(area)
    html = patient_client.get(reverse("monitoring:to_raise")).content.decode()
    why = re.findall(r"Why the app flagged this(.*?)</a>", html)
    assert len(why) == 3 and len(set(why)) == 3  # one per item, each naming its item
    earlier = sum(len(g.earlier) for g in group_flags(Flag.objects.open().select_related("entry")))
    dates = re.findall(r'<li class="list-inline-item"><a [^>]+>(.*?)</a>', html)
    assert len(dates) == len(set(dates)) == earlier >= 4


def test_to_raise_without_flags_does_not_reassure(patient_client):
    page = text(patient_client.get(reverse("monitoring:to_raise")))
    assert "all clear" not in page.lower()
    assert "contact your care team" in page


def test_home_links_to_the_list(patient_client):
    html = patient_client.get(reverse("tracker:home")).content.decode()
    assert reverse("monitoring:to_raise") in html


# --- One flag -----------------------------------------------------------------------------------


def test_flag_detail_for_the_owner(patient_client, flag):
    response = patient_client.get(reverse("monitoring:flag_detail", args=[flag.code]))
    assert response.status_code == 200
    page = text(response)
    assert "new_lump" in page and "version 1" in page
    assert "a new lump or bump on your left surgery scar" in page


def test_flag_detail_is_404_for_strangers(stranger_clients, flag):
    for who, client in stranger_clients.items():
        response = client.get(reverse("monitoring:flag_detail", args=[flag.code]))
        assert response.status_code == 404, who


@pytest.mark.parametrize("name", ["to_raise", "flag_detail"])
def test_private_pages_need_login(client, flag, name):
    args = [flag.code] if name == "flag_detail" else []
    response = client.get(reverse(f"monitoring:{name}", args=args))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("name", ["to_raise", "flag_detail", "rules"])
def test_wrong_method_is_refused(patient_client, flag, name):
    args = [flag.code] if name == "flag_detail" else []
    assert patient_client.post(reverse(f"monitoring:{name}", args=args)).status_code == 405


# --- The public rule list -----------------------------------------------------------------------


def test_rule_list_is_public_and_lists_every_rule(client, db):
    response = client.get(reverse("monitoring:rules"))
    assert response.status_code == 200
    page = text(response)
    for rule in CATALOGUE:
        assert rule.code in page
        assert rule.source.split(";")[0] in page
    assert "version 1" in page
    assert "up by 2 mm or more, or by 20% or more" in page
    assert reverse("education:sign_by_code", args=["new_lump"]) in response.content.decode()


@override_settings(MONITORING_THRESHOLDS={"growth_mm": 3, "cream_days": 21})
def test_rule_list_shows_the_configured_thresholds(client, db):
    page = text(client.get(reverse("monitoring:rules")))
    assert "up by 3 mm or more" in page and "for 21 days or more" in page
