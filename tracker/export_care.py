"""What the care team did with a patient's record, as the export writes it: each concern a check
opened, updated or raised, with its outcome and the name of the clinician who reviewed it, and
the patient's own access log (who looked, when, at what kind of thing).

Read through the related names only (``entry.concern_checks``, ``patient.access_log``), as the
timelines do, so ``tracker`` imports nothing of ``monitoring``.
"""

CONCERN_FIELDS = ["rule", "rule_version", "urgency", "raised_urgency", "state", "opened_at"]
CONCERN_FIELDS += ["reason", "outcome", "note_to_patient", "reviewed_at", "contacted_at"]
CONCERN_FIELDS += ["withdrawn_at", "withdrawn_reason"]
# Prefetch lookups for the entries the export reads.
ENTRY_PREFETCH = ["concern_checks__concern__reviewed_by"]
ACCESS_LOG_FIELDS = ["at", "who", "role", "organisation", "what", "allowed"]


def concerns_of(entry):
    """The concerns this check opened, updated or raised, with what the care team decided."""
    return [
        {
            "concern": str(link.concern.code),
            "this_check": link.action,
            **{field: getattr(link.concern, field) for field in CONCERN_FIELDS},
            "reviewed_by": link.concern.reviewed_by.full_name if link.concern.reviewed_by else None,
        }
        for link in entry.concern_checks.all()
    ]


def access_log(patient):
    """Every read of this patient's record by someone else, and every refused attempt, oldest
    first. Only this patient's rows; no paths or codes (they could name another record)."""
    rows = patient.access_log.select_related("actor").order_by("at", "pk")
    for row in rows.iterator(chunk_size=500):
        yield {
            "at": row.at,
            "who": row.actor.full_name,
            "role": str(row.get_actor_role_display()) if row.actor_role else "",
            "organisation": row.actor.organisation,
            "what": str(row.get_what_display()),
            "allowed": row.allowed,
        }
