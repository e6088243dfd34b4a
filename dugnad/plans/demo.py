"""Demo: the volunteering action plan 2020-2023 of Ås, from the volunteering policy
(shared/seeds/003): the four main goals for 2027, the three focus areas and their numbered
measures, with states, status updates, links to what realises them, an organisation's comment,
and the approved annual report for last year built from the other apps' demo data.

Idempotent: rows are keyed by natural keys (plan title, numbers, update dates), and the report
is approved once.
"""

import datetime as dt

from django.apps import apps
from django.utils import timezone

from dugnad.accounts.demo import demo_user
from dugnad.accounts.models import UnitRole
from dugnad.core.models import Municipality, Unit
from dugnad.organisations.models import Organisation, OrganisationRole

from . import actions
from .models import (
    ActionPlan,
    AnnualReport,
    FocusArea,
    Goal,
    Measure,
    MeasureComment,
    MeasureLink,
    MeasureState,
    StatusUpdate,
)
from .queries import current_period

PLAN_TITLE = "Tiltaksplan for frivilligheten i Ås"
OWNER_EMAIL = "plan@demo.example"
KIF = "Kultur, idrett og frivillighet"

GOALS = [
    "Innen 2027 er Ås en miljøvennlig kommune med fokus på bærekraftig ressursbruk",
    "Innen 2027 er Ås en inkluderende og mangfoldig kommune",
    "Innen 2027 er Ås et kunnskaps- og kultursenter i regionen",
    "Innen 2027 er Ås kommune en aktiv samfunnsutvikler og attraktiv arbeidsgiver",
]

SUMMARY = (
    "Tiltaksplanen er utarbeidet i dialog med de frivillige organisasjonene for å sikre at "
    "tiltakene er i henhold til målene til frivillig sektor. Tiltak, fremdrift og ansvar for "
    "oppfølging spilles inn til kommunens årlige handlingsprogram og økonomiplan, og det "
    "rapporteres årlig på status for målene i tiltaksplanen."
)

