"""The person's copy of their consent, standard or easy read (Manual §4.3 and Appendix 2).

The copy is rebuilt from the consent wording of the version the person was shown (the
`ConsentRecord.consent_version`), never the current one, and says which points they
acknowledged, how they gave consent (drawn signature or witnessed verbal consent, with the
reason), whether an interpreter was used and in what language, and when.
The easy-read copy uses large text (16 pt and up), one idea per block and a picture for each.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Table

from cstr_desk.ukdates import uk_date, uk_datetime
from cstr_desk.consent_text import ConsentText, EasyReadScreen, load_consent
from cstr_desk.domain import CaseRecord, ConsentRecord, ServiceContacts, User
from cstr_desk.reports.layout import (
    CONTENT_WIDTH, RULE, SHADE, PageFurniture, Para, Styles, build_pdf, consent_status, escape,
    field_table, make_styles, staff_name, table_style, user_name,
)
from cstr_desk.reports.pictures import PictureError, easy_read_picture, signature_drawing
from cstr_desk.reports.wording import contact_block, how_consent_was_given, requirement_list

EASY_READ_SIZE = 16  # points; large print guidance asks for 16 pt or more
TICK, NO_TICK = "\u2611", "\u2610"
PICTURE_SIZE = 34 * mm
SIGNING_PICTURE, TALKING_PICTURE = "pen-signing.svg", "people-talking.svg"
# Appendix 2 "please use the contact details below": whom the person asks for a copy.
PERSON_CONTACTS = ("service", "practitioner")


def render_consent_copy(case: CaseRecord, consent: ConsentRecord, *, easy_read: bool,
                        users: Mapping[int, User], now: datetime | None = None,
                        generated_by: User | None = None,
                        contacts: ServiceContacts | None = None,
                        audit_reference: str = "") -> bytes:
    """The consent copy as PDF bytes, in the wording of `consent.consent_version`, with the
    service's `contacts` where the wording points to them. The footer names `generated_by`,
    or, when not given, the practitioner who explained the consent."""
    text = load_consent(consent.consent_version)
    now = now or datetime.now(UTC)
    if easy_read:
        styles = make_styles(EASY_READ_SIZE)
        story = _easy_read_story(case, consent, text, users, styles, contacts)
        title = "Your consent: easy read copy"
    else:
        styles = make_styles()
        story = _standard_story(case, consent, text, users, styles, contacts)
        title = "Consent: copy for the person"
    furniture = PageFurniture(
        report_title=title, person=case.person, generated_at=now,
        generated_by=(staff_name(generated_by) if generated_by
                      else user_name(users, consent.explained_by)),
        consent_status=consent_status(consent), audit_reference=audit_reference,
    )
    return build_pdf(story, furniture)


# --- standard copy ---------------------------------------------------------------------------


def _standard_story(case: CaseRecord, consent: ConsentRecord, text: ConsentText,
                    users: Mapping[int, User], styles: Styles,
                    contacts: ServiceContacts | None) -> list[Flowable]:
    body = styles.body
    story: list[Flowable] = [Para(escape(text.title), styles.title),
                             Para(f"Your copy. Consent wording version {escape(text.version)}.",
                                       styles.small)]
    if consent.withdrawn_at:
        story.append(Para(escape(_withdrawn_sentence(consent)), styles.warning))
    story += field_table(_details(case, consent, users, styles), styles)
    for section in text.sections_for(consent.requirements_assessed_for):
        block: list[Flowable] = [Para(escape(section.heading), styles.heading)]
        block += [Para(escape(p), body) for p in section.paragraphs]
        if section.shows_contacts:
            block += contact_block(contacts, styles, PERSON_CONTACTS)
        if section.acknowledgement_key:
            block.append(_acknowledgement_box(text, consent, section.acknowledgement_key, styles))
        story.append(KeepTogether(block))
    story += _acknowledgement_summary(text, consent, styles)
    story += _how_given(case, consent, styles)
    return story


def _details(case: CaseRecord, consent: ConsentRecord, users: Mapping[int, User],
             styles: Styles) -> list[tuple[str, list[Flowable]]]:
    def cell(value: str) -> list[Flowable]:
        return [Para(escape(value), styles.body)]

    return [
        ("Name", cell(case.person.full_name)),
        ("Date of birth", cell(uk_date(case.person.date_of_birth))),
        ("Date and time", cell(uk_datetime(consent.consented_at))),
        ("Assessed for", cell(requirement_list(consent.requirements_assessed_for) or "None")),
        ("Consents to", cell(requirement_list(consent.requirements_consented) or "None")),
        ("Explained by", cell(user_name(users, consent.explained_by))),
        ("Easy-read version used", cell("Yes" if consent.easy_read_used else "No")),
        ("Interpreter", cell(_interpreter(consent))),
        ("How consent was given", cell(_sentence_case(how_consent_was_given(consent)))),
        ("GP surgery", cell(consent.gp_surgery or case.person.gp_practice or "Not recorded")),
    ]


def _sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]


def _interpreter(consent: ConsentRecord) -> str:
    if consent.interpreter_language:
        return f"Yes, {consent.interpreter_language}"
    return "No interpreter"


def _withdrawn_sentence(consent: ConsentRecord) -> str:
    reason = f" Reason: {consent.withdrawal_reason}" if consent.withdrawal_reason else ""
    return f"This consent was withdrawn on {uk_datetime(consent.withdrawn_at)}.{reason}"


def _acknowledged(consent: ConsentRecord, key: str) -> bool:
    return consent.acknowledgements.get(key) is True


def _acknowledgement_box(text: ConsentText, consent: ConsentRecord, key: str,
                         styles: Styles) -> Table:
    done = _acknowledged(consent, key)
    mark = f"{TICK} Acknowledged" if done else f"{NO_TICK} Not acknowledged"
    statement = escape(text.acknowledgements.get(key, key))
    box = Table([[Para(f"<b>{mark}:</b> {statement}", styles.body)]],
                colWidths=[CONTENT_WIDTH])
    box.setStyle(table_style([("BACKGROUND", (0, 0), (-1, -1), SHADE),
                             ("BOX", (0, 0), (-1, -1), 0.5, RULE)]))
    return box


def _acknowledgement_summary(text: ConsentText, consent: ConsentRecord,
                             styles: Styles) -> list[Flowable]:
    points = text.required_points(consent.requirements_assessed_for)
    rows = [[Para("Yes" if _acknowledged(consent, p) else "No", styles.label),
             Para(escape(text.acknowledgements.get(p, p)), styles.body)] for p in points]
    table = Table(rows, colWidths=[0.12 * CONTENT_WIDTH, 0.88 * CONTENT_WIDTH])
    table.setStyle(table_style([("GRID", (0, 0), (-1, -1), 0.4, RULE),
                               ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return [KeepTogether([Para("Points you said you understood", styles.heading), table])]


def _how_given(case: CaseRecord, consent: ConsentRecord, styles: Styles) -> list[Flowable]:
    block: list[Flowable] = [Para("How consent was given", styles.heading)]
    block += _signature_or_witness(case, consent, styles, width=80 * mm, height=28 * mm)
    return [KeepTogether(block)]


def _signature_or_witness(case: CaseRecord, consent: ConsentRecord, styles: Styles, *,
                          width: float, height: float) -> list[Flowable]:
    when = uk_datetime(consent.consented_at)
    if consent.signature_svg:
        try:
            drawing = signature_drawing(consent.signature_svg, width, height)
        except PictureError as error:
            return [Para(escape(f"{error} It was recorded at {when}."), styles.warning)]
        framed = Table([[drawing]], colWidths=[width + 8], rowHeights=[height + 8], hAlign="LEFT")
        framed.setStyle(table_style([("BOX", (0, 0), (-1, -1), 0.6, RULE)]))
        return [framed, Para(escape(f"Signed by {case.person.full_name}, {when}"),
                                  styles.body)]
    if consent.verbal_consent_witness:
        reason = consent.verbal_consent_reason or "no reason recorded"
        return [Para(escape(f"Consent was given out loud on {when} and witnessed by "
                                 f"{consent.verbal_consent_witness}."), styles.body),
                Para(escape(f"Why there is no signature: {reason}"), styles.body)]
    return [Para("No signature and no witness are recorded.", styles.warning)]


# --- easy read -------------------------------------------------------------------------------


def _easy_read_story(case: CaseRecord, consent: ConsentRecord, text: ConsentText,
                     users: Mapping[int, User], styles: Styles,
                     contacts: ServiceContacts | None) -> list[Flowable]:
    person = case.person
    story: list[Flowable] = [
        Para("What you agreed to", styles.title),
        Para(escape(f"This is your copy, {person.full_name}."), styles.body),
        Para(f"Date of birth: {uk_date(person.date_of_birth)}", styles.body),
    ]
    if consent.withdrawn_at:
        story.append(Para(f"You said no later, on {uk_date(consent.withdrawn_at)}. "
                               "This consent has stopped.", styles.warning))
    story.append(_who_was_there(consent, users, styles))
    for screen in text.easy_read_screens_for(consent.requirements_assessed_for):
        story.append(_screen_block(screen, text, consent, styles, contacts))
    story.append(_easy_read_how_given(case, consent, styles))
    return story


def _picture_block(picture: str, content: list[Flowable]) -> KeepTogether:
    """One idea: its picture on the left, the words on the right, kept on one page."""
    table = Table([[easy_read_picture(picture, PICTURE_SIZE), content]],
                  colWidths=[PICTURE_SIZE + 6 * mm, CONTENT_WIDTH - PICTURE_SIZE - 6 * mm])
    table.setStyle(table_style([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.6, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 8),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
        ("LEFTPADDING", (0, 0), (0, 0), 0),
    ]))
    return KeepTogether([table])


def _screen_block(screen: EasyReadScreen, text: ConsentText, consent: ConsentRecord,
                  styles: Styles, contacts: ServiceContacts | None) -> KeepTogether:
    content: list[Flowable] = [Para(escape(screen.title), styles.heading)]
    content += [Para(escape(s), styles.body) for s in screen.sentences]
    if screen.shows_contacts:
        content += contact_block(contacts, styles, PERSON_CONTACTS)
    key = screen.acknowledgement_key
    if key:
        if _acknowledged(consent, key):
            said = f"{TICK} You said: {escape(text.easy_read_statement(key))}"
            content.append(Para(said, styles.label))
        else:
            content.append(Para(f"{NO_TICK} You did not say you understood this.",
                                     styles.warning))
    return _picture_block(screen.picture, content)


def _who_was_there(consent: ConsentRecord, users: Mapping[int, User], styles: Styles) -> Flowable:
    explainer = users.get(consent.explained_by)
    name = explainer.full_name if explainer else f"staff member number {consent.explained_by}"
    content = [Para("Who talked with you", styles.heading),
               Para(escape(f"{name} explained this to you."), styles.body),
               Para(f"Date: {uk_date(consent.consented_at)}", styles.body),
               Para(f"Time: {uk_datetime(consent.consented_at)[-5:]}", styles.body)]
    if consent.interpreter_language:
        content.append(Para(escape(f"An interpreter helped, in "
                                        f"{consent.interpreter_language}."), styles.body))
    else:
        content.append(Para("There was no interpreter.", styles.body))
    return _picture_block(TALKING_PICTURE, content)


def _easy_read_how_given(case: CaseRecord, consent: ConsentRecord, styles: Styles) -> Flowable:
    agreed = requirement_list(consent.requirements_consented)
    content: list[Flowable] = [Para("How you said yes", styles.heading)]
    content.append(Para(escape(f"You said yes to: {agreed}.") if agreed
                             else "You did not say yes to a treatment requirement.", styles.body))
    content += _signature_or_witness(case, consent, styles, width=90 * mm, height=30 * mm)
    return _picture_block(SIGNING_PICTURE, content)
