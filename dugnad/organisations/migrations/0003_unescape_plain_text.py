"""Plain text as typed: undo the HTML escaping that organisations.actions applied on input."""

from django.db import migrations

from dugnad.core.migration_repair import unescape_plain_text

# The plain-text fields that went through the escaping input path; rich text is not among them.
FIELDS = {
    "Organisation": [
        "name", "purpose", "phone", "postal_address", "postal_code", "postal_town",
        "meeting_places", "logo_alt", "status_reason",
        # Derived text for search; the description's words were taken with their entities.
        "search_document",
    ],
    "OrganisationRole": ["title"],
}


def repair(apps, schema_editor):
    unescape_plain_text(apps, "organisations", FIELDS)


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0002_search_indexes"),
    ]

    operations = [migrations.RunPython(repair, migrations.RunPython.noop)]
