"""The assessment, every easy-read consent page, the signature page and the decision screen at
1366x768, at normal and extra-large text (the app's style sheet at that size and the
application font x1.6): no clipped text, touch
targets of at least 44 px, an accessible name on every control.

Each screen is also saved as a PNG, to $CSTR_SCREENSHOTS when set (for a person to look at),
otherwise to the test's tmp_path.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtGui import QFont
from PySide6.QtSvgWidgets import QSvgWidget
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QWidget,
)

from cstr_desk.consent_text import load_consent
from cstr_desk.domain import Plea, Requirement, Role
from cstr_desk.store import open_with_password
from cstr_desk.store.testing import (
    TEST_PASSWORD,
    USERNAMES,
    make_database,
    sample_person,
    sample_referral,
)
from cstr_desk.ui.assessment import AssessmentTab
from cstr_desk.ui.consent import ConsentTab
from cstr_desk.ui.decision import DecisionTab
from cstr_desk.ui.easy_read import ConsentSetup, PersonConsentWindow
from cstr_desk.ui.theme import TextSize, style_sheet

SCREEN = (1366, 768)
TEXT_SCALES = {"normal": 1.0, "extra_large": 1.6}
THEME_SIZES = {"normal": TextSize.NORMAL, "extra_large": TextSize.EXTRA_LARGE}
CONTROLS = (QAbstractButton, QLineEdit, QPlainTextEdit, QComboBox, QSvgWidget)


@pytest.fixture(params=list(TEXT_SCALES))
def text_scale(request, qapp) -> str:
    original = QFont(qapp.font())
    font = QFont(original)
    font.setPointSizeF(original.pointSizeF() * TEXT_SCALES[request.param])
    qapp.setFont(font)
    qapp.setStyleSheet(style_sheet(THEME_SIZES[request.param], high_contrast=False))
    yield request.param
    qapp.setStyleSheet("")
    qapp.setFont(original)


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("CSTR_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _in_scroll_area(widget: QWidget, root: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        if isinstance(parent, QScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def _visible_in_viewport(widget: QWidget, root: QWidget) -> bool:
    """Scrolled-away content is not clipping; only judge what the scroll area shows."""
    if not widget.isVisibleTo(root):
        return False
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        if isinstance(parent, QScrollArea):
            top_left = widget.mapTo(parent.viewport(), widget.rect().topLeft())
            return parent.viewport().rect().contains(top_left)
        parent = parent.parentWidget()
    return True


def layout_problems(root: QWidget) -> list[str]:
    QApplication.processEvents()
    problems = []
    for text in root.findChildren(QLabel):
        if not _visible_in_viewport(text, root) or not text.text():
            continue
        needed = text.heightForWidth(text.width()) if text.wordWrap() else text.sizeHint().height()
        if needed > text.height() + 2:
            problems.append(f"clipped text ({needed} > {text.height()} px): {text.text()[:50]!r}")
        if not text.wordWrap() and text.sizeHint().width() > text.width() + 2:
            problems.append(f"cut-off text: {text.text()[:50]!r}")
    for control in root.findChildren(QWidget):
        if not isinstance(control, CONTROLS) or not _visible_in_viewport(control, root):
            continue
        if not control.accessibleName():
            problems.append(f"no accessible name: {type(control).__name__}")
        if isinstance(control, QAbstractButton) and control.height() < 44:
            problems.append(f"touch target {control.height()} px: {control.text()!r}")
        corner = control.mapTo(root, control.rect().bottomRight())
        if not _in_scroll_area(control, root) and not root.rect().contains(corner):
            problems.append(f"off screen: {control.accessibleName()!r}")
    return problems


def show_at_screen_size(qtbot, widget: QWidget) -> None:
    qtbot.addWidget(widget)
    widget.resize(*SCREEN)
    widget.show()
    qtbot.waitExposed(widget)


def save(widget: QWidget, path: Path) -> None:
    QApplication.processEvents()
    widget.grab().save(str(path))


def test_every_easy_read_page_and_the_signature_page(qtbot, text_scale, shots) -> None:
    setup = ConsentSetup(load_consent(), [Requirement.MHTR, Requirement.ATR], True, "Aoife O'Rourke-Ng")
    window = PersonConsentWindow(setup, lambda capture: None)
    show_at_screen_size(qtbot, window)
    viewer = window.easy_read
    problems = {}
    for index, screen in enumerate(viewer.screens):
        viewer.go_to(screen.key)
        if viewer.understand.isVisible():
            viewer.understand.click()
        save(window, shots / f"easy-read-{text_scale}-{index + 1:02d}-{screen.key}.png")
        problems[screen.key] = layout_problems(window)
    window.to_signing()
    assert window.pages.currentIndex() == window.SIGN
    save(window, shots / f"consent-signature-{text_scale}.png")
    problems["signature"] = layout_problems(window)
    window.pages.setCurrentIndex(window.VERBAL)
    save(window, shots / f"consent-verbal-{text_scale}.png")
    problems["verbal"] = layout_problems(window)
    assert {k: v for k, v in problems.items() if v} == {}


@pytest.fixture
def case_path(tmp_path: Path) -> tuple[Path, int]:
    path = tmp_path / "cstr.db"
    admin, _key = make_database(path)
    admin.close()
    session = open_with_password(path, USERNAMES[Role.PRACTITIONER], TEST_PASSWORD)
    person = session.add_person(sample_person())
    referral_id = session.add_referral(
        sample_referral(person.id).model_copy(update={"plea": Plea.GUILTY})).id
    session.close()
    return path, referral_id


def save_every_scroll_page(root: QWidget, stem: Path) -> list[str]:
    """Grab the screen one viewport at a time down the scroll area, checking each."""
    scroll = root.findChild(QScrollArea)
    bar = scroll.verticalScrollBar()
    problems, page = [], 0
    while True:
        bar.setValue(page * bar.pageStep())
        save(root, stem.with_name(f"{stem.name}-{page + 1}.png"))
        problems += layout_problems(root)
        if bar.value() >= bar.maximum():
            return problems
        page += 1


def test_assessment_screen(qtbot, text_scale, shots, case_path) -> None:
    path, referral_id = case_path
    session = open_with_password(path, USERNAMES[Role.PRACTITIONER], TEST_PASSWORD)
    tab = AssessmentTab(session)
    show_at_screen_size(qtbot, tab)
    tab.show_case(session.load_case(referral_id))
    assert save_every_scroll_page(tab, shots / f"assessment-{text_scale}") == []
    session.close()


@pytest.mark.parametrize("role", [Role.CLINICAL_LEAD, Role.COURT_DUTY_OFFICER])
def test_decision_screen(qtbot, text_scale, shots, case_path, role) -> None:
    path, referral_id = case_path
    session = open_with_password(path, USERNAMES[role], TEST_PASSWORD)
    tab = DecisionTab(session)
    show_at_screen_size(qtbot, tab)
    tab.show_case(session.load_case(referral_id))
    if role == Role.CLINICAL_LEAD:
        # Show the form although this case is not ready for a decision, to judge its layout.
        tab.form.setVisible(True)
    else:
        assert not tab.form.isVisible() and tab.refusal.isVisible()
    assert save_every_scroll_page(tab, shots / f"decision-{role.value}-{text_scale}") == []
    session.close()


def test_consent_setup_screen(qtbot, text_scale, shots, case_path) -> None:
    path, referral_id = case_path
    session = open_with_password(path, USERNAMES[Role.PRACTITIONER], TEST_PASSWORD)
    tab = ConsentTab(session)
    show_at_screen_size(qtbot, tab)
    tab.show_case(session.load_case(referral_id))
    tab.requirement_boxes[Requirement.DRR].setChecked(True)
    tab.requirement_boxes[Requirement.ATR].setChecked(True)
    tab.interpreter_used.setChecked(True)
    save(tab, shots / f"consent-setup-{text_scale}.png")
    assert layout_problems(tab) == []
    session.close()
