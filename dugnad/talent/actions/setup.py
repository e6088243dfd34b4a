"""The programme's set-up, edited by its administrators: the programme itself, tracks,
disciplines, sub-regions, member municipalities, partners, calls and their questions, and the
people holding its roles."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from dugnad.core.access import forget_access
from dugnad.core.errors import Conflict, DomainError
from dugnad.core.notify import notify

from .. import rules
from ..models import Coordinator, PanelMember, ProgrammeAdmin, Teacher


def _programme_of(instance):
    for path in ("programme", "call.programme", "subregion.programme"):
        obj = instance
        for hop in path.split("."):
            obj = getattr(obj, hop, None)
        if obj is not None:
            return obj
    return instance  # the programme itself


def save_part(user, programme, instance):
    """Create or change one part of `programme` (a track, a sub-region, a call, ...), checked
    with the model's own validation and constraints."""
    rules.can_administer(user, programme).enforce()
    if instance.pk is None and _programme_of(instance).pk != programme.pk:
        raise DomainError(_("This belongs to another programme."))
    try:
        instance.full_clean()
        with transaction.atomic():
            created = instance.pk is None
            instance.save()
            notify(
                f"talent.{instance._meta.model_name}.{'added' if created else 'changed'}",
                actor=user,
                target=instance,
            )
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise DomainError(messages[0], field=None if field == "__all__" else field) from error
    except IntegrityError as exc:
        raise Conflict(_("This is already in the programme.")) from exc
    return instance


def remove_part(user, programme, instance) -> None:
    rules.can_administer(user, programme).enforce()
    if _programme_of(instance).pk != programme.pk:
        raise DomainError(_("This belongs to another programme."))
    try:
        with transaction.atomic():
            notify(f"talent.{instance._meta.model_name}.removed", actor=user, target=instance)
            instance.delete()
    except ProtectedError as exc:
        raise Conflict(
            _("This is in use (nominations refer to it) and cannot be removed.")
        ) from exc


ROLE_MODELS = {
    "admin": ProgrammeAdmin,
    "coordinator": Coordinator,
    "panel": PanelMember,
    "teacher": Teacher,
}


def add_role(user, programme, role: str, email: str, **where):
    """Give the person with `email` a role: admin (programme), coordinator (subregion=...),
    panel (call=...) or teacher (municipality=...). They must have an account already."""
    rules.can_administer(user, programme).enforce()
    model = ROLE_MODELS[role]
    person = get_user_model().objects.filter(email__iexact=email.strip(), is_active=True).first()
    if person is None:
        raise DomainError(
            _("No one has an account with this email. Ask them to register first."),
            field="email",
        )
    if role in ("admin", "teacher"):
        where["programme"] = programme
    for value in where.values():
        if getattr(value, "programme_id", programme.pk) != programme.pk:
            raise DomainError(_("This belongs to another programme."))
    if (
        role == "teacher"
        and not programme.memberships.filter(municipality=where["municipality"]).exists()
    ):
        raise DomainError(
            _("The teacher's culture school must be in a member municipality."),
            field="municipality",
        )
    try:
        with transaction.atomic():
            row = model.objects.create(user=person, **where)
            notify(f"talent.role.{role}.added", actor=user, target=row)
    except IntegrityError as exc:
        raise Conflict(_("%(who)s already has this role.") % {"who": person.email}) from exc
    forget_access(person)
    return row


def remove_role(user, programme, row) -> None:
    rules.can_administer(user, programme).enforce()
    if _programme_of(row).pk != programme.pk:
        raise DomainError(_("This belongs to another programme."))
    with transaction.atomic():
        notify(f"talent.role.{type(row).__name__.lower()}.removed", actor=user, target=row)
        row.delete()
