"""Money: amounts are stored in øre (integers) and typed and shown in kroner.

`kroner` (the template filter in core.templatetags.dugnad) shows an amount; `KronerField` reads
one typed by a person ("12 500", "12 500,50", "12 500 kr") into øre, and `format_kroner_input`
puts a stored amount back into such a field."""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def parse_kroner(value) -> int:
    """'12 500', '12500,50' or '12 500 kr' -> øre. Raises ValidationError for anything else."""
    text = re.sub(r"[\s\u00a0]|kr\.?$", "", str(value or "").strip().lower()).replace(",", ".")
    if not re.fullmatch(r"-?\d+(\.\d{1,2})?", text):
        raise ValidationError(_("Write the amount in kroner, for example 12 500."), "invalid")
    try:
        ore = int((Decimal(text) * 100).to_integral_value())
    except InvalidOperation as exc:
        raise ValidationError(
            _("Write the amount in kroner, for example 12 500."), "invalid"
        ) from exc
    if ore < 0:
        raise ValidationError(_("The amount cannot be negative."), "negative")
    return ore


def format_kroner_input(ore) -> str:
    """An amount in øre as a person would type it: 1250050 -> '12500,50'."""
    if ore in (None, ""):
        return ""
    kr, rest = divmod(int(ore), 100)
    return f"{kr},{rest:02d}" if rest else str(kr)


class KronerField(forms.CharField):
    """A form field typed in kroner whose cleaned value is øre (None when left empty)."""

    too_large_message = _("The amount can be at most %(max)s kr.")
    too_small_message = _("The smallest amount is %(min)s kr.")

    def __init__(self, *args, max_ore=None, min_ore=None, **kwargs):
        self.max_ore = max_ore
        self.min_ore = min_ore
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal"}))
        super().__init__(*args, **kwargs)

    def prepare_value(self, value):
        # An initial value is øre; what the person typed (a string) comes back as typed.
        if isinstance(value, int):
            return format_kroner_input(value)
        return value

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        ore = parse_kroner(value)
        if self.max_ore is not None and ore > self.max_ore:
            raise ValidationError(
                self.too_large_message % {"max": format_kroner_input(self.max_ore)}, "too_large"
            )
        if self.min_ore is not None and ore < self.min_ore:
            raise ValidationError(
                self.too_small_message % {"min": format_kroner_input(self.min_ore)}, "too_small"
            )
        return ore
