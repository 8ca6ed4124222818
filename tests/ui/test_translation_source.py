"""The committed translation source (resources/translations/cstr_desk_en.ts) holds every string
the UI marks for translation, so a string added without updating it fails here rather than
reaching translators late. The file is what pyside6-lupdate writes for cstr_desk/ui and for the
core modules whose vocabularies the UI shows (CORE_VOCABULARIES: their words are marked with
cstr_desk/translatable.py); to bring it up to date run the command the test prints."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TS_FILE = ROOT / "resources" / "translations" / "cstr_desk_en.ts"
LUPDATE = [str(Path(sys.executable).parent / "pyside6-lupdate"), "-silent", "-no-obsolete",
           "-locations", "none", "-source-language", "en_GB", "-target-language", "en_GB"]


def source_strings(ts_file: Path) -> set[tuple[str, str]]:
    """(context, source text) for each message in a .ts file."""
    root = ElementTree.parse(ts_file).getroot()
    return {(context.findtext("name") or "", message.findtext("source") or "")
            for context in root.iter("context") for message in context.iter("message")}


CORE_VOCABULARIES = ["cstr_desk/domain.py", "cstr_desk/permissions.py", "cstr_desk/permission_words.py",
                     "cstr_desk/score_words.py", "cstr_desk/pathway_words.py", "cstr_desk/duty_words.py"]


def run_lupdate(target: Path) -> None:
    sources = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "cstr_desk" / "ui").glob("*.py"))
    sources += CORE_VOCABULARIES
    subprocess.run([*LUPDATE, *sources, "-ts", str(target)], cwd=ROOT, check=True,
                   capture_output=True, timeout=120)


def test_the_translation_source_holds_every_string_the_ui_marks(tmp_path: Path) -> None:
    fresh = tmp_path / "cstr_desk_en.ts"
    run_lupdate(fresh)
    committed, found = source_strings(TS_FILE), source_strings(fresh)
    assert len(found) > 900  # lupdate read the UI's Python (it finds nothing in files it cannot parse)
    command = " ".join([*LUPDATE, "cstr_desk/ui/*.py", *CORE_VOCABULARIES, "-ts",
                        str(TS_FILE.relative_to(ROOT))])
    assert found - committed == set(), f"new strings not in the .ts file; run: {command}"
    assert committed - found == set(), f"strings no longer in the UI; run: {command}"
