# ruff: noqa: E501  (demo data: long Norwegian texts)
"""Demo co-creation for Ås from the seed documents: the culture school report's initiatives
with their units, partners, age groups and events; good stories drawn from the report's text
(the people in them are invented); this year's volunteer conference with its programme, the
volunteer council with its members, and a citizens' desk login.

Idempotent: rows are keyed by natural keys (slug, title, name) and updated in place.
"""

import datetime as dt

from django.utils import timezone

from dugnad.accounts.demo import demo_user
from dugnad.accounts.models import UnitRole
from dugnad.activities.models import Event
from dugnad.core.models import Municipality, Unit
from dugnad.organisations.models import Organisation

from .demo_photos import add_photos
from .models import (
    Conference,
    ConferenceSession,
    Council,
    CouncilMeeting,
    CouncilMember,
    Initiative,
    ReachFigure,
    Resource,
    Story,
)

S = Initiative.State

# (slug, title, aim, age groups, lead unit, partner units, partner organisations, external
#  partners, state, place, event titles)
INITIATIVES = [
    ("xenofobia-solberg", "Xenofobia ved Solberg skole",
     "Et skoleprosjekt om frykten for det ukjente. Kulturskolelærere jobber en dag i uken i to måneder sammen med elevene i visuell kunst, musikk, teater eller dans, og resultatet vises i en forestilling for skolen og foreldrene.",
     ["children"], "kulturskolen", ["solberg-skole"], [], "", S.COMPLETED, "Solberg skole", []),
    ("kulturhack", "Kulturhack",
     "Et gratis kunst- og teknologiprosjekt for unge mellom 13 og 30 år: en åpen møteplass der ungdom skaper en forestilling sammen med profesjonelle utøvere.",
     ["youth", "young_adults"], "kulturskolen", ["as-kulturhus"], ["Ås E-sportklubb"], "Ås internasjonale kultursenter, Vitenparken i Ås", S.RUNNING, "Ås kulturhus", ["Kulturhack"]),
    ("lonely-riders", "Lonely Riders",
     "En forestilling med dans og bevegelse der profesjonelle dansere og deltakere fra læringssenteret, 15 personer fra åtte land, oversetter historiene sine til et felles, ikke-verbalt språk.",
     ["young_adults", "adults"], "kulturskolen", ["laeringssenteret", "as-kulturhus"], [], "Lonely Riders – nordisk dansekunstnettverk", S.COMPLETED, "Ås kulturhus", ["Kulturfesten"]),
    ("demensvennlig-as", "Demensvennlig Ås",
     "Ås som demensvennlig samfunn: næringsliv og tjenester gjør samfunnet mer imøtekommende for mennesker med demens, og Moertunet får nye kulturaktiviteter.",
     ["elderly"], "moertunet-demenssenter", ["kulturskolen", "bibliotek"], ["Demensvennlig Ås", "Ås Sanitetsforening"], "Landsforeningen for folkehelse", S.RUNNING, "Moertunet demenssenter", []),
    ("adastra", "AdAstra",
     "«Mot stjernene»: gratis breakdance-sessions der utfordringene er størst, for at ungdom skal finne mening og engasjement i stedet for hærverk og rus. Esport og spillutvikling kommer etter nyttår.",
     ["youth"], "kulturskolen", ["as-ungdomsskole", "ungdomsklubben-midtgard"], ["Ås E-sportklubb"], "", S.RUNNING, "Ås ungdomsskole", ["AdAstra breakdance"]),
    ("fargeglede-i-sentrum", "Fargeglede i sentrum",
     "Unge lager fargerike installasjoner og store veggmalerier som setter farge på Ås sentrum.",
     ["youth", "young_adults"], "kulturskolen", ["kultur-idrett-og-frivillighet"], ["Fargeglede Ås"], "", S.COMPLETED, "Ås sentrum", []),
    ("sommerskole-for-flyktninger", "Sommerskole for flyktninger",
     "Kurs og aktiviteter i sommerferien for ukrainske og andre flyktningbarn: esport, dans og visuell kunst med kulturskolens pedagoger.",
     ["children", "youth"], "kulturskolen", ["laeringssenteret", "nav-as"], ["Ukrainsk forening i Ås"], "", S.PLANNED, "Kulturskolen", []),
    ("graffiti-midtgard", "Graffitiprosjektet Midtgard",
     "Ungdomsgrupper utenfor den tradisjonelle kunstkretsen setter sitt stempel på veggene i ungdomsklubben, for å motvirke utenforskap.",
     ["youth"], "ungdomsklubben-midtgard", ["kulturskolen"], ["Ungdomsbandet Midtgard"], "Ås internasjonale kultursenter", S.RUNNING, "Ungdomsklubben Midtgard", []),
    ("hav", "HAV",
     "Sosiale møteplasser der mennesker med ulik kulturbakgrunn blir kjent gjennom kunst, kultur og kunnskap: tre til fire HAV-kvelder i året.",
     ["young_adults", "adults", "elderly"], "as-kulturhus", ["kulturskolen", "bibliotek"], ["Ukrainsk forening i Ås", "Internasjonal kvinnegruppe Ås"], "", S.RUNNING, "Ås kulturhus", ["HAV – ukrainsk kveld", "HAV – vårkveld", "HAV – høstkveld"]),
    ("kultur-og-helse", "Kultur & Helse",
     "Et initiativ mellom kommunens virksomheter om en festival som viser kultur i et helseperspektiv.",
     ["adults", "elderly"], "kultur-og-fritid", ["sykehjem-og-boliger", "moertunet-demenssenter"], ["Ås Røde Kors"], "", S.IDEA, "", []),
    ("barnas-verdensdag", "Barnas verdensdag",
     "En gratis familiefestival hvert år som bringer hele verdens kulturarv til Ås, med verksteder i dans, kunst og instrumentprøving.",
     ["children", "adults"], "kultur-idrett-og-frivillighet", ["kulturskolen", "bibliotek"], ["Internasjonal kvinnegruppe Ås", "Fargeglede Ås"], "", S.RUNNING, "Ås sentrum", ["Barnas verdensdag"]),
    ("musikkteater-for-alle", "Musikkteater med mennesker med funksjonsnedsettelser",
     "Kulturskolen og boligene for mennesker med funksjonsnedsettelser lager musikkteater sammen.",
     ["young_adults", "adults"], "kulturskolen", ["sykehjem-og-boliger"], ["Ås Amatørteater"], "", S.PLANNED, "Ås kulturhus", []),
]  # fmt: skip

