from django import forms
from django.utils.translation import gettext_lazy as _

from dugnad.core.forms import PlainTextFields


class TokenForm(PlainTextFields, forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("What the token is for, such as the script that uses it."),
    )
