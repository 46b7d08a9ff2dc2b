"""Questions the patient wants to ask at their next visit."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from tracker.models.accounts import User

MAX_QUESTION = 300


class QuestionQuerySet(models.QuerySet):
    def owned_by(self, user):
        return self.filter(patient=user)

    def open(self):
        return self.filter(done_at__isnull=True)


class Question(models.Model):
    """A question the patient wants to ask at their next visit; open ones print on the summary."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    patient = models.ForeignKey(User, on_delete=models.CASCADE, related_name="questions")
    text = models.CharField(_("your question"), max_length=MAX_QUESTION)
    created_at = models.DateTimeField(auto_now_add=True)
    # Ticked off (answered or no longer needed): kept, but no longer printed.
    done_at = models.DateTimeField(null=True, blank=True)

    objects = QuestionQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [
            # The summary and the questions page: one patient's questions, oldest first.
            models.Index(fields=["patient", "created_at"], name="question_patient_idx"),
        ]

    def __str__(self):
        return f"Question {self.code}"
