"""The citizens' desk (innbyggertorg): staff register for a citizen who is present.

Each registration runs the owning app's own action as the citizen (a volunteer profile and an
interest through volunteering, a sign-up through the calendar, an organisation through the
directory), so that every rule of those apps holds. Around it this module records the
citizen's consent and who did it (`DeskRegistration`, and the activity log with the staff
member as actor and the citizen named), and gives a new citizen an account they can take over
with their own password through a link sent by email.
"""

from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from dugnad.core.errors import DomainError
from dugnad.core.links import municipality_url
from dugnad.core.notify import notify

from . import rules
from .models import DeskRegistration

Kind = DeskRegistration.Kind


def _require_consent(consent: bool) -> None:
    if not consent:
        raise DomainError(
            _("Ask the citizen for consent and tick the box before you register anything."),
            code="consent_required",
            field="consent",
        )


def citizen_account(email: str, first_name: str = "", last_name: str = ""):
    """The citizen's account, made when they have none (returns (user, made))."""
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise DomainError(
            _("Write the citizen's email address; the account and receipts go there."),
            code="email_required",
            field="email",
        ) from None
    User = get_user_model()
    user = User.objects.filter(email=email).first()
    if user is not None:
        return user, False
    if not (first_name or "").strip():
        raise DomainError(_("Write the citizen's first name."), field="first_name")
    user = User.objects.create_user(
        email=email, first_name=first_name.strip(), last_name=(last_name or "").strip()
    )
    user.set_unusable_password()
    user.save(update_fields=["password"])
    EmailAddress.objects.create(user=user, email=email, primary=True, verified=False)
    return user, True


def takeover_path(user) -> str:
    """Where the citizen sets their own password (allauth's reset-from-key page)."""
    return reverse(
        "account_reset_password_from_key",
        kwargs={
            "uidb36": user_pk_to_url_str(user),
            "key": default_token_generator.make_token(user),
        },
    )


def register(
    staff,
    municipality,
    *,
    kind: str,
    consent: bool,
    email: str,
    first_name: str = "",
    last_name: str = "",
    run,
) -> DeskRegistration:
    """Run `run(citizen)` (the owning app's action, returning what it made) for the citizen,
    with their consent recorded and the act logged as done by `staff` for them."""
    rules.can_use_desk(staff).enforce()
    _require_consent(consent)
    if kind not in Kind.values:
        raise DomainError(_("Choose what to register."), field="kind")
    with transaction.atomic():
        citizen, made = citizen_account(email, first_name, last_name)
        if citizen.pk == staff.pk:
            raise DomainError(_("Register for the citizen, not for yourself."), field="email")
        made_object = run(citizen)
        now = timezone.now()
        registration = DeskRegistration.objects.create(
            municipality=municipality,
            staff=staff,
            citizen=citizen,
            kind=kind,
            what=str(made_object)[:255],
            consent_at=now,
        )
        context = {
            "registration": registration,
            "citizen": citizen,
            "made_account": made,
            "site_url": municipality_url(municipality),
            "takeover_path": takeover_path(citizen) if made else "",
            "municipality": municipality,
        }
        notify(
            f"desk.{kind}",
            actor=staff,
            target=registration,
            data={
                "on_behalf_of": citizen.pk,
                "consent_at": now.isoformat(),
                "object": str(made_object)[:200],
                "account_made": made,
            },
            recipients=[citizen.email],
            template="initiatives/email/desk_registered.txt",
            context=context,
        )
    return registration


def register_volunteer(staff, municipality, *, profile: dict, **citizen) -> DeskRegistration:
    from dugnad.volunteering.actions import save_profile

    return register(
        staff,
        municipality,
        kind=Kind.VOLUNTEER,
        run=lambda person: save_profile(person, profile),
        **citizen,
    )


def register_interest(
    staff, municipality, *, assignment, message: str = "", **citizen
) -> DeskRegistration:
    from dugnad.volunteering.actions import express_interest

    return register(
        staff,
        municipality,
        kind=Kind.INTEREST,
        run=lambda person: express_interest(person, assignment, message),
        **citizen,
    )


def register_signup(staff, municipality, *, occurrence, **citizen) -> DeskRegistration:
    from dugnad.activities.actions import sign_up

    def run(person):
        return sign_up(
            person,
            occurrence,
            participant_name=person.get_full_name() or person.email,
            for_self=True,
            email=person.email,
        )

    return register(staff, municipality, kind=Kind.SIGNUP, run=run, **citizen)


def register_organisation(
    staff, municipality, *, name: str, org_number: str = "", **citizen
) -> DeskRegistration:
    from dugnad.organisations.actions import register_organisation as register_in_directory

    return register(
        staff,
        municipality,
        kind=Kind.ORGANISATION,
        run=lambda person: register_in_directory(
            person, municipality, name=name, org_number=org_number or None
        ),
        **citizen,
    )
