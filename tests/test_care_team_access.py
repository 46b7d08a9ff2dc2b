"""Every view a clinician or caregiver can reach, for every persona: the invited clinician reads,
the uninvited and the revoked clinician and another patient get 404, the caregiver reads but is
refused review and changes, anonymous users go to login, and the wrong method is refused."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from monitoring.care import urls as care_urls
from monitoring.summary import urls as summary_urls
from tests.conftest import client_for
from tests.factories import ConcernFactory, EntryFactory, UserFactory
from tests.photo_helpers import add_photo, storage_fixture  # noqa: F401
from tracker import urls as tracker_urls
from tracker.access import patient_data_accessed
from tracker.models import CareGrant, Photo

# Photos are stored in a fresh in-memory storage for every test of this module.
pytestmark = pytest.mark.usefixtures("storage")

# Every view that shows a clinician or a caregiver part of a patient's record:
# (url name, object it is keyed by ("photo:screen" adds the rendition), method that reads it,
# method that is refused)
READ_VIEWS = [
    ("monitoring:record", "patient", "GET", "POST"),
    ("monitoring:concern_detail", "flag", "GET", "POST"),
    ("monitoring:patient_summary", "patient", "GET", "POST"),
    ("monitoring:patient_summary_pdf", "patient", "GET", "POST"),
    ("tracker:area_detail", "area", "GET", "POST"),
    ("tracker:entry_saved", "entry", "GET", "POST"),
    ("tracker:compare", "area", "GET", "POST"),
    ("tracker:photo_detail", "photo", "GET", "POST"),
    ("tracker:photo_file", "photo:thumb", "GET", "POST"),
    ("tracker:photo_file", "photo:screen", "GET", "POST"),
    ("tracker:photo_file", "photo:full", "GET", "POST"),
]
# Views that change the patient's log: only the patient (and caregivers allowed to log).
WRITE_VIEWS = [
    ("tracker:area_edit", "area", "POST"),
    ("tracker:area_resolve", "area", "POST"),
    ("tracker:area_delete", "area", "POST"),
    ("tracker:entry_create", "area", "POST"),
    ("tracker:entry_edit", "entry", "POST"),
    ("tracker:entry_delete", "entry", "POST"),
    ("tracker:photo_delete", "photo", "POST"),
]


@pytest.fixture
def flag(area, entry):
    return ConcernFactory(latest_entry=entry)


@pytest.fixture
def photo(entry):
    return add_photo(entry)


@pytest.fixture
def objects(patient, area, entry, flag, photo):
    return {"patient": patient, "area": area, "entry": entry, "flag": flag, "photo": photo}


def url_for(name, kind, objects):
    kind, _, rendition = kind.partition(":")
    kwargs = {"code": objects[kind].code}
    if rendition:
        kwargs["rendition"] = rendition
    return reverse(name, kwargs=kwargs)


@pytest.mark.parametrize(("name", "kind", "method", "refused"), READ_VIEWS)
def test_invited_clinician_and_caregiver_can_read(
    name, kind, method, refused, objects, invited_clinician, caregiver
):
    for member in (invited_clinician, caregiver):
        response = client_for(Client(), member).generic(method, url_for(name, kind, objects))
        assert response.status_code == 200, f"{member} {name}"


@pytest.mark.parametrize(("name", "kind", "method", "refused"), READ_VIEWS)
def test_everyone_else_gets_404(name, kind, method, refused, objects, refused_clients):
    for who, client in refused_clients.items():
        response = client.generic(method, url_for(name, kind, objects))
        assert response.status_code == 404, f"{who} {name}"


@pytest.mark.parametrize(("name", "kind", "method", "refused"), READ_VIEWS)
def test_anonymous_is_sent_to_login(name, kind, method, refused, client, objects):
    response = client.get(url_for(name, kind, objects))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize(("name", "kind", "method", "refused"), READ_VIEWS)
def test_wrong_method_is_refused(name, kind, method, refused, objects, invited_clinician):
    client = client_for(Client(), invited_clinician)
    assert client.generic(refused, url_for(name, kind, objects)).status_code == 405


@pytest.mark.parametrize(("name", "kind", "method"), WRITE_VIEWS)
def test_clinicians_and_read_only_caregivers_cannot_change_the_log(
    name, kind, method, objects, invited_clinician, caregiver, area, entry
):
    for member in (invited_clinician, caregiver):
        client = client_for(Client(), member)
        url = url_for(name, kind, objects)
        assert client.get(url).status_code in (404, 405), f"{member} GET {name}"
        assert client.post(url, {"resolved": "1"}).status_code == 404, f"{member} POST {name}"
    area.refresh_from_db()
    entry.refresh_from_db()
    assert area.resolved_at is None
    assert Photo.objects.filter(pk=objects["photo"].pk).exists()


def test_revoking_takes_effect_on_the_very_next_request(patient, area, invited_clinician):
    client = client_for(Client(), invited_clinician)
    url = reverse("tracker:area_detail", kwargs={"code": area.code})
    assert client.get(url).status_code == 200
    CareGrant.objects.filter(member=invited_clinician).update(revoked_at=timezone.now())
    assert client.get(url).status_code == 404
    record = reverse("monitoring:record", kwargs={"code": patient.code})
    assert client.get(record).status_code == 404


@pytest.mark.parametrize(
    ("method", "name", "status"), [("get", "record", 200), ("post", "review", 400)]
)
def test_a_grant_revoked_while_the_record_is_built_never_gives_a_500(
    patient, area, entry, invited_clinician, method, name, status
):
    """The record page (and the review form shown again) look the grant up once
    (tracker.access.get_grant_for_user). Revoked right after that lookup, here by a receiver of
    the access signal it sends, the page still answers from that grant; the next request is a 404.
    It used to look the grant up a second time and fail with a 500."""
    client = client_for(Client(raise_request_exception=False), invited_clinician)
    url = reverse(f"monitoring:{name}", kwargs={"code": patient.code})

    def revoke(sender, **kwargs):
        CareGrant.objects.filter(member=invited_clinician).update(revoked_at=timezone.now())

    patient_data_accessed.connect(revoke, dispatch_uid="test-revoke-mid-request")
    try:
        response = getattr(client, method)(url, {"flag": "not-a-code"} if method == "post" else {})
    finally:
        patient_data_accessed.disconnect(dispatch_uid="test-revoke-mid-request")
    assert response.status_code == status
    assert getattr(client, method)(url).status_code == 404


def test_revoking_through_the_patient_page(patient_client, patient, area, invited_clinician):
    grant = CareGrant.objects.get(member=invited_clinician)
    url = reverse("monitoring:grant_revoke", kwargs={"code": grant.code})
    assert patient_client.get(url).status_code == 200  # the confirmation page
    assert patient_client.post(url).status_code == 302
    grant.refresh_from_db()
    assert grant.revoked_at is not None
    client = client_for(Client(), invited_clinician)
    assert client.get(reverse("tracker:area_detail", kwargs={"code": area.code})).status_code == 404


# --- Caregivers who may log entries ------------------------------------------------------------


@pytest.fixture
def logging_caregiver(patient):
    member = UserFactory(full_name="Lou Helper", email="lou@example.com")
    CareGrant.objects.create(
        patient=patient, member=member, role="caregiver", caregiver_can_log=True
    )
    return member


def entry_data(**extra):
    return {
        "date": timezone.localdate().isoformat(),
        "signs": ["red_patch"],
        "change": "same",
        "pain": 0,
        "itch": 1,
        "treatment": "none",
        **extra,
    }


def test_caregiver_allowed_to_log_adds_and_edits_their_own_entries(
    patient, area, entry, logging_caregiver
):
    client = client_for(Client(), logging_caregiver)
    url = reverse("tracker:entry_create", kwargs={"code": area.code})
    assert client.get(url).status_code == 200
    assert client.post(url, entry_data()).status_code == 302
    theirs = area.entries.get(created_by=logging_caregiver)
    edit = reverse("tracker:entry_edit", kwargs={"code": theirs.code})
    assert client.get(edit).status_code == 200
    # Not the patient's own entries, and never the area itself.
    assert client.get(reverse("tracker:entry_edit", kwargs={"code": entry.code})).status_code == 404
    assert client.get(reverse("tracker:area_edit", kwargs={"code": area.code})).status_code == 404
    record = client.get(reverse("monitoring:record", kwargs={"code": patient.code}))
    assert reverse("tracker:entry_create", kwargs={"code": area.code}).encode() in record.content


def test_edit_links_follow_the_access_rule_not_who_logged_the_entry(
    patient, area, entry, logging_caregiver
):
    """The Edit, Delete and "Add photos" links show for exactly the entries the reader may
    change (tracker.access.editable_entries): a caregiver's own entries while the patient lets
    them log, and none once the patient stops that, although they logged them."""
    theirs = EntryFactory(area=area, created_by=logging_caregiver)
    client = client_for(Client(), logging_caregiver)
    record = reverse("monitoring:record", kwargs={"code": patient.code})
    area_page = reverse("tracker:area_detail", kwargs={"code": area.code})

    def links(url, code):
        """The change links `url` shows for an editable entry (the record has no Delete)."""
        edit = reverse("tracker:entry_edit", kwargs={"code": code})
        if url == record:
            return [f"{edit}#photos"]
        return [edit, f"{edit}#photos", reverse("tracker:entry_delete", kwargs={"code": code})]

    for url in (record, area_page):
        page = client.get(url).content.decode()
        assert all(link in page for link in links(url, theirs.code)), url
        assert not any(link in page for link in links(url, entry.code)), url
    CareGrant.objects.filter(member=logging_caregiver).update(caregiver_can_log=False)
    for url in (record, area_page):
        page = client.get(url).content.decode()
        shown = links(url, theirs.code) + links(url, entry.code)
        assert not any(link in page for link in shown), url
    edit = reverse("tracker:entry_edit", kwargs={"code": theirs.code})
    assert client.get(edit).status_code == 404  # the links agree with the view


def test_caregiver_who_may_not_log_is_refused(area, caregiver):
    client = client_for(Client(), caregiver)
    url = reverse("tracker:entry_create", kwargs={"code": area.code})
    assert client.post(url, entry_data()).status_code == 404
    assert not area.entries.filter(created_by=caregiver).exists()


def test_shared_records_stay_out_of_the_members_own_pages(area, entry, caregiver, patient):
    client = client_for(Client(), caregiver)
    assert area.name.encode() not in client.get(reverse("tracker:home")).content
    assert area.name.encode() not in client.get(reverse("tracker:timeline")).content
    shared = client.get(reverse("monitoring:shared_with_me")).content
    assert reverse("monitoring:record", kwargs={"code": patient.code}).encode() in shared


def test_shared_with_me_lists_only_active_grants(patient, revoked_clinician):
    client = client_for(Client(), revoked_clinician)
    page = client.get(reverse("monitoring:shared_with_me"))
    assert page.status_code == 200
    assert str(patient.code).encode() not in page.content


def test_readers_see_no_controls_to_change_the_log(area, entry, invited_clinician):
    client = client_for(Client(), invited_clinician)
    page = client.get(reverse("tracker:area_detail", kwargs={"code": area.code})).content.decode()
    for name in ("tracker:area_edit", "tracker:area_delete", "tracker:entry_create"):
        assert reverse(name, kwargs={"code": area.code}) not in page
    assert reverse("tracker:entry_edit", kwargs={"code": entry.code}) not in page
    assert reverse("monitoring:record", kwargs={"code": area.patient.code}) in page


# --- Every care-team, summary and question URL is classified (no view slips past the matrix) ---

# The patient's own pages: they show or change only the logged-in person's own sharing, log,
# summary and questions (tests: test_care_team_invitations, test_summary, test_summary_questions).
OWN_PAGES = {
    "sharing",
    "invite",
    "grant_revoke",
    "invitation_revoke",
    "access_log",
    "access_log_day",
    "summary",
    "summary_pdf",
    "questions",
    "question_edit",
    "question_done",
    "question_delete",
}
# The member's own lists (triage: clinicians only; shared_with_me), the review (tests above), and
# the invitation link (by token, kept in the session: test_care_team_invitations).
MEMBER_PAGES = {
    "triage",
    "shared_with_me",
    "review",
    "invitation_open",
    "invitation_current",
}


def test_every_care_and_summary_view_is_in_the_matrix():
    in_matrix = {name.removeprefix("monitoring:") for name, *_ in READ_VIEWS}
    names = {p.name for p in care_urls.urlpatterns + summary_urls.urlpatterns}
    names |= {p.name for p in tracker_urls.tracker_patterns if p.name.startswith("question")}
    unclassified = names - in_matrix - OWN_PAGES - MEMBER_PAGES
    assert not unclassified, f"add these views to the access matrix: {sorted(unclassified)}"


def test_members_never_reach_the_patients_own_pages_by_code(patient, invited_clinician, caregiver):
    """Codes of the patient's grants, invitations and questions open nothing for the members."""
    from monitoring.care import invitations
    from tracker.models import Question

    invitation = invitations.invite(
        patient=patient, email="pending@example.com", role="caregiver", caregiver_can_log=False
    )
    grant = CareGrant.objects.get(member=caregiver)
    question = Question.objects.create(patient=patient, text="Is the scar healing?")
    urls = [
        reverse("monitoring:grant_revoke", kwargs={"code": grant.code}),
        reverse("monitoring:invitation_revoke", kwargs={"code": invitation.code}),
        reverse("tracker:question_edit", kwargs={"code": question.code}),
        reverse("tracker:question_done", kwargs={"code": question.code}),
        reverse("tracker:question_delete", kwargs={"code": question.code}),
    ]
    for member in (invited_clinician, caregiver):
        client = client_for(Client(), member)
        for url in urls:
            assert client.get(url).status_code in (404, 405), f"{member} GET {url}"
            assert client.post(url, {"done": "1"}).status_code == 404, f"{member} POST {url}"
    grant.refresh_from_db()
    question.refresh_from_db()
    invitation.refresh_from_db()
    assert grant.revoked_at is None and question.done_at is None and invitation.revoked_at is None
    # Their own pages show their own (empty) lists, never the patient's.
    page = client_for(Client(), caregiver).get(reverse("tracker:questions")).content.decode()
    assert "Is the scar healing?" not in page
