"""A teacher nominates; the pupil or the guardian confirms and completes the application."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dugnad.core import uploads
from dugnad.core.errors import Conflict, DomainError
from dugnad.core.links import municipality_url
from dugnad.core.notify import notify

from .. import rules
from ..models import Membership, Nomination, NominationFile

MAX_FILES = 5
MAX_FILE_BYTES = 20 * uploads.MEGABYTE
FILE_TYPES = {
    "application/pdf": "PDF",
    "image/jpeg": "JPEG",
    "image/png": "PNG",
    "audio/mpeg": "MP3",
    "audio/x-wav": "WAV",
    "audio/x-flac": "FLAC",
    "video/mp4": "MP4",
}
NOMINATION_FIELDS = (
    "track", "discipline", "home_municipality", "pupil_name", "birth_date", "gender",
    "pupil_email", "guardian_name", "guardian_email", "teacher_statement",
)  # fmt: skip


def _check_pupil(call, data: dict) -> Membership:
    programme = call.programme
    if data["track"].programme_id != programme.pk:
        raise DomainError(_("Choose one of the programme's tracks."), field="track")
    if data["discipline"].programme_id != programme.pk:
        raise DomainError(_("Choose one of the programme's disciplines."), field="discipline")
    membership = (
        Membership.objects.filter(programme=programme, municipality=data["home_municipality"])
        .select_related("subregion")
        .first()
    )
    if membership is None:
        raise DomainError(
            _(
                "%(m)s is not a member of %(p)s. Only pupils from member municipalities can "
                "be nominated."
            )
            % {"m": data["home_municipality"], "p": programme},
            code="not_member",
            field="home_municipality",
        )
    probe = Nomination(call=call, birth_date=data["birth_date"])
    age = probe.age()
    if not programme.min_age <= age <= programme.max_age:
        raise DomainError(
            _(
                "The programme is for pupils aged %(min)s to %(max)s (by 31 December %(year)s); "
                "this pupil will be %(age)s."
            )
            % {"min": programme.min_age, "max": programme.max_age, "year": call.year, "age": age},
            code="age",
            field="birth_date",
        )
    today_age = probe.age(timezone.localdate())
    if today_age < 18 and not data.get("guardian_email"):
        raise DomainError(
            _("The pupil is under 18: give the guardian's email, so they can give consent."),
            code="guardian_needed",
            field="guardian_email",
        )
    if today_age < 13 and data.get("pupil_email"):
        raise DomainError(
            _("A child under 13 has no login of their own: leave the pupil's email empty."),
            field="pupil_email",
        )
    if not data.get("pupil_email") and not data.get("guardian_email"):
        raise DomainError(
            _("Give the pupil's email so they can complete the application."),
            field="pupil_email",
        )
    return membership


def nominate(user, call, data: dict, now=None) -> Nomination:
    """A teacher nominates a pupil for the call (fields: NOMINATION_FIELDS)."""
    rules.can_nominate(user, call, now=now).enforce()
    membership = _check_pupil(call, data)
    values = {name: data.get(name) or "" for name in NOMINATION_FIELDS}
    values.update(
        track=data["track"],
        discipline=data["discipline"],
        home_municipality=data["home_municipality"],
        birth_date=data["birth_date"],
        gender=data.get("gender") or "unspecified",
    )
    try:
        with transaction.atomic():
            nomination = Nomination.objects.create(
                call=call, subregion=membership.subregion, teacher=user, **values
            )
            link = municipality_url(call.programme.municipality) + nomination.get_absolute_url()
            notify(
                "talent.nominated",
                actor=user,
                target=nomination,
                recipients=[nomination.pupil_email, nomination.guardian_email],
                template="talent/email/nominated.txt",
                context={"nomination": nomination, "link": link, "teacher": user},
            )
    except IntegrityError as exc:
        raise Conflict(
            _("This pupil is already nominated for this call."), code="duplicate"
        ) from exc
    return nomination


def _link_family(user, nomination) -> list[str]:
    changed = []
    if rules.is_pupil(user, nomination) and nomination.pupil_user_id is None:
        nomination.pupil_user = user
        changed.append("pupil_user")
    if rules.is_guardian(user, nomination) and nomination.guardian_user_id is None:
        nomination.guardian_user = user
        changed.append("guardian_user")
    return changed


def save_application(
    user, nomination, *, repertoire: str, answers: dict, uploads_=(), now=None
) -> Nomination:
    """Save what the pupil or guardian has filled in so far (a draft: nothing is required)."""
    rules.can_complete(user, nomination, now=now).enforce()
    checked = []
    for upload in uploads_:
        mime = uploads.check_upload(
            upload,
            FILE_TYPES,
            max_bytes=MAX_FILE_BYTES,
            field="files",
            kinds_label=_("PDF, an image, a sound or a video file"),
        )
        checked.append((upload, mime))
    with transaction.atomic():
        (fresh,) = Nomination.objects.select_for_update().filter(pk=nomination.pk)
        if fresh.files.count() + len(checked) > MAX_FILES:
            raise DomainError(
                _("At most %(n)s files per application.") % {"n": MAX_FILES}, field="files"
            )
        for upload, mime in checked:
            NominationFile.objects.create(
                nomination=nomination,
                file=upload,
                original_name=upload.name[:200],
                content_type=mime,
                size=upload.size,
                uploaded_by=user,
            )
        nomination.repertoire = repertoire
        nomination.answers = answers
        fields = ["repertoire", "answers", *_link_family(user, nomination)]
        nomination.save(update_fields=fields)
        notify("talent.application.saved", actor=user, target=nomination)
    return nomination


def delete_file(user, file: NominationFile, now=None) -> None:
    rules.can_complete(user, file.nomination, now=now).enforce()
    with transaction.atomic():
        name = file.file.name
        storage = file.file.storage
        file.delete()
        transaction.on_commit(lambda: storage.delete(name))


def give_consent(user, nomination, now=None) -> Nomination:
    rules.can_consent(user, nomination, now=now).enforce()
    now = now or timezone.now()
    with transaction.atomic():
        nomination.guardian_consent_at = now
        nomination.save(update_fields=["guardian_consent_at", *_link_family(user, nomination)])
        notify("talent.consent.given", actor=user, target=nomination)
    return nomination


def missing(nomination, questions, now=None) -> list[tuple[str | None, str]]:
    """What stops the application from being completed: (field, message) pairs."""
    problems = []
    if not nomination.repertoire.strip():
        problems.append(("repertoire", _("Describe the repertoire or portfolio.")))
    for question in questions:
        if question.required and str(nomination.answers.get(question.key, "")).strip() == "":
            problems.append((f"q_{question.key}", _("Answer: %(q)s") % {"q": question.label}))
    if nomination.is_minor(timezone.localdate(now)) and nomination.guardian_consent_at is None:
        problems.append((None, _("The pupil is under 18: a guardian must give consent first.")))
    return problems


def submit_application(user, nomination, now=None) -> Nomination:
    rules.can_complete(user, nomination, now=now).enforce()
    now = now or timezone.now()
    with transaction.atomic():
        (nomination,) = Nomination.objects.select_for_update().filter(pk=nomination.pk)
        if nomination.submitted_at:
            return nomination  # a second click changes nothing
        problems = missing(nomination, list(nomination.call.questions.all()), now)
        if problems:
            field, message = problems[0]
            raise DomainError(message, code="incomplete", field=field)
        nomination.submitted_at = now
        nomination.save(update_fields=["submitted_at", *_link_family(user, nomination)])
        notify(
            "talent.application.completed",
            actor=user,
            target=nomination,
            recipients=[nomination.teacher.email],
            template="talent/email/completed.txt",
            context={"nomination": nomination},
        )
    return nomination


def withdraw(user, nomination, now=None) -> Nomination:
    rules.can_withdraw(user, nomination).enforce()
    with transaction.atomic():
        nomination.withdrawn_at = now or timezone.now()
        nomination.save(update_fields=["withdrawn_at"])
        if hasattr(nomination, "slot"):
            slot = nomination.slot
            slot.nomination = None
            slot.save(update_fields=["nomination"])
        notify("talent.nomination.withdrawn", actor=user, target=nomination)
    return nomination
