"""Scheme set-up in the site's own pages: who may do each write, what the pages keep, the
workflow's checks, the form builder's fields as the applicant sees them, and query counts."""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from dugnad.accounts.models import UnitRole
from dugnad.core.errors import Conflict, DomainError
from dugnad.grants import setup
from dugnad.grants.forms import ApplicationForm
from dugnad.grants.models import (
    FieldKind,
    FormField,
    FormSection,
    GrantScheme,
    Round,
    SchemeBudget,
    WorkflowState,
    WorkflowTransition,
)
from dugnad.grants.queries import SETUP_EVENTS, form_sections, setup_history
from dugnad.grants.setup_forms import SchemeForm, StepForm
from tests.factories import UnitFactory, UnitRoleFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "applicant", "viewer", "handler", "other_unit_handler"]


@pytest.fixture
def other_unit_handler(municipality):
    other = UnitFactory(municipality=municipality, name="Kulturskolen")
    return UnitRoleFactory(unit=other, role=UnitRole.Role.CASE_HANDLER).user


@pytest.fixture
def people(leader, unit_viewer, case_handler, other_unit_handler):
    return {
        "anonymous": None,
        "applicant": leader,
        "viewer": unit_viewer,
        "handler": case_handler,
        "other_unit_handler": other_unit_handler,
    }


def scheme_data(unit, **changes):
    data = {
        "name": "Frivillighetsmidler",
        "unit": str(unit.pk),
        "purpose": "Støtte til frivillig arbeid.",
        "eligibility": "Frivillige lag i Ås",
        "rules_text": "",
        "max_amount": "50000",
        "criteria": "Nytte for innbyggerne\n\n  Gjennomførbarhet  \n",
        "appeal_weeks": "3",
        "published": "",
        "workflow": "usual",
    }
    data.update(changes)
    return data


def field_data(**changes):
    data = {
        "new-label": "Antall frivillige",
        "new-kind": FieldKind.NUMBER,
        "new-min_value": "1",
        "new-max_value": "500",
        "part": "field",
    }
    data.update(changes)
    return data


# --- who may do each write ----------------------------------------------------------------


