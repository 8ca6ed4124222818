"""The letter to the person's GP, for accepted and declined cases alike (Manual §5.3 "Produce
letter to GP (for both accepted and declined)"; §2.4 asks for the reasons a CSTR was accepted or
declined and the support recommended).

A declined case's letter gives the court's outcome and the signposting; a letter with no GP
surgery to go to is a DRAFT that says so; the risk section is there whenever a questionnaire's
risk item was endorsed. Once consent is withdrawn the letter holds only what the combined
consent allows without it (Manual Appendix 2: disclosure without consent "will only happen if
there are any concerns around threats being made to self or others, safeguarding issues around
adults or children or any serious criminal offence"), and says why.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from cstr_desk.ukdates import uk_date, uk_datetime
from cstr_desk.domain import (
    ROLE_LABELS, CaseRecord, ClinicalLeadDecision, DecisionOutcome, ServiceContacts, User,
)
from cstr_desk.reports.layout import (
    PageFurniture, Para, Styles, build_pdf, consent_status, escape, make_styles, paragraphs,
    staff_name, table_heading, user_name,
)
from cstr_desk.reports.screening import instrument_title, licence_lines, results_table, scored
from cstr_desk.reports.wording import (
    contact_block, decision_reasons, referral_source, requirement_list, sentence_summary,
)
from cstr_desk.score_words import flag_words
from scoring.result import FlagCode


class ReportNotReady(Exception):
    """The record lacks what this report exists to tell; the message says what, plainly."""


# Manual Appendix 2, "What is meant by data sharing?": what may be shared without consent.
WITHOUT_CONSENT = ("There may be occasions where staff are duty bound to disclose personal "
                   "information without your consent. This will only happen if there are any "
                   "concerns around threats being made to self or others, safeguarding issues "
                   "around adults or children or any serious criminal offence you inform us you "
                   "are going to commit.")
LETTER_CONTACTS = ("service", "practitioner", "clinical_lead")


def gp_surgery(case: CaseRecord) -> str | None:
    consent = case.current_consent
    return (consent.gp_surgery if consent else None) or case.person.gp_practice


def missing_for_gp_letter(case: CaseRecord) -> list[str]:
    """What the letter lacks before it can be sent; an empty list means it is ready."""
    return [] if gp_surgery(case) else ["The GP surgery (none is recorded for this person)"]


def render_gp_letter(case: CaseRecord, *, generated_by: User, users: Mapping[int, User],
                     now: datetime | None = None,
                     contacts: ServiceContacts | None = None, audit_reference: str = "") -> bytes:
    """The GP letter as PDF bytes; raises ReportNotReady before the Clinical Lead has decided.
    A letter with something missing is a DRAFT listing it."""
    decision = case.decision
    if decision is None:
        raise ReportNotReady("The GP letter reports the Clinical Lead's decision, and none is "
                             "recorded for this case yet.")
    now = now or datetime.now(UTC)
    styles = make_styles()
    missing = missing_for_gp_letter(case)
    story = [*_address(case, now, styles), *_missing(missing, styles)]
    if case.current_consent is not None and case.consent_in_force is None:
        story += _without_consent(case, styles)
    else:
        story += [*_introduction(case, users, styles), *_outcome(case, decision, styles),
                  *_risk(case, styles), *_screening(case, users, styles)]
    story += _closing(case, generated_by, contacts, styles)
    furniture = PageFurniture(
        report_title="Letter to the GP" + (" (DRAFT)" if missing else ""), person=case.person,
        generated_at=now, generated_by=staff_name(generated_by),
        consent_status=consent_status(case.current_consent), draft=bool(missing),
        audit_reference=audit_reference,
    )
    return build_pdf(story, furniture)


def _missing(missing: list[str], styles: Styles) -> list[Flowable]:
    if not missing:
        return []
    return [Para("DRAFT: not ready to send. Missing: " + escape("; ".join(missing)) + ".",
                 styles.warning)]


def _without_consent(case: CaseRecord, styles: Styles) -> list[Flowable]:
    consent = case.current_consent
    assert consent is not None and consent.withdrawn_at is not None
    blocks: list[Flowable] = [
        Para(f"Your patient withdrew their consent to share information on "
             f"{uk_date(consent.withdrawn_at)}. This letter therefore gives only what the "
             "combined consent allows us to share without consent: concerns about risk to "
             "themselves or others, and safeguarding. The consent says (Primary Care MHTR "
             "Practitioner Manual 2020, Appendix 2):", styles.body),
        Para(f"“{escape(WITHOUT_CONSENT)}”", styles.small),
    ]
    return blocks + _risk(case, styles, always=True)


def _address(case: CaseRecord, now: datetime, styles: Styles) -> list[Flowable]:
    surgery = gp_surgery(case)
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
        blocks.append(Para(escape(sentence_summary(case.sentence)), styles.body))
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


def endorsed_risk_items(case: CaseRecord) -> list[str]:
    """Each questionnaire's endorsed risk items, named with the answer (scoring's flags)."""
    return [f"{instrument_title(e.result.instrument_id)} {uk_date(e.when)}: "
            f"{flag_words(e.result.instrument_id, flag)}"
            for e in scored(case) for flag in e.result.flags if flag.code is FlagCode.RISK_ITEM]


def _risk(case: CaseRecord, styles: Styles, always: bool = False) -> list[Flowable]:
    """Present whenever there is risk text or an endorsed risk item (or, `always`, to say there
    is none), so a disclosure never goes unmentioned."""
    risk = case.assessment.risk if case.assessment else None
    lines = [(label, text) for label, text in (
        ("Self-harm", risk.self_harm if risk else ""), ("Suicide", risk.suicide if risk else ""),
        ("Harm to others", risk.harm_to_others if risk else ""),
        ("Safeguarding", risk.safeguarding if risk else ""),
        ("Crisis plan", risk.crisis_plan if risk else "")) if text.strip()]
    endorsed = endorsed_risk_items(case)
    if not lines and not endorsed and not always:
        return []
    blocks: list[Flowable] = [Para("Risk information", styles.heading)]
    blocks += [Para(f"<b>{label}:</b> {escape(text)}", styles.body) for label, text in lines]
    if endorsed:
        blocks.append(Para("Risk items endorsed on the questionnaires", styles.label))
        blocks += [Para("• " + escape(line), styles.body) for line in endorsed]
    if not lines and not endorsed:
        blocks.append(Para("No risk to self or others and no safeguarding concern is recorded.",
                           styles.body))
    return blocks


def _screening(case: CaseRecord, users: Mapping[int, User], styles: Styles) -> list[Flowable]:
    entries = scored(case)
    if not entries:
        return []
    return [*table_heading("Questionnaire results", styles), results_table(entries, users, styles),
            *[Para(escape(line), styles.fine_print) for line in licence_lines(entries)]]


def _closing(case: CaseRecord, author: User, contacts: ServiceContacts | None,
             styles: Styles) -> list[Flowable]:
    consent = case.current_consent
    if consent and not consent.withdrawn_at:
        shared = (f"This letter is shared with your patient's consent, given on "
                  f"{uk_date(consent.consented_at)}.")
    else:
        shared = ("Your patient's consent to share information is not in force; this letter is "
                  "sent under the duty to share concerns about risk and safeguarding "
                  "(Manual Appendix 2).")
    reach = [Para("How to contact us", styles.label),
             *contact_block(contacts, styles, LETTER_CONTACTS)]
    # The sign-off is kept together with the contacts before it, never alone on a page.
    return [Spacer(1, 3 * mm), KeepTogether([
        *reach, Spacer(1, 2 * mm), Para(shared, styles.small), Spacer(1, 3 * mm),
        Para("Yours sincerely,", styles.body), Spacer(1, 8 * mm),
        Para(escape(author.full_name), styles.label),
        Para(escape(ROLE_LABELS[author.role]), styles.body),
        Para(escape(case.referral.site), styles.body)])]
