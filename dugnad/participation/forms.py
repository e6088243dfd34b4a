"""Forms: plain text only, short labels written for 13-year-olds. Amounts are typed in kroner
(`core.money.KronerField`, as everywhere on the site) and handed on in øre."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dugnad.core.forms import PlainTextFields
from dugnad.core.models import Area, Unit
from dugnad.core.money import KronerField
from dugnad.core.params import SaneDateField

from .models import COMMENT_TEXT_MAX, IDEA_TEXT_MAX, Category, FollowUp

MAX_KRONER = 100_000_000


def kroner_field(label, **kwargs):
    return KronerField(label=label, max_ore=MAX_KRONER * 100, **kwargs)


class JoinForm(PlainTextFields, forms.Form):
    birth_year = forms.IntegerField(
        label=_("What year were you born?"),
        min_value=1900,
        max_value=2200,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "autocomplete": "bday-year"}),
        help_text=_("We use it to check your age. Nobody else sees it."),
    )
    shown_name = forms.CharField(
        label=_("First name to show"),
        max_length=30,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
        help_text=_("Others see only this name. Do not write your last name."),
    )
    lives_here = forms.BooleanField(label=_("I live in this municipality"))


class IdeaForm(PlainTextFields, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=100)
    text = forms.CharField(
        label=_("Your idea"),
        max_length=IDEA_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What should happen, and why? At most %(max)s characters.")
        % {"max": IDEA_TEXT_MAX},
    )
    category = forms.ChoiceField(
        label=_("What is it about?"), choices=[("", "–"), *Category.choices]
    )
    area = forms.ModelChoiceField(
        label=_("Where?"), queryset=Area.objects.none(), required=False, empty_label="–"
    )
    estimated_cost = kroner_field(
        _("What do you think it costs? (kroner)"), required=False, help_text=_("A guess is fine.")
    )
    image = forms.ImageField(
        label=_("Picture (if you want)"),
        required=False,
        help_text=_("JPEG, PNG or WebP, at most 5 MB. No faces of others without asking."),
    )
    image_alt = forms.CharField(
        label=_("What does the picture show?"),
        max_length=200,
        required=False,
        help_text=_("For people who cannot see it."),
    )
    school_class = forms.ChoiceField(label=_("Send in for"), required=False)

    def __init__(self, *args, process, classes=(), idea=None, **kwargs):
        if idea is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "title": idea.title,
                "text": idea.text,
                "category": idea.category,
                "area": idea.area_id,
                "estimated_cost": idea.estimated_cost_ore,
                "image_alt": idea.image_alt,
            }
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = Area.objects.in_municipality(process.municipality)
        if not process.has_budget:
            del self.fields["estimated_cost"]
        if idea is not None:
            self.fields["remove_image"] = forms.BooleanField(
                label=_("Remove the picture"), required=False
            )
        if classes and idea is None:
            self.fields["school_class"].choices = [
                ("", _("Myself")),
                *[(str(c.pk), str(c)) for c in classes],
            ]
        else:
            del self.fields["school_class"]

    def domain_data(self) -> dict:
        data = dict(self.cleaned_data)
        data["estimated_cost_ore"] = data.pop("estimated_cost", None)
        return data


class CommentForm(PlainTextFields, forms.Form):
    text = forms.CharField(
        label=_("Your comment"),
        max_length=COMMENT_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ModerateForm(PlainTextFields, forms.Form):
    reason = forms.CharField(
        label=_("Why is it hidden?"),
        max_length=300,
        required=False,
        help_text=_("The person who wrote it sees this."),
    )


class AnswerForm(PlainTextFields, forms.Form):
    feasible = forms.TypedChoiceField(
        label=_("Can it be done?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )
    cost = kroner_field(_("What will it cost? (kroner)"), required=False)
    answer = forms.CharField(
        label=_("Answer"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Explain in short sentences. Young people read this."),
    )


class VoteForm(PlainTextFields, forms.Form):
    def __init__(self, *args, process, ballot, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(str(i.pk), i.title) for i in ballot]
        if process.has_budget:
            self.fields["ideas"] = forms.MultipleChoiceField(
                label=_("Choose ideas that fit in the budget"),
                choices=choices,
                widget=forms.CheckboxSelectMultiple,
            )
        else:
            self.fields["ideas"] = forms.ChoiceField(
                label=_("Choose one idea"), choices=choices, widget=forms.RadioSelect
            )

    def chosen_ids(self) -> set[int]:
        value = self.cleaned_data["ideas"]
        values = value if isinstance(value, list) else [value]
        return {int(v) for v in values}


class FollowUpForm(PlainTextFields, forms.Form):
    state = forms.ChoiceField(label=_("State"), choices=FollowUp.State.choices)
    day = SaneDateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}), required=False
    )
    text = forms.CharField(
        label=_("What happened?"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )
    realised_by = forms.ChoiceField(label=_("Carried out by (measure or initiative)"),
                                    required=False)  # fmt: skip

    def __init__(self, *args, realisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        if realisations:
            self.fields["realised_by"].choices = [
                ("", "–"),
                *[(key, str(obj)) for key, obj in realisations],
            ]
        else:
            del self.fields["realised_by"]


class ClassForm(PlainTextFields, forms.Form):
    name = forms.CharField(label=_("Class"), max_length=80, help_text=_("For example 6B"))
    school = forms.CharField(label=_("School"), max_length=120)
    teacher_email = forms.EmailField(
        label=_("The teacher's email"), help_text=_("The teacher must have an account.")
    )


class ProcessForm(PlainTextFields, forms.Form):
    unit = forms.ModelChoiceField(label=_("Responsible unit"), queryset=Unit.objects.none())
    title = forms.CharField(label=_("Title"), max_length=150)
    summary = forms.CharField(label=_("Short summary"), max_length=300)
    description = forms.CharField(
        label=_("What it is about"), max_length=3000, required=False, widget=forms.Textarea
    )
    min_age = forms.IntegerField(label=_("Youngest age"), min_value=13, max_value=99, initial=13)
    max_age = forms.IntegerField(label=_("Oldest age"), min_value=13, max_value=99, initial=19)
    budget = kroner_field(
        _("Budget (kroner)"), required=False, help_text=_("Leave empty for a vote on one idea.")
    )
    winners = forms.IntegerField(
        label=_("Ideas chosen without a budget"), min_value=1, max_value=50, initial=1
    )
    ideas_start = SaneDateField(
        label=_("Ideas from"), widget=forms.DateInput(attrs={"type": "date"})
    )
    assessment_start = SaneDateField(
        label=_("Assessment from"), widget=forms.DateInput(attrs={"type": "date"})
    )
    vote_start = SaneDateField(label=_("Vote from"), widget=forms.DateInput(attrs={"type": "date"}))
    vote_end = SaneDateField(
        label=_("Results from"), widget=forms.DateInput(attrs={"type": "date"})
    )
    follow_up_start = SaneDateField(
        label=_("Follow-up from"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, units, process=None, **kwargs):
        if process is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "unit": process.unit_id,
                "title": process.title,
                "summary": process.summary,
                "description": process.description,
                "min_age": process.min_age,
                "max_age": process.max_age,
                "budget": process.budget_ore,
                "winners": process.winners,
                "ideas_start": process.ideas_start,
                "assessment_start": process.assessment_start,
                "vote_start": process.vote_start,
                "vote_end": process.vote_end,
                "follow_up_start": process.follow_up_start,
            }
        elif "initial" not in kwargs:
            kwargs["initial"] = {"ideas_start": timezone.localdate()}
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units

    def domain_data(self) -> dict:
        data = dict(self.cleaned_data)
        data["budget_ore"] = data.pop("budget", None)
        return data
