"""Bearer-token and session authentication for the API, under the login policy."""

from django.utils import timezone
from ninja.security import HttpBearer
from ninja.security.session import SessionAuth

from dugnad.core.prepared import Joined, Prepared, sample_datetime, sample_str

from .login_policy import require_two_factor_setup
from .models import ApiToken, User

# Every call with a token reads it: the query is compiled once per process (core.prepared), and
# the token and its user are built from the one row, as select_related would.
_TOKEN_AND_USER = Joined(ApiToken, user=(User, ()))
_VALID_TOKEN = Prepared(
    lambda key_hash, now: (
        ApiToken.objects.valid(now)
        .filter(key_hash=key_hash, user__is_active=True)
        .values_list(*_TOKEN_AND_USER.fields())
    ),
    sample_str(0),
    sample_datetime(1),
)


def valid_token(raw: str) -> ApiToken | None:
    """The valid token (ApiToken.objects.valid) of an active user whose raw value is `raw`,
    with its user; None when there is none (key_hash is unique: one row at most)."""
    rows = _VALID_TOKEN(ApiToken.hash(raw), timezone.now())
    return _TOKEN_AND_USER.build(rows[0]) if rows else None


class BearerToken(HttpBearer):
    def authenticate(self, request, token: str):
        found = valid_token(token)
        if found is None:
            return None
        # A staff member who must have two-factor and has turned it off gets no access until it
        # is back on, as on the web.
        require_two_factor_setup(found.user)
        # Touch at most once a minute so reads do not become writes on every call.
        now = timezone.now()
        if found.last_used_at is None or (now - found.last_used_at).total_seconds() > 60:
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        request.user = found.user
        return found.user


class BrowserSession(SessionAuth):
    """The browser's login session under the login policy, with Django's CSRF check for a
    logged-in session only.

    ninja's SessionAuth checks CSRF before it looks at the session, so a request with no or a
    wrong bearer token and no session got 403 "CSRF check Failed". Without a logged-in session
    there is nothing to forge: it is not authenticated, and the API answers 401.
    The two-factor middleware leaves /api/ alone, so the rule is checked here: staff who must
    set up two-factor cannot use the API with their password-only session.
    """

    def __call__(self, request):
        if not request.user.is_authenticated:
            return None
        return super().__call__(request)

    def authenticate(self, request, key):
        user = super().authenticate(request, key)
        if user is not None:
            require_two_factor_setup(user)
        return user


# Endpoints for a person: a bearer token for scripts, or the browser session.
token_or_session = [BearerToken(), BrowserSession()]
