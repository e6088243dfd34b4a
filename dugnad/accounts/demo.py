"""Demo logins, one per role. They exist only in demo mode (`DEMO_MODE=1`, on with `make run`)."""

from allauth.account.models import EmailAddress

from dugnad.core.demo import unit

from .models import UnitRole, User

DEMO_PASSWORD = "dugnad-demo"

# (email, first name, last name, what the login is for, [(unit slug, role, public)])
DEMO_LOGINS = [
    ("admin@demo.example", "Ada", "Administrator", "site administrator", []),
    (
        "koordinator@demo.example", "Kari", "Koordinator", "volunteer coordinator",
        [
            ("kultur-idrett-og-frivillighet", UnitRole.Role.VOLUNTEER_COORDINATOR, False),
            ("kultur-idrett-og-frivillighet", UnitRole.Role.VOLUNTEER_CONTACT, True),
        ],
    ),
    (
        "saksbehandler@demo.example", "Sander", "Saksbehandler", "grant case handler",
        [("kultur-idrett-og-frivillighet", UnitRole.Role.CASE_HANDLER, False)],
    ),
    (
        "lokaler@demo.example", "Liv", "Lokalforvalter", "premises manager",
        [("kultur-og-fritid", UnitRole.Role.PREMISES_MANAGER, False)],
    ),
    (
        "kulturskole@demo.example", "Kristian", "Kulturskole", "culture school administrator",
        [
            ("kulturskolen", UnitRole.Role.CULTURE_SCHOOL_ADMIN, False),
            ("kulturskolen", UnitRole.Role.EDITOR, False),
            ("kulturskolen", UnitRole.Role.VOLUNTEER_CONTACT, True),
        ],
    ),
    ("leder@demo.example", "Lene", "Leder", "leader of a demo organisation", []),
    (
        "laerer@demo.example", "Line", "Lærer", "culture school teacher",
        [("kulturskolen", UnitRole.Role.TEACHER, False)],
    ),
    ("foresatt@demo.example", "Frode", "Foresatt", "guardian of two culture school pupils", []),
    ("frivillig@demo.example", "Frida", "Frivillig", "citizen volunteer", []),
]  # fmt: skip

# Volunteer contacts of the other units: invented people, shown on the contacts page.
DEMO_CONTACTS = [
    ("moertunet-demenssenter", "Mona", "Moe", "moertunet-kontakt@demo.example"),
    ("bibliotek", "Birk", "Bok", "bibliotek-kontakt@demo.example"),
    ("laeringssenteret", "Lars", "Lund", "laeringssenter-kontakt@demo.example"),
    ("nav-as", "Nora", "Nilsen", "nav-kontakt@demo.example"),
    ("solberg-skole", "Sofie", "Strand", "solberg-kontakt@demo.example"),
    ("sykehjem-og-boliger", "Sverre", "Sand", "sykehjem-kontakt@demo.example"),
]


def demo_user(email: str, first_name: str, last_name: str, **extra) -> User:
    user, created = User.objects.update_or_create(
        email=email,
        defaults={"first_name": first_name, "last_name": last_name, "is_demo": True, **extra},
    )
    if created or not user.check_password(DEMO_PASSWORD):
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def load(out) -> None:
    for email, first, last, _purpose, roles in DEMO_LOGINS:
        admin = email.startswith("admin@")
        user = demo_user(email, first, last, is_superuser=admin, is_staff=admin, phone="900 00 000")
        for unit_slug, role, public in roles:
            UnitRole.objects.update_or_create(
                user=user, unit=unit(unit_slug), role=role, defaults={"show_publicly": public}
            )
    for unit_slug, first, last, email in DEMO_CONTACTS:
        user = demo_user(email, first, last, phone="64 96 20 00")
        UnitRole.objects.update_or_create(
            user=user,
            unit=unit(unit_slug),
            role=UnitRole.Role.VOLUNTEER_CONTACT,
            defaults={"show_publicly": True},
        )
    out.write(f"  {len(DEMO_LOGINS)} demo logins, {len(DEMO_CONTACTS)} volunteer contacts")