S = MeasureState
# (number, title, description, [(measure text, unit, partners, state, progress, updates)])
# updates: [(date, what was done, what is next, state, progress)]
FOCUS_AREAS = [
    (
        1,
        "Forenkling og synliggjøring av kommunal støtte til frivillig sektor",
        "Det skal være lett å være frivillig i Ås. Kommunen vil legge til rette for "
        "forutsigbarhet, og at de frivillige organisasjonene bruker minst mulig ressurser på "
        "administrasjon og rapportering. Enkeltfrivillige skal finne informasjon om hvordan "
        "være frivillig i Ås kommune på en enkel måte.",
        [
            (
                "Opprette en funksjon som frivillig- og idrettskoordinator dersom det er "
                "økonomisk handlingsrom for det.",
                KIF, "Idrettsrådet", S.DONE, 100,
                [
                    (dt.date(2021, 3, 1), "Behovet er utredet og spilt inn til budsjettet.",
                     "Politisk behandling i budsjettet for 2022.", S.IN_PROGRESS, 40),
                    (dt.date(2022, 2, 1), "Frivillig- og idrettskoordinator er ansatt i 100 % "
                     "stilling.", "", S.DONE, 100),
                ],
            ),
            (
                "Utrede muligheter og konsekvenser for bruk av skolelokaler og andre "
                "tilgjengelige lokaler vederlagsfritt til rådighet for frivillige "
                "organisasjoner i Ås.",
                "Oppvekst og opplæring", "Kultur og fritid, skolene", S.DONE, 100,
                [
                    (dt.date(2021, 9, 1), "Utredningen er lagt fram for politisk behandling.",
                     "Vedtak om vederlagsfri bruk.", S.IN_PROGRESS, 60),
                    (dt.date(2022, 6, 1), "Frivillige organisasjoner låner skolelokaler "
                     "vederlagsfritt; bookingen skjer i Dugnad.", "", S.DONE, 100),
                ],
            ),
            (
                "Utvikle en frivilligportal på kommunens nettside med informasjon om kommunens "
                "bistand, en oversikt over frivillige organisasjoner, en aktivitetskalender og "
                "gode historier og prosjekter.",
                KIF, "Biblioteket, frivillige organisasjoner", S.IN_PROGRESS, 80,
                [
                    (dt.date(2023, 5, 1), "Organisasjonsoversikt og aktivitetskalender er "
                     "lansert i Dugnad.", "Gode historier og oppdrag for enkeltfrivillige.",
                     S.IN_PROGRESS, 60),
                    (dt.date(2025, 10, 1), "Oppdrag, vakter og timeregistrering for frivillige "
                     "er tatt i bruk.", "Gode historier fra organisasjonene.", S.IN_PROGRESS, 80),
                ],
            ),
            (
                "Legge til rette for tilgjengelig og enkel behandling av søknader om økonomiske "
                "tilskudd og leie av lokaler.",
                KIF, "Kultur og fritid", S.IN_PROGRESS, 75,
                [
                    (dt.date(2024, 1, 15), "Søknader om tilskudd behandles digitalt.",
                     "Leie av lokaler i samme løsning.", S.IN_PROGRESS, 50),
                    (dt.date(2025, 4, 1), "Lokaler bookes i Dugnad; svartiden måles.",
                     "Rapportering på tilskudd i samme løsning.", S.IN_PROGRESS, 75),
                ],
            ),
        ],
    ),
    (
        2,
        "Økt dialog og samhandling mellom kommunale tjenester og frivillig sektor",
        "Kommunen vil stimulere til å styrke de frivillige organisasjonenes rolle, som "
        "nærmiljøbygger og som bidragsyter for å løse felles samfunnsoppgaver. Frivillig "
        "aktivitet i kommunale tjenester må basere seg på samarbeid og gjensidig respekt "
        "mellom ansatte og de frivillige.",
        [
            (
                "Øke ansattes kompetanse om, og kapasitet til, å samarbeide med enkeltfrivillige "
                "og frivillige organisasjoner.",
                "Kultur og fritid", "Sykehjem og boliger, NAV Ås", S.DELAYED, 30,
                [
                    (dt.date(2022, 11, 1), "Første kurs for ansatte er holdt.",
                     "Kurs i alle enheter.", S.IN_PROGRESS, 30),
                    (dt.date(2025, 3, 1), "Kursrekken er utsatt på grunn av manglende "
                     "kapasitet.", "Ny plan for kurs i 2026.", S.DELAYED, 30),
                ],
            ),
            (
                "Opprette ansvarsområde «frivilligkontakt» i eksisterende stillinger i aktuelle "
                "enheter i kommunen.",
                "Sykehjem og boliger", "Alle enheter med frivillige", S.DONE, 100,
                [
                    (dt.date(2022, 4, 1), "Frivilligkontakter er utnevnt i seks enheter.",
                     "Kontaktene vises i Dugnad.", S.IN_PROGRESS, 70),
                    (dt.date(2023, 9, 1), "Alle aktuelle enheter har en frivilligkontakt som "
                     "vises i Dugnad.", "", S.DONE, 100),
                ],
            ),
            (
                "Kartlegge behovet for å starte en frivilligsentral eller tilsvarende nord i "
                "kommunen.",
                KIF, "Nordby idrettslag, velforeningene", S.PLANNED, 0,
                [],
            ),
        ],
    ),
    (
        3,
        "Tilrettelegge for samhandling",
        "Kommunen vil legge til rette for at flere ønsker å være frivillig i organisasjoner, "
        "eller bidra som enkeltfrivillig, og for å øke frivillig sektors medvirkning i "
        "samhandling med kommunen.",
        [
            (
                "Etablere en årlig frivilligkonferanse for dialog mellom enkeltfrivillige, "
                "frivillige organisasjoner, kommunen og andre samfunnsaktører.",
                KIF, "Frivillige organisasjoner", S.IN_PROGRESS, 70,
                [
                    (dt.date(2023, 10, 20), "Den første frivilligkonferansen er holdt.",
                     "Gjøre konferansen årlig.", S.IN_PROGRESS, 50),
                    (dt.date(2025, 10, 25), "Frivilligkonferansen er holdt for tredje gang, med "
                     "påmelding i Dugnad.", "Konferansen 2026.", S.IN_PROGRESS, 70),
                ],
            ),
            (
                "Oppfordre de frivillige organisasjonene til å etablere et frivilligråd på "
                "samme måte som et idrettsråd.",
                KIF, "Idrettsrådet, frivillige organisasjoner", S.IN_PROGRESS, 40,
                [
                    (dt.date(2024, 2, 1), "Organisasjonene er invitert til et møte om et "
                     "frivilligråd.", "Arbeidsgruppe for vedtekter.", S.IN_PROGRESS, 40),
                ],
            ),
            (
                "Involvere frivillige organisasjoner i plan- og utviklingsarbeid, og ta inn "
                "samarbeid med frivillig sektor som eget tema i tertialrapporter og/eller "
                "årsrapporter.",
                "Kultur og fritid", "Frivillige organisasjoner", S.IN_PROGRESS, 60,
                [
                    (dt.date(2025, 1, 20), "Årsrapporten om frivilligheten lages fra tallene i "
                     "Dugnad.", "Tertialrapporter med samme nøkkeltall.", S.IN_PROGRESS, 60),
                ],
            ),
            (
                "Innføre innbyggertorgpilot i sentrumsnære og synlige lokaler, som skal være "
                "«en vei inn» for frivillig engasjement både fra enkeltfrivillige og "
                "organisasjoner.",
                KIF, "Biblioteket", S.IN_PROGRESS, 50,
                [
                    (dt.date(2024, 8, 15), "Innbyggertorget er åpnet som pilot på "
                     "biblioteket.", "Evaluering av piloten.", S.IN_PROGRESS, 50),
                ],
            ),
        ],
    ),
]  # fmt: skip

