"""The invitation link holds its token in the #fragment: the browser never sends it in any
request (so no server access log can hold it), and the invitation still opens and is accepted."""

from django.core import mail

from monitoring.care import invitations
from tests.browser.conftest import log_in
from tests.factories import UserFactory
from tests.tasks_helpers import run_tasks
from tracker.models import CareGrant


def test_the_token_never_leaves_the_browser_in_a_url(phone, transactional_db):
    page = phone
    patient = UserFactory(full_name="Pat Patient", email="pat@example.com")
    helper = UserFactory(full_name="Helen Helper", email="helen@example.com")
    invitations.invite(
        patient=patient, email=helper.email, role="caregiver", caregiver_can_log=False
    )
    run_tasks()  # the worker sends it
    body = mail.outbox[-1].body
    link = next(word for word in body.split() if "/invitations/open/#" in word)
    token = link.split("#", 1)[1]
    assert token not in link.split("#", 1)[0]

    seen = []
    page.on("request", lambda request: seen.append(request.url))
    log_in(page, helper.email)
    page.goto(page.base + link[link.index("/invitations/") :])
    page.wait_for_url("**/invitations/current/")
    assert page.get_by_role("heading", name="Pat Patient invited you").is_visible()
    page.get_by_role("button", name="Accept the invitation").click()
    page.wait_for_url("**/care/patients/**")
    assert CareGrant.objects.filter(patient=patient, member=helper).exists()
    # Every address the browser asked for (what an access log records) is free of the token; it
    # travelled only in the body of one POST.
    assert any(url.endswith("/invitations/open/") for url in seen)
    assert not any(token in url for url in seen)
