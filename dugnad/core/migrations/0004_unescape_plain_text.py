"""Plain text as typed: undo the HTML escaping that InfoPageForm applied to page titles."""

from django.db import migrations

from dugnad.core.migration_repair import unescape_plain_text

# The plain-text fields that went through the escaping input path; the body is rich text.
FIELDS = {
    "InfoPage": ["title"],
}


def repair(apps, schema_editor):
    unescape_plain_text(apps, "core", FIELDS)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_personal_data_access"),
    ]

    operations = [migrations.RunPython(repair, migrations.RunPython.noop)]
