"""The Responsible Clinician's report (Manual Appendix 3), read back from the PDF's own text."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest
from pypdf import PdfReader

from cstr_desk.domain import (
    AdministrationStatus, CaseRecord, ClinicalLeadDecision, DecisionOutcome, DecisionReason,
)
from cstr_desk.reports import APPENDIX_3_HEADINGS, ReportNotFinal, missing_for_psr, render_psr
from cstr_desk.reports.sample import CLINICAL_LEAD, PRACTITIONER, sample_case, sample_users
from cstr_desk.vocabulary import DECISION_REASON_NAMES

NOW = datetime(2026, 3, 9, 10, 5, tzinfo=UTC)
USERS = sample_users()
ME = USERS[PRACTITIONER]


def pages(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def flat(pdf: bytes) -> str:
    """All text with line wraps undone, so a wrapped heading reads as one phrase."""
    return " ".join(" ".join(pages(pdf)).split())


def render(case: CaseRecord, final: bool = False) -> bytes:
    return render_psr(case, generated_by=ME, users=USERS, final=final, now=NOW)


def with_decision(case: CaseRecord, **changes: object) -> CaseRecord:
    assert case.decision is not None
    return case.model_copy(update={"decision": case.decision.model_copy(update=changes)})


def test_final_report_prints_every_appendix_3_heading_and_the_case_values() -> None:
    case = sample_case()
    text = flat(render(case, final=True))
    for heading in (*APPENDIX_3_HEADINGS, "Mental Health Treatment Requirement"):
        assert heading in text, heading
    assessment, decision = case.assessment, case.decision
    assert assessment is not None and decision is not None
    expected = [
        "Siân Ó Briain", "14/07/1991", "09/03/2026",  # name, date of birth, date of the report
        "Łukasz Nowak (MHTR practitioner), 09/03/2026 09:10",  # initial assessment by, when
        "Yes, 09/03/2026 09:20, to: Mental Health Treatment Requirement (MHTR)",
        "interpreter was used (Welsh)",
        assessment.presenting_problem, "Long-standing low self-worth after a difficult childhood",
        "Decision: treat", "Dr Gwŷn Llŵyd", *(DECISION_REASON_NAMES[r] for r in decision.reasons),
        decision.recommendations_to_court, decision.treatment_plan, decision.treatment_provider,
        assessment.risk.self_harm, assessment.risk.suicide, assessment.risk.harm_to_others,
        assessment.risk.safeguarding, assessment.risk.crisis_plan,
        "17/03/2026 10:30 at Tŷ Cymorth, 12 Heol y Frenhines, Caerdydd CF10 2BU",
    ]
    for value in expected:
        assert value in text, value


def test_screening_results_give_instrument_date_giver_total_band_and_flags() -> None:
    text = flat(render(sample_case()))
    assert "Screening results" in text
    for row in ("K10 09/03/2026 Anjali Patel (Liaison & Diversion worker) 26 High None",
                "CORE-OM 09/03/2026 Łukasz Nowak (MHTR practitioner) Clinical score 20.3 "
                "(mean 2.03); all minus risk 24.3",
                "Risk item 6 “I have been physically violent to others” answered “Only "
                "occasionally”: review risk to self and others now.",
                "PHQ-9 09/03/2026 Łukasz Nowak (MHTR practitioner) 16 Moderately severe",
                "GAD-7 09/03/2026 Łukasz Nowak (MHTR practitioner) 13 Moderate"):
        assert row in text, row
    assert "CORE-OM domain profile (09/03/2026)" in text
    for label in ("Well-being", "Problems", "Functioning", "Risk", "All items",
                  "All minus risk", "All items cut-off 1.0", "2.25", "2.43", "2.03"):
        assert label in text, label


def test_drafts_and_unscorable_questionnaires_are_not_reported_as_results() -> None:
    case = sample_case()
    draft = case.administrations[2].model_copy(update={"status": AdministrationStatus.DRAFT})
    gappy = case.administrations[3].model_copy(update={"answers": {
        k: v for k, v in case.administrations[3].answers.items() if k not in {"1", "2", "3"}}})
    case = case.model_copy(update={"administrations": [*case.administrations[:2], draft, gappy]})
    text = flat(render(case))
    assert "PHQ-9" not in text
    assert "GAD-7 09/03/2026 Łukasz Nowak (MHTR practitioner) Not scorable" in text


def test_every_page_carries_marking_person_page_count_generated_and_consent() -> None:
    page_texts = pages(render(sample_case()))
    assert len(page_texts) >= 2
    for number, text in enumerate(page_texts, start=1):
        assert text.count("OFFICIAL-SENSITIVE") == 2
        assert "Siân Ó Briain" in text and "Date of birth 14/07/1991" in text
        assert f"Page {number} of {len(page_texts)}" in text
        assert "Generated 09/03/2026 10:05 by Łukasz Nowak (MHTR practitioner)" in text
        assert "Consent: given 09/03/2026 (version 2026.2)" in text


def test_draft_carries_the_watermark_on_every_page_and_lists_what_is_missing() -> None:
    case = sample_case().model_copy(update={"decision": None})
    page_texts = pages(render(case))
    for text in page_texts:
        assert "DRAFT" in text.splitlines(), "the watermark is its own line of text"
    text = flat(render(case))
    assert "Missing information" in text
    assert "The Clinical Lead's decision (treat or decline)" in text
    assert "Awaiting the Clinical Lead's decision." in text


def test_final_has_no_watermark() -> None:
    for text in pages(render(sample_case(), final=True)):
        assert "DRAFT" not in text


def test_final_requires_the_clinical_lead_decision() -> None:
    case = sample_case().model_copy(update={"decision": None})
    with pytest.raises(ReportNotFinal, match="until the Clinical Lead has decided"):
        render(case, final=True)


def test_final_requires_every_item_of_an_acceptance() -> None:
    case = with_decision(sample_case(), treatment_provider=" ", first_appointment_at=None)
    assert missing_for_psr(case) == ["Treatment provider", "When the first therapy session will be"]
    with pytest.raises(ReportNotFinal, match="Missing: Treatment provider; When the first"):
        render(case, final=True)
    text = flat(render(case))
    assert "Not recorded" in text and "When and where are not both recorded" in text


def test_a_decline_is_final_and_says_the_clinical_lead_does_not_recommend_a_cstr() -> None:
    decline = ClinicalLeadDecision(
        referral_id=1, outcome=DecisionOutcome.DECLINE, channel="telephone",
        clinical_lead_name="Dr Gwŷn Llŵyd", discussed_at=NOW,
        reasons=[DecisionReason.NEEDS_SECONDARY_CARE], reason_notes="Psychotic symptoms need the CMHT.",
        signposting="Referred to the community mental health team.",
        recorded_by=CLINICAL_LEAD, recorded_at=NOW,
    )
    case = sample_case()
    withdrawn = case.consents[0].model_copy(update={"withdrawn_at": NOW,
                                                    "withdrawal_reason": "Changed her mind"})
    case = case.model_copy(update={"decision": decline, "consents": [withdrawn]})
    assert missing_for_psr(case) == []
    text = flat(render(case, final=True))
    assert "Decision: decline" in text
    assert "does not recommend a Community Sentence Treatment Requirement" in text
    for value in (DECISION_REASON_NAMES[DecisionReason.NEEDS_SECONDARY_CARE],
                  "Psychotic symptoms need the CMHT.",
                  "Referred to the community mental health team.", "withdrawn",
                  "Changed her mind"):
        assert value in text, value


def test_a_decline_without_reasons_cannot_be_final() -> None:
    case = with_decision(sample_case(), outcome=DecisionOutcome.DECLINE, reasons=[],
                         reason_notes="")
    assert missing_for_psr(case) == ["The Clinical Lead's reasons for declining"]


def test_an_empty_case_lists_everything_missing_and_still_prints_a_draft() -> None:
    base = sample_case()
    case = CaseRecord(person=base.person, referral=base.referral)
    missing = missing_for_psr(case)
    assert missing == [
        "The Clinical Lead's decision (treat or decline)",
        "The practitioner assessment (Manual Appendix 1)",
        "Screening results: no completed questionnaire is recorded",
        "Consent to assessment and treatment (none in force)",
    ]
    text = flat(render(case))
    for item in missing:
        assert item in text
    assert "No: no consent has been recorded." in text


def test_free_text_prints_literally_and_times_are_london_local() -> None:
    case = sample_case()
    assert case.assessment is not None
    assessment = case.assessment.model_copy(update={
        "presenting_problem": "Score <5 & rising; said \"I'm fine\" </para>",
        "completed_at": datetime(2026, 7, 1, 8, 0, tzinfo=UTC),  # 09:00 British Summer Time
    })
    text = flat(render(case.model_copy(update={"assessment": assessment})))
    assert "Score <5 & rising; said \"I'm fine\" </para>" in text
    assert "Łukasz Nowak (MHTR practitioner), 01/07/2026 09:00" in text


def test_names_outside_latin_1_survive_and_the_fonts_are_embedded() -> None:
    pdf = render(sample_case(), final=True)
    text = flat(pdf)
    for name in ("Siân", "Ó Briain", "Łukasz", "Gwŷn Llŵyd", "Tŷ Cymorth"):
        assert name in text
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            # Only subset-embedded DejaVu: a standard font would print Ł and ŵ as boxes.
            assert str(font["/BaseFont"]).split("+")[-1] in {"DejaVuSans", "DejaVuSans-Bold"}
            assert "/FontFile2" in font["/FontDescriptor"].get_object()


def test_long_free_text_flows_across_pages_without_losing_a_word() -> None:
    case = sample_case()
    assert case.assessment is not None
    sentences = [f"Sentence {n} of the formulation, written at length." for n in range(1, 260)]
    long_text = " ".join(sentences)
    case = case.model_copy(update={"assessment": case.assessment.model_copy(
        update={"formulation": long_text})})
    pdf = render(case, final=True)
    assert len(pages(pdf)) >= 5
    text = flat(pdf)
    for sentence in (sentences[0], sentences[128], sentences[-1]):
        assert sentence in text
