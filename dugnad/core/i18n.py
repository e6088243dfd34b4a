"""Compile every gettext catalogue (.po -> .mo) with polib, so no system gettext is needed.

    python -m dugnad.core.i18n          # compile
    python -m dugnad.core.i18n --check  # also fail on untranslated or fuzzy entries in nb/nn

English is the source language: its catalogues may leave msgstr empty.
"""

import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
TRANSLATED_LANGUAGES = ("nb", "nn")


def catalogues() -> list[Path]:
    return sorted(ROOT.glob("**/locale/*/LC_MESSAGES/django.po"))


def problems(po_path: Path) -> list[str]:
    language = po_path.parent.parent.name
    if language not in TRANSLATED_LANGUAGES:
        return []
    catalogue = polib.pofile(str(po_path))
    found = [f"{po_path}: untranslated: {e.msgid!r}" for e in catalogue.untranslated_entries()]
    found += [f"{po_path}: fuzzy: {e.msgid!r}" for e in catalogue.fuzzy_entries()]
    return found


def compile_all(check: bool = False) -> int:
    issues = []
    for po_path in catalogues():
        polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))
        if check:
            issues.extend(problems(po_path))
    for issue in issues:
        print(issue, file=sys.stderr)
    return 1 if issues else 0


if __name__ == "__main__":
    sys.exit(compile_all(check="--check" in sys.argv))
