"""What the care team did with a patient's record, as the export writes it: each flag with its
outcome and the name of the clinician who reviewed it, and the patient's own access log (who
looked, when, at what kind of thing).

Read through the related names only (``entry.flags``, ``patient.access_log``), as the timelines
do, so ``tracker`` imports nothing of ``monitoring``. When flags become concerns (issue 12), this
module is the one to change.
"""

FLAG_FIELDS = ["rule", "rule_version", "urgency", "state", "raised_at", "reason", "outcome"]
FLAG_FIELDS += ["note_to_patient", "reviewed_at"]
# Prefetch lookups for the entries the export reads.
ENTRY_PREFETCH = ["flags", "flags__reviewed_by"]
ACCESS_LOG_FIELDS = ["at", "who", "role", "organisation", "what", "allowed"]


def flags_of(entry):
    return [
        {
            **{field: getattr(flag, field) for field in FLAG_FIELDS},
            "reviewed_by": flag.reviewed_by.full_name if flag.reviewed_by else None,
        }
        for flag in entry.flags.all()
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
