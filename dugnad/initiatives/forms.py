"""Forms of the co-creation pages: they validate shapes; the rules live in actions.py."""

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from dugnad.core.forms import PlainTextFields
from dugnad.core.models import AgeGroup, Unit
from dugnad.core.params import SaneDateField, SaneModelMultipleChoiceField
from dugnad.organisations.models import Organisation

from .models import CouncilMember, Initiative, Resource

Multi = forms.CheckboxSelectMultiple
DateInput = forms.DateInput(attrs={"type": "date"})


class InitiativeForm(PlainTextFields, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    aim = forms.CharField(
        label=_("Aim"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the initiative wants to achieve, and for whom."),
    )
    lead_unit = forms.ModelChoiceField(
        label=_("Lead unit"), queryset=Unit.objects.none(), required=False
    )
    age_groups = SaneModelMultipleChoiceField(
        label=_("Age groups"), queryset=AgeGroup.objects.all(), widget=Multi, required=False
    )
    partner_units = SaneModelMultipleChoiceField(
        label=_("Partner units"), queryset=Unit.objects.none(), widget=Multi, required=False
    )
    partner_organisations = SaneModelMultipleChoiceField(
        label=_("Partner organisations"),
        queryset=Organisation.objects.none(),
        widget=Multi,
        required=False,
    )
    external_partners = forms.CharField(
        label=_("Other partners"),
        max_length=300,
        required=False,
        help_text=_("Partners outside the municipality and the directory, separated by commas."),
    )
    state = forms.ChoiceField(label=_("State"), choices=Initiative.State.choices)
    starts_on = SaneDateField(label=_("Starts"), widget=DateInput, required=False)
    ends_on = SaneDateField(label=_("Ends"), widget=DateInput, required=False)
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    contact_name = forms.CharField(label=_("Contact person"), max_length=120, required=False)
    contact_email = forms.EmailField(label=_("Contact email"), required=False)

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        units = Unit.objects.in_municipality(municipality).order_by("name")
        self.fields["lead_unit"].queryset = units
        self.fields["partner_units"].queryset = units
        self.fields["partner_organisations"].queryset = (
            Organisation.objects.in_municipality(municipality).public().order_by("name")
        )

    @classmethod
    def for_initiative(cls, initiative: Initiative, data=None):
        initial = {
            name: getattr(initiative, name)
            for name in (
                "title", "aim", "external_partners", "state", "starts_on", "ends_on", "place",
                "contact_name", "contact_email",
            )
        }  # fmt: skip
        initial["lead_unit"] = initiative.lead_unit_id
        initial["age_groups"] = [g.pk for g in initiative.age_groups.all()]
        initial["partner_units"] = [u.pk for u in initiative.partner_units.all()]
        initial["partner_organisations"] = [o.pk for o in initiative.partner_organisations.all()]
        return cls(data, initial=initial, municipality=initiative.municipality)


class LinkEventForm(PlainTextFields, forms.Form):
    event = forms.ModelChoiceField(label=_("Event from the calendar"), queryset=None)

    def __init__(self, *args, events, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = events


class LinkAssignmentForm(PlainTextFields, forms.Form):
    assignment = forms.ModelChoiceField(label=_("Volunteer assignment"), queryset=None)

    def __init__(self, *args, assignments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignment"].queryset = assignments


class ResourceForm(PlainTextFields, forms.Form):
    partner = forms.CharField(label=_("Partner"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind of resource"), choices=Resource.Kind.choices)
    amount = forms.IntegerField(
        label=_("Hours, or kroner"),
        min_value=0,
        max_value=1_000_000_000,
        required=False,
        help_text=_(
            "Staff hours as hours; money in kroner. Leave empty for premises and equipment."
        ),
    )
    description = forms.CharField(label=_("Description"), max_length=300, required=False)

    def clean_amount(self):
        amount = self.cleaned_data.get("amount")
        if amount is not None and self.cleaned_data.get("kind") == Resource.Kind.MONEY:
            return amount * 100  # kroner typed, øre stored
        return amount


class UpdateForm(PlainTextFields, forms.Form):
    text = forms.CharField(label=_("Update"), widget=forms.Textarea(attrs={"rows": 3}))
    organisation = forms.ModelChoiceField(
        label=_("On behalf of"), queryset=Organisation.objects.none(), required=False
    )

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        if organisations:
            self.fields["organisation"].queryset = Organisation.objects.filter(
                pk__in=[o.pk for o in organisations]
            )
        else:
            del self.fields["organisation"]


class ReachForm(PlainTextFields, forms.Form):
    label = forms.CharField(
        label=_("What was counted"),
        max_length=200,
        help_text=_("E.g. visitors at Barnas verdensdag (estimate)."),
    )
    count = forms.IntegerField(label=_("Number of people"), min_value=1, max_value=10_000_000)
    counted_on = SaneDateField(label=_("Date"), widget=DateInput)
    age_group = forms.ModelChoiceField(
        label=_("Age group"), queryset=AgeGroup.objects.all(), required=False
    )


class StoryForm(PlainTextFields, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(label=_("Summary"), max_length=300, required=False)
    body = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "Paragraphs, bold, italics, lists and links are kept; anything else is removed."
        ),
    )
    author_name = forms.CharField(
        label=_("Byline"),
        max_length=150,
        required=False,
        help_text=_("The name shown as the writer; your own name if left empty."),
    )
    initiative = forms.ModelChoiceField(label=_("Initiative"), queryset=None, required=False)
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=None, required=False)
    event = forms.ModelChoiceField(label=_("Event"), queryset=None, required=False)

    def __init__(self, *args, choices: dict, **kwargs):
        super().__init__(*args, **kwargs)
        for name, queryset in choices.items():
            self.fields[name[:-1] if name != "initiatives" else "initiative"].queryset = queryset

    @classmethod
    def for_story(cls, story, choices, data=None):
        initial = {
            "title": story.title,
            "summary": story.summary,
            "body": story.body,
            "author_name": story.author_name,
            "initiative": story.initiative_id,
            "organisation": story.organisation_id,
            "event": story.event_id,
        }
        return cls(data, initial=initial, choices=choices)


class PhotoForm(PlainTextFields, forms.Form):
    image = forms.ImageField(label=_("Photo"), help_text=_("JPEG, PNG or WebP, at most 5 MB."))
    alt_text = forms.CharField(
        label=_("Description of the photo"),
        max_length=300,
        required=False,
        help_text=_("What the photo shows, for those who cannot see it."),
    )
    shows_people = forms.BooleanField(
        label=_("People can be recognised in the photo"), required=False, initial=True
    )
    consent_from = forms.CharField(
        label=_("Consent given by"),
        max_length=300,
        required=False,
        help_text=_("The people shown, or their guardians, who agreed to the photo being used."),
    )
    consent_on = SaneDateField(label=_("Consent given on"), widget=DateInput, required=False)


class ReviewForm(PlainTextFields, forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("publish", _("Publish")), ("return", _("Return to the author"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note to the author"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Required when you return the story: say what to change."),
    )


class ContactSearchForm(PlainTextFields, forms.Form):
    unit = forms.CharField(
        label=_("Which unit?"),
        max_length=100,
        required=False,
        help_text=_("E.g. nursing homes, library, school."),
    )


# --- the citizens' desk ---------------------------------------------------------------------


class CitizenFields(PlainTextFields, forms.Form):
    first_name = forms.CharField(label=_("Citizen's first name"), max_length=150)
    last_name = forms.CharField(label=_("Citizen's last name"), max_length=150, required=False)
    email = forms.EmailField(
        label=_("Citizen's email"),
        help_text=_(
            "A new account is made when there is none; the citizen gets a link to set their "
            "own password and take it over."
        ),
    )
    consent = forms.BooleanField(
        label=_("The citizen is present and agrees to this registration"), required=False
    )


class DeskVolunteerForm(CitizenFields):
    wants_to_try = forms.CharField(
        label=_("What the citizen would like to try"), max_length=300, required=False
    )


class DeskInterestForm(CitizenFields):
    assignment = forms.ModelChoiceField(label=_("Volunteer assignment"), queryset=None)
    message = forms.CharField(
        label=_("Message to the organiser"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )

    def __init__(self, *args, assignments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignment"].queryset = assignments


class DeskSignupForm(CitizenFields):
    occurrence = forms.ModelChoiceField(label=_("Event and date"), queryset=None)

    def __init__(self, *args, occurrences, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["occurrence"].queryset = occurrences
        self.fields["occurrence"].label_from_instance = lambda o: (
            f"{o.event.title}, {timezone.localtime(o.start):%d.%m.%Y %H:%M}"
        )


class DeskOrganisationForm(CitizenFields):
    name = forms.CharField(label=_("Organisation's name"), max_length=200)
    org_number = forms.CharField(label=_("Organisation number"), max_length=20, required=False)


# --- the volunteer conference and the volunteer council (staff) -----------------------------


class _OwnIds:
    AUTO_ID = "id_%s"

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", self.AUTO_ID)
        super().__init__(*args, **kwargs)


TimeInput = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class ConferenceDetailsForm(_OwnIds, PlainTextFields, forms.Form):
    # Several forms share the staff page: their own ids keep each label tied to its input.
    AUTO_ID = "conference-%s"
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(
        label=_("Summary"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class EventChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, event):
        first = next(iter(event.occurrences.all()), None)
        when = f" ({timezone.localtime(first.start):%d.%m.%Y})" if first else ""
        return f"{event.title}{when}"


class NewConferenceForm(PlainTextFields, forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(
        label=_("Summary"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    event = EventChoiceField(
        label=_("Calendar event for registration"),
        queryset=None,
        help_text=_(
            "People sign up for the conference through this event's sign-up. Create the event "
            "in the calendar first, with sign-up turned on."
        ),
    )

    def __init__(self, *args, events, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = events.prefetch_related("occurrences")
        self.fields["year"].initial = timezone.localdate().year + 1


class SessionForm(_OwnIds, PlainTextFields, forms.Form):
    # Several forms share the staff page: their own ids keep each label tied to its input.
    AUTO_ID = "session-%s"
    title = forms.CharField(label=_("Title"), max_length=200)
    date = SaneDateField(label=_("Date"), widget=DateInput)
    start = forms.TimeField(label=_("Starts"), widget=TimeInput)
    end = forms.TimeField(label=_("Ends"), widget=TimeInput)
    room = forms.CharField(label=_("Room"), max_length=120, required=False)
    speakers = forms.CharField(
        label=_("Speakers"),
        max_length=300,
        required=False,
        help_text=_("Names as they should appear in the programme."),
    )
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    # The action names the model's fields; show its errors by the inputs that set them.
    ACTION_FIELDS = {"starts_at": "start", "ends_at": "end"}

    @classmethod
    def for_session(cls, session, data=None):
        starts, ends = timezone.localtime(session.starts_at), timezone.localtime(session.ends_at)
        initial = {
            "title": session.title,
            "date": starts.date(),
            "start": starts.time(),
            "end": ends.time(),
            "room": session.room,
            "speakers": session.speakers,
            "description": session.description,
        }
        return cls(data, initial=initial)

    def action_data(self) -> dict:
        """The cleaned values with the date and times joined in Europe/Oslo."""
        data = dict(self.cleaned_data)
        day = data.pop("date")
        data["starts_at"] = timezone.make_aware(dt.datetime.combine(day, data.pop("start")))
        data["ends_at"] = timezone.make_aware(dt.datetime.combine(day, data.pop("end")))
        return data


class DocumentForm(_OwnIds, PlainTextFields, forms.Form):
    # Several forms share the staff page: their own ids keep each label tied to its input.
    AUTO_ID = "document-%s"
    title = forms.CharField(label=_("Title"), max_length=200)
    file = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_("PDF, Word, PowerPoint, ODT, ODP, JPEG or PNG, at most 20 MB."),
    )
    url = forms.URLField(
        label=_("Or a link to the document"),
        required=False,
        assume_scheme="https",
        help_text=_("When the document is published elsewhere, e.g. a video of a talk."),
    )
    published_on = SaneDateField(label=_("Published"), widget=DateInput, required=False)


class MemberForm(_OwnIds, PlainTextFields, forms.Form):
    # Several forms share the staff page: their own ids keep each label tied to its input.
    AUTO_ID = "member-%s"
    name = forms.CharField(label=_("Name"), max_length=150)
    role = forms.ChoiceField(label=_("Role in the council"), choices=CouncilMember.Role.choices)
    organisation = forms.ModelChoiceField(
        label=_("Organisation represented"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("Not an organisation in the directory"),
    )
    represents = forms.CharField(
        label=_("Or whom the member represents"),
        max_length=200,
        required=False,
        help_text=_("E.g. the youth council, or the municipality."),
    )
    term_start = SaneDateField(label=_("Term starts"), widget=DateInput)
    term_end = SaneDateField(label=_("Term ends"), widget=DateInput)

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = (
            Organisation.objects.in_municipality(municipality).public().order_by("name")
        )

    @classmethod
    def for_member(cls, member, data=None):
        initial = {
            "name": member.name,
            "role": member.role,
            "organisation": member.organisation_id,
            "represents": member.represents,
            "term_start": member.term_start,
            "term_end": member.term_end,
        }
        return cls(data, initial=initial, municipality=member.council.municipality_id)


class MeetingForm(_OwnIds, PlainTextFields, forms.Form):
    # Several forms share the staff page: their own ids keep each label tied to its input.
    AUTO_ID = "meeting-%s"
    date = SaneDateField(label=_("Date"), widget=DateInput)
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    agenda = forms.CharField(
        label=_("Agenda"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    minutes = forms.CharField(
        label=pgettext_lazy("council meeting", "Minutes"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        help_text=_("Write the minutes here, or upload them as a file below, or both."),
    )
    minutes_file = forms.FileField(
        label=_("Minutes as a file"),
        required=False,
        help_text=_("PDF, Word, PowerPoint, ODT, ODP, JPEG or PNG, at most 20 MB."),
    )
    remove_minutes_file = forms.BooleanField(
        label=_("Remove the uploaded minutes file"), required=False
    )

    def __init__(self, *args, has_file: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not has_file:
            del self.fields["remove_minutes_file"]

    @classmethod
    def for_meeting(cls, meeting, data=None, files=None):
        initial = {
            "date": meeting.date,
            "place": meeting.place,
            "agenda": meeting.agenda,
            "minutes": meeting.minutes,
        }
        return cls(data, files, initial=initial, has_file=bool(meeting.minutes_file))


class CouncilDetailsForm(_OwnIds, PlainTextFields, forms.Form):
    # Several forms share the staff page: their own ids keep each label tied to its input.
    AUTO_ID = "council-%s"
    name = forms.CharField(label=_("Name"), max_length=200)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
