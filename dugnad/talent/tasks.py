"""Background work that a scheduler triggers through the management commands."""

from django_tasks import task

from . import actions, queries


@task()
def expire_talent_offers() -> int:
    """Offers not answered by their deadline lapse; each call's place goes down its waiting
    list (`actions.expire_offers` locks the call, so a run twice is harmless)."""
    return sum(actions.expire_offers(call) for call in queries.calls_with_lapsed_offers())
