import re
import uuid

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import tracker.security.validators


def give_pseudonyms(apps, schema_editor):
    User = apps.get_model("tracker", "User")
    for user in User.objects.filter(log_pseudonym__isnull=True).only("pk").iterator():
        User.objects.filter(pk=user.pk).update(log_pseudonym=uuid.uuid4())


def names_on_one_line(apps, schema_editor):
    """Names go into email subjects: any line break in one becomes a space."""
    User = apps.get_model("tracker", "User")
    breaks = re.compile(r"[\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]+")
    for user in User.objects.filter(full_name__regex=r"[\r\n]").only("pk", "full_name"):
        User.objects.filter(pk=user.pk).update(full_name=breaks.sub(" ", user.full_name))


class Migration(migrations.Migration):
    dependencies = [
        ("tracker", "0008_photo_measurement"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="log_pseudonym",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.RunPython(give_pseudonyms, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="user",
            name="log_pseudonym",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
        migrations.RunPython(names_on_one_line, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="user",
            name="full_name",
            field=models.CharField(
                max_length=150,
                validators=[tracker.security.validators.single_line],
                verbose_name="your name",
            ),
        ),
        migrations.CreateModel(
            name='LoginSession',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('session_key', models.CharField(max_length=40, unique=True)),
                ('user_agent', models.CharField(blank=True, max_length=200)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('last_seen', models.DateTimeField()),
                ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='login_sessions', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['-last_seen'],
                'indexes': [models.Index(fields=['user', '-last_seen'], name='loginsession_user_idx')],
            },
        ),
    ]
