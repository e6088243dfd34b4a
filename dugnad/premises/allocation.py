"""The staff view of a seasonal allocation round: wishes per room and weekday, the conflicts
between them, and whether each organisation is new or had slots last season."""

from collections import defaultdict

from .models import AllocatedSlot, SlotWish


def _minutes(time) -> int:
    return time.hour * 60 + time.minute


def wishes_overlap(a: SlotWish, b: SlotWish) -> bool:
    if a.weekday != b.weekday:
        return False
    same_place = (a.room_id and a.room_id == b.room_id) or (
        not a.room_id and not b.room_id and a.room_kind == b.room_kind
    )
    if not same_place:
        return False
    a_start, b_start = _minutes(a.start_time), _minutes(b.start_time)
    return a_start < b_start + b.minutes and b_start < a_start + a.minutes


def allocation_overview(allocation_round) -> dict:
    wishes = list(
        allocation_round.wishes.select_related(
            "organisation", "room__building", "age_group", "allocation__room__building"
        ).order_by("weekday", "start_time", "priority")
    )
    returning = set()
    if allocation_round.previous_id:
        returning = set(
            AllocatedSlot.objects.filter(round_id=allocation_round.previous_id).values_list(
                "organisation_id", flat=True
            )
        )
    groups = defaultdict(list)
    for wish in wishes:
        place = str(wish.room) if wish.room_id else wish.get_room_kind_display()
        groups[(place, wish.weekday)].append(wish)
    rows = []
    for (place, _weekday), items in sorted(groups.items(), key=lambda kv: (kv[0][0], kv[0][1])):
        for wish in items:
            wish.conflicts = [o for o in items if o is not wish and wishes_overlap(wish, o)]
            wish.is_returning = wish.organisation_id in returning
            wish.allocated = (
                getattr(wish, "allocation", None) if hasattr(wish, "allocation") else None
            )
        rows.append({"place": place, "weekday": items[0].get_weekday_display(), "wishes": items})
    return {
        "groups": rows,
        "wish_count": len(wishes),
        "conflict_count": sum(1 for w in wishes if w.conflicts),
        "allocated_count": sum(1 for w in wishes if w.allocated),
    }
