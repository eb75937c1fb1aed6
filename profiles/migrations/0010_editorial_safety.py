"""Withdrawal marker (410 only for content once public), import uploads in the
database, and authors' change proposals.

The backfill marks content as withdrawn only where the history shows it was
published before; anything else now answers 404 (the public never saw it).
Self-contained: no application code is imported.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


PUBLISHED = "veroeffentlicht"


def mark_withdrawn(apps, schema_editor):
    from django.utils import timezone

    ContentType = apps.get_model("contenttypes", "ContentType")
    Version = apps.get_model("reversion", "Version")
    now = timezone.now()
    for model_name in ("profile", "practiceexample"):
        model = apps.get_model("profiles", model_name)
        content_type = ContentType.objects.filter(app_label="profiles", model=model_name).first()
        if content_type is None:
            continue
        candidates = model.objects.exclude(status=PUBLISHED).filter(published_at__lte=now)
        for obj in candidates.only("pk", "updated"):
            was_published = Version.objects.filter(
                content_type=content_type,
                object_id=str(obj.pk),
                serialized_data__contains=f'"status": "{PUBLISHED}"',
            ).exists()
            if was_published:
                model.objects.filter(pk=obj.pk).update(withdrawn_at=obj.updated)


class Migration(migrations.Migration):

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('profiles', '0009_compare_index'),
        ('reversion', '0002_add_index_on_version_for_content_type_and_db'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='practiceexample',
            name='withdrawn_at',
            field=models.DateTimeField(editable=False, null=True, verbose_name='zurückgezogen am'),
        ),
        migrations.AddField(
            model_name='profile',
            name='withdrawn_at',
            field=models.DateTimeField(editable=False, null=True, verbose_name='zurückgezogen am'),
        ),
        migrations.CreateModel(
            name='ChangeProposal',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('object_id', models.PositiveBigIntegerField()),
                ('object_repr', models.CharField(max_length=200, verbose_name='Eintrag')),
                ('created', models.DateTimeField(auto_now_add=True, verbose_name='vorgeschlagen am')),
                ('base_updated', models.DateTimeField(null=True, verbose_name='Stand des Eintrags beim Vorschlag')),
                ('row', models.JSONField(verbose_name='vorgeschlagener Inhalt')),
                ('status', models.CharField(choices=[('offen', 'offen'), ('uebernommen', 'übernommen'), ('abgelehnt', 'abgelehnt')], db_index=True, default='offen', max_length=20, verbose_name='Stand')),
                ('decided_at', models.DateTimeField(blank=True, null=True, verbose_name='entschieden am')),
                ('author', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='vorgeschlagen von')),
                ('content_type', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='contenttypes.contenttype', verbose_name='Art')),
                ('decided_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='entschieden von')),
            ],
            options={
                'verbose_name': 'Änderungsvorschlag',
                'verbose_name_plural': 'Änderungsvorschläge',
                'ordering': ['-created'],
                'default_permissions': ('view', 'change'),
            },
        ),
        migrations.CreateModel(
            name='ImportUpload',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=64, unique=True)),
                ('data', models.BinaryField()),
                ('created', models.DateTimeField(auto_now_add=True, db_index=True)),
                ('user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.CASCADE, to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'hochgeladene Importdatei',
                'verbose_name_plural': 'hochgeladene Importdateien',
                'default_permissions': (),
            },
        ),
        migrations.RunPython(mark_withdrawn, migrations.RunPython.noop),
    ]
