from django.contrib.postgres.indexes import GinIndex, OpClass
from django.db import migrations

from dugnad.core.migration_ops import postgres_index
from dugnad.organisations.search import search_vector


class Migration(migrations.Migration):
    dependencies = [("organisations", "0001_initial"), ("core", "0002_age_groups_and_extensions")]

    operations = [
        postgres_index(
            "organisations",
            "Organisation",
            GinIndex(search_vector(), name="organisation_search_gin"),
        ),
        postgres_index(
            "organisations",
            "Organisation",
            GinIndex(OpClass("name", name="gin_trgm_ops"), name="organisation_name_trgm"),
        ),
    ]
