"""Plain text as typed: undo the HTML escaping that volunteering.actions applied on input."""

from django.db import migrations

from dugnad.core.migration_repair import unescape_plain_text

# The plain-text fields that went through the escaping input path; rich text is not among them.
FIELDS = {
    "VolunteerProfile": ["wants_to_try"],
    "Assignment": ["title", "description"],
    "Interest": ["message", "answer"],
    "HoursEntry": ["note"],
    "PoliceCertificateRecord": ["role"],
}


def repair(apps, schema_editor):
    unescape_plain_text(apps, "volunteering", FIELDS)


class Migration(migrations.Migration):
    dependencies = [
        ("volunteering", "0001_initial"),
    ]

    operations = [migrations.RunPython(repair, migrations.RunPython.noop)]
