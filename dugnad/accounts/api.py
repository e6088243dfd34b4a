from datetime import datetime

from ninja import Router, Schema, Status

from dugnad.core.schemas import PlainTextInput

from .actions import issue_token
from .auth import token_or_session
from .login_policy import ClientAddressThrottle

router = Router(tags=["auth"])


class TokenRequest(PlainTextInput):
    verbatim_fields = frozenset({"password"})

    email: str
    password: str
    name: str = ""
    # The code from the authenticator app; needed when the account has two-factor set up.
    otp: str = ""


class TokenOut(Schema):
    token: str
    token_type: str = "Bearer"
    expires_at: datetime


class MeOut(Schema):
    id: int
    email: str
    name: str


@router.post("/token", response={201: TokenOut}, throttle=[ClientAddressThrottle("10/m")])
def create_token(request, payload: TokenRequest):
    """Exchange email and password (and `otp`, the two-factor code, where the account has or must
    have two-factor) for a bearer token (valid 90 days).

    The web login's lock-out applies: failed attempts here and on the web count together, per
    account and per client address; a locked account gets 429 even with the right password.
    Municipal staff must set up two-factor on the web before they can get a token."""
    token, raw = issue_token(
        payload.email, payload.password, payload.name, request=request, otp=payload.otp
    )
    return Status(201, {"token": raw, "expires_at": token.expires_at})


@router.get("/me", response=MeOut, auth=token_or_session)
def me(request):
    """Who the token or session belongs to."""
    user = request.auth
    return {"id": user.pk, "email": user.email, "name": user.get_full_name()}
