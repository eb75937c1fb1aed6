# The SQLite search moved to an FTS5 table (search app); the plain-text column goes.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('profiles', '0012_finder_facts'),
    ]

    operations = [
        migrations.RemoveField(
            model_name='profile',
            name='search_text',
        ),
    ]
