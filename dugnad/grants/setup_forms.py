"""Forms of the scheme set-up pages. Amounts are typed in kroner and kept in øre (the grants'
one kroner parser, `core.money.parse_kroner`); criteria and choices are typed one per line."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from dugnad.core.forms import PlainTextFields
from dugnad.core.money import format_kroner_input, parse_kroner
from dugnad.core.params import SaneDateField, SaneDateTimeField
from dugnad.core.roles import UnitRoleName

from .forms import KronerField
from .models import FieldKind, FormField, GrantScheme, Round, StateKind
from .setup import WORKFLOW_START_ONLY, WORKFLOW_USUAL

MAX_LINES = 50


class LinesField(forms.CharField):
    """A list typed one item per line (no JSON): blank lines are dropped."""

    def __init__(self, *args, max_item_length=200, **kwargs):
        self.max_item_length = max_item_length
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 4}))
        kwargs.setdefault("max_length", 10_000)
        super().__init__(*args, **kwargs)

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return "\n".join(str(item) for item in value)
        return value

    def to_python(self, value):
        text = super().to_python(value)
        items = [line.strip() for line in str(text or "").splitlines() if line.strip()]
        if len(items) > MAX_LINES:
            raise ValidationError(_("Write at most %(max)s lines.") % {"max": MAX_LINES})
        too_long = [item for item in items if len(item) > self.max_item_length]
        if too_long:
            raise ValidationError(
                _("Each line can have at most %(max)s characters.") % {"max": self.max_item_length}
            )
        return items

    def has_changed(self, initial, data):
        return self.prepare_value(initial or []) != "\n".join(self.to_python(data))


class SchemeForm(PlainTextFields, forms.ModelForm):
    max_amount = KronerField(
        label=_("Largest amount per application (kr)"),
        required=False,
        help_text=_("In kroner: 50000 means 50 000 kr. Leave empty for no limit."),
    )
    criteria = LinesField(
        label=_("Scoring criteria"),
        required=False,
        help_text=_("One criterion per line. Reviewers score each from 1 to 5."),
    )

    class Meta:
        model = GrantScheme
        fields = [
            "name",
            "unit",
            "purpose",
            "eligibility",
            "rules_text",
            "max_amount",
            "criteria",
            "appeal_weeks",
            "published",
        ]
        labels = {"purpose": _("Description"), "unit": _("Handled by")}
        widgets = {
            "purpose": forms.Textarea(attrs={"rows": 4}),
            "rules_text": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "purpose": _("What the scheme supports; shown first on the scheme's page."),
            "published": _("Shown on the public list of schemes."),
        }

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["unit"].empty_label = None
        if self.instance.max_amount is not None:
            self.initial["max_amount"] = format_kroner_input(self.instance.max_amount)
        if self.instance.pk is None:
            # A new scheme is previewed before it is published.
            self.initial.setdefault("published", False)
            self.fields["workflow"] = forms.ChoiceField(
                label=_("Workflow to start from"),
                choices=[
                    (WORKFLOW_USUAL, _("The usual one (received, in review, decisions, paid…)")),
                    (WORKFLOW_START_ONLY, _("Only the start state: I build my own")),
                ],
                initial=WORKFLOW_USUAL,
                widget=forms.RadioSelect,
            )


class SectionForm(PlainTextFields, forms.Form):
    title = forms.CharField(label=_("Title of the section"), max_length=200)
    help_text = forms.CharField(
        label=_("Text under the title"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What applicants should know before they answer this part (optional)."),
    )


class FieldForm(PlainTextFields, forms.ModelForm):
    """One field of the application form. Limits are typed in kroner for an amount."""

    key = forms.SlugField(
        label=_("Key"),
        max_length=60,
        required=False,
        help_text=_("A short name for the answer in exports; made from the label when empty."),
    )
    choices = LinesField(
        label=_("Choices"), required=False, help_text=_("For a choice: one option per line.")
    )
    min_value = forms.CharField(label=_("Smallest value"), required=False, max_length=20)
    max_value = forms.CharField(
        label=_("Largest value"),
        required=False,
        max_length=20,
        help_text=_("For an amount, in kroner; for a number, a count."),
    )
    show_when_key = forms.ChoiceField(label=_("Show only when the field"), required=False)

    class Meta:
        model = FormField
        fields = [
            "section",
            "label",
            "label_nn",
            "label_en",
            "kind",
            "required",
            "help_text",
            "help_text_nn",
            "help_text_en",
            "max_length",
            "min_value",
            "max_value",
            "choices",
            "is_requested_amount",
            "show_when_key",
            "show_when_value",
            "key",
        ]
        labels = {
            "label": _("Label (bokmål)"),
            "help_text": _("Help text (bokmål)"),
            "max_length": _("Longest answer (characters)"),
            "is_requested_amount": _("This is the amount applied for"),
        }
        help_texts = {
            "label_nn": _("Optional: shown to those who read nynorsk."),
            "label_en": _("Optional: shown to those who read English."),
            "max_length": _("For a text."),
            "show_when_value": _("E.g. Ja, or one of the choices."),
        }

    def __init__(self, *args, scheme, **kwargs):
        super().__init__(*args, **kwargs)
        self.scheme = scheme
        sections = list(scheme.sections.all())
        if sections:
            self.fields["section"].queryset = scheme.sections.all()
            self.fields["section"].empty_label = None
            # Left out, a new field goes in the first section (setup.save_field).
            self.fields["section"].required = False
        else:
            # The first field gets a section of its own (setup.save_field).
            del self.fields["section"]
        others = FormField.objects.filter(section__scheme=scheme).exclude(pk=self.instance.pk)
        self.fields["show_when_key"].choices = [("", _("(always shown)"))] + [
            (f.key, f.label) for f in others.order_by("section__position", "position")
        ]
        if self.instance.pk and self.instance.kind == FieldKind.AMOUNT:
            for name in ("min_value", "max_value"):
                self.initial[name] = format_kroner_input(getattr(self.instance, name))

    def _limit(self, name):
        text = (self.cleaned_data.get(name) or "").strip()
        if not text:
            return None
        if self.cleaned_data.get("kind") == FieldKind.AMOUNT:
            return parse_kroner(text)
        try:
            return int(text.replace(" ", "").replace("\u00a0", ""))
        except ValueError as exc:
            raise ValidationError(_("Write a whole number.")) from exc

    def clean_min_value(self):
        return self._limit("min_value")

    def clean_max_value(self):
        return self._limit("max_value")

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if not data.get("key") and data.get("label"):
            data["key"] = slugify(data["label"])[:60] or "felt"
            self.instance.key = data["key"]
        low, high = data.get("min_value"), data.get("max_value")
        if low is not None and high is not None and high < low:
            self.add_error("max_value", _("The largest value must be at least the smallest."))
        if kind == FieldKind.CHOICE and not data.get("choices"):
            self.add_error("choices", _("Give the options, one per line."))
        if data.get("is_requested_amount") and kind != FieldKind.AMOUNT:
            self.add_error(
                "is_requested_amount", _("Only an amount can be the amount applied for.")
            )
        if data.get("show_when_key") and not (data.get("show_when_value") or "").strip():
            self.add_error("show_when_value", _("Give the value that shows the field."))
        return data


class StateForm(PlainTextFields, forms.Form):
    """A new state of the workflow, with the step that leads to it."""

    kind = forms.ChoiceField(label=_("Kind"))
    name = forms.CharField(
        label=_("Name"),
        max_length=80,
        required=False,
        help_text=_("As applicants and staff see it; the kind's name when empty."),
    )
    source = forms.ModelChoiceField(queryset=None, label=_("Reached from"), empty_label=None)
    label = forms.CharField(
        label=_("Name of the step"), max_length=120, help_text=_("E.g. Approve.")
    )
    role = forms.ChoiceField(
        label=_("Taken by"), choices=UnitRoleName.choices, initial=UnitRoleName.CASE_HANDLER
    )

    def __init__(self, *args, scheme, states, **kwargs):
        super().__init__(*args, **kwargs)
        used = {s.kind for s in states}
        self.fields["kind"].choices = [(k, v) for k, v in StateKind.choices if k not in used]
        self.fields["source"].queryset = scheme.states.all()
        self.fields["source"].label_from_instance = lambda s: str(s.label)


class StepForm(PlainTextFields, forms.Form):
    source = forms.ModelChoiceField(queryset=None, label=_("From"), empty_label=None)
    target = forms.ModelChoiceField(queryset=None, label=_("To"), empty_label=None)
    label = forms.CharField(label=_("Name of the step"), max_length=120)
    role = forms.ChoiceField(
        label=_("Taken by"), choices=UnitRoleName.choices, initial=UnitRoleName.CASE_HANDLER
    )

    def __init__(self, *args, scheme, **kwargs):
        super().__init__(*args, **kwargs)
        # Only this scheme's states: never another scheme's "Received".
        for name in ("source", "target"):
            self.fields[name].queryset = scheme.states.all()
            self.fields[name].label_from_instance = lambda s: str(s.label)


class BudgetForm(PlainTextFields, forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    amount = KronerField(label=_("Budget (kr)"), help_text=_("In kroner: 500000 is 500 000 kr."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year


class RoundForm(PlainTextFields, forms.ModelForm):
    opens_at = SaneDateTimeField(
        label=_("Opens"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    deadline = SaneDateTimeField(
        label=_("Deadline"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        help_text=_("Norwegian time. Applications sent after this are refused."),
    )
    report_due = SaneDateField(
        label=_("Report deadline"), widget=forms.DateInput(attrs={"type": "date"})
    )

    class Meta:
        model = Round
        fields = ["name", "year", "opens_at", "deadline", "report_due"]
        labels = {"name": _("Name of the round"), "year": _("Budget year")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("opens_at", "deadline"):
            self.fields[name].widget.format = "%Y-%m-%dT%H:%M"

    def clean(self):
        data = super().clean()
        opens, deadline, due = data.get("opens_at"), data.get("deadline"), data.get("report_due")
        if opens and deadline and deadline <= opens:
            self.add_error("deadline", _("The deadline must come after the round opens."))
        if deadline and due and due < timezone.localtime(deadline).date():
            self.add_error("report_due", _("The report deadline cannot come before the deadline."))
        return data
