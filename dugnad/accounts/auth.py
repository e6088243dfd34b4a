"""Bearer-token and session authentication for the API."""

from django.utils import timezone
from ninja.security import HttpBearer, django_auth

from .models import ApiToken


class BearerToken(HttpBearer):
    def authenticate(self, request, token: str):
        found = (
            ApiToken.objects.valid()
            .select_related("user")
            .filter(key_hash=ApiToken.hash(token), user__is_active=True)
            .first()
        )
        if found is None:
            return None
        # Touch at most once a minute so reads do not become writes on every call.
        now = timezone.now()
        if found.last_used_at is None or (now - found.last_used_at).total_seconds() > 60:
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        request.user = found.user
        return found.user


# Endpoints for a person: a bearer token for scripts, or the browser session.
token_or_session = [BearerToken(), django_auth]
