"""The words for the domain's codes, each list written once (issue 15, item 3: one vocabulary).

Codes live in `domain` (what is stored and compared); the words people read live here, for
the screens, the reports and the exports alike, so a requirement is called the same on the
consent screen, the Responsible Clinician's report and a FHIR Consent. The names are the
statutory ones (Sentencing Act 2020, Schedule 9: "mental health treatment requirement", "drug
rehabilitation requirement", "alcohol treatment requirement", "rehabilitation activity
requirement", "unpaid work requirement", "curfew requirement"), capitalised as the CSTR
documents write them.
"""

from __future__ import annotations

from cstr_desk.domain import Requirement, SentenceRequirement

REQUIREMENT_NAMES: dict[Requirement, str] = {
    Requirement.MHTR: "Mental Health Treatment Requirement",
    Requirement.DRR: "Drug Rehabilitation Requirement",
    Requirement.ATR: "Alcohol Treatment Requirement",
}

SENTENCE_REQUIREMENT_NAMES: dict[SentenceRequirement, str] = {
    **{SentenceRequirement(r.value): name for r, name in REQUIREMENT_NAMES.items()},
    SentenceRequirement.RAR: "Rehabilitation Activity Requirement",
    SentenceRequirement.UNPAID_WORK: "Unpaid Work Requirement",
    SentenceRequirement.CURFEW: "Curfew Requirement",
    SentenceRequirement.OTHER: "Another requirement",
}
# The abbreviations everyone at court uses beside the name.
_ABBREVIATED = {SentenceRequirement.MHTR, SentenceRequirement.DRR, SentenceRequirement.ATR,
                SentenceRequirement.RAR}


def requirement_label(requirement: Requirement) -> str:
    """"Mental Health Treatment Requirement (MHTR)"."""
    return f"{REQUIREMENT_NAMES[requirement]} ({requirement.value.upper()})"


def sentence_requirement_label(requirement: SentenceRequirement) -> str:
    name = SENTENCE_REQUIREMENT_NAMES[requirement]
    return f"{name} ({requirement.value.upper()})" if requirement in _ABBREVIATED else name
