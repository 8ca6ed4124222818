"""The letter to the person's GP, for accepted and declined cases alike (DOMAIN.md pathway step
9; Manual §2.4 asks for the reasons a CSTR was accepted or declined and the support recommended).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from cstr_desk.ukdates import uk_date, uk_datetime
from cstr_desk.domain import ROLE_LABELS, CaseRecord, ClinicalLeadDecision, DecisionOutcome, User
from cstr_desk.reports.layout import (
    PageFurniture, Para, Styles, build_pdf, consent_status, escape, make_styles, paragraphs,
    staff_name, user_name,
)
from cstr_desk.reports.screening import results_table, scored
from cstr_desk.reports.wording import (
    decision_reasons, referral_source, requirement_list, sentence_summary,
)


class ReportNotReady(Exception):
    """The record lacks what this report exists to tell; the message says what, plainly."""


def render_gp_letter(case: CaseRecord, *, generated_by: User, users: Mapping[int, User],
                     now: datetime | None = None) -> bytes:
    """The GP letter as PDF bytes; raises ReportNotReady before the Clinical Lead has decided."""
    decision = case.decision
    if decision is None:
        raise ReportNotReady("The GP letter reports the Clinical Lead's decision, and none is "
                             "recorded for this case yet.")
    now = now or datetime.now(UTC)
    styles = make_styles()
    story = [*_address(case, now, styles), *_introduction(case, users, styles),
             *_outcome(case, decision, styles), *_risk(case, styles),
             *_screening(case, users, styles), *_closing(case, generated_by, styles)]
    furniture = PageFurniture(
        report_title="Letter to the GP", person=case.person, generated_at=now,
        generated_by=staff_name(generated_by),
        consent_status=consent_status(case.current_consent),
    )
    return build_pdf(story, furniture)


def _address(case: CaseRecord, now: datetime, styles: Styles) -> list[Flowable]:
    consent = case.current_consent
    surgery = (consent.gp_surgery if consent else None) or case.person.gp_practice
    person = case.person
    about = [f"<b>Re: {escape(person.full_name)}</b>",
             f"Date of birth {uk_date(person.date_of_birth)}"]
    if person.nhs_number:
        about.append(f"NHS number {escape(person.nhs_number)}")
    if person.postcode:
        about.append(f"Postcode {escape(person.postcode)}")
    to = (Para(f"To the GP, {escape(surgery)}", styles.body) if surgery
          else Para("GP surgery: not recorded", styles.warning))
    return [Para("Letter to the GP", styles.title), to,
            Para(f"Date: {uk_date(now)}", styles.body), Spacer(1, 2 * mm),
            Para("<br/>".join(about), styles.body), Spacer(1, 2 * mm),
            Para("Dear Doctor,", styles.body)]


def _introduction(case: CaseRecord, users: Mapping[int, User], styles: Styles) -> list[Flowable]:
    referral = case.referral
    text = (f"Your patient was seen by the Community Sentence Treatment Requirement (CSTR) "
            f"service at {escape(referral.court)} for the hearing on "
            f"{uk_date(referral.hearing_date)}, after a referral from "
            f"{escape(referral_source(referral))}.")
    assessment = case.assessment
    if assessment and assessment.completed_by is not None:
        when = f" on {uk_date(assessment.completed_at)}" if assessment.completed_at else ""
        text += (f" The mental health assessment was completed by "
                 f"{escape(user_name(users, assessment.completed_by))}{when}.")
    blocks: list[Flowable] = [Para(text, styles.body)]
    if assessment and assessment.presenting_problem.strip():
        blocks.append(Para("Presenting problem", styles.label))
        blocks += paragraphs(assessment.presenting_problem, styles.body)
    return blocks


def _outcome(case: CaseRecord, decision: ClinicalLeadDecision, styles: Styles) -> list[Flowable]:
    lead = escape(decision.clinical_lead_name)
    blocks: list[Flowable] = [Para("Outcome", styles.heading)]
    if decision.outcome is DecisionOutcome.TREAT:
        consent = case.current_consent
        requirements = requirement_list(consent.requirements_consented) if consent else ""
        blocks.append(Para(
            f"Accepted. On {uk_date(decision.discussed_at)} the Clinical Lead, {lead}, "
            f"recommended to the court a {escape(requirements or 'treatment requirement')}.",
            styles.body))
        blocks.append(Para(escape(sentence_summary(case.sentence)), styles.body))
        blocks += _treatment_details(decision, styles)
    else:
        blocks.append(Para(
            f"Not accepted. On {uk_date(decision.discussed_at)} the Clinical Lead, {lead}, did "
            "not recommend a Community Sentence Treatment Requirement.", styles.body))
    reasons = decision_reasons(decision)
    if reasons:
        blocks.append(Para("Reasons", styles.label))
        blocks += [Para("• " + escape(r), styles.body) for r in reasons]
    blocks += paragraphs(decision.reason_notes, styles.body)
    if decision.signposting.strip():
        blocks.append(Para("Other support recommended (signposting)", styles.label))
        blocks += paragraphs(decision.signposting, styles.body)
    return blocks


def _treatment_details(decision: ClinicalLeadDecision, styles: Styles) -> list[Flowable]:
    blocks: list[Flowable] = []
    if decision.treatment_provider.strip():
        blocks.append(Para(f"Treatment provider: {escape(decision.treatment_provider)}",
                                styles.body))
    if decision.first_appointment_at:
        place = escape(decision.first_appointment_place) or "place not recorded"
        blocks.append(Para(f"First appointment: {uk_datetime(decision.first_appointment_at)}"
                                f" at {place}", styles.body))
    if decision.treatment_plan.strip():
        blocks.append(Para("Treatment plan", styles.label))
        blocks += paragraphs(decision.treatment_plan, styles.body)
    return blocks


def _risk(case: CaseRecord, styles: Styles) -> list[Flowable]:
    if case.assessment is None:
        return []
    risk = case.assessment.risk
    lines = [(label, text) for label, text in (
        ("Self-harm", risk.self_harm), ("Suicide", risk.suicide),
        ("Harm to others", risk.harm_to_others), ("Safeguarding", risk.safeguarding),
        ("Crisis plan", risk.crisis_plan)) if text.strip()]
    if not lines:
        return []
    return [Para("Risk information", styles.heading),
            *[Para(f"<b>{label}:</b> {escape(text)}", styles.body) for label, text in lines]]


def _screening(case: CaseRecord, users: Mapping[int, User], styles: Styles) -> list[Flowable]:
    entries = scored(case)
    if not entries:
        return []
    return [Para("Questionnaire results", styles.heading),
            results_table(entries, users, styles)]


def _closing(case: CaseRecord, author: User, styles: Styles) -> list[Flowable]:
    consent = case.current_consent
    if consent and not consent.withdrawn_at:
        shared = (f"This letter is shared with your patient's consent, given on "
                  f"{uk_date(consent.consented_at)}.")
    else:
        shared = ("Your patient's consent to share information is not in force; this letter is "
                  "sent under the CSTR service's information-sharing duties.")
    return [Spacer(1, 3 * mm), Para(shared, styles.small), Spacer(1, 3 * mm),
            Para("Yours sincerely,", styles.body), Spacer(1, 8 * mm),
            Para(escape(author.full_name), styles.label),
            Para(escape(ROLE_LABELS[author.role]), styles.body),
            Para(escape(case.referral.site), styles.body)]
