"""schema.org JSON-LD for an initiative's page (a Project) and a story's page (an Article)."""


def initiative_jsonld(initiative, base_url: str) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "Project",
        "name": initiative.title,
        "description": initiative.aim,
        "url": base_url + initiative.get_absolute_url(),
        "parentOrganization": {
            "@type": "GovernmentOrganization",
            "name": initiative.lead_unit.name,
        },
        "member": [
            {"@type": "Organization", "name": organisation.name}
            for organisation in initiative.partner_organisations.all()
        ]
        + [
            {"@type": "GovernmentOrganization", "name": unit.name}
            for unit in initiative.partner_units.all()
        ]
        + [{"@type": "Organization", "name": name} for name in initiative.external_partner_list],
        "audience": [
            {"@type": "Audience", "audienceType": str(group)}
            for group in initiative.age_groups.all()
        ],
    }
    if initiative.starts_on:
        data["foundingDate"] = initiative.starts_on.isoformat()
    if initiative.ends_on:
        data["dissolutionDate"] = initiative.ends_on.isoformat()
    if initiative.place:
        data["location"] = {"@type": "Place", "name": initiative.place}
    if initiative.contact_email:
        data["email"] = initiative.contact_email
    return data


def story_jsonld(story, base_url: str, image_urls=()) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": story.title,
        "description": story.summary,
        "url": base_url + story.get_absolute_url(),
        "author": {"@type": "Person", "name": story.author_name},
        "publisher": {"@type": "GovernmentOrganization", "name": story.municipality.name},
        "inLanguage": "nb",
    }
    if story.published_at:
        data["datePublished"] = story.published_at.isoformat()
    data["dateModified"] = story.updated_at.isoformat()
    if image_urls:
        data["image"] = list(image_urls)
    if story.initiative_id:
        data["about"] = {"@type": "Project", "name": story.initiative.title}
    return data
