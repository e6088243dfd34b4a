"""Demo data for Ås: the municipality, its parts and units, and the information pages.

Names come from the seed documents (shared/seeds). Every loader in the project is idempotent:
it creates what is missing and updates what it owns, keyed by natural keys.
"""

from .models import Area, InfoPage, Municipality, Unit
from .queries import forget_municipality
from .richtext import sanitise
from .text import norwegian_slug as slugify

AREAS = ["Ås sentrum", "Nordby", "Togrenda", "Brekke", "Kroer", "Solberg", "Rustad", "Sjøskogen"]

# (name, parent name or None, email)
UNITS = [
    ("Kultur og fritid", None, "kultur@as.kommune.example"),
    ("Kulturskolen", "Kultur og fritid", "kulturskolen@as.kommune.example"),
    ("Bibliotek", "Kultur og fritid", "biblioteket@as.kommune.example"),
    ("Kultur, idrett og frivillighet", "Kultur og fritid", "frivillighet@as.kommune.example"),
    ("Ås kulturhus", "Kultur, idrett og frivillighet", "kulturhuset@as.kommune.example"),
    ("Ungdomsklubben Midtgard", "Kultur, idrett og frivillighet", "midtgard@as.kommune.example"),
    ("Sykehjem og boliger", None, "sykehjem@as.kommune.example"),
    ("Moertunet demenssenter", "Sykehjem og boliger", "moertunet@as.kommune.example"),
    ("NAV Ås", None, "nav@as.kommune.example"),
    ("Læringssenteret", None, "laeringssenteret@as.kommune.example"),
    ("Oppvekst og opplæring", None, "oppvekst@as.kommune.example"),
    ("Solberg skole", "Oppvekst og opplæring", "solberg.skole@as.kommune.example"),
    ("Rustad skole", "Oppvekst og opplæring", "rustad.skole@as.kommune.example"),
    ("Nordby skole", "Oppvekst og opplæring", "nordby.skole@as.kommune.example"),
    ("Ås ungdomsskole", "Oppvekst og opplæring", "as.ungdomsskole@as.kommune.example"),
]

PAGES = [
    (
        "slik-stotter-kommunen-frivilligheten",
        "Slik støtter kommunen frivilligheten",
        "Lokaler, tilskudd, informasjon og en fast kontakt i kommunen.",
        "<p>Det skal være lett å være frivillig i Ås. Kommunen legger til rette for at "
        "frivillige organisasjoner bruker minst mulig tid på administrasjon og rapportering, "
        "slik at de får mer tid til aktivitetene sine.</p>"
        "<ul><li>Frivillige organisasjoner låner skolelokaler vederlagsfritt.</li>"
        "<li>Tilskudd søkes her på Dugnad, med enkel og åpen saksbehandling.</li>"
        "<li>Hver kommunale enhet har en egen frivilligkontakt.</li>"
        "<li>Kommunen arrangerer en årlig frivilligkonferanse.</li></ul>",
    ),
    # Once "Bli frivillig", a dead end beside the how-to page; the home page has one such entry.
    (
        "bli-frivillig",
        "Forsikring og rettigheter for frivillige",
        "Hva kommunen dekker når du hjelper til i en kommunal enhet.",
        "<p>Frivillige som hjelper til i en kommunal enhet, er dekket av kommunens "
        "ulykkesforsikring mens de gjør oppdraget. Du bestemmer selv hvor mye du vil bidra, "
        "og du kan alltid si nei til en oppgave. Snakk med frivilligkontakten i enheten "
        "om du lurer på noe.</p>",
    ),
    (
        "frivilligmeldingen",
        "Frivilligmeldingen og tiltaksplanen",
        "Hvordan kommunen samarbeider med frivillig sektor.",
        "<p>Frivilligmeldingen anerkjenner frivilligheten som en uavhengig samfunnssektor der "
        "samhandlingen med kommunen skjer på frivillighetens premisser. Det rapporteres årlig "
        "på status for målene i tiltaksplanen.</p>",
    ),
]


def load(out) -> None:
    municipality, _ = Municipality.objects.update_or_create(
        number="3218",
        defaults={
            "name": "Ås",
            "email": "postmottak@as.kommune.example",
            "phone": "64 96 20 00",
            "address": "Rådhusplassen 29, 1430 Ås",
            "website": "https://www.as.kommune.example",
        },
    )
    forget_municipality()
    for name in AREAS:
        Area.objects.update_or_create(
            municipality=municipality, slug=slugify(name), defaults={"name": name}
        )
    for name, parent_name, email in UNITS:
        parent = (
            Unit.objects.get(municipality=municipality, slug=slugify(parent_name))
            if parent_name
            else None
        )
        Unit.objects.update_or_create(
            municipality=municipality,
            slug=slugify(name),
            defaults={"name": name, "parent": parent, "email": email},
        )
    for position, (slug, title, summary, body) in enumerate(PAGES):
        InfoPage.objects.update_or_create(
            municipality=municipality,
            slug=slug,
            defaults={
                "title": title,
                "summary": summary,
                "body": sanitise(body),
                "position": position,
            },
        )
    out.write(f"  municipality, {len(AREAS)} areas, {len(UNITS)} units, {len(PAGES)} pages")


def unit(slug: str) -> Unit:
    return Unit.objects.get(municipality__number="3218", slug=slug)
