from datetime import datetime

from ninja import Router, Schema, Status
from ninja.throttling import AnonRateThrottle

from dugnad.core.schemas import PlainTextInput

from .actions import issue_token
from .auth import token_or_session

router = Router(tags=["auth"])


class TokenRequest(PlainTextInput):
    verbatim_fields = frozenset({"password"})

    email: str
    password: str
    name: str = ""


class TokenOut(Schema):
    token: str
    token_type: str = "Bearer"
    expires_at: datetime


class MeOut(Schema):
    id: int
    email: str
    name: str


@router.post("/token", response={201: TokenOut}, throttle=[AnonRateThrottle("10/m")])
def create_token(request, payload: TokenRequest):
    """Exchange email and password for a bearer token (valid 90 days)."""
    token, raw = issue_token(payload.email, payload.password, payload.name, request=request)
    return Status(201, {"token": raw, "expires_at": token.expires_at})


@router.get("/me", response=MeOut, auth=token_or_session)
def me(request):
    """Who the token or session belongs to."""
    user = request.auth
    return {"id": user.pk, "email": user.email, "name": user.get_full_name()}
