"""Forms for the calendar filters, the organiser's event form and sign-up."""

from django import forms
from django.utils.translation import gettext_lazy as _

from dugnad.core.errors import DomainError
from dugnad.core.models import AgeGroup, Area, Unit
from dugnad.core.queries import current_municipality
from dugnad.core.uploads import MEGABYTE, check_image
from dugnad.organisations.models import Organisation
from dugnad.premises.models import Room

from .models import Category, Event, SignUp
from .queries import ACCESSIBILITY_FIELDS
from .recurrence import PRESETS

MAX_IMAGE_BYTES = 5 * MEGABYTE

ACCESSIBILITY_CHOICES = [
    ("wheelchair_access", _("Wheelchair access")),
    ("hearing_loop", _("Hearing loop")),
    ("easy_read", _("Easy-read information")),
    ("sign_language", _("Sign language")),
]
assert {key for key, _label in ACCESSIBILITY_CHOICES} == set(ACCESSIBILITY_FIELDS)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


class CalendarFilterForm(forms.Form):
    """The public filters; the same query string drives the page, the iCal feed and the API."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    start = forms.DateField(label=_("From"), required=False, widget=DateInput())
    end = forms.DateField(label=_("To"), required=False, widget=DateInput())
    category = forms.ChoiceField(
        label=_("Category"), required=False, choices=[("", _("All categories")), *Category.choices]
    )
    age_group = forms.ModelChoiceField(
        label=_("Age group"),
        required=False,
        queryset=AgeGroup.objects.all(),
        empty_label=_("All ages"),
    )
    area = forms.ModelChoiceField(
        label=_("Part of the municipality"),
        required=False,
        queryset=Area.objects.all(),
        empty_label=_("The whole municipality"),
    )
    organisation = forms.ModelChoiceField(
        label=_("Organiser"),
        required=False,
        queryset=Organisation.objects.public().only("id", "name", "slug"),
        to_field_name="slug",
        empty_label=_("All organisers"),
    )
    accessibility = forms.MultipleChoiceField(
        label=_("Accessibility"),
        required=False,
        choices=ACCESSIBILITY_CHOICES,
        widget=forms.CheckboxSelectMultiple,
    )
    free = forms.BooleanField(label=_("Free only"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only this municipality's parts and organisations: one deployment may hold the whole
        # country, and the select must not list every organisation in it.
        municipality = current_municipality()
        self.fields["area"].queryset = Area.objects.filter(municipality=municipality)
        self.fields["organisation"].queryset = (
            Organisation.objects.public()
            .filter(municipality=municipality)
            .only("id", "name", "slug")
            .order_by("name")
        )

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end date must not be before the start date."))
        if start and end and (end - start).days > 400:
            self.add_error("end", _("Choose a period of at most 400 days."))
        return data


class EventForm(forms.ModelForm):
    organiser = forms.ChoiceField(label=_("Organiser"))
    first_day = forms.DateField(label=_("Date"), widget=DateInput())
    start_time = forms.TimeField(label=_("Starts"), widget=TimeInput())
    end_time = forms.TimeField(label=_("Ends"), widget=TimeInput())
    repeat = forms.ChoiceField(
        label=_("Repeats"),
        required=False,
        choices=[
            ("", _("Does not repeat")),
            ("weekly", _("Every week")),
            ("biweekly", _("Every other week")),
            ("monthly", _("Every month on the same date")),
            ("custom", _("Custom rule (RFC 5545)")),
        ],
    )
    rrule = forms.CharField(
        label=_("Custom recurrence rule"),
        required=False,
        max_length=300,
        help_text=_("For example FREQ=MONTHLY;BYDAY=2TU for the second Tuesday of every month."),
    )
    until = forms.DateField(label=_("Repeats until"), required=False, widget=DateInput())
    extra_dates = forms.CharField(
        label=_("Other dates"),
        required=False,
        help_text=_("Extra dates, as YYYY-MM-DD separated by spaces."),
    )
    exceptions = forms.CharField(
        label=_("Dates without the event"),
        required=False,
        help_text=_("Dates to skip, as YYYY-MM-DD separated by spaces."),
    )
    price_kroner = forms.IntegerField(
        label=_("Price in kroner"),
        min_value=0,
        initial=0,
        required=False,
        help_text=_("0 or empty means free."),
    )

    class Meta:
        model = Event
        fields = [
            "title", "summary", "description", "category", "age_groups", "min_age", "max_age",
            "venue_name", "address", "room", "area", "wheelchair_access", "hearing_loop",
            "easy_read", "sign_language", "languages", "image", "image_alt", "contact_name",
            "contact_email", "external_url", "signup_enabled", "capacity", "waitlist_capacity",
            "signup_opens_at", "signup_closes_at",
        ]  # fmt: skip
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "age_groups": forms.CheckboxSelectMultiple,
            "signup_opens_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "signup_closes_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
        }
        help_texts = {
            "description": _("Simple formatting is kept; scripts are removed."),
            "image_alt": _("Required with an image: what the image shows."),
        }

    def __init__(self, *args, organisers=(), editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisers = {key: obj for key, obj in organisers}
        self.fields["organiser"].choices = [(key, str(obj)) for key, obj in organisers]
        self.fields["room"].queryset = Room.objects.select_related("building").order_by(
            "building__name", "name"
        )
        self.fields["room"].label_from_instance = lambda room: f"{room.building.name}: {room.name}"
        if self.instance.pk:
            self.fields["price_kroner"].initial = self.instance.price_ore // 100
        if editing:
            # The schedule of an existing event is changed per occurrence or "this and following".
            for name in (
                "organiser",
                "first_day",
                "start_time",
                "end_time",
                "repeat",
                "rrule",
                "until",
                "extra_dates",
                "exceptions",
            ):
                del self.fields[name]

    def clean_image(self):
        image = self.cleaned_data.get("image")
        if image and hasattr(image, "read") and not getattr(image, "_committed", False):
            try:
                check_image(image, max_bytes=MAX_IMAGE_BYTES)
            except DomainError as error:
                raise forms.ValidationError(error.message, code=error.code) from error
        return image

    @staticmethod
    def _dates(text, field):
        from datetime import date

        days = []
        for part in (text or "").replace(",", " ").split():
            try:
                days.append(date.fromisoformat(part))
            except ValueError:
                raise forms.ValidationError(
                    {field: _("“%(value)s” is not a date like 2026-05-17.") % {"value": part}}
                ) from None
        return days

    def clean(self):
        data = super().clean()
        if "repeat" in self.fields:
            repeat = data.get("repeat")
            if repeat == "custom":
                if not data.get("rrule"):
                    self.add_error("rrule", _("Write the rule, or choose a simpler repetition."))
                data["rule"] = (data.get("rrule") or "").strip().upper()
            else:
                data["rule"] = PRESETS.get(repeat, "")
            data["extra_date_list"] = self._dates(data.get("extra_dates"), "extra_dates")
            data["exception_list"] = self._dates(data.get("exceptions"), "exceptions")
        if data.get("image") and not (data.get("image_alt") or "").strip():
            self.add_error("image_alt", _("Describe the image for people who cannot see it."))
        data["price_ore"] = (data.get("price_kroner") or 0) * 100
        return data

    def event_values(self) -> dict:
        values = {
            name: self.cleaned_data.get(name) for name in self._meta.fields if name != "age_groups"
        }
        values["price_ore"] = self.cleaned_data["price_ore"]
        if not values.get("image"):
            values.pop("image", None)
        return values


class SignUpForm(forms.Form):
    for_self = forms.TypedChoiceField(
        label=_("Who is taking part?"),
        choices=[("1", _("Me")), ("0", _("Someone else, e.g. my child"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
        initial="1",
    )
    participant_name = forms.CharField(label=_("Participant's name"), max_length=150)
    participant_age = forms.IntegerField(
        label=_("Participant's age"), min_value=0, max_value=120, required=False
    )
    price_group = forms.ChoiceField(label=_("Price group"), choices=SignUp.PriceGroup.choices)
    allergies = forms.CharField(label=_("Allergies or other needs"), required=False, max_length=300)
    heard_about = forms.CharField(
        label=_("How did you hear about the event?"), required=False, max_length=200
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=500, widget=forms.Textarea(attrs={"rows": 3})
    )


class OptionalReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300, required=False)


class RescheduleForm(forms.Form):
    start_time = forms.TimeField(label=_("New start time"), widget=TimeInput())
    end_time = forms.TimeField(label=_("New end time"), widget=TimeInput())


class WidgetForm(forms.Form):
    """Whose events the embeddable widget shows: one organisation or one municipal unit."""

    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        required=False,
        queryset=Organisation.objects.public().only("id", "name", "slug").order_by("name"),
        to_field_name="slug",
        empty_label=_("Choose an organisation"),
    )
    unit = forms.ModelChoiceField(
        label=_("Or a municipal unit"),
        required=False,
        queryset=Unit.objects.only("id", "name").order_by("name"),
        empty_label=_("Choose a unit"),
    )
    limit = forms.IntegerField(
        label=_("Number of events"), min_value=1, max_value=50, initial=10, required=False
    )

    def clean(self):
        data = super().clean()
        if not self.errors and bool(data.get("organisation")) == bool(data.get("unit")):
            raise forms.ValidationError(_("Choose either an organisation or a municipal unit."))
        return data


class ApprovalPolicyForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.public().only("id", "name", "slug").order_by("name"),
        to_field_name="slug",
        empty_label=_("Choose an organisation"),
    )
    requires_approval = forms.BooleanField(
        label=_("Events from this organisation wait for approval"), required=False
    )
    reason = forms.CharField(label=_("Reason"), max_length=500, required=False)


class MoveOccurrenceForm(forms.Form):
    day = forms.DateField(label=_("New date"), widget=DateInput())
    start_time = forms.TimeField(label=_("New start time"), widget=TimeInput())
    end_time = forms.TimeField(label=_("New end time"), widget=TimeInput())
    note = forms.CharField(
        label=_("Message to participants"),
        max_length=300,
        required=False,
        help_text=_("Shown on the event page, for example why the date moved."),
    )
