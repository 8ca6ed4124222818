"""The Responsible Clinician's report for the pre-sentence report (Manual §4.4 and Appendix 3).

Every Appendix 3 field is printed with its heading as the manual words it, and beside them what
the court must also be told: GP registration (a prerequisite, Manual §4.1), the recommendation
as structured fields (requirements, length, order type, §4.5.1), which requirements were
approved (the MHTR by the Clinical Lead, a DRR or ATR by its provider, §2.4) and who signed the
report off and when. The report can be final once the Clinical Lead has decided, whether to
treat or to decline: the decision "to treat or decline, giving reasons" goes to probation for
the PSR (§4.4), and a decline report says so plainly. Until then it is a DRAFT (watermark), and
what is still missing, or in conflict, is listed on it.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table

from cstr_desk.ukdates import uk_date, uk_datetime
from cstr_desk.domain import (
    PROVIDER_REQUIREMENTS, CaseRecord, ClinicalLeadDecision, ConsentRecord, DecisionChannel,
    DecisionOutcome, OrderType, ReportKind, Requirement, Role, ServiceContacts, User,
)
from cstr_desk.reports.layout import (
    CONTENT_WIDTH, DRAFT_RED, PageFurniture, Para, Styles, build_pdf, consent_status, escape,
    field_table, make_styles, paragraphs, staff_name, table_heading, table_style, user_name,
)
from cstr_desk.reports.risk_check import risk_conflicts
from cstr_desk.score_words import source_words
from cstr_desk.reports.screening import (
    ScoredAdministration, core_om_profile, core_om_profile_note, latest_core_om, licence_lines,
    results_table, scored,
)
from cstr_desk.reports.wording import (
    consent_answer, contact_block, decision_reasons, requirement_codes,
    requirement_list,
)
from cstr_desk.vocabulary import REQUIREMENT_NAMES

# Manual Appendix 3, headings verbatim.
TITLE = "Responsible Clinician's Report"
NAME = "Name"
DATE = "Date"
ASSESSED_BY = "Initial Assessment Completed by"
CONSENT = "Consent of defendant to assessment and treatment gained?"
PRESENTING = "Presenting problem and formulation"
OUTCOME = "Outcome of assessment / Plan:"
SCREENING = "Screening tool assessment information is attached"
RECOMMENDATIONS = "Recommendations to court from Responsible Clinician"
TREATMENT = "Treatment Plan, including details of treatment provider"
RISK = "Risk Information"
FIRST_SESSION = "When and where initial therapy will be available"
APPENDIX_3_HEADINGS = (TITLE, NAME, DATE, ASSESSED_BY, CONSENT, PRESENTING, OUTCOME, SCREENING,
                       RECOMMENDATIONS, TREATMENT, RISK, FIRST_SESSION)

REPORT_DATE = "Date of this report"
GP_REGISTRATION = "GP registration (Manual §4.1)"
APPROVED = "Requirements approved"
SIGNED_OFF = "Signed off"
CONTACTS = "Contact details (Manual §5.2)"
ORDER_NAMES = {OrderType.COMMUNITY_ORDER: "a community order",
               OrderType.SUSPENDED_SENTENCE_ORDER: "a suspended sentence order"}

NOT_RECORDED = "Not recorded"
RISK_FIELDS = (("self_harm", "Self-harm"), ("suicide", "Suicide"),
               ("harm_to_others", "Harm to others"), ("safeguarding", "Safeguarding"))


class ReportNotFinal(Exception):
    """A final report was asked for before it can be final; the message says why in plain
    words and lists what is missing."""


def missing_for_psr(case: CaseRecord) -> list[str]:
    """What the report still needs before it can be final, in plain words, most important
    first. An empty list means the report may be marked final."""
    return _missing(case, scored(case))


def _missing(case: CaseRecord, entries: list[ScoredAdministration]) -> list[str]:
    decision = case.decision
    missing = [] if decision else ["The Clinical Lead's decision (treat or decline)"]
    missing += _missing_assessment(case)
    if not entries:
        missing.append("Screening results: no completed questionnaire is recorded")
    if decision is None or decision.outcome is DecisionOutcome.TREAT:
        # A treatment recommendation needs the person's consent (Manual §4.3, §4.4); a decline
        # can be reported without it.
        consent = case.current_consent
        if consent is None or consent.withdrawn_at or not consent.requirements_consented:
            missing.append("Consent to assessment and treatment (none in force)")
    if decision is not None:
        missing += _missing_from_decision(decision)
    missing += [f"The treatment provider's answer on the {r.name} (Manual §2.4)"
                for r in case.provider_requirements_awaited()]
    missing += ["Risk information conflicts with a questionnaire answer: " + c.describe()
                for c in risk_conflicts(case, [(e.administration, e.result) for e in entries])]
    return missing


def _missing_assessment(case: CaseRecord) -> list[str]:
    assessment = case.assessment
    if assessment is None:
        return ["The practitioner assessment (Manual Appendix 1)"]
    missing = []
    if not assessment.completed or assessment.completed_by is None:
        missing.append("The practitioner assessment is not marked complete, with who completed it")
    if not assessment.presenting_problem.strip():
        missing.append("Presenting problem")
    if not assessment.formulation.strip():
        missing.append("Formulation")
    for field, label in RISK_FIELDS:
        if not getattr(assessment.risk, field).strip():
            missing.append(f"Risk information: {label.lower()}")
    return missing


def _missing_from_decision(decision: ClinicalLeadDecision) -> list[str]:
    if decision.outcome is DecisionOutcome.DECLINE:
        has_reason = decision.reasons or decision.reason_notes.strip()
        return [] if has_reason else ["The Clinical Lead's reasons for declining"]
    checks = (
        (decision.recommendations_to_court.strip(),
         "Recommendations to court from the Responsible Clinician"),
        (decision.recommended_requirements, "The requirement(s) recommended (Manual §4.5.1)"),
        (decision.recommended_length_months, "The length recommended (Manual §4.5.1)"),
        (decision.recommended_order_type, "The order type recommended (community order or "
                                          "suspended sentence order)"),
        (decision.treatment_plan.strip(), "Treatment plan"),
        (decision.treatment_provider.strip(), "Treatment provider"),
        (decision.first_appointment_at, "When the first therapy session will be"),
        (decision.first_appointment_place.strip(), "Where the first therapy session will be"),
    )
    return [label for value, label in checks if not value]


def render_psr(case: CaseRecord, *, generated_by: User, users: Mapping[int, User],
               final: bool = False, now: datetime | None = None,
               contacts: ServiceContacts | None = None, audit_reference: str = "") -> bytes:
    """The Responsible Clinician's report as PDF bytes. `final=True` raises ReportNotFinal
    unless the Clinical Lead has decided and nothing required is missing."""
    entries = scored(case)  # scored once: scoring is the slowest part after layout
    missing = _missing(case, entries)
    if final and missing:
        raise ReportNotFinal(_not_final_message(case, missing))
    now = now or datetime.now(UTC)
    styles = make_styles()
    title = _requirement_title(case.current_consent)
    signed = sign_off(case, generated_by, users, final, now)
    story: list[Flowable] = [
        Para(escape(title), styles.heading),
        Para(TITLE, styles.title),
        _status_line(case, final, signed, styles),
    ]
    if missing:
        story.append(_missing_box(missing, styles))
    story += [Spacer(1, 3 * mm),
              *field_table(_appendix_3_rows(case, entries, users, now, signed, styles), styles),
              *field_table([(CONTACTS, contact_block(contacts, styles))], styles)]
    story += _screening_section(entries, users, styles)
    # The closing line keeps the note before it company, so it is never alone on a page, and
    # the notes above it may split so they leave no half page blank.
    notes = _closing_notes(entries, styles)
    story += notes[:-1]
    story.append(KeepTogether([*notes[-1:], *_sign_off(case, users, styles)]))
    furniture = PageFurniture(
        report_title=f"{TITLE} ({'final' if final else 'DRAFT'})", person=case.person,
        generated_at=now, generated_by=staff_name(generated_by),
        consent_status=consent_status(case.current_consent), draft=not final,
        audit_reference=audit_reference,
    )
    return build_pdf(story, furniture)


def _not_final_message(case: CaseRecord, missing: list[str]) -> str:
    if case.decision is None:
        lead = "The report cannot be final until the Clinical Lead has decided to treat or decline."
    else:
        lead = "The report cannot be final until the missing information is recorded."
    return f"{lead} Missing: " + "; ".join(missing) + "."


def _requirement_title(consent: ConsentRecord | None) -> str:
    assessed = consent.requirements_assessed_for if consent else [Requirement.MHTR]
    return " and ".join(REQUIREMENT_NAMES[r] for r in assessed or [Requirement.MHTR])


def sign_off(case: CaseRecord, generated_by: User, users: Mapping[int, User], final: bool,
             now: datetime) -> str | None:
    """Who signed the final report off and when: the first final report a Clinical Lead
    issued, or this one when a Clinical Lead makes the final report now (Manual §4.4)."""
    signed = [r for r in case.reports if r.kind is ReportKind.PSR and r.final
              and (user := users.get(r.issued_by)) is not None and user.role is Role.CLINICAL_LEAD]
    if signed:
        first = min(signed, key=lambda r: r.issued_at)
        return f"{user_name(users, first.issued_by)}, {uk_datetime(first.issued_at)}"
    if final and generated_by.role is Role.CLINICAL_LEAD:
        return f"{staff_name(generated_by)}, {uk_datetime(now)}"
    return None


def _status_line(case: CaseRecord, final: bool, signed: str | None, styles: Styles) -> Para:
    if not final:
        return Para("DRAFT: not for the court. This report can be final only once the Clinical "
                    "Lead has decided and the items below are recorded.", styles.warning)
    declined = case.decision is not None and case.decision.outcome is DecisionOutcome.DECLINE
    verdict = ("the Clinical Lead declined to treat, with reasons given below"
               if declined else "the Clinical Lead approved treatment")
    who = f" Signed off by {escape(signed)}." if signed else ""
    return Para(f"FINAL: {verdict}; for probation and the court.{who}", styles.label)


def _missing_box(missing: list[str], styles: Styles) -> Table:
    rows = [[Para("Missing information", styles.warning)]]
    rows += [[Para("• " + escape(item), styles.body)] for item in missing]
    box = Table(rows, colWidths=[CONTENT_WIDTH])
    box.setStyle(table_style([
        ("BOX", (0, 0), (-1, -1), 1.2, DRAFT_RED),
        ("TOPPADDING", (0, 0), (-1, -1), 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
        ("LEFTPADDING", (0, 0), (-1, -1), 6),
    ]))
    return box


def _text_or_missing(text: str, styles: Styles) -> list[Flowable]:
    return paragraphs(text, styles.body) or [Para(NOT_RECORDED, styles.warning)]


def _appendix_3_rows(case: CaseRecord, entries: list[ScoredAdministration],
                     users: Mapping[int, User], now: datetime, signed: str | None,
                     styles: Styles) -> list[tuple[str, list[Flowable]]]:
    body = styles.body
    attached = (f"Yes: {len(entries)} questionnaire(s), see Screening results below."
                if entries else "No completed questionnaire is recorded.")
    signed_text = ([Para(escape(signed), body)] if signed else
                   [Para("Not signed off yet: the Clinical Lead signs off the final report.",
                         styles.warning)])
    return [
        (NAME, [Para(escape(case.person.full_name), body)]),
        ("Date of birth", [Para(uk_date(case.person.date_of_birth), body)]),
        # Appendix 3's "Date": the date of this report, labelled so nobody reads it as the
        # hearing's or the assessment's.
        (REPORT_DATE, [Para(uk_date(now), body)]),
        (ASSESSED_BY, _assessed_by(case, users, styles)),
        (CONSENT, [Para(escape(consent_answer(case.current_consent, users)), body)]),
        (GP_REGISTRATION, _gp_registration(case, styles)),
        (PRESENTING, _presenting(case, styles)),
        (OUTCOME, _outcome(case.decision, styles)),
        (SCREENING, [Para(attached, body if entries else styles.warning)]),
        (RECOMMENDATIONS, _recommendations(case.decision, styles)),
        (APPROVED, _approved(case, styles)),
        (TREATMENT, _treatment(case.decision, styles)),
        (RISK, _risk(case, styles)),
        (FIRST_SESSION, _first_session(case.decision, styles)),
        (SIGNED_OFF, signed_text),
    ]


def _gp_registration(case: CaseRecord, styles: Styles) -> list[Flowable]:
    # Manual §4.1: GP registration is a prerequisite of an MHTR, so the court is told either way.
    registered = case.assessment.gp_registered if case.assessment else None
    consent = case.current_consent
    surgery = (consent.gp_surgery if consent else None) or case.person.gp_practice
    at = f" ({escape(surgery)})" if surgery else ""
    if registered is True:
        return [Para(f"Registered with a GP{at}.", styles.body)]
    if registered is False:
        return [Para("Not registered with a GP. Registration is a prerequisite of an MHTR and "
                     "must be in place before treatment begins (Manual §4.1).", styles.warning)]
    return [Para("Not recorded: the assessment does not say whether the person is registered "
                 "with a GP (a prerequisite of an MHTR, Manual §4.1).", styles.warning)]


def _approved(case: CaseRecord, styles: Styles) -> list[Flowable]:
    """Per requirement consented to: the Clinical Lead's approval of the MHTR (Manual §4.4),
    the provider's of a DRR or ATR (§2.4, counted separately)."""
    consent = case.consent_in_force
    if consent is None or not consent.requirements_consented:
        return [Para("None: no consent to a treatment requirement is in force.", styles.warning)]
    return [_approval_line(case, r, styles) for r in consent.requirements_consented]


