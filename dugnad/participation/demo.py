"""Demo data for youth participation in Ås: a running process for the Midtgard youth club with
ideas, comments and answers, and a finished small-budget process with votes and chosen ideas
followed up. The youth council's moderators, a young person and the staff who answer have
demo logins. Ideas come from the culture school's report: the Midtgard graffiti project, and
the youth council's and pupils' councils' wish for more on mental health (Kultur & Helse).

Idempotent: rows are keyed by natural keys (process title, idea title, email), and votes are
made only for a process that has none. Dates are relative to today, so the running process
stays running whenever the demo is loaded.
"""

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from dugnad.accounts.demo import DEMO_PASSWORD, demo_user
from dugnad.accounts.models import UnitRole
from dugnad.core.demo import unit
from dugnad.core.models import Area, Municipality

from .models import (
    Comment,
    FollowUp,
    FollowUpUpdate,
    Idea,
    ModerationEntry,
    Participant,
    Process,
    SchoolClass,
    Support,
    Visibility,
    Vote,
    VoteChoice,
    YouthModerator,
)

# (email, first name, last name, age or None, what the login is for)
LOGINS = [
    ("ungdom@demo.example", "Emma", "Demo", 15, "young person, 15"),
    ("ungdomsrad@demo.example", "Jonas", "Demo", 17, "youth council moderator"),
    ("medvirkning@demo.example", "Mari", "Medvirkning", None, "participation staff (Midtgard)"),
    ("laerer@demo.example", "Tor", "Lærer", None, "teacher of class 6B, Solberg skole"),
]

# Invented young people who sent in ideas, supported and voted (no login).
YOUNG = [
    "Nora", "Ali", "Sofie", "Elias", "Maja", "Isak", "Leah", "Noah", "Ella", "Oskar",
    "Ida", "Filip", "Sara", "Jakob", "Aurora", "Emil", "Thea", "Lukas", "Vilde", "Adam",
]  # fmt: skip

RUNNING = "Hva skal Midtgard gjøre neste år?"
FINISHED = "Et lite budsjett for ungdommens egne ideer"

# (title, text, category, area, author index, answer: (feasible, cost in kroner, text) or None)
RUNNING_IDEAS = [
    (
        "Mer graffiti på veggene",
        "Graffitiprosjektet var kjempebra. Vi vil male flere vegger ved Midtgard. "
        "Kan vi få kurs med en ekte graffitikunstner igjen?",
        "culture",
        "Ås sentrum",
        0,
        (
            True,
            15_000,
            "Ja. Midtgard og kulturskolen kan ha et nytt kurs i høst. Det koster 15 000 kroner.",
        ),
    ),
    (
        "Kveld om psykisk helse med musikk",
        "Mange sliter og ingen snakker om det. Vi vil ha en kveld med musikk, "
        "og noen som forteller om hvordan det er å ha det tungt. Kanskje en del av Kultur & Helse.",
        "mental_health",
        "Ås sentrum",
        1,
        (
            True,
            8_000,
            "Ja. Vi lager kvelden sammen med helsesykepleier og Kultur & Helse-festivalen.",
        ),
    ),
    (
        "Et rom for e-sport",
        "Vi vil ha et rom med gode PC-er der vi kan spille sammen og ha turneringer.",
        "meeting_places",
        "Ås sentrum",
        2,
        None,
    ),
    (
        "Åpent på lørdager",
        "Midtgard er stengt i helgene. Det er da vi har tid. Åpne på lørdager!",
        "meeting_places",
        None,
        3,
        (
            False,
            None,
            "Ikke nå. Vi har ikke nok voksne på jobb i helgene i år. Vi ser på det igjen neste år.",
        ),
    ),
    (
        "Dansekurs for nybegynnere",
        "Jeg vil lære å danse, men jeg tør ikke gå på et vanlig kurs. "
        "Et kurs bare for nybegynnere.",
        "culture",
        "Nordby",
        4,
        None,
    ),
]

FINISHED_IDEAS = [
    ("Ungdomsscene på Kultur & Helse", "Vi vil spille på festivalen. En egen scene for unge "
     "band og artister.", "mental_health", 20_000, 5),
    ("Benker og lys ved skateparken", "Det er mørkt om kvelden. Vi vil ha lys og noen benker.",
     "meeting_places", 25_000, 6),
    ("Gratis kurs i førstehjelp for psyken", "Lær hvordan du kan hjelpe en venn som har det "
     "vondt. Et kurs for alle på ungdomsskolen.", "mental_health", 10_000, 7),
    ("Ny lydanlegg på Midtgard", "Lyden er dårlig. Vi trenger et nytt anlegg.", "culture",
     30_000, 8),
]  # fmt: skip

