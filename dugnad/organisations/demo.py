# ruff: noqa: E501  (the demo table reads best with one organisation per line)
"""Invented voluntary organisations of Ås for the demo. Names, people and numbers are made up;
org numbers are valid by MOD11 (stdnum computes the check digit from a fixed seed)."""

import io
import random

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw, ImageFont
from stdnum.no import orgnr

from dugnad.accounts.models import User
from dugnad.core.models import AgeGroup, Area, Municipality
from dugnad.core.text import fold, norwegian_slug

from .actions import build_search_document
from .identifiers import org_number_check_digit
from .models import ActivityType, Organisation, OrganisationRole

# (name, category)
ACTIVITIES = [
    ("Fotball", "sports"), ("Håndball", "sports"), ("Basketball", "sports"),
    ("Friidrett", "sports"), ("Langrenn", "sports"), ("Turn", "sports"),
    ("Svømming", "sports"), ("Orientering", "outdoor"), ("Sykling", "sports"),
    ("Tennis", "sports"), ("Volleyball", "sports"), ("Bandy", "sports"),
    ("Kampsport", "sports"), ("Sjakk", "culture"), ("Kor", "music"),
    ("Korps", "music"), ("Band", "music"), ("Folkemusikk", "music"),
    ("Teater", "culture"), ("Dans", "culture"), ("Historielag", "culture"),
    ("Husflid", "culture"), ("Foto", "culture"), ("Besøksvenn", "humanitarian"),
    ("Førstehjelp", "humanitarian"), ("Leksehjelp", "humanitarian"),
    ("Språkkafé", "multicultural"), ("Matlaging", "multicultural"),
    ("Gudstjeneste", "life_stance"), ("Livssynsarbeid", "life_stance"),
    ("Turgåing", "outdoor"), ("Speiding", "youth"), ("Fiske", "outdoor"),
    ("Friluftsliv", "outdoor"), ("Ungdomsklubb", "youth"), ("Gaming", "youth"),
]  # fmt: skip

