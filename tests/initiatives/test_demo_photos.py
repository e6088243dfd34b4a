"""The demo's drawn story photos: real images, described, added once, shown on the pages."""

import io

import pytest
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from dugnad.initiatives.demo_photos import PHOTOS, add_photos
from dugnad.initiatives.models import Story

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_demo_stories_get_described_photos_once(client, municipality):
    stories = [
        Story.objects.create(municipality=municipality, title=title, body="<p>Tekst</p>",
                             author_name="Demo", state=Story.State.PUBLISHED,
                             published_at=timezone.now())
        for title in list(PHOTOS)[:3]
    ]  # fmt: skip
    assert add_photos(stories) == 3
    assert add_photos(stories) == 0  # a second demo load adds nothing
    photo = stories[0].photos.get()
    assert photo.alt_text == PHOTOS[stories[0].title][2] and not photo.shows_people
    with photo.image.open("rb") as handle, Image.open(io.BytesIO(handle.read())) as image:
        assert image.format == "JPEG" and image.size == (800, 450)
    listing = client.get(reverse("initiatives:stories")).content.decode()
    page = client.get(stories[0].get_absolute_url()).content.decode()
    for html in (listing, page):
        assert f'alt="{photo.alt_text}"' in html
    served = client.get(reverse("initiatives:story_photo", args=[stories[0].pk, photo.pk]))
    assert served.status_code == 200
