"""The patient's view of the access log: one line per person and day ("looked at 3 checks and
22 photos"), newest first, with that day's rows a tap away. One query per page of groups."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Max, Q
from django.db.models.functions import TruncDate
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from monitoring.models import AccessLogEntry
from tracker.models import User

What = AccessLogEntry.What

# What each kind of row counts as, in the day's sentence.
PHRASES = {
    What.TIMELINE: lambda n: ngettext("your record %(n)s time", "your record %(n)s times", n),
    What.AREA: lambda n: ngettext("%(n)s area", "%(n)s areas", n),
    What.ENTRY: lambda n: ngettext("%(n)s check", "%(n)s checks", n),
    What.PHOTO: lambda n: ngettext("%(n)s photo", "%(n)s photos", n),
    What.FLAG: lambda n: ngettext("%(n)s flag", "%(n)s flags", n),
    What.SUMMARY: lambda n: ngettext("your summary", "your summary %(n)s times", n),
    What.EXPORT: lambda n: ngettext("an export", "%(n)s exports", n),
    What.PATIENT_LIST: lambda n: ngettext(
        "your name in their list of patients",
        "your name in their list of patients %(n)s times",
        n,
    ),
    What.FLAG_REVIEW: lambda n: ngettext("%(n)s flag review", "%(n)s flag reviews", n),
    What.PROFILE: lambda n: ngettext("your profile", "your profile %(n)s times", n),
    What.ACCOUNT: lambda n: ngettext("your account", "your account %(n)s times", n),
    What.OTHER: lambda n: ngettext("%(n)s other page", "%(n)s other pages", n),
}


@dataclass(frozen=True)
class DayOfReads:
    day: date
    who: str
    role: str
    pseudonym: str
    sentence: str
    refused: int
    wrote: int


def groups(patient):
    """A queryset of (person, day) groups for `patient`, newest first (paginate it)."""
    counts = {f"n_{what}": Count("pk", filter=Q(what=what, allowed=True)) for what in What.values}
    return (
        AccessLogEntry.objects.filter(patient=patient)
        .annotate(day=TruncDate("at"))
        .values("day", "actor_pseudonym")
        .annotate(
            **counts,
            refused=Count("pk", filter=Q(allowed=False)),
            wrote=Count("pk", filter=Q(wrote=True, allowed=True)),
            last=Max("at"),
            actor_id=Max("actor_id"),
            role=Max("actor_role"),
        )
        .order_by("-day", "-last")
    )


def describe(rows) -> list[DayOfReads]:
    """Sentences for one page of `groups`, naming each person (one query for their names)."""
    people = User.objects.in_bulk({row["actor_id"] for row in rows if row["actor_id"]})
    result = []
    for row in rows:
        person = people.get(row["actor_id"])
        parts = [
            PHRASES[what](row[f"n_{what}"]) % {"n": row[f"n_{what}"]}
            for what in What.values
            if row[f"n_{what}"]
        ]
        sentence = _("looked at %(things)s") % {"things": _join(parts)} if parts else ""
        who = str(person) if person else _("A deleted account")
        if person and person.organisation and row["role"] == "clinician":
            who = f"{who} ({person.organisation})"
        result.append(
            DayOfReads(
                day=row["day"],
                who=who,
                role=row["role"],
                pseudonym=str(row["actor_pseudonym"]),
                sentence=sentence,
                refused=row["refused"],
                wrote=row["wrote"],
            )
        )
    return result


def _join(parts):
    if len(parts) == 1:
        return parts[0]
    return _("%(first)s and %(last)s") % {"first": ", ".join(parts[:-1]), "last": parts[-1]}


def rows_of(patient, *, pseudonym, day):
    """The rows behind one group: one person's reads of `patient`'s record on `day`."""
    return (
        AccessLogEntry.objects.filter(patient=patient, actor_pseudonym=pseudonym)
        .annotate(day=TruncDate("at"))
        .filter(day=day)
        .order_by("-at", "-pk")
    )
