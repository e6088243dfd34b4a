"""Room photos uploaded by the premises manager: sniffed type, size limit, alt text required."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from dugnad.accounts.models import UnitRole
from dugnad.core.errors import NotAllowed
from dugnad.premises import actions
from dugnad.premises.forms import MAX_PHOTO_BYTES
from dugnad.premises.models import RoomPhoto
from tests.factories import UnitRoleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def png(name="gym.png", content_type="image/png"):
    buffer = io.BytesIO()
    Image.new("RGB", (4, 3), "teal").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=content_type)


def post(client, room, image, alt="Gymsal med ribbevegg"):
    return client.post(
        reverse("premises:room_photo", args=[room.pk]), {"image": image, "alt_text": alt}
    )


def test_manager_uploads_and_room_page_shows_it(client, premises_manager, room):
    client.force_login(premises_manager)
    response = post(client, room, png())
    assert response.status_code == 302
    photo = RoomPhoto.objects.get()
    assert photo.alt_text == "Gymsal med ribbevegg" and photo.image.name.endswith(".png")
    page = client.get(room.get_absolute_url()).content.decode()
    shown = reverse("premises:room_photo_file", args=[room.pk, photo.pk])
    assert f'alt="{photo.alt_text}"' in page and shown in page
    # The page's image is served (uploads have no public path), to anyone who sees the room.
    client.logout()
    served = client.get(shown)
    assert served.status_code == 200 and served["Content-Type"] == "image/png"
    assert b"".join(served.streaming_content).startswith(b"\x89PNG")
    assert (
        client.get(reverse("premises:room_photo_file", args=[room.pk, photo.pk + 1])).status_code
        == 404
    )


def test_type_is_sniffed_not_trusted(client, premises_manager, room):
    client.force_login(premises_manager)
    fake = SimpleUploadedFile("gym.png", b"<svg onload=alert(1)>", content_type="image/png")
    response = post(client, room, fake)
    assert response.status_code == 400
    assert not RoomPhoto.objects.exists()
    # A real PNG with a misleading name and type is stored under its true extension.
    assert post(client, room, png("gym.exe", "application/octet-stream")).status_code == 302
    assert RoomPhoto.objects.get().image.name.endswith(".png")


def test_damaged_image_is_refused(client, premises_manager, room):
    client.force_login(premises_manager)
    header_only = png().read()[:40]
    response = post(client, room, SimpleUploadedFile("x.png", header_only))
    assert response.status_code == 400 and not RoomPhoto.objects.exists()


def test_too_large_is_refused():
    from dugnad.premises.forms import RoomPhotoForm

    big = png()
    big.size = MAX_PHOTO_BYTES + 1  # the size the upload handler reports; no 5 MB in memory
    form = RoomPhotoForm({"alt_text": "Gymsal"}, {"image": big})
    assert not form.is_valid() and "image" in form.errors


@pytest.mark.parametrize("alt", ["", "   "])
def test_alt_text_is_required_and_typed_values_kept(client, premises_manager, room, alt):
    client.force_login(premises_manager)
    response = post(client, room, png(), alt=alt)
    assert response.status_code == 400
    assert "aria-describedby" in response.content.decode()
    assert not RoomPhoto.objects.exists()


@pytest.mark.parametrize(
    "role, status",
    [("manager", 302), ("other_manager", 403), ("citizen", 403), ("anonymous", 302)],
)
def test_upload_permission_matrix(client, role, status, premises_manager, citizen, room):
    people = {
        "manager": premises_manager,
        "other_manager": UnitRoleFactory(role=UnitRole.Role.PREMISES_MANAGER).user,
        "citizen": citizen,
    }
    if role in people:
        client.force_login(people[role])
    response = post(client, room, png())
    assert response.status_code == status
    assert RoomPhoto.objects.exists() == (role == "manager")


def test_action_refuses_non_manager(citizen, room):
    with pytest.raises(NotAllowed):
        actions.add_room_photo(citizen, room, png(), "Et rom")


def test_room_page_links_to_upload_only_for_managers(client, premises_manager, citizen, room):
    url = reverse("premises:room_photo", args=[room.pk])
    client.force_login(citizen)
    assert url not in client.get(room.get_absolute_url()).content.decode()
    client.force_login(premises_manager)
    assert url in client.get(room.get_absolute_url()).content.decode()
