"""One helper shows an action's error on a form: next to its field, or above the form."""

from django import forms

from dugnad.core.errors import Conflict, DomainError
from dugnad.core.forms import add_domain_error, add_domain_error_to_formset


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


class ChildForm(forms.Form):
    participant_name = forms.CharField()


def bound_formset(rows=2):
    formset_class = forms.formset_factory(ChildForm, extra=0)
    data = {"form-TOTAL_FORMS": str(rows), "form-INITIAL_FORMS": "0"}
    data.update({f"form-{i}-participant_name": f"Barn {i}" for i in range(rows)})
    formset = formset_class(data)
    assert formset.is_valid()
    return formset


def test_formset_error_goes_to_the_field_of_the_row_it_names():
    formset = bound_formset()
    error = DomainError("Too old.", field="participant_name")
    error.row = 1
    assert add_domain_error_to_formset(formset, error) == "participant_name"
    assert formset.forms[1].errors == {"participant_name": ["Too old."]}
    assert not formset.forms[0].errors and not formset.non_form_errors()


def test_formset_error_without_row_or_field_goes_above_the_formset():
    formset = bound_formset()
    add_domain_error_to_formset(formset, Conflict("Full."))
    error = DomainError("No such field.", field="age")
    error.row = 0
    add_domain_error_to_formset(formset, error)
    assert list(formset.non_form_errors()) == ["Full.", "No such field."]
    assert not formset.is_valid()


def test_views_put_action_errors_on_forms_only_through_the_helpers():
    """A view that adds an action's error to a form by hand loses the field mapping and the
    formset rules; the helpers in core.forms are the one way."""
    import re
    from pathlib import Path

    import dugnad

    root = Path(dugnad.__file__).parent
    offenders = [
        f"{path.relative_to(root)}:{number}"
        for path in sorted(root.glob("*/views*.py"))
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if re.search(r"\bform(set)?\w*\.(add_error\(|_non_form_errors)", line)
        and "_(" not in line  # a form's own message about its own field is not an action's
    ]
    assert offenders == []