# (initiative slug, partner, kind, amount (hours or øre), description)
RESOURCES = [
    ("kulturhack", "Kulturskolen", Resource.Kind.STAFF_HOURS, 120, "To lærere gjennom høsten"),
    ("kulturhack", "Ås kulturhus", Resource.Kind.PREMISES, None, "Storsalen og verkstedet"),
    ("kulturhack", "Vitenparken i Ås", Resource.Kind.EQUIPMENT, None, "Sensorer og skjermer"),
    (
        "demensvennlig-as",
        "Moertunet demenssenter",
        Resource.Kind.STAFF_HOURS,
        200,
        "Aktivitetsleder",
    ),
    (
        "demensvennlig-as",
        "Ås Sanitetsforening",
        Resource.Kind.MONEY,
        2_500_000,
        "Kurs for butikkansatte",
    ),
    ("adastra", "Kulturskolen", Resource.Kind.MONEY, 15_000_000, "Honorar til instruktør"),
    ("adastra", "Ås ungdomsskole", Resource.Kind.PREMISES, None, "Gymsalen to kvelder i uken"),
    ("hav", "Ås kulturhus", Resource.Kind.PREMISES, None, "Foajeen og kafeen"),
    (
        "barnas-verdensdag",
        "Kultur, idrett og frivillighet",
        Resource.Kind.STAFF_HOURS,
        300,
        "Planlegging og gjennomføring",
    ),
]

