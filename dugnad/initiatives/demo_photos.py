# ruff: noqa: E501  (demo data: long Norwegian alt texts)
"""Pictures for the demo's good stories, drawn in code with Pillow: simple illustrations (no
real people, so no consent is needed), each with alt text that says what it shows.

A story that already has a photo keeps it, so loading the demo twice adds nothing.
"""

import io
import random

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw

from .models import StoryPhoto

WIDTH, HEIGHT = 800, 450
SKIN = ["#8d5524", "#c68642", "#e0ac69", "#f1c27d", "#ffdbac"]


def _figure(draw, x, y, scale, colour, rng, arms_up=False):
    """A person as a child would draw one: a round head, a body and arms."""
    head = 18 * scale
    draw.ellipse([x - head, y - 3 * head, x + head, y - head], fill=rng.choice(SKIN))
    draw.rounded_rectangle([x - head, y - head, x + head, y + 2.5 * head], 8, fill=colour)
    lift = -2.5 * head if arms_up else 0.8 * head
    width = max(3, int(5 * scale))
    draw.line([x - head, y - 0.4 * head, x - 2.2 * head, y + lift], fill=colour, width=width)
    draw.line([x + head, y - 0.4 * head, x + 2.2 * head, y + lift], fill=colour, width=width)
    draw.line(
        [x - 0.5 * head, y + 2.5 * head, x - 0.7 * head, y + 4 * head], fill="#333333", width=width
    )
    draw.line(
        [x + 0.5 * head, y + 2.5 * head, x + 0.7 * head, y + 4 * head], fill="#333333", width=width
    )


def _stage(draw, rng, colours):
    draw.rectangle([0, 0, WIDTH, HEIGHT], fill="#1f1a3a")
    draw.polygon([(250, 0), (550, 0), (700, 360), (100, 360)], fill="#3b3566")
    draw.rectangle([0, 340, WIDTH, HEIGHT], fill="#6b4226")
    for n, colour in enumerate(colours):
        _figure(draw, 160 + n * 120, 250, 1.3, colour, rng, arms_up=n % 2 == 0)


def _wall(draw, rng, colours):
    draw.rectangle([0, 0, WIDTH, HEIGHT], fill="#b9c3c9")
    for row in range(0, HEIGHT, 40):
        for col in range(-40 if row % 80 else 0, WIDTH, 80):
            draw.rectangle([col + 2, row + 2, col + 78, row + 38], outline="#9aa4aa", width=2)
    for n, colour in enumerate(colours * 2):
        x = 60 + n * 90
        draw.ellipse([x, 60 + (n % 3) * 60, x + 140, 200 + (n % 3) * 60], fill=colour)
    _figure(draw, 680, 330, 1.0, "#2b4c7e", rng, arms_up=True)


def _stars(draw, rng, colours):
    draw.rectangle([0, 0, WIDTH, HEIGHT], fill="#0b1d3a")
    for _ in range(80):
        x, y = rng.randrange(WIDTH), rng.randrange(260)
        size = rng.choice([1, 2, 3])
        draw.ellipse([x - size, y - size, x + size, y + size], fill="#fff6c8")
    draw.rectangle([0, 360, WIDTH, HEIGHT], fill="#3a3f4b")
    for n, colour in enumerate(colours):
        _figure(draw, 200 + n * 200, 290, 1.2, colour, rng, arms_up=True)


def _shop(draw, rng, colours):
    draw.rectangle([0, 0, WIDTH, HEIGHT], fill="#dfe9ef")
    draw.rectangle([80, 60, 720, 400], fill="#f6f1e7", outline="#7a6a58", width=4)
    for n in range(8):
        draw.rectangle([80 + n * 80, 60, 160 + n * 80, 110], fill=colours[n % len(colours)])
    draw.rectangle([120, 150, 330, 330], fill="#bcd9e8", outline="#7a6a58", width=3)
    draw.rectangle([430, 250, 680, 300], fill="#a0785a")
    _figure(draw, 520, 220, 1.0, colours[0], rng)
    _figure(draw, 620, 330, 1.1, colours[1], rng)


