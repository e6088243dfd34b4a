from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from dugnad.core.forms import PlainTextFields
from dugnad.core.models import Area
from dugnad.core.money import KronerField
from dugnad.core.params import SaneDateField

from .models import (
    LAST_GRADE,
    FeePlan,
    Offer,
    Programme,
    RuleKind,
    Subject,
    SubjectArea,
    Teaching,
    Weekday,
)

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CatalogueFilterForm(PlainTextFields, forms.Form):
    age = forms.IntegerField(label=_("Age"), required=False, min_value=0, max_value=120)
    grade = forms.IntegerField(
        label=_("School grade"), required=False, min_value=1, max_value=LAST_GRADE
    )
    area = forms.ChoiceField(
        label=_("Area"), required=False, choices=[("", _("All areas")), *SubjectArea.choices]
    )
    programme = forms.ChoiceField(
        label=_("Programme"),
        required=False,
        choices=[("", _("All programmes")), *Programme.choices],
    )
    teaching = forms.ChoiceField(
        label=_("Teaching"),
        required=False,
        choices=[("", _("Alone or in a group")), *Teaching.choices],
    )


class PupilForm(PlainTextFields, forms.Form):
    myself = forms.BooleanField(label=_("I am applying for myself (18 or older)"), required=False)
    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    birth_date = SaneDateField(label=_("Date of birth"), widget=DATE_WIDGET)
    area = forms.ModelChoiceField(
        label=_("Part of the municipality where the pupil lives"),
        queryset=Area.objects.none(),
        required=False,
        empty_label=_("Do not say"),
    )

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = Area.objects.in_municipality(municipality)


