from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class MonitoringConfig(AppConfig):
    name = "monitoring"
    verbose_name = "Monitoring"

    def ready(self):
        from monitoring.flags import checks, signals  # noqa: F401 - registers the system check

        post_save.connect(
            signals.entry_saved, sender="tracker.Entry", dispatch_uid="monitoring.entry_saved"
        )
        post_save.connect(
            signals.profile_saved,
            sender="tracker.Profile",
            dispatch_uid="monitoring.profile_saved",
        )
        post_save.connect(
            signals.area_saved, sender="tracker.WatchedArea", dispatch_uid="monitoring.area_saved"
        )
        post_delete.connect(
            signals.entry_deleted,
            sender="tracker.Entry",
            dispatch_uid="monitoring.entry_deleted",
        )

        # Every read of a patient's data by someone else, and every refusal, is written to the
        # access log.
        from monitoring.care import access_log
        from tracker.access import patient_data_accessed

        patient_data_accessed.connect(access_log.record, dispatch_uid="monitoring.access_log")

        # Alerts to clinicians hear of findings only through this event (never the flag model).
        from monitoring.flags.events import finding_raised
        from monitoring.reminders import alerts

        finding_raised.connect(alerts.on_finding_raised, dispatch_uid="monitoring.care_alerts")
