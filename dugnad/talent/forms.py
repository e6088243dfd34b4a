"""Forms. The call's questions are data (CallQuestion rows, the grants app's field kinds)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dugnad.core.forms import PlainTextFields, https_formfield
from dugnad.core.models import Municipality
from dugnad.core.params import SaneDateField, SaneDateTimeField
from dugnad.grants.forms import LONG_TEXT_LIMIT, SHORT_TEXT_LIMIT
from dugnad.grants.models import FieldKind

from .models import (
    Call,
    CallQuestion,
    Discipline,
    Gender,
    Membership,
    Nomination,
    Partner,
    Programme,
    SubRegion,
    Track,
)

DATETIME = {
    "widget": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
}


class NominationForm(PlainTextFields, forms.Form):
    track = forms.ModelChoiceField(queryset=Track.objects.none(), label=_("Track"))
    discipline = forms.ModelChoiceField(queryset=Discipline.objects.none(), label=_("Discipline"))
    home_municipality = forms.ModelChoiceField(
        queryset=Municipality.objects.none(),
        label=_("The pupil's home municipality"),
        help_text=_("Only pupils living in a member municipality can be nominated."),
    )
    pupil_name = forms.CharField(label=_("The pupil's full name"), max_length=200)
    birth_date = SaneDateField(
        label=_("The pupil's date of birth"), widget=forms.DateInput(attrs={"type": "date"})
    )
    gender = forms.ChoiceField(
        label=_("Gender"), choices=Gender.choices, initial=Gender.UNSPECIFIED
    )
    pupil_email = forms.EmailField(
        label=_("The pupil's email"),
        required=False,
        help_text=_("For pupils aged 13 or more: they confirm and complete the application."),
    )
    guardian_name = forms.CharField(label=_("Guardian's name"), max_length=200, required=False)
    guardian_email = forms.EmailField(
        label=_("Guardian's email"),
        required=False,
        help_text=_("Required for pupils under 18: the guardian gives consent."),
    )
    teacher_statement = forms.CharField(
        label=_("Why you nominate the pupil"),
        max_length=LONG_TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args, call, **kwargs):
        super().__init__(*args, **kwargs)
        programme = call.programme
        self.fields["track"].queryset = programme.tracks.all()
        self.fields["discipline"].queryset = programme.disciplines.all()
        self.fields["home_municipality"].queryset = Municipality.objects.filter(
            pk__in=Membership.objects.filter(programme=programme).values("municipality_id")
        ).order_by("name")
        for name in ("pupil_name", "pupil_email", "guardian_name", "guardian_email"):
            self.fields[name].widget.attrs["autocomplete"] = "off"


def question_field(question: CallQuestion):
    """A form field for one of the call's questions (text, long text, number, choice, yes/no)."""
    common = {"label": question.label, "help_text": question.help_text, "required": False}
    if question.kind == FieldKind.TEXT:
        return forms.CharField(max_length=question.max_length or SHORT_TEXT_LIMIT, **common)
    if question.kind == FieldKind.NUMBER:
        return forms.IntegerField(min_value=0, max_value=10**6, **common)
    if question.kind == FieldKind.CHOICE:
        return forms.ChoiceField(choices=[("", "—")] + [(c, c) for c in question.choices], **common)
    if question.kind == FieldKind.YES_NO:
        return forms.ChoiceField(
            choices=[("yes", _("Yes")), ("no", _("No"))], widget=forms.RadioSelect, **common
        )
    return forms.CharField(
        max_length=question.max_length or LONG_TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 5}),
        **common,
    )


