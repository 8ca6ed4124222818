"""Making a case's reports: one path for the app's Reports tab and the `cstr-desk report` command.

`render_report` loads the case, checks the pathway for the matching action (only a Clinical Lead
signs off the final Responsible Clinician's report, Manual §4.4 and Appendix 3; who issues what:
`cstr_desk.permissions`) and builds the PDF in memory. `record_report_use` audits what was done
with it: a preview is audited only; saving or printing also records the report as issued
(`operations.issue_report`, which checks the pathway again), and the file write or print job
runs inside that same transaction, so a failure leaves neither a record nor a file behind; a
saved file goes through `Session.file_with_records`, so that holds across a crash too.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Literal

from cstr_desk.domain import AuditAction, CaseRecord, ReportIssued, ReportKind, ServiceContacts, User
from cstr_desk.store import Session, outputs
from cstr_desk.store.outputs import OutputExists, OutputRefused
from cstr_desk.ukdates import file_name_date
from cstr_desk.workflow.errors import ActionRefused
from cstr_desk.workflow.operations import Changed, issue_report
from cstr_desk.workflow.pathway import Action, ActionCheck, check, report_action, require
from cstr_desk.workflow.review_report import court_review_pdf

ReportUse = Literal["preview", "save", "print"]

_USE_AUDIT: dict[str, tuple[AuditAction, str]] = {
    "preview": (AuditAction.PREVIEW, "previewed"),
    "save": (AuditAction.EXPORT, "written to a PDF file"),
    "print": (AuditAction.PRINT, "printed"),
}


class ReportFileError(Exception):
    """The PDF could not be written; the message says where and why, and that nothing was
    recorded."""


@dataclass(frozen=True)
class ReportChoice:
    """One report the desk can make. `final` tells a draft Responsible Clinician's report from
    the signed-off one; every other report has no draft, so it is issued as final."""

    kind: ReportKind
    final: bool = False
    easy_read: bool = False

    def __post_init__(self) -> None:
        if self.easy_read and self.kind is not ReportKind.CONSENT:
            raise ValueError("Only the consent copy has an easy-read version.")
        if self.final and self.kind is not ReportKind.PSR:
            raise ValueError("Only the Responsible Clinician's report has a draft and a final.")

    @property
    def issued_as_final(self) -> bool:
        return self.final or self.kind is not ReportKind.PSR

    @property
    def action(self) -> Action:
        return report_action(self.kind, self.final)

    @property
    def label(self) -> str:
        if self.kind is ReportKind.PSR:
            return f"Responsible Clinician's report ({'final' if self.final else 'draft'})"
        if self.kind is ReportKind.CONSENT:
            return "Consent copy (easy read)" if self.easy_read else "Consent copy"
        if self.kind is ReportKind.COURT_REVIEW:
            return "DRR court review report"
        if self.kind is ReportKind.LEAFLET:
            return "Leaflet with the next appointment"
        return "GP letter" if self.kind is ReportKind.GP_LETTER else "Completion summary"

    @property
    def file_stem(self) -> str:
        if self.kind is ReportKind.PSR:
            return f"rc-report-{'final' if self.final else 'draft'}"
        if self.kind is ReportKind.CONSENT:
            return "consent-copy-easy-read" if self.easy_read else "consent-copy"
        if self.kind is ReportKind.COURT_REVIEW:
            return "drr-court-review"
        if self.kind is ReportKind.LEAFLET:
            return "leaflet"
        return "gp-letter" if self.kind is ReportKind.GP_LETTER else "completion-summary"


REPORT_CHOICES: tuple[ReportChoice, ...] = (
    ReportChoice(ReportKind.PSR),
    ReportChoice(ReportKind.PSR, final=True),
    ReportChoice(ReportKind.CONSENT),
    ReportChoice(ReportKind.CONSENT, easy_read=True),
    ReportChoice(ReportKind.GP_LETTER),
    ReportChoice(ReportKind.COMPLETION),
    ReportChoice(ReportKind.COURT_REVIEW),
    ReportChoice(ReportKind.LEAFLET),
)


@dataclass(frozen=True)
class RenderedReport:
    """A report built in memory: nothing personal is written to disk until the user saves."""

    pdf: bytes
    case: CaseRecord
    choice: ReportChoice
    made_at: datetime
    # What a draft Responsible Clinician's report, or a court review report probation has not
    # signed off, still lacks before it can be final.
    missing: list[str] = field(default_factory=list)
    # A court review report is final once probation has signed it off; it is issued as it is.
    signed_off: bool = False

    @property
    def issued_as_final(self) -> bool:
        if self.choice.kind is ReportKind.COURT_REVIEW:
            return self.signed_off
        return self.choice.issued_as_final

    @property
    def title(self) -> str:
        return self.choice.label

    @property
    def suggested_file_name(self) -> str:
        # The case number, not the person's name: file names show in folder listings and
        # recent-file lists that the encrypted store does not protect.
        day = file_name_date(self.made_at)
        return f"case-{self.case.referral.id}-{self.choice.file_stem}-{day}.pdf"


def report_checks(case: CaseRecord, user: User, today: date | None = None) -> list[tuple[ReportChoice, ActionCheck]]:
    """Every report with whether this user may make it on this case now, and why not."""
    day = today or date.today()
    return [(choice, check(choice.action, case, user, day)) for choice in REPORT_CHOICES]


@dataclass(frozen=True)
class ReportMaking:
    """Everything a report is made from, read from the store; drawing it (`draw_report`) needs
    no database, so a screen can draw it off the GUI thread."""

    choice: ReportChoice
    case: CaseRecord
    me: User
    users: dict[int, User]
    made_at: datetime
    day: date
    contacts: ServiceContacts
    # The trail as it stands while the report is made; its issue record and audit entry follow.
    audit_reference: str
    period: tuple[date, date] | None = None


def prepare_report(
    session: Session, referral_id: int, kind: ReportKind, *, final: bool = False,
    easy_read: bool = False, today: date | None = None, now: datetime | None = None,
    period: tuple[date, date] | None = None,
) -> ReportMaking:
    """What the report needs, or ActionRefused in plain words when the pathway or the record
    does not allow it yet. Store errors (no such case, no permission) pass through. `period`
    picks the court review report's period (the latest recorded when None)."""
    choice = ReportChoice(kind, final=final and kind is ReportKind.PSR, easy_read=easy_read)
    case = session.load_case(referral_id)
    day = today or date.today()
    require(choice.action, case, session.user, day)
    users = {user.id: user for user in session.list_users() if user.id is not None}
    return ReportMaking(choice=choice, case=case, me=session.user, users=users,
                        made_at=now or datetime.now(UTC), day=day,
                        contacts=session.site_settings().contacts,
                        audit_reference=session.audit_reference(), period=period)


