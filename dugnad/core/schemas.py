"""The base of every API input schema: plain text in, as typed, without control and direction
characters (the same `plain_text` that every form field goes through)."""

from ninja import Schema
from pydantic import field_validator

from .text import plain_text


class PlainTextInput(Schema):
    """Subclass this for request bodies. Strings are cleaned before their own validation runs, so
    `max_length` counts the characters that will be stored; surrounding whitespace is stripped
    as a form field strips it. Nothing is HTML-escaped: output escapes once."""

    @field_validator("*", mode="before")
    @classmethod
    def _plain_text(cls, value):
        if isinstance(value, str):
            return plain_text(value).strip()
        return value