def _approval_line(case: CaseRecord, requirement: Requirement, styles: Styles) -> Para:
    name = requirement.name
    if requirement in PROVIDER_REQUIREMENTS:
        answer = case.provider_answer(requirement)
        if answer is None:
            return Para(f"{name}: the treatment provider's answer is not known yet (Manual §2.4).",
                        styles.warning)
        verdict = "accepted" if answer.accepted else "not accepted"
        reasons = f" Reasons: {escape(answer.reasons)}" if answer.reasons.strip() else ""
        return Para(f"{name}: {verdict} by the treatment provider, {escape(answer.provider_name)}, "
                    f"{uk_datetime(answer.decided_at)}.{reasons}", styles.body)
    decision = case.decision
    if decision is None:
        return Para(f"{name}: awaiting the Clinical Lead's decision.", styles.warning)
    verdict = "approved" if decision.outcome is DecisionOutcome.TREAT else "not approved"
    return Para(f"{name}: {verdict} by the Clinical Lead, {escape(decision.clinical_lead_name)}, "
                f"{uk_datetime(decision.discussed_at)}.", styles.body)


def _assessed_by(case: CaseRecord, users: Mapping[int, User], styles: Styles) -> list[Flowable]:
    assessment = case.assessment
    if assessment is None or assessment.completed_by is None:
        return [Para(NOT_RECORDED, styles.warning)]
    text = user_name(users, assessment.completed_by)
    if assessment.completed_at:
        text += f", {uk_datetime(assessment.completed_at)}"
    return [Para(escape(text), styles.body)]


