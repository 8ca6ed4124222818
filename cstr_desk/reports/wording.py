"""Plain-words phrases that more than one report prints the same way."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from cstr_desk.ukdates import uk_date, uk_datetime
from cstr_desk.domain import (
    ClinicalLeadDecision, ConsentRecord, ContactDetails, Referral, ReferralSource, Requirement,
    SentenceKind, SentenceOutcome, SentenceRequirement, ServiceContacts, User,
)
from reportlab.platypus import Flowable

from cstr_desk.reports.layout import Para, Styles, escape, user_name
from cstr_desk.vocabulary import DECISION_REASON_NAMES, REFERRED_BY, requirement_label

_CODE = re.compile(r"^[a-z0-9]+(_[a-z0-9]+)*$")


def and_list(items: Iterable[str]) -> str:
    """"MHTR and ATR", "A, B and C": lists as people write them."""
    words = list(items)
    if len(words) < 2:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def requirement_list(requirements: Iterable[Requirement]) -> str:
    return and_list(requirement_label(r) for r in requirements)


def requirement_codes(requirements: Iterable[Requirement]) -> str:
    """"MHTR and ATR"."""
    return and_list(r.value.upper() for r in requirements)


def readable(text: str) -> str:
    """A stored vocabulary code ("risk_beyond_primary_care") as words; free text unchanged."""
    if _CODE.match(text):
        words = text.replace("_", " ")
        return words[0].upper() + words[1:]
    return text


def decision_reasons(decision: ClinicalLeadDecision) -> list[str]:
    return [DECISION_REASON_NAMES[reason] for reason in decision.reasons]


def how_consent_was_given(consent: ConsentRecord) -> str:
    if consent.signature_svg:
        return "signed by the person (signature shown on the consent copy)"
    if consent.verbal_consent_witness:
        reason = consent.verbal_consent_reason or "no reason recorded"
        return (f"given verbally, witnessed by {consent.verbal_consent_witness}"
                f" (no signature because: {reason})")
    return "no signature or witness recorded"


def consent_answer(consent: ConsentRecord | None, users: Mapping[int, User]) -> str:
    """The Appendix 3 answer to "Consent of defendant to assessment and treatment gained?"."""
    if consent is None:
        return "No: no consent has been recorded."
    if consent.withdrawn_at is not None:
        reason = f" ({consent.withdrawal_reason})" if consent.withdrawal_reason else ""
        return (f"No: consent given {uk_datetime(consent.consented_at)} was withdrawn "
                f"{uk_datetime(consent.withdrawn_at)}{reason}.")
    if not consent.requirements_consented:
        return (f"No: on {uk_datetime(consent.consented_at)} the person did not consent to any "
                "treatment requirement.")
    parts = [
        f"Yes, {uk_datetime(consent.consented_at)}, to: "
        f"{requirement_list(consent.requirements_consented)}.",
        f"Assessed for: {requirement_list(consent.requirements_assessed_for)}.",
        f"Consent {how_consent_was_given(consent)}; explained by "
        f"{user_name(users, consent.explained_by)}.",
    ]
    if consent.easy_read_used:
        parts.append("The easy-read version was used.")
    if consent.interpreter_language:
        parts.append(f"An interpreter was used ({consent.interpreter_language}).")
    parts.append(f"Consent form version {consent.consent_version}.")
    return " ".join(parts)


SENTENCES = {
    SentenceKind.COMMUNITY_ORDER: "a community order",
    SentenceKind.SUSPENDED_SENTENCE_ORDER: "a suspended sentence order",
    SentenceKind.CUSTODY: "custody",
    SentenceKind.FINE: "a fine",
    SentenceKind.DISCHARGE: "a discharge",
    SentenceKind.OTHER: "another sentence",
}
SENTENCE_REQUIREMENTS = {
    SentenceRequirement.MHTR: "MHTR", SentenceRequirement.DRR: "DRR",
    SentenceRequirement.ATR: "ATR", SentenceRequirement.RAR: "rehabilitation activity (RAR)",
    SentenceRequirement.UNPAID_WORK: "unpaid work", SentenceRequirement.CURFEW: "curfew",
    SentenceRequirement.OTHER: "other",
}


def referral_source(referral: Referral) -> str:
    if referral.referral_source is ReferralSource.OTHER:
        return referral.referral_source_other or "another source"
    return REFERRED_BY[referral.referral_source]


def sentence_summary(sentence: SentenceOutcome | None) -> str:
    """What the court decided, in one sentence (process evaluation Annex A/B)."""
    if sentence is None:
        return "The court's sentence is not yet recorded."
    text = f"On {uk_date(sentence.sentenced_on)} the court gave {SENTENCES[sentence.sentence]}"
    if sentence.length_months:
        text += f" of {sentence.length_months} months"
    if sentence.custody_weeks:
        text += f" ({sentence.custody_weeks} weeks' custody)"
    requirements = [SENTENCE_REQUIREMENTS[r] for r in sentence.requirements]
    if sentence.other_requirements.strip():
        requirements.append(sentence.other_requirements.strip())
    if requirements:
        text += " with these requirements: " + ", ".join(requirements)
    text += "."
    if sentence.no_cstr_reason:
        text += f" No treatment requirement was given because: {sentence.no_cstr_reason}."
    return text


CONTACT_ROLES = (("service", "The service"), ("practitioner", "Practitioner"),
                 ("clinical_lead", "Clinical Lead"), ("treatment_provider", "Treatment provider"))
CONTACTS_NOT_SET = ("The service's contact details are not set yet: an administrator adds them "
                    "in the site settings (Manual §5.2).")


def contact_text(details: ContactDetails) -> str:
    """"Name, address; phone 029 ...; secure email ..."."""
    parts = [p.strip() for p in (details.name, details.address) if p.strip()]
    if details.phone.strip():
        parts.append(f"phone {details.phone.strip()}")
    if details.secure_email.strip():
        parts.append(f"secure email {details.secure_email.strip()}")
    return ", ".join(parts)


def contact_lines(contacts: ServiceContacts | None,
                  roles: tuple[str, ...] = tuple(r for r, _ in CONTACT_ROLES)) -> list[tuple[str, str]]:
    """(who, how to reach them) for each contact that is set, in CONTACT_ROLES order."""
    if contacts is None:
        return []
    lines = []
    for role, label in CONTACT_ROLES:
        details: ContactDetails = getattr(contacts, role)
        if role in roles and not details.is_empty():
            lines.append((label, contact_text(details)))
    return lines


def contact_block(contacts: ServiceContacts | None, styles: Styles,
                  roles: tuple[str, ...] = tuple(r for r, _ in CONTACT_ROLES)) -> list[Flowable]:
    """The contacts as short lines ("<b>The service:</b> name, address, phone, secure email"),
    or a warning that they are not set, so the gap is seen rather than silently missing."""
    lines = contact_lines(contacts, roles)
    if not lines:
        return [Para(escape(CONTACTS_NOT_SET), styles.warning)]
    return [Para(f"<b>{escape(who)}:</b> {escape(how)}", styles.body) for who, how in lines]
