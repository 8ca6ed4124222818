"""The DRR court review report (CJA 2003 s.210; 2014 guidance, DRR "Court reviews": "a written
report presented by the National Probation Service to the court which includes the results of
the offender's drug tests", "a collaborative document between treatment provider(s)" and
probation, "discussed with the offender prior to the court review wherever possible"; DRR/ATR
service description, "In relation to court reviews": attendance, drug test results, engagement,
an assessment of progress).

The same page furniture as the court's other report (OFFICIAL-SENSITIVE, Page N of M); it is a
DRAFT, watermarked, until probation signs it off, and what sign-off still needs is listed.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime

from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table

from cstr_desk.domain import (
    Attendance, CaseRecord, CourtReview, DrugTest, DrugTestResult, Requirement, ReviewHearing,
    User,
)
from cstr_desk.reports.charts import Series, bar_chart, nice_maximum
from cstr_desk.reports.layout import (
    CONTENT_WIDTH, DRAFT_RED, FONT_BOLD, INK, PageFurniture, Para, Styles, build_pdf,
    consent_status, escape, field_table, make_styles, paragraphs, staff_name, table_style,
    user_name,
)
from cstr_desk.reports.order_facts import (
    MEETING_LABELS, METHOD_LABELS, RESULT_LABELS, SUBSTANCE_LABELS, attendance_counts,
    drug_test_tally, meetings_in, result_counts, sessions_in, substances_tested, tests_in,
)
from cstr_desk.reports.screening import grid_style
from cstr_desk.reports.wording import sentence_summary
from cstr_desk.ukdates import uk_date, uk_datetime
from cstr_desk.vocabulary import REQUIREMENT_NAMES

TITLE = f"{REQUIREMENT_NAMES[Requirement.DRR]}: court review report"
NOT_RECORDED = "Not recorded"
POSITIVE_COLOUR, NEGATIVE_COLOUR = colors.HexColor("#b5523b"), colors.HexColor("#4a6fa5")
INCONCLUSIVE_COLOUR = colors.HexColor("#9aa5b1")


def render_court_review(case: CaseRecord, review: CourtReview, *, generated_by: User,
                        users: Mapping[int, User], missing: list[str],
                        start_line: str = "", now: datetime | None = None,
                        audit_reference: str = "") -> bytes:
    """The review report as PDF bytes. `missing` is what sign-off still needs (the workflow's
    `order_rules.missing_for_sign_off`); `start_line` says when treatment started against its
    standard (the workflow's `start_standards`), both worked out above the reports layer."""
    now = now or datetime.now(UTC)
    styles = make_styles()
    signed = review.signed_off_at is not None
    tests = tests_in(case, review.period_from, review.period_to)
    story: list[Flowable] = [Para(TITLE, styles.title), _status_line(review, users, styles)]
    if not signed and missing:
        story.append(_missing_box(missing, styles))
    story += [Spacer(1, 3 * mm), *field_table(_details(case, review, start_line, styles), styles)]
    story += _attendance(case, review, styles)
    story += _drug_tests(case, review, tests, styles)
    story += [Para("Engagement, progress and contributions", styles.heading),
              *field_table(_contributions(review, styles), styles)]
    story += _sign_off(review, users, styles)
    furniture = PageFurniture(
        report_title=f"DRR court review report ({'signed off' if signed else 'DRAFT'})",
        person=case.person, generated_at=now, generated_by=staff_name(generated_by),
        consent_status=consent_status(case.current_consent), draft=not signed,
        audit_reference=audit_reference)
    return build_pdf(story, furniture)


def _status_line(review: CourtReview, users: Mapping[int, User], styles: Styles) -> Para:
    if review.signed_off_at is not None:
        return Para(f"Signed off by probation: {escape(user_name(users, review.signed_off_by))}, "
                    f"{uk_datetime(review.signed_off_at)}. For the court.", styles.label)
    return Para("DRAFT: not for the court until probation signs it off.", styles.warning)


def _missing_box(missing: list[str], styles: Styles) -> Table:
    rows = [[Para("Still needed before probation can sign off", styles.warning)]]
    rows += [[Para("• " + escape(item), styles.body)] for item in missing]
    box = Table(rows, colWidths=[CONTENT_WIDTH])
    box.setStyle(table_style([("BOX", (0, 0), (-1, -1), 1.2, DRAFT_RED),
                              ("LEFTPADDING", (0, 0), (-1, -1), 6)]))
    return box


def _hearing(case: CaseRecord, review: CourtReview) -> ReviewHearing | None:
    return next((h for h in case.review_hearings if h.id == review.hearing_id), None)


def _details(case: CaseRecord, review: CourtReview, start_line: str,
             styles: Styles) -> list[tuple[str, list[Flowable]]]:
    body = styles.body
    hearing = _hearing(case, review)
    hearing_text = (f"{uk_date(hearing.hearing_on)} at {hearing.court} (report due "
                    f"{uk_date(hearing.report_due_on)})" if hearing else "Not linked to a hearing")
    schedule = case.test_schedule
    schedule_text = NOT_RECORDED
    if schedule is not None:
        regular = ", ".join(SUBSTANCE_LABELS[s] for s in schedule.regular)
        schedule_text = (f"{schedule.tests_per_week} a week for {regular}, agreed "
                         f"{uk_date(schedule.agreed_on)}")
        if schedule.intermittent:
            schedule_text += "; intermittently for " + ", ".join(
                SUBSTANCE_LABELS[s] for s in schedule.intermittent)
    return [
        ("Name", [Para(escape(case.person.full_name), body)]),
        ("Date of birth", [Para(uk_date(case.person.date_of_birth), body)]),
        ("Order", [Para(escape(sentence_summary(case.sentence)), body)]),
        ("Period covered", [Para(f"{uk_date(review.period_from)} to {uk_date(review.period_to)}", body)]),
        ("Review hearing", [Para(escape(hearing_text), body)]),
        ("Treatment provider", [Para(escape(review.provider_name or NOT_RECORDED), body)]),
        ("Treatment started", [Para(escape(start_line or NOT_RECORDED), body)]),
        ("Drug testing agreed by the court", [Para(escape(schedule_text), body)]),
    ]


def _attendance(case: CaseRecord, review: CourtReview, styles: Styles) -> list[Flowable]:
    story: list[Flowable] = [Para("Attendance", styles.heading)]
    sessions = sessions_in(case, review.period_from, review.period_to)
    if sessions:
        counts = attendance_counts(sessions)
        due = counts[Attendance.ATTENDED] + counts[Attendance.MISSED]
        rate = f" ({counts[Attendance.ATTENDED] / due:.0%} of appointments due)" if due else ""
        story.append(Para(f"Appointments attended {counts[Attendance.ATTENDED]}{rate}; missed "
                          f"{counts[Attendance.MISSED]}; cancelled {counts[Attendance.CANCELLED]}.",
                          styles.body))
    else:
        story.append(Para("No appointments are recorded in this period.", styles.body))
    for meeting in meetings_in(case, review.period_from, review.period_to):
        who = "; ".join(meeting.attendees)
        came = "attended" if meeting.person_attended else "did not attend"
        story.append(Para(escape(f"{MEETING_LABELS[meeting.kind]} {uk_date(meeting.held_on)} "
                                 f"({who}); the person {came}."), styles.body))
    return story


def _drug_tests(case: CaseRecord, review: CourtReview, tests: list[DrugTest],
                styles: Styles) -> list[Flowable]:
    story: list[Flowable] = [Para("Drug test results", styles.heading)]
    tally = drug_test_tally(case, review.period_from, review.period_to)
    summary = f"Tests taken {tally.taken}; missed {tally.missed} (a missed test is not a negative)"
    if case.test_schedule is not None:
        summary += f"; due under the court's schedule: {tally.expected}"
        if tally.behind_schedule:
            summary += f", of which {tally.behind_schedule} not recorded at all"
    story.append(Para(summary + ".", styles.body))
    if not tests:
        return [*story, Para("No drug test is recorded in this period.", styles.warning)]
    story.append(_tests_table(tests, styles))
    substances = substances_tested(tests)
    if substances:
        story.append(KeepTogether([Para("Results by substance", styles.heading),
                                   _results_chart(tests, substances)]))
    return story


def _tests_table(tests: list[DrugTest], styles: Styles) -> Table:
    # Dates, methods and empty notes are plain strings, not paragraphs: they never wrap, and a
    # paragraph per cell was a third of the report's build time (bench/bench_reports.py).
    cell = styles.small.clone("cell", textColor=INK)
    head = styles.small.clone("head", fontName=FONT_BOLD, textColor=INK)
    rows: list[list] = [[Para(h, head) for h in ("Date", "Method", "Results", "Notes")]]
    for test in tests:
        if test.missed:
            results = f"<b>Missed</b>: {escape(test.missed_reason)}"
            method = "-"
        else:
            results = "; ".join(f"{SUBSTANCE_LABELS[r.substance]} {RESULT_LABELS[r.result].lower()}"
                                for r in test.results)
            method = METHOD_LABELS[test.method.value] if test.method else NOT_RECORDED
        notes = Para(escape(test.notes), cell) if test.notes.strip() else ""
        rows.append([uk_date(test.tested_on), method, Para(results, cell), notes])
    widths = [0.14, 0.14, 0.47, 0.25]
    table = Table(rows, colWidths=[w * CONTENT_WIDTH for w in widths], repeatRows=1)
    table.setStyle(grid_style())
    table.setStyle(table_style([("FONTSIZE", (0, 1), (1, -1), cell.fontSize),
                                ("TEXTCOLOR", (0, 1), (1, -1), INK)]))
    return table


def _results_chart(tests: list[DrugTest], substances: list) -> Drawing:
    counts = [result_counts(tests, s) for s in substances]
    series = [Series(RESULT_LABELS[result], colour, [float(c[result]) for c in counts])
              for result, colour in ((DrugTestResult.POSITIVE, POSITIVE_COLOUR),
                                     (DrugTestResult.NEGATIVE, NEGATIVE_COLOUR),
                                     (DrugTestResult.INCONCLUSIVE, INCONCLUSIVE_COLOUR))
              if any(c[result] for c in counts) or result is not DrugTestResult.INCONCLUSIVE]
    top, tick = nice_maximum([v for one in series for v in one.values if v is not None])
    return bar_chart([SUBSTANCE_LABELS[s] for s in substances], series, width=CONTENT_WIDTH,
                     height=60 * mm, value_max=max(top, 1), tick=max(tick, 1),
                     axis_title="Number of tests", value_format=lambda v: f"{v:g}", legend=True)


def _text(text: str, styles: Styles) -> list[Flowable]:
    return paragraphs(text, styles.body) or [Para(NOT_RECORDED, styles.warning)]


def _contributions(review: CourtReview, styles: Styles) -> list[tuple[str, list[Flowable]]]:
    if review.discussed_with_person is None:
        discussed = [Para(NOT_RECORDED, styles.warning)]
    elif review.discussed_with_person:
        discussed = [Para("Yes", styles.body)]
    else:
        discussed = [Para("No", styles.body), Para("Why not", styles.label),
                     *_text(review.not_discussed_reason, styles)]
    provider = [*_text(review.provider_contribution, styles)]
    if review.provider_name.strip():
        provider.insert(0, Para(escape(review.provider_name), styles.label))
    return [
        ("Engagement with treatment", _text(review.engagement, styles)),
        ("Assessment of progress", _text(review.progress, styles)),
        ("Treatment provider's contribution", provider),
        ("Probation's contribution", _text(review.probation_contribution, styles)),
        ("Discussed with the person before the review", discussed),
    ]


def _sign_off(review: CourtReview, users: Mapping[int, User], styles: Styles) -> list[Flowable]:
    text = f"Contributions first recorded {uk_datetime(review.recorded_at)} by " \
           f"{escape(user_name(users, review.recorded_by))}."
    if review.signed_off_at is not None:
        text += (f" Signed off for the court by {escape(user_name(users, review.signed_off_by))}"
                 f" on {uk_datetime(review.signed_off_at)}.")
    return [Spacer(1, 4 * mm), Para(text, styles.small)]