# (initiative slug, label, count, age group, days ago)
REACH = [
    ("barnas-verdensdag", "Besøkende på Barnas verdensdag (anslag)", 3000, None, 80),
    ("lonely-riders", "Deltakere i forestillingen", 15, "adults", 200),
    ("xenofobia-solberg", "Elever som deltok", 180, "children", 90),
    ("fargeglede-i-sentrum", "Unge som malte", 40, "youth", 60),
]

# (title, summary, body, initiative slug, organisation name, byline)
STORIES = [
    ("Da Solberg skole sto på scenen", "Etter to måneder med Xenofobia-prosjektet viste elevene forestillingen sin for hele skolen.",
     "<p>Hver onsdag i høst kom kulturskolelærerne til Solberg skole. Elevene valgte mellom visuell kunst, musikk, teater og dans, og jobbet med det som skremmer oss: det ukjente.</p><p>«Jeg trodde ikke jeg turte å danse foran foreldrene», sier Ida (11). Hun gjorde det likevel.</p>",
     "xenofobia-solberg", None, "Tone Tangen"),
    ("Femten dansere, åtte land, ett språk", "Lonely Riders ble et fellesskap uten ord.",
     "<p>Deltakerne fra læringssenteret kom fra Kongo, Afghanistan, Storbritannia, Eritrea, Syria, Nederland, Tyrkia og Norge. Gjennom ti måneder oversatte de historiene sine til dans.</p><p>Avslutningsforestillingen på kulturfesten fikk stående applaus.</p>",
     "lonely-riders", None, "Per Pettersen"),
    ("Kulturhack: ungdom skrev manus med sensorer", "På Kulturhack lager unge forestillingen sammen med profesjonelle utøvere.",
     "<p>Ved hjelp av teknologi og kunst skapte ungdommene en forestilling der og da. «Det er første gang jeg har programmert lys til en konsert», sier Jonas (17).</p>",
     "kulturhack", "Ås E-sportklubb", "Eirik Espen"),
    ("En butikk som forstår", "Flere butikker i Ås sentrum er nå demensvennlige.",
     "<p>Ansatte i butikkene har tatt kurs om demens. «Nå vet jeg hvordan jeg kan hjelpe når noen blir forvirret i kassa», forteller en butikkmedarbeider.</p><p>Moertunet demenssenter og Ås Sanitetsforening står bak kursene.</p>",
     "demensvennlig-as", "Ås Sanitetsforening", "Sigrid Sand"),
    ("Breakdance mot stjernene", "AdAstra gir ungdom et nytt fokus.",
     "<p>To kvelder i uken fylles gymsalen av musikk. Instruktøren fra Oslo har gitt mange en grunn til å komme.</p><p>«Før hang vi bare rundt. Nå øver vi», sier en av deltakerne.</p>",
     "adastra", None, "Kristian Kulturskole"),
    ("Ås sentrum fikk farger", "Unge malte veggene i sentrum.",
     "<p>Gjennom høsten laget unge fargerike installasjoner og store veggmalerier. Det grå sentrum har fått nytt liv.</p>",
     "fargeglede-i-sentrum", "Fargeglede Ås", "Farah Farsad"),
    ("Sommer med dans og esport", "Flyktningbarn fikk en aktiv sommer.",
     "<p>Ukrainske og andre flyktningbarn fikk tilbud om kurs i esport, dans og visuell kunst gjennom hele sommeren.</p><p>«Jeg fant nye venner», sier Olena (12).</p>",
     "sommerskole-for-flyktninger", "Ukrainsk forening i Ås", "Oksana Olsen"),
    ("Veggene på Midtgard forteller", "Graffitiprosjektet gir ungdommene en stemme.",
     "<p>Ungdomsgrupper som ikke finner seg til rette i den tradisjonelle kunstkretsen, har fått sette sitt stempel på veggene i den nye ungdomsklubben.</p>",
     "graffiti-midtgard", None, "Mats Midtgard"),
    ("3000 på Barnas verdensdag", "Et stort oppmøte på årets familiefestival.",
     "<p>Rundt 3000 besøkende kom til verksteder i dans, kunst og instrumentprøving. Lokale lag med internasjonal profil viste seg fram.</p>",
     "barnas-verdensdag", "Internasjonal kvinnegruppe Ås", "Bente Berg"),
    ("Ukrainsk aften samlet kulturhuset", "HAV skapte en møteplass for alle som er berørt av krigen.",
     "<p>Mat, kunst og musikk fylte kulturhuset. «Det var som å komme hjem for en kveld», sier en av gjestene.</p>",
     "hav", "Ukrainsk forening i Ås", "Hanne Hav"),
]  # fmt: skip