def draw_report(making: ReportMaking) -> RenderedReport:
    """The PDF in memory; ActionRefused when the record cannot make it (e.g. no consent)."""
    choice, case = making.choice, making.case
    if choice.kind is ReportKind.COURT_REVIEW:
        pdf, missing, signed = court_review_pdf(case, making.me, making.users, making.made_at,
                                                making.day, making.period,
                                                making.audit_reference)
        return RenderedReport(pdf=pdf, case=case, choice=choice, made_at=making.made_at,
                              missing=missing, signed_off=signed)
    pdf = _render(choice, case, making.me, making.users, making.made_at, making.contacts,
                  making.audit_reference)
    return RenderedReport(pdf=pdf, case=case, choice=choice, made_at=making.made_at,
                          missing=_missing(choice, case))


def render_report(
    session: Session, referral_id: int, kind: ReportKind, *, final: bool = False,
    easy_read: bool = False, today: date | None = None, now: datetime | None = None,
    period: tuple[date, date] | None = None,
) -> RenderedReport:
    """The report as PDF bytes: `prepare_report` then `draw_report`, in one go."""
    return draw_report(prepare_report(session, referral_id, kind, final=final,
                                      easy_read=easy_read, today=today, now=now, period=period))


def _render(choice: ReportChoice, case: CaseRecord, me: User, users: dict[int, User],
            now: datetime, contacts: ServiceContacts, reference: str) -> bytes:
    # Imported here: ReportLab and svglib take about a third of a second to load, which only
    # making a report should pay (see cstr_desk/reports/__init__.py).
    from cstr_desk.consent_text import ConsentTextError
    from cstr_desk.reports import (
        ReportNotFinal, ReportNotReady, render_completion_summary, render_consent_copy,
        render_gp_letter, render_leaflet, render_psr,
    )

    try:
        if choice.kind is ReportKind.PSR:
            return render_psr(case, generated_by=me, users=users, final=choice.final, now=now,
                              contacts=contacts, audit_reference=reference)
        if choice.kind is ReportKind.CONSENT:
            consent = case.current_consent
            if consent is None:
                raise ActionRefused(f"No consent is recorded for case {case.referral.id}.")
            return render_consent_copy(case, consent, easy_read=choice.easy_read, users=users,
                                       now=now, generated_by=me, contacts=contacts,
                                       audit_reference=reference)
        if choice.kind is ReportKind.GP_LETTER:
            return render_gp_letter(case, generated_by=me, users=users, now=now,
                                    contacts=contacts, audit_reference=reference)
        if choice.kind is ReportKind.LEAFLET:
            return render_leaflet(case, generated_by=me, users=users, now=now, contacts=contacts,
                                  audit_reference=reference)
        return render_completion_summary(case, generated_by=me, users=users, now=now,
                                         audit_reference=reference)
    except (ReportNotFinal, ReportNotReady, ConsentTextError) as error:
        raise ActionRefused(str(error)) from None


