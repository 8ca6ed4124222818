"""The person's consent copy: the same version's wording, what was acknowledged, how consent
was given; easy read in large print with a picture for each point."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest
from pypdf import PdfReader

from cstr_desk.consent_text import ConsentTextError, load_consent
from cstr_desk.domain import ConsentRecord, Requirement
from cstr_desk.reports import render_consent_copy
from cstr_desk.reports.consent_copy import EASY_READ_SIZE
from cstr_desk.reports.layout import FOOTER_HEIGHT, HEADER_HEIGHT, MARGIN, PAGE_HEIGHT
from cstr_desk.reports.pictures import PictureError, easy_read_picture, signature_drawing
from cstr_desk.reports.sample import CDO, sample_case, sample_users

NOW = datetime(2026, 3, 9, 10, 5, tzinfo=UTC)
USERS = sample_users()
# What the app's signature pad stores (cstr_desk/ui/signature.py): a whole SVG document.
PAD_SIGNATURE = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 600 200" width="600" height="200">'
    '<g fill="none" stroke="#10204a" stroke-width="3" stroke-linecap="round">'
    '<path d="M40.0 150.0 L80.0 40.0 L120.0 160.0 L160.0 60.0"/><path d="M300.0 90.0 l0.1 0"/>'
    "</g></svg>"
)


def flat(pdf: bytes) -> str:
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return " ".join(text.split())


def copy(consent: ConsentRecord, easy_read: bool) -> bytes:
    return render_consent_copy(sample_case(), consent, easy_read=easy_read, users=USERS, now=NOW)


def consent(**changes: object) -> ConsentRecord:
    return sample_case().consents[0].model_copy(update=changes)


def test_standard_copy_prints_the_recorded_versions_wording_and_details() -> None:
    record = consent(acknowledgements={"information_sharing": True, "confidentiality_limits": True,
                                       "right_to_withdraw": False, "mhtr_sessions": True})
    text = flat(copy(record, easy_read=False))
    wording = load_consent(record.consent_version)
    for section in wording.sections_for([Requirement.MHTR]):
        assert " ".join(section.heading.split()) in text
        for paragraph in section.paragraphs:
            assert " ".join(paragraph.split()) in text, paragraph
    # The DRR and ATR sections were not part of what this person was shown.
    assert "Drug Rehabilitation Requirement (DRR)" not in text
    for value in ("Consent wording version 2026.2", "Siân Ó Briain", "14/07/1991",
                  "Date and time 09/03/2026 09:20", "Interpreter Yes, Welsh",
                  "Easy-read version used Yes", "Explained by Łukasz Nowak (MHTR practitioner)",
                  "GP surgery Meddygfa Tŷ Newydd", "Signed by Siân Ó Briain, 09/03/2026 09:20"):
        assert value in text, value
    statements = wording.acknowledgements
    assert f"☑ Acknowledged: {statements['information_sharing']}" in text
    assert f"☐ Not acknowledged: {statements['right_to_withdraw']}" in text
    assert f"No {statements['right_to_withdraw']}" in text
    assert f"Yes {statements['mhtr_sessions']}" in text


def test_witnessed_verbal_consent_is_shown_with_its_reason() -> None:
    record = consent(signature_svg=None, verbal_consent_witness="Anjali Patel",
                     verbal_consent_reason="Hand injury; cannot hold a pen")
    for easy_read in (False, True):
        text = flat(copy(record, easy_read))
        assert "witnessed by Anjali Patel" in text
        assert "Why there is no signature: Hand injury; cannot hold a pen" in text


def test_a_consent_version_that_does_not_exist_is_refused_not_replaced() -> None:
    with pytest.raises(ConsentTextError, match="no consent text version '1999.9'"):
        copy(consent(consent_version="1999.9"), easy_read=False)


def test_withdrawn_consent_says_so() -> None:
    record = consent(withdrawn_at=datetime(2026, 4, 1, 12, 0, tzinfo=UTC),
                     withdrawal_reason="Moved away")
    assert "This consent was withdrawn on 01/04/2026 13:00. Reason: Moved away" in flat(
        copy(record, easy_read=False))
    assert "You said no later, on 01/04/2026" in flat(copy(record, easy_read=True))


def test_easy_read_copy_has_every_screen_for_the_requirements_shown() -> None:
    record = consent(requirements_assessed_for=[Requirement.MHTR, Requirement.ATR],
                     acknowledgements={"information_sharing": True})
    text = flat(copy(record, easy_read=True))
    wording = load_consent(record.consent_version)
    screens = wording.easy_read_screens_for(record.requirements_assessed_for)
    assert {s.key for s in screens} >= {"mhtr", "atr"}
    for screen in screens:
        assert screen.title in text
        for sentence in screen.sentences:
            assert sentence in text, sentence
    assert "Drug treatment" not in text
    assert f"☑ You said: {wording.easy_read_statement('information_sharing')}" in text
    # Confidentiality limits, withdrawal, the MHTR sessions and (since 2026.2) the ATR.
    assert text.count("☐ You did not say you understood this.") == 4
    assert "An interpreter helped, in Welsh." in text


def body_text_sizes(pdf: bytes) -> list[tuple[str, float]]:
    """(text, size) for every run of text in the content area, between header and footer."""
    top, bottom = PAGE_HEIGHT - MARGIN - HEADER_HEIGHT, MARGIN + FOOTER_HEIGHT
    found: list[tuple[str, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        y = tm[5] + cm[5]
        if text.strip() and bottom - 1 <= y <= top + 1:
            found.append((text.strip(), size * tm[3] * cm[3]))

    for page in PdfReader(io.BytesIO(pdf)).pages:
        page.extract_text(visitor_text=visit)
    return found


def test_easy_read_text_is_large_print_and_standard_is_not() -> None:
    easy = body_text_sizes(copy(consent(), easy_read=True))
    assert len(easy) > 40
    small = [(text, size) for text, size in easy if size < EASY_READ_SIZE]
    assert not small, small[:5]
    assert min(size for _, size in body_text_sizes(copy(consent(), easy_read=False))) < 12


def test_every_easy_read_picture_draws() -> None:
    wording = load_consent(consent().consent_version)
    for screen in wording.easy_read_screens:
        picture = easy_read_picture(screen.picture, 100)
        assert picture.contents and max(picture.width, picture.height) == pytest.approx(100)


def test_signature_from_the_pad_or_bare_path_data_fits_its_box() -> None:
    for source in (PAD_SIGNATURE, "M 10 60 C 30 10, 50 10, 60 50 L 130 55"):
        drawing = signature_drawing(source, 200, 60)
        x1, y1, x2, y2 = drawing.getBounds()
        assert -3 <= x1 and x2 <= 203 and -3 <= y1 and y2 <= 63
        assert (x2 - x1) > 150 or (y2 - y1) > 45, "scaled up to fill the box"
    text = flat(copy(consent(signature_svg=PAD_SIGNATURE), easy_read=False))
    assert "Signed by Siân Ó Briain, 09/03/2026 09:20" in text


def test_a_signature_that_cannot_be_drawn_is_said_plainly() -> None:
    with pytest.raises(PictureError):
        signature_drawing("<svg", 200, 60)
    text = flat(copy(consent(signature_svg="<svg"), easy_read=False))
    assert ("The signature could not be drawn (it is empty or not valid SVG). It was recorded at "
            "09/03/2026 09:20.") in text


def test_the_footer_names_who_printed_the_copy() -> None:
    record = consent()
    assert "Generated 09/03/2026 10:05 by Łukasz Nowak (MHTR practitioner)" in flat(
        copy(record, easy_read=False))
    printed_by = USERS[CDO]
    pdf = render_consent_copy(sample_case(), record, easy_read=True, users=USERS, now=NOW,
                              generated_by=printed_by)
    assert "Generated 09/03/2026 10:05 by Jo Brown (Court Duty Officer)" in flat(pdf)
