"""The page furniture every CSTR Desk report shares.

Every page carries the OFFICIAL-SENSITIVE marking top and bottom (Government Security
Classifications: health and criminal-justice data about a named person), the person's name and
date of birth so a loose page can be matched to its report, "Page N of M", when and by whom it
was generated, the consent status, and the audit reference of an issued report. A draft carries a DRAFT watermark drawn over the content,
so no table background can hide it.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from xml.sax.saxutils import escape

from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate, CondPageBreak, Flowable, Frame, PageTemplate, Paragraph, Table, TableStyle,
)
from reportlab.platypus.paragraph import cleanBlockQuotedText
from reportlab.platypus.paraparser import ParaFrag, ParaParser

from cstr_desk.domain import ROLE_LABELS, ConsentRecord, Person, User
from cstr_desk.paths import resource_path
from cstr_desk.ukdates import uk_date, uk_datetime

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
MARKING = "OFFICIAL-SENSITIVE"
# Every report is written in British English: a screen reader picks its voice from this (PDF /Lang).
LANGUAGE = "en-GB"
PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 18 * mm
HEADER_HEIGHT = 16 * mm
FOOTER_HEIGHT = 14 * mm
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN
FRAME_HEIGHT = PAGE_HEIGHT - 2 * MARGIN - HEADER_HEIGHT - FOOTER_HEIGHT
CELL_PADDING = 6  # ReportLab's default left and right padding of a table cell
INK = colors.HexColor("#1a1a1a")
MUTED = colors.HexColor("#555555")
RULE = colors.HexColor("#9a9a9a")
SHADE = colors.HexColor("#eef1f5")
DRAFT_RED = colors.HexColor("#b00020")


@cache
def register_fonts() -> None:
    """Embed DejaVu Sans (full Latin coverage: Siân, Ó Briain, Łukasz, Welsh ŵ and ŷ).
    The standard PDF fonts cover only Latin-1, so names outside it would print as boxes."""
    pdfmetrics.registerFont(TTFont(FONT, resource_path("fonts", "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, resource_path("fonts", "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT,
                                  boldItalic=FONT_BOLD)


# --- dates and names, as people read them ---------------------------------------------------




def user_name(users: Mapping[int, User], user_id: int | None) -> str:
    """A user's name and role for print; an id the mapping lacks is shown as such, not hidden."""
    if user_id is None:
        return "not recorded"
    user = users.get(user_id)
    if user is None:
        return f"user number {user_id} (name not available)"
    return staff_name(user)


def staff_name(user: User) -> str:
    return f"{user.full_name} ({ROLE_LABELS[user.role]})"


def consent_status(consent: ConsentRecord | None) -> str:
    if consent is None:
        return "Consent: not recorded"
    if consent.withdrawn_at is not None:
        return f"Consent: withdrawn {uk_date(consent.withdrawn_at)}"
    return f"Consent: given {uk_date(consent.consented_at)} (version {consent.consent_version})"


# --- styles ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Styles:
    title: ParagraphStyle
    heading: ParagraphStyle
    body: ParagraphStyle
    label: ParagraphStyle
    small: ParagraphStyle
    fine_print: ParagraphStyle  # sources and copyright lines, which a reader rarely needs
    warning: ParagraphStyle


def make_styles(body_size: float = 10) -> Styles:
    """One set of styles scaled from the body size (10 pt standard, 16 pt and up easy read)."""
    register_fonts()
    lead = body_size * 1.35
    body = ParagraphStyle("body", fontName=FONT, fontSize=body_size, leading=lead,
                          textColor=INK, alignment=TA_LEFT, spaceAfter=body_size * 0.4)
    return Styles(
        title=ParagraphStyle("title", parent=body, fontName=FONT_BOLD, fontSize=body_size * 1.6,
                             leading=body_size * 2.0, spaceAfter=body_size * 0.6),
        heading=ParagraphStyle("heading", parent=body, fontName=FONT_BOLD,
                               fontSize=body_size * 1.2, leading=body_size * 1.6,
                               spaceBefore=body_size * 0.8, spaceAfter=body_size * 0.4,
                               keepWithNext=1),
        body=body,
        label=ParagraphStyle("label", parent=body, fontName=FONT_BOLD, spaceAfter=0),
        small=ParagraphStyle("small", parent=body, fontSize=body_size * 0.85,
                             leading=body_size * 1.15, textColor=MUTED),
        fine_print=ParagraphStyle("fine_print", parent=body, fontSize=body_size * 0.75,
                                  leading=body_size * 0.95, textColor=MUTED,
                                  spaceAfter=body_size * 0.25),
        warning=ParagraphStyle("warning", parent=body, fontName=FONT_BOLD, textColor=DRAFT_RED),
    )