# What realises a measure in the platform: (measure code, app label, model, lookup, label).
LINKS = [
    ("1.2", "premises", "Building", {}, None),
    ("1.3", "activities", "Event", {"title__icontains": "Kulturfest"}, None),
    ("1.4", "grants", "GrantScheme", {}, None),
    ("3.1", "activities", "Event", {"title__icontains": "frivilligkonferanse"}, None),
    ("3.4", "volunteering", "Assignment", {}, None),
]
URL_LINKS = [
    ("1.3", "Organisasjonsoversikten", "/organisasjoner/"),
    ("2.2", "Frivilligkontaktene i kommunen", "/frivillig-i-kommunen/"),
]

REPORT_TEXTS = {
    "summary": (
        "Frivilligheten i Ås er stor og bred. Dugnad har samlet tallene for frivillige timer, "
        "lokaler, tilskudd og arrangementer, slik at status for tiltaksplanen rapporteres fra "
        "reelle data."
    ),
    "measures": (
        "Tre av elleve tiltak er gjennomført. Kompetansetiltaket for ansatte er forsinket; "
        "kartleggingen av en frivilligsentral nord i kommunen er ikke startet."
    ),
}


def _unit(municipality, name: str) -> Unit:
    return Unit.objects.get(municipality=municipality, name=name)


def _owner(municipality):
    user = demo_user(OWNER_EMAIL, "Petra", "Plan", phone="64 96 20 00")
    UnitRole.objects.update_or_create(
        user=user,
        unit=_unit(municipality, KIF),
        role=UnitRole.Role.PLAN_OWNER,
        defaults={"show_publicly": False},
    )
    return user


def _model(app_label, model_name):
    try:
        return apps.get_model(app_label, model_name)
    except LookupError:
        return None