# (name, role, organisation name or None, represents)
COUNCIL = [
    ("Randi Rådsleder", CouncilMember.Role.CHAIR, "Ås Røde Kors", ""),
    ("Ole Idrett", CouncilMember.Role.MEMBER, "Ås IL", ""),
    ("Kari Kor", CouncilMember.Role.MEMBER, "Ås Mannskor", ""),
    ("Amira Aziz", CouncilMember.Role.MEMBER, "Internasjonal kvinnegruppe Ås", ""),
    ("Tor Tur", CouncilMember.Role.MEMBER, "Ås Turlag", ""),
    ("Unni Ung", CouncilMember.Role.MEMBER, "Ungdomsrådet Ås", ""),
    ("Dag Deputy", CouncilMember.Role.DEPUTY, "Ås Historielag", ""),
    (
        "Kari Koordinator",
        CouncilMember.Role.SECRETARY,
        None,
        "Ås kommune, frivillighetskoordinator",
    ),
]

DESK_LOGIN = ("innbyggertorg@demo.example", "Ingrid", "Innbyggertorg")


def _orgs(names):
    return list(Organisation.objects.filter(name__in=names, is_demo=True))


def load(out) -> None:
    municipality = Municipality.objects.get(number="3218")
    units = {u.slug: u for u in Unit.objects.in_municipality(municipality)}
    events = {e.title: e for e in Event.objects.in_municipality(municipality).filter(is_demo=True)}
    today = timezone.localdate()
    made = {}
    for (slug, title, aim, ages, lead, partners, orgs, external, state, place,
         event_titles) in INITIATIVES:  # fmt: skip
        initiative, _ = Initiative.objects.update_or_create(
            municipality=municipality,
            slug=slug,
            defaults={
                "title": title,
                "aim": aim,
                "lead_unit": units[lead],
                "external_partners": external,
                "state": state,
                "place": place,
                "starts_on": dt.date(today.year - 1, 8, 15),
                "ends_on": dt.date(today.year, 6, 30) if state == S.COMPLETED else None,
                "is_demo": True,
            },
        )
        initiative.age_groups.set(ages)
        initiative.partner_units.set([units[s] for s in partners if s in units])
        initiative.partner_organisations.set(_orgs(orgs))
        initiative.events.set([events[t] for t in event_titles if t in events])
        made[slug] = initiative
    for slug, partner, kind, amount, description in RESOURCES:
        Resource.objects.update_or_create(
            initiative=made[slug],
            partner=partner,
            kind=kind,
            defaults={"amount": amount, "description": description},
        )
    for slug, label, count, age, days in REACH:
        ReachFigure.objects.update_or_create(
            initiative=made[slug],
            label=label,
            defaults={
                "count": count,
                "age_group_id": age,
                "counted_on": today - dt.timedelta(days=days),
            },
        )
    orgs = {o.name: o for o in Organisation.objects.filter(is_demo=True)}
    demo_stories = []
    for n, (title, summary, body, slug, org, byline) in enumerate(STORIES):
        story, _ = Story.objects.update_or_create(
            municipality=municipality,
            title=title,
            defaults={
                "summary": summary,
                "body": body,
                "initiative": made.get(slug),
                "organisation": orgs.get(org) if org else None,
                "author_name": byline,
                "state": Story.State.PUBLISHED,
                # From the date, not the clock: a second load changes nothing.
                "published_at": timezone.make_aware(
                    dt.datetime.combine(today - dt.timedelta(days=7 * n), dt.time(12))
                ),
                "is_demo": True,
            },
        )
        demo_stories.append(story)
    photos = add_photos(demo_stories)
    conference = _conference(municipality, events.get("Frivilligkonferansen"))
    council = _council(municipality, orgs, today)
    desk = demo_user(*DESK_LOGIN, phone="64 96 20 00")
    UnitRole.objects.update_or_create(
        user=desk,
        unit=units["kultur-idrett-og-frivillighet"],
        role=UnitRole.Role.CITIZENS_DESK,
        defaults={"show_publicly": False},
    )
    out.write(
        f"  {len(made)} initiatives, {len(STORIES)} stories ({photos} new photos), "
        f"{'a conference, ' if conference else ''}{council.members.count()} council members, "
        "citizens' desk login innbyggertorg@demo.example"
    )


