"""The consent as the person sees it, full screen: the text in easy read (one idea per screen, a
picture for each point, large text, Next/Back) or standard (all sections on one scrolling page),
then their signature drawn on the screen, or witnessed verbal consent when they cannot sign.

Both record the person's "I understand" for each key point (DOMAIN.md pathway step 5: record
that easy read was used and that the person said they understood). Manual Appendix 2 notes that
"Easy read will be provided within the CSTR site"; the wording and pictures are versioned in
`cstr_desk.consent_text` so the record can say exactly what was shown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtSvgWidgets import QSvgWidget
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from cstr_desk.ukdates import uk_datetime
from cstr_desk.consent_text import ConsentSection, ConsentText, EasyReadScreen
from cstr_desk.domain import Requirement
from cstr_desk.paths import resource_path
from cstr_desk.ui.signature import SignatureField
from cstr_desk.ui.widgets import button, label, line_edit, set_error

# Easy-read guidance asks for large type (at least 14 pt print); on screen we go larger still
# and scale with the user's text size, which the theme sets as the application font.
_EASY_READ_SCALE = 1.7
_TITLE_SCALE = 2.2
# Big enough to read across a table; beside the text so a page fits 1366x768 at any text size.
_PICTURE_SIDE = 240


def _scaled_pt(factor: float) -> float:
    return QApplication.font().pointSizeF() * factor


class UnderstandButton(QPushButton):
    """A large toggle the person presses to say they understood one key point."""

    def __init__(self, point: str, statement: str, parent: QWidget | None = None) -> None:
        super().__init__("I understand", parent)
        self.point = point
        self.setCheckable(True)
        self.setMinimumHeight(56)
        self.setMinimumWidth(220)
        self.setProperty("role", "answer")
        self.setAccessibleName(self.tr("I understand: {statement}").format(statement=statement))
        self.toggled.connect(self._relabel)

    def _relabel(self, checked: bool) -> None:
        self.setText(self.tr("✓ I understand") if checked else self.tr("I understand"))


class Acknowledgements:
    """The person's answer for each key point, shared by both views."""

    def __init__(self, points: list[str]) -> None:
        self.required = list(points)
        self.given: dict[str, bool] = dict.fromkeys(points, False)

    def set(self, point: str, understood: bool) -> None:
        self.given[point] = understood

    def missing(self) -> list[str]:
        return [p for p in self.required if not self.given.get(p)]


class EasyReadPicture(QSvgWidget):
    def __init__(self, file_name: str, description: str, parent: QWidget | None = None) -> None:
        super().__init__(str(resource_path("easy-read", file_name)), parent)
        self.file_name = file_name
        self.renderer().setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
        self.setFixedSize(QSize(_PICTURE_SIDE, _PICTURE_SIDE))
        self.setAccessibleName(self.tr("Picture: {description}").format(description=description))

    def show_file(self, file_name: str, description: str) -> None:
        self.file_name = file_name
        self.load(str(resource_path("easy-read", file_name)))
        self.renderer().setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
        self.setAccessibleName(self.tr("Picture: {description}").format(description=description))


