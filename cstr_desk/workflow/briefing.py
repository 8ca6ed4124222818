"""What the Clinical Lead must see first, before deciding (Manual §4.4: the Clinical Lead and
practitioner discuss the assessment, risk included; Manual §4.2: where there is risk, a crisis
plan). Issue 14: the decision screen left out the risk items endorsed, the self-harm and
suicide notes and a failed eligibility check, so the Clinical Lead decided blind.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import scoring
from cstr_desk.domain import CaseRecord, Requirement, SiteSettings
from cstr_desk.workflow.eligibility import Verdict, facts_from_case, judge
from cstr_desk.workflow.pathway import completed_administrations, consent_in_force
from scoring.result import FlagCode


@dataclass(frozen=True)
class RiskFlag:
    instrument_id: str
    items: tuple[int, ...]


@dataclass(frozen=True)
class FailedCheck:
    rule: str
    detail: str


@dataclass(frozen=True)
class DecisionBriefing:
    risk_flags: tuple[RiskFlag, ...]
    self_harm: str
    suicide: str
    crisis_plan: str
    failed_checks: tuple[FailedCheck, ...]

    @property
    def needs_attention(self) -> bool:
        return bool(self.risk_flags or self.self_harm or self.suicide or self.failed_checks)


def _risk_flags(case: CaseRecord) -> tuple[RiskFlag, ...]:
    # The latest completed administration of each questionnaire: PHQ-9 item 9, CORE-10 item 6
    # and the CORE-34 risk items raise a RISK_ITEM flag in scoring.
    latest: dict[str, object] = {}
    for done in sorted(completed_administrations(case), key=lambda a: a.completed_at or a.started_at):
        latest[done.instrument_id] = done
    flags = []
    for instrument_id, done in latest.items():
        result = scoring.score(instrument_id, done.item_answers())
        flags += [RiskFlag(instrument_id, flag.items)
                  for flag in result.flags if flag.code == FlagCode.RISK_ITEM]
    return tuple(flags)


def _failed_checks(case: CaseRecord, settings: SiteSettings, today: date) -> tuple[FailedCheck, ...]:
    consent = consent_in_force(case)
    requirements = tuple(consent.requirements_consented) if consent else (Requirement.MHTR,)
    facts = facts_from_case(case, settings, list(requirements), None)
    result = judge(facts, requirements, today)
    return tuple(FailedCheck(f.rule, f.detail) for f in result.findings
                 if f.verdict == Verdict.DOES_NOT_MEET)


def decision_briefing(case: CaseRecord, settings: SiteSettings, today: date) -> DecisionBriefing:
    risk = case.assessment.risk if case.assessment is not None else None
    return DecisionBriefing(
        risk_flags=_risk_flags(case),
        self_harm=risk.self_harm.strip() if risk else "",
        suicide=risk.suicide.strip() if risk else "",
        crisis_plan=risk.crisis_plan.strip() if risk else "",
        failed_checks=_failed_checks(case, settings, today),
    )
