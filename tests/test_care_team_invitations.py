"""Invitations: the patient invites by email, the link works once, for that address only, until it
expires; clinician invitations need an account an administrator marked as a clinician."""

import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from monitoring.care import invitations
from monitoring.models import Invitation, hash_token
from tests.conftest import client_for
from tests.factories import PASSWORD, ClinicianFactory, UserFactory
from tests.tasks_helpers import run_tasks
from tests.test_accounts import confirm_from_email
from tracker.models import CareGrant


@pytest.fixture
def send_link(patient_client, django_capture_on_commit_callbacks):
    """Invite `email` as the patient; returns the token from the link in the email."""

    def _send(email, role="caregiver", can_log=False):
        data = {"email": email, "role": role}
        if can_log:
            data["caregiver_can_log"] = "on"
        sent_before = len(mail.outbox)
        with django_capture_on_commit_callbacks(execute=True):
            response = patient_client.post(reverse("monitoring:invite"), data)
        assert response.status_code == 302, response.content.decode()[-2000:]
        assert len(mail.outbox) == sent_before  # not in the request: the worker sends it
        run_tasks()
        return re.search(r"http://\S+/invitations/open/#(\S+)", mail.outbox[-1].body).group(1)

    return _send


CURRENT = "/invitations/current/"


def opened(client, token):
    """What the browser does with the emailed link: post the #fragment's token, once stored in
    the session the invitation's page has a token-less address."""
    response = client.post(reverse("monitoring:invitation_open"), {"token": token})
    assert response.status_code in (302, 404)
    return CURRENT


def accept_as(user, token):
    client = client_for(Client(), user)
    return client.post(opened(client, token))


def test_invite_sends_a_single_use_link_and_stores_only_a_hash(patient, send_link):
    token = send_link("Helper@Example.com", can_log=True)
    invitation = Invitation.objects.get()
    assert invitation.email == "helper@example.com"
    assert invitation.caregiver_can_log
    assert invitation.token_hash == hash_token(token) != token
    assert token not in str(Invitation.objects.values().get())
    assert mail.outbox[-1].to == ["helper@example.com"]
    lifetime = invitation.expires_at - invitation.created_at
    assert abs(lifetime - datetime.timedelta(days=7)) < datetime.timedelta(seconds=5)


def test_invitation_days_is_configurable(settings, send_link):
    settings.INVITATION_DAYS = 2
    send_link("helper@example.com")
    invitation = Invitation.objects.get()
    lifetime = invitation.expires_at - invitation.created_at
    assert abs(lifetime - datetime.timedelta(days=2)) < datetime.timedelta(seconds=5)


def test_clinician_invitations_never_allow_logging(send_link):
    send_link("dr@example.com", role="clinician", can_log=True)
    assert not Invitation.objects.get().caregiver_can_log


def test_cannot_invite_yourself(patient_client, patient):
    response = patient_client.post(
        reverse("monitoring:invite"), {"email": patient.email.upper(), "role": "caregiver"}
    )
    assert response.status_code == 200
    assert not Invitation.objects.exists()


def test_caregiver_accepts_with_matching_email(patient, send_link, area):
    token = send_link("helper@example.com", can_log=True)
    helper = UserFactory(email="helper@example.com")
    client = client_for(Client(), helper)
    assert client.get(opened(client, token)).status_code == 200
    response = client.post(opened(client, token))
    assert response.status_code == 302
    grant = CareGrant.objects.get(patient=patient, member=helper)
    assert grant.role == "caregiver" and grant.caregiver_can_log
    assert client.get(reverse("tracker:area_detail", kwargs={"code": area.code})).status_code == 200


def test_anonymous_visitor_logs_in_and_comes_back(patient, send_link):
    token = send_link("helper@example.com")
    UserFactory(email="helper@example.com")
    client = Client()
    page = client.get(opened(client, token))
    assert page.status_code == 200
    assert f"next={CURRENT}".encode() in page.content
    response = client.post(
        f"{reverse('login')}?next={CURRENT}",
        {"username": "HELPER@example.com", "password": PASSWORD},
    )
    assert response.status_code == 302 and response.url == CURRENT
    assert client.post(opened(client, token)).status_code == 302
    assert CareGrant.objects.filter(patient=patient).exists()


