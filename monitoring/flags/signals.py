"""Connect the patient log to the rules without `tracker` importing `monitoring`.

Connected in `MonitoringConfig.ready()` (monitoring/apps.py). Evaluation after a check is saved
runs synchronously, inside the transaction that saves it (tracker's `save_entry` is atomic): the
check and its concerns are saved together or not at all, and the page shown right after saving
already lists them. A deleted check or a changed area is judged again once the deletion commits
(the area or the account may be on its way out in the same transaction).
"""

from django.db import transaction

from monitoring.flags import evaluation


def entry_saved(sender, instance, raw=False, **kwargs):
    if raw:  # loading fixtures: the data is not complete yet
        return
    evaluation.evaluate_entry(entry=instance)


def profile_saved(sender, instance, raw=False, **kwargs):
    """The history may have changed (e.g. inflammatory cancer now listed): judge every area."""
    if raw:
        return
    evaluation.evaluate_patient(patient_id=instance.user_id)


def area_saved(sender, instance, raw=False, created=False, **kwargs):
    """Marked resolved (or back): its concerns are shown lowered (or not)."""
    if raw or created:
        return
    evaluation.evaluate_patient(patient_id=instance.patient_id)


def entry_deleted(sender, instance, **kwargs):
    from tracker.models import WatchedArea

    patient_id = (
        WatchedArea.objects.filter(pk=instance.area_id).values_list("patient_id", flat=True).first()
    )
    if patient_id is not None:
        transaction.on_commit(lambda: _evaluate_if_present(patient_id))


def _evaluate_if_present(patient_id):
    from tracker.models import User

    if User.objects.filter(pk=patient_id).exists():
        evaluation.evaluate_patient(patient_id=patient_id)
