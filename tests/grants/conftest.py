"""Grant fixtures: one scheme with a small form, an open round and a budget."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from dugnad.accounts.models import UnitRole
from dugnad.grants import actions
from dugnad.grants.models import FieldKind, FormField, FormSection, GrantScheme, Round, SchemeBudget
from tests.factories import OrganisationFactory, OrganisationRoleFactory, UnitRoleFactory

OSLO = ZoneInfo("Europe/Oslo")
GOOD_ACCOUNT = "12345678903"  # valid MOD11 bank account number


@pytest.fixture
def scheme(municipality, unit):
    scheme = GrantScheme.objects.create(
        municipality=municipality,
        unit=unit,
        name="Aktivitetstilskudd",
        slug="aktivitetstilskudd",
        purpose="Støtte til frivillige lags aktivitet.",
        max_amount=50_000_00,
        criteria=["Aktivitet for barn og unge", "Åpent for alle"],
    )
    section = FormSection.objects.create(scheme=scheme, title="Om tiltaket", position=1)
    FormField.objects.create(
        section=section,
        key="beskrivelse",
        label="Beskrivelse",
        kind=FieldKind.LONG_TEXT,
        required=True,
        max_length=500,
        position=1,
    )
    FormField.objects.create(
        section=section,
        key="belop",
        label="Beløp det søkes om",
        kind=FieldKind.AMOUNT,
        required=True,
        is_requested_amount=True,
        position=2,
    )
    FormField.objects.create(
        section=section,
        key="deltakere",
        label="Antall deltakere",
        kind=FieldKind.NUMBER,
        position=3,
    )
    FormField.objects.create(
        section=section,
        key="apent",
        label="Åpent for alle?",
        kind=FieldKind.YES_NO,
        required=True,
        position=4,
    )
    FormField.objects.create(
        section=section,
        key="budsjett",
        label="Budsjett",
        kind=FieldKind.FILE,
        position=5,
    )
    SchemeBudget.objects.create(scheme=scheme, year=timezone.localdate().year, amount=100_000_00)
    return scheme


@pytest.fixture
def open_round(scheme):
    now = timezone.now()
    return Round.objects.create(
        scheme=scheme,
        name="Vår",
        year=timezone.localdate().year,
        opens_at=now - timedelta(days=10),
        deadline=now + timedelta(days=10),
        report_due=date.today() + timedelta(days=200),
    )


@pytest.fixture
def other_organisation(municipality):
    return OrganisationFactory(municipality=municipality)


@pytest.fixture
def other_leader(other_organisation):
    return OrganisationRoleFactory(organisation=other_organisation).user


@pytest.fixture
def reviewer(unit):
    # A reviewer is any staff member assigned to the case; here one with a viewer role elsewhere.
    return UnitRoleFactory(role=UnitRole.Role.VOLUNTEER_CONTACT).user


@pytest.fixture
def inhabil_handler(unit):
    return UnitRoleFactory(unit=unit, role=UnitRole.Role.CASE_HANDLER).user


def good_data(application, **changes):
    data = {
        "version": str(application.version),
        "title": "Sommerleir for barn",
        "org_name": application.org_name,
        "org_number": application.org_number,
        "address": "Postboks 1, 1430 Ås",
        "bank_account": GOOD_ACCOUNT,
        "contact_name": "Lene Leder",
        "contact_email": "lene@test.example",
        "contact_phone": "",
        "f_beskrivelse": "En uke med leir for 40 barn.",
        "f_belop": "12 500",
        "f_deltakere": "40",
        "f_apent": "yes",
    }
    data.update(changes)
    return data


@pytest.fixture
def draft(leader, organisation, scheme, open_round):
    return actions.start_application(leader, scheme, organisation, open_round)


@pytest.fixture
def filled(draft, leader):
    actions.save_draft(leader, draft, good_data(draft))
    draft.refresh_from_db()
    return draft


@pytest.fixture
def submitted(filled, leader):
    return actions.submit_application(leader, filled)


@pytest.fixture
def in_review(submitted, case_handler):
    from dugnad.grants.models import WorkflowTransition

    step = WorkflowTransition.objects.get(
        scheme=submitted.scheme, source=submitted.state, target__kind="review"
    )
    return actions.take_transition(case_handler, submitted, step)


@pytest.fixture
def with_conflict(in_review, inhabil_handler):
    actions.declare_conflict(inhabil_handler, in_review, "Styremedlem i laget.")
    in_review.refresh_from_db()
    return in_review


def oslo(*args):
    return datetime(*args, tzinfo=OSLO)


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
