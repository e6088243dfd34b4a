"""Forms for the calendar filters, the organiser's event form and sign-up."""

from functools import partial

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import ModelChoiceIterator
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from dugnad.core import queries as core_queries
from dugnad.core.errors import DomainError
from dugnad.core.forms import PlainTextFields, https_formfield
from dugnad.core.models import AgeGroup, Area, Unit
from dugnad.core.params import SaneDateField
from dugnad.core.uploads import MEGABYTE, check_image
from dugnad.core.validators import normalise_phone
from dugnad.organisations.models import Organisation
from dugnad.premises.models import Room

from .models import Category, Event, PriceGroup, SignUpQuestion
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


class _ListedChoices(ModelChoiceIterator):
    """The options of a ListedModelChoiceField: its rows, read once."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for row in self.field.rows():
            yield self.choice(row)

    def __len__(self):
        return len(self.field.rows()) + (self.field.empty_label is not None)

    def __bool__(self):
        return self.field.empty_label is not None or bool(self.field.rows())


class ListedModelChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField over a short list (age groups, a municipality's areas) read at most
    once per form: the options and the check of a chosen value come from the same rows, where
    Django reads the table to render the options and again to check a choice. Nothing is read
    when the form is neither rendered nor given a value (the feeds, the API)."""

    iterator = _ListedChoices

    def __init__(self, *args, load=None, **kwargs):
        # `load()` gives the queryset's rows (a compiled query, core.queries): building and
        # compiling the queryset on every calendar page cost more than reading its rows.
        self.load = load
        super().__init__(*args, **kwargs)

    def _set_queryset(self, queryset):
        self._rows = None
        super()._set_queryset(queryset)

    queryset = property(forms.ModelChoiceField._get_queryset, _set_queryset)

    def rows(self) -> list:
        if self._rows is None:
            self._rows = self.load() if self.load else list(self.queryset)
        return self._rows

    def to_python(self, value):
        if value in self.empty_values:
            return None
        self.validate_no_null_characters(value)
        key = self.to_field_name or "pk"
        if isinstance(value, self.queryset.model):
            value = getattr(value, key)
        # The model field's own conversion, as the database lookup would apply it ("04" is 4).
        meta = self.queryset.model._meta
        field = meta.pk if key == "pk" else meta.get_field(key)
        try:
            wanted = field.to_python(value)
        except (ValueError, TypeError, ValidationError):
            wanted = None
        found = next((row for row in self.rows() if getattr(row, key) == wanted), None)
        if found is None:
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )
        return found


