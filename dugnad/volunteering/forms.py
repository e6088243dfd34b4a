import datetime as dt

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from dugnad.core.forms import PlainTextFields
from dugnad.core.models import AgeGroup, Area
from dugnad.core.params import SaneDateField
from dugnad.core.validators import normalise_phone, parse_hours

from .models import (
    DESCRIPTION_MAX,
    Assignment,
    Commitment,
    Language,
    Shift,
    Skill,
    Slot,
    Topic,
    VolunteerProfile,
)

Multi = forms.CheckboxSelectMultiple


class ProfileForm(PlainTextFields, forms.Form):
    # The organiser sees who took a shift: a profile without a name was an email address only.
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    interests = forms.MultipleChoiceField(
        label=_("What would you like to help with?"),
        choices=Topic.choices,
        widget=Multi,
        required=False,
    )
    skills = forms.MultipleChoiceField(
        label=_("Skills"), choices=Skill.choices, widget=Multi, required=False
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages you speak"), choices=Language.choices, widget=Multi, required=False
    )
    availability = forms.MultipleChoiceField(
        label=_("When are you free?"), choices=Slot.choices, widget=Multi, required=False
    )
    commitment = forms.ChoiceField(
        label=_("One-off or regular"),
        choices=Commitment.choices,
        widget=forms.RadioSelect,
        initial=Commitment.BOTH,
    )
    area = forms.ModelChoiceField(
        label=_("Part of the municipality"), queryset=Area.objects.all(), required=False
    )
    age_group = forms.ModelChoiceField(
        label=_("Age group"), queryset=AgeGroup.objects.all(), required=False
    )
    birth_year = forms.IntegerField(
        label=_("Year of birth"),
        required=False,
        help_text=_("Needed for assignments with a minimum age."),
    )
    phone = forms.CharField(
        label=_("Phone"),
        required=False,
        max_length=30,
        help_text=_("Shown only to the organiser of a shift you have taken."),
    )

    def clean_phone(self):
        value = self.cleaned_data.get("phone", "")
        return normalise_phone(value) if value else ""

    wants_to_try = forms.CharField(
        label=_("What would you like to try?"), required=False, max_length=300
    )
    contactable = forms.BooleanField(
        label=_("Organisers may contact me with suggestions"), required=False
    )

    def clean_birth_year(self):
        year = self.cleaned_data.get("birth_year")
        this_year = timezone.localdate().year
        if year is not None and not (this_year - 110 <= year <= this_year - 5):
            raise forms.ValidationError(_("Enter a year of birth with four digits, e.g. 1990."))
        return year

    @classmethod
    def for_profile(cls, profile: VolunteerProfile | None, user, data=None, *, municipality):
        initial = {"phone": user.phone, "first_name": user.first_name, "last_name": user.last_name}
        if profile is not None:
            initial.update(
                interests=profile.interests,
                skills=profile.skills,
                languages=profile.languages,
                availability=profile.availability,
                commitment=profile.commitment,
                area=profile.area_id,
                age_group=profile.age_group_id,
                birth_year=profile.birth_year,
                wants_to_try=profile.wants_to_try,
                contactable=profile.contactable,
            )
        form = cls(data, initial=initial)
        # The parts of the municipality this site serves, and the one already chosen.
        chosen = Q(pk=profile.area_id) if profile is not None and profile.area_id else Q(pk=None)
        form.fields["area"].queryset = Area.objects.filter(Q(municipality=municipality) | chosen)
        return form


