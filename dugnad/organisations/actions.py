"""Every write on the directory: each checks permission, validates, runs in one transaction,
records history and the activity log, and sends its email after commit (core.notify)."""

import secrets
import uuid
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dugnad.accounts.models import User
from dugnad.accounts.queries import coordinator_emails
from dugnad.core.access import forget_access
from dugnad.core.errors import Conflict, DomainError, NotAllowed, NotFound
from dugnad.core.links import municipality_url
from dugnad.core.locking import lock
from dugnad.core.notify import notify
from dugnad.core.richtext import sanitise, text_of
from dugnad.core.text import fold, norwegian_slug
from dugnad.core.uploads import MEGABYTE, check_image
from dugnad.core.validators import normalise_org_number

from . import rules as org_rules
from .importer import IMPORTED_FIELDS, plan_import
from .models import Category, Invitation, Organisation, OrganisationRole
from .queries import leader_emails

OrgRole = OrganisationRole.Role
Status = Organisation.Status

LOGO_MAX_BYTES = 2 * MEGABYTE
# The search document holds the text as written and again folded, each at most this long.
SEARCH_DOCUMENT_PART = 5000
LOGO_TYPES = {"image/png": "png", "image/jpeg": "jpg", "image/webp": "webp", "image/gif": "gif"}
INVITATION_DAYS = 14
# Paths the directory's own pages use; an organisation's slug must never shadow them.
RESERVED_SLUGS = {"registrer", "behandling", "invitasjon", "ny"}
TEXT_FIELDS = ("name", "purpose", "phone", "postal_address", "postal_code", "postal_town")
RICH_FIELDS = ("description",)
MULTILINE_FIELDS = ("meeting_places",)


# --- helpers ----------------------------------------------------------------------------------


def clean_org_number(value: str | None) -> str | None:
    """Normalise and check an org number; None when empty. Raises DomainError when invalid.

    The check and its wording are the kernel's (`core.validators.normalise_org_number`), so
    registration says the same as every other form that takes an organisation number."""
    if not (value or "").strip():
        return None
    try:
        return normalise_org_number(value)
    except ValidationError as error:
        raise DomainError(
            error.messages[0], code="invalid_org_number", field="org_number"
        ) from error


def unique_slug(name: str, exclude_pk=None) -> str:
    base = norwegian_slug(name, max_length=200) or "organisasjon"
    if base in RESERVED_SLUGS:
        base = f"{base}-lag"
    slug, n = base, 2
    taken = Organisation.objects.exclude(pk=exclude_pk)
    while taken.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def build_search_document(organisation) -> str:
    """The text that full-text search reads: name, purpose, activities, area, meeting places."""
    parts = [
        organisation.name,
        organisation.purpose,
        text_of(organisation.description),
        str(Category(organisation.category).label) if organisation.category else "",
        organisation.meeting_places,
        organisation.postal_town,
    ]
    if organisation.pk:
        parts += [activity.name for activity in organisation.activity_types.all()]
    if organisation.area_id:
        parts.append(organisation.area.name)
    document = " ".join(part for part in parts if part)[:SEARCH_DOCUMENT_PART]
    # The words again without accents and in lower case (core.text.fold), so that a search
    # typed without them ("sprakkafe", "as") finds the organisation on both databases.
    folded = fold(document)
    if folded != document.casefold():
        document = f"{document} {folded}"
    return document


def refresh_search_document(organisation) -> None:
    organisation.search_document = build_search_document(organisation)
    Organisation.objects.filter(pk=organisation.pk).update(
        search_document=organisation.search_document
    )


def _clean_text_fields(data: dict) -> dict:
    cleaned = dict(data)
    for name in TEXT_FIELDS + MULTILINE_FIELDS:
        if name in cleaned and cleaned[name] is not None:
            cleaned[name] = cleaned[name].strip()
    for name in RICH_FIELDS:
        if name in cleaned and cleaned[name] is not None:
            cleaned[name] = sanitise(cleaned[name])
    return cleaned


def check_logo(upload) -> str:
    """Check an uploaded logo by its content and size; return the file extension to store."""
    try:
        return check_image(upload, max_bytes=LOGO_MAX_BYTES, field="logo", types=LOGO_TYPES)
    except DomainError as error:
        error.code = f"logo_{error.code}"
        raise


# --- registration and profile -------------------------------------------------------------


