"""Plain text as typed: undo the HTML escaping that the application form applied to titles."""

from django.db import migrations

from dugnad.core.migration_repair import unescape_plain_text
from dugnad.core.text import unescape_stored

# The plain-text fields that went through the escaping input path. org_name was filled in from
# the organisation's (escaped) name when an application was started.
FIELDS = {
    "Application": ["title", "org_name"],
}


def repair(apps, schema_editor):
    Decision = apps.get_model("grants", "Decision")
    # A decision's purpose defaults to the application's title, entities and all; a purpose that
    # still equals the stored title is that copy (a typed purpose was never escaped). Read
    # before the titles are repaired. The letter stays as it was sent.
    copies = [
        decision
        for decision in Decision._base_manager.select_related("application").only(
            "pk", "purpose", "application__title"
        )
        if decision.purpose and decision.purpose == decision.application.title
    ]
    repaired = []
    for decision in copies:
        fixed = unescape_stored(decision.purpose)
        if fixed != decision.purpose:
            decision.purpose = fixed
            repaired.append(decision)
    Decision._base_manager.bulk_update(repaired, ["purpose"], batch_size=500)
    unescape_plain_text(apps, "grants", FIELDS)


class Migration(migrations.Migration):
    dependencies = [
        ("grants", "0001_initial"),
    ]

    operations = [migrations.RunPython(repair, migrations.RunPython.noop)]
