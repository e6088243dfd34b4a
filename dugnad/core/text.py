from django.utils.text import slugify

# Norwegian letters that Unicode normalisation does not reduce to ASCII.
_NORWEGIAN = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "Ae", "Ø": "O", "Å": "A"})


def norwegian_slug(text: str, max_length: int = 200) -> str:
    """'Læringssenteret i Ås' -> 'laeringssenteret-i-as'."""
    return slugify(str(text).translate(_NORWEGIAN))[:max_length].strip("-")