def register_organisation(
    user, municipality, *, name, org_number=None, category=Category.OTHER, activity_types=(),
    age_groups=(), area=None, **profile,
) -> Organisation:  # fmt: skip
    """A logged-in person registers an organisation: it waits for approval, they lead it."""
    org_rules.can_register(user).enforce()
    name = (name or "").strip()
    if not name:
        raise DomainError(_("Write the organisation's name."), code="required", field="name")
    number = clean_org_number(org_number)
    if number and Organisation.objects.filter(org_number=number).exists():
        raise Conflict(
            _("An organisation with this number is already registered."),
            code="duplicate_org_number",
            field="org_number",
        )
    profile = _clean_text_fields(profile)
    try:
        with transaction.atomic():
            organisation = Organisation(
                municipality=municipality,
                name=name,
                slug=unique_slug(name),
                org_number=number,
                category=category or Category.OTHER,
                area=area,
                status=Status.PENDING,
                **{k: v for k, v in profile.items() if k in Organisation.PROFILE_FIELDS},
            )
            organisation._history_user = user
            organisation.save()
            organisation.activity_types.set(activity_types)
            organisation.age_groups.set(age_groups)
            refresh_search_document(organisation)
            OrganisationRole.objects.create(
                organisation=organisation, user=user, role=OrgRole.LEADER, show_publicly=False
            )
            notify(
                "organisation.registered",
                actor=user,
                target=organisation,
                recipients=coordinator_emails(municipality),
                template="organisations/email/registered.txt",
                context={
                    "organisation": organisation,
                    "path": reverse("organisations:review_one", args=[organisation.slug]),
                    "site_url": municipality_url(municipality),
                },
            )
    except IntegrityError as exc:
        # Two people registering the same number at once: the unique constraint decides.
        raise Conflict(
            _("An organisation with this number is already registered."),
            code="duplicate_org_number",
            field="org_number",
        ) from exc
    forget_access(user)
    return organisation


def update_profile(
    user, organisation, data: dict, *, activity_types=None, age_groups=None, logo=None,
    remove_logo=False,
) -> Organisation:  # fmt: skip
    """Save profile changes; remember which register fields the organisation now owns."""
    org_rules.can_edit(user, organisation).enforce()
    data = _clean_text_fields(data)
    if "name" in data and not data["name"]:
        raise DomainError(_("Write the organisation's name."), code="required", field="name")
    extension = check_logo(logo) if logo else None
    logo_alt = (data.pop("logo_alt", organisation.logo_alt) or "").strip()
    if (extension or (organisation.logo and not remove_logo)) and not logo_alt:
        raise DomainError(
            _("Describe the logo for people who cannot see it."), code="required", field="logo_alt"
        )
    with transaction.atomic():
        (organisation,) = lock(organisation)
        changed = []
        for name, value in data.items():
            if name not in Organisation.PROFILE_FIELDS:
                continue
            current = getattr(organisation, name + "_id" if name == "area" else name)
            new = value.pk if name == "area" and value is not None else value
            if (current or "") != (new or ""):
                setattr(organisation, name, value)
                changed.append(name)
        if logo_alt != organisation.logo_alt:
            organisation.logo_alt = logo_alt
            changed.append("logo_alt")
        if remove_logo and organisation.logo:
            organisation.logo.delete(save=False)
            organisation.logo = ""
            organisation.logo_alt = ""
            changed.append("logo")
        if extension:
            if organisation.logo:
                organisation.logo.delete(save=False)
            # A random name: uploads are served through a view, never from a guessable path.
            organisation.logo.save(f"{uuid.uuid4().hex}.{extension}", logo, save=False)
            changed.append("logo")
        if activity_types is not None:
            before = set(organisation.activity_types.values_list("pk", flat=True))
            if before != {a.pk for a in activity_types}:
                organisation.activity_types.set(activity_types)
                changed.append("activity_types")
        if age_groups is not None:
            before = set(organisation.age_groups.values_list("pk", flat=True))
            if before != {a.pk for a in age_groups}:
                organisation.age_groups.set(age_groups)
                changed.append("age_groups")
        if not changed:
            return organisation
        organisation.edited_fields = sorted(
            set(organisation.edited_fields)
            | {name for name in changed if name in Organisation.PROFILE_FIELDS}
        )
        organisation.search_document = build_search_document(organisation)
        organisation._history_user = user
        organisation._change_reason = "profile: " + ", ".join(changed)[:90]
        organisation.save()
        notify(
            "organisation.profile_changed",
            actor=user,
            target=organisation,
            data={"fields": changed},
        )
    return organisation


