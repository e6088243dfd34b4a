import pytest
from django.core.management import call_command

from dugnad.accounts.demo import DEMO_LOGINS
from dugnad.accounts.models import User

pytestmark = pytest.mark.django_db


def test_load_demo_refuses_outside_demo_mode(settings):
    from django.core.management.base import CommandError

    settings.DEMO_MODE = False
    with pytest.raises(CommandError):
        call_command("load_demo")


def test_demo_logins_for_every_role(settings):
    settings.DEMO_MODE = True
    from io import StringIO

    from dugnad.accounts import demo as accounts_demo
    from dugnad.core import demo as core_demo

    out = StringIO()
    for _ in range(2):  # idempotent
        core_demo.load(out)
        accounts_demo.load(out)
    emails = {login[0] for login in DEMO_LOGINS}
    assert emails == {
        "admin@demo.example", "koordinator@demo.example", "saksbehandler@demo.example",
        "lokaler@demo.example", "kulturskole@demo.example", "leder@demo.example",
        "frivillig@demo.example", "laerer@demo.example", "foresatt@demo.example",
    }  # fmt: skip
    for email in emails:
        user = User.objects.get(email=email)
        assert user.is_demo and user.check_password("dugnad-demo")
    assert User.objects.filter(
        email="koordinator@demo.example", unit_roles__role="volunteer_coordinator"
    ).exists()
    assert User.objects.get(email="admin@demo.example").is_superuser
