"""Uploaded files, shared by every app that takes them: checked on the way in (`check_upload`,
`check_image`) and served on the way out (`serve_file`).

The file's own bytes decide its type (sniffed with `filetype`); the file name and the browser's
content type are the sender's claim and are never trusted. Images are also opened and verified
with Pillow, so a file that only starts like a PNG is refused. The check raises `DomainError`
with a code and a message in the user's language; forms turn it into a field error.
"""

import filetype
from django.http import FileResponse, Http404
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from PIL import Image

from .errors import DomainError

MEGABYTE = 1024 * 1024
IMAGE_TYPES = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp"}
KIND_NAMES = {"image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WebP", "image/gif": "GIF"}
# Enough for every signature filetype knows, including the OOXML containers.
SNIFF_BYTES = 8192
# How long a browser or proxy may keep a served file, by who may see it.
CACHE_CONTROL = {
    "public": "public, max-age=3600",  # anyone may see it (a published event's image)
    "private": "private, max-age=600",  # one person's browser only
    "none": "private, no-store",  # a case file, evidence, a child's data: never stored
}


def serve_file(field_file, *, cache: str, filename=None, content_type=None, download=False):
    """A stored upload as a response, after the view has checked who may see it.

    Uploads are never served from a public path: each app's view decides visibility, then
    hands the file here. A file missing on disk is a 404, not a 500; `nosniff` keeps a browser
    from reading the bytes as something other than the stored type."""
    if not field_file:
        raise Http404
    try:
        handle = field_file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(
        handle, as_attachment=download, filename=filename or None, content_type=content_type or None
    )
    response["Cache-Control"] = CACHE_CONTROL[cache]
    response["X-Content-Type-Options"] = "nosniff"
    return response


def check_upload(
    upload,
    allowed: dict[str, str],
    *,
    max_bytes: int,
    field: str | None = None,
    kinds_label: str | None = None,
) -> str:
    """The sniffed content type of `upload` if it is one of `allowed` (content type -> label or
    file extension) and at most `max_bytes`; otherwise DomainError saying what to send."""
    if upload.size > max_bytes:
        raise DomainError(
            _("The file is too large: at most %(mb)s MB.") % {"mb": max_bytes // MEGABYTE},
            code="too_large",
            field=field,
        )
    head = upload.read(SNIFF_BYTES)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.mime not in allowed:
        raise DomainError(
            _("This file type is not accepted. Send %(kinds)s.")
            % {"kinds": kinds_label or _list(allowed)},
            code="file_type",
            field=field,
        )
    if kind.mime.startswith("image/"):
        _verify_image(upload, field)
    return kind.mime


def check_image(upload, *, max_bytes: int = 5 * MEGABYTE, field: str | None = None, types=None):
    """`check_upload` for pictures; returns the file extension to store the image under."""
    types = types or IMAGE_TYPES
    mime = check_upload(upload, types, max_bytes=max_bytes, field=field)
    return types[mime]


def _verify_image(upload, field):
    try:
        with Image.open(upload) as image:
            image.verify()
    except Exception as exc:  # Pillow raises many kinds; any of them means "not an image"
        raise DomainError(
            _("The image file is damaged or not an image."), code="damaged", field=field
        ) from exc
    finally:
        upload.seek(0)


def _list(allowed: dict[str, str]) -> str:
    return get_text_list([KIND_NAMES.get(mime, mime.split("/")[1].upper()) for mime in allowed])
