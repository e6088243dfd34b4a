"""One call for side effects: write the activity log now, send the email after commit.

    notify("organisation.approved", actor=request.user, target=org,
           recipients=[leader.email], template="organisations/email/approved.txt",
           context={"organisation": org}, reason="...")

The email template's first line is the subject. Rendering happens in the recipient's language
when given, else the current one, and without HTML autoescaping: emails are plain text, so
"Mat & drikke" must arrive as typed, not as "Mat &amp; drikke".
"""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.template import Context
from django.template.loader import get_template
from django.utils import translation

from .models import ActivityLog
from .tasks import send_email


def render_email(template: str, context: dict, language: str | None = None) -> tuple[str, str]:
    # The one place that renders email templates; the engine's template is rendered with a
    # Context that turns autoescaping off, so no .txt template needs `{% autoescape off %}`.
    compiled = get_template(template).template
    with translation.override(language or translation.get_language()):
        text = compiled.render(Context(context, autoescape=False)).strip()
    subject, _, body = text.partition("\n")
    return subject.strip(), body.strip() + "\n"


def notify(
    event: str,
    *,
    actor=None,
    target=None,
    reason: str = "",
    data: dict | None = None,
    recipients=(),
    template: str | None = None,
    context: dict | None = None,
    attachments: list[tuple[str, str, str]] | None = None,
    language: str | None = None,
) -> ActivityLog:
    entry = ActivityLog.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        event=event,
        target_type=ContentType.objects.get_for_model(target) if target is not None else None,
        target_id=str(target.pk) if target is not None else "",
        target_repr=str(target)[:255] if target is not None else "",
        reason=str(reason or ""),
        data=data or {},
    )
    addresses = sorted({address for address in recipients if address})
    if template and addresses:
        subject, body = render_email(template, {**(context or {}), "target": target}, language)

        def send():
            send_email.enqueue(to=addresses, subject=subject, body=body, attachments=attachments)

        transaction.on_commit(send)
    return entry
