from django.db import migrations

from dugnad.core.migration_ops import postgres_extension

AGE_GROUPS = ["children", "youth", "young_adults", "adults", "elderly"]


def create_age_groups(apps, schema_editor):
    AgeGroup = apps.get_model("core", "AgeGroup")
    for position, code in enumerate(AGE_GROUPS):
        AgeGroup.objects.update_or_create(code=code, defaults={"position": position})


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [
        postgres_extension("pg_trgm"),
        postgres_extension("btree_gist"),
        postgres_extension("unaccent"),
        migrations.RunPython(create_age_groups, migrations.RunPython.noop),
    ]
