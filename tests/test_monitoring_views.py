"""Patient pages of the concerns: what a check raised, concerns on timelines, "Needs attention"
on the home page, the list to raise, one concern, "I have contacted my care team", and the
public rule list. Owner, strangers, anonymous, wrong method."""

import datetime
import re

import pytest
import time_machine
from django.test import override_settings
from django.urls import reverse

from education.vocabulary import Urgency
from monitoring.models import Concern
from monitoring.rules.catalogue import CATALOGUE
from tests.factories import AreaFactory, EntryFactory
from tests.test_education_readability import textstat, visible_text  # noqa: F401 (fixture)
from tracker.models import Profile


def text(response):
    html = response.content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main))


@pytest.fixture
def flag(entry):
    return Concern.objects.get(latest_entry=entry, rule="new_lump")


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
    reasons = [m.start() for m in re.finditer(r"can mean an infection|rated your pain", html)]
    assert html.index("can mean an infection") == reasons[0]  # urgent concern listed first
    assert html.index('role="alert"') < html.index("can mean an infection")


def test_urgent_box_without_a_phone_points_to_the_profile(patient_client, urgent_entry):
    response = patient_client.get(reverse("tracker:entry_saved", args=[urgent_entry.code]))
    html = response.content.decode()
    assert 'role="alert"' in html and "tel:" not in html
    assert reverse("tracker:profile") in html[html.index('role="alert"') :]


def test_no_findings_is_never_an_all_clear(patient_client, area):
    quiet = EntryFactory(area=area, signs=[], change="same")
    assert not quiet.concern_checks.exists()
    page = text(patient_client.get(reverse("tracker:entry_saved", args=[quiet.code])))
    assert "Nothing in this check matched the warning signs the app looks for" in page
    assert "contact your care team" in page
    for reassurance in ("all clear", "all-clear", "nothing to worry", "you are fine", "normal"):
        assert reassurance not in page.lower()


# --- Timelines ----------------------------------------------------------------------------------


def test_timelines_show_what_each_check_opened_or_updated(patient_client, area, entry, flag):
    EntryFactory(area=area, date=entry.date, signs=["new_lump"], change="same")
    for url in (reverse("tracker:timeline"), reverse("tracker:area_detail", args=[area.code])):
        html = patient_client.get(url).content.decode()
        assert html.count(reverse("monitoring:concern_detail", args=[flag.code])) == 2
        assert "Opened:" in html and "Updated:" in html


def test_timelines_show_a_short_title_not_a_cut_reason(patient_client, area):
    lasting_lump(area, checks=3)
    html = patient_client.get(reverse("tracker:area_detail", args=[area.code])).content.decode()
    shown = html[html.index('aria-label="What this check raised"') :]
    assert "…" not in shown and "The size went from" not in shown  # one click away
    links = re.findall(r'<a href="/concerns/[^"]+/">(.*?)</a>', html)
    titles = sorted(re.sub(r"<[^>]+>.*", "", link) for link in links)
    assert titles == ["A new lump", "A new lump", "A new lump", "Getting bigger", "Getting bigger"]
    # Each link says which check it is about (the same title repeats on a timeline).
    assert len(set(links)) == len(links)
    assert all(
        re.search(r'<span class="visually-hidden">, check of \d+ \w+ 2026</span>$', link)
        for link in links
    )


def test_timelines_hide_withdrawn_concerns(patient_client, area, entry, flag):
    entry.signs = []
    entry.save()
    html = patient_client.get(reverse("tracker:timeline")).content.decode()
    assert reverse("monitoring:concern_detail", args=[flag.code]) not in html


def test_timeline_queries_stay_bounded_with_many_checks(
    patient_client, patient, area, django_assert_max_num_queries
):
    start = datetime.date(2025, 1, 1)
    for i in range(60):
        signs = ["new_lump"] if i % 2 else ["red_patch", "open_sore"]
        EntryFactory(area=area, date=start + datetime.timedelta(days=i), signs=signs, pain=i % 11)
    assert Concern.objects.open().count() < 10  # one per rule, however many checks
    # One query of these says which entries of the page the reader may edit (editable_entries).
    with django_assert_max_num_queries(7):
        assert patient_client.get(reverse("tracker:timeline")).status_code == 200
    with django_assert_max_num_queries(10):  # 8, plus the latest photo and the chart's checks
        response = patient_client.get(reverse("tracker:area_detail", args=[area.code]))
    assert response.status_code == 200


# --- To raise -----------------------------------------------------------------------------------