# (name, category, area slug, [activities], [age groups], in voluntary register, purpose)
ORGANISATIONS = [
    ("Ås IL", "sports", "as-sentrum", ["Fotball", "Håndball", "Basketball", "Friidrett", "Langrenn", "Turn"], ["children", "youth", "adults"], True, "Idrettslaget for hele Ås, med aktiviteter for alle aldre og nivåer."),
    ("Nordby IL", "sports", "nordby", ["Fotball", "Langrenn", "Orientering"], ["children", "youth"], True, "Idrett og fellesskap for barn og unge i Nordby."),
    ("Kroer IL", "sports", "kroer", ["Fotball", "Turn"], ["children"], True, "Bygdelaget for idrett på Kroer."),
    ("Ås Basketballklubb", "sports", "as-sentrum", ["Basketball"], ["youth", "young_adults"], True, "Basketball for ungdom og unge voksne i Ås-hallen."),
    ("Ås Svømmeklubb", "sports", "as-sentrum", ["Svømming"], ["children", "youth", "adults"], True, "Svømmeopplæring og trening i Ås svømmehall."),
    ("Brekke Tennisklubb", "sports", "brekke", ["Tennis"], ["youth", "adults", "elderly"], False, "Tennis på grusbanene ved Brekke."),
    ("Solberg Volleyball", "sports", "solberg", ["Volleyball"], ["youth", "adults"], False, "Inne- og sandvolleyball for alle."),
    ("Ås Sykkelklubb", "sports", "rustad", ["Sykling"], ["youth", "adults"], True, "Landevei og terreng, fellesturer hver uke."),
    ("Ås Kampsportklubb", "sports", "as-sentrum", ["Kampsport"], ["children", "youth", "adults"], False, "Judo og karate med fokus på respekt og mestring."),
    ("Ås Sjakklubb", "culture", "as-sentrum", ["Sjakk"], ["youth", "adults", "elderly"], False, "Sjakk hver tirsdag på biblioteket."),
    ("Ås Mannskor", "music", "as-sentrum", ["Kor"], ["adults", "elderly"], True, "Firstemt mannskor med lange tradisjoner."),
    ("Togrenda Kvinnekor", "music", "togrenda", ["Kor"], ["adults"], True, "Sangglede og konserter gjennom hele året."),
    ("Ås Skolekorps", "music", "as-sentrum", ["Korps"], ["children", "youth"], True, "Korps for elever fra 3. trinn, i samarbeid med kulturskolen."),
    ("Nordby Skolekorps", "music", "nordby", ["Korps"], ["children", "youth"], True, "Musikkglede og marsjering i Nordby."),
    ("Ås Musikkorps", "music", "as-sentrum", ["Korps"], ["adults", "elderly"], True, "Voksenkorps som spiller på 17. mai og konserter."),
    ("Ungdomsbandet Midtgard", "music", "as-sentrum", ["Band"], ["youth"], False, "Øvingsrom og bandcoaching på Midtgard."),
    ("Ås Spelemannslag", "music", "brekke", ["Folkemusikk", "Dans"], ["adults", "elderly"], True, "Folkemusikk og gammeldans."),
    ("Ås Amatørteater", "culture", "as-sentrum", ["Teater"], ["youth", "adults"], True, "Amatørteater med en stor oppsetning hvert år i Ås kulturhus."),
    ("Ås Dansegruppe", "culture", "solberg", ["Dans"], ["children", "youth"], False, "Hiphop og moderne dans for barn og unge."),
    ("Ås Historielag", "culture", "as-sentrum", ["Historielag", "Foto"], ["adults", "elderly"], True, "Lokalhistorie, foredrag og vandringer i Ås."),
    ("Ås Husflidslag", "culture", "kroer", ["Husflid"], ["adults", "elderly"], True, "Strikkekafé, kurs og tradisjonshåndverk."),
    ("Ås Fotoklubb", "culture", "rustad", ["Foto"], ["young_adults", "adults"], False, "Fototurer, kurs og utstillinger."),
    ("Ås Røde Kors", "humanitarian", "as-sentrum", ["Besøksvenn", "Førstehjelp", "Leksehjelp"], ["children", "youth", "adults", "elderly"], True, "Besøkstjeneste, leksehjelp og hjelpekorps i Ås."),
    ("Ås Sanitetsforening", "humanitarian", "as-sentrum", ["Besøksvenn"], ["elderly"], True, "Frivillig arbeid for helse og trivsel, blant annet på Moertunet."),
    ("Demensvennlig Ås", "humanitarian", "sjoskogen", ["Besøksvenn", "Turgåing"], ["elderly"], False, "Turvenner og aktiviteter for personer med demens og deres pårørende."),
    ("Kirkens Bymisjon Ås", "humanitarian", "as-sentrum", ["Matlaging", "Besøksvenn"], ["adults", "elderly"], True, "Et varmt måltid og et fellesskap for alle."),
    ("Leksehjelpen i Ås", "humanitarian", "rustad", ["Leksehjelp"], ["children", "youth"], False, "Gratis leksehjelp på biblioteket to dager i uka."),
    ("Ås menighet", "life_stance", "as-sentrum", ["Gudstjeneste", "Kor"], ["children", "youth", "adults", "elderly"], True, "Gudstjenester, trosopplæring og diakoni i Ås."),
    ("Nordby menighet", "life_stance", "nordby", ["Gudstjeneste"], ["children", "adults", "elderly"], True, "Menighetsliv i Nordby kirke."),
    ("Ås moské og kultursenter", "life_stance", "as-sentrum", ["Gudstjeneste", "Leksehjelp"], ["children", "youth", "adults"], True, "Bønn, undervisning og kulturarrangementer."),
    ("Human-Etisk Forbund Ås", "life_stance", "as-sentrum", ["Livssynsarbeid"], ["youth", "adults"], True, "Humanistisk konfirmasjon og livssynsåpne seremonier."),
    ("Ås Turlag", "outdoor", "as-sentrum", ["Turgåing", "Friluftsliv"], ["children", "adults", "elderly"], True, "Fellesturer, barnas turlag og merking av stier."),
    ("Ås Jeger- og Fiskerforening", "outdoor", "kroer", ["Fiske", "Friluftsliv"], ["children", "youth", "adults"], True, "Fiskekurs, jaktkurs og naturforvaltning."),
    ("Ås Orienteringslag", "outdoor", "sjoskogen", ["Orientering"], ["children", "youth", "adults"], True, "Orientering for nybegynnere og viderekomne i Ås-skogene."),
    ("1. Ås speidergruppe", "youth", "rustad", ["Speiding", "Friluftsliv"], ["children", "youth"], True, "Speiding med turer, leir og patruljeliv."),
    ("Solberg speidergruppe", "youth", "solberg", ["Speiding"], ["children", "youth"], True, "Speiding for barn og unge på Solberg."),
    ("Ungdomsrådet Ås", "youth", "as-sentrum", ["Ungdomsklubb"], ["youth"], False, "Unge som vil ha et ord med i laget om fritid og kultur."),
    ("Ås E-sportklubb", "youth", "as-sentrum", ["Gaming"], ["youth", "young_adults"], False, "E-sport i trygge rammer, med trenere og faste treninger."),
    ("Internasjonal kvinnegruppe Ås", "multicultural", "as-sentrum", ["Språkkafé", "Matlaging"], ["adults"], False, "Møteplass for kvinner fra hele verden."),
    ("Språkkafé Ås", "multicultural", "as-sentrum", ["Språkkafé"], ["young_adults", "adults", "elderly"], False, "Øv på norsk over en kopp kaffe på biblioteket."),
    ("Ukrainsk forening i Ås", "multicultural", "togrenda", ["Språkkafé", "Dans"], ["children", "adults"], False, "Fellesskap og kulturarv for ukrainere i Ås."),
    ("Fargeglede Ås", "multicultural", "as-sentrum", ["Matlaging", "Dans"], ["children", "youth", "adults"], False, "Festivaler og fellesmåltider som viser mangfoldet i Ås."),
    ("Ås Bandyklubb", "sports", "brekke", ["Bandy"], ["children", "youth"], False, "Bandy på naturisen og kunstisen i vintersesongen."),
]  # fmt: skip

