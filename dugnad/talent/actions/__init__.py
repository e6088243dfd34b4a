"""Every write in talent: check permission, validate, lock, save, log and notify.

Split by topic: `setup` (the programme, its region, partners, roles and calls, edited by the
programme's administrators), `nominations` (a teacher nominates, the pupil or guardian
completes), `panel` (audition slots, conflicts, scores), `decisions` (decisions, offers and the
waiting list, under the call's row lock) and `participation` (sessions, attendance, notes,
renewal, higher education)."""

from .decisions import answer_offer, decide, expire_offers  # noqa: F401
from .nominations import (  # noqa: F401
    delete_file,
    give_consent,
    nominate,
    save_application,
    submit_application,
    withdraw,
)
from .panel import book_slot, create_slots, declare_conflict, save_scores  # noqa: F401
from .participation import (  # noqa: F401
    add_note,
    add_session,
    mark_attendance,
    record_higher_education,
    renew,
)
from .setup import add_role, remove_part, remove_role, save_part  # noqa: F401
