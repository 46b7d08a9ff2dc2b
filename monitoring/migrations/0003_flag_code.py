"""Give each flag a public UUID code (URLs never show integer ids).

Three steps so that rows raised before this migration each get their own code.
"""

import uuid

from django.db import migrations, models


def fill_codes(apps, schema_editor):
    Flag = apps.get_model("monitoring", "Flag")
    for flag in Flag.objects.filter(code__isnull=True).only("pk"):
        flag.code = uuid.uuid4()
        flag.save(update_fields=["code"])


class Migration(migrations.Migration):
    dependencies = [
        ("monitoring", "0002_care_team"),
    ]

    operations = [
        migrations.AddField(
            model_name="flag",
            name="code",
            field=models.UUIDField(null=True, editable=False),
        ),
        migrations.RunPython(fill_codes, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="flag",
            name="code",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
    ]
