from pathlib import Path

import pytest
from django.core import mail
from django.db import transaction

from dugnad.core.errors import NotAllowed
from dugnad.core.locking import lock
from dugnad.core.models import ActivityLog
from dugnad.core.notify import notify
from dugnad.core.permissions import Verdict, deny
from dugnad.core.richtext import sanitise, text_of
from dugnad.core.templatetags.dugnad import kroner

pytestmark = pytest.mark.django_db

# The notify tests need an email template that no page uses; it lives beside the tests.
EMAIL = "tests_core/email.txt"


@pytest.fixture(autouse=True)
def _test_templates(settings):
    engine = settings.TEMPLATES[0]
    settings.TEMPLATES = [
        {**engine, "DIRS": [*engine["DIRS"], Path(__file__).parent / "templates"]},
        *settings.TEMPLATES[1:],
    ]


def test_notify_logs_at_once_and_mails_only_after_commit(
    organisation, citizen, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        entry = notify(
            "test.event",
            actor=citizen,
            target=organisation,
            reason="fordi",
            recipients=["a@test.example", "a@test.example", ""],
            template=EMAIL,
            context={"name": "Kari"},
        )
        assert ActivityLog.objects.filter(pk=entry.pk).exists()
        assert mail.outbox == []
    assert len(callbacks) == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["a@test.example"]
    assert message.subject == "Hei Kari"
    assert entry.target == organisation and entry.reason == "fordi"


def test_notify_sends_nothing_when_the_transaction_rolls_back(
    organisation, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        notify("x", target=organisation, recipients=["a@test.example"],
               template=EMAIL, context={"name": "K"})  # fmt: skip
        raise RuntimeError
    assert callbacks == []
    assert mail.outbox == []
    assert not ActivityLog.objects.filter(event="x").exists()


def test_verdict_carries_reason_and_enforces():
    verdict = deny("fristen gikk ut 15. mars")
    assert not verdict
    with pytest.raises(NotAllowed) as error:
        verdict.enforce()
    assert "15. mars" in str(error.value)
    assert Verdict(True)
    Verdict(True).enforce()


@pytest.mark.django_db(transaction=True)
def test_lock_requires_a_transaction_and_returns_fresh_rows(organisation):
    with pytest.raises(RuntimeError):
        lock(organisation)
    with transaction.atomic():
        type(organisation).objects.filter(pk=organisation.pk).update(name="Endret")
        (fresh,) = lock(organisation)
    assert fresh.name == "Endret"


def test_sanitise_keeps_formatting_and_removes_scripts():
    html = sanitise(
        '<p onclick="x()">Hei <a href="javascript:alert(1)">x</a><script>1</script></p>'
    )
    assert "onclick" not in html and "script" not in html and "javascript" not in html
    assert html.startswith("<p>Hei")
    assert text_of("<p><b>Ås IL</b> &amp; venner</p>") == "Ås IL & venner"


@pytest.mark.parametrize(
    ("ore", "shown"), [(0, "0\xa0kr"), (150000, "1\xa0500\xa0kr"), (12345, "123,45\xa0kr")]
)
def test_kroner_filter(ore, shown):
    assert kroner(ore) == shown
