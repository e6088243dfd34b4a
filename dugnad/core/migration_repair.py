"""Data repairs that migrations run on stored rows."""

from .text import unescape_stored


def unescape_plain_text(apps, app_label: str, fields: dict[str, list[str]]) -> int:
    """Undo HTML escaping in the plain-text `fields` ({model name: [field, ...]}) of an app.

    Only for fields that went through the old escaping input path: rich text keeps its entities.
    Control and direction characters are stripped as `plain_text` strips them on input now.
    Rows are read a batch at a time and written with one UPDATE per batch; history models are
    not touched (the repair is not a change anybody made). Returns the number of rows changed."""
    changed_rows = 0
    for model_name, names in fields.items():
        model = apps.get_model(app_label, model_name)
        # Every row is read (only the key and these fields): control and direction characters
        # are stripped too, and a LIKE per character and field would cost more than the read.
        rows = model._base_manager.only("pk", *names).order_by("pk")
        last_pk = None
        while True:
            # Keyset batches rather than one open cursor: the batch is written before the next
            # read, which SQLite does not allow inside a running SELECT on the same table.
            batch = list((rows if last_pk is None else rows.filter(pk__gt=last_pk))[:500])
            if not batch:
                break
            last_pk = batch[-1].pk
            repaired = []
            for row in batch:
                values = {name: getattr(row, name) for name in names}
                fixed = {name: unescape_stored(value) for name, value in values.items()}
                if fixed != values:
                    for name, value in fixed.items():
                        setattr(row, name, value)
                    repaired.append(row)
            if repaired:
                model._base_manager.bulk_update(repaired, names)
                changed_rows += len(repaired)
    return changed_rows
