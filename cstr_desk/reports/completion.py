"""The completion summary: pre/post outcome measures and attendance at the end of treatment
(Manual §2.4: "pre and post clinical outcomes (for MHTRs CORE34, GAD7, PHQ9 ...)" and
"self-harm / suicide"; missed appointments with their reason, told to the offender manager
within 48 hours, DOMAIN.md step 9), risk before and after (the CORE-OM risk domain, PHQ-9 item
9), the 3, 6 and 12-month follow-ups (§2.4) and the signposting and onward referrals made on
completion (§4.5.2).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime, timedelta

from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Table

import forms
import scoring
from cstr_desk.ukdates import add_months, uk_date, uk_datetime
from cstr_desk.domain import (
    FOLLOW_UP_MONTHS, Administration, Attendance, CaseRecord, TreatmentSession, User,
)
from cstr_desk.reports.charts import Series, bar_chart, nice_maximum
from cstr_desk.reports.layout import (
    CONTENT_WIDTH, FONT_BOLD, INK, PageFurniture, Para, Styles, build_pdf, consent_status,
    escape, field_table, make_styles, paragraphs, staff_name, table_heading, user_name,
)
from cstr_desk.outcome_pairs import OutcomePair, outcome_pairs
from cstr_desk.reports.screening import format_score, grid_style, instrument_title, licence_line
from cstr_desk.reports.wording import readable, sentence_summary
from cstr_desk.score_words import answer_label, change_refusal_words
from scoring.result import ChangeClass, ChangeResult

# DOMAIN.md step 9 (process evaluation Annex C): a missed appointment is reported to the
# offender manager within 48 hours.
REPORTING_LIMIT = timedelta(hours=48)
CHANGE_LABELS = {
    ChangeClass.RELIABLE_IMPROVEMENT: "Reliable improvement",
    ChangeClass.RELIABLE_DETERIORATION: "Reliable deterioration",
    ChangeClass.NO_RELIABLE_CHANGE: "No reliable change",
    ChangeClass.NOT_SCORABLE: "Cannot be classified",
}
BEFORE_COLOUR, AFTER_COLOUR = colors.HexColor("#9aa5b1"), colors.HexColor("#4a6fa5")


def render_completion_summary(case: CaseRecord, *, generated_by: User,
                              users: Mapping[int, User], now: datetime | None = None,
                              audit_reference: str = "") -> bytes:
    now = now or datetime.now(UTC)
    styles = make_styles()
    pairs = outcome_pairs(case)
    story: list[Flowable] = [Para("Treatment completion summary", styles.title),
                             *field_table(_details(case, styles), styles),
                             Para("Outcome measures before and after treatment",
                                       styles.heading), _outcome_table(pairs, styles)]
    story += [Para(escape(licence_line(p.instrument_id)), styles.fine_print) for p in pairs]
    compared = [p for p in pairs if p.change and p.change.before is not None
                and p.change.after is not None]
    if compared:
        story.append(KeepTogether([Para("Scores before and after", styles.heading),
                                   _outcome_chart(compared)]))
    story += _risk_before_after(pairs, styles)
    story += _final_review(case, users, styles)
    story += _attendance(case.sessions, styles)
    story += _after_completion(case, styles)
    furniture = PageFurniture(
        report_title="Treatment completion summary", person=case.person, generated_at=now,
        generated_by=staff_name(generated_by),
        consent_status=consent_status(case.current_consent), audit_reference=audit_reference,
    )
    return build_pdf(story, furniture)


def _details(case: CaseRecord, styles: Styles) -> list[tuple[str, list[Flowable]]]:
    body = styles.body
    completion = case.completion
    if completion is None:
        ended = [Para("The end of treatment is not recorded yet.", styles.warning)]
    else:
        state = "Completed" if completion.completed else "Ended early"
        ended = [Para(f"{state} on {uk_date(completion.ended_on)}", body),
                 *paragraphs(completion.notes, body)]
    breaches = [Para(escape(f"{uk_date(b.decided_on)}: {b.reason}"
                                 f"{' (returned to court)' if b.returned_to_court else ''}"), body)
                for b in case.breaches] or [Para("None recorded", body)]
    provider = case.decision.treatment_provider if case.decision else ""
    return [
        ("Name", [Para(escape(case.person.full_name), body)]),
        ("Date of birth", [Para(uk_date(case.person.date_of_birth), body)]),
        ("Sentence", [Para(escape(sentence_summary(case.sentence)), body)]),
        ("Treatment provider", [Para(escape(provider or "Not recorded"), body)]),
        ("End of treatment", ended),
        ("Breaches", breaches),
    ]


def _final_review(case: CaseRecord, users: Mapping[int, User], styles: Styles) -> list[Flowable]:
    """The final sentence review (2014 guidance, "Completion": a validated screening tool, with
    the health provider and the person; how ongoing needs are met; an onward referral) and each
    provider's sign-off (DRR/ATR service description, "Sentence completion")."""
    story: list[Flowable] = [Para("Final sentence review", styles.heading)]
    review = case.final_review
    if review is None:
        return [*story, Para("The final sentence review is not recorded yet.", styles.warning)]
    body = styles.body
    took_part = [who for who, present in (("the person", review.person_took_part),
                                          ("the health provider", review.provider_took_part))
                 if present]
    signed = {s.requirement: s for s in review.sign_offs}
    requirements = [r for r in ("mhtr", "drr", "atr")
                    if case.sentence and r in {str(x) for x in case.sentence.requirements}]
    sign_offs = []
    for code in requirements:
        one = next((s for r, s in signed.items() if r.value == code), None)
        sign_offs.append(Para(escape(
            f"{code.upper()}: {one.provider}, signed by {user_name(users, one.signed_by)} "
            f"{uk_datetime(one.signed_at)}") if one else f"{code.upper()}: not signed yet",
            body if one else styles.warning))
    tools = ", ".join(instrument_title(i) for i in review.instruments)
    rows = [
        ("Reviewed on", [Para(uk_date(review.reviewed_on), body)]),
        ("Validated tools re-administered",
         [Para(escape(f"{tools} (before and after above)"), body)]),
        ("Held with", [Para(escape(" and ".join(took_part).capitalize() or "Not recorded"), body)]),
        ("How ongoing needs will be met", paragraphs(review.ongoing_needs_plan, body)),
        ("Onward referral", [Para(escape(review.onward_referral_to), body)]),
        ("Providers' sign-off", sign_offs or [Para("No treatment requirement", body)]),
    ]
    # Short enough to keep whole: a page break after the first row would split the sign-offs
    # from the review they sign.
    return [KeepTogether([*story, *field_table(rows, styles)])]