# How many demo voters chose which ideas (by index) in the finished process.
BALLOTS = [(0, 1), (0, 2), (0, 2), (1,), (0, 1), (2, 3), (0, 2), (3,), (0, 1), (2,),
           (0, 2), (1, 2), (0,), (3, 2), (0, 2)]  # fmt: skip


def load(out) -> None:
    municipality = Municipality.objects.get(number="3218")
    today = timezone.localdate()
    midtgard = unit("ungdomsklubben-midtgard")
    kif = unit("kultur-idrett-og-frivillighet")
    year = today.year

    people = {}
    for email, first, last, age, _purpose in LOGINS:
        user = demo_user(email, first, last, birth_year=year - age if age else None)
        people[email] = user
        if age:
            Participant.objects.update_or_create(
                municipality=municipality, user=user, defaults={"shown_name": first}
            )
    UnitRole.objects.get_or_create(
        user=people["medvirkning@demo.example"], unit=kif,
        role=UnitRole.Role.PARTICIPATION_MODERATOR,
    )  # fmt: skip
    YouthModerator.objects.get_or_create(
        municipality=municipality, user=people["ungdomsrad@demo.example"]
    )
    young = _young_people(municipality, year)
    staff = people["medvirkning@demo.example"]
    areas = {a.name: a for a in Area.objects.in_municipality(municipality)}

    running, _ = Process.objects.update_or_create(
        municipality=municipality,
        title=RUNNING,
        defaults={
            "unit": midtgard,
            "summary": "Ungdomsklubben Midtgard vil høre fra deg. Kom med ideer til neste år!",
            "description": "Send inn ideer fram til fristen. Støtt ideene du liker. "
            "Midtgard svarer på alle ideer. Så stemmer vi over de tre beste.",
            "min_age": 13,
            "max_age": 19,
            "winners": 3,
            "ideas_start": today - dt.timedelta(days=14),
            "assessment_start": today + dt.timedelta(days=14),
            "vote_start": today + dt.timedelta(days=28),
            "vote_end": today + dt.timedelta(days=42),
            "follow_up_start": today + dt.timedelta(days=70),
        },
    )
    for title, text, category, area, author, answer in RUNNING_IDEAS:
        idea = _idea(running, young[author], title, text, category, areas.get(area))
        if answer and idea.feasible is None:
            feasible, cost, reply = answer
            idea.feasible, idea.answer = feasible, reply
            idea.answer_cost_ore = cost * 100 if cost is not None else None
            idea.answered_at, idea.answered_by = timezone.now(), staff
            idea.save()
    first = Idea.objects.get(process=running, title=RUNNING_IDEAS[1][0])
    for fan in young[5:12]:
        Support.objects.get_or_create(idea=first, user=fan)
    graffiti = Idea.objects.get(process=running, title=RUNNING_IDEAS[0][0])
    for fan in young[3:8]:
        Support.objects.get_or_create(idea=graffiti, user=fan)
    for who, text in ((young[6], "Så bra! Jeg kommer."), (young[9], "Kan vi få snakke med "
                      "noen alene også, hvis vi vil?")):  # fmt: skip
        Comment.objects.get_or_create(
            idea=first, author=who, text=text,
            defaults={"shown_name": Participant.objects.get(user=who).shown_name},
        )  # fmt: skip
    # One idea the word filter held, for the moderators' queue.
    held = _idea(running, young[10], "Fjern den dustete regelen om mobil",
                 "Den regelen er dust. Vi vil bruke mobilen i pausene.", "other", None)  # fmt: skip
    if held.visibility == Visibility.VISIBLE and not held.moderation_log.exists():
        held.visibility = Visibility.PENDING
        held.save(update_fields=["visibility"])
        ModerationEntry.objects.create(
            process=running, idea=held, action=ModerationEntry.Action.FILTERED,
            reason="Et ord i teksten må sees på av en moderator.",
        )  # fmt: skip
    school_class, _ = SchoolClass.objects.get_or_create(
        municipality=municipality, school="Solberg skole", name="6B",
        defaults={"teacher": people["laerer@demo.example"]},
    )  # fmt: skip
    Idea.objects.get_or_create(
        process=running, title="Filmkveld for mellomtrinnet",
        defaults={"author": school_class.teacher, "school_class": school_class,
                  "shown_name": str(school_class), "category": "culture",
                  "text": "Klassen vår vil ha filmkveld på Midtgard for 5. til 7. trinn."},
    )  # fmt: skip

    finished, _ = Process.objects.update_or_create(
        municipality=municipality,
        title=FINISHED,
        defaults={
            "unit": kif,
            "summary": "50 000 kroner til ideer fra unge. Dere stemte, og to ideer ble valgt.",
            "description": "Unge mellom 13 og 19 år sendte inn ideer. Kommunen svarte på alle. "
            "Så stemte dere over hvordan pengene skulle brukes.",
            "min_age": 13,
            "max_age": 19,
            "budget_ore": 50_000_00,
            "ideas_start": today - dt.timedelta(days=200),
            "assessment_start": today - dt.timedelta(days=170),
            "vote_start": today - dt.timedelta(days=150),
            "vote_end": today - dt.timedelta(days=136),
            "follow_up_start": today - dt.timedelta(days=120),
        },
    )
    ideas = []
    for title, text, category, cost, author in FINISHED_IDEAS:
        idea = _idea(finished, young[author], title, text, category, areas.get("Ås sentrum"))
        if idea.feasible is None:
            idea.feasible, idea.answer_cost_ore = True, cost * 100
            idea.answer = f"Ja, dette kan vi gjøre. Det koster {cost:,} kroner.".replace(",", " ")
            idea.answered_at, idea.answered_by = timezone.now(), staff
            idea.save()
        ideas.append(idea)
    if not Vote.objects.filter(process=finished).exists():
        votes = Vote.objects.bulk_create(
            Vote(process=finished, voter=voter) for voter in young[: len(BALLOTS)]
        )
        VoteChoice.objects.bulk_create(
            VoteChoice(vote=vote, idea=ideas[i])
            for vote, chosen in zip(votes, BALLOTS, strict=True)
            for i in chosen
        )
    if finished.results_computed_at is None:
        from .actions import compute_results

        compute_results(finished)
    for idea, updates in zip(
        Idea.objects.filter(process=finished, chosen=True).order_by("-votes", "pk"),
        _FOLLOW_UPS,
        strict=False,
    ):
        row, _ = FollowUp.objects.get_or_create(idea=idea)
        if not row.updates.exists():
            for days_ago, state, text in updates:
                FollowUpUpdate.objects.create(
                    follow_up=row, day=today - dt.timedelta(days=days_ago), state=state, text=text
                )
            row.state = updates[-1][1]
            row.save(update_fields=["state"])
    out.write(
        f"  participation: {Process.objects.filter(municipality=municipality).count()} "
        f"processes, {Idea.objects.filter(process__municipality=municipality).count()} ideas"
    )
    for email, _first, _last, _age, purpose in LOGINS:
        out.write(f"  {email:<28} {purpose} (password {DEMO_PASSWORD})")


