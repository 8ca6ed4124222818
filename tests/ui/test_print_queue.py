"""The recovery key and the court's report printed through a real CUPS queue (a private cupsd
with the cups-pdf printer, realdesk/cups.py) by the app's own print buttons and dialog
(realdesk/print_driver.py), and the PDF the printer wrote read back: A4 paper, and the key in
full at a size that can be read in ten years (12 pt or more)."""

from __future__ import annotations

import html as html_text
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from tests.ui.realdesk.cups import missing_tools, print_queue

DRIVER = Path(__file__).with_name("realdesk") / "print_driver.py"
A4_POINTS = (595.3, 841.9)
SMALLEST_KEY_POINTS = 12
# Capital letters and digits stand about 0.72 of the font size (DejaVu Sans: 0.729), so a 12 pt
# key prints at least 8.6 pt of ink; measured on the page drawn at RENDER_DPI.
CAP_HEIGHT = 0.72
RENDER_DPI = 150


def words_on_first_page(path: Path) -> list[tuple[int, float, float, float, float]]:
    """(glyph count, xMin, yMin, xMax, yMax in points) for each word poppler finds. The glyphs
    themselves come back unreadable (the filters turn the fonts into Type 3 without a Unicode
    map), but their count and place are right."""
    html = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", str(path), "-"],
                          capture_output=True, text=True, check=True).stdout
    found = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', html)
    return [(len(html_text.unescape(text)), float(x0), float(y0), float(x1), float(y1))
            for x0, y0, x1, y1, text in found]


def key_groups_as_printed(path: Path, groups: int, group_length: int) -> list[tuple[float, float, float, float]]:
    """The boxes of the key's groups: the lines made only of words `group_length` glyphs long."""
    lines: dict[int, list[tuple[int, float, float, float, float]]] = {}
    for word in words_on_first_page(path):
        lines.setdefault(round(word[2]), []).append(word)
    boxes = [word[1:] for line in lines.values() if all(w[0] == group_length for w in line) for word in line]
    assert len(boxes) == groups, f"found {len(boxes)} of the key's {groups} groups on the page"
    return boxes


def ink_height_points(path: Path, box: tuple[float, float, float, float], work: Path) -> float:
    """How tall the printed glyphs inside `box` are, measured on the page drawn at RENDER_DPI."""
    stem = work / "page"
    subprocess.run(["pdftoppm", "-gray", "-r", str(RENDER_DPI), "-f", "1", "-l", "1", "-singlefile",
                    str(path), str(stem)], check=True, capture_output=True)
    scale = RENDER_DPI / 72
    with Image.open(stem.with_suffix(".pgm")) as page:
        x0, y0, x1, y1 = (round(v * scale) for v in box)
        crop = page.crop((x0, y0, x1, y1)).point(lambda v: 255 if v < 128 else 0)
        inked = crop.getbbox()
    return 0.0 if inked is None else (inked[3] - inked[1]) / scale


def is_a4(path: Path) -> bool:
    return all(sorted((float(p.mediabox.width), float(p.mediabox.height))) == pytest.approx(A4_POINTS, abs=2)
               for p in PdfReader(path).pages)


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, list[Path]]:
    missing = missing_tools()
    assert not missing, f"Install the Debian packages {', '.join(missing)} (./dev test does)"
    work = tmp_path_factory.mktemp("print")
    with print_queue() as queue:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("QT_", "CSTR_DESK"))}
        env.update(CUPS_SERVER=queue.server, QT_QPA_PLATFORM="offscreen", HOME=str(work / "home"),
                   XDG_CONFIG_HOME=str(work / "home" / "config"), XDG_DATA_HOME=str(work / "home" / "data"))
        run = subprocess.run([sys.executable, str(DRIVER), str(work)], env=env, capture_output=True,
                             text=True, timeout=120)
        assert run.returncode == 0, run.stderr[-3000:]
        # Copied out: the queue's folder goes with it.
        pdfs = [Path(shutil.copy(pdf, work)) for pdf in queue.wait_for_pdfs(2)]
    return json.loads((work / "printed.json").read_text()), pdfs


def test_both_went_to_the_real_printer(printed: tuple[dict, list[Path]]) -> None:
    facts, pdfs = printed
    assert facts["printers"] == ["CSTR-Desk-test-printer"] * 2 and len(pdfs) == 2


def test_the_recovery_key_prints_on_a4(printed: tuple[dict, list[Path]]) -> None:
    assert is_a4(printed[1][0])


def test_the_printed_recovery_key_is_legible(printed: tuple[dict, list[Path]], tmp_path: Path) -> None:
    facts, pdfs = printed
    key_pdf, groups = pdfs[0], facts["key"].split("-")
    width = float(PdfReader(key_pdf).pages[0].mediabox.width)
    boxes = key_groups_as_printed(key_pdf, len(groups), len(groups[0]))
    assert all(box[2] <= width for box in boxes), "part of the key is off the page"
    sizes = [ink_height_points(key_pdf, box, tmp_path) / CAP_HEIGHT for box in boxes]
    assert min(sizes) >= SMALLEST_KEY_POINTS, sizes


def test_the_court_report_prints_every_page_on_a4(printed: tuple[dict, list[Path]]) -> None:
    facts, pdfs = printed
    assert is_a4(pdfs[1]) and len(PdfReader(pdfs[1]).pages) == facts["report_pages"]
