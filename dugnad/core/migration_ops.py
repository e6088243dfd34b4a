"""Migration operations that apply only on PostgreSQL.

GIN, trigram and exclusion constraints have no SQLite equivalent; SQLite keeps the fallback
that the code documents (plain LIKE search, checks inside an IMMEDIATE transaction). Building
the index from the same Django expression the queries use keeps the two in step.
"""

from django.db import migrations


def _on_postgresql(schema_editor) -> bool:
    return schema_editor.connection.vendor == "postgresql"


def postgres_extension(name: str) -> migrations.RunPython:
    def forwards(apps, schema_editor):
        if _on_postgresql(schema_editor):
            schema_editor.execute(f"CREATE EXTENSION IF NOT EXISTS {name}")

    return migrations.RunPython(forwards, migrations.RunPython.noop, elidable=False)


def postgres_index(app_label: str, model_name: str, index) -> migrations.RunPython:
    def forwards(apps, schema_editor):
        if _on_postgresql(schema_editor):
            schema_editor.add_index(apps.get_model(app_label, model_name), index)

    def backwards(apps, schema_editor):
        if _on_postgresql(schema_editor):
            schema_editor.remove_index(apps.get_model(app_label, model_name), index)

    return migrations.RunPython(forwards, backwards, elidable=False)


def postgres_constraint(app_label: str, model_name: str, constraint) -> migrations.RunPython:
    def forwards(apps, schema_editor):
        if _on_postgresql(schema_editor):
            schema_editor.add_constraint(apps.get_model(app_label, model_name), constraint)

    def backwards(apps, schema_editor):
        if _on_postgresql(schema_editor):
            schema_editor.remove_constraint(apps.get_model(app_label, model_name), constraint)

    return migrations.RunPython(forwards, backwards, elidable=False)