def _write(client, write, scheme, unit):
    """Send one write as the site's forms do; return (response, whether it took effect)."""
    pk = scheme.pk
    field = FormField.objects.filter(section__scheme=scheme).order_by("position").first()
    review = scheme.states.get(kind="review")
    closed = scheme.states.get(kind="closed")
    step = WorkflowTransition.objects.get(scheme=scheme, source__kind="rejected")
    budget = scheme.budgets.first()
    round = scheme.rounds.first()
    if write == "create_scheme":
        response = client.post(reverse("grants:setup_create"), scheme_data(unit))
        return response, GrantScheme.objects.filter(name="Frivillighetsmidler").exists()
    if write == "edit_scheme":
        response = client.post(
            reverse("grants:setup_scheme", args=[pk]), scheme_data(unit, name="Nytt navn")
        )
        return response, GrantScheme.objects.get(pk=pk).name == "Nytt navn"
    if write == "add_field":
        response = client.post(reverse("grants:setup_form", args=[pk]), field_data())
        return response, FormField.objects.filter(label="Antall frivillige").exists()
    if write == "add_section":
        response = client.post(
            reverse("grants:setup_form", args=[pk]),
            {"part": "section", "section-title": "Økonomi"},
        )
        return response, scheme.sections.filter(title="Økonomi").exists()
    if write == "edit_field":
        response = client.post(
            reverse("grants:setup_field", args=[pk, field.pk]),
            {
                "section": str(field.section_id),
                "label": "Ny ledetekst",
                "kind": field.kind,
                "key": field.key,
                "required": "on",
            },
        )
        return response, FormField.objects.get(pk=field.pk).label == "Ny ledetekst"
    if write == "move_field":
        response = client.post(
            reverse("grants:setup_field_move", args=[pk, field.pk]), {"to": "down"}
        )
        return response, FormField.objects.filter(section__scheme=scheme).order_by(
            "position", "id"
        ).first().pk != field.pk
    if write == "rename_section":
        section = scheme.sections.order_by("position", "id").first()
        response = client.post(
            reverse("grants:setup_section", args=[pk, section.pk]),
            {"title": "Tiltaket kort", "help_text": "Fortell kort."},
        )
        return response, FormSection.objects.get(pk=section.pk).title == "Tiltaket kort"
    if write == "move_section":
        extra = FormSection.objects.create(scheme=scheme, title="Økonomi", position=99)
        response = client.post(reverse("grants:setup_section", args=[pk, extra.pk]), {"to": "up"})
        order = list(scheme.sections.order_by("position", "id").values_list("pk", flat=True))
        return response, order[-1] != extra.pk
    if write == "delete_section":
        empty = FormSection.objects.create(scheme=scheme, title="Tom", position=99)
        response = client.post(
            reverse("grants:setup_section", args=[pk, empty.pk]), {"delete": "1"}
        )
        return response, not FormSection.objects.filter(pk=empty.pk).exists()
    if write == "delete_field":
        response = client.post(reverse("grants:setup_field_delete", args=[pk, field.pk]))
        return response, not FormField.objects.filter(pk=field.pk).exists()
    if write == "add_state":
        # The usual workflow has a state of every kind: make room for one first.
        closed.delete()
        response = client.post(
            reverse("grants:setup_workflow", args=[pk]),
            {
                "part": "state",
                "state-kind": "closed",
                "state-name": "Avsluttet",
                "state-source": str(scheme.states.get(kind="rejected").pk),
                "state-label": "Avslutt saken",
                "state-role": "case_handler",
            },
        )
        return response, scheme.states.filter(name="Avsluttet").exists()
    if write == "rename_state":
        response = client.post(
            reverse("grants:setup_state", args=[pk, review.pk]), {"name": "Til vurdering"}
        )
        return response, WorkflowState.objects.get(pk=review.pk).name == "Til vurdering"
    if write == "delete_state":
        response = client.post(reverse("grants:setup_state", args=[pk, closed.pk]), {"delete": "1"})
        return response, not WorkflowState.objects.filter(pk=closed.pk).exists()
    if write == "add_step":
        received = scheme.states.get(kind="received")
        response = client.post(
            reverse("grants:setup_workflow", args=[pk]),
            {
                "part": "step",
                "step-source": str(received.pk),
                "step-target": str(scheme.states.get(kind="rejected").pk),
                "step-label": "Avvis straks",
                "step-role": "case_handler",
            },
        )
        return response, scheme.transitions.filter(label="Avvis straks").exists()
    if write == "edit_step":
        response = client.post(
            reverse("grants:setup_step", args=[pk, step.pk]),
            {
                "source": str(step.source_id),
                "target": str(step.target_id),
                "label": "Avslutt",
                "role": "case_handler",
            },
        )
        return response, WorkflowTransition.objects.get(pk=step.pk).label == "Avslutt"
    if write == "delete_step":
        extra = WorkflowTransition.objects.create(
            scheme=scheme, source=review, target=closed, label="Lukk", role="case_handler"
        )
        response = client.post(reverse("grants:setup_step", args=[pk, extra.pk]), {"delete": "1"})
        return response, not WorkflowTransition.objects.filter(pk=extra.pk).exists()
    if write == "save_budget":
        response = client.post(
            reverse("grants:setup_budgets", args=[pk]),
            {"part": "budget", "budget-year": "2031", "budget-amount": "250000"},
        )
        return response, SchemeBudget.objects.filter(scheme=scheme, year=2031).exists()
    if write == "delete_budget":
        response = client.post(reverse("grants:setup_budget_delete", args=[pk, budget.pk]))
        return response, not SchemeBudget.objects.filter(pk=budget.pk).exists()
    if write == "add_round":
        response = client.post(reverse("grants:setup_budgets", args=[pk]), round_data("round-"))
        return response, scheme.rounds.filter(name="Høst").exists()
    if write == "edit_round":
        data = round_data("")
        response = client.post(reverse("grants:setup_round", args=[pk, round.pk]), data)
        return response, Round.objects.get(pk=round.pk).name == "Høst"
    if write == "delete_round":
        response = client.post(reverse("grants:setup_round", args=[pk, round.pk]), {"delete": "1"})
        return response, not Round.objects.filter(pk=round.pk).exists()
    raise AssertionError(write)


