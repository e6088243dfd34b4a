"""Private calendar feeds: a key per subscriber, stored as a hash, revocable by its owner.

An app that offers a private feed (premises: a room's or an organisation's bookings) names it
("premises.room"), issues a key to a user who may see it, and checks the key on every fetch
with `find()`; the app also checks that the owner may still see the feed. The page that shows
the feed lists the owner's keys with `links()` and offers `components/feed_links.html`.
"""

import hashlib
import secrets
from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from .errors import NotAllowed
from .models import FeedToken

# The session key that carries a new feed address to the next page, which shows it once.
NEW_LINK = "dugnad.new_feed_link"
# last_used_at is a hint for the owner, not a log: at most one write per key and hour.
TOUCH_EVERY = timedelta(hours=1)


def _hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def issue(owner, feed: str, object_id: int) -> tuple[FeedToken, str]:
    """A new key for `owner`; the raw key is returned once and never stored."""
    raw = secrets.token_urlsafe(32)
    token = FeedToken.objects.create(
        owner=owner, feed=feed, object_id=object_id, key_hash=_hash(raw), prefix=raw[:8]
    )
    return token, raw


def find(raw: str, feed: str, object_id: int) -> FeedToken | None:
    """The valid key for this feed and row, or None; records when it was used."""
    if not raw or len(raw) > 100:
        return None
    token = (
        FeedToken.objects.valid()
        .select_related("owner")
        .filter(key_hash=_hash(raw), feed=feed, object_id=object_id)
        .first()
    )
    if token is not None:
        now = timezone.now()
        if token.last_used_at is None or token.last_used_at < now - TOUCH_EVERY:
            FeedToken.objects.filter(pk=token.pk).update(last_used_at=now)
            token.last_used_at = now
    return token


def revoke(user, token: FeedToken) -> FeedToken:
    if token.owner_id != user.pk:
        raise NotAllowed(_("Only the person who created a feed link can revoke it."))
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def remember_new_link(request, token: FeedToken, url: str) -> None:
    request.session[NEW_LINK] = {"token": token.pk, "url": url}


def links(request, feed: str, object_ids) -> dict:
    """The user's live keys per object id, and the address of a key created just now (shown
    once: it is taken out of the session here)."""
    by_object = {object_id: [] for object_id in object_ids}
    tokens = FeedToken.objects.filter(
        owner=request.user, feed=feed, object_id__in=by_object, revoked_at__isnull=True
    ).order_by("-created_at")
    for token in tokens:
        by_object[token.object_id].append(token)
    new = request.session.get(NEW_LINK)
    new_url = {}
    if new and any(t.pk == new["token"] for group in by_object.values() for t in group):
        del request.session[NEW_LINK]
        new_url = {new["token"]: new["url"]}
    for group in by_object.values():
        for token in group:
            token.new_url = new_url.get(token.pk, "")
    return by_object
