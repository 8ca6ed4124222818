"""The interview topics, assessment completeness, and what consent, decision and sentence
entries must say."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from cstr_desk.domain import DecisionChannel, Requirement, SentenceKind, SentenceRequirement
from cstr_desk.workflow.assessment import (
    GROUPS,
    INTERVIEW_TOPICS,
    TOPICS_BY_KEY,
    assessment_is_complete,
    risk_flag_raised,
)
from cstr_desk.workflow.entries import (
    consent_entry_problems,
    decision_entry_problems,
    person_entry_problems,
    sentence_entry_problems,
)
from test_pathway_cases import (
    CLINICAL_LEAD,
    NOW,
    PRACTITIONER,
    TODAY,
    administration,
    assessed,
    complete_assessment,
    consent,
    decision,
    new_case,
    sentence,
    zero_answers,
)

# --- interview topics -----------------------------------------------------------------------


def test_topics_cover_appendix_1_and_the_further_topics_in_order_of_groups() -> None:
    keys = {t.key for t in INTERVIEW_TOPICS}
    assert len(keys) == len(INTERVIEW_TOPICS)
    for needed in ("social_circumstances", "vulnerabilities", "speech_and_communication", "physical_health",
                   "drug_and_alcohol", "cultural_age_gender", "medication", "forensic_history",
                   "other_agencies", "previous_help", "existing_diagnosis", "mhtr_goals", "main_problem",
                   "barriers_to_attendance", "anything_else"):
        assert needed in keys
    assert [GROUPS.index(t.group) for t in INTERVIEW_TOPICS] == sorted(GROUPS.index(t.group) for t in INTERVIEW_TOPICS)
    barriers = " ".join(TOPICS_BY_KEY["barriers_to_attendance"].prompts).lower()
    assert all(w in barriers for w in ("childcare", "transport", "devices", "gang"))
    assert "allergies" in " ".join(TOPICS_BY_KEY["medication"].prompts).lower()
    assert all(t.prompts and t.source.startswith("Manual") for t in INTERVIEW_TOPICS)


# --- assessment completeness ----------------------------------------------------------------


def test_a_full_assessment_is_complete() -> None:
    case = assessed()
    assert assessment_is_complete(case.assessment, case) == []


@pytest.mark.parametrize("instrument", ["core34", "phq9", "gad7"])
def test_each_assessment_questionnaire_is_needed(instrument: str) -> None:
    case = assessed()
    case.administrations = [a for a in case.administrations if a.instrument_id != instrument]
    missing = assessment_is_complete(case.assessment, case)
    assert len(missing) == 1 and {"core34": "CORE-OM", "phq9": "PHQ-9", "gad7": "GAD-7"}[instrument] in missing[0]


def test_a_draft_questionnaire_does_not_count() -> None:
    case = assessed()
    case.administrations = [a for a in case.administrations if a.instrument_id != "gad7"]
    case.administrations.append(administration("gad7", status="draft"))
    assert any("GAD-7" in m for m in assessment_is_complete(case.assessment, case))


@pytest.mark.parametrize("topic", [t for t in INTERVIEW_TOPICS if t.required], ids=lambda t: t.key)
def test_each_required_topic_is_needed(topic) -> None:
    case = assessed()
    notes = dict(case.assessment.topics)
    notes[topic.key] = "   "
    missing = assessment_is_complete(complete_assessment(topics=notes), case)
    assert missing == [f"Add notes for '{topic.heading}' ({topic.group})."]


def test_the_closing_question_is_optional() -> None:
    case = assessed()
    notes = {k: v for k, v in case.assessment.topics.items() if k != "anything_else"}
    assert assessment_is_complete(complete_assessment(topics=notes), case) == []


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (dict(gp_registered=None), "registered with a GP"),
        (dict(mental_health_need=None), "mental health need"),
        (dict(presenting_problem=""), "presenting problem"),
        (dict(formulation=" "), "formulation"),
    ],
)
def test_judgements_and_formulation_are_needed(change: dict, words: str) -> None:
    missing = assessment_is_complete(complete_assessment(**change), assessed())
    assert len(missing) == 1 and words in missing[0]


def _phq9_item9_endorsed():
    values = zero_answers("phq9")
    values[9] = 1
    return administration("phq9", values)


def test_a_risk_item_needs_the_risk_section_and_a_crisis_plan() -> None:
    case = assessed()
    case.administrations = [a for a in case.administrations if a.instrument_id != "phq9"] + [_phq9_item9_endorsed()]
    assert risk_flag_raised(case)
    bare = complete_assessment(risk={"self_harm": "Thoughts last week", "suicide": "", "harm_to_others": "",
                                     "safeguarding": "", "crisis_plan": ""})
    missing = assessment_is_complete(bare, case)
    assert any("crisis plan" in m for m in missing)
    assert sum("risk section" in m for m in missing) == 3
    planned = complete_assessment(risk={"self_harm": "Thoughts last week", "suicide": "No plan",
                                        "harm_to_others": "None", "safeguarding": "None",
                                        "crisis_plan": "Crisis line; GP next day"})
    assert assessment_is_complete(planned, case) == []


def test_without_a_risk_flag_no_crisis_plan_is_asked_for() -> None:
    case = assessed()
    assert not risk_flag_raised(case)
    empty_risk = complete_assessment(risk={})
    assert assessment_is_complete(empty_risk, case) == []


def test_an_acknowledged_risk_prompt_counts_as_a_risk_flag() -> None:
    case = assessed()
    case.administrations[0].risk_prompt_acknowledged_at = NOW
    assert risk_flag_raised(case)


# --- decision, consent and sentence entries ------------------------------------------------


def test_a_practitioner_records_only_a_telephone_decision() -> None:
    assert decision_entry_problems(decision(channel=DecisionChannel.TELEPHONE), PRACTITIONER) == []
    problems = decision_entry_problems(decision(channel=DecisionChannel.ON_DEVICE), PRACTITIONER)
    assert problems and "telephone" in problems[0]


def test_a_decision_on_device_is_in_the_clinical_leads_own_name() -> None:
    mine = decision(channel=DecisionChannel.ON_DEVICE, clinical_lead_name=CLINICAL_LEAD.full_name)
    assert decision_entry_problems(mine, CLINICAL_LEAD) == []
    other = decision(channel=DecisionChannel.ON_DEVICE, clinical_lead_name="Dr Someone Else")
    assert any("signed-in Clinical Lead" in p for p in decision_entry_problems(other, CLINICAL_LEAD))


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (dict(reasons=[], reason_notes=""), "reasons"),
        (dict(clinical_lead_name="  "), "Clinical Lead's name"),
        (dict(discussed_at=NOW + timedelta(hours=3)), "after the time"),
    ],
)
def test_decision_entry_problems(change: dict, words: str) -> None:
    problems = decision_entry_problems(decision(**change), PRACTITIONER)
    assert any(words in p for p in problems), problems


def test_reasons_may_be_notes_alone() -> None:
    assert decision_entry_problems(decision(reasons=[], reason_notes="Engaged well"), PRACTITIONER) == []


def _consent(**change):
    return consent().model_copy(update=change)


@pytest.mark.parametrize(
    ("record", "words"),
    [
        (_consent(requirements_assessed_for=[]), "assessed for"),
        (_consent(requirements_assessed_for=[Requirement.MHTR], requirements_consented=[Requirement.MHTR, Requirement.ATR]), "only consent to requirements"),
        (consent((Requirement.DRR, Requirement.ATR)), "DRR and an ATR"),
        (_consent(signature_svg=None), "witness"),
        (_consent(consented_at=NOW + timedelta(days=2)), "future"),
        (_consent(referral_id=99), "different referral"),
    ],
)
def test_consent_entry_problems(record, words: str) -> None:
    problems = consent_entry_problems(record, new_case(), TODAY)
    assert any(words in p for p in problems), problems


def test_verbal_consent_with_witness_and_reason_is_fine() -> None:
    verbal = _consent(signature_svg=None, verbal_consent_witness="J Smith, court usher",
                      verbal_consent_reason="Cannot hold a pen")
    assert consent_entry_problems(verbal, new_case(), TODAY) == []
    assert consent_entry_problems(consent((Requirement.MHTR, Requirement.ATR)), new_case(), TODAY) == []


@pytest.mark.parametrize(
    ("record", "words"),
    [
        (sentence(length_months=None), "length of the order"),
        (sentence(length_months=37), "between 1 and 36"),
        (sentence(sentence=SentenceKind.SUSPENDED_SENTENCE_ORDER, length_months=25), "between 1 and 24"),
        (sentence(sentence=SentenceKind.CUSTODY, length_months=None), "custody length"),
        (sentence(sentence=SentenceKind.FINE, length_months=None), "belong to a community order"),
        (sentence((SentenceRequirement.DRR, SentenceRequirement.ATR)), "DRR and an ATR"),
        (sentence((SentenceRequirement.UNPAID_WORK,)), "reason no treatment requirement"),
        (sentence(sentenced_on=TODAY + timedelta(days=1)), "future"),
    ],
)
def test_sentence_entry_problems(record, words: str) -> None:
    problems = sentence_entry_problems(record, TODAY)
    assert any(words in p for p in problems), problems


@pytest.mark.parametrize(
    "record",
    [
        sentence(),
        sentence(length_months=36),
        sentence((SentenceRequirement.MHTR, SentenceRequirement.ATR, SentenceRequirement.RAR)),
        sentence((), sentence=SentenceKind.CUSTODY, length_months=None, custody_weeks=12),
        sentence(sentence=SentenceKind.SUSPENDED_SENTENCE_ORDER, length_months=24),
    ],
)
def test_good_sentences_have_no_problems(record) -> None:
    assert sentence_entry_problems(record, TODAY) == []



# --- a new person's details ------------------------------------------------------------------


DAY = date(2026, 11, 23)


def _person(born: date | None = date(1990, 5, 1), nhs: str = "", pnc: str = "",
            given: str = "Siân", family: str = "Ó Briain") -> tuple[list[str], list[str]]:
    return person_entry_problems(given, family, born, nhs, pnc, DAY)


def test_a_complete_adult_has_no_problems() -> None:
    assert _person(nhs="943 476 5919", pnc="14/123456X") == ([], [])


def test_a_missing_name_stops_the_save() -> None:
    assert _person(given=" ")[0] == ["Please give the person's given name and family name."]


def test_a_date_of_birth_tomorrow_is_refused() -> None:
    problems, _ = _person(born=date(2026, 11, 24))
    assert problems == ["The date of birth 24/11/2026 is in the future."]


@pytest.mark.parametrize(("born", "under_18"), [
    (date(2008, 11, 23), False),  # 18 today
    (date(2008, 11, 24), True),   # 18 tomorrow
])
def test_under_18_is_a_warning_not_a_refusal(born: date, under_18: bool) -> None:
    problems, warnings = _person(born=born)
    assert problems == []
    assert bool(warnings) is under_18


def test_a_bad_nhs_check_digit_and_a_malformed_pnc_are_refused() -> None:
    problems, _ = _person(nhs="943 476 5918", pnc="not a pnc")
    assert len(problems) == 2
    assert problems[0].startswith("The NHS number 943 476 5918 is not right")
    assert problems[1] == "The PNC number not a pnc should look like 12/3456789A."


def test_a_hearing_far_from_today_is_questioned() -> None:
    from cstr_desk.workflow.entries import hearing_date_warnings

    today = date(2026, 12, 1)
    assert hearing_date_warnings(date(2020, 11, 30), today) == [
        "The hearing date 30/11/2020 is 6 years ago. Please check it."]
    assert hearing_date_warnings(date(2026, 12, 1), today) == []
    assert hearing_date_warnings(date(2026, 11, 10), today) == []  # an adjourned case
    assert "away" in hearing_date_warnings(date(2027, 12, 1), today)[0]
    assert hearing_date_warnings(None, today) == []
