from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from dugnad.core.errors import Conflict, DomainError, NotAllowed, NotFound
from dugnad.core.models import ActivityLog
from dugnad.organisations import actions
from dugnad.organisations.models import Invitation, Organisation, OrganisationRole

from .conftest import make_organisation, org_number

Role = OrganisationRole.Role
pytestmark = pytest.mark.django_db


def register(user, municipality, **overrides):
    data = {"name": "Ås Sjakklubb", "org_number": org_number(), "category": "culture",
            "purpose": "Sjakk for alle.", "email": "post@sjakk.example"}  # fmt: skip
    data.update(overrides)
    return actions.register_organisation(user, municipality, **data)


# --- registration -------------------------------------------------------------------------


def test_register_makes_pending_organisation_led_by_the_registrant(
    citizen, municipality, coordinator, activities, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        organisation = register(citizen, municipality, activity_types=[activities["basketball"]])
    assert organisation.status == Organisation.Status.PENDING
    assert organisation.roles.get().user == citizen
    assert organisation.roles.get().role == Role.LEADER
    assert "Basketball" in organisation.search_document
    assert ActivityLog.objects.filter(event="organisation.registered").exists()
    assert [m.to for m in mail.outbox] == [[coordinator.email]]
    assert "/organisasjoner/as-sjakklubb/behandle/" in mail.outbox[0].body


@pytest.mark.parametrize("number", ["123456789", "12345", "abcdefghi", "98765432 1x"])
def test_register_rejects_invalid_org_number(citizen, municipality, number):
    with pytest.raises(DomainError) as caught:
        register(citizen, municipality, org_number=number)
    assert caught.value.field == "org_number"
    assert not Organisation.objects.exists()


def test_register_rejects_duplicate_org_number(citizen, municipality, organisation):
    with pytest.raises(Conflict) as caught:
        register(citizen, municipality, org_number=organisation.org_number)
    assert caught.value.code == "duplicate_org_number"
    assert Organisation.objects.count() == 1


def test_register_accepts_spaced_org_number_and_no_number(citizen, municipality):
    number = org_number()
    spaced = f"{number[:3]} {number[3:6]} {number[6:]}"
    assert register(citizen, municipality, org_number=spaced).org_number == number
    assert register(citizen, municipality, name="Uten nummer", org_number="").org_number is None


def test_register_keeps_the_name_as_typed_and_requires_one(citizen, municipality):
    # Plain text is stored as typed and escaped once on output, never escaped or stripped here.
    organisation = register(citizen, municipality, name=" Mat & <drikke> ")
    assert organisation.name == "Mat & <drikke>"
    with pytest.raises(DomainError):
        register(citizen, municipality, name="  ", org_number="")


def test_register_needs_login(municipality):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(NotAllowed):
        register(AnonymousUser(), municipality)


def test_reserved_slugs_are_avoided(citizen, municipality):
    assert register(citizen, municipality, name="Registrer").slug == "registrer-lag"


@given(st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_clean_org_number_agrees_with_stdnum(number):
    from stdnum.no import orgnr

    if orgnr.is_valid(number):
        assert actions.clean_org_number(number) == number
    else:
        with pytest.raises(DomainError):
            actions.clean_org_number(number)


def test_clean_org_number_says_what_every_other_form_says():
    """Registration and the grant form share the kernel's check and wording."""
    from django.core.exceptions import ValidationError

    from dugnad.core.validators import normalise_org_number

    assert actions.clean_org_number(" 974 760 673 ") == "974760673"
    assert actions.clean_org_number("  ") is None
    with pytest.raises(ValidationError) as kernel:
        normalise_org_number("974760672")
    with pytest.raises(DomainError) as registration:
        actions.clean_org_number("974760672")
    assert registration.value.field == "org_number"
    assert str(registration.value.message) == kernel.value.messages[0]


# --- profile -----------------------------------------------------------------------------------


def test_update_profile_sanitises_records_edited_fields_and_history(
    leader, organisation, activities
):
    actions.update_profile(
        leader,
        organisation,
        {
            "purpose": "Ny formålstekst & mer",
            "description": '<p onclick="x()">Hei &amp; hå<script>alert(1)</script></p>',
        },
        activity_types=[activities["kor"]],
    )
    organisation.refresh_from_db()
    assert organisation.purpose == "Ny formålstekst & mer"
    assert organisation.description == "<p>Hei &amp; hå</p>"
    assert "Hei & hå" in organisation.search_document  # the words of the rich text
    assert set(organisation.edited_fields) == {"purpose", "description"}
    assert "Kor" in organisation.search_document and "formålstekst" in organisation.search_document
    latest = organisation.history.first()
    assert latest.history_user == leader
    assert "purpose" in latest.history_change_reason


def test_update_profile_without_changes_writes_nothing(leader, organisation):
    before = organisation.history.count()
    actions.update_profile(leader, organisation, {"purpose": organisation.purpose})
    assert organisation.history.count() == before
    assert organisation.edited_fields == []


def test_update_profile_refused_for_outsider(other_leader, organisation):
    with pytest.raises(NotAllowed):
        actions.update_profile(other_leader, organisation, {"purpose": "Kapret"})
    organisation.refresh_from_db()
    assert organisation.purpose != "Kapret"


def test_logo_is_checked_by_content(leader, organisation, png_bytes, media_root):
    fake = SimpleUploadedFile("logo.png", b"<svg onload=alert(1)></svg>", content_type="image/png")
    with pytest.raises(DomainError) as caught:
        actions.update_profile(leader, organisation, {"logo_alt": "Logo"}, logo=fake)
    assert caught.value.field == "logo"
    huge = SimpleUploadedFile(
        "logo.png", png_bytes + b"\0" * (2 * 1024 * 1024), content_type="image/png"
    )
    with pytest.raises(DomainError) as caught:
        actions.update_profile(leader, organisation, {"logo_alt": "Logo"}, logo=huge)
    assert caught.value.code == "logo_too_large"
    good = SimpleUploadedFile("logo.png", png_bytes, content_type="image/png")
    with pytest.raises(DomainError) as caught:
        actions.update_profile(leader, organisation, {"logo_alt": ""}, logo=good)
    assert caught.value.field == "logo_alt"
    organisation.refresh_from_db()
    assert not organisation.logo

    good.seek(0)
    updated = actions.update_profile(leader, organisation, {"logo_alt": "Rød firkant"}, logo=good)
    assert updated.logo.name.startswith("logos/") and "logo.png" not in updated.logo.name
    assert updated.logo_alt == "Rød firkant"


# --- invitations and roles ----------------------------------------------------------------


def test_invite_and_accept(leader, organisation, person, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = actions.invite(
            leader, organisation, email=person.email.upper(), role=Role.EDITOR
        )
    assert invitation.email == person.email
    assert f"/organisasjoner/invitasjon/{invitation.token}/" in mail.outbox[0].body
    role = actions.accept_invitation(person, invitation.token)
    assert role.role == Role.EDITOR and role.user == person
    with pytest.raises(Conflict):
        actions.accept_invitation(person, invitation.token)


def test_invitation_is_for_the_invited_address_only(leader, organisation, person, citizen):
    invitation = actions.invite(leader, organisation, email=person.email)
    with pytest.raises(NotAllowed) as caught:
        actions.accept_invitation(citizen, invitation.token)
    assert caught.value.code == "invitation_other_address"
    assert person.email in str(caught.value.message)
    assert not organisation.roles.filter(user=citizen).exists()
    # A second, verified address of the invited person counts as theirs.
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(user=citizen, email="andre@test.example", verified=True)
    other = actions.invite(leader, organisation, email="andre@test.example")
    assert actions.accept_invitation(citizen, other.token).user == citizen


def test_invitation_expired_or_unknown(leader, organisation, person):
    invitation = actions.invite(leader, organisation, email=person.email)
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    with pytest.raises(DomainError) as caught:
        actions.accept_invitation(person, invitation.token)
    assert caught.value.code == "invitation_expired"
    with pytest.raises(NotFound):
        actions.accept_invitation(person, "no-such-token")
    assert not organisation.roles.filter(user=person).exists()


def test_invite_twice_is_a_conflict(leader, organisation):
    actions.invite(leader, organisation, email="ny@test.example")
    with pytest.raises(Conflict):
        actions.invite(leader, organisation, email="ny@test.example")


def test_editor_cannot_invite(org_editor, organisation):
    with pytest.raises(NotAllowed):
        actions.invite(org_editor, organisation, email="ny@test.example")


def test_last_leader_cannot_be_removed_or_demoted(leader, organisation):
    role = organisation.roles.get(user=leader)
    with pytest.raises(Conflict) as caught:
        actions.remove_role(leader, role)
    assert caught.value.code == "last_leader"
    with pytest.raises(Conflict):
        actions.change_role(leader, role, new_role=Role.EDITOR)
    assert organisation.roles.filter(role=Role.LEADER).count() == 1


def test_second_leader_can_step_down(leader, organisation, person):
    OrganisationRole.objects.create(organisation=organisation, user=person, role=Role.LEADER)
    actions.remove_role(leader, organisation.roles.get(user=leader))
    assert list(organisation.roles.filter(role=Role.LEADER).values_list("user", flat=True)) == [
        person.pk
    ]


def test_hand_over_leadership(leader, organisation, org_editor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        actions.hand_over_leadership(leader, organisation, to_user=org_editor, stay_as=Role.CONTACT)
    roles = set(organisation.roles.values_list("user_id", "role"))
    assert (org_editor.pk, Role.LEADER) in roles
    assert (leader.pk, Role.CONTACT) in roles
    assert (leader.pk, Role.LEADER) not in roles
    assert mail.outbox[0].to == [org_editor.email]


def test_hand_over_needs_a_member(leader, organisation, person):
    with pytest.raises(DomainError) as caught:
        actions.hand_over_leadership(leader, organisation, to_user=person)
    assert caught.value.code == "not_member"
    assert organisation.roles.get(role=Role.LEADER).user == leader


def test_change_role_title_and_visibility(leader, organisation, org_editor):
    role = organisation.roles.get(user=org_editor)
    actions.change_role(
        leader, role, new_role=Role.CONTACT, title="<b>Kasserer</b>", show_publicly=True
    )
    role.refresh_from_db()
    assert (role.role, role.title, role.show_publicly) == (Role.CONTACT, "<b>Kasserer</b>", True)


# --- review -----------------------------------------------------------------------------------


def test_approve_and_hide_with_reason(
    coordinator, leader, organisation, django_capture_on_commit_callbacks
):
    Organisation.objects.filter(pk=organisation.pk).update(status=Organisation.Status.PENDING)
    with django_capture_on_commit_callbacks(execute=True):
        actions.approve(coordinator, organisation)
    organisation.refresh_from_db()
    assert organisation.status == Organisation.Status.APPROVED
    assert mail.outbox[-1].to == [leader.email]
    with pytest.raises(DomainError) as caught:
        actions.hide(coordinator, organisation, reason="  ")
    assert caught.value.code == "reason_required"
    actions.hide(coordinator, organisation, reason="Lagt ned i 2024")
    organisation.refresh_from_db()
    assert (organisation.status, organisation.status_reason) == ("hidden", "Lagt ned i 2024")
    assert ActivityLog.objects.filter(
        event="organisation.hidden", reason="Lagt ned i 2024"
    ).exists()


def test_merge_moves_roles_and_marks_merged(
    coordinator, leader, organisation, municipality, person
):
    target = make_organisation(municipality=municipality, name="Ås Testlag (riktig)")
    OrganisationRole.objects.create(organisation=target, user=person, role=Role.LEADER)
    actions.merge(coordinator, organisation, into=target, reason="Duplikat")
    organisation.refresh_from_db()
    assert organisation.status == Organisation.Status.MERGED
    assert organisation.merged_into == target
    assert not organisation.roles.exists()
    assert set(target.roles.values_list("user_id", "role")) == {
        (person.pk, Role.LEADER),
        (leader.pk, Role.LEADER),
    }
    with pytest.raises(Conflict):
        actions.merge(coordinator, organisation, into=target, reason="Igjen")
    with pytest.raises(DomainError):
        actions.merge(coordinator, target, into=target, reason="Seg selv")
    with pytest.raises(DomainError):
        actions.merge(coordinator, target, into=organisation, reason="Inn i en sammenslått")


def test_review_refused_for_leader(leader, organisation):
    with pytest.raises(NotAllowed):
        actions.hide(leader, organisation, reason="Nei")