def _presenting(case: CaseRecord, styles: Styles) -> list[Flowable]:
    assessment = case.assessment
    problem = assessment.presenting_problem if assessment else ""
    formulation = assessment.formulation if assessment else ""
    return [Para("Presenting problem", styles.label), *_text_or_missing(problem, styles),
            Para("Formulation", styles.label), *_text_or_missing(formulation, styles)]


def _outcome(decision: ClinicalLeadDecision | None, styles: Styles) -> list[Flowable]:
    if decision is None:
        return [Para("Awaiting the Clinical Lead's decision.", styles.warning)]
    how = "by telephone" if decision.channel is DecisionChannel.TELEPHONE else "on this device"
    who = escape(decision.clinical_lead_name)
    if decision.outcome is DecisionOutcome.TREAT:
        verdict = f"Decision: treat. The Clinical Lead, {who}, approved a treatment requirement"
    else:
        verdict = (f"Decision: decline. The Clinical Lead, {who}, does not recommend a Community "
                   "Sentence Treatment Requirement")
    blocks: list[Flowable] = [Para(
        f"{verdict} (discussed {how}, {uk_datetime(decision.discussed_at)}).", styles.body)]
    reasons = decision_reasons(decision)
    if reasons:
        blocks.append(Para("Reasons", styles.label))
        blocks += [Para("• " + escape(r), styles.body) for r in reasons]
    blocks += paragraphs(decision.reason_notes, styles.body)
    return blocks


