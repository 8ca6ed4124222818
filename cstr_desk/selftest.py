"""`cstr-desk --self-test`: proves an installed copy (or the bundle) works end to end.

It makes a throw-away encrypted database in a temporary folder, scores every instrument at
its floor and ceiling, checks the bank-holiday calendar, takes the worked example case (`reports.sample`) through the pathway
operations, renders every report from what was stored, verifies the database and removes it.
One line out; exit 0, or 1 naming the step that failed.
"""

from __future__ import annotations

import secrets
import shutil
import tempfile
import time
from pathlib import Path

import forms
import scoring
from cstr_desk.domain import (
    AdministrationMode, CaseRecord, Role, SiteSettings, User,
)
from cstr_desk.store import Session, create_database, open_with_password
from forms.schema import Keying
from cstr_desk.workflow import operations
from cstr_desk.workflow.fhir import export_case

# Each instrument's published range of its total (the form's own item values summed): if the
# bundled form or scoring is damaged, floor or ceiling moves.
TOTAL_RANGES: dict[str, tuple[float, float]] = {
    "k10": (10, 50), "core10": (0, 40), "core34": (0, 136), "phq9": (0, 27), "gad7": (0, 21),
    "audit": (0, 40), "auditc": (0, 12),
}


class SelfTestFailed(Exception):
    def __init__(self, step: str, detail: str) -> None:
        super().__init__(f"{step}: {detail}")
        self.step = step


def _extreme_answers(instrument_id: str, highest: bool) -> dict[int, int]:
    """Every item answered with the option that scores highest (or lowest): for a reverse
    keyed item that is the other end of its options."""
    form = forms.load_form(instrument_id)
    answers: dict[int, int] = {}
    for item in form.items:
        values = form.allowed_values(item.number)
        want_max = highest == (item.keying == Keying.FORWARD)
        answers[item.number] = max(values) if want_max else min(values)
    return answers


def check_scoring() -> int:
    for instrument_id in scoring.INSTRUMENT_IDS:
        floor, ceiling = (scoring.score(instrument_id, _extreme_answers(instrument_id, highest))
                          .total for highest in (False, True))
        if (floor, ceiling) != TOTAL_RANGES[instrument_id]:
            raise SelfTestFailed("scoring", f"{instrument_id} scored {floor} to {ceiling}, "
                                            f"expected {TOTAL_RANGES[instrument_id]}")
    return len(scoring.INSTRUMENT_IDS)


def _take_sample_case_through(path: Path, password: str) -> CaseRecord:
    from cstr_desk.reports.sample import sample_case

    sample = sample_case()
    with open_with_password(path, "practitioner", password) as session:
        person = sample.person.model_copy(update={"id": None})
        referral = sample.referral.model_copy(update={"id": None, "person_id": 0})
        referral_id = operations.register_referral(session, person, referral).record.id
        for given in sample.administrations:
            _administer(session, referral_id, given.instrument_id, given.item_answers())
        operations.save_assessment(session, sample.assessment.model_copy(
            update={"referral_id": referral_id, "completed_by": session.user.id}))
        consent = sample.consents[0].model_copy(
            update={"referral_id": referral_id, "explained_by": session.user.id})
        operations.record_consent(session, consent)
        operations.record_decision(session, sample.decision.model_copy(
            update={"referral_id": referral_id, "recorded_by": session.user.id}))
        return session.load_case(referral_id)


def _administer(session: Session, referral_id: int, instrument_id: str,
                answers: dict[int, int | None]) -> None:
    started = operations.start_administration(
        session, referral_id, instrument_id, AdministrationMode.PRACTITIONER).record
    for position, (number, value) in enumerate(sorted(answers.items()), start=1):
        session.record_answer(started.id, str(number), value, position)
    operations.complete_administration(session, started.id)


def check_working_days() -> None:
    """The bank holidays come from the `holidays` package's data: the Thursday before Easter
    2026 plus 2 working days is the Wednesday after (Good Friday and Easter Monday)."""
    from datetime import date

    from cstr_desk.working_days import add_working_days

    due = add_working_days(date(2026, 4, 2), 2)
    if due != date(2026, 4, 8):
        raise SelfTestFailed("working days", f"02/04/2026 + 2 working days gave {due:%d/%m/%Y}")


