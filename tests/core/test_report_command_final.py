"""`cstr-desk report psr --final` for a declined case, and for a treat case whose consent,
decision and provider acceptance are recorded (issue 11 acceptance)."""

from __future__ import annotations

import io
from datetime import UTC, datetime

from pypdf import PdfReader

from cstr_desk.domain import (
    DECLINE_REASONS, ClinicalLeadDecision, DecisionChannel, DecisionOutcome, OrderType,
    ProviderAcceptance, Requirement, Role,
)
from cstr_desk.store import open_with_password
from cstr_desk.store.testing import TEST_PASSWORD, USERNAMES
from test_reports_commands import NOW, consented_case, password_in_environment, report  # noqa: F401 (autouse fixture)

CL, CDO, PRACT = Role.CLINICAL_LEAD, Role.COURT_DUTY_OFFICER, Role.PRACTITIONER


def text_of(pdf: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())


def _decide(path, referral_id: int, outcome: DecisionOutcome, requirements) -> None:
    with open_with_password(path, USERNAMES[CL], TEST_PASSWORD) as lead:
        treat = outcome is DecisionOutcome.TREAT
        lead.record_decision(ClinicalLeadDecision(
            referral_id=referral_id, outcome=outcome, channel=DecisionChannel.ON_DEVICE,
            clinical_lead_name=lead.user.full_name, discussed_at=NOW,
            reasons=[] if treat else [DECLINE_REASONS[0]],
            recommendations_to_court="MHTR and ATR, 12 months" if treat else "",
            recommended_requirements=list(requirements) if treat else [],
            recommended_length_months=12 if treat else None,
            recommended_order_type=OrderType.COMMUNITY_ORDER if treat else None,
            reason_notes="Discussed by telephone" if treat else "",
            treatment_plan="Weekly sessions" if treat else "",
            treatment_provider="Primary care MHTR service" if treat else "",
            first_appointment_at=NOW if treat else None,
            first_appointment_place="Tŷ Cymorth" if treat else "",
            signposting="" if treat else "Community mental health team",
            recorded_by=lead.user.id, recorded_at=NOW))


def test_a_declined_case_gets_its_final_report_from_the_command(tmp_path) -> None:
    path = tmp_path / "court.cstr"
    _, referral_id = consented_case(path)
    _decide(path, referral_id, DecisionOutcome.DECLINE, ())
    out = tmp_path / "final.pdf"
    assert report(path, referral_id, out, "psr", "--final", role=CL) == 0
    text = text_of(out.read_bytes())
    assert "FINAL: the Clinical Lead declined to treat" in text and "DRAFT" not in text
    assert report(path, referral_id, tmp_path / "cdo.pdf", "psr", "--final", role=CDO) == 0


def test_a_treat_case_with_the_providers_acceptance_gets_its_final_report(tmp_path, capsys) -> None:
    path = tmp_path / "court.cstr"
    _, referral_id = consented_case(path)
    with open_with_password(path, USERNAMES[PRACT], TEST_PASSWORD) as practitioner:
        first = practitioner.load_case(referral_id).consents[0]
        practitioner.withdraw_consent(first.id, NOW, "Renewed to add the ATR")
        practitioner.record_consent(first.model_copy(update={
            "id": None, "requirements_assessed_for": [Requirement.MHTR, Requirement.ATR],
            "requirements_consented": [Requirement.MHTR, Requirement.ATR],
            "consented_at": datetime(2025, 3, 3, 10, 5, tzinfo=UTC),
            "withdrawn_at": None, "withdrawal_reason": None}))
    _decide(path, referral_id, DecisionOutcome.TREAT, (Requirement.MHTR, Requirement.ATR))
    out = tmp_path / "final.pdf"
    assert report(path, referral_id, out, "psr", "--final", role=CL) == 1
    assert "answer on the ATR is not known yet" in capsys.readouterr().err
    with open_with_password(path, USERNAMES[CDO], TEST_PASSWORD) as cdo:
        cdo.record_provider_acceptance(ProviderAcceptance(
            referral_id=referral_id, requirements=[Requirement.ATR], accepted=True,
            provider_name="Alcohol Service", decided_at=NOW, recorded_by=cdo.user.id,
            recorded_at=NOW))
    assert report(path, referral_id, out, "psr", "--final", role=CL) == 0
    text = text_of(out.read_bytes())
    assert "FINAL: the Clinical Lead approved treatment" in text
    assert "ATR: accepted by the treatment provider, Alcohol Service" in text
    assert "Requirement(s): MHTR and ATR" in text