def _score_cell(administration: Administration | None, value: float | None) -> str:
    if administration is None:
        return "Not recorded"
    return f"{format_score(value)} ({uk_date(administration.completed_at)})"


def _total(administration: Administration | None) -> float | None:
    if administration is None:
        return None
    return scoring.score(administration.instrument_id, administration.item_answers()).total


def _outcome_table(pairs: list[OutcomePair], styles: Styles) -> Flowable:
    if not pairs:
        return Para("No completed questionnaire is recorded.", styles.warning)
    cell = styles.small.clone("cell", textColor=INK)
    head = styles.small.clone("head", fontName=FONT_BOLD, textColor=INK)
    rows = [[Para(h, head) for h in ("Questionnaire", "Before", "After", "Change",
                                          "Result")]]
    for pair in pairs:
        change = pair.change
        before = change.before if change else _total(pair.before)
        after = change.after if change else _total(pair.after)
        if pair.after is None:
            result = "No end-of-treatment measure recorded."
        elif change is None:
            result = "No published reliable change value; change not classified."
        else:
            result = _change_text(change)
        difference = (f"{change.difference:+.1f}" if change and change.difference is not None
                      else "-")
        rows.append([Para(escape(_chart_label(pair.instrument_id)), cell),
                     Para(_score_cell(pair.before, before), cell),
                     Para(_score_cell(pair.after, after), cell),
                     Para(difference, cell), Para(escape(result), cell)])
    widths = [0.17, 0.15, 0.15, 0.11, 0.42]
    table = Table(rows, colWidths=[w * CONTENT_WIDTH for w in widths], repeatRows=1)
    table.setStyle(grid_style())
    return table