class EasyReadViewer(QWidget):
    """Screen by screen. `finished` fires when the person presses Next on the last screen."""

    finished = Signal()

    def __init__(self, screens: list[EasyReadScreen], statements: dict[str, str],
                 acknowledgements: Acknowledgements, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.screens = screens
        self._statements = statements
        self._acks = acknowledgements
        self.index = 0
        self.progress = label("", "muted", self)
        self.title = label("", "heading", self)
        self.picture = EasyReadPicture(screens[0].picture, screens[0].title, self)
        self.sentences = label("", None, self)
        self.sentences.setTextFormat(Qt.TextFormat.PlainText)
        self.understand = UnderstandButton("", "", self)
        self.back_button = button(self.tr("◀  Back"), self.tr("Back to the previous page"), self.back, self)
        self.next_button = button(self.tr("Next  ▶"), self.tr("Next page"), self.next, self)
        for control in (self.back_button, self.next_button):
            control.setMinimumSize(180, 64)
        self._build_layout()
        self.setStyleSheet(
            f"QLabel {{ font-size: {_scaled_pt(_EASY_READ_SCALE):.1f}pt; }}"
            f"QLabel[role='heading'] {{ font-size: {_scaled_pt(_TITLE_SCALE):.1f}pt; "
            "font-weight: bold; }"
            f"QLabel[role='muted'] {{ font-size: {_scaled_pt(1.1):.1f}pt; }}"
            f"QPushButton {{ font-size: {_scaled_pt(1.4):.1f}pt; }}"
        )
        self.understand.toggled.connect(self._understood)
        self._show()

    def _build_layout(self) -> None:
        words = QVBoxLayout()
        words.addWidget(self.sentences)
        words.addSpacing(12)
        words.addWidget(self.understand, 0, Qt.AlignmentFlag.AlignLeft)
        words.addStretch(1)
        middle = QHBoxLayout()
        middle.addWidget(self.picture, 0, Qt.AlignmentFlag.AlignTop)
        middle.addSpacing(24)
        middle.addLayout(words, 1)
        nav = QHBoxLayout()
        nav.addWidget(self.back_button)
        nav.addStretch(1)
        nav.addWidget(self.progress)
        nav.addStretch(1)
        nav.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addSpacing(8)
        layout.addLayout(middle, 1)
        layout.addLayout(nav)

    @property
    def screen(self) -> EasyReadScreen:
        return self.screens[self.index]

    def next(self) -> None:
        if self.index == len(self.screens) - 1:
            self.finished.emit()
            return
        self.index += 1
        self._show()

    def back(self) -> None:
        if self.index > 0:
            self.index -= 1
            self._show()

    def go_to(self, key: str) -> None:
        self.index = next(i for i, s in enumerate(self.screens) if s.key == key)
        self._show()

    def _show(self) -> None:
        screen = self.screen
        self.progress.setText(self.tr("Page {0} of {screens}").format(self.index + 1, screens=len(self.screens)))
        self.progress.setAccessibleName(self.progress.text())
        self.title.setText(screen.title)
        self.title.setAccessibleName(screen.title)
        self.picture.show_file(screen.picture, screen.title)
        text = "\n\n".join(screen.sentences)
        self.sentences.setText(text)
        self.sentences.setAccessibleName(" ".join(screen.sentences))
        point = screen.acknowledgement_key
        self.understand.setVisible(point is not None)
        if point is not None:
            self.understand.point = point
            self.understand.setAccessibleName(self.tr("I understand: {0}").format(self._statements[point]))
            self.understand.blockSignals(True)
            self.understand.setChecked(self._acks.given.get(point, False))
            self.understand._relabel(self.understand.isChecked())
            self.understand.blockSignals(False)
        self.back_button.setEnabled(self.index > 0)
        last = self.index == len(self.screens) - 1
        self.next_button.setText(self.tr("Finish  ▶") if last else self.tr("Next  ▶"))
        self.next_button.setAccessibleName(self.tr("Finish reading") if last else self.tr("Next page"))
        self.next_button.setFocus()

    def _understood(self, checked: bool) -> None:
        if self.screen.acknowledgement_key is not None:
            self._acks.set(self.screen.acknowledgement_key, checked)


class StandardConsentView(QScrollArea):
    """All sections on one page, an "I understand" under each section holding a key point."""

    def __init__(self, sections: list[ConsentSection], statements: dict[str, str],
                 acknowledgements: Acknowledgements, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAccessibleName(self.tr("Consent information"))
        self.understand_buttons: dict[str, UnderstandButton] = {}
        body = QWidget(self)
        layout = QVBoxLayout(body)
        for section in sections:
            layout.addWidget(label(section.heading, "heading", body))
            for paragraph in section.paragraphs:
                layout.addWidget(label(paragraph, "stem", body))
            point = section.acknowledgement_key
            if point is not None:
                statement = label(statements[point], None, body)
                statement.setStyleSheet("font-weight: bold;")
                layout.addWidget(statement)
                toggle = UnderstandButton(point, statements[point], body)
                toggle.toggled.connect(
                    lambda checked, p=point: acknowledgements.set(p, checked))
                layout.addWidget(toggle, 0, Qt.AlignmentFlag.AlignLeft)
                self.understand_buttons[point] = toggle
            layout.addSpacing(16)
        layout.addStretch(1)
        self.setWidget(body)


# --- the whole session with the person -------------------------------------------------------


@dataclass(frozen=True)
class ConsentSetup:
    """What the practitioner chose before turning the screen to the person."""

    text: ConsentText
    requirements: list[Requirement]
    easy_read: bool
    person_name: str


@dataclass(frozen=True)
class ConsentCapture:
    """What the person gave: their acknowledgements and a signature or witnessed verbal consent."""

    version: str
    requirements: list[Requirement]
    easy_read: bool
    acknowledgements: dict[str, bool]
    at: datetime
    signature_svg: str | None = None
    witness: str | None = None
    verbal_reason: str | None = None


class PersonConsentWindow(QWidget):
    """A separate full-screen window so nothing else on the practitioner's screen shows.
    `record` stores the consent and returns a refusal to show here, or None when recorded."""

    READ, SIGN, VERBAL, DONE = range(4)

    def __init__(self, setup: ConsentSetup, record: Callable[[ConsentCapture], str | None],
                 parent: QWidget | None = None,
                 hand_back: Callable[[QWidget, Callable[[], None]], None] | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        # Leaving this window shows the full case record, so, as when a questionnaire is handed
        # over, only the practitioner's password ends it (issue 14): `hand_back` asks for it
        # and calls back once it is right. Without one (a window tried out alone) it just closes.
        self._hand_back = hand_back
        self._released = False
        self.setWindowTitle(self.tr("Consent: {person_name}").format(person_name=setup.person_name))
        self.setAccessibleName(self.tr("Consent for the person to read"))
        self.setup = setup
        self._record = record
        self.acknowledgements = Acknowledgements(setup.text.required_points(setup.requirements))
        self.problem = label("", "error", self)
        self.problem.setVisible(False)
        self.stop_button = button(self.tr("Stop (nothing is recorded)"), self.tr("Stop without recording consent"),
                                  self.ask_hand_back, self)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self._build_reading())
        self.pages.addWidget(self._build_signing())
        self.pages.addWidget(self._build_verbal())
        self.pages.addWidget(self._build_done())
        top = QHBoxLayout()
        top.addWidget(label(setup.text.title, "muted", self), 1)
        top.addWidget(self.stop_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.problem)
        layout.addWidget(self.pages, 1)

    def _build_reading(self) -> QWidget:
        text, chosen = self.setup.text, self.setup.requirements
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        self.easy_read: EasyReadViewer | None = None
        self.standard: StandardConsentView | None = None
        if self.setup.easy_read:
            # The easy-read route reads each point in easy-read words where the version has them.
            easy_statements = {p: text.easy_read_statement(p) for p in text.acknowledgements}
            self.easy_read = EasyReadViewer(text.easy_read_screens_for(chosen),
                                            easy_statements, self.acknowledgements, page)
            self.easy_read.finished.connect(self.to_signing)
            layout.addWidget(self.easy_read)
        else:
            self.standard = StandardConsentView(text.sections_for(chosen), text.acknowledgements,
                                                self.acknowledgements, page)
            self.continue_button = button(self.tr("Continue to signing"), self.tr("Continue to signing"),
                                          self.to_signing, page)
            layout.addWidget(self.standard, 1)
            layout.addWidget(self.continue_button, 0, Qt.AlignmentFlag.AlignRight)
        return page

    def _build_signing(self) -> QWidget:
        page = QWidget(self)
        self.agreement = label("", "stem", page)
        self.signature = SignatureField(page)
        self.when = label("", None, page)
        self.sign_button = button(self.tr("Sign and give consent"), self.tr("Give consent with this signature"),
                                  self.sign, page)
        self.sign_button.setEnabled(False)
        self.signature.pad.changed.connect(
            lambda: self.sign_button.setEnabled(not self.signature.pad.is_empty()))
        self.cannot_sign_button = button(self.tr("The person cannot sign: record verbal consent"),
                                         self.tr("The person cannot sign: record witnessed verbal consent"),
                                         lambda: self.pages.setCurrentIndex(self.VERBAL), page)
        back = button(self.tr("Back to the information"), self.tr("Back to the consent information"),
                      lambda: self.pages.setCurrentIndex(self.READ), page)
        row = QHBoxLayout()
        row.addWidget(back)
        row.addWidget(self.cannot_sign_button)
        row.addStretch(1)
        row.addWidget(self.sign_button)
        layout = QVBoxLayout(page)
        layout.addWidget(self.agreement)
        layout.addWidget(self.signature, 1)
        layout.addWidget(self.when)
        layout.addLayout(row)
        return page

    def _build_verbal(self) -> QWidget:
        page = QWidget(self)
        self.witness_name = line_edit(self.tr("Witness's full name"), self.tr("Who witnessed the verbal consent"),
                                      page)
        self.verbal_reason = line_edit(self.tr("Why the person cannot sign"),
                                       self.tr("e.g. injured hand, cannot hold a pen"), page)
        self.verbal_problem = label("", "error", page)
        self.verbal_problem.setVisible(False)
        self.verbal_button = button(self.tr("Record verbal consent"), self.tr("Record witnessed verbal consent"),
                                    self.verbal, page)
        back = button(self.tr("Back to signing"), self.tr("Back to the signature page"),
                      lambda: self.pages.setCurrentIndex(self.SIGN), page)
        row = QHBoxLayout()
        row.addWidget(back)
        row.addStretch(1)
        row.addWidget(self.verbal_button)
        layout = QVBoxLayout(page)
        layout.addWidget(label(self.tr("The person said out loud that they agree. A witness saw and "
                               "heard it."), "stem", page))
        layout.addWidget(label(self.tr("Witness's full name"), None, page))
        layout.addWidget(self.witness_name)
        layout.addWidget(label(self.tr("Why the person cannot sign"), None, page))
        layout.addWidget(self.verbal_reason)
        layout.addWidget(self.verbal_problem)
        layout.addStretch(1)
        layout.addLayout(row)
        return page

    def _build_done(self) -> QWidget:
        page = QWidget(self)
        self.hand_back_button = button(self.tr("Give the device back to the practitioner"),
                                       self.tr("Hand the device back: the practitioner types their password"),
                                       self.ask_hand_back, page)
        layout = QVBoxLayout(page)
        layout.addWidget(label(self.tr("Thank you. Your consent is recorded."), "heading", page))
        layout.addWidget(label(self.tr("Please give the device back to the person who explained it."),
                               "stem", page))
        layout.addStretch(1)
        layout.addWidget(self.hand_back_button)
        return page

    # --- handing back --------------------------------------------------------------------

    def ask_hand_back(self) -> None:
        if self._hand_back is None:
            self._release()
        else:
            self._hand_back(self, self._release)

    def _release(self) -> None:
        self._released = True
        self.close()
        self.deleteLater()
        owner = self.parentWidget()
        if owner is not None:  # back to the practitioner's window, keyboard and all
            owner.window().activateWindow()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._released or self._hand_back is None:
            super().closeEvent(event)
            return
        event.ignore()
        self.ask_hand_back()

    # --- moving on ---------------------------------------------------------------------

    def to_signing(self) -> None:
        missing = self.acknowledgements.missing()
        if missing:
            self._ask_again(missing)
            return
        set_error(self.problem, "")
        chosen = ", ".join(r.name for r in self.setup.requirements)
        self.agreement.setText(
            self.tr("I, {person_name}, have read this or had it read to me. I agree to the assessment and to treatment ({chosen}) if the court orders it. I understand my information may be shared as explained, and confidentiality may be broken if there is a risk of harm to me or to other people.").format(person_name=self.setup.person_name, chosen=chosen))
        self.agreement.setAccessibleName(self.agreement.text())
        self.when.setText(self.tr("Date and time: {utc}").format(utc=uk_datetime(datetime.now(timezone.utc))))
        self.pages.setCurrentIndex(self.SIGN)

    def _ask_again(self, missing: list[str]) -> None:
        """Back to the first point not yet understood, naming the pages still to do briefly:
        the person should hear it again, not read a list of statements."""
        text, chosen = self.setup.text, self.setup.requirements
        if self.easy_read is not None:
            screens = [s for s in text.easy_read_screens_for(chosen)
                       if s.acknowledgement_key in missing]
            self.easy_read.go_to(screens[0].key)
            titles = [s.title for s in screens]
        else:
            titles = [s.heading for s in text.sections_for(chosen)
                      if s.acknowledgement_key in missing]
        set_error(self.problem, self.tr("Please press \"I understand\" on each point, or ask us to explain again. Still to do: {titles}.").format(titles=', '.join(titles)))

    def sign(self) -> None:
        if self.signature.pad.is_empty():
            return
        self._finish(signature_svg=self.signature.pad.to_svg())

    def verbal(self) -> None:
        witness = self.witness_name.text().strip()
        reason = self.verbal_reason.text().strip()
        problems = []
        if not witness:
            problems.append(self.tr("Give the witness's full name."))
        if not reason:
            problems.append(self.tr("Say why the person cannot sign."))
        set_error(self.verbal_problem, " ".join(problems))
        if not problems:
            self._finish(witness=witness, verbal_reason=reason)

    def _finish(self, **given: str) -> None:
        capture = ConsentCapture(
            version=self.setup.text.version,
            requirements=list(self.setup.requirements),
            easy_read=self.setup.easy_read,
            acknowledgements=dict(self.acknowledgements.given),
            at=datetime.now(timezone.utc),
            **given,
        )
        refusal = self._record(capture)
        if refusal:
            set_error(self.problem, refusal)
            return
        set_error(self.problem, "")
        self.stop_button.setVisible(False)
        self.pages.setCurrentIndex(self.DONE)
        self.hand_back_button.setFocus()