def test_new_person_signs_up_and_comes_back(patient, send_link):
    token = send_link("new.helper@example.com")
    client = Client()
    response = client.post(
        f"{reverse('signup')}?next={opened(client, token)}",
        {
            "full_name": "New Helper",
            "email": "new.helper@example.com",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert response.status_code == 302
    response = confirm_from_email(client, mail.outbox[-1])
    assert response.status_code == 302 and response.url == CURRENT
    assert client.post(opened(client, token)).status_code == 302
    assert CareGrant.objects.filter(patient=patient, member__email="new.helper@example.com")


def test_signup_ignores_a_next_to_another_site(db):
    client = Client()
    response = client.post(
        f"{reverse('signup')}?next=https://evil.example.com/",
        {
            "full_name": "Someone",
            "email": "someone@example.com",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert response.status_code == 302 and "evil" not in response.url
    response = confirm_from_email(client, mail.outbox[-1])
    assert response.status_code == 302 and "evil" not in response.url


def test_wrong_account_is_refused(patient, send_link):
    token = send_link("helper@example.com")
    other = UserFactory(email="someone.else@example.com")
    client = client_for(Client(), other)
    page = client.get(opened(client, token))
    assert b"different email address" in page.content
    assert client.post(opened(client, token)).status_code == 409
    assert not CareGrant.objects.exists()
    assert Invitation.objects.get().accepted_at is None


def test_used_twice_is_refused(patient, send_link):
    token = send_link("helper@example.com")
    helper = UserFactory(email="helper@example.com")
    client = client_for(Client(), helper)
    assert client.post(opened(client, token)).status_code == 302
    # Revoke, then try the same link again: it must not bring access back.
    CareGrant.objects.update(revoked_at=timezone.now())
    response = client.post(opened(client, token))
    assert response.status_code == 409
    assert b"already been used" in response.content
    assert not CareGrant.objects.active().exists()


def test_expired_is_refused(patient, send_link):
    token = send_link("helper@example.com")
    helper = UserFactory(email="helper@example.com")
    with time_machine.travel(timezone.now() + datetime.timedelta(days=7, seconds=1)):
        response = accept_as(helper, token)
    assert response.status_code == 409
    assert b"expired" in response.content
    assert not CareGrant.objects.exists()


def test_still_valid_just_before_expiry(patient, send_link):
    token = send_link("helper@example.com")
    helper = UserFactory(email="helper@example.com")
    with time_machine.travel(timezone.now() + datetime.timedelta(days=6, hours=23)):
        assert accept_as(helper, token).status_code == 302


def test_revoked_invitation_is_refused(patient, patient_client, send_link):
    token = send_link("helper@example.com")
    invitation = Invitation.objects.get()
    url = reverse("monitoring:invitation_revoke", kwargs={"code": invitation.code})
    assert patient_client.get(url).status_code == 200
    assert patient_client.post(url).status_code == 302
    helper = UserFactory(email="helper@example.com")
    response = accept_as(helper, token)
    assert response.status_code == 409
    assert b"cancelled" in response.content
    assert not CareGrant.objects.exists()


def test_a_new_invitation_replaces_the_pending_one(patient, send_link):
    first = send_link("helper@example.com")
    second = send_link("helper@example.com")
    helper = UserFactory(email="helper@example.com")
    client = client_for(Client(), helper)
    assert client.post(opened(client, first)).status_code == 409
    assert client.post(opened(client, second)).status_code == 302


@pytest.mark.parametrize("token", ["x" * 43, "guess", "a" * 99, "short-1"])
def test_unknown_or_guessed_token_gets_the_same_404(patient, send_link, token, client):
    send_link("helper@example.com")
    response = client.get(opened(client, token))
    assert response.status_code == 404
    assert b"does not match any invitation" in response.content
    helper = UserFactory(email="helper@example.com")
    assert accept_as(helper, token).status_code == 404
    assert not CareGrant.objects.exists()


def test_the_stored_hash_is_not_a_working_link(patient, send_link):
    send_link("helper@example.com")
    stored = Invitation.objects.get().token_hash
    helper = UserFactory(email="helper@example.com")
    assert accept_as(helper, stored).status_code == 404


def test_clinician_invitation_needs_a_clinician_account(patient, send_link):
    token = send_link("dr.new@example.com", role="clinician")
    not_marked = UserFactory(email="dr.new@example.com")
    client = client_for(Client(), not_marked)
    response = client.post(opened(client, token))
    assert response.status_code == 409
    assert b"administrator" in response.content
    assert not CareGrant.objects.exists()
    # Once an administrator marks the account, the same link works.
    not_marked.is_clinician = True
    not_marked.save()
    assert client.post(opened(client, token)).status_code == 302
    assert CareGrant.objects.get().role == "clinician"


def test_clinician_accepts_and_sees_the_patient_in_triage(patient, send_link):
    token = send_link("dr.new@example.com", role="clinician")
    doctor = ClinicianFactory(email="dr.new@example.com")
    client = client_for(Client(), doctor)
    assert client.post(opened(client, token)).status_code == 302
    assert patient.full_name.encode() in client.get(reverse("monitoring:triage")).content


def test_patient_cannot_accept_their_own_invitation(patient, patient_client, send_link):
    token = send_link("helper@example.com")
    assert patient_client.post(opened(patient_client, token)).status_code == 409
    assert not CareGrant.objects.exists()


def test_accepting_again_updates_the_grant_instead_of_duplicating(patient, send_link):
    helper = UserFactory(email="helper@example.com")
    client = client_for(Client(), helper)
    client.post(opened(client, send_link("helper@example.com")))
    client.post(opened(client, send_link("helper@example.com", can_log=True)))
    grant = CareGrant.objects.active().get()
    assert grant.caregiver_can_log


def test_sharing_page_lists_grants_and_pending_invitations(
    patient_client, invited_clinician, send_link
):
    send_link("pending@example.com")
    page = patient_client.get(reverse("monitoring:sharing")).content.decode()
    assert invited_clinician.full_name in page
    assert "pending@example.com" in page


def test_patients_cannot_touch_each_others_sharing(patient, other_patient, invited_clinician):
    grant = CareGrant.objects.get()
    client = client_for(Client(), other_patient)
    url = reverse("monitoring:grant_revoke", kwargs={"code": grant.code})
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    grant.refresh_from_db()
    assert grant.is_active


@pytest.mark.parametrize(
    ("name", "refused"),
    [
        ("monitoring:sharing", "POST"),
        ("monitoring:invite", "PUT"),
        ("monitoring:access_log", "POST"),
        ("monitoring:shared_with_me", "POST"),
        ("monitoring:triage", "POST"),
    ],
)
def test_own_pages_need_login_and_refuse_wrong_method(name, refused, patient_client):
    response = Client().get(reverse(name))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
    assert patient_client.generic(refused, reverse(name)).status_code == 405


def test_triage_is_for_clinicians_only(patient_client, caregiver):
    assert patient_client.get(reverse("monitoring:triage")).status_code == 404
    assert client_for(Client(), caregiver).get(reverse("monitoring:triage")).status_code == 404


def test_problem_codes_are_checked_in_order(patient):
    invitation = Invitation(
        patient=patient,
        email="a@example.com",
        role="caregiver",
        token_hash="x",
        expires_at=timezone.now() - datetime.timedelta(days=1),
        revoked_at=timezone.now(),
    )
    someone = UserFactory.build(email="b@example.com")
    assert invitations.problem_with(invitation, user=someone) == invitations.REVOKED