# --- roles and invitations ----------------------------------------------------------------


def invite(user, organisation, *, email: str, role: str = OrgRole.EDITOR) -> Invitation:
    """Invite someone by email to a role; the link in the email carries a one-time token."""
    org_rules.can_manage_roles(user, organisation).enforce()
    email = (email or "").strip().lower()
    if not email or "@" not in email:
        raise DomainError(_("Write a valid email address."), code="invalid_email", field="email")
    if role not in OrgRole.values:
        raise DomainError(_("Choose a role."), code="invalid_role", field="role")
    if organisation.roles.filter(user__email__iexact=email, role=role).exists():
        raise Conflict(
            _("This person already holds that role."), code="already_member", field="email"
        )
    try:
        with transaction.atomic():
            invitation = Invitation.objects.create(
                organisation=organisation,
                email=email,
                role=role,
                token=secrets.token_urlsafe(32),
                invited_by=user,
                expires_at=timezone.now() + timedelta(days=INVITATION_DAYS),
            )
            notify(
                "organisation.invited",
                actor=user,
                target=organisation,
                data={"email": email, "role": role},
                recipients=[email],
                template="organisations/email/invitation.txt",
                context={
                    "organisation": organisation,
                    "invitation": invitation,
                    "role": OrgRole(role).label,
                    "inviter": user,
                    "path": reverse("organisations:invitation", args=[invitation.token]),
                    "site_url": municipality_url(organisation.municipality),
                },
            )
    except IntegrityError as exc:
        raise Conflict(
            _("This person has already been invited to that role."),
            code="already_invited",
            field="email",
        ) from exc
    return invitation


def accept_invitation(user, token: str) -> OrganisationRole:
    """The invited person takes up the role. The token is the proof that they got the email."""
    if not user.is_authenticated:
        raise DomainError(_("You must log in first."), code="not_authenticated")
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().filter(token=token).first()
        if invitation is None:
            raise NotFound(_("This invitation does not exist."), code="invitation_unknown")
        if invitation.accepted_at is not None:
            raise Conflict(_("This invitation has already been used."), code="invitation_used")
        if invitation.expires_at <= timezone.now():
            raise DomainError(
                _("This invitation has expired. Ask the leader for a new one."),
                code="invitation_expired",
            )
        if invitation.organisation.status == Status.MERGED:
            raise DomainError(
                _("This organisation has been merged into another."), code="organisation_merged"
            )
        if not _owns_address(user, invitation.email):
            # A forwarded or leaked link must not hand a role to someone else.
            raise NotAllowed(
                _(
                    "This invitation was sent to %(email)s. Log in with that address, or add "
                    "and verify it under your account's email addresses."
                )
                % {"email": invitation.email},
                code="invitation_other_address",
            )
        role, _created = OrganisationRole.objects.get_or_create(
            organisation=invitation.organisation, user=user, role=invitation.role
        )
        invitation.accepted_at = timezone.now()
        invitation.save(update_fields=["accepted_at"])
        notify(
            "organisation.invitation_accepted",
            actor=user,
            target=invitation.organisation,
            data={"role": invitation.role},
        )
    forget_access(user)
    return role


def _owns_address(user, email: str) -> bool:
    from allauth.account.models import EmailAddress

    email = email.strip().lower()
    return (
        user.email.lower() == email
        or EmailAddress.objects.filter(user=user, email__iexact=email, verified=True).exists()
    )


def cancel_invitation(user, invitation: Invitation) -> None:
    org_rules.can_manage_roles(user, invitation.organisation).enforce()
    if invitation.accepted_at is not None:
        raise Conflict(_("This invitation has already been used."), code="invitation_used")
    with transaction.atomic():
        invitation.delete()
        notify("organisation.invitation_cancelled", actor=user, target=invitation.organisation)


def _other_leaders(organisation, excluding_pk) -> int:
    return (
        organisation.roles.filter(role=OrgRole.LEADER, user__is_active=True)
        .exclude(pk=excluding_pk)
        .count()
    )


