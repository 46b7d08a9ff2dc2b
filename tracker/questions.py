"""The patient's questions for their next visit: add, tick off (or back on), in plain functions."""

from django.utils import timezone

from tracker.models import Question


def add_question(*, patient, text):
    return Question.objects.create(patient=patient, text=text)


def set_done(*, question, done):
    question.done_at = timezone.now() if done else None
    question.save(update_fields=["done_at"])
    return question
