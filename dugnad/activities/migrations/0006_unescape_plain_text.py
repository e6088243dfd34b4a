"""Plain text as typed: undo the HTML escaping that activities.actions applied on input."""

from django.db import migrations

from dugnad.core.migration_repair import unescape_plain_text

# The plain-text fields that went through the escaping input path; rich text is not among them.
FIELDS = {
    "Event": ["title", "summary", "status_reason"],
    "OrganiserPolicy": ["reason"],
    "Occurrence": ["note"],
    "SignUpQuestion": ["label", "choices"],
    "PriceGroup": ["name"],
    # price_group_name is the copy of PriceGroup.name taken at sign-up.
    "SignUp": ["participant_name", "price_group_name"],
    "SignUpAnswer": ["value"],
}


def repair(apps, schema_editor):
    unescape_plain_text(apps, "activities", FIELDS)


class Migration(migrations.Migration):
    dependencies = [
        ("activities", "0005_signup_drop_fixed_fields"),
    ]

    operations = [migrations.RunPython(repair, migrations.RunPython.noop)]
