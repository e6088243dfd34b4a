"""One person with data in every app, built through the apps' own actions where they exist.

Shared by the export/erasure tests and the access-log tests.
"""

import datetime as dt
from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from dugnad.accounts.models import ApiToken, UnitRole
from dugnad.activities import actions as activities
from dugnad.activities.models import Event, SignUpQuestion
from dugnad.core.models import AgeGroup
from dugnad.grants import actions as grants
from dugnad.grants.models import (
    FieldKind,
    FormField,
    FormSection,
    GrantScheme,
    Round,
    SchemeBudget,
)
from dugnad.organisations.models import OrganisationRole
from dugnad.premises.models import Booking, BookingState, Building, RenterType, Room
from dugnad.volunteering import actions as volunteering
from dugnad.volunteering.models import Assignment, PoliceCertificateRecord, Shift, VolunteerProfile
from tests.factories import OrganisationRoleFactory, UnitRoleFactory, UserFactory

EMAIL = "kari.persondata@test.example"
SURNAME = "Persondata"
CHILDREN = ("Ola Persondata", "Emma Persondata")


@dataclass
class World:
    person: object
    organiser: object  # leads the organisation that runs the event and the assignment
    case_handler: object
    organisation: object
    occurrence: object
    application: object
    draft: object
    booking: object
    assignment: object
    token: ApiToken


def build(municipality, unit, organisation) -> World:
    person = UserFactory(email=EMAIL, first_name="Kari", last_name=SURNAME, phone="+47 912 34 567")
    organiser = OrganisationRoleFactory(organisation=organisation).user
    case_handler = UnitRoleFactory(unit=unit, role=UnitRole.Role.CASE_HANDLER).user
    OrganisationRole.objects.create(
        organisation=organisation, user=person, role=OrganisationRole.Role.EDITOR, title="Kasserer"
    )
    raw = ApiToken.new_raw_key()
    token = ApiToken.objects.create(
        user=person,
        name="Kari sitt skript",
        key_hash=ApiToken.hash(raw),
        prefix=raw[:8],
        expires_at=timezone.now() + dt.timedelta(days=30),
    )
    return World(
        person=person,
        organiser=organiser,
        case_handler=case_handler,
        organisation=organisation,
        occurrence=_signups(person, organiser, organisation),
        booking=_bookings(person, municipality, unit),
        token=token,
        assignment=_volunteering(person, organiser, organisation),
        **_grants(person, case_handler, municipality, unit, organisation),
    )


def _signups(person, organiser, organisation):
    AgeGroup.objects.get_or_create(code="children", defaults={"position": 0})
    schedule = activities.Schedule(
        first_day=timezone.localdate() + dt.timedelta(days=3),
        start_time=dt.time(18),
        end_time=dt.time(20),
    )
    event = activities.create_event(
        organiser,
        organisation,
        {
            "title": "Breakdance for barn",
            "venue_name": "Ås kulturhus",
            "signup_enabled": True,
            "capacity": 10,
            "waitlist_capacity": 2,
        },
        schedule,
        age_groups=list(AgeGroup.objects.filter(code="children")),
    )
    Event.objects.filter(pk=event.pk).update(status=Event.Status.PUBLISHED)
    question = SignUpQuestion.objects.create(event=event, label="Allergier", position=1)
    occurrence = event.occurrences.get()
    activities.sign_up_many(
        person,
        occurrence,
        [
            activities.Participant(CHILDREN[0], 9, answers={question.pk: "Nøtter"}),
            activities.Participant(CHILDREN[1], 7),
        ],
        email=person.email,
    )
    return occurrence


def _bookings(person, municipality, unit):
    building = Building.objects.create(
        municipality=municipality, unit=unit, name="Solberg skole", slug="solberg", kind="school"
    )
    room = Room.objects.create(building=building, name="Klasserom 1", kind="classroom", capacity=30)
    start = timezone.now() - dt.timedelta(days=20)
    # A past, paid private booking: the accounting basis that must be kept.
    return Booking.objects.create(
        room=room,
        booked_by=person,
        renter_type=RenterType.PRIVATE,
        title=f"Bursdag for {CHILDREN[0]}",
        start=start,
        end=start + dt.timedelta(hours=3),
        state=BookingState.CONFIRMED,
        price_ore=45000,
    )


def _grants(person, case_handler, municipality, unit, organisation) -> dict:
    scheme = GrantScheme.objects.create(
        municipality=municipality,
        unit=unit,
        name="Aktivitetstilskudd",
        slug="aktivitetstilskudd",
        purpose="Støtte til frivillige lags aktivitet.",
        max_amount=50_000_00,
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
        label="Beløp",
        kind=FieldKind.AMOUNT,
        required=True,
        is_requested_amount=True,
        position=2,
    )
    FormField.objects.create(
        section=section, key="budsjett", label="Budsjett", kind=FieldKind.FILE, position=3
    )
    SchemeBudget.objects.create(scheme=scheme, year=timezone.localdate().year, amount=100_000_00)
    now = timezone.now()
    grant_round = Round.objects.create(
        scheme=scheme,
        name="Vår",
        year=timezone.localdate().year,
        opens_at=now - dt.timedelta(days=10),
        deadline=now + dt.timedelta(days=10),
        report_due=timezone.localdate() + dt.timedelta(days=200),
    )
    application = grants.start_application(person, scheme, organisation, grant_round)
    data = {
        "version": str(application.version),
        "title": "Sommerleir",
        "org_name": application.org_name,
        "org_number": application.org_number,
        "address": "Postboks 1, 1430 Ås",
        "bank_account": "12345678903",
        "contact_name": f"Kari {SURNAME}",
        "contact_email": EMAIL,
        "contact_phone": "+47 912 34 567",
        "f_beskrivelse": f"Leir for 40 barn. Spørsmål til Kari {SURNAME}.",
        "f_belop": "12 500",
    }
    pdf = SimpleUploadedFile("budsjett.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    form = grants.save_draft(person, application, data, files={"f_budsjett": pdf})
    assert not form.errors, form.errors
    application.refresh_from_db()
    application = grants.submit_application(person, application)
    review = application.scheme.transitions.get(source=application.state, target__kind="review")
    grants.take_transition(case_handler, application, review)
    grants.decide(
        case_handler, application, outcome="approved", amount=12_500_00, justification="Bra tiltak"
    )
    application.refresh_from_db()
    draft = grants.start_application(person, scheme, organisation, grant_round)
    return {"application": application, "draft": draft}


def _volunteering(person, organiser, organisation):
    VolunteerProfile.objects.create(
        user=person,
        interests=["children"],
        languages=["nb"],
        birth_year=1985,
        wants_to_try="Leksehjelp",
    )
    assignment = Assignment.objects.create(
        organisation=organisation, title="Vert på Kulturfesten", description="Ta imot folk."
    )
    start = timezone.now() + dt.timedelta(days=5)
    shift = Shift.objects.create(
        assignment=assignment, starts_at=start, ends_at=start + dt.timedelta(hours=3), needed=3
    )
    interest = volunteering.express_interest(person, assignment, f"Hilsen Kari {SURNAME}")
    volunteering.answer_interest(organiser, interest, accept=True)
    volunteering.sign_up(person, shift)
    volunteering.log_hours(person, assignment, timezone.localdate(), 90, note="Rigging")
    PoliceCertificateRecord.objects.create(
        volunteer=person,
        organisation=organisation,
        role="Leksehjelper",
        shown_on=timezone.localdate(),
        expires_on=timezone.localdate() + dt.timedelta(days=365),
        recorded_by=organiser,
    )
    return assignment
