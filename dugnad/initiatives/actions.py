"""Every write on initiatives and stories. Views and the API call these, nothing else.

The conference's registration is the calendar's sign-up; the citizens' desk (`desk.py`) calls
the owning apps' actions. Neither writes another app's rows here.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dugnad.core.errors import DomainError
from dugnad.core.notify import notify
from dugnad.core.richtext import sanitise, text_of
from dugnad.core.text import norwegian_slug
from dugnad.core.uploads import check_image

from . import rules
from .models import Initiative, InitiativeUpdate, ReachFigure, Resource, Story, StoryPhoto

INITIATIVE_FIELDS = (
    "title", "aim", "lead_unit", "external_partners", "starts_on", "ends_on", "place", "state",
    "contact_name", "contact_email",
)  # fmt: skip


def _clean_initiative(municipality, data: dict) -> dict:
    values = {name: data.get(name) for name in INITIATIVE_FIELDS if name in data}
    for name in ("title", "aim", "external_partners", "place", "contact_name", "contact_email"):
        if name in values:
            values[name] = (values[name] or "").strip()
    if not values.get("title"):
        raise DomainError(_("Write the initiative's title."), code="title_required", field="title")
    if not values.get("aim"):
        raise DomainError(
            _("Write what the initiative aims for."), code="aim_required", field="aim"
        )
    lead = values.get("lead_unit")
    if lead is None:
        raise DomainError(
            _("Choose the unit that leads the initiative."), code="lead_required", field="lead_unit"
        )
    if lead.municipality_id != municipality.pk:
        raise DomainError(_("Choose one of the municipality's units."), field="lead_unit")
    starts, ends = values.get("starts_on"), values.get("ends_on")
    if starts and ends and ends < starts:
        raise DomainError(
            _("The initiative cannot end before it starts."),
            code="period_reversed",
            field="ends_on",
        )
    if values.get("state") not in Initiative.State.values:
        values["state"] = Initiative.State.IDEA
    return values


def _check_partners(municipality, partner_units, partner_organisations):
    for unit in partner_units or ():
        if unit.municipality_id != municipality.pk:
            raise DomainError(_("Choose one of the municipality's units."), field="partner_units")
    for organisation in partner_organisations or ():
        if organisation.municipality_id != municipality.pk:
            raise DomainError(
                _("Choose organisations from the municipality's directory."),
                field="partner_organisations",
            )


def _unique_slug(municipality, title: str, exclude_pk=None) -> str:
    base = norwegian_slug(title)[:100] or "initiativ"
    slug, n = base, 2
    taken = Initiative.objects.filter(municipality=municipality).exclude(pk=exclude_pk)
    while taken.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def create_initiative(
    user, municipality, data: dict, *, age_groups=(), partner_units=(), partner_organisations=()
) -> Initiative:
    rules.can_create_initiative(user).enforce()
    values = _clean_initiative(municipality, data)
    rules.can_create_initiative(user, values["lead_unit"]).enforce()
    _check_partners(municipality, partner_units, partner_organisations)
    with transaction.atomic():
        initiative = Initiative(
            municipality=municipality,
            slug=_unique_slug(municipality, values["title"]),
            created_by=user,
            **values,
        )
        initiative._history_user = user
        initiative.save()
        initiative.age_groups.set(age_groups)
        initiative.partner_units.set([u for u in partner_units if u.pk != initiative.lead_unit_id])
        initiative.partner_organisations.set(partner_organisations)
        notify("initiative.created", actor=user, target=initiative)
    return initiative


def update_initiative(
    user,
    initiative: Initiative,
    data: dict,
    *,
    age_groups=None,
    partner_units=None,
    partner_organisations=None,
) -> Initiative:
    rules.can_edit_initiative(user, initiative).enforce()
    municipality = initiative.municipality
    values = _clean_initiative(municipality, {**_current(initiative), **data})
    _check_partners(municipality, partner_units, partner_organisations)
    with transaction.atomic():
        for name, value in values.items():
            setattr(initiative, name, value)
        initiative._history_user = user
        initiative.save()
        if age_groups is not None:
            initiative.age_groups.set(age_groups)
        if partner_units is not None:
            initiative.partner_units.set(
                [u for u in partner_units if u.pk != initiative.lead_unit_id]
            )
        if partner_organisations is not None:
            initiative.partner_organisations.set(partner_organisations)
        notify("initiative.updated", actor=user, target=initiative)
    return initiative


def _current(initiative: Initiative) -> dict:
    return {name: getattr(initiative, name) for name in INITIATIVE_FIELDS}


def link_event(user, initiative: Initiative, event) -> None:
    """Show a calendar event as part of the initiative (its sign-ups count in its reach)."""
    rules.can_edit_initiative(user, initiative).enforce()
    if event.municipality_id != initiative.municipality_id:
        raise DomainError(_("Choose one of the municipality's events."), field="event")
    with transaction.atomic():
        initiative.events.add(event)  # adding twice is a no-op: a double click is harmless
        notify("initiative.event_linked", actor=user, target=initiative, data={"event": event.pk})


def unlink_event(user, initiative: Initiative, event) -> None:
    rules.can_edit_initiative(user, initiative).enforce()
    with transaction.atomic():
        initiative.events.remove(event)
        notify("initiative.event_unlinked", actor=user, target=initiative, data={"event": event.pk})


def link_assignment(user, initiative: Initiative, assignment) -> None:
    rules.can_edit_initiative(user, initiative).enforce()
    organiser = assignment.organisation or assignment.unit
    if organiser.municipality_id != initiative.municipality_id:
        raise DomainError(_("Choose one of the municipality's assignments."), field="assignment")
    with transaction.atomic():
        initiative.assignments.add(assignment)
        notify(
            "initiative.assignment_linked",
            actor=user,
            target=initiative,
            data={"assignment": assignment.pk},
        )


def unlink_assignment(user, initiative: Initiative, assignment) -> None:
    rules.can_edit_initiative(user, initiative).enforce()
    with transaction.atomic():
        initiative.assignments.remove(assignment)
        notify(
            "initiative.assignment_unlinked",
            actor=user,
            target=initiative,
            data={"assignment": assignment.pk},
        )


def add_resource(
    user, initiative: Initiative, *, partner: str, kind: str, amount=None, description=""
) -> Resource:
    rules.can_edit_initiative(user, initiative).enforce()
    partner = (partner or "").strip()
    if not partner:
        raise DomainError(_("Write which partner brings it."), field="partner")
    if kind not in Resource.Kind.values:
        raise DomainError(_("Choose the kind of resource."), field="kind")
    if kind in (Resource.Kind.STAFF_HOURS, Resource.Kind.MONEY) and not amount:
        raise DomainError(_("Give the number of hours or the amount."), field="amount")
    with transaction.atomic():
        resource = Resource.objects.create(
            initiative=initiative,
            partner=partner,
            kind=kind,
            amount=amount or None,
            description=(description or "").strip(),
        )
        notify("initiative.resource_added", actor=user, target=initiative)
    return resource


def remove_resource(user, resource: Resource) -> None:
    rules.can_edit_initiative(user, resource.initiative).enforce()
    with transaction.atomic():
        notify("initiative.resource_removed", actor=user, target=resource.initiative)
        resource.delete()


def post_update(user, initiative: Initiative, text: str, organisation=None) -> InitiativeUpdate:
    rules.can_post_update(user, initiative).enforce()
    text = (text or "").strip()
    if not text:
        raise DomainError(_("Write the update."), code="text_required", field="text")
    if organisation is not None and organisation not in rules.update_organisations(
        user, initiative
    ):
        raise DomainError(_("Choose one of the partner organisations you act for."))
    with transaction.atomic():
        # A double submit within a minute posts one update, not two.
        recent = InitiativeUpdate.objects.filter(
            initiative=initiative,
            author=user,
            text=text,
            created_at__gte=timezone.now() - dt.timedelta(minutes=1),
        ).first()
        if recent is not None:
            return recent
        update = InitiativeUpdate.objects.create(
            initiative=initiative, author=user, organisation=organisation, text=text
        )
        notify("initiative.update_posted", actor=user, target=initiative)
    return update


def add_reach(
    user, initiative: Initiative, *, label: str, count: int, counted_on, age_group=None
) -> ReachFigure:
    """Staff enter a number where there is no sign-up ("about 3,000 visitors")."""
    rules.can_edit_initiative(user, initiative).enforce()
    label = (label or "").strip()
    if not label:
        raise DomainError(_("Write what was counted."), field="label")
    if count is None or count < 1:
        raise DomainError(_("Give a number of people, at least 1."), field="count")
    if counted_on is None:
        raise DomainError(_("Give the date of the count."), field="counted_on")
    with transaction.atomic():
        figure = ReachFigure.objects.create(
            initiative=initiative,
            label=label,
            count=count,
            counted_on=counted_on,
            age_group=age_group,
            entered_by=user,
        )
        notify("initiative.reach_added", actor=user, target=initiative, data={"count": count})
    return figure


def remove_reach(user, figure: ReachFigure) -> None:
    rules.can_edit_initiative(user, figure.initiative).enforce()
    with transaction.atomic():
        notify("initiative.reach_removed", actor=user, target=figure.initiative)
        figure.delete()


# --- stories --------------------------------------------------------------------------------

STORY_FIELDS = ("title", "summary", "body", "initiative", "organisation", "event", "author_name")


def _clean_story(user, municipality, data: dict) -> dict:
    values = {name: data.get(name) for name in STORY_FIELDS if name in data}
    for name in ("title", "summary", "author_name"):
        if name in values:
            values[name] = (values[name] or "").strip()
    if not values.get("title"):
        raise DomainError(_("Write the story's title."), field="title")
    values["body"] = sanitise(values.get("body") or "")
    if not text_of(values["body"]):
        raise DomainError(_("Write the story."), field="body")
    for name in ("initiative", "organisation", "event"):
        linked = values.get(name)
        if linked is not None and linked.municipality_id != municipality.pk:
            raise DomainError(_("Choose one from this municipality."), field=name)
    if not values.get("author_name"):
        values["author_name"] = user.get_full_name() or user.email.split("@")[0]
    return values


def save_story(user, municipality, data: dict, story: Story | None = None) -> Story:
    """Write a new story (a draft) or change one."""
    organisation = data.get("organisation")
    if story is None:
        rules.can_write_story(user, organisation).enforce()
    else:
        rules.can_edit_story(user, story).enforce()
        if organisation is not None and organisation.pk != story.organisation_id:
            rules.can_write_story(user, organisation).enforce()
    values = _clean_story(user, municipality, data)
    with transaction.atomic():
        if story is None:
            story = Story(municipality=municipality, author=user)
        for name, value in values.items():
            setattr(story, name, value)
        story._history_user = user
        story.save()
        notify("story.saved", actor=user, target=story)
    return story


def submit_story(user, story: Story) -> Story:
    rules.can_edit_story(user, story).enforce()
    if story.state == Story.State.PUBLISHED:
        return story
    with transaction.atomic():
        story.state = Story.State.SUBMITTED
        story._history_user = user
        story.save(update_fields=["state", "updated_at"])
        notify("story.submitted", actor=user, target=story)
    return story


def review_story(user, story: Story, *, publish: bool, note: str = "") -> Story:
    """Publish the story, or return it to its author with a note saying what to change."""
    rules.can_review_stories(user, story).enforce()
    note = (note or "").strip()
    if not publish and not note:
        raise DomainError(_("Say what the author should change."), field="note")
    with transaction.atomic():
        if publish:
            story.state = Story.State.PUBLISHED
            story.published_at = story.published_at or timezone.now()
        else:
            story.state = Story.State.RETURNED
        story.review_note = note
        story.reviewed_by = user
        story._history_user = user
        story.save()
        author_email = story.author.email if story.author else ""
        notify(
            "story.published" if publish else "story.returned",
            actor=user,
            target=story,
            reason=note,
            recipients=[author_email],
            template="initiatives/email/story_reviewed.txt",
            context={"story": story, "published": publish, "note": note},
        )
    return story


def unpublish_story(user, story: Story, note: str) -> Story:
    return review_story(user, story, publish=False, note=note)


def add_photo(
    user,
    story: Story,
    *,
    image,
    alt_text: str,
    shows_people: bool,
    consent_from: str = "",
    consent_on=None,
) -> StoryPhoto:
    """A photo with its description; when people are shown, whose consent and when."""
    rules.can_edit_story(user, story).enforce()
    if image is None:
        raise DomainError(_("Choose a photo."), field="image")
    extension = check_image(image, field="image")
    alt_text = (alt_text or "").strip()
    if not alt_text:
        raise DomainError(
            _("Describe the photo for those who cannot see it."),
            code="alt_required",
            field="alt_text",
        )
    consent_from = (consent_from or "").strip()
    if shows_people and not consent_from:
        raise DomainError(
            _("Write who gave consent to the photo (the people shown, or their guardians)."),
            code="consent_required",
            field="consent_from",
        )
    if shows_people and consent_on is None:
        raise DomainError(
            _("Give the date consent was given."), code="consent_date_required", field="consent_on"
        )
    if consent_on is not None and consent_on > timezone.localdate():
        raise DomainError(_("Consent cannot be given in the future."), field="consent_on")
    image.name = f"photo.{extension}"
    with transaction.atomic():
        photo = StoryPhoto.objects.create(
            story=story,
            image=image,
            alt_text=alt_text,
            shows_people=shows_people,
            consent_from=consent_from if shows_people else "",
            consent_on=consent_on if shows_people else None,
            recorded_by=user,
            position=story.photos.count(),
        )
        notify(
            "story.photo_added",
            actor=user,
            target=story,
            data={"photo": photo.pk, "consent_on": str(photo.consent_on or "")},
        )
    return photo


def remove_photo(user, photo: StoryPhoto) -> None:
    rules.can_edit_story(user, photo.story).enforce()
    with transaction.atomic():
        notify("story.photo_removed", actor=user, target=photo.story, data={"photo": photo.pk})
        photo.image.delete(save=False)
        photo.delete()
