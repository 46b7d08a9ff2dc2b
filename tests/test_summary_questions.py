"""The patient's questions for the visit: add, edit, tick off, delete; only the patient."""

import pytest
from django.urls import reverse

from tracker.models import MAX_QUESTION, Question

QUESTIONS = reverse("tracker:questions")


@pytest.fixture
def question(patient):
    return Question.objects.create(patient=patient, text="Is the cream still needed?")


def urls(question):
    return {
        name: reverse(f"tracker:question_{name}", kwargs={"code": question.code})
        for name in ("edit", "done", "delete")
    }


def test_list_and_add(patient_client, patient, question):
    response = patient_client.get(QUESTIONS)
    assert response.status_code == 200
    assert "Is the cream still needed?" in response.content.decode()
    response = patient_client.post(QUESTIONS, {"text": "  Why is it itchy?  "})
    assert response.status_code == 302
    assert Question.objects.filter(patient=patient, text="Why is it itchy?").exists()


@pytest.mark.parametrize(
    "text, message",
    [("   ", "Please type your question."), ("x" * (MAX_QUESTION + 1), "at most 300")],
)
def test_add_refuses_empty_or_long(patient_client, patient, text, message):
    response = patient_client.post(QUESTIONS, {"text": text})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Question.objects.filter(patient=patient).exists()


def test_edit(patient_client, question):
    url = urls(question)["edit"]
    assert patient_client.get(url).status_code == 200
    assert patient_client.post(url, {"text": "Is the cream needed?"}).status_code == 302
    question.refresh_from_db()
    assert question.text == "Is the cream needed?"


def test_tick_off_and_back(patient_client, patient, question):
    url = urls(question)["done"]
    assert patient_client.post(url, {"done": "1"}).status_code == 302
    question.refresh_from_db()
    assert question.done_at is not None
    assert list(Question.objects.filter(patient=patient).open()) == []
    patient_client.post(url, {"done": "0"})
    question.refresh_from_db()
    assert question.done_at is None


def test_delete(patient_client, question):
    url = urls(question)["delete"]
    assert patient_client.get(url).status_code == 200
    assert patient_client.post(url).status_code == 302
    assert not Question.objects.filter(pk=question.pk).exists()


def test_question_text_is_escaped(patient_client, patient):
    Question.objects.create(patient=patient, text='<img src="http://169.254.169.254/">')
    html = patient_client.get(QUESTIONS).content.decode()
    assert '<img src="http://169.254.169.254/">' not in html
    assert "&lt;img src=&quot;http://169.254.169.254/&quot;&gt;" in html


def test_strangers_get_404_and_change_nothing(stranger_clients, question):
    for who, client in stranger_clients.items():
        for name, url in urls(question).items():
            assert client.get(url).status_code in (404, 405), (who, name)
            assert client.post(url, {"text": "hacked", "done": "1"}).status_code == 404, (who, name)
        assert "Is the cream still needed?" not in client.get(QUESTIONS).content.decode()
    question.refresh_from_db()
    assert question.text == "Is the cream still needed?" and question.done_at is None


def test_invited_clinician_cannot_change_questions(client, patient, question):
    from tests.conftest import client_for
    from tests.factories import ClinicianFactory
    from tracker.models import CareGrant

    member = ClinicianFactory()
    CareGrant.objects.create(patient=patient, member=member, role="clinician")
    client = client_for(client, member)
    for url in urls(question).values():
        assert client.post(url, {"text": "changed", "done": "1"}).status_code == 404
    question.refresh_from_db()
    assert question.text == "Is the cream still needed?"


def test_anonymous_is_sent_to_login(client, question):
    for url in [QUESTIONS, *urls(question).values()]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_wrong_method(patient_client, question):
    assert patient_client.get(urls(question)["done"]).status_code == 405
    assert patient_client.put(QUESTIONS).status_code == 405
    assert patient_client.delete(urls(question)["delete"]).status_code == 405