class ApplyForm(PlainTextFields, forms.Form):
    pupil = forms.ModelChoiceField(label=_("Who is applying"), queryset=None, empty_label=None)
    choice_1 = forms.ModelChoiceField(label=_("First choice"), queryset=None)
    choice_2 = forms.ModelChoiceField(label=_("Second choice"), queryset=None, required=False)
    choice_3 = forms.ModelChoiceField(label=_("Third choice"), queryset=None, required=False)

    def __init__(self, *args, pupils, offers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pupil"].queryset = pupils
        for name in ("choice_1", "choice_2", "choice_3"):
            self.fields[name].queryset = offers
            self.fields[name].empty_label = _("No choice")
            self.fields[name].label_from_instance = _offer_label

    def choices(self) -> list:
        return [self.cleaned_data.get(f"choice_{n}") for n in (1, 2, 3)]


def _offer_label(offer) -> str:
    return _("%(subject)s, %(programme)s, %(who)s") % {
        "subject": offer.subject.name,
        "programme": offer.get_programme_display(),
        "who": offer.who_for(),
    }


class InviteForm(PlainTextFields, forms.Form):
    email = forms.EmailField(label=_("Email of the other guardian"))


class OfferForm(PlainTextFields, forms.ModelForm):
    class Meta:
        model = Offer
        fields = [
            "subject",
            "programme",
            "teaching",
            "minutes",
            "min_age",
            "max_age",
            "min_grade",
            "max_grade",
            "places",
            "fee_plan",
            "venue",
            "area",
            "description",
            "is_published",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subject"].queryset = Subject.objects.filter(school=school)
        self.fields["subject"].label = _("Subject")
        self.fields["fee_plan"].queryset = FeePlan.objects.filter(school=school)
        self.fields["fee_plan"].label = _("Fee plan")
        if self.instance.pk and self.instance.by_grade and not self.is_bound:
            # The ages of an offer by grade are derived from the grades; showing them as if
            # typed would invite editing fields that the grades override.
            self.initial["min_age"] = self.initial["max_age"] = None
        self.fields["area"].queryset = Area.objects.in_municipality(school.municipality)
        self.fields["minutes"].min_value = 1
        self.fields["minutes"].max_value = 600
        self.fields["places"].max_value = 5000
        for name in ("min_age", "max_age"):
            self.fields[name].required = False
            self.fields[name].max_value = 120
        for name in ("min_grade", "max_grade"):
            self.fields[name].min_value = 1
            self.fields[name].max_value = LAST_GRADE
        self.fields["min_age"].help_text = _("For an offer limited by age.")
        self.fields["min_grade"].help_text = _(
            "Or limit the offer by school grade (1 to 13) instead of age: fill in both grades "
            "and leave the ages empty. A child's grade follows from the birth year."
        )


RULE_CHOICES = [("", _("No rule")), *RuleKind.choices]


class RulesForm(PlainTextFields, forms.Form):
    rule_1 = forms.ChoiceField(label=_("First rule"), choices=RULE_CHOICES, required=False)
    rule_2 = forms.ChoiceField(label=_("Second rule"), choices=RULE_CHOICES, required=False)
    rule_3 = forms.ChoiceField(label=_("Third rule"), choices=RULE_CHOICES, required=False)
    rule_4 = forms.ChoiceField(label=_("Fourth rule"), choices=RULE_CHOICES, required=False)

    def kinds(self) -> list[str]:
        return [kind for n in (1, 2, 3, 4) if (kind := self.cleaned_data.get(f"rule_{n}"))]

    def clean(self):
        data = super().clean()
        kinds = self.kinds()
        if len(set(kinds)) != len(kinds):
            raise forms.ValidationError(_("Choose each rule at most once."))
        return data


class MakeOffersForm(PlainTextFields, forms.Form):
    count = forms.IntegerField(
        label=_("How many places to offer"), min_value=1, max_value=1000, initial=1
    )


SEMESTER_CHOICES = [("autumn", _("Autumn")), ("spring", _("Spring"))]


class SemesterForm(PlainTextFields, forms.Form):
    semester = forms.ChoiceField(label=_("Semester"), choices=SEMESTER_CHOICES, required=False)


class ReductionForm(PlainTextFields, forms.Form):
    household_income = forms.IntegerField(
        label=_("The household's income last year (kroner)"),
        min_value=0,
        max_value=100_000_000,
        help_text=_("Total income before tax, as in the tax assessment."),
    )
    evidence = forms.FileField(
        label=_("Evidence of the income (PDF, JPEG or PNG)"),
        required=False,
        help_text=_("For example the tax assessment (skattemelding). At most 10 MB."),
    )


class DecideForm(PlainTextFields, forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("grant", _("Grant by the income band")), ("refuse", _("Refuse"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=_("Note to the payer"), max_length=300, required=False)


class FreePlaceForm(PlainTextFields, forms.Form):
    free = forms.BooleanField(label=_("Free place"), required=False)
    reason = forms.CharField(label=_("Reason for the free place"), max_length=200, required=False)


TIME_WIDGET = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class GroupForm(PlainTextFields, forms.Form):
    name = forms.CharField(label=_("Name of the group"), max_length=100)
    teacher = forms.ModelChoiceField(label=_("Teacher"), queryset=None)
    room = forms.ModelChoiceField(
        label=_("Room"),
        queryset=None,
        required=False,
        empty_label=_("No room (taught elsewhere)"),
        help_text=_("The room is booked for every lesson through the premises booking."),
    )
    weekday = forms.TypedChoiceField(label=_("Weekday"), choices=Weekday.choices, coerce=int)
    start_time = forms.TimeField(label=_("From"), widget=TIME_WIDGET)
    end_time = forms.TimeField(label=_("To"), widget=TIME_WIDGET)
    first_date = SaneDateField(label=_("First lesson"), widget=DATE_WIDGET)
    last_date = SaneDateField(label=_("Last lesson"), widget=DATE_WIDGET)

    def __init__(self, *args, teachers, rooms, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["teacher"].queryset = teachers
        self.fields["teacher"].label_from_instance = lambda u: u.display_name
        self.fields["room"].queryset = rooms
        self.fields["room"].label_from_instance = lambda r: f"{r.building.name}: {r.name}"

    def clean(self):
        data = super().clean()
        if (
            data.get("start_time")
            and data.get("end_time")
            and data["end_time"] <= data["start_time"]
        ):
            self.add_error("end_time", _("The end must be after the start."))
        return data


class MembersForm(PlainTextFields, forms.Form):
    places = forms.ModelMultipleChoiceField(
        label=_("Pupils to add"), queryset=None, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, places, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["places"].queryset = places
        self.fields["places"].label_from_instance = lambda p: str(p.pupil)


class CancelLessonForm(PlainTextFields, forms.Form):
    reason = forms.CharField(label=_("Why is the lesson cancelled?"), max_length=200)


class LevelForm(PlainTextFields, forms.Form):
    level = forms.CharField(label=_("Level reached"), max_length=100)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class AbsenceForm(PlainTextFields, forms.Form):
    note = forms.CharField(
        label=_("Message to the teacher (optional)"), max_length=200, required=False
    )


class ContinuationForm(PlainTextFields, forms.Form):
    """One place's answer; the page shows one of these per place, prefixed by the place."""

    answer = forms.ChoiceField(label=_("Next school year"), widget=forms.RadioSelect, choices=())
    new_offer = forms.ModelChoiceField(
        label=_("Change to"), queryset=None, required=False, empty_label=_("Choose an offer")
    )

    def __init__(self, *args, offers, **kwargs):
        from .models import Continuation

        super().__init__(*args, **kwargs)
        self.fields["answer"].choices = Continuation.Answer.choices
        self.fields["new_offer"].queryset = offers
        self.fields["new_offer"].label_from_instance = _offer_label


class DeadlineForm(PlainTextFields, forms.Form):
    continuation_deadline = SaneDateField(
        label=_("Re-registration deadline"), widget=DATE_WIDGET, required=False
    )
    continuation_silence = forms.ChoiceField(label=_("When a family does not answer"), choices=())

    def __init__(self, *args, **kwargs):
        from .models import SchoolYear

        super().__init__(*args, **kwargs)
        self.fields["continuation_silence"].choices = SchoolYear.Silence.choices


class PopulationForm(PlainTextFields, forms.Form):
    population = forms.IntegerField(
        label=_("Children aged 6-15 in the municipality this school year"),
        required=False,
        min_value=1,
        max_value=10_000_000,
        help_text=_("Used for the share of the age group the culture school reaches."),
    )


# --- Set-up by the culture school's administrators ---------------------------------------------


class SubjectForm(PlainTextFields, forms.ModelForm):
    class Meta:
        model = Subject
        fields = ["name", "area", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class FeePlanForm(PlainTextFields, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    semester_fee_ore = KronerField(
        label=_("Fee per semester (kroner)"),
        max_ore=10_000_000,
        help_text=_("For example 1 850 or 1 850,50."),
    )


class IncomeBandForm(PlainTextFields, forms.Form):
    up_to_g = forms.DecimalField(
        label=_("Household income up to (times G)"),
        max_digits=4,
        decimal_places=1,
        min_value=Decimal("0.1"),
        max_value=Decimal("99.9"),
        help_text=_("For example 3 for three times the basic amount G."),
        localize=True,
    )
    reduction_percent = forms.IntegerField(
        label=_("Reduction of the fee (%)"), min_value=1, max_value=100
    )


class SchoolYearForm(PlainTextFields, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=20, help_text=_("For example 2027/28."))
    starts_on = SaneDateField(label=_("First day"), widget=DATE_WIDGET)
    ends_on = SaneDateField(label=_("Last day"), widget=DATE_WIDGET)
    applications_open = forms.BooleanField(label=_("Open for applications"), required=False)
    offer_days = forms.IntegerField(
        label=_("Days a family has to answer an offer of a place"), min_value=1, max_value=90
    )
    sibling_second_percent = forms.IntegerField(
        label=_("Sibling discount for the second child (%)"), min_value=0, max_value=100
    )
    sibling_third_percent = forms.IntegerField(
        label=_("Sibling discount for the third child and later (%)"), min_value=0, max_value=100
    )
    basic_amount_ore = KronerField(
        label=_("The basic amount G (kroner)"),
        max_ore=100_000_000,
        help_text=_("Folketrygdens grunnbeløp, which the income bands are counted in."),
    )

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] <= data["starts_on"]:
            self.add_error("ends_on", _("The last day must come after the first day."))
        return data


def year_initial(year) -> dict:
    return {name: getattr(year, name) for name in SchoolYearForm.base_fields}