# Registered by members of the public, waiting for the coordinator: shown in the review queue.
PENDING = {"Ås E-sportklubb", "Ukrainsk forening i Ås"}
SEED = 3218


def demo_org_numbers(count: int, seed: int = SEED) -> list[str]:
    rng = random.Random(seed)  # noqa: S311  (reproducible demo data, not security)
    numbers: list[str] = []
    while len(numbers) < count:
        body = str(rng.randint(90000000, 99999999))
        digit = org_number_check_digit(body)
        if digit is not None and orgnr.is_valid(body + digit) and body + digit not in numbers:
            numbers.append(body + digit)
    return numbers


# A demo logo's background per category, dark enough for white letters (contrast over 4.5:1).
LOGO_COLOURS = {
    "sports": "#0b5394",
    "music": "#7b2d8b",
    "culture": "#9c3d00",
    "humanitarian": "#b0001e",
    "multicultural": "#00695c",
    "outdoor": "#2e6b1f",
    "youth": "#1f4e79",
    "life_stance": "#5b4636",
}
LOGO_SIZE = 256
LOGO_FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"


def demo_logo(name: str, category: str) -> tuple[bytes, str]:
    """An invented logo (the name's initials on the category's colour) and its description."""
    initials = "".join(word[0] for word in name.split() if word[:1].isalpha())[:3].upper()
    image = Image.new("RGB", (LOGO_SIZE, LOGO_SIZE), LOGO_COLOURS.get(category, "#333333"))
    draw = ImageDraw.Draw(image)
    size = LOGO_SIZE // (2 if len(initials) < 3 else 3)
    try:  # Debian's DejaVu has Æ, Ø and Å; Pillow's own default font does not
        font = ImageFont.truetype(LOGO_FONT, size)
    except OSError:
        initials = fold(initials).upper()
        font = ImageFont.load_default(size=size)
    draw.text((LOGO_SIZE / 2, LOGO_SIZE / 2), initials, fill="white", font=font, anchor="mm")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue(), f"Logoen til {name}: bokstavene {initials} i hvitt"


def load(out) -> None:
    municipality = Municipality.objects.get(number="3218")
    areas = {area.slug: area for area in Area.objects.filter(municipality=municipality)}
    age_groups = {group.code: group for group in AgeGroup.objects.all()}
    activities = {}
    for name, category in ACTIVITIES:
        activity, _ = ActivityType.objects.update_or_create(
            slug=norwegian_slug(name), defaults={"name": name, "category": category}
        )
        activities[name] = activity
    numbers = demo_org_numbers(len(ORGANISATIONS))
    for number, row in zip(numbers, ORGANISATIONS, strict=True):
        name, category, area_slug, activity_names, groups, registered, purpose = row
        slug = norwegian_slug(name)
        organisation, _ = Organisation.objects.update_or_create(
            slug=slug,
            defaults={
                "municipality": municipality,
                "name": name,
                # An earlier run may have given the number to another slug; keep numbers stable.
                "org_number": number,
                "category": category,
                "area": areas.get(area_slug),
                "purpose": purpose,
                "email": f"post@{slug}.example",
                "website": f"https://{slug}.example",
                "in_voluntary_register": registered,
                "status": "pending" if name in PENDING else "approved",
                "is_demo": True,
            },
        )
        organisation.activity_types.set([activities[a] for a in activity_names])
        organisation.age_groups.set([age_groups[g] for g in groups if g in age_groups])
        if not organisation.logo:
            content, description = demo_logo(name, category)
            organisation.logo_alt = description
            organisation.logo.save(f"demo-{slug}.png", ContentFile(content), save=False)
            Organisation.objects.filter(pk=organisation.pk).update(
                logo=organisation.logo.name, logo_alt=description
            )
        document = build_search_document(organisation)
        if document != organisation.search_document:
            Organisation.objects.filter(pk=organisation.pk).update(search_document=document)
    leader = User.objects.filter(email="leder@demo.example").first()
    if leader is not None:
        OrganisationRole.objects.update_or_create(
            organisation=Organisation.objects.get(slug="as-il"),
            user=leader,
            role=OrganisationRole.Role.LEADER,
            defaults={"title": "Styreleder", "show_publicly": True},
        )
    out.write(
        f"  {len(ORGANISATIONS)} organisations ({len(PENDING)} waiting for approval), "
        f"{len(ACTIVITIES)} activity types"
    )
