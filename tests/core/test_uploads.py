"""The shared upload check: the bytes decide, the name and the browser's claim do not."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from dugnad.core.errors import DomainError
from dugnad.core.uploads import MEGABYTE, check_image, check_upload


def image_bytes(fmt="PNG") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "blue").save(out, fmt)
    return out.getvalue()


def test_a_real_image_gives_its_extension_whatever_the_name_says():
    upload = SimpleUploadedFile("photo.gif", image_bytes("JPEG"), content_type="image/gif")
    assert check_image(upload) == "jpg"
    assert upload.read(3) == b"\xff\xd8\xff"  # the upload is rewound for the caller


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"#!/bin/sh\necho hei\n", "file_type"),
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "damaged"),
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "file_type"),
    ],
)
def test_what_is_not_an_accepted_image_is_refused_with_a_code(content, code):
    upload = SimpleUploadedFile("photo.png", content, content_type="image/png")
    with pytest.raises(DomainError) as caught:
        check_image(upload, field="image")
    assert caught.value.code == code
    assert caught.value.field == "image"


def test_size_is_checked_before_the_content():
    upload = SimpleUploadedFile("big.png", image_bytes() + b"\0" * MEGABYTE)
    with pytest.raises(DomainError) as caught:
        check_image(upload, max_bytes=MEGABYTE)
    assert caught.value.code == "too_large"
    assert "1 MB" in str(caught.value.message)


def test_the_message_names_the_accepted_kinds():
    with pytest.raises(DomainError) as caught:
        check_upload(
            SimpleUploadedFile("x.txt", b"hello"), {"application/pdf": "pdf"}, max_bytes=MEGABYTE
        )
    assert "PDF" in str(caught.value.message)
