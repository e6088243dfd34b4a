"""Writes on the shared kernel."""

from django.db import transaction

from .models import InfoPage
from .notify import notify
from .rules import can_edit_pages


@transaction.atomic
def save_info_page(user, form, municipality) -> InfoPage:
    """Create or update an information page from a valid InfoPageForm (body already sanitised)."""
    can_edit_pages(user, form.instance if form.instance.pk else None).enforce()
    page = form.save(commit=False)
    created = page.pk is None
    page.municipality = municipality
    page.save()
    notify("infopage.created" if created else "infopage.changed", actor=user, target=page)
    return page
