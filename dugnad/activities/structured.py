"""schema.org Event JSON-LD for the event page (one Event per occurrence)."""

from .queries import signup_state
from .recurrence import OSLO


def event_jsonld(event, occurrences, base_url: str) -> dict | list:
    organiser = event.organiser
    url = base_url + event.get_absolute_url()
    # One Offer per price group (child, adult, free ...), else one for the event's price.
    prices = [(group.name, group.price_ore) for group in event.price_groups.all()] or [
        ("", event.price_ore)
    ]
    items = []
    for occurrence in occurrences:
        if occurrence.is_cancelled:
            status = "https://schema.org/EventCancelled"
        elif occurrence.is_moved:
            status = "https://schema.org/EventRescheduled"
        else:
            status = "https://schema.org/EventScheduled"
        availability = _availability(occurrence)
        item = {
            "@context": "https://schema.org",
            "@type": "Event",
            "name": event.title,
            "description": event.summary,
            "url": url,
            "startDate": occurrence.start.astimezone(OSLO).isoformat(),
            "endDate": occurrence.end.astimezone(OSLO).isoformat(),
            "eventStatus": status,
            "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
            "location": {
                "@type": "Place",
                "name": event.place_name or event.place_address,
                "address": {
                    "@type": "PostalAddress",
                    "streetAddress": event.room.building.address
                    if event.room_id
                    else event.address,
                    "addressLocality": event.municipality.name,
                    "addressCountry": "NO",
                },
            },
            "organizer": {
                "@type": "Organization",
                "name": str(organiser),
                **({"email": organiser.email} if organiser.email else {}),
            },
            "offers": [
                {
                    "@type": "Offer",
                    **({"name": name} if name else {}),
                    "price": f"{price / 100:.2f}",
                    "priceCurrency": "NOK",
                    "url": url,
                    "availability": availability,
                }
                for name, price in prices
            ],
            "isAccessibleForFree": all(price == 0 for _name, price in prices),
            "inLanguage": event.languages or "no",
        }
        if event.room_id and event.room.building.postal_code:
            item["location"]["address"]["postalCode"] = event.room.building.postal_code
        if len(item["offers"]) == 1:
            # A single offer stays an object, as readers of the earlier output expect.
            item["offers"] = item["offers"][0]
        if occurrence.is_moved:
            item["previousStartDate"] = occurrence.original_start.astimezone(OSLO).isoformat()
        audiences = [str(group) for group in event.age_groups.all()]
        if audiences or event.min_age is not None or event.max_age is not None:
            audience = {"@type": "PeopleAudience"}
            if audiences:
                audience["audienceType"] = ", ".join(audiences)
            if event.min_age is not None:
                audience["suggestedMinAge"] = event.min_age
            if event.max_age is not None:
                audience["suggestedMaxAge"] = event.max_age
            item["audience"] = audience
        if event.image:
            item["image"] = base_url + event.image.url
        items.append(item)
    return items[0] if len(items) == 1 else items


def _availability(occurrence) -> str:
    state = signup_state(occurrence)
    if not state["enabled"]:
        return "https://schema.org/InStock"
    if state["left"]:
        return "https://schema.org/LimitedAvailability"
    return "https://schema.org/SoldOut"
