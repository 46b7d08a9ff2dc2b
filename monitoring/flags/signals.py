"""Connect the patient log to the rules without `tracker` importing `monitoring`.

Connected in `MonitoringConfig.ready()` (monitoring/apps.py). Evaluation runs synchronously,
inside the transaction that saves the entry (tracker's `save_entry` is atomic): the entry and its
flags are saved together or not at all, and the page shown right after saving already lists the
findings. An `on_commit` hook would leave a window where an entry has no flags yet, and a crash in
it would lose the flags silently.
"""

from monitoring.flags import evaluation


def entry_saved(sender, instance, raw=False, **kwargs):
    if raw:  # loading fixtures: the data is not complete yet
        return
    evaluation.evaluate_entry(entry=instance)


def profile_saved(sender, instance, raw=False, **kwargs):
    """The history may have changed (e.g. inflammatory cancer now listed): judge every area."""
    if raw:
        return
    evaluation.evaluate_patient(patient=instance.user)
