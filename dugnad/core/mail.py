"""The demo mailbox: in demo mode the site keeps the emails it sends, shown on one page.

Settings pick `DemoMailboxBackend` when DEMO_MODE is on and no EMAIL_HOST is set. It also
writes each message to the console like Django's console backend, and keeps the newest
KEEP messages, so a long-running demo does not grow without bound.
"""

from django.core.mail.backends.console import EmailBackend as ConsoleBackend

KEEP = 500


def _text_of(message) -> str:
    body = message.body or ""
    for alternative in getattr(message, "alternatives", []) or []:
        content, mimetype = alternative[0], alternative[1]
        if not body and mimetype == "text/plain":
            body = content
    return body


class DemoMailboxBackend(ConsoleBackend):
    def send_messages(self, email_messages):
        from .models import SentEmail

        sent = super().send_messages(email_messages)
        rows = [
            SentEmail(
                to=", ".join(message.to + message.cc + message.bcc)[:500],
                subject=str(message.subject)[:300],
                body=_text_of(message),
            )
            for message in email_messages or []
        ]
        if rows:
            SentEmail.objects.bulk_create(rows)
            stale = SentEmail.objects.order_by("-sent_at", "-id").values_list("pk", flat=True)[
                KEEP:
            ]
            if stale_ids := list(stale):
                SentEmail.objects.filter(pk__in=stale_ids).delete()
        return sent