# --- the page frame --------------------------------------------------------------------------


@dataclass(frozen=True)
class PageFurniture:
    """What every page of one report shows around its content."""

    report_title: str
    person: Person
    generated_at: datetime
    generated_by: str
    consent_status: str
    draft: bool = False
    # The audit trail's point when the report was made ("N-xxxxxxxx", Session.audit_reference):
    # on paper, out of reach of whoever can edit the database, so `cstr-desk verify --audit-ref`
    # can show later that the trail still holds it (issue 13, item 5).
    audit_reference: str = ""


def _numbered_canvas(furniture: PageFurniture) -> type[Canvas]:
    """A canvas that holds its pages until the end, so each can say "Page N of M"."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, **kwargs)
            self._held_pages: list[dict] = []
            # A PDF reader (and a screen reader with it) names the window after the title,
            # not the file name.
            self.setViewerPreference("DisplayDocTitle", "true")

        def showPage(self) -> None:
            self._held_pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._held_pages)
            for number, state in enumerate(self._held_pages, start=1):
                self.__dict__.update(state)
                _draw_furniture(self, furniture, number, total)
                super().showPage()
            super().save()

    return NumberedCanvas


def _draw_furniture(canvas: Canvas, furniture: PageFurniture, number: int, total: int) -> None:
    canvas.saveState()
    top = PAGE_HEIGHT - MARGIN + 4 * mm
    canvas.setFillColor(INK)
    canvas.setFont(FONT_BOLD, 10)
    canvas.drawCentredString(PAGE_WIDTH / 2, top, MARKING)
    person = furniture.person
    canvas.setFont(FONT, 8.5)
    canvas.drawString(MARGIN, top - 5 * mm,
                      f"{person.full_name}    Date of birth {uk_date(person.date_of_birth)}")
    canvas.drawRightString(PAGE_WIDTH - MARGIN, top - 5 * mm, f"Page {number} of {total}")
    canvas.setFont(FONT, 8)
    canvas.setFillColor(MUTED)
    canvas.drawString(MARGIN, top, furniture.report_title)
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.5)
    canvas.line(MARGIN, top - 7.5 * mm, PAGE_WIDTH - MARGIN, top - 7.5 * mm)

    bottom = MARGIN - 8 * mm
    canvas.line(MARGIN, bottom + 8.5 * mm, PAGE_WIDTH - MARGIN, bottom + 8.5 * mm)
    generated = f"Generated {uk_datetime(furniture.generated_at)} by {furniture.generated_by}"
    canvas.drawString(MARGIN, bottom + 4.5 * mm, generated)
    canvas.drawRightString(PAGE_WIDTH - MARGIN, bottom + 4.5 * mm, furniture.consent_status)
    if furniture.audit_reference:
        canvas.drawRightString(PAGE_WIDTH - MARGIN, bottom,
                               f"Audit ref {furniture.audit_reference}")
    canvas.setFillColor(INK)
    canvas.setFont(FONT_BOLD, 10)
    canvas.drawCentredString(PAGE_WIDTH / 2, bottom, MARKING)
    if furniture.draft:
        _draw_watermark(canvas)
    canvas.restoreState()


def _draw_watermark(canvas: Canvas) -> None:
    canvas.saveState()
    canvas.setFillColor(DRAFT_RED)
    canvas.setFillAlpha(0.16)
    canvas.translate(PAGE_WIDTH / 2, PAGE_HEIGHT / 2)
    canvas.rotate(45)
    canvas.setFont(FONT_BOLD, 120)
    canvas.drawCentredString(0, -40, "DRAFT")
    canvas.restoreState()


def build_pdf(story: list[Flowable], furniture: PageFurniture) -> bytes:
    """Lay the story out on A4 pages with the shared furniture; returns the PDF bytes. Built in
    memory: a report about a person never passes through a temporary file."""
    register_fonts()
    # Start the canvas in the embedded font, so no unembedded standard font enters the file.
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer, pagesize=A4, title=furniture.report_title, author="CSTR Desk",
        subject=MARKING, lang=LANGUAGE, initialFontName=FONT, leftMargin=MARGIN, rightMargin=MARGIN,
        topMargin=MARGIN + HEADER_HEIGHT, bottomMargin=MARGIN + FOOTER_HEIGHT,
    )
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="content",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    doc.build(story, canvasmaker=_numbered_canvas(furniture))
    return buffer.getvalue()


# --- shared blocks ---------------------------------------------------------------------------


class Para(Paragraph):
    """A Paragraph that remembers its line breaks for the width it was last wrapped at. A table
    wraps each cell once to measure it and again to draw it, always at the same width; breaking
    the lines once instead of twice takes about a third off a report's build time
    (bench/bench_reports.py). Line breaking depends only on the width and the style; splitting
    a paragraph across pages discards the breaks (`blPara`), and then it is wrapped afresh."""

    def __init__(self, text: str | None, style: ParagraphStyle, bulletText: str | None = None,
                 frags: list | None = None, **kwargs: object) -> None:
        if frags is None and bulletText is None and text is not None:
            frags = _plain_text_frags(text, style)
        super().__init__(text, style, bulletText, frags, **kwargs)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if getattr(self, "_wrapped_at", None) == availWidth and hasattr(self, "blPara"):
            return self.width, self.height
        size = super().wrap(availWidth, availHeight)
        self._wrapped_at = availWidth
        return size


_MARKUP = re.compile(r"[<>&]")


def _plain_text_frags(text: str, style: ParagraphStyle) -> list[ParaFrag] | None:
    """Most of a report's paragraphs are plain text (a name, a date, a score, a typed note):
    for those, one fragment in the style's font is what ReportLab's markup parser would return,
    and skipping the parser takes about a tenth off a report's build (bench/bench_reports.py).
    Text with markup or entities, and styles that transform text, still go through the parser."""
    if _MARKUP.search(text) or getattr(style, "textTransform", None) or getattr(style, "bulletText", None):
        return None
    cleaned = cleanBlockQuotedText(text)
    if not cleaned:
        return None
    return [_plain_fragment(style.fontName, style.fontSize, style.textColor).clone(text=cleaned)]


@cache
def _plain_fragment(font: str, size: float, colour: colors.Color) -> ParaFrag:
    # Made by the parser itself, so the fragment has every attribute ReportLab expects.
    _, frags, _ = ParaParser().parse("x", ParagraphStyle("plain", fontName=font, fontSize=size,
                                                         textColor=colour))
    return frags[0]


def table_heading(text: str, styles: Styles) -> list[Flowable]:
    """A heading over a table that may run across pages. A heading kept with its whole table
    moves both to the next page and leaves half a page blank; instead the heading starts a new
    page only when less than room for it and a few rows is left, and the table splits between
    rows (repeating its header row)."""
    return [CondPageBreak(35 * mm), Para(text, styles.heading.clone("table_heading", keepWithNext=0))]


def paragraphs(text: str, style: ParagraphStyle) -> list[Flowable]:
    """Free text as typed: blank lines separate paragraphs, line breaks are kept, and markup
    characters are escaped so a "<" in a note cannot break the PDF."""
    blocks = [b.strip() for b in text.replace("\r\n", "\n").split("\n\n")]
    return [Para(escape(b).replace("\n", "<br/>"), style) for b in blocks if b]


def field_table(rows: list[tuple[str, list[Flowable]]], styles: Styles) -> list[Flowable]:
    """The form layout of Manual Appendix 3: a label column and a value column, one small table
    per field so each field decides for itself how it meets a page break. A short field moves
    whole to the next page, keeping its label beside it; only a field taller than half a page
    (a long formulation) is split across pages, since it could not fit on any one page."""
    style = table_style([
        ("BACKGROUND", (0, 0), (0, -1), SHADE),
        ("GRID", (0, 0), (-1, -1), 0.4, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ])
    widths = [0.3 * CONTENT_WIDTH, 0.7 * CONTENT_WIDTH]
    tables: list[Flowable] = []
    for label, value in rows:
        long_field = _height(value, widths[1] - 2 * CELL_PADDING) > FRAME_HEIGHT / 2
        tables.append(Table([[Para(escape(label), styles.label), value]], colWidths=widths,
                            style=style, splitInRow=int(long_field)))
    return tables


def _height(flowables: list[Flowable], width: float) -> float:
    # Para remembers these line breaks, so measuring here costs the table nothing later.
    return sum(f.wrap(width, PAGE_HEIGHT)[1] + f.getSpaceBefore() + f.getSpaceAfter()
               for f in flowables)


def table_style(commands: list[tuple]) -> TableStyle:
    """A table style whose default font is the embedded one (ReportLab's default is Helvetica,
    which would otherwise be referenced, unembedded, by every table)."""
    return TableStyle([("FONT", (0, 0), (-1, -1), FONT, 10), *commands])


def new_drawing(width: float, height: float) -> Drawing:
    """A graphics canvas that starts in the embedded font (ReportLab's default is Helvetica)."""
    register_fonts()
    canvas = Drawing(width, height)
    canvas.initialFontName = FONT
    return canvas