def round_data(prefix):
    return {
        "part": "round",
        f"{prefix}name": "Høst",
        f"{prefix}year": "2031",
        f"{prefix}opens_at": "2031-08-01T08:00",
        f"{prefix}deadline": "2031-09-15T23:59",
        f"{prefix}report_due": "2032-06-30",
    }


WRITES = [
    "create_scheme",
    "edit_scheme",
    "add_field",
    "add_section",
    "rename_section",
    "move_section",
    "delete_section",
    "edit_field",
    "move_field",
    "delete_field",
    "add_state",
    "rename_state",
    "delete_state",
    "add_step",
    "edit_step",
    "delete_step",
    "save_budget",
    "delete_budget",
    "add_round",
    "edit_round",
    "delete_round",
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("write", WRITES)
def test_setup_write_matrix(client, people, scheme, open_round, unit, role, write):
    person = people[role]
    if person is not None:
        client.force_login(person)
    response, done = _write(client, write, scheme, unit)
    assert done is (role == "handler"), (role, write, response.status_code)
    assert response.status_code < 500
    if person is None:
        assert response.status_code == 302 and "/konto/login/" in response["Location"]
    elif role == "other_unit_handler" and write == "create_scheme":
        # They may make schemes, but only for their own unit: this one is not on offer.
        assert response.status_code == 200 and response.context["form"].errors["unit"]
    elif role != "handler":
        assert response.status_code == 403


@pytest.mark.parametrize("role", ROLES)
def test_setup_pages_are_for_the_schemes_handlers(client, people, scheme, open_round, role):
    person = people[role]
    if person is not None:
        client.force_login(person)
    field = FormField.objects.filter(section__scheme=scheme).first()
    urls = [
        reverse("grants:setup_scheme", args=[scheme.pk]),
        reverse("grants:setup_form", args=[scheme.pk]),
        reverse("grants:setup_field", args=[scheme.pk, field.pk]),
        reverse("grants:setup_section", args=[scheme.pk, field.section_id]),
        reverse("grants:setup_workflow", args=[scheme.pk]),
        reverse("grants:setup_budgets", args=[scheme.pk]),
        reverse("grants:setup_round", args=[scheme.pk, open_round.pk]),
    ]
    for url in urls:
        status = client.get(url).status_code
        assert (status == 200) is (role == "handler"), (role, url, status)


# --- the scheme ---------------------------------------------------------------------------


def test_amounts_are_typed_in_kroner_and_criteria_one_per_line(case_handler, unit, municipality):
    form = SchemeForm(scheme_data(unit), units=unit.__class__.objects.filter(pk=unit.pk))
    assert form.is_valid(), form.errors
    scheme = setup.save_scheme(case_handler, form, municipality)
    assert scheme.max_amount == 50_000_00  # "50000" is 50 000 kr, not 500 kr
    assert scheme.criteria == ["Nytte for innbyggerne", "Gjennomførbarhet"]
    assert scheme.states.filter(kind="received").exists() and scheme.states.count() == 8
    assert not scheme.published  # saved as typed: the box was not ticked
    edit = SchemeForm(instance=scheme, units=unit.__class__.objects.filter(pk=unit.pk))
    assert edit["max_amount"].value() == "50000"
    assert "Nytte for innbyggerne\nGjennomførbarhet" in str(edit["criteria"])


def test_a_bad_amount_keeps_what_was_typed(client, case_handler, unit):
    client.force_login(case_handler)
    response = client.post(
        reverse("grants:setup_create"), scheme_data(unit, max_amount="femti tusen")
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "femti tusen" in html and "Støtte til frivillig arbeid." in html
    assert not GrantScheme.objects.filter(name="Frivillighetsmidler").exists()


def test_a_scheme_can_start_with_only_its_start_state(case_handler, unit, municipality):
    form = SchemeForm(
        scheme_data(unit, workflow="start_only"), units=unit.__class__.objects.filter(pk=unit.pk)
    )
    assert form.is_valid(), form.errors
    scheme = setup.save_scheme(case_handler, form, municipality, workflow="start_only")
    assert list(scheme.states.values_list("kind", flat=True)) == ["received"]


def test_changes_are_kept_as_history_in_words(client, case_handler, scheme, unit):
    client.force_login(case_handler)
    client.post(reverse("grants:setup_scheme", args=[scheme.pk]), scheme_data(unit))
    client.post(reverse("grants:setup_form", args=[scheme.pk]), field_data())
    history = client.get(reverse("grants:setup_scheme", args=[scheme.pk])).context["history"]
    assert [entry["what"] for entry in history] == [
        SETUP_EVENTS["grants.form.field_added"],
        SETUP_EVENTS["grants.scheme.changed"],
    ]
    assert history[0]["details"] == "Antall frivillige"
    assert history[0]["who"] == case_handler.display_name


def test_an_unpublished_scheme_is_previewed_by_its_staff_only(client, case_handler, scheme, leader):
    scheme.published = False
    scheme.save()
    url = reverse("grants:scheme", args=[scheme.slug])
    assert client.get(url).status_code == 404
    client.force_login(leader)
    assert client.get(url).status_code == 404
    client.force_login(case_handler)
    page = client.get(url)
    assert page.status_code == 200
    assert reverse("grants:preview", args=[scheme.slug]) in page.content.decode()


# --- the form builder ---------------------------------------------------------------------


def _form(scheme, data=None, complete=True):
    return ApplicationForm(data, scheme=scheme, sections=form_sections(scheme), complete=complete)


def test_fields_added_in_the_builder_are_the_applicants_form(client, case_handler, scheme):
    client.force_login(case_handler)
    client.post(
        reverse("grants:setup_form", args=[scheme.pk]),
        field_data(**{"new-label_nn": "Talet på frivillige", "new-label_en": "Volunteers"}),
    )
    field = FormField.objects.get(label="Antall frivillige")
    assert field.key == "antall-frivillige" and field.min_value == 1 and field.max_value == 500
    form = _form(scheme)
    assert form.fields["f_antall-frivillige"].label == "Antall frivillige"
    with translation.override("nn"):
        assert _form(scheme).fields["f_antall-frivillige"].label == "Talet på frivillige"
    with translation.override("en"):
        assert _form(scheme).fields["f_antall-frivillige"].label == "Volunteers"
    bound = _form(scheme, {"f_antall-frivillige": "900"})
    bound.is_valid()
    assert "f_antall-frivillige" in bound.errors


def test_amount_limits_are_typed_in_kroner(client, case_handler, scheme):
    client.force_login(case_handler)
    client.post(
        reverse("grants:setup_form", args=[scheme.pk]),
        field_data(
            **{
                "new-label": "Egenandel",
                "new-kind": FieldKind.AMOUNT,
                "new-min_value": "1000",
                "new-max_value": "20 000",
            }
        ),
    )
    field = FormField.objects.get(label="Egenandel")
    assert (field.min_value, field.max_value) == (1000_00, 20_000_00)
    bound = _form(scheme, {"f_egenandel": "500"})
    bound.is_valid()
    assert "1000 kr" in bound.errors["f_egenandel"][0]


def test_a_condition_asks_for_a_field_only_when_the_other_answer_fits(scheme, case_handler):
    section = scheme.sections.first()
    FormField.objects.create(
        section=section, key="samarbeid", label="Samarbeid?", kind=FieldKind.YES_NO, position=8
    )
    FormField.objects.create(
        section=section,
        key="partnere",
        label="Hvem samarbeider dere med?",
        kind=FieldKind.TEXT,
        required=True,
        show_when_key="samarbeid",
        show_when_value="Ja",
        position=9,
    )
    asked = _form(scheme, {"f_samarbeid": "yes", "f_partnere": ""})
    asked.is_valid()
    assert "f_partnere" in asked.errors
    not_asked = _form(scheme, {"f_samarbeid": "no", "f_partnere": ""})
    not_asked.is_valid()
    assert "f_partnere" not in not_asked.errors
    assert "Samarbeid?" in str(not_asked.fields["f_partnere"].help_text)


def test_move_up_and_down_changes_the_applicants_order(case_handler, scheme):
    fields = list(FormField.objects.filter(section__scheme=scheme).order_by("position"))
    setup.move_field(case_handler, fields[2], up=True)
    order = [f.spec.key for f in _form(scheme).fields.values() if hasattr(f, "spec")]
    assert order[:3] == [fields[0].key, fields[2].key, fields[1].key]
    setup.move_field(case_handler, fields[0], up=True)  # already first: nothing happens
    setup.move_field(case_handler, fields[4], up=False)  # already last
    assert [f.spec.key for f in _form(scheme).fields.values() if hasattr(f, "spec")] == order


def test_a_field_others_depend_on_cannot_be_deleted(case_handler, scheme):
    base = FormField.objects.get(section__scheme=scheme, key="apent")
    FormField.objects.create(
        section=base.section,
        key="hvorfor",
        label="Hvorfor ikke?",
        kind=FieldKind.TEXT,
        show_when_key="apent",
        show_when_value="Nei",
        position=9,
    )
    with pytest.raises(Conflict) as refused:
        setup.delete_field(case_handler, base)
    assert "Hvorfor ikke?" in str(refused.value.message)


def test_duplicate_keys_and_a_second_requested_amount_are_refused(client, case_handler, scheme):
    client.force_login(case_handler)
    response = client.post(
        reverse("grants:setup_form", args=[scheme.pk]),
        field_data(**{"new-key": "belop", "new-label": "Beløp igjen"}),
    )
    assert response.status_code == 400
    assert "belop" in response.content.decode()
    response = client.post(
        reverse("grants:setup_form", args=[scheme.pk]),
        field_data(
            **{
                "new-label": "Annet beløp",
                "new-kind": FieldKind.AMOUNT,
                "new-is_requested_amount": "on",
                "new-min_value": "",
                "new-max_value": "",
            }
        ),
    )
    assert response.status_code == 400
    assert "Annet beløp" in response.content.decode()  # what was typed is still there
    assert not FormField.objects.filter(label__in=["Beløp igjen", "Annet beløp"]).exists()


# --- the workflow -------------------------------------------------------------------------


def test_deleting_a_state_that_others_are_reached_through_is_refused(case_handler, scheme):
    review = scheme.states.get(kind="review")
    with pytest.raises(Conflict) as refused:
        setup.delete_state(case_handler, review)
    message = str(refused.value.message)
    assert "Approved" in message or "Innvilget" in message
    assert scheme.states.filter(pk=review.pk).exists()


def test_a_workflow_without_a_start_state_is_refused(case_handler, scheme):
    with pytest.raises(Conflict) as refused:
        setup.delete_state(case_handler, scheme.states.get(kind="received"))
    assert refused.value.code == "workflow_invalid"


def test_deleting_the_only_step_to_a_state_is_refused(case_handler, scheme):
    step = scheme.transitions.get(source__kind="review", target__kind="rejected")
    with pytest.raises(Conflict):
        setup.delete_step(case_handler, step)
    setup.save_step(
        case_handler,
        scheme,
        source=scheme.states.get(kind="received"),
        target=scheme.states.get(kind="rejected"),
        label="Avvis",
        role="case_handler",
    )
    setup.delete_step(case_handler, step)  # now another step leads there
    assert not WorkflowTransition.objects.filter(pk=step.pk).exists()


def test_a_three_state_workflow_is_built_from_the_start_state(case_handler, unit, municipality):
    form = SchemeForm(
        scheme_data(unit, workflow="start_only"), units=unit.__class__.objects.filter(pk=unit.pk)
    )
    assert form.is_valid()
    scheme = setup.save_scheme(case_handler, form, municipality, workflow="start_only")
    received = scheme.states.get()
    for kind, label in [("approved", "Innvilg"), ("rejected", "Avslå")]:
        setup.add_state(
            case_handler,
            scheme,
            kind=kind,
            name="",
            source=received,
            label=label,
            role="case_handler",
        )
    assert scheme.states.count() == 3 and scheme.transitions.count() == 2
    with pytest.raises(DomainError):
        setup.add_state(
            case_handler,
            scheme,
            kind="approved",
            name="",
            source=received,
            label="x",
            role="case_handler",
        )


def test_step_dropdowns_list_only_the_schemes_own_states(scheme, municipality, unit):
    other = GrantScheme.objects.create(
        municipality=municipality, unit=unit, name="Annen", slug="annen", purpose="x"
    )
    form = StepForm(scheme=scheme)
    choices = set(form.fields["source"].queryset) | set(form.fields["target"].queryset)
    assert choices == set(scheme.states.all())
    assert not choices & set(other.states.all())
    foreign = other.states.get(kind="received")
    bound = StepForm(
        {
            "source": str(foreign.pk),
            "target": str(scheme.states.first().pk),
            "label": "x",
            "role": "case_handler",
        },
        scheme=scheme,
    )
    assert not bound.is_valid() and "source" in bound.errors


def test_refusals_are_shown_as_messages(client, case_handler, scheme):
    client.force_login(case_handler)
    review = scheme.states.get(kind="review")
    response = client.post(
        reverse("grants:setup_state", args=[scheme.pk, review.pk]), {"delete": "1"}
    )
    assert response.status_code == 302
    [message] = [str(m) for m in get_messages(response.wsgi_request)]
    assert str(scheme.states.get(kind="approved").label) in message
    assert scheme.states.filter(pk=review.pk).exists()


def test_a_state_with_applications_cannot_be_deleted(case_handler, submitted):
    scheme = submitted.scheme
    closed = scheme.states.get(kind="closed")
    submitted.__class__.objects.filter(pk=submitted.pk).update(state=closed)
    with pytest.raises(Conflict) as refused:
        setup.delete_state(case_handler, closed)
    assert refused.value.code == "state_in_use"
    assert scheme.states.filter(pk=closed.pk).exists()


# --- budgets and rounds -------------------------------------------------------------------


def test_a_budget_is_typed_in_kroner_and_replaces_the_years(client, case_handler, scheme):
    client.force_login(case_handler)
    year = timezone.localdate().year
    client.post(
        reverse("grants:setup_budgets", args=[scheme.pk]),
        {"part": "budget", "budget-year": str(year), "budget-amount": "150 000"},
    )
    assert SchemeBudget.objects.get(scheme=scheme, year=year).amount == 150_000_00


def test_a_round_whose_deadline_comes_first_is_refused_with_the_typing_kept(
    client, case_handler, scheme
):
    client.force_login(case_handler)
    data = round_data("round-")
    data["round-deadline"] = "2031-07-01T08:00"
    response = client.post(reverse("grants:setup_budgets", args=[scheme.pk]), data)
    assert response.status_code == 400
    assert "Høst" in response.content.decode()
    assert not scheme.rounds.filter(name="Høst").exists()


def test_a_round_with_applications_is_not_deleted(case_handler, submitted):
    with pytest.raises(Conflict):
        setup.delete_round(case_handler, submitted.round)


# --- query counts -------------------------------------------------------------------------


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def _grow(scheme):
    """More of everything the set-up pages list."""
    section = scheme.sections.first()
    for n in range(6):
        FormField.objects.create(
            section=section,
            key=f"ekstra-{n}",
            label=f"Ekstra {n}",
            kind=FieldKind.TEXT,
            position=20 + n,
        )
        SchemeBudget.objects.create(scheme=scheme, year=2040 + n, amount=10_000_00)
        now = timezone.now()
        Round.objects.create(
            scheme=scheme,
            name=f"Runde {n}",
            year=2040 + n,
            opens_at=now + timedelta(days=n),
            deadline=now + timedelta(days=n + 10),
            report_due=(now + timedelta(days=300)).date(),
        )
    review, closed = scheme.states.get(kind="review"), scheme.states.get(kind="closed")
    WorkflowTransition.objects.create(scheme=scheme, source=review, target=closed, label="Lukk")


@pytest.mark.parametrize(
    "name,budget",
    [
        ("grants:setup", 14),
        ("grants:setup_scheme", 16),
        ("grants:setup_form", 16),
        ("grants:setup_workflow", 16),
        ("grants:setup_budgets", 16),
    ],
)
def test_setup_pages_have_a_flat_query_count(
    client, case_handler, scheme, open_round, django_assert_max_num_queries, name, budget
):
    client.force_login(case_handler)
    url = reverse(name) if name == "grants:setup" else reverse(name, args=[scheme.pk])
    with django_assert_max_num_queries(budget):
        client.get(url)
    before = _queries(client, url)
    _grow(scheme)
    GrantScheme.objects.create(
        municipality=scheme.municipality, unit=scheme.unit, name="Ny", slug="ny", purpose="x"
    )
    assert _queries(client, url) == before


# --- sections -----------------------------------------------------------------------------


def test_sections_are_renamed_moved_with_their_fields_and_deleted_only_when_empty(
    client, case_handler, scheme
):
    client.force_login(case_handler)
    first = scheme.sections.order_by("position", "id").first()
    economy = FormSection.objects.create(scheme=scheme, title="Økonomi", position=50)
    budget = FormField.objects.create(
        section=economy, key="vedlegg", label="Budsjettvedlegg", kind=FieldKind.TEXT, position=1
    )
    url = reverse("grants:setup_section", args=[scheme.pk, economy.pk])
    # An empty title is refused on the section's page, keeping the text typed under it.
    refused = client.post(url, {"title": " ", "help_text": "Legg ved budsjettet."})
    assert refused.status_code == 400
    assert "Legg ved budsjettet." in refused.content.decode()
    client.post(url, {"title": "Penger", "help_text": "Legg ved budsjettet."})
    economy.refresh_from_db()
    assert (economy.title, economy.help_text) == ("Penger", "Legg ved budsjettet.")
    # Moved up past the first section: its field comes first in the applicant's form.
    while scheme.sections.order_by("position", "id").first().pk != economy.pk:
        client.post(url, {"to": "up"})
    assert form_sections(scheme)[0].pk == economy.pk
    assert [f.pk for f in form_sections(scheme)[0].fields.all()] == [budget.pk]
    # A section with fields stays, and the message says what to do.
    response = client.post(url, {"delete": "1"}, follow=True)
    assert FormSection.objects.filter(pk=economy.pk).exists()
    assert any("har fortsatt felt" in str(m) for m in response.context["messages"])
    budget.section = first
    budget.save()
    client.post(url, {"delete": "1"})
    assert not FormSection.objects.filter(pk=economy.pk).exists()
    with translation.override("nb"):
        history = {str(entry["what"]) for entry in setup_history(scheme)}
    assert {"Skjemadel endret", "Skjemadel flyttet", "Skjemadel slettet"} <= history
