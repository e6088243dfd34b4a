"""schema.org Event JSON-LD for the event page (one Event per occurrence)."""

import re

from django.urls import reverse

from .models import Occurrence
from .recurrence import OSLO

# The languages organisers write in the free-text field ("norsk, engelsk"), in bokmål, nynorsk
# and English, as the ISO 639-1 codes schema.org's inLanguage expects (BCP 47).
LANGUAGE_CODES = {
    "norsk": "no", "norwegian": "no", "bokmål": "nb", "nynorsk": "nn", "samisk": "se",
    "sámi": "se", "nordsamisk": "se", "engelsk": "en", "english": "en", "ukrainsk": "uk",
    "ukrainian": "uk", "arabisk": "ar", "arabic": "ar", "polsk": "pl", "polish": "pl",
    "litauisk": "lt", "somali": "so", "somalisk": "so", "tigrinja": "ti", "tigrinya": "ti",
    "dari": "prs", "persisk": "fa", "persian": "fa", "farsi": "fa", "kurdisk": "ku",
    "svensk": "sv", "swedish": "sv", "dansk": "da", "danish": "da", "tysk": "de",
    "german": "de", "fransk": "fr", "french": "fr", "spansk": "es", "spanish": "es",
    "russisk": "ru", "russian": "ru", "tegnspråk": "nsl", "norsk tegnspråk": "nsl",
}  # fmt: skip
_CODE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{2,8})*$")
# "Storgata 1, 1430 Ås": a free-text address with a Norwegian postal code and town.
_POSTAL_ADDRESS = re.compile(r"^(?P<street>.*?)[,\s]+(?P<code>\d{4})\s+(?P<town>[^\d,]+)$")


def language_codes(languages: str) -> list[str]:
    """'norsk, engelsk og ukrainsk' -> ['no', 'en', 'uk']; a code typed as such is kept, a name
    we do not know is left out rather than passed on as a false code."""
    codes = []
    for name in re.split(r"\s*(?:,|/|;|\bog\b|\band\b)\s*", (languages or "").lower()):
        name = name.strip()
        code = LANGUAGE_CODES.get(name) or (name if _CODE.match(name) and len(name) < 4 else None)
        if code and code not in codes:
            codes.append(code)
    return codes or ["no"]


def postal_address(event) -> dict:
    """schema.org PostalAddress with street, postal code and town apart: a building keeps them
    in their own fields; a typed address is split when it ends in 'NNNN Town'."""
    address = {"@type": "PostalAddress", "addressCountry": "NO"}
    if event.room_id:
        building = event.room.building
        street, code, town = building.address, building.postal_code, building.postal_town
    else:
        match = _POSTAL_ADDRESS.match((event.address or "").strip())
        if match:
            street, code, town = match["street"], match["code"], match["town"].strip()
        else:
            street, code, town = event.address, "", ""
    if street:
        address["streetAddress"] = street
    if code:
        address["postalCode"] = code
    address["addressLocality"] = town or event.municipality.name
    return address


def organiser_jsonld(organiser, base_url: str) -> dict:
    """The organiser with the page that tells about it: an organisation's own page, a unit's
    events in the calendar; the organisation's website as sameAs."""
    if hasattr(organiser, "get_absolute_url"):
        url = base_url + organiser.get_absolute_url()
    else:
        url = f"{base_url}{reverse('activities:calendar')}?unit={organiser.pk}"
    item = {"@type": "Organization", "name": str(organiser), "url": url}
    if organiser.email:
        item["email"] = organiser.email
    if website := getattr(organiser, "website", ""):
        item["sameAs"] = website
    return item


def event_jsonld(event, dates, lists, base_url: str) -> dict | list:
    """One schema.org Event per date: `dates` are the page's rows (queries.event_dates), `lists`
    its EventLists. What all dates share is built once, not per date."""
    url = base_url + event.get_absolute_url()
    # One Offer per price group (child, adult, free ...), else one for the event's price.
    prices = lists.prices or [("", event.price_ore)]
    shared = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": event.summary,
        "url": url,
    }
    rest = {
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": {
            "@type": "Place",
            "name": event.place_name or event.place_address,
            "address": postal_address(event),
        },
        "organizer": organiser_jsonld(event.organiser, base_url),
    }
    languages = language_codes(event.languages)
    tail = {
        "isAccessibleForFree": all(price == 0 for _name, price in prices),
        "inLanguage": languages[0] if len(languages) == 1 else languages,
    }
    # After previousStartDate, where a moved date has it (the keys keep their earlier order).
    last = {}
    audiences = lists.age_labels
    if audiences or event.min_age is not None or event.max_age is not None:
        audience = {"@type": "PeopleAudience"}
        if audiences:
            audience["audienceType"] = ", ".join(audiences)
        if event.min_age is not None:
            audience["suggestedMinAge"] = event.min_age
        if event.max_age is not None:
            audience["suggestedMaxAge"] = event.max_age
        last["audience"] = audience
    if event.image:
        last["image"] = base_url + event.image_url
    items = []
    for date in dates:
        moved = date["start"] != date["original_start"]
        if date["status"] == Occurrence.Status.CANCELLED:
            status = "https://schema.org/EventCancelled"
        elif moved:
            status = "https://schema.org/EventRescheduled"
        else:
            status = "https://schema.org/EventScheduled"
        availability = _availability(date["state"])
        offers = [
            {
                "@type": "Offer",
                **({"name": name} if name else {}),
                "price": f"{price / 100:.2f}",
                "priceCurrency": "NOK",
                "url": url,
                "availability": availability,
            }
            for name, price in prices
        ]
        item = {
            **shared,
            "startDate": date["start"].astimezone(OSLO).isoformat(),
            "endDate": date["end"].astimezone(OSLO).isoformat(),
            "eventStatus": status,
            **rest,
            # A single offer stays an object, as readers of the earlier output expect.
            "offers": offers[0] if len(offers) == 1 else offers,
            **tail,
        }
        if moved:
            item["previousStartDate"] = date["original_start"].astimezone(OSLO).isoformat()
        item.update(last)
        items.append(item)
    return items[0] if len(items) == 1 else items


def _availability(state) -> str:
    if not state["enabled"]:
        return "https://schema.org/InStock"
    if state["left"]:
        return "https://schema.org/LimitedAvailability"
    return "https://schema.org/SoldOut"
