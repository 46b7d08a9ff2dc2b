# CareGrant now lives in tracker (tracker 0004 adds it to tracker's state with the same table).
# State only: the table monitoring_caregrant, its rows, constraints and indexes stay as they are.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("monitoring", "0005_next_visit_label"),
        ("tracker", "0004_caregrant_moved_from_monitoring"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[migrations.DeleteModel(name="CareGrant")],
        ),
    ]
