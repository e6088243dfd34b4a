"""Form rendering shared by every app: Designsystemet markup with errors tied to fields."""

from django import forms
from django.db import models
from django.forms.renderers import DjangoTemplates
from django.utils.translation import gettext_lazy as _

from .errors import DomainError
from .models import InfoPage
from .richtext import sanitise
from .text import plain_text


def https_formfield(model_field, **kwargs):
    """A model form's `formfield_callback`: addresses typed without a scheme are taken as
    https (Django 6's default, chosen now)."""
    if isinstance(model_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return model_field.formfield(**kwargs)


def _plain_text_field(field: forms.CharField) -> None:
    """Make `field` clean its raw value with `plain_text` before its own cleaning (strip,
    empty value, validators) runs."""
    if getattr(field, "cleans_plain_text", False) or isinstance(field.widget, forms.PasswordInput):
        return
    multiline = isinstance(field.widget, forms.Textarea)
    to_python = field.to_python

    def plain_to_python(value):
        if isinstance(value, str):
            value = plain_text(value, multiline=multiline)
        return to_python(value)

    field.to_python = plain_to_python
    field.cleans_plain_text = True


class PlainTextFields:
    """Every form of the project inherits this first: each text field (CharField and its kin:
    email, URL, slug) loses control and direction characters and is otherwise kept as typed.
    Nothing is HTML-escaped on input; output escapes once. Rich-text fields pass through here
    too and are then sanitised with nh3 by their action."""

    def full_clean(self):
        # Here rather than in __init__: forms add fields in their own __init__ after super().
        for field in self.fields.values():
            if isinstance(field, forms.CharField):
                _plain_text_field(field)
        super().full_clean()


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


def add_domain_error_to_formset(
    formset, error: DomainError, forms: list | None = None, field_map: dict | None = None
) -> str | None:
    """Show an action's error on a formset: next to the field in the row it names, else above
    the formset.

    An action that checks many rows sets `error.row` (an index into `forms`, the rows it was
    given; the formset's forms by default). The field is found as `add_domain_error` finds it.
    Returns the field the error went to, None when above the formset.
    """
    rows = formset.forms if forms is None else forms
    row = getattr(error, "row", None)
    if row is not None and 0 <= row < len(rows):
        form = rows[row]
        field = error.field if error.field in form.fields else (field_map or {}).get(error.field)
        if field in form.fields:
            form.add_error(field, str(error.message))
            return field
    # Django has no public way to add a formset-wide error after validation.
    formset._non_form_errors = formset.error_class([*formset.non_form_errors(), str(error.message)])
    return None


class DesignSystemRenderer(DjangoTemplates):
    form_template_name = "components/form.html"
    field_template_name = "components/field.html"


class InfoPageForm(PlainTextFields, forms.ModelForm):
    class Meta:
        model = InfoPage
        fields = ["title", "slug", "summary", "body", "position", "published"]
        widgets = {"body": forms.Textarea(attrs={"rows": 14})}
        help_texts = {"slug": _("The page's address, with letters a–z, digits and hyphens.")}

    def clean_body(self):
        body = sanitise(self.cleaned_data["body"])
        if not body:
            raise forms.ValidationError(_("Write the page's text."))
        return body
