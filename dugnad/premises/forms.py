import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dugnad.core.errors import DomainError
from dugnad.core.forms import PlainTextFields
from dugnad.core.models import AgeGroup, Area
from dugnad.core.params import SaneDateField, SaneDateTimeField, SaneModelMultipleChoiceField
from dugnad.core.uploads import MEGABYTE, check_image

from .models import Building, Facility, RenterType, Room, RoomKind, Weekday

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME_WIDGET = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class RoomSearchForm(PlainTextFields, forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    date = SaneDateField(label=_("Date"), required=False, widget=DATE_WIDGET)
    time_from = forms.TimeField(label=_("From"), required=False, widget=TIME_WIDGET)
    time_to = forms.TimeField(label=_("To"), required=False, widget=TIME_WIDGET)
    capacity = forms.IntegerField(
        label=_("At least this many people"), required=False, min_value=1, max_value=10000
    )
    kind = forms.ChoiceField(
        label=_("Kind of room"),
        required=False,
        choices=[("", _("All kinds")), *RoomKind.choices],
    )
    building = forms.ModelChoiceField(
        label=_("Building"),
        required=False,
        queryset=Building.objects.all(),
        empty_label=_("All buildings"),
    )
    area = forms.ModelChoiceField(
        label=_("Area"), required=False, queryset=Area.objects.all(), empty_label=_("All areas")
    )
    facilities = SaneModelMultipleChoiceField(
        label=_("Facilities"),
        required=False,
        queryset=Facility.objects.all(),
        widget=forms.CheckboxSelectMultiple,
    )

    def clean(self):
        data = super().clean()
        parts = [data.get("date"), data.get("time_from"), data.get("time_to")]
        if any(parts) and not all(parts):
            raise forms.ValidationError(_("To search for free time, give a date, from and to."))
        if all(parts) and data["time_to"] <= data["time_from"]:
            self.add_error("time_to", _("The end must be after the start."))
        return data

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["building"].queryset = Building.objects.in_municipality(municipality)
        self.fields["area"].queryset = Area.objects.in_municipality(municipality)

    def period(self):
        data = self.cleaned_data
        if data.get("date") and data.get("time_from") and data.get("time_to"):
            from .schedule import local

            return local(data["date"], data["time_from"]), local(data["date"], data["time_to"])
        return None, None


class BookingForm(PlainTextFields, forms.Form):
    SINGLE, WEEKLY, BIWEEKLY = "single", "weekly", "biweekly"

    on_behalf = forms.ChoiceField(label=_("Who is the booking for?"))
    renter_type = forms.ChoiceField(
        label=_("If you book for yourself: which kind of renter"),
        choices=[c for c in RenterType.choices if c[0] != RenterType.VOLUNTARY],
        initial=RenterType.PRIVATE,
        required=False,
        help_text=_("Voluntary organisations choose the organisation above."),
    )
    title = forms.CharField(label=_("What is it for?"), max_length=150)
    date = SaneDateField(label=_("Date"), widget=DATE_WIDGET)
    start_time = forms.TimeField(label=_("From"), widget=TIME_WIDGET)
    end_time = forms.TimeField(label=_("To"), widget=TIME_WIDGET)
    attendees = forms.IntegerField(
        label=_("Expected number of people"), min_value=1, max_value=10000, initial=10
    )
    is_public = forms.BooleanField(
        label=_("Show the organiser's name in the public calendar"), required=False, initial=True
    )
    repeat = forms.ChoiceField(
        label=_("Repeat"),
        choices=[
            (SINGLE, _("Only once")),
            (WEEKLY, _("Every week")),
            (BIWEEKLY, _("Every other week")),
        ],
        initial=SINGLE,
        widget=forms.RadioSelect,
    )
    last_date = SaneDateField(
        label=_("Repeat until"),
        required=False,
        widget=DATE_WIDGET,
        help_text=_("Only for repeated bookings."),
    )

    def __init__(self, *args, user, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisations = {str(o.pk): o for o in organisations}
        self.fields["on_behalf"].choices = [("", _("Myself"))] + [
            (str(o.pk), o.name) for o in organisations
        ]
        self.fields["on_behalf"].required = False

    def clean(self):
        data = super().clean()
        start_time, end_time = data.get("start_time"), data.get("end_time")
        if start_time and end_time and end_time <= start_time:
            self.add_error("end_time", _("The end must be after the start."))
        if data.get("repeat") in (self.WEEKLY, self.BIWEEKLY):
            if not data.get("last_date"):
                self.add_error("last_date", _("Give the last date of the series."))
            elif data.get("date") and data["last_date"] < data["date"]:
                self.add_error("last_date", _("The last date must be on or after the first."))
        if data.get("date") and data["date"] < timezone.localdate():
            self.add_error("date", _("The date has already passed."))
        return data

    @property
    def organisation(self):
        return self.organisations.get(self.cleaned_data.get("on_behalf") or "")

    def times(self):
        from .schedule import local

        data = self.cleaned_data
        return local(data["date"], data["start_time"]), local(data["date"], data["end_time"])


class ReasonForm(PlainTextFields, forms.Form):
    reason = forms.CharField(
        label=_("Reason"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )


class BlockForm(PlainTextFields, forms.Form):
    room = forms.ModelChoiceField(label=_("Room"), queryset=Room.objects.none())
    start = SaneDateTimeField(
        label=_("From"), widget=DATETIME_WIDGET, input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
    )
    end = SaneDateTimeField(
        label=_("To"), widget=DATETIME_WIDGET, input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
    )
    reason = forms.CharField(
        label=_("Reason"), max_length=200, help_text=_("E.g. maintenance or the school's own use.")
    )

    def __init__(self, *args, rooms, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["room"].queryset = rooms

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] <= data["start"]:
            self.add_error("end", _("The end must be after the start."))
        return data


class InvoiceForm(PlainTextFields, forms.Form):
    first = SaneDateField(label=_("From"), widget=DATE_WIDGET)
    last = SaneDateField(label=_("To"), widget=DATE_WIDGET)
    format = forms.ChoiceField(
        label=_("Format"),
        choices=[("html", _("Show here")), ("csv", "CSV"), ("xlsx", "XLSX")],
        initial="html",
    )

    def clean(self):
        data = super().clean()
        if data.get("first") and data.get("last"):
            if data["last"] < data["first"]:
                self.add_error("last", _("The end must be on or after the start."))
            elif data["last"] - data["first"] > dt.timedelta(days=400):
                self.add_error("last", _("Choose a period of at most 400 days."))
        return data


class WishForm(PlainTextFields, forms.Form):
    organisation = forms.ChoiceField(label=_("Organisation"))
    room = forms.ModelChoiceField(
        label=_("Room"),
        queryset=Room.objects.none(),
        required=False,
        empty_label=_("Any room of the kind below"),
    )
    room_kind = forms.ChoiceField(
        label=_("Or any room of this kind"), required=False, choices=[("", "–"), *RoomKind.choices]
    )
    weekday = forms.TypedChoiceField(label=_("Weekday"), coerce=int, choices=Weekday.choices)
    start_time = forms.TimeField(label=_("Start time"), widget=TIME_WIDGET)
    minutes = forms.IntegerField(
        label=_("Length (minutes)"), min_value=30, max_value=600, initial=90
    )
    priority = forms.IntegerField(
        label=_("Priority"),
        min_value=1,
        max_value=9,
        initial=1,
        help_text=_("1 is your most important wish."),
    )
    participants = forms.IntegerField(
        label=_("Number of participants"), min_value=1, max_value=2000
    )
    age_group = forms.ModelChoiceField(
        label=_("Age group"), queryset=AgeGroup.objects.all(), required=False
    )

    def __init__(self, *args, organisations, rooms, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisations = {str(o.pk): o for o in organisations}
        self.fields["organisation"].choices = [(str(o.pk), o.name) for o in organisations]
        self.fields["room"].queryset = rooms

    def clean(self):
        data = super().clean()
        if not data.get("room") and not data.get("room_kind"):
            self.add_error("room", _("Choose a room or a kind of room."))
        return data


MAX_PHOTO_BYTES = 5 * MEGABYTE


class RoomPhotoForm(PlainTextFields, forms.Form):
    image = forms.FileField(
        label=_("Photo"),
        help_text=_("JPEG, PNG or WebP, at most 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    alt_text = forms.CharField(
        label=_("Description for screen readers"),
        max_length=250,
        help_text=_("Describe what the photo shows, e.g. “Gym hall with wall bars and a stage”."),
    )

    def clean_alt_text(self):
        text = self.cleaned_data["alt_text"].strip()
        if not text:
            raise forms.ValidationError(_("Describe what the photo shows."))
        return text

    def clean_image(self):
        upload = self.cleaned_data["image"]
        try:
            extension = check_image(upload, max_bytes=MAX_PHOTO_BYTES)
        except DomainError as error:
            raise forms.ValidationError(error.message, code=error.code) from error
        upload.name = f"photo.{extension}"
        return upload