def _change_text(change: ChangeResult) -> str:
    """The change in words, with scores rounded as printed (Jacobson & Truax 1991 reliable
    change; crossing the clinical cut-off as the instrument's module defines it)."""
    text = CHANGE_LABELS[change.classification]
    if change.difference is None:
        return f"{text}. {change_refusal_words(change)}"
    text += f" (a change of {change.reliable_change_value:g} or more is reliable)."
    cutoff = change.clinical_cutoff
    if cutoff is not None and change.before is not None and change.after is not None:
        if change.before >= cutoff > change.after:
            text += f" Moved from the clinical range (cut-off {cutoff:g}) to below it."
        elif change.after >= cutoff > change.before:
            text += f" Moved into the clinical range (cut-off {cutoff:g})."
        else:
            where = "in" if change.after >= cutoff else "below"
            text += f" Both scores {where} the clinical range (cut-off {cutoff:g})."
    return text


def _chart_label(instrument_id: str) -> str:
    title = instrument_title(instrument_id)
    # Change on the CORE-OM is measured on its clinical score (mean x 10; scoring/core34.py).
    return f"{title} (clinical score)" if instrument_id == "core34" else title


def _outcome_chart(pairs: list[OutcomePair]) -> Drawing:
    before = [p.change.before for p in pairs if p.change]
    after = [p.change.after for p in pairs if p.change]
    top, tick = nice_maximum([v for v in (*before, *after) if v is not None])
    return bar_chart(
        [_chart_label(p.instrument_id) for p in pairs],
        [Series("Before treatment", BEFORE_COLOUR, before), Series("After", AFTER_COLOUR, after)],
        width=CONTENT_WIDTH, height=55 * mm, value_max=top, tick=tick, axis_title="Score",
        value_format=format_score, legend=True,
    )


def _attendance(sessions: list[TreatmentSession], styles: Styles) -> list[Flowable]:
    story: list[Flowable] = [Para("Attendance", styles.heading)]
    if not sessions:
        return [*story, Para("No treatment sessions are recorded.", styles.warning)]
    counts = {a: sum(1 for s in sessions if s.attendance is a) for a in Attendance}
    held = counts[Attendance.ATTENDED] + counts[Attendance.MISSED]
    rate = f" ({counts[Attendance.ATTENDED] / held:.0%} of sessions due)" if held else ""
    missed = [s for s in sessions if s.attendance is Attendance.MISSED]
    told_in_time = sum(1 for s in missed if _told_in_time(s))
    story.append(Para(
        f"Attended {counts[Attendance.ATTENDED]}{rate}; missed {counts[Attendance.MISSED]}; "
        f"cancelled {counts[Attendance.CANCELLED]}; still to come {counts[Attendance.SCHEDULED]}. "
        f"Missed sessions told to the offender manager within 48 hours: {told_in_time} of "
        f"{len(missed)}.", styles.body))
    story.append(_sessions_table(sessions, styles))
    return story


def _told_in_time(session: TreatmentSession) -> bool:
    told = session.offender_manager_told_at
    return told is not None and told - session.scheduled_at <= REPORTING_LIMIT


def _sessions_table(sessions: list[TreatmentSession], styles: Styles) -> Table:
    cell = styles.small.clone("cell", textColor=INK)
    head = styles.small.clone("head", fontName=FONT_BOLD, textColor=INK)
    rows = [[Para(h, head) for h in ("No.", "Date and time", "Attendance",
                                          "Reason missed", "Offender manager told")]]
    for session in sorted(sessions, key=lambda s: s.number):
        reason = readable(session.missed_reason.value) if session.missed_reason else ""
        if session.missed_reason_notes:
            notes = session.missed_reason_notes
            reason = f"{reason}: {notes}" if reason else notes
        told = ""
        if session.offender_manager_told_at:
            told = uk_datetime(session.offender_manager_told_at)
            told += "" if _told_in_time(session) else " (later than 48 hours)"
        elif session.attendance is Attendance.MISSED:
            told = "Not recorded"
        rows.append([Para(str(session.number), cell),
                     Para(uk_datetime(session.scheduled_at), cell),
                     Para(readable(session.attendance.value), cell),
                     Para(escape(reason), cell), Para(told, cell)])
    widths = [0.07, 0.2, 0.14, 0.32, 0.27]
    table = Table(rows, colWidths=[w * CONTENT_WIDTH for w in widths], repeatRows=1)
    table.setStyle(grid_style())
    return table