def _missing(choice: ReportChoice, case: CaseRecord) -> list[str]:
    if choice.kind is not ReportKind.PSR or choice.final:
        return []
    from cstr_desk.reports import missing_for_psr

    return missing_for_psr(case)


def audit_detail(choice: ReportChoice, how: ReportUse) -> str:
    """Names the report and what was done, never the person (the entry carries the ids)."""
    return f"{choice.label} {_USE_AUDIT[how][1]}"


def record_report_use(
    session: Session, report: RenderedReport, how: ReportUse, *,
    deliver: Callable[[], None] | None = None, today: date | None = None,
) -> Changed[ReportIssued] | None:
    """Audit a preview, or record a saved or printed report as issued and audit it.

    `deliver` (writing the file, sending the print job) runs last inside the same transaction:
    if it raises, the issue record and the audit entry are rolled back with it."""
    action, _ = _USE_AUDIT[how]
    case = report.case
    with session.transaction():
        changed = None
        if how != "preview":
            changed = issue_report(session, case.referral.id, report.choice.kind,
                                   report.issued_as_final, today, pdf=report.pdf)
        session.audit(action, "referral", case.referral.id, case.person.id,
                      detail=audit_detail(report.choice, how))
        if deliver is not None:
            deliver()
    return changed


def save_report(session: Session, report: RenderedReport, path: Path, *,
                force: bool = False, today: date | None = None) -> Changed[ReportIssued]:
    """Write the PDF to `path`, record the report as issued and audit the export, all or
    nothing, even if the process is killed half-way (`Session.file_with_records`). Never over
    the database's own files, over an existing file only with `force` (store/outputs.py).
    Raises ReportFileError (nothing recorded) when the file cannot be written."""
    try:
        target = outputs.check_output(path, database=session.path, force=force)
        with session.file_with_records(target, report.pdf):
            changed = record_report_use(session, report, "save", today=today)
    except OutputExists:
        raise  # the caller says how to replace it (--force, the dialog's confirmation)
    except OutputRefused as error:
        raise ReportFileError(f"{error.message} Nothing was recorded.") from None
    assert changed is not None  # a save always records the issue
    return changed