def _recommendations(decision: ClinicalLeadDecision | None, styles: Styles) -> list[Flowable]:
    if decision is None:
        return [Para("Awaiting the Clinical Lead's decision.", styles.warning)]
    blocks: list[Flowable] = []
    if decision.outcome is DecisionOutcome.DECLINE:
        blocks.append(Para("The Responsible Clinician does not recommend a Community "
                                "Sentence Treatment Requirement; the reasons are given above.",
                                styles.body))
        blocks += paragraphs(decision.recommendations_to_court, styles.body)
        return blocks
    return [*_recommended_fields(decision, styles),
            *_text_or_missing(decision.recommendations_to_court, styles)]


def _recommended_fields(decision: ClinicalLeadDecision, styles: Styles) -> list[Flowable]:
    """Manual §4.5.1: the requirement(s), their length and the order, each on its own line."""
    requirements = requirement_codes(decision.recommended_requirements)
    length = decision.recommended_length_months
    order = decision.recommended_order_type
    lines = [
        ("Requirement(s)", requirements or None),
        ("Length", f"{length} months" if length else None),
        ("Order", ORDER_NAMES[order] if order else None),
    ]
    return [Para(f"<b>{label}:</b> {escape(value)}" if value else
                 f"<b>{label}:</b> {NOT_RECORDED.lower()}", styles.body if value else styles.warning)
            for label, value in lines]


