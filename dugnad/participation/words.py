"""The word filter: a text with one of these words goes to a moderator before it shows. It is
never refused outright, so that a young person is never silently blocked (and a word that is
fine in context can be let through)."""

import re

from django.conf import settings

# A short list of common Norwegian and English swear words and slurs; a municipality adds its
# own in the setting PARTICIPATION_FILTERED_WORDS.
DEFAULT_WORDS = (
    "faen",
    "helvete",
    "jævla",
    "jævel",
    "dritt",
    "hore",
    "fitte",
    "kuk",
    "pikk",
    "idiot",
    "dust",
    "tulling",
    "neger",
    "fuck",
    "shit",
    "bitch",
)


def filtered_words() -> tuple[str, ...]:
    return DEFAULT_WORDS + tuple(getattr(settings, "PARTICIPATION_FILTERED_WORDS", ()))


def needs_moderation(*texts: str) -> bool:
    """True when one of `texts` holds a filtered word at the start of a word ("faen" and
    "faenskap", not "fåfengt")."""
    words = "|".join(re.escape(w) for w in filtered_words())
    pattern = re.compile(rf"\b(?:{words})", re.IGNORECASE)
    return any(pattern.search(text or "") for text in texts)
