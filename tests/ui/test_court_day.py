"""Issue 20 items 1 and 2 through the real tabs on a real encrypted database: a case registered
in the cells before plea is assessed and consented, then the Court Duty Officer records the plea
and the order details on the Court tab (no re-registering), the PSR's proposal, the sentence,
and the practitioner books and records the first treatment session."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from conftest import ADMIN_PASSWORD, add_case
from PySide6.QtCore import Qt

from cstr_desk.domain import (
    Attendance, CommunityOrderLevel, ConsentRecord, OrderType, Plea, PractitionerAssessment,
    Requirement, Role, Stage, User,
)
from cstr_desk.store import open_with_password
from cstr_desk.ui.court import CourtTab
from cstr_desk.ui.sentence import SentenceTab
from cstr_desk.ui.treatment import TreatmentTab
from cstr_desk.ukdates import LONDON
from test_after_sentence import CDO_PASSWORD, host


def _assessed_and_consented_before_plea(desk) -> int:
    referral_id = add_case(desk, "Morwenna", "Trelawny")
    with open_with_password(desk.path, "admin", ADMIN_PASSWORD) as admin:
        admin.add_user(User(username="cdo", full_name="Cal Officer", role=Role.COURT_DUTY_OFFICER), CDO_PASSWORD)
    with desk.open_as_practitioner() as pat:
        now = datetime.now(UTC)
        assert pat.load_case(referral_id).referral.plea == Plea.NOT_YET_TAKEN
        pat.save_assessment(PractitionerAssessment(referral_id=referral_id, completed=True,
                                                   completed_at=now - timedelta(hours=2),
                                                   completed_by=pat.user.id))
        pat.record_consent(ConsentRecord(
            referral_id=referral_id, consent_version="2026.1",
            requirements_assessed_for=[Requirement.MHTR, Requirement.DRR],
            requirements_consented=[Requirement.MHTR, Requirement.DRR], explained_by=pat.user.id,
            easy_read_used=True, acknowledgements={}, consented_at=now - timedelta(hours=1)))
    return referral_id


def _choose(combo, value) -> None:
    combo.setCurrentIndex(combo.findData(value))


def test_from_the_cells_before_plea_to_the_first_treatment_session(qtbot, desk) -> None:
    referral_id = _assessed_and_consented_before_plea(desk)
    cdo = open_with_password(desk.path, "cdo", CDO_PASSWORD)
    sentence_tab = host(qtbot, SentenceTab, cdo, referral_id)
    sentence_tab.sentenced_time.setText(datetime.now(LONDON).strftime("%H:%M"))
    sentence_tab.length.setValue(12)
    sentence_tab.requirement_boxes[next(iter(sentence_tab.requirement_boxes))].setChecked(True)  # MHTR
    qtbot.mouseClick(sentence_tab.record_button, Qt.MouseButton.LeftButton)
    assert "record the plea when it is taken" in sentence_tab.problem.text()

    court = host(qtbot, CourtTab, cdo, referral_id)
    assert "Not known yet: plea" in court.warnings.text()
    assert "the level is not known yet" in court.warnings.text()  # MHTR + DRR consented
    _choose(court.plea, Plea.GUILTY)
    _choose(court.imprisonable, True)
    _choose(court.level, CommunityOrderLevel.LOW)
    _choose(court.order_type, OrderType.COMMUNITY_ORDER)
    court.length.setValue(18)
    with qtbot.waitSignal(court.case_changed):
        qtbot.mouseClick(court.save_facts_button, Qt.MouseButton.LeftButton)
    assert "the level is low" in court.warnings.text()
    assert "DRR over 12 months must have court reviews" in court.warnings.text()
    assert "plea Not yet taken → Guilty (Recorded when known)" in court.history.item(court.history.count() - 1).text()
    # A known fact changed needs a reason, said in plain words; nothing is saved without it.
    _choose(court.level, CommunityOrderLevel.MEDIUM)
    qtbot.mouseClick(court.save_facts_button, Qt.MouseButton.LeftButton)
    assert "Say why the community order level" in court.facts_problem.text()
    court.reason.setText("Misheard: the bench said medium")
    with qtbot.waitSignal(court.case_changed):
        qtbot.mouseClick(court.save_facts_button, Qt.MouseButton.LeftButton)
    assert "community order level Low → Medium (Misheard: the bench said medium)" in court.history.item(0).text()
    assert "the level is" not in court.warnings.text()

    assert court.proposal_form.isVisibleTo(court)
    _choose(court.proposes, True)
    court.proposal_requirements[Requirement.MHTR].setChecked(True)
    _choose(court.proposal_order, OrderType.COMMUNITY_ORDER)
    court.proposal_length.setValue(12)
    with qtbot.waitSignal(court.case_changed):
        qtbot.mouseClick(court.record_proposal_button, Qt.MouseButton.LeftButton)
    assert court.proposal_summary.text().startswith("The PSR proposes Mental Health Treatment Requirement (MHTR)")
    assert not court.proposal_form.isVisibleTo(court)

    sentence_tab.show_case(cdo.load_case(referral_id))
    with qtbot.waitSignal(sentence_tab.case_changed):
        qtbot.mouseClick(sentence_tab.record_button, Qt.MouseButton.LeftButton)
    cdo.close()

    pat = desk.open_as_practitioner()
    treatment = host(qtbot, TreatmentTab, pat, referral_id)
    treatment.first_day.setText((datetime.now(LONDON) + timedelta(days=7)).strftime("%d/%m/%Y"))
    treatment.first_time.setText("10:00")
    with qtbot.waitSignal(treatment.case_changed):
        qtbot.mouseClick(treatment.schedule_button, Qt.MouseButton.LeftButton)
    treatment.select_session(1)
    with qtbot.waitSignal(treatment.case_changed):
        qtbot.mouseClick(treatment.attended_button, Qt.MouseButton.LeftButton)
    case = pat.load_case(referral_id)
    assert case.sessions[0].attendance == Attendance.ATTENDED and case.referral.stage == Stage.IN_TREATMENT
    assert case.referral.plea == Plea.GUILTY and case.psr_proposal is not None
    pat.close()


def test_equality_answers_are_optional_and_saved_from_the_tab(qtbot, desk) -> None:
    from cstr_desk.ui.equality import EqualityTab

    referral_id = add_case(desk, "Ifeoma", "Okafor")
    with desk.open_as_practitioner() as pat:
        tab = host(qtbot, EqualityTab, pat, referral_id)
        assert tab.status.text() == "0 of 12 questions answered."
        assert all(combo.findText("Prefers not to say") > 0 for combo in tab.questions.values())
        _choose(tab.questions["ethnicity"], "black_african")
        _choose(tab.questions["religion"], "prefer_not_to_say")
        with qtbot.waitSignal(tab.case_changed):
            qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
        assert tab.status.text() == "2 of 12 questions answered."
        equality = pat.load_case(referral_id).person.equality
        assert (equality.ethnicity, equality.religion, equality.gender) == ("black_african", "prefer_not_to_say", None)
        qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
        assert "Nothing has changed" in tab.problem.text()


def test_the_assessment_offers_the_equality_questions_and_the_rest_can_be_declined(qtbot, desk) -> None:
    from cstr_desk.ui.assessment import AssessmentTab
    from cstr_desk.ui.case_view import CaseView
    from cstr_desk.ui.equality import EqualityTab

    referral_id = _assessed_and_consented_before_plea(desk)
    with open_with_password(desk.path, "cdo", CDO_PASSWORD) as cdo:  # the CDO does not ask them
        view = CaseView(cdo, referral_id)
        qtbot.addWidget(view)
        assert next(t for t in view.case_tabs if isinstance(t, AssessmentTab)).equality_offer.isHidden()
    with desk.open_as_practitioner() as pat:
        view = CaseView(pat, referral_id)
        qtbot.addWidget(view)
        assessment = next(t for t in view.case_tabs if isinstance(t, AssessmentTab))
        equality_tab = next(t for t in view.case_tabs if isinstance(t, EqualityTab))
        assert not assessment.equality_offer.isHidden()
        assert "12 of 12 questions not asked yet" in assessment.equality_offer_text.text()
        qtbot.mouseClick(assessment.equality_button, Qt.MouseButton.LeftButton)
        assert view.case_tabs[view.current_tab()] is equality_tab
        _choose(equality_tab.questions["gender"], "female")
        with qtbot.waitSignal(equality_tab.case_changed):
            qtbot.mouseClick(equality_tab.rest_button, Qt.MouseButton.LeftButton)
        answers = pat.load_case(referral_id).person.equality
        assert answers.gender == "female" and answers.religion == "prefer_not_to_say"
        assert equality_tab.status.text() == "12 of 12 questions answered."
        assert assessment.equality_offer.isHidden() and not equality_tab.rest_button.isEnabled()


def test_the_home_panel_shows_the_first_session_deadline_and_the_breach_outcome_is_recorded(qtbot, desk) -> None:
    from cstr_desk.domain import Breach, BreachOutcome
    from cstr_desk.ui.duties import DutiesPanel
    from test_after_sentence import record_sentence_through_the_tab

    referral_id = _assessed_and_consented_before_plea(desk)
    with open_with_password(desk.path, "cdo", CDO_PASSWORD) as cdo:
        court = host(qtbot, CourtTab, cdo, referral_id)
        _choose(court.plea, Plea.GUILTY)
        with qtbot.waitSignal(court.case_changed):
            qtbot.mouseClick(court.save_facts_button, Qt.MouseButton.LeftButton)
    record_sentence_through_the_tab(qtbot, desk, referral_id, days_ago=50).session.close()
    pat = desk.open_as_practitioner()
    panel = DutiesPanel(pat)
    qtbot.addWidget(panel)
    # The leaflet with the next appointment was due at sentence too (DRR/ATR service description).
    lines = [panel.list.item(i).text() for i in range(panel.list.count())]
    assert len(lines) == 2 and lines[0].startswith("Morwenna Trelawny: leaflet with the next appointment")
    assert lines[1].startswith("Morwenna Trelawny: first treatment session overdue since")
    with qtbot.waitSignal(panel.open_case) as opened:
        panel.list.setCurrentRow(1)
        qtbot.mouseClick(panel.open_button, Qt.MouseButton.LeftButton)
    assert opened.args == [referral_id]
    pat.record_breach(Breach(referral_id=referral_id, decided_on=datetime.now(LONDON).date(),
                             returned_to_court=True, related_to_cstr=True, reason="Not engaging",
                             recorded_by=pat.user.id, recorded_at=datetime.now(UTC)))
    treatment = host(qtbot, TreatmentTab, pat, referral_id)
    assert "first treatment session overdue since" in treatment.duties.text()
    treatment.breach_outcome.setCurrentIndex(treatment.breach_outcome.findData(BreachOutcome.RESENTENCED_TO_CSTR))
    with qtbot.waitSignal(treatment.case_changed):
        qtbot.mouseClick(treatment.outcome_button, Qt.MouseButton.LeftButton)
    assert "(returned to court: re-sentenced to a CSTR)" in treatment.breaches.text()
    pat.close()


def test_risk_notes_safeguarding_referrals_allocation_and_caseload_through_the_tabs(qtbot, desk) -> None:
    from cstr_desk.domain import SafeguardingAgency
    from cstr_desk.ui.caseload import CaseloadPanel
    from cstr_desk.ui.risk import RiskTab
    from test_after_sentence import record_sentence_through_the_tab

    referral_id = _assessed_and_consented_before_plea(desk)
    with open_with_password(desk.path, "cdo", CDO_PASSWORD) as cdo:
        court = host(qtbot, CourtTab, cdo, referral_id)
        _choose(court.plea, Plea.GUILTY)
        with qtbot.waitSignal(court.case_changed):
            qtbot.mouseClick(court.save_facts_button, Qt.MouseButton.LeftButton)
    record_sentence_through_the_tab(qtbot, desk, referral_id, days_ago=7).session.close()
    pat = desk.open_as_practitioner()
    treatment = host(qtbot, TreatmentTab, pat, referral_id)
    assert treatment.allocated.text() == "No practitioner allocated yet."
    with qtbot.waitSignal(treatment.case_changed):
        qtbot.mouseClick(treatment.allocate_button, Qt.MouseButton.LeftButton)
    assert treatment.allocated.text() == "Practitioner: Pat Practitioner"
    assert not treatment.allocate_button.isEnabled()
    caseload = CaseloadPanel(pat)
    qtbot.addWidget(caseload)
    assert caseload.list.count() == 1 and caseload.list.item(0).text().startswith("Morwenna Trelawny:")
    treatment.first_day.setText(datetime.now(LONDON).strftime("%d/%m/%Y"))
    treatment.first_time.setText("09:00")
    with qtbot.waitSignal(treatment.case_changed):
        qtbot.mouseClick(treatment.schedule_button, Qt.MouseButton.LeftButton)
    treatment.select_session(1)
    treatment.session_notes.setText("Sleep and mood")
    treatment.risk_changed.setChecked(True)
    qtbot.mouseClick(treatment.notes_button, Qt.MouseButton.LeftButton)
    assert "Say how the risk has changed" in treatment.problem.text()
    treatment.select_session(1)
    treatment.risk_note.setText("Partner left; suicidal thoughts; crisis line given, care coordinator told")
    with qtbot.waitSignal(treatment.case_changed):
        qtbot.mouseClick(treatment.notes_button, Qt.MouseButton.LeftButton)

    tab = host(qtbot, RiskTab, pat, referral_id)
    assert "Session 1" in tab.changes.item(0).text() and "crisis line given" in tab.changes.item(0).text()
    tab.agency.setCurrentIndex(tab.agency.findData(SafeguardingAgency.MASH))
    tab.concern.setText("Child in the household")
    qtbot.mouseClick(tab.record_button, Qt.MouseButton.LeftButton)
    assert "Say who the referral was made to" in tab.problem.text()
    tab.made_to.setText("Northtown MASH duty desk")
    tab.reference.setText("MASH/26/1201")
    with qtbot.waitSignal(tab.case_changed):
        qtbot.mouseClick(tab.record_button, Qt.MouseButton.LeftButton)
    assert "MASH, to Northtown MASH duty desk, reference MASH/26/1201: Child in the household" in tab.referrals.item(0).text()
    pat.close()