def _treatment(decision: ClinicalLeadDecision | None, styles: Styles) -> list[Flowable]:
    if decision is None:
        return [Para("Awaiting the Clinical Lead's decision.", styles.warning)]
    if decision.outcome is DecisionOutcome.DECLINE:
        blocks: list[Flowable] = [Para("Not applicable: no treatment requirement is "
                                            "recommended.", styles.body)]
        if decision.signposting.strip():
            blocks.append(Para("Other support recommended (signposting)", styles.label))
            blocks += paragraphs(decision.signposting, styles.body)
        return blocks
    return [*_text_or_missing(decision.treatment_plan, styles),
            Para("Treatment provider", styles.label),
            *_text_or_missing(decision.treatment_provider, styles)]


def _risk(case: CaseRecord, styles: Styles) -> list[Flowable]:
    if case.assessment is None:
        return [Para(NOT_RECORDED, styles.warning)]
    risk = case.assessment.risk
    blocks: list[Flowable] = []
    for field, label in (*RISK_FIELDS, ("crisis_plan", "Crisis plan")):
        text = getattr(risk, field)
        if field == "crisis_plan" and not text.strip():
            continue
        blocks.append(Para(label, styles.label))
        blocks += _text_or_missing(text, styles)
    return blocks


def _first_session(decision: ClinicalLeadDecision | None, styles: Styles) -> list[Flowable]:
    if decision is None:
        return [Para("Awaiting the Clinical Lead's decision.", styles.warning)]
    if decision.outcome is DecisionOutcome.DECLINE:
        return [Para("Not applicable: no treatment requirement is recommended.", styles.body)]
    when = (uk_datetime(decision.first_appointment_at) if decision.first_appointment_at
            else None)
    place = decision.first_appointment_place.strip() or None
    if when is None or place is None:
        known = ", ".join(escape(x) for x in (when, place) if x)
        text = f"{known}. " if known else ""
        return [Para(f"{text}When and where are not both recorded.", styles.warning)]
    return [Para(f"{when} at {escape(place)}", styles.body)]


def _screening_section(entries: list[ScoredAdministration], users: Mapping[int, User],
                       styles: Styles) -> list[Flowable]:
    story: list[Flowable] = table_heading("Screening results", styles)
    if not entries:
        return [*story, Para("No completed questionnaire is recorded.", styles.warning)]
    story.append(results_table(entries, users, styles))
    core = latest_core_om(entries)
    if core is not None:
        story.append(KeepTogether([
            Para(f"CORE-OM domain profile ({uk_date(core.when)})", styles.heading),
            core_om_profile(core.result),
            Para(escape(core_om_profile_note(core.result)), styles.small),
        ]))
    return story


def _closing_notes(entries: list[ScoredAdministration], styles: Styles) -> list[Flowable]:
    """The bands' sources and each instrument's copyright line and citation, as the
    publishers ask for them beside the results (../shared/instruments/README.md)."""
    notes: list[Flowable] = []
    schemes = sorted({source_words(e.result.band.scheme) for e in entries if e.result.band})
    if schemes:
        notes.append(Para("Bands: " + escape("; ".join(schemes)), styles.fine_print))
    notes += [Para(escape(line), styles.fine_print) for line in licence_lines(entries)]
    return notes


def _sign_off(case: CaseRecord, users: Mapping[int, User], styles: Styles) -> list[Flowable]:
    decision = case.decision
    if decision is None:
        return []
    requirements = requirement_list(case.current_consent.requirements_consented
                                    if case.current_consent else [])
    text = (f"Clinical Lead / Responsible Clinician: {escape(decision.clinical_lead_name)}. "
            f"Decision recorded {uk_datetime(decision.recorded_at)} by "
            f"{escape(user_name(users, decision.recorded_by))}.")
    if decision.outcome is DecisionOutcome.TREAT and requirements:
        text += f" Requirements consented to: {escape(requirements)}."
    return [Spacer(1, 4 * mm), Para(text, styles.small)]