def _festival(draw, rng, colours):
    draw.rectangle([0, 0, WIDTH, HEIGHT], fill="#9fd3f0")
    draw.ellipse([640, 30, 740, 130], fill="#ffd34d")
    draw.rectangle([0, 330, WIDTH, HEIGHT], fill="#6fbf5f")
    for n in range(3):
        left = 40 + n * 260
        draw.polygon(
            [(left, 250), (left + 100, 150), (left + 200, 250)], fill=colours[n % len(colours)]
        )
        draw.rectangle([left + 10, 250, left + 190, 330], fill="#fafafa")
    for n in range(9):
        _figure(draw, 60 + n * 85, 360, 0.8, colours[n % len(colours)], rng, arms_up=n % 3 == 0)


SCENES = {"stage": _stage, "wall": _wall, "stars": _stars, "shop": _shop, "festival": _festival}

# story title -> (scene, colours, alt text). The alt text describes the drawing as it is.
PHOTOS = {
    "Da Solberg skole sto på scenen": ("stage", ["#e63946", "#f4a261", "#2a9d8f", "#e9c46a", "#8ab17d"],
        "Tegning: fem elever i fargerike klær danser på en scene i lyset fra en spotlight."),
    "Femten dansere, åtte land, ett språk": ("stage", ["#264653", "#e76f51", "#f4a261", "#2a9d8f", "#9b5de5"],
        "Tegning: fem dansere med armene i været på en mørk scene."),
    "Kulturhack: ungdom skrev manus med sensorer": ("stars", ["#00bbf9", "#f15bb5", "#fee440"],
        "Tegning: tre ungdommer under en stjernehimmel strekker armene mot lyset."),
    "En butikk som forstår": ("shop", ["#457b9d", "#e63946", "#f1faee"],
        "Tegning: en butikk med stripete markise, en ansatt bak disken og en kunde foran."),
    "Breakdance mot stjernene": ("stars", ["#ff595e", "#8ac926", "#1982c4"],
        "Tegning: tre dansere med armene i været under en stjernehimmel."),
    "Ås sentrum fikk farger": ("wall", ["#ff595e", "#ffca3a", "#8ac926", "#1982c4", "#6a4c93"],
        "Tegning: en grå murvegg dekket av store runde flekker i rødt, gult, grønt, blått og lilla, og en maler ved siden av."),
    "Sommer med dans og esport": ("festival", ["#0057b7", "#ffd700", "#e76f51"],
        "Tegning: barn leker på en grønn plen foran tre telt en solskinnsdag."),
    "Veggene på Midtgard forteller": ("wall", ["#9b5de5", "#00f5d4", "#f15bb5", "#fee440"],
        "Tegning: en murvegg med store fargeflekker i lilla, turkis, rosa og gult, og en ungdom som maler."),
    "3000 på Barnas verdensdag": ("festival", ["#e63946", "#2a9d8f", "#f4a261"],
        "Tegning: mange barn og voksne på en festivalplen med tre telt og sol."),
    "Ukrainsk aften samlet kulturhuset": ("stage", ["#0057b7", "#ffd700", "#0057b7", "#ffd700"],
        "Tegning: fire personer i blått og gult opptrer på en scene."),
}  # fmt: skip


def draw(scene: str, colours: list[str], seed: str) -> bytes:
    """A JPEG of the scene; the seed keeps the drawing the same from one load to the next."""
    image = Image.new("RGB", (WIDTH, HEIGHT))
    # Not for secrets: a fixed seed so the same drawing comes out each time.
    SCENES[scene](ImageDraw.Draw(image), random.Random(seed), colours)  # noqa: S311
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=82)
    return buffer.getvalue()


def add_photos(stories) -> int:
    """A drawing for each demo story that has none yet; the number added."""
    added = 0
    for story in stories:
        found = PHOTOS.get(story.title)
        if found is None or story.photos.exists():
            continue
        scene, colours, alt_text = found
        photo = StoryPhoto(story=story, alt_text=alt_text, shows_people=False)
        photo.image.save(
            f"demo-{story.pk}.jpg", ContentFile(draw(scene, colours, story.title)), save=False
        )
        photo.save()
        added += 1
    return added
