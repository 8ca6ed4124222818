"""The case's progress strip on screen: every step with its state, the one reason a step waits,
and the role's next action as one button that opens the right tab (issue 14)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from cstr_desk.domain import Role
from cstr_desk.ui.case_view import CaseView
from cstr_desk.ui.decision import DecisionTab
from cstr_desk.ui.questionnaires import QuestionnairesTab
from tests.ui.conftest import LD_PASSWORD, add_case, sign_in
from tests.ui.test_app_questionnaire import open_case_from_list
from tests.ui.test_consent_journeys import open_as, site  # noqa: F401 (site is a fixture)
from tests.ui.test_sign_off import decide_to_treat


def test_a_new_case_shows_screening_next_with_one_button(qtbot, desk) -> None:
    add_case(desk)
    window = sign_in(qtbot, "lee", LD_PASSWORD).main_window
    view = open_case_from_list(qtbot, window)
    strip = view.progress
    names = [item.accessibleName() for item in strip.step_labels]
    assert names[0] == "Referral: done" and names[1] == "Screening: next"
    assert names[2].startswith("Assessment: to come") and len(names) == 9
    assert strip.next_button.isVisible() and strip.next_button.text() == "Screen the person"
    view.tabs.setCurrentIndex(3)
    qtbot.mouseClick(strip.next_button, Qt.MouseButton.LeftButton)
    assert isinstance(view.case_tabs[view.current_tab()], QuestionnairesTab)


def test_the_court_duty_officer_sees_whom_the_case_waits_for(qtbot, site) -> None:
    path, referral_id = site
    lead, _tab = decide_to_treat(qtbot, path, referral_id)
    view = CaseView(lead, referral_id)
    qtbot.addWidget(view)
    assert view.progress.next_button.text() == "Sign off the report for the court"
    qtbot.mouseClick(view.progress.next_button, Qt.MouseButton.LeftButton)
    assert isinstance(view.case_tabs[view.current_tab()], DecisionTab)
    lead.close()
    officer = open_as(path, Role.COURT_DUTY_OFFICER)
    view = CaseView(officer, referral_id)
    qtbot.addWidget(view)
    assert not view.progress.next_button.isVisibleTo(view)
    lead_name = officer.load_case(referral_id).decision.clinical_lead_name
    assert view.next_steps.text() == (f"Sign-off: waiting for {lead_name}, the Clinical Lead, to "
                                      "sign off the report for the court.")
    sign_off = view.progress.step_labels[5]
    assert sign_off.text() == "■ Sign-off" and "waiting" in sign_off.accessibleName()
    officer.close()
