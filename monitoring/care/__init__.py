"""Care team: invitations, sharing pages, clinician triage, record and review, the access log."""
