"""Form rendering shared by every app: Designsystemet markup with errors tied to fields."""

from django import forms
from django.db import models
from django.forms.renderers import DjangoTemplates
from django.utils.translation import gettext_lazy as _

from .errors import DomainError
from .models import InfoPage
from .richtext import plain, sanitise


def https_formfield(model_field, **kwargs):
    """A model form's `formfield_callback`: addresses typed without a scheme are taken as
    https (Django 6's default, chosen now)."""
    if isinstance(model_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return model_field.formfield(**kwargs)


def add_domain_error(form, error: DomainError, field_map: dict | None = None) -> str | None:
    """Show an action's error on the form: next to the field it names, else above the form.

    Actions name their own fields (`end`, `rrule`), which need not be the form's. A name the form
    has is used as it is; otherwise `field_map` says which form field stands for it
    ({"end": "end_time"}). Returns the field the error went to, None when above the form.
    """
    field = error.field
    if field not in form.fields:
        field = (field_map or {}).get(field)
    if field not in form.fields:
        field = None
    form.add_error(field, str(error.message))
    return field


class DesignSystemRenderer(DjangoTemplates):
    form_template_name = "components/form.html"
    field_template_name = "components/field.html"


class InfoPageForm(forms.ModelForm):
    class Meta:
        model = InfoPage
        fields = ["title", "slug", "summary", "body", "position", "published"]
        widgets = {"body": forms.Textarea(attrs={"rows": 14})}
        help_texts = {"slug": _("The page's address, with letters a–z, digits and hyphens.")}

    def clean_title(self):
        return plain(self.cleaned_data["title"])

    def clean_body(self):
        body = sanitise(self.cleaned_data["body"])
        if not body:
            raise forms.ValidationError(_("Write the page's text."))
        return body