def test_to_raise_lists_my_open_concerns_most_urgent_first(
    patient_client, patient, area, entry, urgent_entry, other_patient
):
    AreaFactory(patient=other_patient, name="Someone else's")
    EntryFactory(area=other_patient.areas.get(), signs=["new_lump"], change="new")
    response = patient_client.get(reverse("monitoring:to_raise"))
    assert response.status_code == 200
    concerns = response.context["concerns"]
    assert {c.patient_id for c in concerns} == {patient.pk}
    ranks = [Urgency.rank_of(c.urgency) for c in concerns]
    assert ranks == sorted(ranks, reverse=True) and ranks[0] == 3
    html = response.content.decode()
    assert 'role="alert"' in html and "Someone else" not in html
    # The title fits what it holds: no "at my next visit" above an urgent box.
    assert "To raise with my care team" in html and "next visit</h1>" not in html


def lasting_lump(area, checks=6):
    """A lump logged again every week, 1 mm bigger each time: growth on every check after the
    first, and persistent_change as time passes (the daily command)."""
    from monitoring.flags import evaluation

    start = datetime.date(2026, 1, 5)
    for i in range(checks):
        day = start + datetime.timedelta(days=7 * i)
        with on(day):
            EntryFactory(
                area=area,
                date=day,
                signs=["new_lump"],
                change="new" if i == 0 else "larger",
                size_mm=6 + i,
            )
    with on(start + datetime.timedelta(days=7 * (checks - 1))):
        evaluation.evaluate_time()


def on(day):
    """Save as if on `day` (the rules judge up to today)."""
    return time_machine.travel(datetime.datetime.combine(day, datetime.time(12)), tick=False)


def test_to_raise_shows_one_card_per_concern(patient_client, area):
    lasting_lump(area)
    response = patient_client.get(reverse("monitoring:to_raise"))
    concerns = response.context["concerns"]
    assert sorted(c.rule for c in concerns) == ["growth", "new_lump", "persistent_change"]
    page = text(response)
    # The title, and the hidden text of "Why the app raised this".
    assert page.count("Getting bigger") == 2
    assert "The size went from 6 mm on 5 January 2026 to 11 mm on 9 February 2026." in page
    html = response.content.decode()
    for concern in concerns:
        assert reverse("monitoring:concern_detail", args=[concern.code]) in html


def test_to_raise_most_urgent_first_then_newest(patient_client, patient, area):
    lasting_lump(area, checks=2)
    later = AreaFactory(patient=patient, name="Red patch", site="chest_wall_right")
    with on(datetime.date(2026, 2, 1)):
        EntryFactory(area=later, date=datetime.date(2026, 2, 1), signs=["red_patch", "fever"])
    with on(datetime.date(2026, 2, 2)):
        EntryFactory(area=later, date=datetime.date(2026, 2, 2), signs=["red_patch"], pain=8)
        concerns = patient_client.get(reverse("monitoring:to_raise")).context["concerns"]
    assert [(c.area.name, c.rule, c.urgency) for c in concerns] == [
        ("Red patch", "fever", "urgent"),
        ("Red patch", "new_patch", "soon"),  # last check 2 February
        ("Red patch", "several_areas", "soon"),  # 1 February
        # 12 January; persistence (28 days since 5 January) opened last, so it is newest
        ("Lump under left scar", "persistent_change", "soon"),
        ("Lump under left scar", "growth", "soon"),
        ("Lump under left scar", "new_lump", "soon"),
        ("Red patch", "pain_or_itch", "next_visit"),
    ]


def test_to_raise_queries_stay_bounded(patient_client, area, django_assert_max_num_queries):
    lasting_lump(area, checks=2)
    with django_assert_max_num_queries(5) as few:
        patient_client.get(reverse("monitoring:to_raise"))
    lasting_lump(AreaFactory(patient=area.patient, site="neck"), checks=12)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert patient_client.get(reverse("monitoring:to_raise")).status_code == 200


def test_to_raise_links_say_what_they_open_for_screen_readers(patient_client, area):
    lasting_lump(area)
    html = patient_client.get(reverse("monitoring:to_raise")).content.decode()
    why = re.findall(r"Why the app raised this(.*?)</a>", html)
    assert len(why) == 3 and len(set(why)) == 3  # one per card, each naming its card


def test_to_raise_without_concerns_does_not_reassure(patient_client):
    page = text(patient_client.get(reverse("monitoring:to_raise")))
    assert "all clear" not in page.lower()
    assert "contact your care team" in page


# --- Home: Needs attention, and "I have contacted my care team" -------------------------------


def test_home_needs_attention_most_urgent_first_with_the_phone(
    patient_client, patient, area, entry, urgent_entry
):
    set_phone(patient, "0300 123 4567")
    html = patient_client.get(reverse("tracker:home")).content.decode()
    assert reverse("monitoring:to_raise") in html
    section = html[html.index('id="needs-attention"') :]
    assert section.index('role="alert"') < section.index("can mean an infection")
    assert 'href="tel:03001234567"' in section
    assert section.index("can mean an infection") < section.index("new lump or bump")
    assert "I have contacted my care team" in section


