"""One helper shows an action's error on a form: next to its field, or above the form."""

from django import forms

from dugnad.core.errors import Conflict, DomainError
from dugnad.core.forms import add_domain_error


class ShiftTimesForm(forms.Form):
    day = forms.DateField()
    end_time = forms.TimeField()


def bound_form():
    form = ShiftTimesForm({"day": "2026-05-17", "end_time": "18:00"})
    assert form.is_valid()
    return form


def test_error_naming_a_form_field_goes_next_to_it():
    form = bound_form()
    assert add_domain_error(form, DomainError("Too late.", field="end_time")) == "end_time"
    assert form.errors == {"end_time": ["Too late."]}
    assert not form.is_valid()


def test_field_map_translates_the_actions_name_to_the_forms():
    form = bound_form()
    add_domain_error(form, DomainError("Ends before it starts.", field="end"), {"end": "end_time"})
    assert form.errors["end_time"] == ["Ends before it starts."]


def test_the_forms_own_field_wins_over_the_map():
    form = bound_form()
    add_domain_error(form, DomainError("No such day.", field="day"), {"day": "end_time"})
    assert form.errors == {"day": ["No such day."]}


def test_error_without_a_matching_field_goes_above_the_form():
    for error in (
        Conflict("The room is taken."),
        DomainError("Bad start.", field="start"),
        DomainError("Mapped away.", field="end"),
    ):
        form = bound_form()
        assert add_domain_error(form, error, {"end": "no_such_field"}) is None
        assert form.non_field_errors() == [str(error.message)]
        assert not form.has_error("day") and not form.has_error("end_time")
