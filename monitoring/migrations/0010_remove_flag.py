"""The flags are concerns now (0008): the Flag table goes."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("monitoring", "0009_flags_to_concerns"),
    ]

    operations = [
        migrations.DeleteModel(name="Flag"),
    ]
