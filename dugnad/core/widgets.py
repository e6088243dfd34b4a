"""Form widgets shared by the apps."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe


class LongSelect(forms.Select):
    """A <select> for long lists (every organisation of a municipality), rendered in Python.

    Django renders a select with one template per option; with hundreds of options that was
    most of the calendar page's time. The HTML is the same as Django's own select.
    """

    def render(self, name, value, attrs=None, renderer=None):
        # Straight from the (value, label) choices: Django's optgroups build a dict of
        # attributes per option, which with hundreds of options costs more than the HTML.
        selected = set(self.format_value(value))
        # escape() and one join: format_html per option costs more than the option itself.
        options = "".join(
            f'<option value="{escape(key)}"{" selected" if str(key) in selected else ""}>'
            f"{escape(label)}</option>"
            for key, label in self.choices
        )
        return format_html(
            '<select name="{}"{}>{}</select>',
            name,
            flatatt(self.build_attrs(self.attrs, attrs)),
            mark_safe(options),  # noqa: S308  (every part escaped above)
        )
