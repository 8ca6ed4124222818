"""The GP letter (accepted and declined cases) and the completion summary."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

import pytest
from pypdf import PdfReader

from cstr_desk.domain import (
    Attendance, CaseRecord, DecisionOutcome, MissedReason, ReferralSource, TreatmentSession,
)
from cstr_desk.paths import resource_path
from cstr_desk.reports import ReportNotReady, render_completion_summary, render_gp_letter
from cstr_desk.outcome_pairs import outcome_pairs
from cstr_desk.reports.sample import PRACTITIONER, sample_case, sample_completed_case, sample_users
from cstr_desk.vocabulary import REFERRED_BY
from scoring.result import ChangeClass

NOW = datetime(2026, 6, 12, 15, 0, tzinfo=UTC)
USERS = sample_users()
ME = USERS[PRACTITIONER]


def flat(pdf: bytes) -> str:
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return " ".join(text.split())


def letter(case: CaseRecord) -> str:
    return flat(render_gp_letter(case, generated_by=ME, users=USERS, now=NOW))


def summary(case: CaseRecord) -> str:
    return flat(render_completion_summary(case, generated_by=ME, users=USERS, now=NOW))


def test_gp_letter_for_an_accepted_case_gives_the_outcome_and_treatment() -> None:
    text = letter(sample_completed_case())
    for value in ("To the GP, Meddygfa Tŷ Newydd", "Date: 12/06/2026", "Re: Siân Ó Briain",
                  "NHS number 943 476 5919", "Cardiff Magistrates' Court",
                  "referral from Liaison and Diversion",
                  "Accepted. On 09/03/2026 the Clinical Lead, Dr Gwŷn Llŵyd, recommended",
                  "Mental Health Treatment Requirement (MHTR)",
                  "the court gave a community order of 12 months with these requirements: "
                  "MHTR, rehabilitation activity (RAR).",
                  "Treatment provider: Primary care MHTR service",
                  "First appointment: 17/03/2026 10:30 at Tŷ Cymorth",
                  "Crisis plan: Samaritans 116 123", "Questionnaire results",
                  "Yours sincerely, Łukasz Nowak MHTR practitioner Cardiff CSTR",
                  "shared with your patient's consent, given on 09/03/2026"):
        assert value in text, value


def test_gp_letter_for_a_declined_case_gives_reasons_and_signposting() -> None:
    case = sample_case()
    assert case.decision is not None
    decline = case.decision.model_copy(update={
        "outcome": DecisionOutcome.DECLINE, "reasons": ["needs_secondary_care"],
        "signposting": "Self-referral to Talking Therapies; Samaritans 116 123."})
    text = letter(case.model_copy(update={"decision": decline}))
    assert ("Not accepted. On 09/03/2026 the Clinical Lead, Dr Gwŷn Llŵyd, did not recommend"
            in text)
    assert "Needs secondary care" in text
    assert "Other support recommended (signposting) Self-referral to Talking Therapies" in text
    assert "Treatment provider" not in text


def test_gp_letter_needs_the_clinical_lead_decision() -> None:
    with pytest.raises(ReportNotReady, match="none is recorded"):
        letter(sample_case().model_copy(update={"decision": None}))


def test_completion_compares_first_and_last_administration_of_each_instrument() -> None:
    pairs = {p.instrument_id: p for p in outcome_pairs(sample_completed_case())}
    assert set(pairs) == {"k10", "core34", "phq9", "gad7"}
    assert pairs["k10"].after is None
    phq9 = pairs["phq9"].change
    assert phq9 is not None and (phq9.before, phq9.after) == (16, 5)
    assert phq9.classification is ChangeClass.RELIABLE_IMPROVEMENT


def test_completion_summary_tables_outcomes_and_attendance() -> None:
    text = summary(sample_completed_case())
    for value in (
        "Treatment completion summary", "Completed on 08/06/2026",
        "PHQ-9 16 (09/03/2026) 5 (08/06/2026) -11.0 Reliable improvement (a change of 6 or more "
        "is reliable). Moved from the clinical range (cut-off 10) to below it.",
        "CORE-OM (clinical score) 20.3 (09/03/2026) 9.4 (08/06/2026) -10.9",
        "K10 26 (09/03/2026) Not recorded - No end-of-treatment measure recorded.",
        "Scores before and after", "Before treatment",
        "Attended 10 (83% of sessions due); missed 2; cancelled 0; still to come 0.",
        "within 48 hours: 1 of 2",
        "9 12/05/2026 11:30 Missed Other: Childcare fell through 14/05/2026 23:30 (later than "
        "48 hours)",
        "Breaches None recorded",
    ):
        assert value in text, value


def test_completion_summary_without_sessions_or_second_measures_says_so() -> None:
    text = summary(sample_case())
    assert "No treatment sessions are recorded." in text
    assert "The end of treatment is not recorded yet." in text
    assert "Scores before and after" not in text


def test_a_missed_session_not_yet_told_to_the_offender_manager_is_visible() -> None:
    start = datetime(2026, 3, 17, 10, 30, tzinfo=UTC)
    sessions = [TreatmentSession(referral_id=1, number=1, scheduled_at=start,
                                 attendance=Attendance.MISSED,
                                 missed_reason=MissedReason.UNDER_THE_INFLUENCE),
                TreatmentSession(referral_id=1, number=2, scheduled_at=start + timedelta(weeks=1))]
    text = summary(sample_case().model_copy(update={"sessions": sessions}))
    assert "1 17/03/2026 10:30 Missed Under the influence Not recorded" in text
    assert "still to come 1" in text and "within 48 hours: 0 of 1" in text


def test_resource_path_finds_the_shipped_fonts() -> None:
    # The frozen bundle's copy is proven by tests/bundle (a real PyInstaller build).
    assert resource_path("fonts", "DejaVuSans.ttf").is_file()


@pytest.mark.parametrize("source", list(ReferralSource))
def test_the_letter_names_every_referral_source(source: ReferralSource) -> None:
    """"After a referral from ..." had no words for IAPT or a PSR author, so the letter for
    such a case could not be made."""
    case = sample_case()
    referral = case.referral.model_copy(update={"referral_source": source,
                                                "referral_source_other": "a youth worker"})
    expected = REFERRED_BY.get(source, "a youth worker")
    assert f"after a referral from {expected}" in letter(case.model_copy(update={"referral": referral}))