def test_home_needs_attention_is_short(patient_client, patient):
    for n, site in enumerate(["neck", "scalp", "back", "abdomen", "thigh_left", "thigh_right"]):
        area = AreaFactory(patient=patient, site=site, name=f"Area {n}")
        EntryFactory(area=area, signs=["new_lump"], change="new")
    response = patient_client.get(reverse("tracker:home"))
    html = response.content.decode()
    section = html[
        html.index('id="needs-attention"') : html.index(
            "</section>", html.index('id="needs-attention"')
        )
    ]
    assert section.count('class="card mb-2') == 5
    assert "See all the things to raise" in section


def test_contacted_is_recorded_lowers_nothing_and_keeps_the_box(
    patient_client, patient, urgent_entry
):
    response = patient_client.post(reverse("monitoring:contacted"), {"next": "/"})
    assert response.status_code == 302 and response.url == "/"
    urgent = Concern.objects.open().filter(urgency="urgent")
    assert urgent and all(c.contacted_at for c in urgent)
    assert all(c.state == "open" for c in urgent)
    html = patient_client.get(reverse("tracker:home")).content.decode()
    assert 'role="alert"' in html and "You told us you contacted your care team" in html


def test_contacted_only_touches_my_own_concerns(client, other_patient, urgent_entry):
    client.force_login(other_patient)
    client.post(reverse("monitoring:contacted"))
    assert not Concern.objects.filter(contacted_at__isnull=False).exists()


def test_contacted_refuses_get_and_an_outside_next(patient_client, urgent_entry):
    assert patient_client.get(reverse("monitoring:contacted")).status_code == 405
    response = patient_client.post(reverse("monitoring:contacted"), {"next": "https://evil.test/"})
    assert response.url == reverse("tracker:home")


# --- One concern --------------------------------------------------------------------------------


def test_concern_detail_for_the_owner(patient_client, flag):
    response = patient_client.get(reverse("monitoring:concern_detail", args=[flag.code]))
    assert response.status_code == 200
    page = text(response)
    assert "new_lump" in page and "version 2" in page
    assert "a new lump or bump on your left surgery scar" in page
    assert "this check opened it" in page


def test_concern_detail_is_404_for_strangers(stranger_clients, flag):
    for who, client in stranger_clients.items():
        response = client.get(reverse("monitoring:concern_detail", args=[flag.code]))
        assert response.status_code == 404, who


@pytest.mark.parametrize("name", ["to_raise", "concern_detail"])
def test_private_pages_need_login(client, flag, name):
    args = [flag.code] if name == "concern_detail" else []
    response = client.get(reverse(f"monitoring:{name}", args=args))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("name", ["to_raise", "concern_detail", "rules"])
def test_wrong_method_is_refused(patient_client, flag, name):
    args = [flag.code] if name == "concern_detail" else []
    assert patient_client.post(reverse(f"monitoring:{name}", args=args)).status_code == 405


# --- The public rule list -----------------------------------------------------------------------


def test_rule_list_is_public_and_lists_every_rule(client, db):
    response = client.get(reverse("monitoring:rules"))
    assert response.status_code == 200
    page = text(response)
    for rule in CATALOGUE:
        assert rule.code in page
        assert rule.source.split(";")[0] in page
    assert "version 2" in page
    assert "up by 2 mm or more, or by 20% or more" in page
    assert reverse("education:sign_by_code", args=["new_lump"]) in response.content.decode()


@override_settings(MONITORING_THRESHOLDS={"growth_mm": 3, "cream_days": 21})
def test_rule_list_shows_the_configured_thresholds(client, db):
    page = text(client.get(reverse("monitoring:rules")))
    assert "up by 3 mm or more" in page and "for 21 days or more" in page


def test_rule_list_patient_part_reads_at_grade_8(client, db, textstat):  # noqa: F811 (fixture)
    html = client.get(reverse("monitoring:rules")).content.decode()
    part = html[html.index('<div id="rules-for-patients">') : html.index('id="for-clinicians"')]
    part = part.replace('id="rules-for-patients"', 'id="education-content"')
    words = visible_text(part)
    assert "Contact your care team today if:" in words and "{" not in words
    assert "3 days" in words  # the numbers this site uses, filled in
    for code in (rule.code for rule in CATALOGUE if "_" in rule.code):
        assert code not in words  # codes and versions are in the clinicians' part
    assert "version" not in words
    assert textstat.flesch_kincaid_grade(words) <= 8
