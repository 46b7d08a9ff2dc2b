# The access log: pseudonyms instead of PROTECT (deleting an account empties the person links, the
# pseudonyms stay), a retention date per row, writes told apart from reads, the administrator
# role, and the database's seal (monitoring/care/log_seal.py) on SQLite and PostgreSQL alike.

from datetime import timedelta

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.db.models import OuterRef, Subquery

from monitoring.care import log_seal

OLD_GUARD = {
    "postgresql": [
        "DROP TRIGGER IF EXISTS monitoring_accesslog_append_only ON monitoring_accesslogentry",
        "DROP FUNCTION IF EXISTS monitoring_accesslog_append_only()",
    ],
    "sqlite": ["DROP TRIGGER IF EXISTS monitoring_accesslog_no_update"],
}


def lift_old_guard(apps, schema_editor):
    for sql in OLD_GUARD.get(schema_editor.connection.vendor, []):
        schema_editor.execute(sql)


def fill(apps, schema_editor):
    Entry = apps.get_model("monitoring", "AccessLogEntry")
    User = apps.get_model("tracker", "User")
    pseudonym = User.objects.filter(pk=OuterRef("actor_id")).values("log_pseudonym")[:1]
    patient = User.objects.filter(pk=OuterRef("patient_id")).values("log_pseudonym")[:1]
    Entry.objects.update(actor_pseudonym=Subquery(pseudonym), patient_pseudonym=Subquery(patient))
    keep = timedelta(days=settings.ACCESS_LOG_RETENTION_DAYS)
    for row in Entry.objects.only("pk", "at").iterator():
        Entry.objects.filter(pk=row.pk).update(keep_until=row.at + keep)


def seal(apps, schema_editor):
    for sql in log_seal.statements(schema_editor.connection.vendor, seal=True):
        schema_editor.execute(sql)


def unseal(apps, schema_editor):
    for sql in log_seal.statements(schema_editor.connection.vendor, seal=False):
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("monitoring", "0010_remove_flag"),
        ("tracker", "0009_security"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(lift_old_guard, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="accesslogentry",
            name="actor",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AlterField(
            model_name="accesslogentry",
            name="patient",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="access_log",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AlterField(
            model_name="accesslogentry",
            name="actor_role",
            field=models.CharField(
                blank=True,
                choices=[
                    ("clinician", "Clinician"),
                    ("caregiver", "Caregiver"),
                    ("administrator", "administrator"),
                ],
                max_length=16,
            ),
        ),
        migrations.AlterField(
            model_name="accesslogentry",
            name="what",
            field=models.CharField(
                choices=[
                    ("timeline", "the timeline"),
                    ("area", "an area"),
                    ("entry", "an entry"),
                    ("flag", "a concern"),
                    ("photo", "a photo"),
                    ("summary", "the summary"),
                    ("export", "an export"),
                    ("patient_list", "the list of their patients"),
                    ("flag_review", "a concern review"),
                    ("profile", "the profile"),
                    ("account", "the account"),
                    ("other", "other"),
                ],
                max_length=16,
            ),
        ),
        migrations.AddField(
            model_name="accesslogentry",
            name="actor_pseudonym",
            field=models.UUIDField(null=True),
        ),
        migrations.AddField(
            model_name="accesslogentry",
            name="patient_pseudonym",
            field=models.UUIDField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="accesslogentry",
            name="wrote",
            field=models.BooleanField(default=False),
        ),
        migrations.AddField(
            model_name="accesslogentry",
            name="keep_until",
            field=models.DateTimeField(null=True),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="accesslogentry",
            name="actor_pseudonym",
            field=models.UUIDField(),
        ),
        migrations.AlterField(
            model_name="accesslogentry",
            name="keep_until",
            field=models.DateTimeField(),
        ),
        migrations.RunPython(seal, unseal),
    ]
