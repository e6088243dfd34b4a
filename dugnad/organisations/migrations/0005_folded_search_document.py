"""The search document holds its words folded too (no accents, lower case), as
`build_search_document` now writes it, so that "sprakkafe" finds "Språkkafé" in the stored rows
as well as in those saved from now on. Reversing leaves the extra words, which do no harm."""

from django.db import migrations

from dugnad.core.text import fold

BATCH = 500


def add_folded_words(apps, schema_editor):
    Organisation = apps.get_model("organisations", "Organisation")
    rows = Organisation.objects.only("pk", "search_document").order_by("pk")
    changed = []
    for organisation in rows.iterator(chunk_size=BATCH):
        document = organisation.search_document
        folded = fold(document)
        if document and folded != document.casefold() and not document.endswith(folded):
            organisation.search_document = f"{document} {folded}"
            changed.append(organisation)
        if len(changed) >= BATCH:
            Organisation.objects.bulk_update(changed, ["search_document"])
            changed = []
    Organisation.objects.bulk_update(changed, ["search_document"])


class Migration(migrations.Migration):
    dependencies = [("organisations", "0004_stored_search_vector")]
    operations = [migrations.RunPython(add_folded_words, migrations.RunPython.noop)]
