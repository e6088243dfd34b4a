"""Forms of the premises managers' set-up pages: buildings, opening hours, rooms with their
parts, and price lists per renter type (amounts typed in kroner, stored in øre)."""

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from dugnad.core.forms import PlainTextFields
from dugnad.core.money import KronerField
from dugnad.core.params import SaneDateField, SaneDateTimeField, SaneModelMultipleChoiceField
from dugnad.core.validators import normalise_phone, validate_postal_code

from .models import AllocationRound, Building, PriceModel, RenterType, Room, Weekday

MAX_ORE = 1_000_000 * 100  # a million kroner


class BuildingForm(PlainTextFields, forms.ModelForm):
    class Meta:
        model = Building
        fields = [
            "name", "kind", "unit", "area", "address", "postal_code", "postal_town",
            "access_info", "contact_name", "contact_email", "contact_phone", "description",
        ]  # fmt: skip
        widgets = {
            "access_info": forms.Textarea(attrs={"rows": 3}),
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, units, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["area"].queryset = areas

    def clean_postal_code(self):
        code = self.cleaned_data.get("postal_code", "").strip()
        if code:
            validate_postal_code(code)
        return code

    def clean_contact_phone(self):
        value = self.cleaned_data.get("contact_phone", "")
        return normalise_phone(value) if value else ""


class OpeningHoursForm(PlainTextFields, forms.Form):
    """The week's opening hours: one pair of times per weekday, both empty for closed."""

    def __init__(self, *args, current=None, **kwargs):
        super().__init__(*args, **kwargs)
        current = current or {}
        for value, label in Weekday.choices:
            hours = current.get(value)
            self.fields[f"opens_{value}"] = forms.TimeField(
                label=_("%(day)s opens") % {"day": label},
                required=False,
                initial=hours.opens if hours else None,
                widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            )
            self.fields[f"closes_{value}"] = forms.TimeField(
                label=_("%(day)s closes") % {"day": label},
                required=False,
                initial=hours.closes if hours else None,
                widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            )

    def clean(self):
        data = super().clean()
        for value, _label in Weekday.choices:
            opens, closes = data.get(f"opens_{value}"), data.get(f"closes_{value}")
            if (opens is None) != (closes is None):
                self.add_error(
                    f"closes_{value}" if closes is None else f"opens_{value}",
                    _("Give both times, or neither for a closed day."),
                )
            elif opens and closes and closes <= opens:
                self.add_error(f"closes_{value}", _("Closing must be after opening."))
        return data

    def week(self) -> dict[int, tuple[dt.time, dt.time] | None]:
        return {
            value: (self.cleaned_data[f"opens_{value}"], self.cleaned_data[f"closes_{value}"])
            if self.cleaned_data.get(f"opens_{value}")
            else None
            for value, _label in Weekday.choices
        }


class RoomForm(PlainTextFields, forms.ModelForm):
    class Meta:
        model = Room
        fields = [
            "name", "kind", "parent", "capacity", "description", "step_free", "accessibility",
            "rules_of_use", "confirm_automatically", "open_on_holidays", "cancellation_hours",
            "min_minutes", "max_minutes", "max_days_ahead", "is_active",
        ]  # fmt: skip
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "accessibility": forms.Textarea(attrs={"rows": 2}),
            "rules_of_use": forms.Textarea(attrs={"rows": 4}),
        }
        labels = {"parent": _("Part of (the whole room)")}
        help_texts = {
            "parent": _(
                "For a part of a larger room, e.g. a third of the hall: booking the whole takes "
                "the parts, and a part takes the whole."
            ),
            "rules_of_use": _("Shown to renters before they book."),
        }

    def __init__(self, *args, wholes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = wholes
        self.fields["parent"].required = False

    def clean(self):
        data = super().clean()
        low, high = data.get("min_minutes"), data.get("max_minutes")
        if low and high and high < low:
            self.add_error("max_minutes", _("The longest booking must be at least the shortest."))
        return data


class PriceForm(PlainTextFields, forms.Form):
    """The price list of a room: for each kind of renter, how it pays (or not let to it)."""

    valid_from = SaneDateField(
        label=_("Valid from"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Bookings on or after this date get these prices."),
    )

    def __init__(self, *args, current=None, **kwargs):
        super().__init__(*args, **kwargs)
        current = current or {}
        for renter, label in RenterType.choices:
            rule = current.get(renter)
            self.fields[f"model_{renter}"] = forms.ChoiceField(
                label=label,
                choices=[("", _("Not let to them")), *PriceModel.choices],
                required=False,
                initial=rule.model if rule else "",
            )
            self.fields[f"amount_{renter}"] = KronerField(
                label=_("Amount in kroner (%(renter)s)") % {"renter": label},
                required=False,
                max_ore=MAX_ORE,
                initial=rule.amount_ore if rule and rule.amount_ore else None,
                help_text=_("Per hour or per booking, as chosen; e.g. 150 or 150,50."),
            )

    def clean(self):
        data = super().clean()
        for renter, _label in RenterType.choices:
            model, amount = data.get(f"model_{renter}"), data.get(f"amount_{renter}")
            if model in (PriceModel.PER_HOUR, PriceModel.PER_BOOKING) and not amount:
                self.add_error(f"amount_{renter}", _("Give the amount in kroner."))
            if model == PriceModel.FREE and amount:
                self.add_error(f"amount_{renter}", _("A free price has no amount."))
        return data

    def prices(self) -> dict[str, tuple[str, int] | None]:
        return {
            renter: (
                self.cleaned_data[f"model_{renter}"],
                self.cleaned_data.get(f"amount_{renter}") or 0,
            )
            if self.cleaned_data.get(f"model_{renter}")
            else None
            for renter, _label in RenterType.choices
        }


class AllocationRoundForm(PlainTextFields, forms.ModelForm):
    """A season allocation round: its season, the rooms it lets, the wish deadline and its
    state. Publishing is not a state typed here: it books the season, on its own page."""

    season_start = SaneDateField(
        label=_("Season starts"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    season_end = SaneDateField(
        label=_("Season ends"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    deadline = SaneDateTimeField(
        label=_("Deadline for wishes"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        help_text=_("Organisations can send wishes until then."),
    )
    status = forms.ChoiceField(
        label=_("State"),
        choices=[
            (AllocationRound.Status.OPEN, AllocationRound.Status.OPEN.label),
            (AllocationRound.Status.ALLOCATING, AllocationRound.Status.ALLOCATING.label),
        ],
        help_text=_("Open: organisations send wishes. Being allocated: no new wishes."),
    )
    rooms = SaneModelMultipleChoiceField(
        label=_("Rooms in the round"),
        queryset=Room.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: every bookable room of your buildings."),
    )

    class Meta:
        model = AllocationRound
        fields = ["name", "season_start", "season_end", "deadline", "status", "previous", "rooms"]
        help_texts = {"previous": _("Clubs that had slots last season are marked as returning.")}

    def __init__(self, *args, rooms, rounds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rooms"].queryset = rooms
        self.fields["rooms"].label_from_instance = lambda room: f"{room.building.name}: {room.name}"
        previous = rounds.exclude(pk=self.instance.pk) if self.instance.pk else rounds
        self.fields["previous"].queryset = previous
        self.fields["previous"].required = False
        self.fields["previous"].empty_label = _("None")

    def clean(self):
        data = super().clean()
        start, end, deadline = (
            data.get("season_start"),
            data.get("season_end"),
            data.get("deadline"),
        )
        if start and end and end <= start:
            self.add_error("season_end", _("The season must end after it starts."))
        if deadline and end and deadline.date() > end:
            self.add_error("deadline", _("The deadline for wishes must be before the season ends."))
        return data
