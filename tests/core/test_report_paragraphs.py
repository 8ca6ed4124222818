"""The plain-text fast path of the reports' paragraphs (`reports.layout.Para`) lays text out
exactly as ReportLab's markup parser would: same fragments, same line breaks, same height."""

from __future__ import annotations

import pytest
import reportlab.platypus.paragraph
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.platypus import Paragraph

from cstr_desk.reports.layout import Para, make_styles, register_fonts

register_fonts()
STYLES = make_styles()
WIDTH = 300.0


def _lines(paragraph: Paragraph) -> list[str]:
    paragraph.wrap(WIDTH, 10_000)
    return [" ".join(line[1]) if isinstance(line, tuple) else line.words
            for line in paragraph.blPara.lines]


@settings(max_examples=150, deadline=None)
@given(text=st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc"),
                                           blacklist_characters="<>&"), max_size=400),
       style_name=st.sampled_from(["body", "label", "small", "warning", "heading"]))
def test_plain_text_breaks_as_the_parser_does(text: str, style_name: str) -> None:
    style = getattr(STYLES, style_name)
    fast, parsed = Para(text, style), Paragraph(text, style)
    assert [(f.fontName, f.fontSize, f.textColor, f.text) for f in fast.frags] == \
        [(f.fontName, f.fontSize, f.textColor, f.text) for f in parsed.frags]
    assert fast.wrap(WIDTH, 10_000) == parsed.wrap(WIDTH, 10_000)
    assert _lines(fast) == _lines(parsed)


def test_markup_still_goes_through_the_parser() -> None:
    para = Para("Score <b>15</b> &amp; rising", STYLES.body)
    assert "".join(f.text for f in para.frags) == "Score 15 & rising"
    assert {f.fontName for f in para.frags} == {"DejaVuSans", "DejaVuSans-Bold"}


def test_the_fast_path_is_taken_for_plain_text(monkeypatch: pytest.MonkeyPatch) -> None:
    Para("warm the style's fragment", STYLES.body)

    class NoParser:
        def __init__(self) -> None:
            raise AssertionError("plain text was sent to the markup parser")

    monkeypatch.setattr(reportlab.platypus.paragraph, "ParaParser", NoParser)
    para = Para("  Łukasz   Nowak\n(MHTR practitioner) ", STYLES.body)
    assert [f.text for f in para.frags] == ["Łukasz Nowak (MHTR practitioner)"]
    with pytest.raises(AssertionError, match="markup parser"):
        Para("Score <b>15</b>", STYLES.body)
