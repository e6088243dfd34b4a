"""The grant application checks the organisation number, the phone and dates that must lie
ahead with core.validators, in the reader's language."""

from datetime import timedelta

import pytest
from django.utils import timezone, translation

from dugnad.grants.models import FieldKind, FormField

from .conftest import good_data
from .test_forms import build

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _bokmal():
    with translation.override("nb"):
        yield


def test_grant_application_checks_org_number_and_phone(scheme, draft):
    form = build(scheme, good_data(draft, org_number="974 760 674", contact_phone="ring meg"))
    assert not form.is_valid()
    assert "ikke et gyldig organisasjonsnummer" in form.errors["org_number"][0]
    assert "ring meg" in form.errors["contact_phone"][0]
    form = build(scheme, good_data(draft, org_number="974 760 673", contact_phone="64 96 20 00"))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["org_number"] == "974760673"
    assert form.cleaned_data["contact_phone"] == "+4764962000"


def test_grant_application_refuses_a_start_date_in_the_past(scheme, draft):
    FormField.objects.create(
        section=scheme.sections.first(),
        key="oppstart",
        label="Oppstart",
        kind=FieldKind.DATE,
        position=6,
    )
    yesterday = timezone.localdate() - timedelta(days=1)
    form = build(scheme, good_data(draft, f_oppstart=yesterday.isoformat()))
    assert not form.is_valid()
    assert f"{yesterday:%d.%m.%Y} er passert" in form.errors["f_oppstart"][0]
    # A draft keeps the date but still tells the applicant early.
    draft_form = build(scheme, good_data(draft, f_oppstart=yesterday.isoformat()), complete=False)
    assert "f_oppstart" in draft_form.errors
    today = timezone.localdate()
    assert build(scheme, good_data(draft, f_oppstart=today.isoformat())).is_valid()


def test_a_draft_keeps_numbers_in_their_stored_form(leader, draft):
    from dugnad.grants import actions

    data = good_data(draft, org_number="974 760 673", contact_phone="64 96 20 00")
    actions.save_draft(leader, draft, data)
    draft.refresh_from_db()
    assert (draft.org_number, draft.contact_phone) == ("974760673", "+4764962000")
    # A wrong number is kept as typed, within the column's nine characters, and flagged.
    form = actions.save_draft(leader, draft, good_data(draft, org_number="974 760 674"))
    draft.refresh_from_db()
    assert "org_number" in form.errors and draft.org_number == "974 760 6"


def test_the_script_hides_a_conditional_field_by_the_servers_own_words_for_yes_and_no():
    from dugnad.grants.forms import NO_WORDS, YES_WORDS, answers_meeting, condition_met

    assert answers_meeting(" Ja ") == sorted(YES_WORDS)
    assert answers_meeting("nei") == sorted(NO_WORDS)
    assert answers_meeting("Over 18 år") == ["over 18 år"]

    class Spec:
        show_when_key, show_when_value = "partner", "Ja"

    # Every answer the script accepts is one the server counts as meeting the condition.
    for answer in answers_meeting("Ja"):
        assert condition_met(Spec, {"f_partner": answer.upper()})
    assert not condition_met(Spec, {"f_partner": "no"})
