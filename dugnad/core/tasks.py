from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django_tasks import task


@task()
def send_email(
    to: list[str], subject: str, body: str, attachments: list[tuple[str, str, str]] | None = None
) -> int:
    """Send one plain-text email; attachments are (filename, text content, mimetype)."""
    message = EmailMultiAlternatives(subject=subject, body=body, to=to)
    message.from_email = settings.DEFAULT_FROM_EMAIL
    for filename, content, mimetype in attachments or []:
        message.attach(filename, content, mimetype)
    return message.send()