# Risk before and after (Manual §2.4 "self-harm / suicide" among the outcomes): the CORE-OM risk
# domain mean (items 6, 9, 16, 22, 24, 34) and the PHQ-9's item 9 answer.
PHQ9_RISK_ITEM = 9


def _risk_before_after(pairs: list[OutcomePair], styles: Styles) -> list[Flowable]:
    rows: list[tuple[str, str, str]] = []
    for pair in pairs:
        if pair.instrument_id == "core34":
            rows.append(("CORE-OM risk domain (mean 0-4)", _risk_mean(pair.before),
                         _risk_mean(pair.after)))
        if pair.instrument_id == "phq9":
            rows.append((f"PHQ-9 item {PHQ9_RISK_ITEM} (thoughts of being better off dead or "
                         "of self-harm)", _item_answer(pair.before), _item_answer(pair.after)))
    if not rows:
        return []
    cell = styles.small.clone("cell", textColor=INK)
    head = styles.small.clone("head", fontName=FONT_BOLD, textColor=INK)
    table = Table([[Para(h, head) for h in ("Risk measure", "Before", "After")],
                   *[[Para(escape(c), cell) for c in row] for row in rows]],
                  colWidths=[w * CONTENT_WIDTH for w in (0.46, 0.27, 0.27)], repeatRows=1)
    table.setStyle(grid_style())
    return [*table_heading("Risk before and after treatment", styles), table]


def _risk_mean(administration: Administration | None) -> str:
    if administration is None:
        return "Not recorded"
    result = scoring.score("core34", administration.item_answers())
    mean = result.derived.get("R_mean")
    shown = "cannot be scored" if mean is None else f"{mean:.2f}"
    return f"{shown} ({uk_date(administration.completed_at)})"


def _item_answer(administration: Administration | None) -> str:
    if administration is None:
        return "Not recorded"
    value = administration.item_answers().get(PHQ9_RISK_ITEM)
    label = answer_label(forms.load_form("phq9"), PHQ9_RISK_ITEM, value)
    return f"“{label}” ({uk_date(administration.completed_at)})"


def _after_completion(case: CaseRecord, styles: Styles) -> list[Flowable]:
    """Signposting and onward referrals on completion (Manual §4.5.2), then the 3, 6 and
    12-month follow-ups (§2.4), done or when due."""
    completion = case.completion
    story: list[Flowable] = [Para("Signposting and onward referrals (Manual §4.5.2)",
                                  styles.heading)]
    signposting = completion.signposting if completion else ""
    story += paragraphs(signposting, styles.body) or [
        Para("Not recorded: record the advice, signposting and referrals made at the end of "
             "treatment.", styles.warning)]
    story.append(Para("Follow-ups after completion (Manual §2.4)", styles.heading))
    if completion is None or not completion.completed:
        return [*story, Para("Follow-ups are due once treatment is completed.", styles.body)]
    done = {f.months_after: f for f in case.follow_ups}
    for months in FOLLOW_UP_MONTHS:
        due = add_months(completion.ended_on, months)
        follow_up = done.get(months)
        if follow_up is None:
            story.append(Para(f"{months} months: due {uk_date(due)}, not recorded yet.", styles.body))
        else:
            notes = f": {escape(follow_up.notes)}" if follow_up.notes.strip() else ""
            story.append(Para(f"{months} months: done {uk_date(follow_up.done_on)}{notes}", styles.body))
    return story