def change_role(
    user, role: OrganisationRole, *, new_role: str, title: str = "", show_publicly: bool = False
) -> OrganisationRole:
    """Change someone's role, title or visibility; the last leader cannot stop leading."""
    org_rules.can_manage_roles(user, role.organisation).enforce()
    if new_role not in OrgRole.values:
        raise DomainError(_("Choose a role."), code="invalid_role", field="role")
    with transaction.atomic():
        # The organisation row is the lock that serialises every change to its leaders.
        lock(role.organisation)
        role = OrganisationRole.objects.select_related("organisation").get(pk=role.pk)
        if (
            role.role == OrgRole.LEADER
            and new_role != OrgRole.LEADER
            and not _other_leaders(role.organisation, role.pk)
        ):
            raise Conflict(
                _("An organisation must always have a leader. Hand over the leadership first."),
                code="last_leader",
            )
        if (
            new_role != role.role
            and role.organisation.roles.filter(user=role.user, role=new_role).exists()
        ):
            raise Conflict(_("This person already holds that role."), code="already_member")
        role.role = new_role
        role.title = (title or "").strip()[:80]
        role.show_publicly = bool(show_publicly)
        role.save()
        notify(
            "organisation.role_changed",
            actor=user,
            target=role.organisation,
            data={"user": role.user.email, "role": new_role},
        )
    return role


def remove_role(user, role: OrganisationRole) -> None:
    """Remove a role; a leader may also step down from their own roles, never the last leader."""
    own = role.user_id == user.pk
    if not own:
        org_rules.can_manage_roles(user, role.organisation).enforce()
    with transaction.atomic():
        lock(role.organisation)
        role = (
            OrganisationRole.objects.select_related("organisation", "user")
            .filter(pk=role.pk)
            .first()
        )
        if role is None:
            raise NotFound(_("This role no longer exists."), code="role_unknown")
        if role.role == OrgRole.LEADER and not _other_leaders(role.organisation, role.pk):
            raise Conflict(
                _("An organisation must always have a leader. Hand over the leadership first."),
                code="last_leader",
            )
        role.delete()
        notify(
            "organisation.role_removed",
            actor=user,
            target=role.organisation,
            data={"user": role.user.email, "role": role.role},
        )
    forget_access(user)


def hand_over_leadership(
    user, organisation, *, to_user: User, stay_as: str | None = OrgRole.CONTACT
) -> OrganisationRole:
    """Make `to_user` leader; the current leader stays in the organisation as `stay_as`."""
    org_rules.can_manage_roles(user, organisation).enforce()
    if to_user.pk == user.pk:
        raise DomainError(_("Choose someone else to lead."), code="same_person", field="to_user")
    if not to_user.is_active:
        raise DomainError(_("This account is not active."), code="inactive", field="to_user")
    if stay_as not in (None, "", OrgRole.CONTACT, OrgRole.EDITOR):
        raise DomainError(_("Choose a role."), code="invalid_role", field="stay_as")
    with transaction.atomic():
        (organisation,) = lock(organisation)
        if not organisation.roles.filter(user=to_user).exists():
            raise DomainError(
                _("Invite the person to the organisation first; then hand over leadership."),
                code="not_member",
                field="to_user",
            )
        new_role, _created = OrganisationRole.objects.get_or_create(
            organisation=organisation, user=to_user, role=OrgRole.LEADER
        )
        mine = organisation.roles.filter(user=user, role=OrgRole.LEADER).first()
        if mine is not None:
            if stay_as:
                OrganisationRole.objects.get_or_create(
                    organisation=organisation, user=user, role=stay_as
                )
            mine.delete()
        notify(
            "organisation.leadership_handed_over",
            actor=user,
            target=organisation,
            data={"to": to_user.email},
            recipients=[to_user.email],
            template="organisations/email/leadership.txt",
            context={"organisation": organisation, "previous": user},
        )
    forget_access(user)
    return new_role


# --- review by the volunteer coordinator --------------------------------------------------


def _require_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Give a reason."), code="reason_required", field="reason")
    return reason


def _set_status(user, organisation, status, reason, event, template):
    with transaction.atomic():
        (organisation,) = lock(organisation)
        if organisation.status == Status.MERGED:
            raise Conflict(
                _("This organisation has been merged into another and can no longer change."),
                code="organisation_merged",
            )
        organisation.status = status
        organisation.status_reason = reason
        organisation._history_user = user
        organisation._change_reason = event
        organisation.save()
        notify(
            event,
            actor=user,
            target=organisation,
            reason=reason,
            recipients=leader_emails(organisation),
            template=template,
            context={"organisation": organisation, "reason": reason},
        )
    return organisation


