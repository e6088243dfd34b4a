import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from dugnad.core import i18n

ROOT = Path(__file__).resolve().parents[2]


def test_every_bokmal_and_nynorsk_catalogue_is_complete():
    problems = [problem for path in i18n.catalogues() for problem in i18n.problems(path)]
    assert problems == []
    languages = {path.parent.parent.name for path in i18n.catalogues()}
    assert {"nb", "nn", "en"} <= languages


@pytest.mark.skipif(not shutil.which("xgettext"), reason="needs GNU gettext (xgettext)")
@pytest.mark.parametrize("app", ["core", "accounts"])
def test_catalogue_holds_every_string_in_the_code(app, tmp_path):
    """makemessages into a copy finds no msgid that the committed catalogue lacks."""
    app_dir = ROOT / "dugnad" / app
    committed = {e.msgid for e in polib.pofile(str(app_dir / "locale/nb/LC_MESSAGES/django.po"))}
    copy = tmp_path / app
    shutil.copytree(app_dir, copy, ignore=shutil.ignore_patterns("locale", "__pycache__"))
    (copy / "locale").mkdir()
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "makemessages", "-l", "nb"],
        cwd=copy,
        check=True,
        capture_output=True,
        env={"DEBUG": "1", "PATH": "/usr/bin:/bin"},
    )
    extracted = {e.msgid for e in polib.pofile(str(copy / "locale/nb/LC_MESSAGES/django.po"))}
    assert extracted - committed == set()
