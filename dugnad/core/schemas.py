"""The base of every API input schema: plain text in, as typed, without control and direction
characters (the same `plain_text` that every form field goes through)."""

from typing import ClassVar

from ninja import Schema
from pydantic import ValidationInfo, field_validator

from .text import plain_text


class PlainTextInput(Schema):
    """Subclass this for request bodies. Strings are cleaned before their own validation runs, so
    `max_length` counts the characters that will be stored; surrounding whitespace is stripped
    as a form field strips it. Nothing is HTML-escaped: output escapes once. Fields named in
    `verbatim_fields` (a password) are passed on exactly as sent."""

    verbatim_fields: ClassVar[frozenset[str]] = frozenset()

    @field_validator("*", mode="before")
    @classmethod
    def _plain_text(cls, value, info: ValidationInfo):
        if isinstance(value, str) and info.field_name not in cls.verbatim_fields:
            return plain_text(value).strip()
        return value