class ApplicationForm(PlainTextFields, forms.Form):
    """What the pupil or guardian completes. Saving keeps a draft; required answers are
    checked when the application is sent (talent.actions.nominations.missing)."""

    repertoire = forms.CharField(
        label=_("Repertoire or portfolio"),
        help_text=_("The pieces you will play at the audition, or the works in your portfolio."),
        max_length=LONG_TEXT_LIMIT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    files = forms.FileField(
        label=_("Add a file"),
        required=False,
        help_text=_(
            "A recording, score or pictures of your work: PDF, image, sound or video, up to 20 MB."
        ),
    )

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for question in self.questions:
            self.fields[f"q_{question.key}"] = question_field(question)
            if question.required:
                self.fields[f"q_{question.key}"].label = f"{question.label} *"

    def answers(self) -> dict:
        return {
            q.key: (
                ""
                if self.cleaned_data.get(f"q_{q.key}") is None
                else self.cleaned_data[f"q_{q.key}"]
            )
            for q in self.questions
        }

    @staticmethod
    def initial_for(nomination, questions) -> dict:
        initial = {"repertoire": nomination.repertoire}
        for q in questions:
            initial[f"q_{q.key}"] = nomination.answers.get(q.key, "")
        return initial


class ConsentForm(PlainTextFields, forms.Form):
    consent = forms.BooleanField(
        label=_(
            "I am the pupil's guardian and consent to the application and to the programme "
            "storing what it needs about the pupil."
        ),
    )


class ScoreForm(PlainTextFields, forms.Form):
    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for index, criterion in enumerate(self.criteria):
            self.fields[f"c{index}"] = forms.TypedChoiceField(
                label=criterion,
                choices=[("", "—")] + [(str(v), str(v)) for v in range(1, 6)],
                coerce=int,
            )

    def scores(self) -> dict:
        return {c: self.cleaned_data[f"c{i}"] for i, c in enumerate(self.criteria)}


class ConflictForm(PlainTextFields, forms.Form):
    reason = forms.CharField(label=_("What is the conflict of interest?"), max_length=300)


class DecisionForm(PlainTextFields, forms.Form):
    outcome = forms.ChoiceField(
        label=_("Decision"),
        choices=[c for c in Nomination.Outcome.choices if c[0] != Nomination.Outcome.PENDING],
    )


class AnswerForm(PlainTextFields, forms.Form):
    answer = forms.ChoiceField(
        label=_("Your answer"),
        choices=[("accept", _("I accept the place")), ("decline", _("I decline the place"))],
        widget=forms.RadioSelect,
    )


class SlotChoiceForm(PlainTextFields, forms.Form):
    slot = forms.ModelChoiceField(queryset=None, label=_("Audition time"))

    def __init__(self, *args, slots, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slot"].queryset = slots


class SlotsForm(PlainTextFields, forms.Form):
    discipline = forms.ModelChoiceField(queryset=Discipline.objects.none(), label=_("Discipline"))
    place = forms.CharField(label=_("Place"), max_length=200)
    starts_at = SaneDateTimeField(label=_("First slot starts"), **DATETIME)
    count = forms.IntegerField(label=_("Number of slots"), min_value=1, max_value=60, initial=6)
    minutes = forms.IntegerField(
        label=_("Minutes per slot"), min_value=5, max_value=240, initial=20
    )

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["discipline"].queryset = programme.disciplines.all()


class NoteForm(PlainTextFields, forms.Form):
    text = forms.CharField(
        label=_("Progress note"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )


# -- set-up ---------------------------------------------------------------------------------------


class ProgrammeForm(PlainTextFields, forms.ModelForm):
    formfield_callback = https_formfield

    class Meta:
        model = Programme
        fields = ["name", "summary", "description", "min_age", "max_age", "published"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}


class TrackForm(PlainTextFields, forms.ModelForm):
    class Meta:
        model = Track
        fields = ["name", "by_audition", "description"]


class DisciplineForm(PlainTextFields, forms.ModelForm):
    class Meta:
        model = Discipline
        fields = ["name"]


class SubRegionForm(PlainTextFields, forms.ModelForm):
    class Meta:
        model = SubRegion
        fields = ["name"]


class MembershipForm(PlainTextFields, forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["municipality", "subregion"]

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subregion"].queryset = programme.subregions.all()
        self.fields["municipality"].queryset = Municipality.objects.order_by("name")


class PartnerForm(PlainTextFields, forms.ModelForm):
    formfield_callback = https_formfield

    class Meta:
        model = Partner
        fields = ["name", "kind", "role", "website"]


class CallForm(PlainTextFields, forms.ModelForm):
    opens_at = SaneDateTimeField(label=_("Nominations open"), **DATETIME)
    nomination_deadline = SaneDateTimeField(label=_("Deadline for nominations"), **DATETIME)
    completion_deadline = SaneDateTimeField(
        label=_("Deadline for completing the application"), **DATETIME
    )
    criteria_text = forms.CharField(
        label=_("Scoring criteria"),
        help_text=_("One criterion per line; the panel scores each from 1 to 5."),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
    )

    class Meta:
        model = Call
        fields = [
            "year",
            "opens_at",
            "nomination_deadline",
            "completion_deadline",
            "places",
            "answer_days",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["criteria_text"].initial = "\n".join(self.instance.criteria)

    def clean_criteria_text(self):
        lines = [line.strip()[:200] for line in self.cleaned_data["criteria_text"].splitlines()]
        criteria = list(dict.fromkeys(line for line in lines if line))
        if not criteria:
            raise forms.ValidationError(_("Give at least one criterion."))
        return criteria

    def save(self, commit=True):
        self.instance.criteria = self.cleaned_data["criteria_text"]
        return super().save(commit=commit)


class QuestionForm(PlainTextFields, forms.ModelForm):
    choices_text = forms.CharField(
        label=_("Choices"),
        required=False,
        help_text=_("For a choice: one option per line."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )

    class Meta:
        model = CallQuestion
        fields = ["key", "label", "kind", "required", "help_text", "position"]

    def clean(self):
        cleaned = super().clean()
        options = [c.strip() for c in cleaned.get("choices_text", "").splitlines() if c.strip()]
        if cleaned.get("kind") == FieldKind.CHOICE and len(options) < 2:
            self.add_error("choices_text", _("Give at least two choices."))
        self.instance.choices = options
        return cleaned


class RoleForm(PlainTextFields, forms.Form):
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[
            ("admin", _("Programme administrator")),
            ("coordinator", _("Sub-region coordinator")),
            ("panel", _("Panel member")),
            ("teacher", _("Nominating teacher")),
        ],
    )
    email = forms.EmailField(label=_("Email of the person"))
    subregion = forms.ModelChoiceField(
        queryset=SubRegion.objects.none(), required=False, label=_("Sub-region (for a coordinator)")
    )
    call = forms.ModelChoiceField(
        queryset=Call.objects.none(), required=False, label=_("Call (for a panel member)")
    )
    municipality = forms.ModelChoiceField(
        queryset=Municipality.objects.none(),
        required=False,
        label=_("Culture school's municipality (for a teacher)"),
    )

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subregion"].queryset = programme.subregions.all()
        self.fields["call"].queryset = programme.calls.all()
        self.fields["municipality"].queryset = Municipality.objects.filter(
            pk__in=programme.memberships.values("municipality_id")
        ).order_by("name")

    def clean(self):
        cleaned = super().clean()
        needed = {"coordinator": "subregion", "panel": "call", "teacher": "municipality"}
        field = needed.get(cleaned.get("role"))
        if field and not cleaned.get(field):
            self.add_error(field, _("Choose one for this role."))
        return cleaned

    def where(self) -> dict:
        field = {"coordinator": "subregion", "panel": "call", "teacher": "municipality"}.get(
            self.cleaned_data["role"]
        )
        return {field: self.cleaned_data[field]} if field else {}


class SessionForm(PlainTextFields, forms.Form):
    occurrence = forms.ModelChoiceField(
        queryset=None,
        label=_("Date in the calendar"),
        help_text=_("An event date organised by the programme's unit."),
    )
    subregion = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label=_("Sub-region"),
        help_text=_("Empty: for the whole programme."),
    )

    def __init__(self, *args, occurrences, subregions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["occurrence"].queryset = occurrences
        self.fields["occurrence"].label_from_instance = lambda o: (
            f"{timezone.localtime(o.start):%d.%m.%Y %H:%M} {o.event.title}"
        )
        self.fields["subregion"].queryset = subregions


class HigherEducationForm(PlainTextFields, forms.Form):
    went_on = forms.BooleanField(
        label=_("Went on to higher education in the subject"), required=False
    )


class RenewForm(PlainTextFields, forms.Form):
    call = forms.ModelChoiceField(queryset=None, label=_("Next year's call"))

    def __init__(self, *args, calls, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["call"].queryset = calls
