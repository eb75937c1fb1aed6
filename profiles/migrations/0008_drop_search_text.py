# The SQLite search moved to an FTS5 table (search app); the plain-text column goes.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('profiles', '0007_merge_0006_land_scope_0006_municipalities'),
    ]

    operations = [
        migrations.RemoveField(
            model_name='profile',
            name='search_text',
        ),
    ]