_FOLLOW_UPS = [
    [(110, "in_progress", "Scenen er bestilt. Fem band har meldt seg."),
     (60, "done", "Ungdomsscenen var full hele kvelden. Takk til alle som spilte!")],
    [(100, "in_progress", "Kurset er avtalt med helsesykepleier og Røde Kors."),
     (40, "in_progress", "Det første kurset er holdt på Ås ungdomsskole. 21 elever var med.")],
]  # fmt: skip


def _young_people(municipality, year) -> list:
    """The invented young people, with unusable passwords (they have no login)."""
    users = get_user_model()
    emails = [f"ung-{name.lower()}@demo.example" for name in YOUNG]
    existing = {u.email: u for u in users.objects.filter(email__in=emails)}
    new = []
    for index, (name, email) in enumerate(zip(YOUNG, emails, strict=True)):
        if email not in existing:
            user = users(email=email, first_name=name, last_name="Demo", is_demo=True,
                         birth_year=year - 13 - index % 6)  # fmt: skip
            user.set_unusable_password()
            new.append(user)
    users.objects.bulk_create(new)
    people = list(users.objects.filter(email__in=emails).order_by("pk"))
    by_email = {u.email: u for u in people}
    have = set(
        Participant.objects.filter(municipality=municipality, user__in=people).values_list(
            "user_id", flat=True
        )
    )
    Participant.objects.bulk_create(
        Participant(municipality=municipality, user=u, shown_name=u.first_name)
        for u in people
        if u.pk not in have
    )
    return [by_email[e] for e in emails]


def _idea(process, author, title, text, category, area) -> Idea:
    idea, _ = Idea.objects.get_or_create(
        process=process,
        title=title,
        defaults={"author": author, "shown_name": author.first_name, "text": text,
                  "category": category, "area": area},
    )  # fmt: skip
    return idea
