# ruff: noqa: E501  (demo texts read best on one line)
"""Demo grants for Ås: three schemes, an open and a closed round, applications in every state.

Runs after the organisations' demo and picks its approved demo organisations. Idempotent:
schemes and rounds are keyed by slug and name; the demo applications are rebuilt each time.
"""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from dugnad.accounts.models import User
from dugnad.core.models import Municipality, Unit
from dugnad.organisations.models import Organisation

from .models import (
    Application,
    Decision,
    FieldKind,
    FormField,
    FormSection,
    GrantReport,
    GrantScheme,
    Round,
    SchemeBudget,
    StateKind,
)

OSLO = ZoneInfo("Europe/Oslo")

SCHEMES = [
    (
        "aktivitetstilskudd-frivillige-lag",
        "Aktivitetstilskudd for frivillige lag og foreninger",
        "Støtte til den faste aktiviteten i frivillige lag og foreninger i Ås, slik at flere kan delta.",
        "Frivillige lag og foreninger i frivillighetsregisteret som har aktivitet i Ås kommune.",
        30_000_00,
        800_000_00,
        ["Aktivitet for barn og unge", "Antall aktive medlemmer", "Åpent for alle"],
    ),
    (
        "kulturtilskudd-prosjekter-arrangementer",
        "Kulturtilskudd til prosjekter og arrangementer",
        "Tilskudd til kulturprosjekter og arrangementer som gir et bredt kulturtilbud i Ås, som Kulturfesten og SmakÅs.",
        "Lag, foreninger og grupper som lager kulturarrangementer i Ås.",
        50_000_00,
        500_000_00,
        ["Kunstnerisk kvalitet", "Publikum og tilgjengelighet", "Samarbeid"],
    ),
    (
        "inkludering-lavterskel-barn-unge",
        "Tilskudd til inkludering og lavterskeltilbud for barn og unge",
        "Støtte til gratis og åpne aktiviteter som gjør at alle barn og unge kan delta, uansett familiens økonomi.",
        "Frivillige organisasjoner som gir lavterskeltilbud til barn og unge i Ås.",
        40_000_00,
        400_000_00,
        [
            "Når barn som ellers faller utenfor",
            "Lav terskel og lav pris",
            "Medvirkning fra barn og unge",
        ],
    ),
]

FIELDS = [
    ("Om tiltaket", [
        ("beskrivelse", "Beskriv tiltaket", FieldKind.LONG_TEXT, True, 2000, []),
        ("malgruppe", "Målgruppe", FieldKind.CHOICE, True, None, ["Barn", "Ungdom", "Voksne", "Eldre", "Alle"]),
        ("deltakere", "Forventet antall deltakere", FieldKind.NUMBER, False, None, []),
        ("oppstart", "Oppstart", FieldKind.DATE, False, None, []),
        ("apent", "Er tiltaket åpent for alle?", FieldKind.YES_NO, True, None, []),
    ]),
    ("Økonomi", [
        ("belop", "Beløp det søkes om", FieldKind.AMOUNT, True, None, []),
        ("budsjett", "Budsjett for tiltaket", FieldKind.FILE, False, None, []),
    ]),
]  # fmt: skip

# (state kind or "draft", title, amount in kroner) for each demo application, per round
CLOSED_ROUND_CASES = [
    (StateKind.RECEIVED, "Nye drakter til jentelaget", 15_000),
    (StateKind.REVIEW, "Treningsleir i vinterferien", 20_000),
    (StateKind.APPROVED, "Åpen hall på fredager", 25_000),
    (StateKind.PARTLY_APPROVED, "Ny lydrigg til Kulturfesten", 30_000),
    (StateKind.REJECTED, "Studietur til utlandet", 28_000),
    (StateKind.PAID, "Leksehjelp med kveldsmat", 12_000),
    (StateKind.REPORT_RECEIVED, "Sommeraktiviteter for alle barn", 18_000),
    (StateKind.CLOSED, "Turkvelder for nye i Ås", 8_000),
]
OPEN_ROUND_CASES = [
    ("draft", "Språkkafé med barnepass", 10_000),
    (StateKind.RECEIVED, "Gratis sommerskole", 22_000),
]


def _scheme(municipality, unit, slug, name, purpose, eligibility, max_kr, budget, criteria, year):
    scheme, _created = GrantScheme.objects.update_or_create(
        slug=slug,
        defaults={
            "municipality": municipality,
            "unit": unit,
            "name": name,
            "purpose": purpose,
            "eligibility": eligibility,
            "rules_text": (
                "Søknaden sendes innen fristen. Tilskuddet skal brukes til formålet det er gitt "
                "til, og det skal rapporteres innen rapportfristen. Ubrukte midler betales tilbake."
            ),
            "max_amount": max_kr,
            "criteria": criteria,
            "is_demo": True,
        },
    )
    for y in (year - 1, year):
        SchemeBudget.objects.update_or_create(scheme=scheme, year=y, defaults={"amount": budget})
    if not scheme.sections.exists():
        for position, (title, fields) in enumerate(FIELDS):
            section = FormSection.objects.create(scheme=scheme, title=title, position=position)
            FormField.objects.bulk_create(
                FormField(
                    section=section,
                    key=key,
                    label=label,
                    kind=kind,
                    required=required,
                    max_length=max_length,
                    choices=choices,
                    position=i,
                    is_requested_amount=(key == "belop"),
                )
                for i, (key, label, kind, required, max_length, choices) in enumerate(fields)
            )
    return scheme


