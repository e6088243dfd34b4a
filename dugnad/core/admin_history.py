"""The admin's history page for models with django-simple-history, safe for any typed id."""

from django.core.exceptions import ValidationError
from django.http import Http404
from simple_history.admin import SimpleHistoryAdmin


class HistoryAdmin(SimpleHistoryAdmin):
    # simple-history looks the object up with the raw id from the address, so "abc" raised a
    # ValueError (500); an id that is no id is a page that does not exist.
    def history_view(self, request, object_id, extra_context=None):
        from django.contrib.admin.utils import unquote

        try:
            self.model._meta.pk.to_python(unquote(object_id))
        except ValidationError:
            raise Http404 from None
        return super().history_view(request, object_id, extra_context)