def _render_reports(case: CaseRecord, users: dict[int, User]) -> int:
    from cstr_desk.reports import (
        render_completion_summary, render_consent_copy, render_court_review, render_gp_letter,
        render_leaflet, render_psr,
    )
    from cstr_desk.reports.sample_drr import sample_court_review, sample_drr_case

    me = next(user for user in users.values() if user.role == Role.PRACTITIONER)
    consent = case.consents[0]
    pdfs = [
        render_psr(case, generated_by=me, users=users, final=True),
        render_consent_copy(case, consent, easy_read=False, users=users),
        render_consent_copy(case, consent, easy_read=True, users=users),
        render_gp_letter(case, generated_by=me, users=users),
        render_completion_summary(case, generated_by=me, users=users),
        render_leaflet(case, generated_by=me, users=users),
        render_court_review(sample_drr_case(), sample_court_review(), generated_by=me,
                            users=users, missing=[]),
    ]
    for pdf in pdfs:
        if not pdf.startswith(b"%PDF-") or len(pdf) < 2000:
            raise SelfTestFailed("reports", "a report came out empty")
    return len(pdfs)


def _audit_monitoring_return(path: Path, password: str) -> int:
    """The month's anonymised return for the one case: its 1s are hidden and the disclosure
    audit runs its solver (SciPy's HiGHS), which the bundle must carry."""
    from datetime import UTC, datetime

    from cstr_desk.workflow.monitoring_export import prepare_return

    with open_with_password(path, "practitioner", password) as session:
        anonymised = prepare_return(session, datetime.now(UTC).date())
    stars = len(anonymised.protection.hidden)
    if not stars:
        raise SelfTestFailed("monitoring", "the return showed a count of 1")
    return stars


def _run_in(folder: Path) -> str:
    step = "scoring"
    try:
        instruments = check_scoring()
        step = "working days"
        check_working_days()
        step = "database"
        path = folder / "self-test.cstr"
        password = secrets.token_urlsafe(24)
        settings = SiteSettings(site_name="Self-test", courts=["Self-test court"])
        admin = User(username="admin", full_name="Self-test administrator", role=Role.ADMINISTRATOR)
        session, _recovery = create_database(path, admin, password, settings)
        with session:
            session.add_user(User(username="practitioner", full_name="Self-test practitioner",
                                  role=Role.PRACTITIONER), password)
            users = {user.id: user for user in session.list_users() if user.id is not None}
        step = "case"
        case = _take_sample_case_through(path, password)
        step = "reports"
        reports = _render_reports(case, users)
        step = "fhir"
        with open_with_password(path, "practitioner", password) as session:
            resources = export_case(session, case.referral.id, folder / "self-test-fhir.json")
        step = "monitoring"
        stars = _audit_monitoring_return(path, password)
        step = "verify"
        with open_with_password(path, "admin", password) as session:
            report = session.verify()
        if not report.ok:
            raise SelfTestFailed(step, " ".join(report.lines()))
    except SelfTestFailed:
        raise
    except Exception as error:  # the self-test's job is to name the step, whatever broke
        raise SelfTestFailed(step, f"{type(error).__name__}: {error}") from error
    return f"{instruments} instruments scored, a case taken to the Clinical Lead's decision, " \
           f"{reports} reports rendered, database verified, the case exported as FHIR " \
           f"({resources} resources, each checked), the month's return audited ({stars} *)"


def run() -> int:
    started = time.perf_counter()
    folder = Path(tempfile.mkdtemp(prefix="cstr-desk-self-test-"))
    try:
        summary = _run_in(folder)
    except SelfTestFailed as failure:
        print(f"CSTR Desk self-test FAILED at {failure}")
        return 1
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(f"CSTR Desk self-test passed: {summary} ({time.perf_counter() - started:.1f} s)")
    return 0