def approve(user, organisation, *, reason: str = "") -> Organisation:
    org_rules.can_review(user, organisation).enforce()
    return _set_status(
        user, organisation, Status.APPROVED, (reason or "").strip(), "organisation.approved",
        "organisations/email/approved.txt",
    )  # fmt: skip


def hide(user, organisation, *, reason: str) -> Organisation:
    org_rules.can_review(user, organisation).enforce()
    return _set_status(
        user, organisation, Status.HIDDEN, _require_reason(reason), "organisation.hidden",
        "organisations/email/hidden.txt",
    )  # fmt: skip


def merge(user, organisation, *, into: Organisation, reason: str) -> Organisation:
    """Merge a duplicate into `into`: its people move over, its page points to the target."""
    org_rules.can_review(user, organisation).enforce()
    reason = _require_reason(reason)
    if into is None or into.pk == organisation.pk:
        raise DomainError(
            _("Choose another organisation to merge into."), code="merge_self", field="into"
        )
    with transaction.atomic():
        organisation, into = lock(organisation, into)
        if organisation.status == Status.MERGED:
            raise Conflict(_("This organisation is already merged."), code="organisation_merged")
        if into.status == Status.MERGED:
            raise DomainError(
                _("The target has itself been merged; choose the organisation it was merged into."),
                code="merge_target_merged",
                field="into",
            )
        held = set(into.roles.values_list("user_id", "role"))
        moved = 0
        for role in organisation.roles.all():
            if (role.user_id, role.role) not in held:
                OrganisationRole.objects.create(
                    organisation=into, user_id=role.user_id, role=role.role,
                    title=role.title, show_publicly=role.show_publicly,
                )  # fmt: skip
                moved += 1
        organisation.roles.all().delete()
        organisation.invitations.filter(accepted_at__isnull=True).delete()
        organisation.status = Status.MERGED
        organisation.merged_into = into
        organisation.status_reason = reason
        organisation._history_user = user
        organisation._change_reason = "organisation.merged"
        organisation.save()
        notify(
            "organisation.merged",
            actor=user,
            target=organisation,
            reason=reason,
            data={"into": into.pk, "roles_moved": moved},
            recipients=leader_emails(into),
            template="organisations/email/merged.txt",
            context={"organisation": organisation, "into": into, "reason": reason},
        )
    return organisation


def import_from_register(units, municipality, *, actor=None, progress=None):
    """Upsert the Enhetsregisteret `units` of `municipality` by org number, in one transaction.

    Never overwrites a profile field the organisation edited itself (`edited_fields`). Each
    organisation created or changed, and the import as a whole, goes to the activity log.
    Returns the importer's ImportResult.
    """
    rows, result = plan_import(units, municipality)
    existing = Organisation.objects.filter(org_number__in=[row["org_number"] for row in rows])
    existing = {org.org_number: org for org in existing}
    now = timezone.now()
    with transaction.atomic():
        for row in progress(rows) if progress else rows:
            organisation = existing.get(row["org_number"])
            if organisation is None:
                organisation = Organisation(
                    municipality=municipality,
                    slug=unique_slug(row["name"]) or norwegian_slug(row["org_number"]),
                    status=Organisation.Status.APPROVED,
                    imported_at=now,
                    **row,
                )
                organisation.search_document = build_search_document(organisation)
                organisation._change_reason = "import: enhetsregisteret"
                organisation.save()
                notify("organisation.imported", actor=actor, target=organisation)
                result.created += 1
                continue
            locked = set(organisation.edited_fields)
            changed = [
                name
                for name in IMPORTED_FIELDS
                if name not in locked and getattr(organisation, name) != row[name]
            ]
            if not changed:
                result.unchanged += 1
                continue
            for name in changed:
                setattr(organisation, name, row[name])
            organisation.imported_at = now
            organisation.search_document = build_search_document(organisation)
            organisation._change_reason = ("import: " + ", ".join(changed))[:100]
            organisation.save()
            notify(
                "organisation.import_updated",
                actor=actor,
                target=organisation,
                data={"fields": changed},
            )
            result.updated += 1
        notify(
            "organisation.register_imported",
            actor=actor,
            target=municipality,
            data={
                **result.counts(),
                "repeated_numbers": [number for number, _earlier, _later in result.repeated],
            },
        )
    return result
