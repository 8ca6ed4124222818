"""The practitioner assessment: the semi-structured interview as data, and what a complete
assessment needs.

Topics follow Manual Appendix 1 ("Semi-Structured Interview Topic Guide"), grouped as there,
with the further topics of Manual §4.2 and DOMAIN.md step 4 (cultural, age and gender needs;
medication and allergies; forensic history; other agencies; previous help; existing diagnosis;
barriers to attendance). The screen builds its pages from `INTERVIEW_TOPICS`.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

import forms
import scoring
from cstr_desk.domain import CaseRecord, PractitionerAssessment
from cstr_desk.workflow.pathway import ASSESSMENT_INSTRUMENTS, completed_administrations
from scoring.result import FlagCode

ABOUT_THE_INDIVIDUAL = "About the individual"
ABOUT_MENTAL_HEALTH = "About mental health"
ABOUT_THE_INTERVENTION = "About the intervention"
INTERVIEW_CLOSE = "Interview close"
GROUPS: tuple[str, ...] = (ABOUT_THE_INDIVIDUAL, ABOUT_MENTAL_HEALTH, ABOUT_THE_INTERVENTION, INTERVIEW_CLOSE)


class InterviewTopic(BaseModel):
    model_config = ConfigDict(frozen=True)

    key: str
    group: str
    heading: str
    prompts: tuple[str, ...]
    source: str
    # The closing question is an invitation, not a topic that must have notes.
    required: bool = True


def _topic(key: str, group: str, heading: str, source: str, *prompts: str, required: bool = True) -> InterviewTopic:
    return InterviewTopic(key=key, group=group, heading=heading, prompts=prompts, source=source, required=required)


A1 = "Manual Appendix 1"
S42 = "Manual §4.2"

INTERVIEW_TOPICS: tuple[InterviewTopic, ...] = (
    _topic(
        "social_circumstances", ABOUT_THE_INDIVIDUAL, "Social circumstances", f"{A1}; {S42}",
        "Safeguarding", "Relationships, including childcare", "Leisure", "Daily living",
        "Education and occupational needs", "Employment and vocational needs", "Housing", "Finance",
        "Briefly: childhood, education, family system, employment, relationships and support networks",
    ),
    _topic(
        "vulnerabilities", ABOUT_THE_INDIVIDUAL, "Vulnerabilities", f"{A1}; {S42}",
        "Identification of vulnerabilities", "History of trauma and abuse",
    ),
    _topic(
        "speech_and_communication", ABOUT_THE_INDIVIDUAL, "Speech and communication needs", f"{A1}; {S42}",
        "Speech and communication needs", "Easy read, interpreter or intermediary needed?",
    ),
    _topic(
        "physical_health", ABOUT_THE_INDIVIDUAL, "Physical health", f"{A1}; {S42}",
        "Physical health needs", "Management of physical health conditions",
    ),
    _topic(
        "drug_and_alcohol", ABOUT_THE_INDIVIDUAL, "Drug and alcohol use", f"{A1}; {S42}",
        "Drug and alcohol issues",
        "What is the impact of any drug and alcohol use on the ability to engage with psychological work?",
    ),
    _topic(
        "cultural_age_gender", ABOUT_THE_INDIVIDUAL, "Cultural, age and gender needs", f"{A1}; {S42}",
        "Identification of cultural, age and gender needs",
    ),
    _topic(
        "medication", ABOUT_THE_INDIVIDUAL, "Medication and allergies", f"{A1}; {S42}",
        "Medication history", "Allergies", "Check current medication use",
    ),
    _topic(
        "criminal_justice_involvement", ABOUT_THE_INDIVIDUAL, "Involvement with the criminal justice system", A1,
        "Behaviours that have led to involvement with the Criminal Justice System",
    ),
    _topic(
        "forensic_history", ABOUT_THE_INDIVIDUAL, "Forensic history", S42,
        "Previous forensic history",
    ),
    _topic(
        "other_agencies", ABOUT_THE_INDIVIDUAL, "Other agencies involved", S42,
        "Other agencies or services currently helping you and your family with your problems?",
    ),
    _topic(
        "previous_help", ABOUT_MENTAL_HEALTH, "Previous help", f"{A1}; {S42}",
        "Previous engagements with therapy or mental health support", "What was helpful, and not so helpful?",
    ),
    _topic(
        "existing_diagnosis", ABOUT_MENTAL_HEALTH, "Existing diagnosis", S42,
        "Is there an existing diagnosis, including co-morbidity?",
    ),
    _topic(
        "impact_on_daily_living", ABOUT_MENTAL_HEALTH, "Impact of mental health on daily living", f"{A1}; {S42}",
        "Impact of mental health on daily living",
        "Have there been times when things have felt better? Helpful coping techniques?",
    ),
    _topic(
        "mhtr_goals", ABOUT_THE_INTERVENTION, "MHTR goals", f"{A1}; {S42}",
        "What are your MHTR goals?",
    ),
    _topic(
        "main_problem", ABOUT_THE_INTERVENTION, "Main problem", f"{A1}; {S42}",
        "What is the main problem or difficulty affecting you?",
    ),
    _topic(
        "barriers_to_attendance", ABOUT_THE_INTERVENTION, "Barriers to attendance", f"{A1}; {S42}",
        "Childcare arrangements", "Transport", "Access to communication devices",
        "Gang affiliations or areas the person cannot go to",
    ),
    _topic(
        "anything_else", INTERVIEW_CLOSE, "Anything else", f"{A1}; {S42}",
        "Is there anything you feel might be important or relevant that we haven't discussed?",
        required=False,
    ),
)
TOPICS_BY_KEY: dict[str, InterviewTopic] = {t.key: t for t in INTERVIEW_TOPICS}

# Manual §4.2: "CORE-34 - Psychological distress; PHQ9 - Depression; GAD7 - Anxiety".
# One name per instrument, the form's own (the CORE-34 is the CORE-OM).
_INSTRUMENT_NAMES = {i: forms.load_form(i).short_title for i in ("core34", "phq9", "gad7")}
_RISK_SECTION = {
    "self_harm": "self-harm",
    "suicide": "suicide",
    "harm_to_others": "harm to others",
    "safeguarding": "safeguarding (including gangs, exploitation, modern slavery)",
}


def risk_flag_raised(case: CaseRecord) -> bool:
    """A questionnaire's risk item was endorsed (CORE-34 risk items, PHQ-9 item 9), or the
    runner showed its risk prompt. Scored from the answers, not trusted from a stored flag."""
    for administration in case.administrations:
        if administration.risk_prompt_acknowledged_at is not None:
            return True
        if administration.instrument_id in scoring.INSTRUMENT_IDS:
            result = scoring.score(administration.instrument_id, administration.item_answers())
            if any(flag.code == FlagCode.RISK_ITEM for flag in result.flags):
                return True
    return False


def assessment_is_complete(assessment: PractitionerAssessment, case: CaseRecord) -> list[str]:
    """What is still missing, in plain words; an empty list means the assessment can be marked
    complete."""
    missing = [
        f"Complete the {_INSTRUMENT_NAMES[i]} (Manual §4.2)."
        for i in sorted(ASSESSMENT_INSTRUMENTS, key=list(_INSTRUMENT_NAMES).index)
        if not completed_administrations(case, i)
    ]
    missing += [
        f"Add notes for '{topic.heading}' ({topic.group})."
        for topic in INTERVIEW_TOPICS
        if topic.required and not assessment.topics.get(topic.key, "").strip()
    ]
    if assessment.gp_registered is None:
        missing.append("Record whether the person is registered with a GP (Manual §4.1).")
    if assessment.mental_health_need is None:
        missing.append("Record whether there is a mental health need for an MHTR (Manual §3.2.4).")
    if not assessment.presenting_problem.strip():
        missing.append("Write the presenting problem (Manual Appendix 3).")
    if not assessment.formulation.strip():
        missing.append("Write the formulation (Manual Appendix 3).")
    if risk_flag_raised(case):
        missing += _risk_missing(assessment)
    return missing


def _risk_missing(assessment: PractitionerAssessment) -> list[str]:
    # Manual §4.2: thoughts of self-harm or suicide need "a more detailed assessment of this
    # specific risk" that must "result in a crisis plan being developed"; Appendix 1 "Risk".
    missing = [
        f"A risk item was endorsed: complete the risk section on {label}."
        for field, label in _RISK_SECTION.items()
        if not getattr(assessment.risk, field).strip()
    ]
    if not assessment.risk.crisis_plan.strip():
        missing.append("A risk item was endorsed: write a crisis plan (Manual §4.2).")
    return missing