def load(out) -> None:
    municipality = Municipality.objects.filter(number="3218").first()
    unit = Unit.objects.filter(slug="kultur-idrett-og-frivillighet").first()
    if municipality is None or unit is None:
        out.write("  grants: skipped (no municipality or unit)")
        return
    organisations = list(
        Organisation.objects.filter(is_demo=True, status=Organisation.Status.APPROVED).order_by(
            "pk"
        )[:20]
    )
    handler = User.objects.filter(email="saksbehandler@demo.example").first()
    leader = User.objects.filter(email="leder@demo.example").first()
    now = timezone.now()
    year = timezone.localdate().year
    schemes = [_scheme(municipality, unit, *spec, year=year) for spec in SCHEMES]
    # Demo cases are rebuilt on each run; decisions protect applications, so they go first.
    GrantReport.objects.filter(application__is_demo=True).delete()
    Decision.objects.filter(application__is_demo=True).delete()
    Application.objects.filter(is_demo=True).delete()
    count = 0
    org_index = 0
    for scheme in schemes:
        closed, _c = Round.objects.update_or_create(
            scheme=scheme,
            name=f"Hovedtildeling {year - 1}",
            defaults={
                "year": year - 1,
                "opens_at": datetime(year - 1, 1, 15, 9, 0, tzinfo=OSLO),
                "deadline": datetime(year - 1, 3, 16, 0, 0, tzinfo=OSLO),
                "report_due": datetime(year, 2, 1).date(),
            },
        )
        opened, _c = Round.objects.update_or_create(
            scheme=scheme,
            name=f"Hovedtildeling {year}",
            defaults={
                "year": year,
                "opens_at": now - timedelta(days=14),
                "deadline": (timezone.localtime(now) + timedelta(days=30)).replace(
                    hour=23, minute=59, second=0, microsecond=0
                ),
                "report_due": (now + timedelta(days=400)).date(),
            },
        )
        if not organisations:
            continue
        states = {s.kind: s for s in scheme.states.all()}
        for round_, cases in ((closed, CLOSED_ROUND_CASES), (opened, OPEN_ROUND_CASES)):
            for kind, title, kroner in cases:
                organisation = organisations[org_index % len(organisations)]
                org_index += 1
                submitted = (
                    None if kind == "draft" else min(round_.deadline, now) - timedelta(days=5)
                )
                application = Application.objects.create(
                    scheme=scheme,
                    round=round_,
                    organisation=organisation,
                    created_by=leader,
                    title=title,
                    org_name=organisation.name,
                    org_number=organisation.org_number or "",
                    bank_account="12345678903",
                    contact_name="Lene Leder",
                    contact_email=organisation.email or "post@demo.example",
                    answers={
                        "beskrivelse": f"{title}. Åpent for alle, uten kostnad for deltakerne.",
                        "malgruppe": "Barn",
                        "deltakere": "40",
                        "apent": "yes",
                        "belop": str(kroner),
                    },
                    amount_requested=kroner * 100,
                    state=None if kind == "draft" else states[kind],
                    submitted_at=submitted,
                    handler=handler if kind not in ("draft", StateKind.RECEIVED) else None,
                    is_demo=True,
                )
                count += 1
                outcome = {
                    StateKind.APPROVED: "approved",
                    StateKind.PAID: "approved",
                    StateKind.REPORT_RECEIVED: "approved",
                    StateKind.CLOSED: "approved",
                    StateKind.PARTLY_APPROVED: "partly_approved",
                    StateKind.REJECTED: "rejected",
                }.get(kind)
                if outcome:
                    amount = {
                        "approved": kroner * 100,
                        "partly_approved": kroner * 60,
                        "rejected": 0,
                    }[outcome]
                    decided = submitted + timedelta(days=20)
                    Decision.objects.create(
                        application=application,
                        outcome=outcome,
                        amount=amount,
                        purpose=title,
                        justification="Tiltaket er i tråd med formålet med ordningen."
                        if outcome != "rejected"
                        else "Tiltaket ligger utenfor formålet med ordningen.",
                        appeal_deadline=(decided + timedelta(weeks=3)).date(),
                        decided_by=handler,
                        decided_at=decided,
                        letter=f'<p class="ds-paragraph">{title}: vedtak i demoen.</p>',
                    )
                if kind in (StateKind.REPORT_RECEIVED, StateKind.CLOSED):
                    GrantReport.objects.create(
                        application=application,
                        what_was_done="Gjennomført som planlagt.",
                        amount_used=kroner * 100,
                        results="40 barn deltok.",
                        status=GrantReport.Status.ACCEPTED
                        if kind == StateKind.CLOSED
                        else GrantReport.Status.SUBMITTED,
                    )
    out.write(f"  grants: {len(schemes)} schemes, {count} demo applications")
