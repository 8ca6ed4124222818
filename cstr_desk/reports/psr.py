"""The Responsible Clinician's report for the pre-sentence report (Manual §4.4 and Appendix 3).

Every Appendix 3 field is printed with its heading as the manual words it. The report can be
final once the Clinical Lead has decided, whether to treat or to decline: the court needs a
decline as much as an acceptance, and a decline report says the Clinical Lead does not recommend
a CSTR and why. Until then it is a DRAFT (watermark), and what is still missing is listed on it.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table

from cstr_desk.ukdates import uk_date, uk_datetime
from cstr_desk.domain import (
    CaseRecord, ClinicalLeadDecision, ConsentRecord, DecisionChannel, DecisionOutcome,
    Requirement, User,
)
from cstr_desk.reports.layout import (
    CONTENT_WIDTH, DRAFT_RED, PageFurniture, Para, Styles, build_pdf, consent_status, escape,
    field_table, make_styles, paragraphs, staff_name, table_style, user_name,
)
from cstr_desk.reports.screening import (
    ScoredAdministration, core_om_profile, latest_core_om, results_table, scored,
)
from cstr_desk.reports.wording import (
    REQUIREMENT_NAMES, consent_answer, decision_reasons, requirement_list,
)

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
        (decision.treatment_plan.strip(), "Treatment plan"),
        (decision.treatment_provider.strip(), "Treatment provider"),
        (decision.first_appointment_at, "When the first therapy session will be"),
        (decision.first_appointment_place.strip(), "Where the first therapy session will be"),
    )
    return [label for value, label in checks if not value]


def render_psr(case: CaseRecord, *, generated_by: User, users: Mapping[int, User],
               final: bool = False, now: datetime | None = None) -> bytes:
    """The Responsible Clinician's report as PDF bytes. `final=True` raises ReportNotFinal
    unless the Clinical Lead has decided and nothing required is missing."""
    entries = scored(case)  # scored once: scoring is the slowest part after layout
    missing = _missing(case, entries)
    if final and missing:
        raise ReportNotFinal(_not_final_message(case, missing))
    now = now or datetime.now(UTC)
    styles = make_styles()
    title = _requirement_title(case.current_consent)
    story: list[Flowable] = [
        Para(escape(title), styles.heading),
        Para(TITLE, styles.title),
        _status_line(final, styles),
    ]
    if missing:
        story.append(_missing_box(missing, styles))
    story += [Spacer(1, 3 * mm),
              *field_table(_appendix_3_rows(case, entries, users, now, styles), styles)]
    story += _screening_section(entries, users, styles)
    story += _sign_off(case, users, styles)
    furniture = PageFurniture(
        report_title=f"{TITLE} ({'final' if final else 'DRAFT'})", person=case.person,
        generated_at=now, generated_by=staff_name(generated_by),
        consent_status=consent_status(case.current_consent), draft=not final,
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


def _status_line(final: bool, styles: Styles) -> Para:
    if final:
        return Para("FINAL: the Clinical Lead has decided; for the court.", styles.label)
    return Para("DRAFT: not for the court. This report can be final only once the Clinical "
                     "Lead has decided and the items below are recorded.", styles.warning)


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
                     users: Mapping[int, User], now: datetime,
                     styles: Styles) -> list[tuple[str, list[Flowable]]]:
    body = styles.body
    attached = (f"Yes: {len(entries)} questionnaire(s), see Screening results below."
                if entries else "No completed questionnaire is recorded.")
    return [
        (NAME, [Para(escape(case.person.full_name), body)]),
        ("Date of birth", [Para(uk_date(case.person.date_of_birth), body)]),
        (DATE, [Para(uk_date(now), body)]),
        (ASSESSED_BY, _assessed_by(case, users, styles)),
        (CONSENT, [Para(escape(consent_answer(case.current_consent, users)), body)]),
        (PRESENTING, _presenting(case, styles)),
        (OUTCOME, _outcome(case.decision, styles)),
        (SCREENING, [Para(attached, body if entries else styles.warning)]),
        (RECOMMENDATIONS, _recommendations(case.decision, styles)),
        (TREATMENT, _treatment(case.decision, styles)),
        (RISK, _risk(case, styles)),
        (FIRST_SESSION, _first_session(case.decision, styles)),
    ]


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
        verdict = f"Decision: TREAT. The Clinical Lead, {who}, approved a treatment requirement"
    else:
        verdict = (f"Decision: DECLINE. The Clinical Lead, {who}, does not recommend a Community "
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
    return _text_or_missing(decision.recommendations_to_court, styles)


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
    story: list[Flowable] = [Para("Screening results", styles.heading)]
    if not entries:
        return [*story, Para("No completed questionnaire is recorded.", styles.warning)]
    story.append(results_table(entries, users, styles))
    core = latest_core_om(entries)
    if core is not None:
        story.append(KeepTogether([
            Para(f"CORE-OM domain profile ({uk_date(core.when)})", styles.heading),
            core_om_profile(core.result),
        ]))
    schemes = sorted({e.result.band.scheme for e in entries if e.result.band})
    if schemes:
        story.append(Para("Bands: " + escape("; ".join(schemes)), styles.small))
    return story


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
