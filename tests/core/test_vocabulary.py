"""One vocabulary (issue 15, item 3): every requirement has its words once, and the screens,
reports and exports all read them from there."""

from __future__ import annotations

from pathlib import Path

from cstr_desk.domain import (
    DECISION_REASONS, DecisionReason, OffenceType, ReferralSource, Requirement,
    SentenceRequirement,
)
from cstr_desk.vocabulary import (
    DECISION_REASON_NAMES, OFFENCE_NAMES, REFERRAL_SOURCE_NAMES, REFERRED_BY, REQUIREMENT_NAMES,
    SENTENCE_REQUIREMENT_NAMES, requirement_label, sentence_requirement_label,
)
from cstr_desk.workflow.fhir.codes import REQUIREMENT_DISPLAY

ROOT = Path(__file__).resolve().parents[2]


def test_every_requirement_code_has_its_words() -> None:
    assert set(REQUIREMENT_NAMES) == set(Requirement)
    assert set(SENTENCE_REQUIREMENT_NAMES) == set(SentenceRequirement)
    assert requirement_label(Requirement.DRR) == "Drug Rehabilitation Requirement (DRR)"
    assert sentence_requirement_label(SentenceRequirement.ATR) == requirement_label(Requirement.ATR)
    assert sentence_requirement_label(SentenceRequirement.CURFEW) == "Curfew Requirement"
    assert REQUIREMENT_DISPLAY == {r.value: name for r, name in REQUIREMENT_NAMES.items()}


def test_no_other_module_spells_a_requirement_out() -> None:
    """The names are written in vocabulary.py alone (the easy-read leaflet's own plain wording
    and the sample report's free text excepted)."""
    allowed = {"cstr_desk/vocabulary.py", "cstr_desk/reports/sample.py"}
    spelled = []
    for path in (ROOT / "cstr_desk").rglob("*.py"):
        relative = path.relative_to(ROOT).as_posix()
        text = path.read_text("utf-8")
        if relative not in allowed and any(f'"{name}' in text for name in REQUIREMENT_NAMES.values()):
            spelled.append(relative)
    assert spelled == []


def test_every_referral_source_and_offence_has_its_words() -> None:
    assert set(REFERRAL_SOURCE_NAMES) == set(ReferralSource)
    assert set(REFERRED_BY) == set(ReferralSource) - {ReferralSource.OTHER}
    assert set(OFFENCE_NAMES) == set(OffenceType)



def test_every_decision_reason_has_its_words_and_belongs_to_one_outcome() -> None:
    assert set(DECISION_REASON_NAMES) == set(DecisionReason)
    offered = [reason for reasons in DECISION_REASONS.values() for reason in reasons]
    assert sorted(offered) == sorted(DecisionReason)


def test_no_other_module_spells_a_decision_reason_out() -> None:
    """The words are in vocabulary.py alone; migration 20 keeps its own copy of the texts the
    screen once stored, which must not change when the words do."""
    allowed = {"cstr_desk/vocabulary.py", "cstr_desk/store/decision_reason_codes.py"}
    spelled = []
    for path in (ROOT / "cstr_desk").rglob("*.py"):
        relative = path.relative_to(ROOT).as_posix()
        text = path.read_text("utf-8")
        if relative not in allowed and any(words in text for words in DECISION_REASON_NAMES.values()):
            spelled.append(relative)
    assert spelled == []
