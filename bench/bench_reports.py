"""Time to build the full Responsible Clinician's report, and the DRR court review report beside
it (target for each: at most 300 ms, and at most 5 times a minimal one-page ReportLab document
built in the same run).

The report is the worked example case (`cstr_desk.reports.sample`): every Appendix 3 field filled,
four questionnaires scored, the CORE-OM profile chart, three pages, final. The baseline is the
smallest document that could print the person's name: one A4 page, two paragraphs, in the same
embedded DejaVu fonts (a name like Łukasz or Gwŷn needs them, so their subsetting is part of any
report's floor). A one-page document in the built-in Helvetica is also shown, for scale, without
a target. Times are the best of repeated builds after a warm-up build (fonts registered, forms
loaded), as a court user's second and later reports are; the best, as in bench_monitoring, because
other work on the machine only ever adds time, and the report and the baseline are affected alike.
Run: `python -m bench.bench_reports [--quick]` or `python -m bench --only bench_reports`.
"""

from __future__ import annotations

import io
import sys
import time
from collections.abc import Callable
from pathlib import Path

from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate

from cstr_desk.reports import (
    render_completion_summary, render_consent_copy, render_court_review, render_psr,
)
from cstr_desk.reports.layout import FONT, make_styles
from cstr_desk.reports.sample import (
    CDO, PRACTITIONER, sample_case, sample_completed_case, sample_users,
)
from cstr_desk.reports.sample_drr import sample_court_review, sample_drr_case

from bench.table import row

TARGET_MS = 300.0
TARGET_RATIO = 5.0


def _best_ms(repeats: int, work: Callable[[], object]) -> float:
    work()  # warm-up: font registration, form loading, parsed pictures
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times) * 1000


def minimal_document() -> bytes:
    styles = make_styles()
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, initialFontName=FONT).build([
        Paragraph("Responsible Clinician's Report", styles.title),
        Paragraph("Siân Ó Briain, Łukasz Nowak, Dr Gwŷn Llŵyd", styles.body),
    ])
    return buffer.getvalue()


def helvetica_document() -> bytes:
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer).build([Paragraph("Hello", getSampleStyleSheet()["Normal"])])
    return buffer.getvalue()


def run(quick: bool = False) -> list[dict]:
    repeats = 5 if quick else 30
    users = sample_users()
    me = users[PRACTITIONER]
    case, completed = sample_case(), sample_completed_case()
    baseline = _best_ms(repeats, minimal_document)
    report = _best_ms(repeats, lambda: render_psr(case, generated_by=me, users=users,
                                                    final=True))
    met = report <= TARGET_MS and report / baseline <= TARGET_RATIO
    rows = [row("Responsible Clinician's report, full (3 pages, chart)", report, "ms", baseline,
                 f"<= {TARGET_MS:g} ms, ratio <= {TARGET_RATIO:g}", met)]
    # The DRR court review report goes to the same court, so it meets the same targets.
    drr, review = sample_drr_case(), sample_court_review()
    court_review = _best_ms(repeats, lambda: render_court_review(
        drr, review, generated_by=users[CDO], users=users, missing=[]))
    rows.append(row("DRR court review report (2 pages, 12 tests, chart)", court_review, "ms",
                    baseline,
                     f"<= {TARGET_MS:g} ms, ratio <= {TARGET_RATIO:g}",
                     court_review <= TARGET_MS and court_review / baseline <= TARGET_RATIO))
    consent = case.consents[0]
    for figure, work in (
        ("consent copy, easy read (4 pages, 14 pictures, signature)",
         lambda: render_consent_copy(case, consent, easy_read=True, users=users)),
        ("completion summary (2 pages, chart)",
         lambda: render_completion_summary(completed, generated_by=me, users=users)),
        ("one-page document in built-in Helvetica (for scale)", helvetica_document),
    ):
        rows.append(row(figure, _best_ms(repeats, work), "ms", baseline, None, None))
    return rows


def main(argv: list[str] | None = None) -> int:
    from bench.table import run_alone

    return run_alone(run, __doc__, argv)


if __name__ == "__main__":
    # Run as a plain script (`python bench/bench_reports.py`), the repository root is not on the
    # path, so the shared table printer in bench/table.py would not be found.
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    sys.exit(main())
