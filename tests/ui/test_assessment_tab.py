"""The assessment tab saves itself: after a pause, before it is hidden (lock), never losing
typing when the case reloads; a completed assessment is read-only."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QTabWidget, QWidget

from cstr_desk.domain import Plea, Role
from cstr_desk.store import Session, open_with_password
from cstr_desk.store.testing import (
    TEST_PASSWORD,
    USERNAMES,
    make_database,
    sample_person,
    sample_referral,
)
from cstr_desk.ui.assessment import AssessmentTab, core_profile, describe_score
from cstr_desk.workflow.assessment import INTERVIEW_TOPICS


@pytest.fixture
def practitioner(tmp_path: Path) -> tuple[Session, int]:
    path = tmp_path / "cstr.db"
    admin, _key = make_database(path)
    admin.close()
    session = open_with_password(path, USERNAMES[Role.PRACTITIONER], TEST_PASSWORD)
    person = session.add_person(sample_person())
    referral_id = session.add_referral(
        sample_referral(person.id).model_copy(update={"plea": Plea.GUILTY})).id
    yield session, referral_id
    session.close()


def open_tab(qtbot, session: Session, referral_id: int) -> AssessmentTab:
    tab = AssessmentTab(session)
    qtbot.addWidget(tab)
    tab.show()
    tab.show_case(session.load_case(referral_id))
    return tab


def test_notes_save_after_a_pause_without_a_save_button(qtbot, practitioner) -> None:
    session, referral_id = practitioner
    tab = open_tab(qtbot, session, referral_id)
    first = INTERVIEW_TOPICS[0].key
    tab.topic_notes[first].setFocus()
    QTest.keyClicks(tab.topic_notes[first], "Sofa-surfing at a friend's flat.")
    assert tab.has_pending_save() and tab.saved.text() == "Saving…"
    qtbot.waitUntil(lambda: not tab.has_pending_save(), timeout=3000)
    assert tab.saved.text() == "All changes saved"
    stored = session.load_case(referral_id).assessment
    assert stored.topics[first] == "Sofa-surfing at a friend's flat."
    assert not stored.completed


def test_pending_typing_is_written_when_the_tab_is_hidden(qtbot, practitioner) -> None:
    session, referral_id = practitioner
    tab = open_tab(qtbot, session, referral_id)
    QTest.keyClicks(tab.formulation, "Avoidance maintains low mood")
    tab.gp_registered.setCurrentIndex(tab.gp_registered.findText("No"))
    assert tab.has_pending_save()
    tab.hide()  # the case view is hidden and destroyed on lock
    stored = session.load_case(referral_id).assessment
    assert stored.formulation == "Avoidance maintains low mood"
    assert stored.gp_registered is False


def test_reloading_the_same_case_keeps_what_is_being_typed(qtbot, practitioner) -> None:
    session, referral_id = practitioner
    tab = open_tab(qtbot, session, referral_id)
    QTest.keyClicks(tab.presenting_problem, "Panic attacks")
    tab.save_now()
    QTest.keyClicks(tab.presenting_problem, " in crowds")
    tab.show_case(session.load_case(referral_id))  # another tab changed the case
    assert tab.presenting_problem.toPlainText() == "Panic attacks in crowds"


def test_questionnaire_buttons_ask_the_runner(qtbot, practitioner) -> None:
    session, referral_id = practitioner
    tab = open_tab(qtbot, session, referral_id)
    for instrument_id in ("core34", "phq9", "gad7"):
        with qtbot.waitSignal(tab.start_questionnaire) as started:
            tab.questionnaire_buttons[instrument_id].setFocus()
            qtbot.keyClick(tab.questionnaire_buttons[instrument_id], Qt.Key.Key_Space)
        assert started.args == [instrument_id]
    assert tab.score_labels["core34"].text() == "Not done yet."


def test_complete_button_waits_for_everything_needed(qtbot, practitioner) -> None:
    session, referral_id = practitioner
    tab = open_tab(qtbot, session, referral_id)
    assert not tab.complete_button.isEnabled()
    assert "Complete the CORE-OM." in tab.still_to_do.text()
    assert "Write the formulation." in tab.still_to_do.text()
    assert "Manual" not in tab.still_to_do.text() and "Manual §4.2" in tab.still_to_do.toolTip()
    tab.formulation.setPlainText("Written")
    tab.save_now()
    assert "Write the formulation" not in tab.still_to_do.text()


def test_core_profile_and_score_wording() -> None:
    assert core_profile(None) == ["No completed CORE-OM yet."]
    assert describe_score(None) == "Not done yet."


def test_pending_typing_is_written_when_the_case_view_is_taken_down(qtbot, practitioner) -> None:
    """The main window locks by taking the case view out of its tree (setParent(None)) and
    deleting it; the hidden tab writes what was typed first."""
    session, referral_id = practitioner
    window = QWidget()
    qtbot.addWidget(window)
    case_view = QTabWidget(window)
    tab = AssessmentTab(session)
    case_view.addTab(tab, tab.title)
    window.show()
    tab.show_case(session.load_case(referral_id))
    QTest.keyClicks(tab.presenting_problem, "Typed just before the lock")
    assert tab.has_pending_save()
    case_view.setParent(None)
    case_view.deleteLater()
    assert session.load_case(referral_id).assessment.presenting_problem == "Typed just before the lock"


def test_eligibility_reads_as_a_checklist_with_sources_in_the_tooltip(qtbot, practitioner) -> None:
    session, referral_id = practitioner
    tab = open_tab(qtbot, session, referral_id)
    texts = [widget.accessibleName() for widget in tab.eligibility_labels]
    assert texts and all("Manual §" not in text and "DOMAIN" not in text for text in texts)
    assert any("✓ Met:" in text for text in texts) and any("? To check:" in text for text in texts)
    assert all(widget.toolTip().startswith("Sources: ") and "Manual" in widget.toolTip()
               for widget in tab.eligibility_labels)
