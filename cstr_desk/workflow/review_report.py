"""Choosing and building a DRR court review report: which recorded review (by its period),
what probation's sign-off still needs, and when treatment started against its standard, worked
out here because the reports layer cannot see the workflow's rules."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime

from cstr_desk.domain import CaseRecord, CourtReview, SentenceRequirement, User
from cstr_desk.ukdates import uk_date
from cstr_desk.workflow.errors import ActionRefused
from cstr_desk.workflow.order_rules import missing_for_sign_off
from cstr_desk.workflow.start_standards import START_STANDARDS, StartState, case_start_checks


def choose_review(case: CaseRecord, period: tuple[date, date] | None) -> CourtReview:
    """The review for exactly `period`, or the latest one recorded."""
    if not case.court_reviews:
        raise ActionRefused("No court review is recorded for this case yet.")
    if period is None:
        return max(case.court_reviews, key=lambda r: (r.period_to, r.id or 0))
    for review in case.court_reviews:
        if (review.period_from, review.period_to) == period:
            return review
    known = "; ".join(f"{uk_date(r.period_from)} to {uk_date(r.period_to)}"
                      for r in sorted(case.court_reviews, key=lambda r: r.period_from))
    raise ActionRefused(f"No court review is recorded for {uk_date(period[0])} to "
                        f"{uk_date(period[1])}. Recorded periods: {known}.")


def start_line(case: CaseRecord, today: date) -> str:
    for check in case_start_checks(case, today):
        if check.requirement is not SentenceRequirement.DRR:
            continue
        standard = START_STANDARDS[check.requirement].wording
        if check.started_on is None:
            return f"Not started yet; due by {uk_date(check.due_on)} ({standard})"
        verdict = "met" if check.state is StartState.MET else "missed"
        return (f"{uk_date(check.started_on)}: standard {verdict} (due by "
                f"{uk_date(check.due_on)}, {standard})")
    return ""


def court_review_pdf(case: CaseRecord, me: User, users: Mapping[int, User], now: datetime,
                     today: date, period: tuple[date, date] | None,
                     audit_reference: str = "") -> tuple[bytes, list[str], bool]:
    """The PDF, what sign-off still needs, and whether probation has signed it off."""
    # Imported here: ReportLab takes a third of a second to load (reports/__init__.py).
    from cstr_desk.reports import render_court_review

    review = choose_review(case, period)
    signed = review.signed_off_at is not None
    missing = [] if signed else missing_for_sign_off(review)
    pdf = render_court_review(case, review, generated_by=me, users=users, missing=missing,
                              start_line=start_line(case, today), now=now,
                              audit_reference=audit_reference)
    return pdf, missing, signed
