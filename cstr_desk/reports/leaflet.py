"""The leaflet given at sentence with the next appointment (DRR/ATR service description,
"Sentence": "the person understands the sentence and is provided with a CSTR leaflet (language
appropriate/easy read if necessary) along with the date/time of the next appointment").

One page in plain words: what the court asked, when and where the next appointment is, what to
do if they cannot come (Manual §4.7: missed appointments go to the offender manager, and
withdrawing consent goes back to court), where to find help at once, and whom to contact. Large
print (16 pt) when the leaflet was given in easy read.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime

from reportlab.platypus import Flowable

from cstr_desk.domain import CaseRecord, SentenceRequirement, ServiceContacts, User
from cstr_desk.reports.appointment import next_appointment
from cstr_desk.reports.gp_letter import ReportNotReady
from cstr_desk.reports.layout import (
    PageFurniture, Para, Styles, build_pdf, consent_status, escape, field_table, make_styles,
    staff_name,
)
from cstr_desk.reports.wording import contact_block, sentence_summary
from cstr_desk.ukdates import london

EASY_READ_SIZE = 16  # points; large print guidance asks for 16 pt or more
TITLE = "Your treatment requirement and your next appointment"
# What each requirement asks, in plain words: Manual §4.5 (MHTR: "approximately 12 one-to-one
# sessions"), 2014 guidance (DRR "regular drug testing"; ATR "alcohol treatment").
WHAT_IT_MEANS = {
    SentenceRequirement.MHTR: "Mental health treatment (MHTR): about 12 one-to-one sessions of "
                              "talking therapy, usually once a week, each about an hour.",
    SentenceRequirement.DRR: "Drug rehabilitation (DRR): drug treatment with your treatment "
                             "service, and regular drug tests.",
    SentenceRequirement.ATR: "Alcohol treatment (ATR): treatment for your drinking with your "
                             "treatment service.",
}
IF_YOU_CANNOT_COME = (
    "If you cannot come, tell us before the appointment, using the contacts below. We will "
    "contact you the way you told us you prefer. Missed appointments are reported to your "
    "offender manager; if you miss appointments without a good reason, or say you no longer "
    "agree to the treatment, your order can go back to court.")
HELP_NOW = ("If you feel unsafe or think about harming yourself, call NHS 111 (choose the "
            "mental health option) or, in an emergency, 999.")


def render_leaflet(case: CaseRecord, *, generated_by: User, users: Mapping[int, User],
                   now: datetime | None = None, contacts: ServiceContacts | None = None,
                   audit_reference: str = "") -> bytes:
    """The leaflet as PDF bytes; raises ReportNotReady while no next appointment is known."""
    appointment = next_appointment(case)
    if appointment is None:
        raise ReportNotReady("The leaflet gives the next appointment, and none is known yet: "
                             "book the first session or record the leaflet's appointment.")
    now = now or datetime.now(UTC)
    easy_read = case.leaflet is not None and case.leaflet.easy_read
    styles = make_styles(EASY_READ_SIZE if easy_read else 11)
    when, place = appointment
    story: list[Flowable] = [
        Para(escape(TITLE), styles.title),
        Para(escape(f"For {case.person.full_name}"), styles.body),
        Para("Your next appointment", styles.heading),
        *field_table([
            ("When", [Para(escape(_when(when)), styles.label)]),
            ("Where", [Para(escape(place or "We will tell you where."), styles.label)]),
        ], styles),
        Para("What the court asked you to do", styles.heading),
        Para(escape(sentence_summary(case.sentence)), styles.body),
        *[Para(escape(WHAT_IT_MEANS[r]), styles.body) for r in _treatment(case)],
        Para("If you cannot come", styles.heading),
        Para(escape(IF_YOU_CANNOT_COME), styles.body),
        Para("If you need help now", styles.heading),
        Para(escape(HELP_NOW), styles.body),
        Para("Who to contact", styles.heading),
        *contact_block(contacts, styles, ("service", "practitioner", "treatment_provider")),
        *_given(case, users, styles),
    ]
    furniture = PageFurniture(
        report_title="Leaflet: next appointment", person=case.person, generated_at=now,
        generated_by=staff_name(generated_by), consent_status=consent_status(case.current_consent),
        audit_reference=audit_reference)
    return build_pdf(story, furniture)


def _when(moment: datetime) -> str:
    local = london(moment)
    return f"{local:%A} {local.day} {local:%B %Y} at {local:%H:%M}"


def _treatment(case: CaseRecord) -> list[SentenceRequirement]:
    sentence = case.sentence
    return [r for r in WHAT_IT_MEANS if sentence is not None and r in sentence.requirements]


def _given(case: CaseRecord, users: Mapping[int, User], styles: Styles) -> list[Flowable]:
    leaflet = case.leaflet
    if leaflet is None:
        return []
    given_by = users.get(leaflet.recorded_by)
    words = f"Given on {leaflet.given_on:%d/%m/%Y}"
    if given_by is not None:
        words += f" by {given_by.full_name}"
    if leaflet.language:
        words += f"; also given in {leaflet.language}"
    return [Para(escape(words + "."), styles.small)]
