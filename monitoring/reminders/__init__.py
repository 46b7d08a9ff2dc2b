"""Reminders and alerts: the patient's rhythm, watch plans, clinicians' alerts, mail and the
worker's schedule."""
