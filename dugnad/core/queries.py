"""Reads shared by every app: the municipality this site serves and its units."""

from django.conf import settings
from django.core.cache import cache

from .models import FeedToken, InfoPage, Municipality

MUNICIPALITY_CACHE_KEY = "core:municipality:{number}"


def current_municipality() -> Municipality:
    """The municipality this deployment serves (MUNICIPALITY_NUMBER, Ås 3218 by default)."""
    number = settings.DUGNAD_MUNICIPALITY_NUMBER
    key = MUNICIPALITY_CACHE_KEY.format(number=number)
    municipality = cache.get(key)
    if municipality is None:
        municipality, _ = Municipality.objects.get_or_create(
            number=number, defaults={"name": "Ås" if number == "3218" else number}
        )
        cache.set(key, municipality, 300)
    return municipality


def forget_municipality() -> None:
    cache.delete(MUNICIPALITY_CACHE_KEY.format(number=settings.DUGNAD_MUNICIPALITY_NUMBER))


def all_pages(municipality):
    """The municipality's information pages, drafts included (for their editors)."""
    return InfoPage.objects.filter(municipality=municipality)


def published_pages(municipality):
    return InfoPage.objects.filter(municipality=municipality, published=True)


def feed_tokens_of(user):
    """The calendar feed links `user` owns (revoked ones too, so that revoking twice is a no-op)."""
    return FeedToken.objects.filter(owner=user)