def _links(municipality, by_code: dict, owner) -> int:
    made = 0
    for code, app_label, model_name, lookup, label in LINKS:
        model = _model(app_label, model_name)
        if model is None:
            continue
        found = model._default_manager.in_municipality(municipality).filter(**lookup)
        target = found.order_by("pk").first()
        if target is None:
            continue
        if not MeasureLink.objects.filter(
            measure=by_code[code], object_id=target.pk, content_type__model=model_name.lower()
        ).exists():
            actions.add_link(owner, by_code[code], label=label or str(target), target=target)
            made += 1
    for code, label, url in URL_LINKS:
        MeasureLink.objects.get_or_create(
            measure=by_code[code], object_id=None, url=url, defaults={"label": label}
        )
    return made


def _comment(municipality, measure) -> None:
    role = (
        OrganisationRole.objects.filter(
            organisation__municipality=municipality,
            organisation__status=Organisation.Status.APPROVED,
        )
        .select_related("organisation", "user")
        .order_by("organisation__name")
        .first()
    )
    if role is None:
        return
    MeasureComment.objects.get_or_create(
        measure=measure,
        organisation=role.organisation,
        text="Et frivilligråd vil gi organisasjonene en felles stemme. Vi stiller gjerne i "
        "arbeidsgruppen.",
        defaults={"author": role.user},
    )


def load(out) -> None:
    municipality = Municipality.objects.get(number="3218")
    owner = _owner(municipality)
    plan, _created = ActionPlan.objects.update_or_create(
        municipality=municipality,
        title=PLAN_TITLE,
        defaults={
            "owner_unit": _unit(municipality, KIF),
            "summary": SUMMARY,
            "start_year": 2020,
            "end_year": 2023,
            "is_demo": True,
        },
    )
    for number, text in enumerate(GOALS, start=1):
        Goal.objects.update_or_create(plan=plan, number=number, defaults={"text": text})
    by_code = {}
    period_start, _end = current_period()
    updates = []
    for number, title, description, measures in FOCUS_AREAS:
        area, _ = FocusArea.objects.update_or_create(
            plan=plan, number=number, defaults={"title": title, "description": description}
        )
        for index, (text, unit_name, partners, state, progress, history) in enumerate(
            measures, start=1
        ):
            measure, created = Measure.objects.get_or_create(
                focus_area=area,
                number=index,
                defaults={
                    "text": text,
                    "responsible_unit": _unit(municipality, unit_name),
                    "partners": partners,
                    "start_year": 2020,
                    "end_year": 2023,
                    "state": state,
                    "progress": progress,
                },
            )
            by_code[f"{number}.{index}"] = measure
            if not created:
                continue
            for date, done, next_steps, s, p in history:
                updates.append(
                    StatusUpdate(
                        measure=measure, date=date, done=done, next_steps=next_steps,
                        state=s, progress=p, author=owner,
                    )
                )  # fmt: skip
            # Some measures are already followed up in the current four-month period.
            if (number + index) % 3 == 0 and state != S.DONE:
                updates.append(
                    StatusUpdate(
                        measure=measure, date=period_start, done="Status gjennomgått i "
                        "oppfølgingsmøtet.", next_steps="", state=state, progress=progress,
                        author=owner,
                    )
                )  # fmt: skip
    StatusUpdate.objects.bulk_create(updates)
    links = _links(municipality, by_code, owner)
    _comment(municipality, by_code["3.2"])
    year = timezone.localdate().year - 1
    report, _created = AnnualReport.objects.get_or_create(
        plan=plan, year=year, defaults={"created_by": owner, "is_demo": True}
    )
    if not report.is_approved:
        report.texts = REPORT_TEXTS
        report.save(update_fields=["texts"])
        actions.approve_report(owner, report)
    # This year's report stays a draft: it reads today's data, for the owner to write and approve.
    AnnualReport.objects.get_or_create(
        plan=plan, year=year + 1, defaults={"created_by": owner, "is_demo": True}
    )
    out.write(
        f"  action plan: {len(by_code)} measures, {len(updates)} new status updates, "
        f"{links} new links, annual report {year} approved, {year + 1} a draft; "
        f"plan owner {OWNER_EMAIL}"
    )
