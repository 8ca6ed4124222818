"""The addresses and codes the FHIR export uses, each defined once.

CSTR Desk runs offline and has no web address of its own, yet FHIR needs absolute URIs for
canonical URLs and code systems that never change (a changed URI is a different code system to
every receiving server). They sit under the reserved `.invalid` domain (RFC 2606 s.2), which can
never belong to someone else or resolve; changing `CANONICAL_BASE` later would break identity,
so it stays as it is.
"""

from __future__ import annotations

from typing import NamedTuple
from cstr_desk.vocabulary import REQUIREMENT_NAMES

CANONICAL_BASE = "https://cstr-desk.invalid/fhir"

# The NHS number's identifier system, as the UK Naming Systems index lists it
# (simplifier.net/guide/UKNamingSystems, "Identifier NamingSystems": NHS Number).
NHS_NUMBER_SYSTEM = "https://fhir.nhs.uk/Id/nhs-number"
PNC_NUMBER_SYSTEM = f"{CANONICAL_BASE}/Id/pnc-number"

LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
CONSENT_SCOPE = "http://terminology.hl7.org/CodeSystem/consentscope"
# LOINC 59284-0 "Patient Consent", one of the LOINC codes in FHIR R4's example value set for
# Consent.category (hl7.org/fhir/R4/valueset-consent-category.html).
CONSENT_CATEGORY_LOINC = "59284-0"

# Local code systems, one per vocabulary.
SCORE_CODES = f"{CANONICAL_BASE}/CodeSystem/score"
FLAG_CODES = f"{CANONICAL_BASE}/CodeSystem/score-flag"
REQUIREMENT_CODES = f"{CANONICAL_BASE}/CodeSystem/requirement"
REPORT_CODES = f"{CANONICAL_BASE}/CodeSystem/report"
CONSENT_CATEGORY_CODES = f"{CANONICAL_BASE}/CodeSystem/consent-category"
CONSENT_POLICY = f"{CANONICAL_BASE}/ConsentPolicy/combined-consent"


def questionnaire_url(instrument_id: str) -> str:
    return f"{CANONICAL_BASE}/Questionnaire/{instrument_id}"


def answer_codes(instrument_id: str, item: int | None = None) -> str:
    """The code system of an answer list: the form's shared list, or an item's own (AUDIT
    items carry their own choices, so the same code means different words per item)."""
    suffix = "" if item is None else f"/item-{item}"
    return f"{CANONICAL_BASE}/CodeSystem/{instrument_id}-answers{suffix}"


def band_codes(instrument_id: str) -> str:
    return f"{CANONICAL_BASE}/CodeSystem/{instrument_id}-band"


class TotalCode(NamedTuple):
    system: str
    code: str
    display: str


# LOINC codes for the totals LOINC defines, each checked against LOINC's own page:
#   PHQ-9 total 44261-6 "Patient Health Questionnaire 9 item (PHQ-9) total score [Reported]"
#     (https://loinc.org/44261-6, member of panel 44249-1);
#   GAD-7 total 70274-6 "Generalized anxiety disorder 7 item (GAD-7) total score
#     [Reported.PHQ]" (listed in LOINC panel https://loinc.org/69729-2, PHQ-SADS);
#   AUDIT total 75624-7 "Total score [AUDIT]" (https://loinc.org/75624-7, member of panel
#     https://loinc.org/72110-0);
#   AUDIT-C total 75626-2 "Total score [AUDIT-C]" (https://loinc.org/75626-2, member of panel
#     72109-2).
# LOINC holds no K10, CORE-10 or CORE-OM (CORE-34) total that we could find, so those take the
# local score code system.
_LOINC_TOTALS = {
    "phq9": ("44261-6", "Patient Health Questionnaire 9 item (PHQ-9) total score [Reported]"),
    "gad7": ("70274-6", "Generalized anxiety disorder 7 item (GAD-7) total score [Reported.PHQ]"),
    "audit": ("75624-7", "Total score [AUDIT]"),
    "auditc": ("75626-2", "Total score [AUDIT-C]"),
}


def total_code(instrument_id: str, short_title: str) -> TotalCode:
    if instrument_id in _LOINC_TOTALS:
        code, display = _LOINC_TOTALS[instrument_id]
        return TotalCode(LOINC, code, display)
    return TotalCode(SCORE_CODES, f"{instrument_id}-total", f"{short_title} total score")


# FHIR AdministrativeGender from the equality monitoring answer (domain.EQUALITY_OPTIONS
# "gender"). "Prefers not to say" and no answer leave gender out rather than guess: FHIR's
# "unknown" would claim the gender could not be determined.
ADMINISTRATIVE_GENDER = {"female": "female", "male": "male", "non_binary": "other",
                         "other": "other"}

REQUIREMENT_DISPLAY = {requirement.value: name for requirement, name in REQUIREMENT_NAMES.items()}
