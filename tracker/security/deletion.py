"""Deleting an account: everything the person stored goes, their photo files after the commit;
the access log keeps its rows under the person's pseudonym (monitoring's AccessLogEntry)."""

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.db import transaction

from tracker.models import StagedPhoto, User
from tracker.photos import delete_files_after_commit


def delete_account(*, user: User) -> None:
    """Delete `user` and, by CASCADE from the user, all their health data. Photo files go once
    the deletion has committed (Photo's post_delete receiver; kept photos here)."""
    with transaction.atomic():
        staged = StagedPhoto.objects.filter(owner=user)
        delete_files_after_commit(name for kept in staged for name in kept.file_names)
        # django-axes keeps login attempts by the typed email: personal data too.
        for model in (AccessAttempt, AccessFailureLog, AccessLog):
            model.objects.filter(username__iexact=user.email).delete()
        user.delete()
