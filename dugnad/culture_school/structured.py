"""schema.org Course JSON-LD for the catalogue and an offer's page."""


def course_jsonld(offer, request) -> dict:
    school = offer.school_year.school
    url = request.build_absolute_uri(offer.get_absolute_url())
    return {
        "@context": "https://schema.org",
        "@type": "Course",
        "name": offer.subject.name,
        "description": offer.description or offer.subject.description or offer.subject.name,
        "url": url,
        "educationalLevel": offer.get_programme_display(),
        "provider": {"@type": "Organization", "name": school.name},
        "typicalAgeRange": f"{offer.min_age}-{offer.max_age}",
        "hasCourseInstance": {
            "@type": "CourseInstance",
            "courseMode": "onsite",
            "location": offer.venue,
            "courseWorkload": f"PT{offer.minutes}M",
            "startDate": offer.school_year.starts_on.isoformat(),
            "endDate": offer.school_year.ends_on.isoformat(),
        },
        "offers": {
            "@type": "Offer",
            "category": "Paid",
            "price": f"{offer.fee_plan.semester_fee_ore / 100:.2f}",
            "priceCurrency": "NOK",
            "availability": "https://schema.org/InStock"
            if offer.free
            else "https://schema.org/LimitedAvailability",
        },
    }


def catalogue_jsonld(offers, request) -> dict:
    return {
        "@context": "https://schema.org",
        "@type": "ItemList",
        "itemListElement": [
            {"@type": "ListItem", "position": n, "item": course_jsonld(offer, request)}
            for n, offer in enumerate(offers, 1)
        ],
    }
