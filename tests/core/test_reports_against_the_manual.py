"""The court's report, the GP letter and the flags read beside the Manual (issue 11): a decline
can be final, advice fits what was given, the CORE-OM chart draws only cited cut-offs, risk
flags name the item and the answer, and a risk text that contradicts an endorsed item is listed
for the practitioner to resolve. Read back from the PDF's own text."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from pypdf import PdfReader
from reportlab.graphics.shapes import Line

import scoring
from cstr_desk.domain import CaseRecord, OrderType, Requirement
from cstr_desk.reports import (
    ReportNotFinal, missing_for_psr, render_completion_summary, render_consent_copy,
    render_gp_letter, render_psr,
)
from cstr_desk.reports.charts import ReferenceLine
from cstr_desk.reports.risk_check import risk_conflicts
from cstr_desk.reports.sample import (
    CLINICAL_LEAD, CORE_OM_BEFORE, HEARING, PRACTITIONER, administration, sample_case,
    sample_completed_case, sample_contacts, sample_declined_case, sample_mhtr_atr_case,
    sample_users, sample_withdrawn_case,
)
from cstr_desk.reports.screening import core_om_profile
from cstr_desk.score_words import band_label, flag_words
from test_pathway_cases import audit_answers

USERS = sample_users()
ME, LEAD = USERS[PRACTITIONER], USERS[CLINICAL_LEAD]
NOW = HEARING + timedelta(hours=1)


def flat(pdf: bytes) -> str:
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return " ".join(text.split())


def psr(case: CaseRecord, final: bool = False, by=ME) -> str:
    return flat(render_psr(case, generated_by=by, users=USERS, final=final, now=NOW))


def gp_letter(case: CaseRecord) -> str:
    return flat(render_gp_letter(case, generated_by=ME, users=USERS, now=NOW))


def with_answers(case: CaseRecord, instrument_id: str, values: list[int]) -> CaseRecord:
    given = administration(instrument_id, values, HEARING - timedelta(minutes=30), PRACTITIONER)
    others = [a for a in case.administrations if a.instrument_id != instrument_id]
    return case.model_copy(update={"administrations": [*others, given]})


# --- 1. a decline can be final ------------------------------------------------------------


def test_a_declined_case_gets_a_final_report_that_says_so_plainly() -> None:
    text = psr(sample_declined_case(), final=True, by=LEAD)
    assert "DRAFT" not in text
    assert "FINAL: the Clinical Lead declined to treat, with reasons given below" in text
    assert "Decision: decline" in text and "does not recommend a Community Sentence" in text
    assert "Needs secondary care" in text
    assert "Signed off by Dr Gwŷn Llŵyd (Clinical Lead), 09/03/2026 10:30" in text


# --- 2. AUDIT-C advice after a full AUDIT -----------------------------------------------------


@pytest.mark.parametrize("total", [18, 19, 24])
def test_a_full_audit_never_asks_for_the_full_audit(total: int) -> None:
    values = audit_answers(total)
    case = with_answers(sample_case(), "audit", [values.get(n) or 0 for n in range(1, 11)])
    for text in (psr(case), gp_letter(case)):
        assert "AUDIT 09/03/2026" in text
        assert "complete the full AUDIT" not in text
    result = scoring.score("audit", values)
    assert not any("complete the full AUDIT" in flag_words("audit", f) for f in result.flags)
    assert result.band is not None and "complete" not in band_label(result.band)


def test_an_audit_c_followed_by_the_full_audit_says_it_was_given() -> None:
    case = with_answers(sample_case(), "auditc", [4, 2, 2])
    values = audit_answers(24)
    full = administration("audit", [values.get(n) or 0 for n in range(1, 11)],
                          HEARING - timedelta(minutes=10), PRACTITIONER)
    case = case.model_copy(update={"administrations": [*case.administrations, full]})
    text = psr(case)
    assert "complete the full AUDIT" not in text
    assert "AUDIT-C 8 (5 or more) is positive; the full AUDIT was given on 09/03/2026 (total 24)" in text
    alone = psr(with_answers(sample_case(), "auditc", [4, 2, 2]))
    assert "AUDIT-C 8 (5 or more) is positive: complete the full AUDIT" in alone


# --- 3. the CORE-OM chart ---------------------------------------------------------------------


def _reference_lines(drawing) -> list[Line]:
    colour = ReferenceLine(0, "", "").colour
    return [shape for shape in drawing.contents
            if isinstance(shape, Line) and shape.strokeColor == colour]


def test_the_clinical_cut_off_is_drawn_over_all_items_only() -> None:
    result = scoring.score("core34", dict(enumerate(CORE_OM_BEFORE, start=1)))
    drawing = core_om_profile(result)
    lines = _reference_lines(drawing)
    assert len(lines) == 1
    labels = {s.text: s.x for s in drawing.contents if getattr(s, "text", None)}
    all_items, before = labels["All items"], labels["All minus risk"]
    # The line spans the All-items slot only: it starts after the bar before it, never over Risk.
    assert before < lines[0].x1 < all_items < lines[0].x2
    assert labels["Risk"] < lines[0].x1


def test_the_profile_says_the_cut_off_is_not_for_a_domain_and_points_to_endorsed_risk_items() -> None:
    text = psr(sample_case())
    assert "no cut-off is drawn for a single domain" in text
    assert "Risk items endorsed (6): see the flags above" in text
    assert "below cut-off" not in text.lower()


# --- 4. risk flags that name the item, and conflicts ------------------------------------------


def test_risk_flags_name_the_item_and_the_answer_on_the_report_and_the_gp_letter() -> None:
    named = "Risk item 9 “Thoughts that you would be better off dead or of hurting yourself in some way” answered “Several days”"
    for text in (psr(sample_case()), gp_letter(sample_case())):
        assert named in text
        assert "A risk item was answered" not in text


def _plans_endorsed() -> CaseRecord:
    values = list(CORE_OM_BEFORE)
    values[15] = 2  # item 16 "I made plans to end my life": "Sometimes"
    return with_answers(sample_case(), "core34", values)


def test_an_endorsed_plan_against_a_no_plans_risk_text_is_listed_for_the_practitioner() -> None:
    case = _plans_endorsed()  # the suicide text reads "... no plans or intent."
    [conflict] = risk_conflicts(case)
    assert (conflict.instrument_id, conflict.item, conflict.field) == ("core34", 16, "suicide")
    missing = " ".join(missing_for_psr(case))
    assert "CORE-OM item 16 “I made plans to end my life” was answered “Sometimes”" in missing
    assert "no plans or intent" in missing
    with pytest.raises(ReportNotFinal, match="item 16"):
        render_psr(case, generated_by=LEAD, users=USERS, final=True, now=NOW)
    assert "Risk information conflicts with a questionnaire answer" in psr(case)


def test_a_risk_text_that_speaks_to_the_item_resolves_the_conflict() -> None:
    case = _plans_endorsed()
    risk = case.assessment.risk.model_copy(update={
        "suicide": "Endorsed CORE-OM item 16 in the cells; on interview no plans or intent now."})
    case = case.model_copy(update={"assessment": case.assessment.model_copy(update={"risk": risk})})
    assert risk_conflicts(case) == []
    assert "Risk information conflicts" not in " ".join(missing_for_psr(case))


def test_thoughts_without_plans_do_not_conflict_with_a_no_plans_text() -> None:
    # PHQ-9 item 9 (thoughts) endorsed, and "passive thoughts, no plans" is consistent with it.
    assert risk_conflicts(sample_case()) == []


# --- 7. what the court must also be told ------------------------------------------------------


def test_the_report_shows_gp_registration_the_structured_recommendation_and_approvals() -> None:
    text = psr(sample_mhtr_atr_case(), final=True, by=LEAD)
    assert "GP registration (Manual §4.1) Registered with a GP (Meddygfa Tŷ Newydd)" in text
    assert "Requirement(s): MHTR and ATR Length: 12 months Order: a community order" in text
    assert "MHTR: approved by the Clinical Lead, Dr Gwŷn Llŵyd, 09/03/2026 09:50" in text
    assert "ATR: accepted by the treatment provider, Cardiff Alcohol Service (Kaleidoscope), 09/03/2026 11:30" in text
    assert "Date of this report 09/03/2026" in text
    assert "Signed off Dr Gwŷn Llŵyd (Clinical Lead), 09/03/2026 10:30" in text


def test_a_report_waits_for_the_providers_answer_and_for_the_structured_recommendation() -> None:
    case = sample_mhtr_atr_case().model_copy(update={"provider_acceptances": []})
    decision = case.decision.model_copy(update={"recommended_length_months": None,
                                                "recommended_order_type": None})
    case = case.model_copy(update={"decision": decision})
    missing = missing_for_psr(case)
    assert "The treatment provider's answer on the ATR (Manual §2.4)" in missing
    assert "The length recommended (Manual §4.5.1)" in missing
    text = psr(case)
    assert "ATR: the treatment provider's answer is not known yet" in text
    assert "Not signed off yet" in text


def test_no_gp_registration_is_told_to_the_court() -> None:
    case = sample_case()
    case = case.model_copy(update={"assessment": case.assessment.model_copy(update={"gp_registered": False})})
    assert "Not registered with a GP. Registration is a prerequisite of an MHTR" in psr(case)


def test_lists_read_as_people_write_them() -> None:
    case = sample_mhtr_atr_case()
    assert case.decision.recommended_order_type is OrderType.COMMUNITY_ORDER
    assert case.approved_requirements() == [Requirement.MHTR, Requirement.ATR]
    text = psr(case, final=True, by=LEAD)
    assert "Mental Health Treatment Requirement (MHTR) and Alcohol Treatment Requirement (ATR)" in text


# --- 5, 6. the consent copy: Appendix 2's wording and the contact details ---------------------


def consent_copy(case: CaseRecord, easy_read: bool, contacts=None) -> str:
    return flat(render_consent_copy(case, case.consents[0], easy_read=easy_read, users=USERS,
                                    now=NOW, contacts=contacts))


def test_the_consent_copy_keeps_appendix_2s_retention_and_prints_the_contacts() -> None:
    case, contacts = sample_case(), sample_contacts()
    text = consent_copy(case, easy_read=False, contacts=contacts)
    assert "encrypted and stored electronically and securely indefinitely" in text
    assert "please use the contact details below. The service: Cardiff CSTR service" in text
    assert "phone 029 2000 1234, secure email cstr.cardiff@wales.nhs.uk" in text
    assert "Practitioner: Łukasz Nowak, phone 029 2000 1235" in text
    easy = consent_copy(case, easy_read=True, contacts=contacts)
    assert "We keep it for good. We do not throw it away." in easy
    assert "To ask, use the contact details on this page. The service: Cardiff CSTR service" in easy


def test_without_contacts_the_copy_says_they_are_not_set() -> None:
    text = consent_copy(sample_case(), easy_read=False)
    assert "contact details are not set yet: an administrator adds them" in text


def test_easy_read_you_said_boxes_are_in_easy_read_words_and_the_atr_has_its_point() -> None:
    case = sample_mhtr_atr_case()
    easy = consent_copy(case, easy_read=True, contacts=sample_contacts())
    assert "You said: I know what you write down, who you share it with and why." in easy
    assert "You said: I know I will take part in alcohol treatment." in easy
    assert "I understand what information about me is shared" not in easy


def test_the_report_and_the_gp_letter_print_the_contacts() -> None:
    contacts = sample_contacts()
    report = flat(render_psr(sample_case(), generated_by=ME, users=USERS, now=NOW, contacts=contacts))
    assert "Contact details (Manual §5.2) The service: Cardiff CSTR service" in report
    assert "Treatment provider: Primary care MHTR service, Cardiff and Vale UHB, phone 029 2000 1240" in report
    letter = flat(render_gp_letter(sample_completed_case(), generated_by=ME, users=USERS,
                                   now=NOW, contacts=contacts))
    assert "How to contact us The service: Cardiff CSTR service" in letter
    assert "Clinical Lead: Dr Gwŷn Llŵyd, phone 029 2000 1236" in letter


# --- 8. the GP letter -------------------------------------------------------------------------


def test_a_declined_case_letter_gives_the_court_outcome_and_signposting() -> None:
    text = gp_letter(sample_declined_case())
    assert "Not accepted." in text
    assert "the court gave a community order of 12 months with these requirements: unpaid work" in text
    assert "Referred to the Cardiff community mental health team" in text


def test_without_a_gp_surgery_the_letter_is_a_draft_listing_it() -> None:
    case = sample_completed_case()
    consent = case.consents[0].model_copy(update={"gp_surgery": None})
    case = case.model_copy(update={"consents": [consent],
                                   "person": case.person.model_copy(update={"gp_practice": None})})
    text = gp_letter(case)
    assert "DRAFT: not ready to send. Missing: The GP surgery" in text
    assert "GP surgery: not recorded" in text


def test_the_risk_section_is_there_whenever_a_risk_item_was_endorsed() -> None:
    case = sample_completed_case()
    blank = case.assessment.risk.model_copy(update={
        "self_harm": "", "suicide": "", "harm_to_others": "", "safeguarding": "", "crisis_plan": ""})
    case = case.model_copy(update={"assessment": case.assessment.model_copy(update={"risk": blank})})
    text = gp_letter(case)
    assert "Risk information" in text and "Risk items endorsed on the questionnaires" in text
    assert "PHQ-9 09/03/2026: Risk item 9" in text


def test_after_withdrawal_the_letter_holds_only_risk_and_safeguarding_and_says_why() -> None:
    text = gp_letter(sample_withdrawn_case())
    assert "withdrew their consent to share information on 30/03/2026" in text
    assert "concerns around threats being made to self or others, safeguarding issues" in text
    assert "Safeguarding: No children in her care" in text
    assert "Suicide: Passive thoughts" in text
    for withheld in ("Presenting problem", "Questionnaire results", "Treatment plan",
                     "Low mood and anxiety for about two years"):
        assert withheld not in text, withheld


# --- 9, 10. the completion summary and the licence lines -------------------------------------


def test_the_completion_summary_gives_risk_before_and_after_follow_ups_and_signposting() -> None:
    text = flat(render_completion_summary(sample_completed_case(), generated_by=ME, users=USERS,
                                          now=NOW))
    assert "CORE-OM risk domain (mean 0-4) 0.17 (09/03/2026) 0.00 (08/06/2026)" in text
    assert "“Several days” (09/03/2026) “Not at all” (08/06/2026)" in text
    assert "3 months: done 08/09/2026: Mood stable" in text
    assert "6 months: due 08/12/2026, not recorded yet." in text
    assert "12 months: due 08/06/2027, not recorded yet." in text
    assert "Given the local services sheet" in text


@pytest.mark.parametrize("render", ["psr", "gp", "completion"])
def test_each_instruments_copyright_line_is_printed_with_its_results(render: str) -> None:
    case = sample_completed_case()
    pdf = {"psr": lambda: render_psr(case, generated_by=ME, users=USERS, now=NOW),
           "gp": lambda: render_gp_letter(case, generated_by=ME, users=USERS, now=NOW),
           "completion": lambda: render_completion_summary(case, generated_by=ME, users=USERS,
                                                           now=NOW)}[render]()
    text = flat(pdf)
    for line in ("CORE-OM: © CORE System Trust: https://www.coresystemtrust.org.uk/copyright.pdf",
                 "PHQ-9: Copyright © Pfizer Inc.", "GAD-7: Copyright © Pfizer Inc.",
                 "Kessler RC, Barker PR"):
        assert line in text, (render, line)