def _attrs(attrs: dict) -> str:
    """Django's widgets/attrs.html: ` name="value"`, a bare ` name` for True, none for False."""
    return "".join(
        f" {name}" if value is True else f' {name}="{conditional_escape(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def _input_html(widget: dict) -> SafeString:
    """Django's widgets/input.html from a widget's context."""
    value = widget["value"]
    shown = "" if value is None else f' value="{conditional_escape(value)}"'
    return mark_safe(  # noqa: S308  (every part escaped above)
        f'<input type="{widget["type"]}" name="{widget["name"]}"{shown}{_attrs(widget["attrs"])}>'
    )


def _select_html(widget, name: str, value, attrs: dict) -> SafeString:
    """Django's widgets/select.html and select_option.html for a single select without option
    groups, its options marked as Select.optgroups marks them (the first matching value), but
    without an option dict and its attributes copied per option."""
    chosen = widget.format_value(value)
    has_selected = False
    options = []
    for option_value, label in widget.choices:
        option_value = "" if option_value is None else option_value
        selected = not has_selected and str(option_value) in chosen
        has_selected |= selected
        options.append(
            f'\n  <option value="{conditional_escape(option_value)}"'
            f"{' selected' if selected else ''}>{conditional_escape(label)}</option>\n"
        )
    return mark_safe(  # noqa: S308  (every part escaped above)
        f'<select name="{name}"{_attrs(widget.build_attrs(widget.attrs, attrs))}>'
        f"{''.join(options)}\n</select>"
    )


class CalendarFilterForm(PlainTextFields, forms.Form):
    """The public filters; the same query string drives the page, the iCal feed and the API."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    start = SaneDateField(label=_("From"), required=False, widget=DateInput())
    end = SaneDateField(label=_("To"), required=False, widget=DateInput())
    category = forms.ChoiceField(
        label=_("Category"), required=False, choices=[("", _("All categories")), *Category.choices]
    )
    age_group = ListedModelChoiceField(
        label=_("Age group"),
        required=False,
        queryset=AgeGroup.objects.all(),
        load=core_queries.age_groups,
        empty_label=_("All ages"),
    )
    # The options and the check of a choice come from `load`, set per form to the served
    # municipality's parts: no queryset reads the table.
    area = ListedModelChoiceField(
        label=_("Part of the municipality"),
        required=False,
        queryset=Area.objects.none(),
        empty_label=_("The whole municipality"),
    )
    age = forms.IntegerField(
        label=_("Age of the participant"),
        help_text=_("Events open to this age, e.g. your child's."),
        required=False,
        min_value=0,
        max_value=120,
    )
    # Chosen from the organisation's own page ("its events in the calendar"): a select of every
    # organisation in the municipality (hundreds) would weigh down every calendar page.
    organisation = forms.ModelChoiceField(
        label=_("Organiser"),
        required=False,
        queryset=Organisation.objects.none(),
        to_field_name="slug",
        widget=forms.HiddenInput,
    )
    unit = forms.ModelChoiceField(
        label=_("Municipal unit"),
        required=False,
        queryset=Unit.objects.none(),
        widget=forms.HiddenInput,
    )
    accessibility = forms.MultipleChoiceField(
        label=_("Accessibility"),
        required=False,
        choices=ACCESSIBILITY_CHOICES,
        widget=forms.CheckboxSelectMultiple,
    )
    free = forms.BooleanField(label=_("Free only"), required=False)

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        # Only this municipality's parts, organisations and units: one deployment may hold the
        # whole country. The organiser and unit are looked up only when the query names one
        # (an empty value is never looked up); building their querysets on every calendar page
        # cost more than the rest of the form.
        self.fields["area"].load = partial(core_queries.areas_of, municipality)
        asked = self.data if self.is_bound else {}
        if asked.get("unit"):
            self.fields["unit"].queryset = Unit.objects.in_municipality(municipality)
        if asked.get("organisation"):
            organisations = Organisation.objects.public().in_municipality(municipality)
            self.fields["organisation"].queryset = organisations.only("id", "name", "slug")

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end date must not be before the start date."))
        if start and end and (end - start).days > 400:
            self.add_error("end", _("Choose a period of at most 400 days."))
        return data

    def panel_fields(self) -> list[dict]:
        """The filter panel's fields (all but the search and the hidden ones) as the page
        renders them: components/field.html's parts with each widget's HTML made here.

        The same markup as `field.as_field_group`, without a template per field, per widget
        and per option (about a quarter of a calendar miss): the widgets' context comes from
        Django (values, selected and checked options, ids), only its HTML is written out."""
        fields = []
        for bound in self:
            if bound.name == "q" or bound.is_hidden:
                continue
            widget = bound.field.widget
            kind = bound.widget_type
            errors = " ".join(str(error) for error in bound.errors)
            entry = {
                "kind": kind,
                "id": bound.auto_id,
                "label": bound.label,
                "help": bound.help_text,
                "errors": errors,
                "required": bound.field.required,
            }
            if kind in ("checkboxselectmultiple", "radioselect"):
                entry["options"] = [
                    {
                        "tag": _input_html(choice.data),
                        "id": choice.id_for_label,
                        "label": choice.choice_label,
                    }
                    for choice in bound.subwidgets
                ]
            else:
                # As the {% widget %} tag: described by its help and error, Designsystemet's
                # class, aria-invalid on an error; then the id, as BoundField.as_widget.
                described = [f"{bound.auto_id}_helptext"] * bool(bound.help_text)
                described += [f"{bound.auto_id}_error"] * bool(errors)
                attrs = {"aria-describedby": " ".join(described)} if described else {}
                if "class" not in widget.attrs:
                    attrs["class"] = "ds-input"
                if errors:
                    attrs["aria-invalid"] = "true"
                entry["widget"] = _widget_html(bound, attrs)
            fields.append(entry)
        return fields

    def hidden_html(self) -> SafeString:
        """The hidden fields (organisation, unit) as `{{ field }}` renders them."""
        hidden = "".join(_widget_html(bound, {}) for bound in self.hidden_fields())
        return mark_safe(hidden)  # noqa: S308  (each widget's HTML is escaped)


def _widget_html(bound, attrs: dict) -> SafeString:
    """A bound field's widget as BoundField.as_widget(attrs) renders it, for the input and
    select widgets of the filter form."""
    widget = bound.field.widget
    attrs = bound.build_widget_attrs(attrs, widget)
    if bound.auto_id and "id" not in widget.attrs:
        attrs.setdefault("id", bound.auto_id)
    if type(widget) is forms.Select:
        return _select_html(widget, bound.html_name, bound.value(), attrs)
    if isinstance(widget, (forms.widgets.Input, forms.CheckboxInput)):
        return _input_html(widget.get_context(bound.html_name, bound.value(), attrs)["widget"])
    return bound.as_widget(attrs=attrs)


class EventForm(PlainTextFields, forms.ModelForm):
    organiser = forms.ChoiceField(label=_("Organiser"))
    first_day = SaneDateField(label=_("Date"), widget=DateInput())
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
    until = SaneDateField(label=_("Repeats until"), required=False, widget=DateInput())
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
        formfield_callback = https_formfield
        fields = [
            "title", "summary", "description", "category", "age_groups", "min_age", "max_age",
            "venue_name", "address", "room", "area", "wheelchair_access", "hearing_loop",
            "easy_read", "sign_language", "languages", "image", "image_alt", "contact_name",
            "contact_email", "external_url", "signup_enabled", "capacity", "waitlist_capacity",
            "signup_opens_at", "signup_closes_at", "co_organisers", "co_organiser_units",
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
            "co_organisers": _("Other organisations that arrange the event with you."),
            "co_organiser_units": _("Municipal units that arrange the event with you."),
            "description": _("Simple formatting is kept; scripts are removed."),
            "image_alt": _("Required with an image: what the image shows."),
        }

    def __init__(self, *args, municipality, organisers=(), editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisers = {key: obj for key, obj in organisers}
        self.fields["organiser"].choices = [(key, str(obj)) for key, obj in organisers]
        # Only this municipality's: the selects must not list every room or organisation in
        # the country.
        self.fields["room"].queryset = (
            Room.objects.in_municipality(municipality)
            .select_related("building")
            .order_by("building__name", "name")
        )
        self.fields["room"].label_from_instance = lambda room: f"{room.building.name}: {room.name}"
        self.fields["co_organisers"].queryset = (
            Organisation.objects.public()
            .in_municipality(municipality)
            .only("id", "name", "slug")
            .order_by("name")
        )
        self.fields["co_organiser_units"].queryset = Unit.objects.in_municipality(
            municipality
        ).order_by("name")
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
        many = ("age_groups", "co_organisers", "co_organiser_units")
        data = self.cleaned_data
        values = {name: data.get(name) for name in self._meta.fields if name not in many}
        values["price_ore"] = self.cleaned_data["price_ore"]
        if not values.get("image"):
            values.pop("image", None)
        return values

    def co_organiser_values(self) -> dict:
        return {
            "co_organisers": list(self.cleaned_data.get("co_organisers") or []),
            "co_organiser_units": list(self.cleaned_data.get("co_organiser_units") or []),
        }


class GuestForm(PlainTextFields, forms.Form):
    """Who signs up without an account: a name, an email for the confirmation and a phone."""

    prefix = "guest"
    name = forms.CharField(label=_("Your name"), max_length=150)
    email = forms.EmailField(
        label=_("Your email"),
        max_length=254,
        help_text=_("The confirmation comes here, with a link to change or cancel later."),
    )
    phone = forms.CharField(
        label=_("Your phone"),
        max_length=30,
        required=False,
        help_text=_("So that the organiser can reach you, e.g. if the date is cancelled."),
    )

    def clean_phone(self):
        value = self.cleaned_data.get("phone", "")
        return normalise_phone(value) if value else ""


class SignUpWhoForm(PlainTextFields, forms.Form):
    for_self = forms.TypedChoiceField(
        label=_("Who is taking part?"),
        choices=[
            ("1", _("Me (the first person below), and maybe others")),
            ("0", _("Only others, e.g. my children")),
        ],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
        initial="1",
    )


MAX_PARTICIPANTS = 10


class ParticipantForm(PlainTextFields, forms.Form):
    """One person in a sign-up, with the event's own price groups and questions."""

    participant_name = forms.CharField(label=_("Participant's name"), max_length=150)
    participant_age = forms.IntegerField(
        label=_("Participant's age"), min_value=0, max_value=120, required=False
    )

    def __init__(self, *args, questions=(), price_groups=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        self.price_group_objects = {str(group.pk): group for group in price_groups}
        if self.price_group_objects:
            self.fields["price_group"] = forms.ChoiceField(
                label=_("Price group"),
                choices=[
                    (key, _price_label(group)) for key, group in self.price_group_objects.items()
                ],
            )
        for question in self.questions:
            name = f"q_{question.pk}"
            if question.kind == question.Kind.CHOICE:
                self.fields[name] = forms.ChoiceField(
                    label=question.label,
                    required=question.required,
                    choices=[("", "—")] + [(c, c) for c in question.choice_list],
                )
            else:
                self.fields[name] = forms.CharField(
                    label=question.label, required=question.required, max_length=500
                )

    def participant(self) -> dict:
        data = self.cleaned_data
        return {
            "participant_name": data["participant_name"],
            "participant_age": data.get("participant_age"),
            "price_group": self.price_group_objects.get(data.get("price_group") or ""),
            "answers": {q.pk: data.get(f"q_{q.pk}") or "" for q in self.questions},
        }


def _price_label(group) -> str:
    if group.is_free:
        return _("%(name)s: free") % {"name": group.name}
    return _("%(name)s: %(price)s kr") % {"name": group.name, "price": _kroner(group.price_ore)}


def _kroner(ore: int) -> str:
    return f"{ore // 100}" if ore % 100 == 0 else f"{ore / 100:.2f}".replace(".", ",")


class BaseParticipantFormSet(forms.BaseFormSet):
    def initial_form_count(self):
        # Rows carried over from a change of the number of participants are given as `initial`
        # but stay "extra" rows: an emptied one is ignored, not required.
        return super().initial_form_count() if self.is_bound else 0

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        if not any(form.has_changed() for form in self.forms):
            raise forms.ValidationError(_("Write the name of at least one participant."))


def carried_rows(data, rows: int) -> list[dict]:
    """The values typed in the rows of a submitted participant formset (`data`), for the first
    `rows` rows: choosing another number of participants keeps what was written."""
    try:
        total = int(data.get("form-TOTAL_FORMS", 0))
    except (TypeError, ValueError):
        total = 0
    carried = []
    for index in range(min(total, rows, MAX_PARTICIPANTS)):
        prefix = f"form-{index}-"
        carried.append(
            {key[len(prefix) :]: value for key, value in data.items() if key.startswith(prefix)}
        )
    return carried


def is_childrens_event(event) -> bool:
    """An event for children only: nobody signs themselves up ("Me" is not the default)."""
    if event.max_age is not None:
        return event.max_age < 13
    codes = {group.code for group in event.age_groups.all()}
    return bool(codes) and codes <= {"children"}


def participant_formset(rows: int = 1):
    """A formset of `rows` empty rows; rows left empty beyond the first are ignored."""
    rows = max(1, min(rows, MAX_PARTICIPANTS))
    return forms.formset_factory(
        ParticipantForm,
        formset=BaseParticipantFormSet,
        extra=rows - 1,
        min_num=1,
        max_num=MAX_PARTICIPANTS,
        validate_max=True,
        validate_min=True,
    )


class SignUpQuestionForm(PlainTextFields, forms.ModelForm):
    class Meta:
        model = SignUpQuestion
        fields = ["label", "required", "kind", "choices"]
        widgets = {"choices": forms.Textarea(attrs={"rows": 3})}

    def clean(self):
        data = super().clean()
        is_choice = data.get("kind") == SignUpQuestion.Kind.CHOICE
        if is_choice and not (data.get("choices") or "").strip():
            self.add_error("choices", _("Write at least one choice, one per line."))
        return data


class PriceGroupForm(PlainTextFields, forms.ModelForm):
    price_kroner = forms.IntegerField(
        label=_("Price in kroner"), min_value=0, max_value=100000, initial=0,
        help_text=_("0 means free."),
    )  # fmt: skip

    class Meta:
        model = PriceGroup
        fields = ["name"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["price_kroner"].initial = self.instance.price_ore // 100


def setup_formsets(event, data=None):
    """The organiser's formsets for the event's sign-up questions and price groups."""
    questions = forms.modelformset_factory(
        SignUpQuestion, form=SignUpQuestionForm, extra=1, can_delete=True, max_num=20
    )
    prices = forms.modelformset_factory(
        PriceGroup, form=PriceGroupForm, extra=1, can_delete=True, max_num=10
    )
    return (
        questions(data, prefix="questions", queryset=event.signup_questions.all()),
        prices(data, prefix="prices", queryset=event.price_groups.all()),
    )


class OccurrenceCapacityForm(PlainTextFields, forms.Form):
    capacity = forms.IntegerField(
        label=_("Places on this date"),
        min_value=0,
        max_value=100000,
        required=False,
        help_text=_("Leave empty to use the event's number of places."),
    )


class ReasonForm(PlainTextFields, forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=500, widget=forms.Textarea(attrs={"rows": 3})
    )


class OptionalReasonForm(PlainTextFields, forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300, required=False)


class RescheduleForm(PlainTextFields, forms.Form):
    start_time = forms.TimeField(label=_("New start time"), widget=TimeInput())
    end_time = forms.TimeField(label=_("New end time"), widget=TimeInput())


class WidgetForm(PlainTextFields, forms.Form):
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

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = self.fields["organisation"].queryset.in_municipality(
            municipality
        )
        self.fields["unit"].queryset = self.fields["unit"].queryset.in_municipality(municipality)

    def clean(self):
        data = super().clean()
        if not self.errors and bool(data.get("organisation")) == bool(data.get("unit")):
            raise forms.ValidationError(_("Choose either an organisation or a municipal unit."))
        return data


class ApprovalPolicyForm(PlainTextFields, forms.Form):
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

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = self.fields["organisation"].queryset.in_municipality(
            municipality
        )


class MoveOccurrenceForm(PlainTextFields, forms.Form):
    day = SaneDateField(label=_("New date"), widget=DateInput())
    start_time = forms.TimeField(label=_("New start time"), widget=TimeInput())
    end_time = forms.TimeField(label=_("New end time"), widget=TimeInput())
    note = forms.CharField(
        label=_("Message to participants"),
        max_length=300,
        required=False,
        help_text=_("Shown on the event page, for example why the date moved."),
    )
