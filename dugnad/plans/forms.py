from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dugnad.core.forms import PlainTextFields
from dugnad.core.params import SaneDateField

from .models import PROGRESS_RANGE, MeasureState


class UpdateForm(PlainTextFields, forms.Form):
    date = SaneDateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    state = forms.ChoiceField(label=_("State"), choices=MeasureState.choices)
    progress = forms.IntegerField(
        label=_("Progress (per cent)"),
        min_value=0,
        max_value=100,
        help_text=_("From 0 to 100."),
        error_messages={
            "min_value": PROGRESS_RANGE,
            "max_value": PROGRESS_RANGE,
            "invalid": PROGRESS_RANGE,
        },
    )
    done = forms.CharField(label=_("What was done"), max_length=3000, widget=forms.Textarea)
    next_steps = forms.CharField(
        label=_("What is next"), max_length=3000, required=False, widget=forms.Textarea
    )

    def __init__(self, *args, measure=None, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "date": timezone.localdate(),
                "state": getattr(measure, "state", MeasureState.PLANNED),
                "progress": getattr(measure, "progress", 0),
            },
        )
        super().__init__(*args, **kwargs)


class CommentForm(PlainTextFields, forms.Form):
    organisation = forms.ModelChoiceField(label=_("On behalf of"), queryset=None, empty_label=None)
    text = forms.CharField(label=_("Comment"), max_length=2000, widget=forms.Textarea)

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class LinkForm(PlainTextFields, forms.Form):
    label = forms.CharField(label=_("What realises the measure"), max_length=200)
    url = forms.CharField(
        label=_("Address"),
        max_length=500,
        help_text=_("A page on this site (starting with /) or a full web address."),
    )


class ReportYearForm(PlainTextFields, forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, choices=())

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, str(y)) for y in years]


class ReportTextForm(PlainTextFields, forms.Form):
    """One text per section of the report, named by `sections`: [(key, heading), ...]."""

    def __init__(self, *args, sections=(), **kwargs):
        super().__init__(*args, **kwargs)
        for key, heading in sections:
            self.fields[key] = forms.CharField(
                label=heading, required=False, max_length=6000, widget=forms.Textarea
            )
