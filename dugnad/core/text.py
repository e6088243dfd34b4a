import html
import re
import unicodedata

from django.utils.text import slugify

# Norwegian letters that Unicode normalisation does not reduce to ASCII.
_NORWEGIAN = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "Ae", "Ø": "O", "Å": "A"})

# Characters that plain text never keeps: C0 controls but tab and newline, DEL, C1 controls, and
# the direction marks, embeddings, overrides and isolates that turn "exe.txt" into a lookalike
# of "txt.exe" (U+200E/F, U+202A-U+202E, U+2066-U+2069, and the Arabic letter mark U+061C).
_INVISIBLE = (
    [chr(c) for c in range(0x00, 0x20) if chr(c) not in "\t\n"]
    + [chr(c) for c in range(0x7F, 0xA0)]
    + ["\u061c", "\u200e", "\u200f"]
    + [chr(c) for c in range(0x202A, 0x202F)]
    + [chr(c) for c in range(0x2066, 0x206A)]
)
_DROP_INVISIBLE = str.maketrans(dict.fromkeys(_INVISIBLE))


def fold(text: str) -> str:
    """Text for matching regardless of case and accents: 'Språkkafé' -> 'sprakkafe'.

    The same folding as PostgreSQL's unaccent(lower()) for the letters Norwegian text uses, so
    a search or a key built with it finds the same rows on both databases."""
    text = str(text or "").translate(_NORWEGIAN)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def norwegian_slug(text: str, max_length: int = 200) -> str:
    """'Læringssenteret i Ås' -> 'laeringssenteret-i-as'."""
    return slugify(str(text).translate(_NORWEGIAN))[:max_length].strip("-")


def plain_text(text, *, multiline: bool = True) -> str:
    """Plain text as typed, without control and direction characters.

    This is the only change made to plain text before it is stored: no HTML escaping and no tag
    stripping, because the template engine, JSON, iCal and CSV writers escape it once on output.
    Line breaks become "\\n"; a single-line field gets spaces instead, as a browser's text input
    would. Surrounding whitespace is left to the caller (form fields strip it)."""
    if text is None:
        return ""
    text = str(text).replace("\r\n", "\n").replace("\r", "\n").translate(_DROP_INVISIBLE)
    return text if multiline else text.replace("\n", " ")


# The entities that the old input cleaning (nh3 on plain text) and the template engine write.
_STORED_ENTITY = re.compile(r"&(?:amp|lt|gt|quot|#x27|#39);")


def unescape_stored(text: str) -> str:
    """Plain text as typed from text that was HTML-escaped before it was stored.

    Until 2026 plain-text fields were escaped on input; a form that showed such a value and was
    saved again escaped it once more ("Mat &amp;amp; drikke"), so the layers are undone until
    none is left. Only the six entities that escaping writes are read: a typed "&copy;" (stored
    as "&amp;copy;") comes back as "&copy;", not "©". Control and direction characters go too."""
    if not text:
        return text
    for _layer in range(20):
        unescaped = _STORED_ENTITY.sub(lambda entity: html.unescape(entity[0]), text)
        if unescaped == text:
            break
        text = unescaped
    return plain_text(text)
