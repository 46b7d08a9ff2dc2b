# CareGrant moves from monitoring to tracker (tracker's access helpers read grants, and tracker never
# imports monitoring). State only: the table keeps its name (monitoring_caregrant), its columns,
# constraints and indexes; no data changes. monitoring 0006 removes the model from its own state.

import uuid

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("tracker", "0003_question"),
        ("monitoring", "0005_next_visit_label"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="CareGrant",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("code", models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                        (
                            "role",
                            models.CharField(
                                choices=[("clinician", "Clinician"), ("caregiver", "Caregiver")],
                                max_length=16,
                                verbose_name="role",
                            ),
                        ),
                        (
                            "caregiver_can_log",
                            models.BooleanField(default=False, verbose_name="may log entries"),
                        ),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("revoked_at", models.DateTimeField(blank=True, null=True)),
                        (
                            "member",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="granted_records",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "patient",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="care_grants",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "db_table": "monitoring_caregrant",
                        "ordering": ["-created_at"],
                        "indexes": [
                            models.Index(
                                condition=models.Q(("revoked_at__isnull", True)),
                                fields=["member", "patient"],
                                name="caregrant_active_member_idx",
                            )
                        ],
                        "constraints": [
                            models.UniqueConstraint(
                                condition=models.Q(("revoked_at__isnull", True)),
                                fields=("patient", "member"),
                                name="caregrant_one_active_per_member",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(
                                    ("role", "caregiver"),
                                    ("caregiver_can_log", False),
                                    _connector="OR",
                                ),
                                name="caregrant_only_caregivers_log",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(("patient", models.F("member")), _negated=True),
                                name="caregrant_not_to_self",
                            ),
                        ],
                    },
                ),
            ],
        ),
    ]