class AssignmentForm(PlainTextFields, forms.Form):
    organiser = forms.ChoiceField(label=_("Posted by"))
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=DESCRIPTION_MAX,
        help_text=_("At most 10 000 characters."),
    )
    kind = forms.ChoiceField(
        label=_("Type"),
        choices=Assignment.Kind.choices,
        widget=forms.RadioSelect,
        initial=Assignment.Kind.ONE_OFF,
    )
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    area = forms.ModelChoiceField(
        label=_("Part of the municipality"), queryset=Area.objects.all(), required=False
    )
    topics = forms.MultipleChoiceField(
        label=_("Topics"), choices=Topic.choices, widget=Multi, required=False
    )
    skills = forms.MultipleChoiceField(
        label=_("Skills wanted"), choices=Skill.choices, widget=Multi, required=False
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages needed"), choices=Language.choices, widget=Multi, required=False
    )
    times = forms.MultipleChoiceField(
        label=_("When"), choices=Slot.choices, widget=Multi, required=False
    )
    min_age = forms.IntegerField(label=_("Minimum age"), required=False, min_value=0, max_value=99)
    requires_police_certificate = forms.BooleanField(
        label=_("Police certificate required"), required=False
    )
    people_needed = forms.IntegerField(
        label=_("People needed"), min_value=1, max_value=500, initial=1
    )

    def __init__(self, *args, municipality, organisers=(), editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = Area.objects.in_municipality(municipality)
        self.organisers = {key: obj for key, obj in organisers}
        if editing:
            # Who posted an assignment is fixed: interests and hours belong to that organiser.
            del self.fields["organiser"]
        else:
            self.fields["organiser"].choices = [(key, str(obj)) for key, obj in organisers]

    @classmethod
    def for_assignment(cls, assignment: Assignment, data=None):
        initial = {
            field: getattr(assignment, field)
            for field in (
                "title",
                "description",
                "kind",
                "place",
                "topics",
                "skills",
                "languages",
                "times",
                "min_age",
                "requires_police_certificate",
                "people_needed",
            )
        }
        initial["area"] = assignment.area_id
        return cls(data, initial=initial, editing=True, municipality=assignment.municipality_id)

    def clean_organiser(self):
        return self.organisers[self.cleaned_data["organiser"]]


class ShiftForm(PlainTextFields, forms.Form):
    date = SaneDateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    start = forms.TimeField(
        label=_("Starts"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    end = forms.TimeField(
        label=_("Ends"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    needed = forms.IntegerField(label=_("People needed"), min_value=1, max_value=500, initial=2)

    # Action errors name model fields; show them next to the inputs that set them.
    ACTION_FIELDS = {"starts_at": "date", "ends_at": "end", "needed": "needed"}

    @classmethod
    def for_shift(cls, shift, data=None):
        starts, ends = timezone.localtime(shift.starts_at), timezone.localtime(shift.ends_at)
        initial = {
            "date": starts.date(),
            "start": starts.time().replace(second=0, microsecond=0),
            "end": ends.time().replace(second=0, microsecond=0),
            "needed": shift.needed,
        }
        return cls(data, initial=initial)

    def clean(self):
        data = super().clean()
        if {"date", "start", "end"} <= data.keys():
            tz = timezone.get_current_timezone()
            data["starts_at"] = timezone.make_aware(
                dt.datetime.combine(data["date"], data["start"]), tz
            )
            data["ends_at"] = timezone.make_aware(
                dt.datetime.combine(data["date"], data["end"]), tz
            )
            if data["ends_at"] <= data["starts_at"]:
                self.add_error("end", _("The shift must end after it starts."))
        return data


class ShiftSeriesForm(PlainTextFields, forms.Form):
    """Shifts every week (on the first date's weekday) or every day between two dates."""

    first_date = SaneDateField(
        label=_("First date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    last_date = SaneDateField(
        label=_("Last date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    repeat = forms.ChoiceField(
        label=_("Repeat"),
        choices=[
            ("weekly", _("Every week, on the first date's weekday")),
            ("daily", _("Every day")),
        ],
        initial="weekly",
        widget=forms.RadioSelect,
    )
    start = forms.TimeField(
        label=_("Starts"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    end = forms.TimeField(
        label=_("Ends"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    needed = forms.IntegerField(label=_("People needed"), min_value=1, max_value=500, initial=2)


class GroupMessageForm(PlainTextFields, forms.Form):
    shift = forms.ChoiceField(label=_("To"), required=False)
    subject = forms.CharField(label=_("Subject"), max_length=150)
    body = forms.CharField(
        label=_("Message"), max_length=5000, widget=forms.Textarea(attrs={"rows": 6})
    )

    def __init__(self, *args, shifts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.shifts = {str(shift.pk): shift for shift in shifts}
        self.fields["shift"].choices = [
            ("", _("All the assignment's volunteers")),
            *(
                (
                    key,
                    _("The shift %(when)s")
                    % {"when": date_format(timezone.localtime(shift.starts_at), "j. F Y H:i")},
                )
                for key, shift in self.shifts.items()
            ),
        ]

    def clean_shift(self):
        return self.shifts.get(self.cleaned_data.get("shift") or "")


class InterestForm(PlainTextFields, forms.Form):
    message = forms.CharField(
        label=_("Message to the organiser (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AnswerForm(PlainTextFields, forms.Form):
    answer = forms.CharField(
        label=_("Message to the volunteer"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class HoursForm(PlainTextFields, forms.Form):
    assignment = forms.ModelChoiceField(
        label=pgettext_lazy("volunteering", "Assignment"), queryset=Assignment.objects.none()
    )
    date = SaneDateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    # A text field read by core.validators.parse_hours: "2,5" and "2.5" are both two and a
    # half hours (a number field read the Norwegian comma as 25).
    hours = forms.CharField(
        label=_("Hours"),
        max_length=6,
        help_text=_("For example 2,5 for two and a half hours."),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    shift = forms.ModelChoiceField(
        label=_("Shift (optional)"),
        queryset=Shift.objects.none(),
        required=False,
        help_text=_("Choose the shift if the hours were given on one of your shifts."),
    )
    note = forms.CharField(label=_("Note (optional)"), required=False, max_length=300)

    field_order = ["assignment", "shift", "date", "hours", "note"]

    def clean_hours(self):
        return parse_hours(self.cleaned_data.get("hours"))

    def __init__(self, *args, assignments=None, shifts=None, **kwargs):
        super().__init__(*args, **kwargs)
        if assignments is not None:
            self.fields["assignment"].queryset = assignments
        if shifts is not None:
            self.fields["shift"].queryset = shifts
        self.fields["shift"].label_from_instance = lambda shift: (
            f"{shift.assignment.title}, {timezone.localtime(shift.starts_at):%d.%m.%Y %H:%M}"
        )

    def clean(self):
        data = super().clean()
        shift, assignment = data.get("shift"), data.get("assignment")
        if shift is not None and assignment is not None and shift.assignment_id != assignment.pk:
            self.add_error("shift", _("The shift belongs to another assignment."))
        return data


class CertificateForm(PlainTextFields, forms.Form):
    volunteer = forms.ChoiceField(label=pgettext_lazy("volunteering", "Volunteer"))
    role = forms.CharField(label=_("Role"), max_length=200)
    shown_on = SaneDateField(
        label=_("Date the certificate was shown"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, volunteers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.volunteers = {str(v.pk): v for v in volunteers}
        self.fields["volunteer"].choices = [(str(v.pk), str(v)) for v in volunteers]

    def clean_volunteer(self):
        return self.volunteers[self.cleaned_data["volunteer"]]


class RecordHoursForm(PlainTextFields, forms.Form):
    """A coordinator records the hours a volunteer worked on an assignment."""

    assignment = forms.TypedChoiceField(label=_("Assignment"), coerce=int)
    date = SaneDateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    hours = forms.DecimalField(
        label=_("Hours"), min_value=0, max_value=24, decimal_places=2, localize=True
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args, assignments=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.assignments = {a.pk: a for a in assignments}
        self.fields["assignment"].choices = [(a.pk, a.title) for a in assignments]
        self.fields["date"].initial = timezone.localdate()