def _conference(municipality, event):
    if event is None:
        return None
    first = event.occurrences.order_by("start").first()
    if first is None:
        return None
    start = timezone.localtime(first.start)
    conference, _ = Conference.objects.update_or_create(
        municipality=municipality,
        year=start.year,
        defaults={
            "title": f"Frivilligkonferansen {start.year}",
            "summary": "Dialog mellom enkeltfrivillige, frivillige organisasjoner, kommunen og andre samfunnsaktører: lokaler, tilskudd og samarbeid.",
            "event": event,
        },
    )
    programme = [
        (0, 30, "Velkommen: frivilligheten i Ås", "Ordfører og frivillighetskoordinator Kari Koordinator", "Auditoriet"),
        (30, 75, "Slik låner dere skolelokaler gratis", "Liv Lokalforvalter", "Auditoriet"),
        (30, 75, "Verksted: søk tilskudd på en kveld", "Sander Saksbehandler", "Grupperom 1"),
        (90, 150, "Gode historier: Kulturhack og Demensvennlig Ås", "Eirik Espen og Sigrid Sand", "Auditoriet"),
        (150, 210, "Frivilligrådet: hva skal vi jobbe med?", "Randi Rådsleder", "Auditoriet"),
    ]  # fmt: skip
    for begin, end, title, speakers, room in programme:
        ConferenceSession.objects.update_or_create(
            conference=conference,
            title=title,
            defaults={
                "speakers": speakers,
                "room": room,
                "starts_at": first.start + dt.timedelta(minutes=begin),
                "ends_at": first.start + dt.timedelta(minutes=end),
            },
        )
    return conference


def _council(municipality, orgs, today):
    council, _ = Council.objects.update_or_create(
        municipality=municipality,
        defaults={
            "name": "Frivilligrådet i Ås",
            "description": "Frivilligrådet er de frivillige organisasjonenes stemme overfor kommunen, på samme måte som idrettsrådet. Rådet møtes fire ganger i året, og møtene er åpne.",
        },
    )
    term_start = dt.date(today.year - 1, 1, 1)
    term_end = dt.date(today.year + 1, 12, 31)
    for name, role, org, represents in COUNCIL:
        CouncilMember.objects.update_or_create(
            council=council,
            name=name,
            defaults={
                "role": role,
                "organisation": orgs.get(org) if org else None,
                "represents": represents,
                "term_start": term_start,
                "term_end": term_end,
                "is_demo": True,
            },
        )
    meetings = [
        (dt.date(today.year, 2, 10), "1. Konstituering\n2. Arbeidsplan for året\n3. Frivilligkonferansen", "Rådet konstituerte seg med Randi Rådsleder som leder. Arbeidsplanen ble vedtatt."),
        (dt.date(today.year, 5, 12), "1. Gratis skolelokaler: status\n2. Tilskuddsordningene\n3. Eventuelt", "Rådet ba kommunen om en samlet oversikt over ledige lokaler."),
        (dt.date(today.year + 1, 2, 9), "1. Årsrapporten for tiltaksplanen\n2. Innbyggertorget", ""),
    ]  # fmt: skip
    for date, agenda, minutes in meetings:
        CouncilMeeting.objects.update_or_create(
            council=council,
            date=date,
            defaults={"place": "Ås rådhus", "agenda": agenda, "minutes": minutes},
        )
    return council
