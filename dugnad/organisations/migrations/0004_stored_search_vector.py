"""The directory's text-search vector, stored by the database and indexed.

Before, a search computed to_tsvector over search_document for every candidate row, in both the
count and the page query (the expression index served the match, not the ranking). Now the
vector is a generated column, kept by the database whenever search_document changes, with a
GIN index on PostgreSQL; the expression index it replaces is dropped there. On SQLite the
column holds the document in lower case (see organisations.search.StoredSearchVector).
"""

import django.contrib.postgres.search
from django.contrib.postgres.indexes import GinIndex
from django.db import migrations, models

from dugnad.core.migration_ops import postgres_index
from dugnad.organisations.search import StoredSearchVector, search_vector


def _drop_expression_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS organisation_search_gin")


def _restore_expression_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        model = apps.get_model("organisations", "Organisation")
        schema_editor.add_index(model, GinIndex(search_vector(), name="organisation_search_gin"))


class Migration(migrations.Migration):
    dependencies = [("organisations", "0003_unescape_plain_text")]

    operations = [
        migrations.AddField(
            model_name="organisation",
            name="search_vector",
            field=models.GeneratedField(
                db_persist=True,
                expression=StoredSearchVector(
                    "search_document", config="norwegian"
                ),
                output_field=django.contrib.postgres.search.SearchVectorField(),
            ),
        ),
        postgres_index(
            "organisations",
            "Organisation",
            GinIndex(fields=["search_vector"], name="organisation_vector_gin"),
        ),
        migrations.RunPython(_drop_expression_index, _restore_expression_index, elidable=False),
    ]
